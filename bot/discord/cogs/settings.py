"""/settings: each server's own settings, for that server's admins (Manage Server): whether
answers are private, where the bot chats without a mention, the question cooldown. Unlike
the knowledge base (operators only, shared by every server), these are the server's own;
they are kept in SQLite under NESTOR_DATA_DIR (bot/guild_settings.py) and survive restarts."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.errors import Refusal
from bot.guild_settings import MAX_CHAT_CHANNELS
from bot.wording import MANAGE_SERVER_ONLY, NO_MESSAGE_CONTENT, SERVERS_ONLY, server_settings

if TYPE_CHECKING:
    from bot.discord.services import BotServices

log = logging.getLogger("nestorbot.discord")


@app_commands.default_permissions(manage_guild=True)
@app_commands.guild_only()
class ServerSettings(commands.GroupCog, group_name="settings"):
    """This server's settings for NestorBot."""

    def __init__(self, bot: BotServices):
        self.bot = bot

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Default permissions only hide the commands; the permission is checked here."""
        if interaction.guild_id is None:
            raise Refusal(SERVERS_ONLY)
        if not interaction.permissions.manage_guild:
            raise Refusal(MANAGE_SERVER_ONLY)
        return True

    async def _show(self, interaction: discord.Interaction, changed: str = "") -> None:
        now = self.bot.guild_settings.get(interaction.guild_id)
        cooldown = max(now.cooldown or 0.0, self.bot.settings.discord_user_cooldown)
        text = server_settings(
            bool(now.private), cooldown, self.bot.settings.discord_user_burst, now.chat_channels
        )
        await interaction.response.send_message(
            f"{changed}\n{text}".strip(),
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )

    @app_commands.command(name="show", description="This server's settings.")
    async def show(self, interaction: discord.Interaction) -> None:
        await self._show(interaction)

    @app_commands.command(name="answers", description="Public or private answers by default.")
    async def answers(
        self, interaction: discord.Interaction, visibility: Literal["public", "private"]
    ) -> None:
        assert interaction.guild_id is not None
        self.bot.guild_settings.update(interaction.guild_id, private=visibility == "private")
        log.warning("guild %s: answers %s (by %s)", interaction.guild_id, visibility,
                    interaction.user.id)  # fmt: skip
        await self._show(interaction, "Saved.")

    @app_commands.command(name="chat-here", description="Answer here without a mention, or not.")
    async def chat_here(self, interaction: discord.Interaction, on: bool) -> None:
        assert interaction.guild_id is not None and interaction.channel_id is not None
        if on and not self.bot.intents.message_content:
            raise Refusal(NO_MESSAGE_CONTENT)
        here = interaction.channel_id
        current = self.bot.guild_settings.get(interaction.guild_id).chat_channels
        channels = [c for c in current if c != here] + ([here] if on else [])
        if len(channels) > MAX_CHAT_CHANNELS:
            raise Refusal(f"At most {MAX_CHAT_CHANNELS} chat channels per server.")
        self.bot.guild_settings.update(interaction.guild_id, chat_channels=tuple(channels))
        await self._show(interaction, "Saved.")

    @app_commands.command(
        name="cooldown", description="Seconds in which a person may ask a few questions."
    )
    async def cooldown(
        self, interaction: discord.Interaction, seconds: app_commands.Range[int, 0, 3600]
    ) -> None:
        assert interaction.guild_id is not None
        self.bot.guild_settings.update(interaction.guild_id, cooldown=float(seconds))
        await self._show(interaction, "Saved.")


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(ServerSettings(bot))
