"""Knowledge base administration: /kb status and /kb reload, for the bot's operators only.

Every guild shares the one knowledge base, so a guild permission (Manage Server) is never
enough: only the application's owner (or its team) and the admin users or roles configured
in the environment may look inside it or reload it. Discord's default permissions still hide
the group from ordinary members; the handler checks again, because those are only a default.
Reloads have a cooldown, reopen the current build unless a rebuild is asked for, and a failure
is said in one line without paths; the details go to the log under an id. Answers keep coming
from the old knowledge base until the new one validates.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.errors import Refusal
from bot.limits import Cooldown
from bot.wording import (
    OPERATORS_ONLY,
    RELOAD_REASONS,
    RELOAD_RUNNING,
    reload_failed,
    reload_wait,
    reloaded,
)
from knowledge.esco import EscoSourceError
from knowledge.kb import BuildInProgress, KnowledgeBaseError

if TYPE_CHECKING:
    from bot.discord.services import BotServices

log = logging.getLogger("nestorbot.discord")


def has_admin_role(interaction: discord.Interaction, role_ids: list[int]) -> bool:
    """A configured admin role, read from the interaction's payload (right even where the bot
    has not cached the guild's roles)."""
    user = interaction.user
    if not role_ids or interaction.guild_id is None or not isinstance(user, discord.Member):
        return False
    member_role_ids = set(getattr(user, "_roles", ())) | {r.id for r in user.roles}
    return any(role_id in member_role_ids for role_id in role_ids)


async def is_operator(bot: BotServices, interaction: discord.Interaction) -> bool:
    """The application owner or team (as Discord reports them), or a configured admin user
    or role. Guild permissions play no part."""
    settings = bot.settings
    if interaction.user.id in settings.discord_admin_user_ids:
        return True
    if has_admin_role(interaction, settings.discord_admin_role_ids):
        return True
    return await bot.is_owner(interaction.user)


def failure_reason(exc: BaseException) -> str:
    """What went wrong, in words without paths or exception text."""
    if isinstance(exc, BuildInProgress):
        return str(exc)  # "another build is running (pid N)"
    if isinstance(exc, EscoSourceError):
        return RELOAD_REASONS["source"]
    if isinstance(exc, KnowledgeBaseError):
        return RELOAD_REASONS["refused"]
    return RELOAD_REASONS["unexpected"]


@app_commands.default_permissions(manage_guild=True)
class KnowledgeBaseAdmin(commands.GroupCog, group_name="kb", group_description="Knowledge base"):
    def __init__(self, bot: BotServices):
        self.bot = bot
        self._reloading = asyncio.Lock()
        self._cooldown = Cooldown(bot.settings.discord_reload_cooldown)
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Both commands: operators only, refusals logged with who asked."""
        if await is_operator(self.bot, interaction):
            return True
        command = interaction.command.name if interaction.command else "?"
        log.warning("kb %s refused for %s (%s)", command, interaction.user, interaction.user.id)
        raise Refusal(OPERATORS_ONLY)

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

    @app_commands.command(name="reload", description="Reopen or rebuild the knowledge base.")
    @app_commands.describe(rebuild="rebuild from the ESCO export (minutes of CPU), not reopen")
    async def reload(self, interaction: discord.Interaction, rebuild: bool = False) -> None:
        who = f"{interaction.user} ({interaction.user.id})"
        if self._reloading.locked():
            raise Refusal(RELOAD_RUNNING)
        wait = self._cooldown.retry_after("reload")
        if wait > 0:
            raise Refusal(reload_wait(wait))
        async with self._reloading:  # taken before the first await: no second reload slips in
            await interaction.response.defer(ephemeral=True, thinking=True)
            before = self.bot.assistant.kb.build_id
            log.warning("kb reload (rebuild=%s) requested by %s", rebuild, who)
            started = time.perf_counter()
            try:
                kb = await asyncio.to_thread(self.bot.assistant.reload, rebuild=rebuild)
            except Exception as exc:  # the old knowledge base stays in place
                self._cooldown.refund("reload")  # a failed reload does not lock operators out
                error_id = uuid.uuid4().hex[:8]
                log.warning("kb reload %s by %s failed: %r", error_id, who, exc)
                await interaction.followup.send(
                    reload_failed(failure_reason(exc), before, error_id), ephemeral=True
                )
                return
            seconds = time.perf_counter() - started
            log.warning("kb reload by %s done: %s -> %s in %.1f s", who, before, kb.build_id,
                        seconds)  # fmt: skip
            await interaction.followup.send(reloaded(seconds, kb.build_id, before), ephemeral=True)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(KnowledgeBaseAdmin(bot))
