"""The bot: an AutoShardedBot holding the Assistant, with the limits that protect it.

Every Assistant call runs in a worker thread under a semaphore (``discord_concurrency``), so
the event loop (heartbeats, other people's interactions) never waits on the knowledge base
or the LLM. ``point_at`` lets a deployment put a REST or gateway proxy in front of Discord
(and lets our end-to-end tests point the unmodified process at a fake on loopback).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import pkgutil
import signal
import time
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import discord
import yarl
from discord import app_commands
from discord.ext import commands, tasks

from bot.app import AskResult, Assistant
from bot.discord import cogs
from bot.discord.buttons import AnswerButton, answer_unoffered
from bot.discord.delivery import Delivery
from bot.discord.errors import RateLimited, Refusal, on_app_command_error
from bot.guild_settings import GuildSettingsStore
from bot.limits import RateLimit
from bot.settings import Settings
from bot.wording import BUSY, RESTARTING
from prompts.deadline import until

log = logging.getLogger("nestorbot.discord")
MAX_SUGGESTING = 8  # autocompletes worked out at once; beyond that, no suggestions (shed)


def point_at(api_base: str, gateway_url: str) -> None:
    """Where discord.py finds Discord's REST API and gateway (must run before the client is
    built). The REST base also carries interaction callbacks and webhooks."""
    discord.http.Route.BASE = api_base.rstrip("/")
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)


def intents_for(settings: Settings) -> discord.Intents:
    """Only what is used. Mentions and DMs carry their text without the privileged message
    content intent; reading a whole chat channel needs it, so it is asked for only then (or
    when the operators allow servers to pick their own chat channels)."""
    intents = discord.Intents.none()
    intents.guilds = True
    if settings.discord_chat:
        intents.guild_messages = True
        intents.dm_messages = True
        intents.message_content = bool(
            settings.discord_chat_channel_ids or settings.discord_message_content
        )
    return intents


class NestorBot(commands.AutoShardedBot):
    def __init__(self, settings: Settings, assistant: Assistant, **options: Any):
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=intents_for(settings),
            allowed_mentions=discord.AllowedMentions.none(),
            shard_count=settings.discord_shard_count,
            shard_ids=settings.discord_shard_ids or None,
            **options,
        )
        self.settings = settings
        self.assistant = assistant
        self.work = asyncio.Semaphore(settings.discord_concurrency)
        self.cooldown = RateLimit(settings.discord_user_burst, settings.discord_user_cooldown)
        self._question_limits = {settings.discord_user_cooldown: self.cooldown}
        self.guild_settings = GuildSettingsStore(settings.guild_settings_path())
        self.lookup_limit = RateLimit(settings.discord_lookup_burst, 60.0)
        self._waiting = 0  # answers waiting for a worker (bounded by discord_queue_limit)
        self._suggesting = 0  # autocompletes being worked out
        self.tree.on_error = on_app_command_error
        self._validation: str | None = None
        self._in_flight = 0
        self._idle = asyncio.Event()
        self._follower: tasks.Loop | None = None
        self._follow_failed: str | None = None
        self._idle.set()
        self.accepting = True  # False once shutting down: new work is politely refused
        # Answers (which may wait on the LLM) and lookups have threads of their own, so a busy
        # LLM never leaves /score waiting for a free thread.
        self._answer_threads = ThreadPoolExecutor(
            settings.discord_concurrency, thread_name_prefix="answer"
        )
        self._lookup_threads = ThreadPoolExecutor(4, thread_name_prefix="lookup")
        self.delivery = Delivery(self)

    async def process_commands(self, message: discord.Message) -> None:
        """No prefix commands: a mention is a question for the Chat cog, not a command."""

    @contextlib.asynccontextmanager
    async def busy(self) -> AsyncIterator[None]:
        """Marks work in flight, so shutdown can wait for answers being written."""
        if not self.accepting:
            raise Refusal(RESTARTING)
        self._in_flight += 1
        self._idle.clear()
        try:
            yield
        finally:
            self._in_flight -= 1
            if self._in_flight == 0:
                self._idle.set()

    async def drain(self, timeout: float) -> bool:
        """Stop taking work and wait up to ``timeout`` s for work in flight; True if idle."""
        self.accepting = False
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
            return True
        except TimeoutError:
            return False

    async def setup_hook(self) -> None:
        # Buttons under answers sent before a restart keep working (bot/discord/buttons.py).
        self.add_dynamic_items(AnswerButton)
        # Extensions by discovery: every module of bot/discord/cogs with a setup(bot).
        for module in sorted(pkgutil.iter_modules(cogs.__path__), key=lambda m: m.name):
            await self.load_extension(f"{cogs.__name__}.{module.name}")
        guild_id = self.settings.discord_dev_guild_id
        if guild_id:
            guild = discord.Object(guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
        else:
            synced = await self.tree.sync()
        log.info("synced %d slash commands%s", len(synced), f" to {guild_id}" if guild_id else "")
        if self.settings.discord_kb_follow_seconds:
            # A discord.ext.tasks loop, not a bare sleeping task: it survives reconnects, close()
            # cancels it, and test harnesses (SimCord) know its interval is idle time, not work
            # to wait for. Its first check runs at once.
            every = tasks.loop(seconds=self.settings.discord_kb_follow_seconds, name="kb-follow")
            self._follower = every(self._follow_current)
            self._follower.start()

    async def _follow_current(self) -> None:
        """Serve the build another process (or ``kb build``) swapped in, within a few seconds.
        A build that does not open here is reported once and the working one stays."""
        try:
            new = await asyncio.to_thread(self.assistant.follow_current)
        except Exception as exc:  # the working knowledge base stays in place
            if repr(exc) != self._follow_failed:
                self._follow_failed = repr(exc)
                log.warning("the build swapped in elsewhere does not open here: %r", exc)
            return
        self._follow_failed = None
        if new:
            log.warning("following the knowledge base swapped in elsewhere: now %s", new)

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        await answer_unoffered(interaction)

    async def on_ready(self) -> None:
        log.info("ready as %s in %d guilds, %d shards", self.user, len(self.guilds),
                 self.shard_count or 1)  # fmt: skip

    # -- work off the event loop -------------------------------------------------------------

    async def in_worker(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Answers that may call the LLM: in a thread, at most ``discord_concurrency`` at once,
        and at most ``discord_queue_limit`` waiting for a turn; beyond that the person is told
        politely that the bot is busy, instead of waiting behind an unbounded queue."""
        if self.work.locked() and self._waiting >= self.settings.discord_queue_limit:
            raise Refusal(BUSY)
        self._waiting += 1
        try:
            await self.work.acquire()
        finally:
            self._waiting -= 1
        try:
            return await asyncio.get_running_loop().run_in_executor(
                self._answer_threads, functools.partial(fn, *args, **kwargs)
            )
        finally:
            self.work.release()

    async def quick(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Lookups that never call the LLM (a few ms): in a thread, but not queued behind
        LLM answers, so /score stays instant while the LLM is busy."""
        return await asyncio.get_running_loop().run_in_executor(
            self._lookup_threads, functools.partial(fn, *args, **kwargs)
        )

    async def suggest(self, text: str, n: int) -> list:
        """Autocomplete suggestions, off the event loop and shed beyond a bound (see
        ``ScoreCommands.occupation_autocomplete``)."""
        if self._suggesting >= MAX_SUGGESTING:
            return []
        self._suggesting += 1
        try:
            return await self.quick(self.assistant.suggest, text, n)
        finally:
            self._suggesting -= 1

    def check_lookup_limit(self, user_id: int) -> None:
        wait = self.lookup_limit.retry_after(user_id)
        if wait > 0:
            raise RateLimited(wait)

    async def close(self) -> None:
        if self._follower is not None:
            self._follower.cancel()
        await super().close()
        for pool in (self._answer_threads, self._lookup_threads):
            pool.shutdown(wait=False, cancel_futures=True)
        self.delivery.close()
        self.guild_settings.close()

    async def ask(self, text: str) -> AskResult:
        # An ambiguous question gets a menu, so no answer is written for a guess.
        return await self.in_worker(
            self.by_deadline(self.assistant.ask), text, write_if_ambiguous=False
        )

    def by_deadline(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        """``fn`` with the LLM deadline counted from now, when the person asked, not from
        when a worker got to it: under load the answer comes within the LLM timeout (and a
        little for the deterministic writer) however long the queue was."""
        end = time.monotonic() + self.settings.llm_timeout

        def bounded(*args: Any, **kwargs: Any) -> Any:
            with until(end):
                return fn(*args, **kwargs)

        return bounded

    def question_wait(self, user_id: int, guild_id: int | None = None) -> float:
        """0 if this person may ask now (and it counts), else the seconds to wait; the window
        is the server's own cooldown when its admins set a longer one (/settings cooldown)."""
        # A server may make the limit stricter, never looser than the operators set it.
        own = self.guild_settings.get(guild_id).cooldown
        window = max(own or 0.0, self.settings.discord_user_cooldown)
        limit = self._question_limits.get(window)
        if limit is None:
            limit = self._question_limits[window] = RateLimit(
                self.settings.discord_user_burst, window
            )
        return limit.retry_after(user_id)

    def check_cooldown(self, user_id: int, guild_id: int | None = None) -> None:
        wait = self.question_wait(user_id, guild_id)
        if wait > 0:
            raise RateLimited(wait)

    def private_answers(self, guild_id: int | None) -> bool:
        """Whether answers in this server are private unless asked otherwise."""
        return bool(self.guild_settings.get(guild_id).private)

    def chat_channel(self, channel_id: int, guild_id: int | None) -> bool:
        """A channel where the bot answers without being mentioned: from the environment or
        the server's own settings."""
        if channel_id in self.settings.discord_chat_channel_ids:
            return True
        return channel_id in self.guild_settings.get(guild_id).chat_channels

    async def validation_table(self) -> str | None:
        """The factors' agreement with published measures (computed once, off the loop)."""
        if self._validation is None:
            directory = self.settings.esco_source.parent / "anchors"
            if not directory.is_dir():
                return None

            self._validation = await asyncio.to_thread(self.assistant.validation, directory)
        return self._validation


def create_bot(settings: Settings, assistant: Assistant) -> NestorBot:
    return NestorBot(settings, assistant)


def slash_names(bot: NestorBot) -> list[str]:
    return sorted(c.qualified_name for c in bot.tree.walk_commands()
                  if isinstance(c, app_commands.Command))  # fmt: skip


async def serve(bot: NestorBot, token: str) -> bool:
    """Run until SIGINT/SIGTERM, then close cleanly (gateway closed, sessions released).
    True if every answer in progress was finished; False if the drain timed out."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with bot:
        runner = asyncio.create_task(bot.start(token))
        stopper = asyncio.create_task(stop.wait())
        done, _ = await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
        if runner in done:
            stopper.cancel()
            runner.result()  # a login failure and the like: raise it
            return True
        log.info("shutting down: finishing answers in progress")
        drained = await bot.drain(bot.settings.discord_drain_seconds)
        if not drained:
            log.warning("shutting down with answers still in progress")
        await bot.close()
        await asyncio.wait_for(runner, 10)
        return drained
