"""Starting the Discord bot from the CLI: the only place that turns discord.py's start-up
failures into one-line reasons, so the CLI never imports discord itself."""

from __future__ import annotations

import asyncio
import logging
import os

import discord

from bot.app import Assistant
from bot.discord.client import create_bot, point_at, serve
from bot.settings import Settings


class BotStartError(RuntimeError):
    """The bot cannot start; the message says why and how to fix it."""


def run(settings: Settings, assistant: Assistant, token: str) -> None:
    point_at(settings.discord_api_base, settings.discord_gateway_url)
    bot = create_bot(settings, assistant)
    try:
        drained = asyncio.run(serve(bot, token))
    except discord.LoginFailure as exc:
        raise BotStartError("Discord rejected the token (NESTOR_DISCORD_TOKEN)") from exc
    except discord.PrivilegedIntentsRequired as exc:
        raise BotStartError(
            "chat channels need the message content intent: enable it in the developer portal, "
            "or unset NESTOR_DISCORD_CHAT_CHANNEL_IDS"
        ) from exc
    if not drained:
        # Worker threads still wait on the LLM, and the interpreter would join them at exit
        # (for as long as the LLM takes): the drain timeout is the promise, so leave now.
        logging.shutdown()
        os._exit(0)
