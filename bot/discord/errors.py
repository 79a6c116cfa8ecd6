"""One place that turns every slash-command failure into a short, kind reply.

Expected refusals (not an admin, asking too fast) get their own message; anything else gets
an error id the person can quote, and the full traceback goes to the log under that id.
Modelled on Red-DiscordBot's tree ``on_error`` and python-discord's error handler."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import discord
from discord import app_commands

from bot.wording import NOT_AVAILABLE, asking_quickly, went_wrong

log = logging.getLogger("nestorbot.discord")


class Refusal(app_commands.CheckFailure):
    """A check that failed with a message meant for the person."""


class RateLimited(Refusal):
    def __init__(self, retry_after: float):
        super().__init__(asking_quickly(retry_after))
        self.retry_after = retry_after


async def reply_ephemeral(interaction: discord.Interaction, text: str) -> None:
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True)
        else:
            await interaction.response.send_message(text, ephemeral=True)
    except discord.HTTPException:
        log.warning("could not deliver an error reply for interaction %s", interaction.id)


async def report_failure(
    reply: Callable[[str], Awaitable[Any]], error: BaseException, where: str
) -> None:
    """The one error path: a Refusal is said as it is; anything else is logged with an id
    and the person gets a kind reply carrying that id (never the exception's text)."""
    original = getattr(error, "original", error)
    if isinstance(original, Refusal):
        await reply(str(original))
        return
    error_id = uuid.uuid4().hex[:8]
    log.error("error %s in %s: %s", error_id, where, original, exc_info=original)
    await reply(went_wrong(error_id))


async def on_app_command_error(
    interaction: discord.Interaction, error: app_commands.AppCommandError
) -> None:
    if not isinstance(error, Refusal) and isinstance(
        error, app_commands.MissingPermissions | app_commands.CheckFailure
    ):
        await reply_ephemeral(interaction, NOT_AVAILABLE)
        return
    command = interaction.command.qualified_name if interaction.command else "?"
    await report_failure(
        lambda text: reply_ephemeral(interaction, text),
        error,
        f"/{command} (user {interaction.user.id})",
    )
