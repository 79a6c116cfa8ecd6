"""Knowledge base administration: /kb status and /kb reload.

Reload is admin-only twice over: Discord hides the group from members without Manage Server
(default permissions, which server owners can change), and the handler checks again (Manage
Server, or a configured admin user or role), because default permissions are only a default.
Answers keep coming from the old knowledge base until the new one validates; a failed reload
changes nothing and says why.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.errors import Refusal

if TYPE_CHECKING:
    from bot.discord.services import BotServices

log = logging.getLogger("nestorbot.discord")


def is_admin(interaction: discord.Interaction, user_ids: list[int], role_ids: list[int]) -> bool:
    """Manage Server as Discord computed it for this interaction (the payload's member
    permissions, right even where the bot has not cached the guild's roles), or a
    configured admin user or role (role ids from the payload, not from the cache)."""
    user = interaction.user
    if user.id in user_ids:
        return True
    if interaction.guild_id is None or not isinstance(user, discord.Member):
        return False
    if interaction.permissions.manage_guild:
        return True
    member_role_ids = set(getattr(user, "_roles", ())) | {r.id for r in user.roles}
    return any(role_id in member_role_ids for role_id in role_ids)


@app_commands.default_permissions(manage_guild=True)
class KnowledgeBaseAdmin(commands.GroupCog, group_name="kb", group_description="Knowledge base"):
    def __init__(self, bot: BotServices):
        self.bot = bot
        self._reloading = asyncio.Lock()
        super().__init__()

    @app_commands.command(name="status", description="Which knowledge base is being served.")
    async def status(self, interaction: discord.Interaction) -> None:
        status = self.bot.assistant.kb.status()
        counts = status["counts"]
        embed = discord.Embed(title="Knowledge base", colour=0x6639BA)
        embed.add_field(name="Build", value=f"`{status['build_id']}`", inline=False)
        embed.add_field(name="ESCO", value=f"v{status['esco_version']}")
        embed.add_field(name="Embeddings", value=str(status["embedding_model"])[:1024])
        embed.add_field(name="Chroma", value=str(status["chroma"]["mode"]))
        embed.add_field(
            name="Contents",
            value=f"{counts['occupations']} occupations, {counts['labels']} labels, "
            f"{counts['skills']} skills",
            inline=False,
        )
        embed.add_field(name="Built", value=f"{status['built_at']} in {status['build_seconds']} s")
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @app_commands.command(name="reload", description="Rebuild or reload the knowledge base.")
    @app_commands.describe(rebuild="rebuild from the ESCO export (minutes) or just reopen")
    async def reload(self, interaction: discord.Interaction, rebuild: bool = True) -> None:
        settings = self.bot.settings
        who = f"{interaction.user} ({interaction.user.id})"
        if not is_admin(interaction, settings.discord_admin_user_ids,
                        settings.discord_admin_role_ids):  # fmt: skip
            log.warning("kb reload refused for %s", who)
            raise Refusal(
                "Only server managers (or configured admins) can reload the knowledge base."
            )
        if self._reloading.locked():
            raise Refusal("A reload is already running; I will keep answering meanwhile.")
        async with self._reloading:  # taken before the first await: no second reload slips in
            await interaction.response.defer(ephemeral=True, thinking=True)
            before = self.bot.assistant.kb.build_id
            log.warning("kb reload (rebuild=%s) requested by %s", rebuild, who)
            started = time.perf_counter()
            try:
                kb = await asyncio.to_thread(self.bot.assistant.reload, rebuild=rebuild)
            except Exception as exc:  # the old knowledge base stays in place
                log.error("kb reload by %s failed: %s", who, exc)
                why = (str(exc).splitlines() or [type(exc).__name__])[0][:300]
                await interaction.followup.send(
                    f"Reload failed; still serving `{before}`.\nWhy: {why}", ephemeral=True
                )
                return
            seconds = time.perf_counter() - started
            log.warning("kb reload by %s done: %s -> %s in %.1f s", who, before, kb.build_id,
                        seconds)  # fmt: skip
            await interaction.followup.send(
                f"Reloaded in {seconds:.1f} s: now serving `{kb.build_id}` (was `{before}`).",
                ephemeral=True,
            )


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(KnowledgeBaseAdmin(bot))
