"""Chat: mention the bot, DM it, or talk in a configured channel; it answers in the thread of
conversation with the typing indicator on while it works."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.conversation import Conversations
from bot.discord.errors import report_failure
from bot.discord.render import moves_embed
from bot.wording import EMPTY_MESSAGE, NO_SUCH_OCCUPATION, asking_quickly
from knowledge.message_kinds import FollowUp, follow_up
from scoring.card import ScoreCard

if TYPE_CHECKING:
    from bot.discord.services import BotServices

log = logging.getLogger("nestorbot.discord")


class Chat(commands.Cog):
    def __init__(self, bot: BotServices):
        self.bot = bot
        self.conversations = Conversations()

    def _context(self, message: discord.Message) -> ScoreCard | None:
        """The occupation this message follows up on: the answer it replies to, or the last
        answer in this DM (or the bot's own thread) a few minutes ago."""
        reference = message.reference.message_id if message.reference else None
        channel = message.channel
        recent = message.guild is None or (
            isinstance(channel, discord.Thread)
            and self.bot.user is not None
            and channel.owner_id == self.bot.user.id
        )
        uri = self.conversations.about(channel.id, message.author.id, reference, recent)
        return self.bot.assistant.card(uri) if uri is not None else None

    async def _follow_up(self, send, card: ScoreCard, asked: FollowUp) -> None:
        """ "What should I learn?": the moves of the occupation in context; "compare with
        welders": the two side by side. Only the resolved occupations are used, never the
        text (which no LLM sees)."""
        if asked.kind == "moves":
            await send(embed=moves_embed(card))
            return
        comparison = await self.bot.quick(self.bot.assistant.compare_with, card, asked.other)
        if comparison is None:
            await send(content=NO_SUCH_OCCUPATION)
            return
        await self.bot.delivery.send_comparison(send, comparison)

    def _addressed(self, message: discord.Message) -> bool:
        if message.guild is None:
            return True  # a DM
        if self.bot.user is not None and self.bot.user in message.mentions:
            return True
        return self.bot.chat_channel(message.channel.id, message.guild.id)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or message.webhook_id is not None or not self._addressed(message):
            return
        text = re.sub(r"<@!?\d+>", " ", message.content).strip()
        if not text:
            await message.reply(EMPTY_MESSAGE, mention_author=False)
            return
        wait = self.bot.question_wait(
            message.author.id, message.guild.id if message.guild else None
        )
        if wait > 0:
            await message.reply(asking_quickly(wait), mention_author=False)
            return

        sent: list[discord.Message] = []

        async def send(**kwargs):
            reply = await message.reply(mention_author=False, **kwargs)
            sent.append(reply)
            return reply

        try:
            async with self.bot.busy(), message.channel.typing():
                context = self._context(message)
                asked = follow_up(text) if context is not None else None
                if asked is not None and asked.kind == "moves":
                    # "I'm a nurse now, what should I learn?" names its own job: a new question
                    named = await self.bot.quick(self.bot.assistant.resolve, text)
                    asked = None if named.status == "resolved" else asked
                if context is not None and asked is not None:
                    await self._follow_up(send, context, asked)
                    return
                comparison = await self.bot.quick(self.bot.assistant.compare, text)
                if comparison is not None:  # "my wife is a paralegal and I'm a welder"
                    await self.bot.delivery.send_comparison(send, comparison)
                    return
                result = await self.bot.ask(text)
                await self.bot.delivery.deliver(send, result, message.author.id)
                if result.status == "resolved" and result.card is not None:
                    self.conversations.answered(
                        message.channel.id, message.author.id, [m.id for m in sent],
                        result.card.occupation.uri,
                    )  # fmt: skip
        except Exception as exc:
            reply = lambda text: message.reply(text, mention_author=False)  # noqa: E731
            await report_failure(reply, exc, f"message {message.id}")


async def setup(bot: commands.Bot) -> None:
    """Chat only where it is switched on (NESTOR_DISCORD_CHAT)."""
    if bot.settings.discord_chat:
        await bot.add_cog(Chat(bot))
