"""Chat: mention the bot, DM it, or talk in a configured channel; it answers in the thread of
conversation with the typing indicator on while it works."""

from __future__ import annotations

import logging
import re
import uuid
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.discord.errors import Refusal

if TYPE_CHECKING:
    from bot.discord.client import NestorBot

log = logging.getLogger("nestorbot.discord")


class Chat(commands.Cog):
    def __init__(self, bot: NestorBot):
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
            await message.reply(
                'Ask me about a job, for example "will AI replace glaziers?"', mention_author=False
            )
            return
        wait = self.bot.cooldown.retry_after(message.author.id)
        if wait > 0:
            await message.reply(
                f"You are asking quickly: I can take your next question in {wait:.0f} s.",
                mention_author=False,
            )
            return

        async def send(**kwargs):
            return await message.reply(mention_author=False, **kwargs)

        try:
            async with self.bot.busy(), message.channel.typing():
                result = await self.bot.ask(text)
                await self.bot.deliver(send, result, message.author.id)
        except Refusal as refusal:
            await message.reply(str(refusal), mention_author=False)
        except Exception:
            error_id = uuid.uuid4().hex[:8]
            log.exception("error %s answering message %s", error_id, message.id)
            await message.reply(
                f"Something went wrong on my side (error `{error_id}`). It is logged; please "
                "try again in a moment.",
                mention_author=False,
            )
