"""Sending an interaction's answer as followups, private or public as a whole."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import discord


def followup(
    interaction: discord.Interaction, private: bool, *, wait: bool = False
) -> Callable[..., Awaitable[Any]]:
    """Sends an interaction's answer messages: all of them private when it is private (the
    first replaces the "thinking" message, which keeps its flag; the others need their own).
    ``wait``: return the sent message (a menu needs it to mark itself expired)."""

    async def send(**kwargs):
        return await interaction.followup.send(ephemeral=private, wait=wait, **kwargs)

    return send
