"""What a Discord extension may ask of the bot: a small protocol, so that extensions depend on
these services rather than on the client class (and the client never imports them back)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import discord
    from discord import app_commands

    from bot.app import AskResult, Assistant
    from bot.discord.delivery import Delivery
    from bot.guild_settings import GuildSettingsStore
    from bot.limits import RateLimit
    from bot.settings import Settings


class BotServices(Protocol):
    settings: Settings
    assistant: Assistant
    cooldown: RateLimit
    guild_settings: GuildSettingsStore
    delivery: Delivery
    tree: app_commands.CommandTree

    @property
    def user(self) -> discord.ClientUser | None: ...

    async def is_owner(self, user: discord.abc.User, /) -> bool:
        """The application's owner or a member of its team."""
        ...

    def busy(self) -> contextlib.AbstractAsyncContextManager[None]:
        """Marks work in flight (refused with a Refusal while shutting down)."""
        ...

    async def in_worker(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Work that may call the LLM, in the answer threads."""
        ...

    def by_deadline(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        """``fn`` with its LLM deadline counted from now (when the person asked)."""
        ...

    async def quick(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Lookups that never call the LLM, in the lookup threads."""
        ...

    async def ask(self, text: str) -> AskResult: ...

    def check_cooldown(self, user_id: int, guild_id: int | None = None) -> None: ...

    def question_wait(self, user_id: int, guild_id: int | None = None) -> float: ...

    def private_answers(self, guild_id: int | None) -> bool: ...

    def chat_channel(self, channel_id: int, guild_id: int | None) -> bool: ...

    def check_lookup_limit(self, user_id: int) -> None: ...

    async def suggest(self, text: str, n: int) -> list: ...

    async def validation_table(self) -> str | None: ...
