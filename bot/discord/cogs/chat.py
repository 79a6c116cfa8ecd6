"""Chat: mention the bot, DM it, or talk in a configured channel; it answers in the thread of
conversation with the typing indicator on while it works."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.discord.errors import report_failure
from bot.wording import EMPTY_MESSAGE, asking_quickly

if TYPE_CHECKING:
    from bot.discord.services import BotServices

log = logging.getLogger("nestorbot.discord")


class Chat(commands.Cog):
    def __init__(self, bot: BotServices):
        self.bot = bot

    def _addressed(self, message: discord.Message) -> bool:
        if message.guild is None:
            return True  # a DM
        if self.bot.user is not None and self.bot.user in message.mentions:
            return True
        return message.channel.id in self.bot.settings.discord_chat_channel_ids

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or message.webhook_id is not None or not self._addressed(message):
            return
        text = re.sub(r"<@!?\d+>", " ", message.content).strip()
        if not text:
            await message.reply(EMPTY_MESSAGE, mention_author=False)
            return
        wait = self.bot.cooldown.retry_after(message.author.id)
        if wait > 0:
            await message.reply(asking_quickly(wait), mention_author=False)
            return

        async def send(**kwargs):
            return await message.reply(mention_author=False, **kwargs)

        try:
            async with self.bot.busy(), message.channel.typing():
                comparison = await self.bot.quick(self.bot.assistant.compare, text)
                if comparison is not None:  # "my wife is a paralegal and I'm a welder"
                    await self.bot.delivery.send_comparison(send, comparison)
                    return
                result = await self.bot.ask(text)
                await self.bot.delivery.deliver(send, result, message.author.id)
        except Exception as exc:
            reply = lambda text: message.reply(text, mention_author=False)  # noqa: E731
            await report_failure(reply, exc, f"message {message.id}")


async def setup(bot: commands.Bot) -> None:
    """Chat only where it is switched on (NESTOR_DISCORD_CHAT)."""
    if bot.settings.discord_chat:
        await bot.add_cog(Chat(bot))
