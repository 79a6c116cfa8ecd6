"""One place that turns every slash-command failure into a short, kind reply.

Expected refusals (not an admin, asking too fast) get their own message; anything else gets
an error id the person can quote, and the full traceback goes to the log under that id.
Modelled on Red-DiscordBot's tree ``on_error`` and python-discord's error handler."""

from __future__ import annotations

import logging
import uuid

import discord
from discord import app_commands

log = logging.getLogger("nestorbot.discord")


class Refusal(app_commands.CheckFailure):
    """A check that failed with a message meant for the person."""


class RateLimited(Refusal):
    def __init__(self, retry_after: float):
        super().__init__(
            f"You are asking quickly: I can take your next question in {retry_after:.0f} s."
        )
        self.retry_after = retry_after


async def reply_ephemeral(interaction: discord.Interaction, text: str) -> None:
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True)
        else:
            await interaction.response.send_message(text, ephemeral=True)
    except discord.HTTPException:
        log.warning("could not deliver an error reply for interaction %s", interaction.id)


async def on_app_command_error(
    interaction: discord.Interaction, error: app_commands.AppCommandError
) -> None:
    if isinstance(error, Refusal):
        await reply_ephemeral(interaction, str(error))
        return
    if isinstance(error, app_commands.MissingPermissions | app_commands.CheckFailure):
        await reply_ephemeral(interaction, "Sorry, that command is not available to you here.")
        return
    error_id = uuid.uuid4().hex[:8]
    original = getattr(error, "original", error)
    log.error(
        "error %s in /%s (user %s): %s",
        error_id,
        interaction.command.qualified_name if interaction.command else "?",
        interaction.user.id,
        original,
        exc_info=original,
    )
    await reply_ephemeral(
        interaction,
        f"Something went wrong on my side (error `{error_id}`). It is logged; please try "
        "again in a moment.",
    )
