"""A small Discord of our own: REST v10 and Gateway v10 on loopback, for end-to-end tests.

The real, unmodified bot process (discord.py over aiohttp) connects to it over real sockets:
HELLO, IDENTIFY (per shard), READY, GUILD_CREATE, heartbeats, RECONNECT and RESUME (with
replay of missed events), slash commands, autocomplete, select menus, interaction callbacks
and followups, channel messages (JSON or multipart with files), typing, 429s.

It enforces the Discord rules that mocks never catch: the 3-second deadline of an interaction
(404 code 10062), a second acknowledgement (400 code 40060), followups on an unknown or
unacknowledged token (404 code 10015), message, embed and autocomplete limits (400 code 50035),
empty messages (400 code 50006). Every message-creating call must carry ``allowed_mentions``
``{"parse": []}``; anything else, an unknown route or a broken limit, is recorded in
``violations`` (tests assert it stays empty). The pings a message would cause are computed as
Discord does, from its content and ``allowed_mentions``.

It runs in a background thread with its own event loop (like tests/fakes/openai_server.py).
The test thread uses the synchronous helpers: ``slash``, ``autocomplete``, ``select``,
``send_message``, ``send_dm``, ``dispatch``, ``reconnect``, ``inject`` and ``wait_for`` over
the recorded REST calls and gateway frames.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import WSMsgType, web

DISCORD_EPOCH_MS = 1_420_070_400_000
EPHEMERAL = 1 << 6
LOADING = 1 << 7
MANAGE_GUILD = 1 << 5
# @everyone: view channel, send messages, embed links, attach files, read history, use commands
EVERYONE_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 14) | (1 << 15) | (1 << 16) | (1 << 31)
INTENT_GUILDS = 1 << 0
INTENT_GUILD_MESSAGES = 1 << 9
INTENT_DIRECT_MESSAGES = 1 << 12
INTENT_MESSAGE_CONTENT = 1 << 15
OPTION_TYPES = {3: str, 4: int, 5: bool, 10: float}
USER_MENTION = re.compile(r"<@!?(\d+)>")
ROLE_MENTION = re.compile(r"<@&(\d+)>")

_counter = itertools.count()


def snowflake(at_ms: int | None = None) -> str:
    """A real, time-encoded snowflake (discord.py derives created_at from it)."""
    ms = int(time.time() * 1000) if at_ms is None else at_ms
    return str(((ms - DISCORD_EPOCH_MS) << 22) | (1 << 17) | (next(_counter) % 4096))


def shard_of(guild_id: str | int, shard_count: int) -> int:
    return (int(guild_id) >> 22) % shard_count


def iso_now() -> str:
    return datetime.now(UTC).isoformat()


def json_response(payload: Any, status: int = 200, headers: dict | None = None) -> web.Response:
    """Content-Type exactly ``application/json`` (discord.py compares it verbatim)."""
    return web.Response(
        body=json.dumps(payload).encode(),
        status=status,
        content_type="application/json",
        headers=headers,
    )


def error(status: int, code: int, message: str) -> web.Response:
    return json_response({"message": message, "code": code}, status)


def percentile(values: Iterable[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


# -- records ----------------------------------------------------------------------------------


@dataclass
class Call:
    """One REST request the bot made, and what the fake answered."""

    seq: int  # position in FakeDiscord.calls (set when recorded)
    t: float
    method: str
    path: str
    query: dict[str, str]
    body: Any
    files: list[dict]
    status: int = 0
    response: Any = None
    kind: str = "rest"

    @property
    def route(self) -> str:
        return self.method + " " + re.sub(r"/\d{5,}", "/{id}", self.path)

    @property
    def payload(self) -> dict:
        """The message part of a body (``data`` of an interaction callback)."""
        body = self.body if isinstance(self.body, dict) else {}
        if self.path.endswith("/callback"):
            return body.get("data") or {}
        return body


@dataclass
class Frame:
    """One gateway event: a frame in or out, a connection opened or closed."""

    seq: int  # position in FakeDiscord.calls (set when recorded)
    t: float
    conn: int
    direction: str  # "open", "in" (from the bot), "out" (to the bot), "close"
    shard: int | None = None
    op: int | None = None
    event: str | None = None
    data: Any = None
    kind: str = "gateway"


@dataclass
class Interaction:
    """An interaction the fake sent, and everything the bot did about it."""

    id: str
    token: str
    type: int  # 2 command, 3 component, 4 autocomplete
    name: str
    user: dict
    channel_id: str
    guild_id: str | None
    payload: dict
    shard: int = 0
    sent_at: float | None = None
    acked_at: float | None = None
    ack_type: int | None = None
    response_message_id: str | None = None
    response_flags: int = 0
    attempts: list[Call] = field(default_factory=list)  # every callback request, accepted or not
    followups: list[Call] = field(default_factory=list)

    @property
    def ack_ms(self) -> float | None:
        if self.acked_at is None or self.sent_at is None:
            return None
        return (self.acked_at - self.sent_at) * 1000

    @property
    def callback(self) -> Call | None:
        accepted = [c for c in self.attempts if c.status == 200 or c.status == 204]
        return accepted[0] if accepted else None


@dataclass
class Fault:
    method: str
    pattern: re.Pattern
    status: int
    times: int
    retry_after: float = 0.25
    code: int = 0
    message: str = "injected"


class Session:
    def __init__(self, shard: int, count: int, intents: int):
        self.id = secrets.token_hex(16)
        self.shard = shard
        self.count = count
        self.intents = intents
        self.seq = 0
        self.buffer: list[tuple[int, str]] = []
        self.conn: Conn | None = None


class Conn:
    def __init__(self, number: int, ws: web.WebSocketResponse, path: str, query: dict):
        self.number = number
        self.ws = ws
        self.path = path
        self.query = query
        self.session: Session | None = None


# -- the fake ---------------------------------------------------------------------------------


class FakeDiscord:
    def __init__(
        self,
        *,
        token: str = "fake-bot-token",
        shards: int = 1,
        guilds: int = 1,
        deadline: float = 3.0,
        heartbeat_interval: int = 41_250,
    ):
        self.token = token
        self.shard_count = shards
        self.deadline = deadline
        self.heartbeat_interval = heartbeat_interval
        self.port = 0
        self.bot_user = self._user("NestorBot", bot=True)
        self.bot_user.update(verified=True, mfa_enabled=False, flags=0, email=None)
        self.app_id = self.bot_user["id"]
        self.owner = self._user("owner")
        self.calls: list[Call | Frame] = []
        self.violations: list[str] = []
        self.commands: dict[str | None, list[dict]] = {}  # scope (None = global) -> commands
        self.interactions: dict[str, Interaction] = {}
        self.messages: dict[str, dict] = {}
        self.sessions: dict[str, Session] = {}
        self.shard_sessions: dict[int, Session] = {}
        self.dm_channels: dict[str, dict] = {}  # user id -> channel
        self.faults: list[Fault] = []
        self.guilds: list[dict] = []
        self.channels: dict[str, dict] = {}
        self.manager_role: dict[str, dict] = {}
        base_ms = int(time.time() * 1000) - 86_400_000
        for n in range(guilds):
            # Guild ids chosen so that guild n lives on shard n % shards.
            ms = base_ms + n * 1000
            while shard_of((ms - DISCORD_EPOCH_MS) << 22, shards) != n % shards:
                ms += 1
            self._add_guild(snowflake(ms), f"guild {n}")
        self._lock = threading.Condition()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._ready = threading.Event()
        self._conn_numbers = itertools.count(1)
        self._routes: list[tuple[str, re.Pattern, Callable]] = [
            ("GET", re.compile(r"^/users/@me$"), self._get_me),
            ("GET", re.compile(r"^/oauth2/applications/@me$"), self._get_application),
            ("GET", re.compile(r"^/gateway/bot$"), self._get_gateway_bot),
            ("GET", re.compile(r"^/gateway$"), self._get_gateway),
            ("PUT", re.compile(r"^/applications/(\d+)/commands$"), self._put_commands),
            ("PUT", re.compile(r"^/applications/(\d+)/guilds/(\d+)/commands$"), self._put_commands),
            ("GET", re.compile(r"^/applications/(\d+)/commands$"), self._get_commands),
            ("GET", re.compile(r"^/applications/(\d+)/guilds/(\d+)/commands$"), self._get_commands),
            ("POST", re.compile(r"^/channels/(\d+)/messages$"), self._post_message),
            ("PATCH", re.compile(r"^/channels/(\d+)/messages/(\d+)$"), self._patch_message),
            ("POST", re.compile(r"^/channels/(\d+)/typing$"), self._typing),
            ("POST", re.compile(r"^/users/@me/channels$"), self._open_dm),
            ("POST", re.compile(r"^/interactions/(\d+)/([^/]+)/callback$"), self._callback),
            ("POST", re.compile(r"^/webhooks/(\d+)/([^/]+)$"), self._followup),
            (
                "PATCH",
                re.compile(r"^/webhooks/(\d+)/([^/]+)/messages/(@original|\d+)$"),
                self._edit_webhook_message,
            ),
            (
                "GET",
                re.compile(r"^/webhooks/(\d+)/([^/]+)/messages/(@original|\d+)$"),
                self._get_webhook_message,
            ),
            (
                "DELETE",
                re.compile(r"^/webhooks/(\d+)/([^/]+)/messages/(@original|\d+)$"),
                self._delete_webhook_message,
            ),
        ]

    # -- world --------------------------------------------------------------------------------

    @staticmethod
    def _user(name: str, *, bot: bool = False) -> dict:
        return {
            "id": snowflake(),
            "username": name,
            "global_name": name,
            "discriminator": "0",
            "avatar": None,
            "bot": bot,
            "public_flags": 0,
        }

    def user(self, name: str) -> dict:
        """A new person (a Discord user object)."""
        return self._user(name)

    def _add_guild(self, guild_id: str, name: str) -> None:
        everyone = {
            "id": guild_id,
            "name": "@everyone",
            "permissions": str(EVERYONE_PERMISSIONS),
            "position": 0,
            "color": 0,
            "hoist": False,
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }
        managers = dict(
            everyone, id=snowflake(), name="Managers", position=1, permissions=str(MANAGE_GUILD)
        )
        self.manager_role[guild_id] = managers
        channels = []
        for position, channel_name in enumerate(("general", "random")):
            channel = {
                "id": snowflake(),
                "type": 0,
                "guild_id": guild_id,
                "name": channel_name,
                "position": position,
                "permission_overwrites": [],
                "topic": None,
                "nsfw": False,
                "last_message_id": None,
                "rate_limit_per_user": 0,
                "parent_id": None,
                "flags": 0,
            }
            channels.append(channel)
            self.channels[channel["id"]] = channel
        self.guilds.append(
            {
                "id": guild_id,
                "name": name,
                "icon": None,
                "splash": None,
                "discovery_splash": None,
                "banner": None,
                "description": None,
                "owner_id": self.owner["id"],
                "afk_channel_id": None,
                "afk_timeout": 300,
                "verification_level": 0,
                "default_message_notifications": 0,
                "explicit_content_filter": 0,
                "mfa_level": 0,
                "nsfw_level": 0,
                "premium_tier": 0,
                "premium_subscription_count": 0,
                "premium_progress_bar_enabled": False,
                "preferred_locale": "en-US",
                "features": [],
                "roles": [everyone, managers],
                "emojis": [],
                "stickers": [],
                "application_id": None,
                "system_channel_id": None,
                "system_channel_flags": 0,
                "rules_channel_id": None,
                "public_updates_channel_id": None,
                "vanity_url_code": None,
                "max_members": 500_000,
                "joined_at": iso_now(),
                "large": False,
                "unavailable": False,
                "member_count": 3,
                "voice_states": [],
                "members": [],
                "channels": channels,
                "threads": [],
                "presences": [],
                "stage_instances": [],
                "guild_scheduled_events": [],
                "soundboard_sounds": [],
            }
        )

    @property
    def guild(self) -> dict:
        return self.guilds[0]

    def channel(self, name: str = "general", guild: dict | None = None) -> dict:
        guild = guild or self.guild
        return next(c for c in guild["channels"] if c["name"] == name)

    def uncached_channel(self) -> dict:
        """A channel of a guild the bot never received (as after an outage, when a guild is
        unavailable): interactions from it still arrive, with their member and permissions."""
        guild_id = snowflake()
        while shard_of(guild_id, self.shard_count) != 0:
            guild_id = snowflake()
        channel = dict(self.channel(), id=snowflake(), guild_id=guild_id, name="elsewhere")
        self.channels[channel["id"]] = channel
        return channel

    def member(
        self,
        user: dict,
        *,
        roles: Iterable[str] = (),
        permissions: int | None = None,
        guild: dict | None = None,
    ) -> dict:
        guild = guild or self.guild
        roles = list(roles)
        if permissions is None:
            permissions = EVERYONE_PERMISSIONS
            for role in guild["roles"]:
                if role["id"] in roles:
                    permissions |= int(role["permissions"])
        return {
            "user": user,
            "nick": None,
            "avatar": None,
            "roles": roles,
            "joined_at": iso_now(),
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "communication_disabled_until": None,
            "permissions": str(permissions),
        }

    def manager(self, user: dict, guild: dict | None = None) -> dict:
        """A member holding the guild's "Managers" role (Manage Server)."""
        guild = guild or self.guild
        return self.member(user, roles=[self.manager_role[guild["id"]]["id"]], guild=guild)

    def _bot_member(self) -> dict:
        member = self.member(self.bot_user)
        member.pop("permissions")
        return member

    # -- lifecycle ----------------------------------------------------------------------------

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    @property
    def resume_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/resume"

    def env(self) -> dict[str, str]:
        """The bot's environment variables that point it here."""
        return {
            "NESTOR_DISCORD_TOKEN": self.token,
            "NESTOR_DISCORD_API_BASE": self.api_base,
            "NESTOR_DISCORD_GATEWAY_URL": self.gateway_url,
        }

    def start(self) -> FakeDiscord:
        threading.Thread(target=self._run, daemon=True, name="fake-discord").start()
        if not self._ready.wait(10):
            raise RuntimeError("fake Discord did not start")
        return self

    def stop(self) -> None:
        if self._loop and self._runner:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
            self._loop.call_soon_threadsafe(self._loop.stop)

    def _run(self) -> None:
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/gateway", self._gateway)
        app.router.add_get("/resume", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        self._loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        self._loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self._ready.set()
        self._loop.run_forever()

    def _call_in_loop(self, coro) -> Any:
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(10)

    # -- records and waiting ------------------------------------------------------------------

    def _record(self, item: Call | Frame) -> None:
        with self._lock:
            item.seq = len(self.calls)
            self.calls.append(item)
            self._lock.notify_all()

    def _violation(self, text: str) -> None:
        with self._lock:
            self.violations.append(text)
            self._lock.notify_all()

    def take_violations(self, pattern: str) -> list[str]:
        """Remove and return the violations matching ``pattern`` (ones a test caused)."""
        with self._lock:
            taken = [v for v in self.violations if re.search(pattern, v)]
            self.violations[:] = [v for v in self.violations if v not in taken]
            return taken

    def mark(self) -> int:
        """A position in the record; pass it as ``since`` to look only at what follows."""
        with self._lock:
            return len(self.calls)

    def records(self, predicate: Callable[[Any], bool] = lambda r: True, since: int = 0) -> list:
        with self._lock:
            return [r for r in self.calls[since:] if predicate(r)]

    def rest(self, route: str | None = None, since: int = 0) -> list[Call]:
        """REST calls, optionally only one route like ``"POST /channels/{id}/messages"``."""
        return self.records(
            lambda r: r.kind == "rest" and (route is None or r.route == route), since
        )

    def frames(self, since: int = 0, **match: Any) -> list[Frame]:
        return self.records(
            lambda r: r.kind == "gateway" and all(getattr(r, k) == v for k, v in match.items()),
            since,
        )

    def wait_for(
        self,
        predicate: Callable[[Any], bool],
        timeout: float = 10.0,
        since: int = 0,
        what: str = "a matching record",
    ) -> Any:
        """The first record (REST call or gateway frame) from ``since`` on that matches."""
        deadline = time.monotonic() + timeout
        with self._lock:
            position = since
            while True:
                while position < len(self.calls):
                    record = self.calls[position]
                    position += 1
                    if predicate(record):
                        return record
                left = deadline - time.monotonic()
                if left <= 0:
                    recent = "\n".join(_describe(r) for r in self.calls[since:][-15:])
                    raise AssertionError(
                        f"timed out after {timeout} s waiting for {what}; recent records:\n{recent}"
                    )
                self._lock.wait(left)

    def wait_until(
        self, condition: Callable[[], bool], timeout: float = 10.0, what: str = "a condition"
    ) -> None:
        """Wait until ``condition()`` holds (re-checked whenever anything is recorded)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while not condition():
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out after {timeout} s waiting for {what}")
                self._lock.wait(min(left, 0.5))

    def wait_ack(self, ix: Interaction, timeout: float = 10.0) -> Call:
        self.wait_until(
            lambda: bool(ix.attempts) and ix.attempts[0].status != 0,
            timeout,
            f"a callback for {ix.name}",
        )
        return ix.attempts[0]

    def wait_followup(
        self,
        ix: Interaction,
        predicate: Callable[[Call], bool] = lambda c: True,
        timeout: float = 15.0,
    ) -> Call:
        """A successful followup of ``ix`` that matches ``predicate``."""

        def found() -> Call | None:
            return next((c for c in ix.followups if c.status == 200 and predicate(c)), None)

        self.wait_until(lambda: found() is not None, timeout, f"a followup for {ix.name}")
        result = found()
        assert result is not None
        return result

    def bot_messages(self, since: int = 0) -> list[Call]:
        """Every message the bot created or edited (accepted or not)."""
        return self.records(lambda r: r.kind == "rest" and _creates_message(r), since)

    # -- fault injection ----------------------------------------------------------------------

    def inject(
        self,
        method: str,
        path_pattern: str,
        status: int = 429,
        *,
        times: int = 1,
        retry_after: float = 0.25,
        code: int = 0,
        message: str = "injected",
    ) -> None:
        """The next ``times`` requests matching ``method`` and the path regex fail."""
        with self._lock:
            self.faults.append(
                Fault(method, re.compile(path_pattern), status, times, retry_after, code, message)
            )

    def _fault_for(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.times > 0 and fault.method == method and fault.pattern.search(path):
                    fault.times -= 1
                    return fault
        return None

    @staticmethod
    def _fault_response(fault: Fault) -> web.Response:
        if fault.status == 429:
            reset = time.time() + fault.retry_after
            headers = {
                "Via": "1.1 google",
                "Retry-After": str(max(1, round(fault.retry_after))),
                "X-RateLimit-Limit": "5",
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": f"{reset:.3f}",
                "X-RateLimit-Reset-After": f"{fault.retry_after:.3f}",
                "X-RateLimit-Bucket": "fakebucket" + secrets.token_hex(4),
                "X-RateLimit-Scope": "user",
            }
            body = {
                "message": "You are being rate limited.",
                "retry_after": fault.retry_after,
                "global": False,
            }
            return json_response(body, 429, headers)
        return error(fault.status, fault.code, fault.message)

    # -- gateway ------------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=16 * 1024 * 1024)
        await ws.prepare(request)
        conn = Conn(next(self._conn_numbers), ws, request.path, dict(request.query))
        self._record(
            Frame(
                -1,
                time.monotonic(),
                conn.number,
                "open",
                data={"path": request.path, "query": dict(request.query)},
            )
        )
        await self._send(conn, {"op": 10, "d": {"heartbeat_interval": self.heartbeat_interval}})
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                frame = json.loads(msg.data)
                op, data = frame.get("op"), frame.get("d")
                shard = conn.session.shard if conn.session else None
                self._record(Frame(-1, time.monotonic(), conn.number, "in", shard, op, None, data))
                if op == 1:
                    await self._send(conn, {"op": 11})
                elif op == 2:
                    await self._identify(conn, data)
                elif op == 6:
                    await self._resume(conn, data)
        finally:
            session = conn.session
            if session is not None and session.conn is conn:
                session.conn = None
            self._record(
                Frame(
                    -1,
                    time.monotonic(),
                    conn.number,
                    "close",
                    session.shard if session else None,
                    data={"code": ws.close_code},
                )
            )
        return ws

    async def _send(self, conn: Conn, frame: dict) -> None:
        text = json.dumps(frame)
        shard = conn.session.shard if conn.session else None
        self._record(
            Frame(
                -1,
                time.monotonic(),
                conn.number,
                "out",
                shard,
                frame.get("op"),
                frame.get("t"),
                frame.get("d"),
            )
        )
        await conn.ws.send_str(text)

    async def _identify(self, conn: Conn, data: dict) -> None:
        if data.get("token") != self.token:
            await conn.ws.close(code=4004, message=b"Authentication failed.")
            return
        shard, count = data.get("shard") or [0, 1]
        if not 0 <= shard < count:
            await conn.ws.close(code=4010, message=b"Invalid shard.")
            return
        session = Session(shard, count, int(data.get("intents", 0)))
        self.sessions[session.id] = session
        self.shard_sessions[shard] = session
        session.conn = conn
        conn.session = session
        mine = [g for g in self.guilds if shard_of(g["id"], count) == shard]
        ready = {
            "v": 10,
            "user": self.bot_user,
            "user_settings": {},
            "guilds": [{"id": g["id"], "unavailable": True} for g in mine],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": self.resume_url,
            "shard": [shard, count],
            "application": {"id": self.app_id, "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "geo_ordered_rtc_regions": [],
            "guild_join_requests": [],
            "auth": {},
            "current_location": [],
        }
        await self._dispatch_to(session, "READY", ready)
        if session.intents & INTENT_GUILDS:
            for guild in mine:
                payload = dict(guild, members=[self._bot_member()])
                await self._dispatch_to(session, "GUILD_CREATE", payload)

    async def _resume(self, conn: Conn, data: dict) -> None:
        session = self.sessions.get(data.get("session_id", ""))
        if session is None or data.get("token") != self.token:
            await self._send(conn, {"op": 9, "d": False})
            return
        session.conn = conn
        conn.session = session
        seq = data.get("seq") or 0
        for s, text in list(session.buffer):
            if s > seq:
                frame = json.loads(text)
                self._record(
                    Frame(
                        -1,
                        time.monotonic(),
                        conn.number,
                        "out",
                        session.shard,
                        0,
                        frame["t"],
                        frame["d"],
                    )
                )
                await conn.ws.send_str(text)
        await self._dispatch_to(session, "RESUMED", {})

    async def _dispatch_to(
        self,
        session: Session,
        event: str,
        data: dict,
        before_send: Callable[[], None] | None = None,
    ) -> None:
        session.seq += 1
        frame = {"op": 0, "t": event, "s": session.seq, "d": data}
        text = json.dumps(frame)
        session.buffer.append((session.seq, text))
        del session.buffer[:-2000]
        conn = session.conn
        if conn is None or conn.ws.closed:
            if before_send is not None:
                before_send()  # the interaction exists now: its clock runs
            return  # replayed on RESUME
        frame_record = Frame(
            -1, time.monotonic(), conn.number, "out", session.shard, 0, event, data
        )
        self._record(frame_record)
        if before_send is not None:
            before_send()  # timed right before the write, after any lock
        with contextlib.suppress(ConnectionError):  # if lost, replayed on RESUME
            await conn.ws.send_str(text)

    def _session_for(self, guild_id: str | None) -> Session:
        shard = 0
        if guild_id is not None and self.shard_sessions:
            count = next(iter(self.shard_sessions.values())).count
            shard = shard_of(guild_id, count)
        session = self.shard_sessions.get(shard)
        if session is None:
            raise AssertionError(f"shard {shard} has not identified")
        return session

    def dispatch(self, event: str, data: dict, *, guild_id: str | None = None) -> None:
        """Send a DISPATCH to the shard that owns ``guild_id`` (shard 0 for DMs)."""

        async def go() -> None:
            await self._dispatch_to(self._session_for(guild_id), event, data)

        self._call_in_loop(go())

    def reconnect(self, shard: int = 0) -> None:
        """Op 7 RECONNECT: the client must reconnect to ``resume_gateway_url`` and RESUME."""

        async def go() -> None:
            session = self.shard_sessions[shard]
            assert session.conn is not None, f"shard {shard} is not connected"
            await self._send(session.conn, {"op": 7, "d": None})

        self._call_in_loop(go())

    def drop(self, shard: int = 0) -> None:
        """The gateway drops the connection without warning (close code 4000, "unknown
        error"): the client must reconnect by itself and RESUME."""

        async def go() -> None:
            session = self.shard_sessions[shard]
            assert session.conn is not None, f"shard {shard} is not connected"
            await session.conn.ws.close(code=4000, message=b"Unknown error.")

        self._call_in_loop(go())

    def ready_shards(self) -> dict[int, list]:
        """Shard id -> the ``shard`` field of every READY sent for it."""
        out: dict[int, list] = {}
        for frame in self.frames(direction="out", event="READY"):
            out.setdefault(frame.data["shard"][0], []).append(frame.data["shard"])
        return out

    # -- interactions -------------------------------------------------------------------------

    def _command(self, name: str, guild_id: str | None) -> dict:
        with self._lock:
            pool = self.commands.get(None, []) + self.commands.get(guild_id, [])
        for command in pool:
            if command["name"] == name:
                return command
        raise AssertionError(f"/{name} was never synced (synced: {[c['name'] for c in pool]})")

    def _options(
        self, definitions: list[dict], values: dict[str, Any], focused: str | None = None
    ) -> list[dict]:
        out = []
        known = {o["name"]: o for o in definitions}
        for name, value in values.items():
            if name not in known:
                raise AssertionError(f"unknown option {name!r}; synced: {sorted(known)}")
            kind = known[name]["type"]
            option = {"name": name, "type": kind, "value": value}
            if name == focused:
                option["focused"] = True
            elif not isinstance(value, OPTION_TYPES.get(kind, object)):
                raise AssertionError(f"option {name!r} must be {OPTION_TYPES[kind].__name__}")
            out.append(option)
        for o in definitions:
            if o.get("required") and o["name"] not in values:
                raise AssertionError(f"required option {o['name']!r} missing")
        return out

    def _command_data(
        self, name: str, guild_id: str | None, values: dict[str, Any], focused: str | None = None
    ) -> dict:
        top, _, sub = name.partition(" ")
        command = self._command(top, guild_id)
        data = {"id": command["id"], "name": top, "type": 1}
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        if sub:
            group = next((o for o in command.get("options", []) if o["name"] == sub), None)
            if group is None or group["type"] != 1:
                raise AssertionError(f"/{top} has no subcommand {sub!r}")
            data["options"] = [
                {
                    "name": sub,
                    "type": 1,
                    "options": self._options(group.get("options", []), values, focused),
                }
            ]
        else:
            data["options"] = self._options(command.get("options", []), values, focused)
        return data

    def _interaction(
        self,
        itype: int,
        name: str,
        data: dict,
        user: dict | None,
        member: dict | None,
        channel: dict | None,
        message: dict | None = None,
        dm: bool = False,
    ) -> Interaction:
        iid = snowflake()
        token = "aW50ZXJhY3Rpb24" + secrets.token_urlsafe(48)
        payload: dict[str, Any] = {
            "id": iid,
            "application_id": self.app_id,
            "type": itype,
            "data": data,
            "token": token,
            "version": 1,
            "locale": "en-US",
            "app_permissions": str(EVERYONE_PERMISSIONS),
            "entitlements": [],
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        if dm:
            assert user is not None
            dm_channel = self._dm_channel(user)
            payload.update(
                user=user,
                channel_id=dm_channel["id"],
                channel=dm_channel,
                context=1,
                authorizing_integration_owners={"1": user["id"]},
            )
            guild_id = None
            channel_id = dm_channel["id"]
        else:
            channel = channel or self.channel()
            guild_id = channel["guild_id"]
            if member is None:
                assert user is not None
                member = self.member(user)
            user = member["user"]
            payload.update(
                guild_id=guild_id,
                guild_locale="en-US",
                guild={"id": guild_id, "locale": "en-US", "features": []},
                channel_id=channel["id"],
                channel=channel,
                member=member,
                context=0,
                authorizing_integration_owners={"0": guild_id},
            )
            channel_id = channel["id"]
        if message is not None:
            payload["message"] = message
        assert user is not None
        return Interaction(iid, token, itype, name, user, channel_id, guild_id, payload)

    def send_interactions(self, interactions: list[Interaction]) -> list[Interaction]:
        """Dispatch INTERACTION_CREATEs back to back (a burst), each timed as it is sent."""

        async def go() -> None:
            for ix in interactions:
                session = self._session_for(ix.guild_id)
                ix.shard = session.shard

                def sent(ix: Interaction = ix) -> None:
                    ix.sent_at = time.monotonic()

                with self._lock:
                    self.interactions[ix.id] = ix
                await self._dispatch_to(session, "INTERACTION_CREATE", ix.payload, sent)

        self._call_in_loop(go())
        return interactions

    def slash_interaction(
        self,
        name: str,
        *,
        user: dict | None = None,
        member: dict | None = None,
        channel: dict | None = None,
        dm: bool = False,
        **options: Any,
    ) -> Interaction:
        """Build (without sending) a type 2 interaction for a synced slash command."""
        guild_id = None if dm else (channel or self.channel())["guild_id"]
        data = self._command_data(name, guild_id, options)
        return self._interaction(2, name, data, user, member, channel, dm=dm)

    def slash(self, name: str, **kwargs: Any) -> Interaction:
        """Invoke ``/name`` (``"kb reload"`` for a subcommand) with typed options."""
        return self.send_interactions([self.slash_interaction(name, **kwargs)])[0]

    def autocomplete_interaction(
        self,
        name: str,
        option: str,
        current: str,
        *,
        user: dict | None = None,
        channel: dict | None = None,
        **others: Any,
    ) -> Interaction:
        guild_id = (channel or self.channel())["guild_id"]
        data = self._command_data(name, guild_id, {**others, option: current}, focused=option)
        return self._interaction(4, name, data, user, None, channel)

    def autocomplete(self, name: str, option: str, current: str, **kwargs: Any) -> Interaction:
        """Type a value into an option with autocomplete (a type 4 interaction)."""
        return self.send_interactions(
            [self.autocomplete_interaction(name, option, current, **kwargs)]
        )[0]

    def select(
        self,
        message: dict,
        values: list[str],
        *,
        user: dict | None = None,
        member: dict | None = None,
    ) -> Interaction:
        """Pick ``values`` in the first select menu of ``message`` (a type 3 interaction)."""
        with self._lock:
            current = dict(self.messages.get(message["id"], message))
        select = next(
            (
                c
                for row in current.get("components", [])
                for c in row.get("components", [])
                if c.get("type") == 3
            ),
            None,
        )
        if select is None:
            raise AssertionError("the message has no select menu")
        if select.get("disabled"):
            raise AssertionError("the select menu is disabled")
        allowed = {o["value"] for o in select.get("options", [])}
        if not set(values) <= allowed:
            raise AssertionError(f"{values} are not options of the menu")
        data = {"custom_id": select["custom_id"], "component_type": 3, "values": values}
        channel = self.channels.get(current["channel_id"])
        ix = self._interaction(3, select["custom_id"], data, user, member, channel, current)
        return self.send_interactions([ix])[0]

    # -- messages from people -----------------------------------------------------------------

    def _dm_channel(self, user: dict) -> dict:
        with self._lock:
            channel = self.dm_channels.get(user["id"])
            if channel is None:
                channel = {
                    "id": snowflake(),
                    "type": 1,
                    "recipients": [user],
                    "last_message_id": None,
                    "flags": 0,
                }
                self.dm_channels[user["id"]] = channel
                self.channels[channel["id"]] = channel
            return channel

    def _message(
        self,
        channel_id: str,
        author: dict,
        content: str,
        *,
        guild_id: str | None = None,
        mentions: list[dict] = (),
        member: dict | None = None,
    ) -> dict:
        message = {
            "id": snowflake(),
            "channel_id": channel_id,
            "author": author,
            "content": content,
            "timestamp": iso_now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": list(mentions),
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "type": 0,
            "flags": 0,
            "components": [],
        }
        if guild_id is not None:
            message["guild_id"] = guild_id
            member = dict(member or self.member(author))
            member.pop("user", None)
            member.pop("permissions", None)
            message["member"] = member
        return message

    def send_message(
        self, author: dict, content: str, *, channel: dict | None = None, mention_bot: bool = False
    ) -> dict:
        """A person writes in a guild channel; ``mention_bot`` prefixes ``<@bot>``."""
        channel = channel or self.channel()
        if mention_bot:
            content = f"<@{self.bot_user['id']}> {content}"
        mentions = [self.bot_user] if f"<@{self.bot_user['id']}>" in content else []
        message = self._message(
            channel["id"], author, content, guild_id=channel["guild_id"], mentions=mentions
        )
        with self._lock:
            self.messages[message["id"]] = message
        self._deliver_message(message, channel["guild_id"])
        return message

    def send_dm(self, author: dict, content: str) -> dict:
        """A person writes to the bot in a direct message."""
        channel = self._dm_channel(author)
        message = self._message(channel["id"], author, content)
        with self._lock:
            self.messages[message["id"]] = message
        self._deliver_message(message, None)
        return message

    def _deliver_message(self, message: dict, guild_id: str | None) -> None:
        """MESSAGE_CREATE as Discord sends it: only with the right intent, and without the
        content of guild messages that do not mention the bot unless MESSAGE_CONTENT."""

        async def go() -> None:
            session = self._session_for(guild_id)
            needed = INTENT_GUILD_MESSAGES if guild_id else INTENT_DIRECT_MESSAGES
            if not session.intents & needed:
                return
            data = dict(message)
            mentioned = any(u["id"] == self.bot_user["id"] for u in data["mentions"])
            if guild_id and not mentioned and not session.intents & INTENT_MESSAGE_CONTENT:
                data.update(content="", embeds=[], attachments=[], components=[])
            await self._dispatch_to(session, "MESSAGE_CREATE", data)

        self._call_in_loop(go())

    # -- REST ---------------------------------------------------------------------------------

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        arrived = time.monotonic()  # before reading the body
        path = "/" + request.match_info["tail"]
        body, files = await _read_body(request)
        call = Call(
            -1,
            arrived,
            request.method,
            path,
            dict(request.query),
            body,
            files,
        )
        try:
            response = await self._handle(request, call)
        except Exception as exc:  # a bug in the fake: make it loud
            self._violation(f"fake error on {request.method} {path}: {exc!r}")
            response = error(500, 0, f"fake error: {exc!r}")
        parsed = None
        if isinstance(response, web.Response) and response.body:
            try:
                parsed = json.loads(response.body)
            except (TypeError, ValueError):
                parsed = None
        # Recorded once the answer is on the wire, so that a test that sees the record knows
        # the bot can read it (e.g. before it sends SIGTERM).
        with contextlib.suppress(ConnectionError):
            await response.prepare(request)
            await response.write_eof()
        with self._lock:  # status last: waiters take a non-zero status as "answered"
            call.response = parsed
            call.status = response.status
            call.seq = len(self.calls)
            self.calls.append(call)
            self._lock.notify_all()
        return response

    async def _handle(self, request: web.Request, call: Call) -> web.StreamResponse:
        fault = self._fault_for(call.method, call.path)
        if fault is not None:
            return self._fault_response(fault)
        public = call.path.startswith(("/interactions/", "/webhooks/"))
        if not public and request.headers.get("Authorization") != f"Bot {self.token}":
            return error(401, 0, "401: Unauthorized")
        for method, pattern, handler in self._routes:
            if method == call.method:
                found = pattern.match(call.path)
                if found:
                    return await handler(call, *found.groups())
        self._violation(f"unknown route {call.method} {call.path}")
        return error(404, 0, "404: Not Found")

    async def _get_me(self, call: Call) -> web.Response:
        return json_response(self.bot_user)

    async def _get_application(self, call: Call) -> web.Response:
        return json_response(
            {
                "id": self.app_id,
                "name": "NestorBot",
                "icon": None,
                "description": "",
                "summary": "",
                "rpc_origins": [],
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": self.owner,
                "team": None,
                "verify_key": "0" * 64,
                "flags": 0,
                "bot": self.bot_user,
                "redirect_uris": [],
                "interactions_endpoint_url": None,
                "approximate_guild_count": len(self.guilds),
                "tags": [],
            }
        )

    async def _get_gateway_bot(self, call: Call) -> web.Response:
        return json_response(
            {
                "url": self.gateway_url,
                "shards": self.shard_count,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 999,
                    "reset_after": 14_400_000,
                    "max_concurrency": 1,
                },
            }
        )

    async def _get_gateway(self, call: Call) -> web.Response:
        return json_response({"url": self.gateway_url})

    async def _put_commands(self, call: Call, app_id: str, guild_id: str | None = None):
        if app_id != self.app_id:
            return error(404, 10002, "Unknown Application")
        if not isinstance(call.body, list):
            return error(400, 50035, "Invalid Form Body")
        synced = []
        for command in call.body:
            problem = _command_problem(command)
            if problem:
                self._violation(f"command /{command.get('name')}: {problem}")
                return error(400, 50035, f"Invalid Form Body: {problem}")
            stored = dict(command, id=snowflake(), application_id=self.app_id, version=snowflake())
            stored.setdefault("type", 1)
            permissions = stored.get("default_member_permissions")  # Discord answers a string
            stored["default_member_permissions"] = None if permissions is None else str(permissions)
            stored.setdefault("options", [])
            if guild_id:
                stored["guild_id"] = guild_id
            synced.append(stored)
        with self._lock:
            self.commands[guild_id] = synced
        return json_response(synced)

    async def _get_commands(self, call: Call, app_id: str, guild_id: str | None = None):
        with self._lock:
            return json_response(self.commands.get(guild_id, []))

    async def _typing(self, call: Call, channel_id: str) -> web.Response:
        if channel_id not in self.channels:
            return error(404, 10003, "Unknown Channel")
        return web.Response(status=204)

    async def _open_dm(self, call: Call) -> web.Response:
        recipient = (call.body or {}).get("recipient_id")
        user = {
            "id": str(recipient),
            "username": "someone",
            "discriminator": "0",
            "avatar": None,
            "global_name": None,
        }
        return json_response(self._dm_channel(user))

    async def _post_message(self, call: Call, channel_id: str) -> web.Response:
        channel = self.channels.get(channel_id)
        if channel is None:
            return error(404, 10003, "Unknown Channel")
        problem = self._check_message(call, call.payload, call.files, creating=True)
        if problem:
            return problem
        reference = call.payload.get("message_reference")
        if reference:
            referenced = self.messages.get(str(reference.get("message_id")))
            if referenced is None and reference.get("fail_if_not_exists", True):
                self._violation(f"reply to unknown message {reference}")
                return error(400, 50035, "Invalid Form Body: Unknown message")
        message = self._bot_message(channel_id, channel.get("guild_id"), call.payload, call.files)
        return json_response(message)

    async def _patch_message(self, call: Call, channel_id: str, message_id: str) -> web.Response:
        with self._lock:
            message = self.messages.get(message_id)
        if message is None or message["channel_id"] != channel_id:
            return error(404, 10008, "Unknown Message")
        problem = self._check_message(call, call.payload, call.files, creating=False)
        if problem:
            return problem
        return json_response(self._edit(message, call.payload, call.files))

    # -- interaction responses ----------------------------------------------------------------

    async def _callback(self, call: Call, interaction_id: str, token: str) -> web.Response:
        with self._lock:
            ix = self.interactions.get(interaction_id)
        if ix is None or ix.token != token:
            return error(404, 10062, "Unknown interaction")
        ix.attempts.append(call)
        now = call.t
        if ix.acked_at is not None:
            return error(400, 40060, "Interaction has already been acknowledged.")
        if ix.sent_at is None or now - ix.sent_at > self.deadline:
            waited = "never sent" if ix.sent_at is None else f"{(now - ix.sent_at) * 1000:.0f} ms"
            self._violation(f"late callback for {ix.name} ({waited})")
            return error(404, 10062, "Unknown interaction")
        body = call.body if isinstance(call.body, dict) else {}
        kind = body.get("type")
        data = body.get("data") or {}
        allowed = {2: {4, 5}, 3: {4, 5, 6, 7}, 4: {8}}[ix.type]
        if kind not in allowed:
            self._violation(f"callback type {kind} for an interaction of type {ix.type}")
            return error(400, 50035, f"Invalid Form Body: type {kind} not allowed here")
        if kind == 8:
            problem = _choices_problem(data.get("choices"))
            if problem:
                self._violation(f"autocomplete {ix.name}: {problem}")
                return error(400, 50035, f"Invalid Form Body: {problem}")
        if kind in (4, 7):
            problem = self._check_message(call, data, call.files, creating=kind == 4)
            if problem:
                return problem
        message = None
        if kind == 4:
            message = self._bot_message(ix.channel_id, ix.guild_id, data, call.files, ix=ix)
        elif kind == 5:
            flags = LOADING | (int(data.get("flags") or 0) & EPHEMERAL)
            message = self._bot_message(ix.channel_id, ix.guild_id, {"flags": flags}, [], ix=ix)
        elif kind == 7:
            with self._lock:
                original = self.messages.get(ix.payload["message"]["id"])
            if original is None:
                return error(404, 10008, "Unknown Message")
            message = self._edit(original, data, call.files)
        ix.acked_at = now
        ix.ack_type = kind
        if message is not None:
            ix.response_message_id = message["id"]
            ix.response_flags = message["flags"]
        with self._lock:
            self._lock.notify_all()
        if call.query.get("with_response") not in ("1", "true", "True"):
            return web.Response(status=204)
        resource: dict[str, Any] = {"type": kind}
        if message is not None:
            resource["message"] = message
        return json_response(
            {
                "interaction": {
                    "id": ix.id,
                    "type": ix.type,
                    "response_message_id": ix.response_message_id,
                    "response_message_loading": kind == 5,
                    "response_message_ephemeral": bool(ix.response_flags & EPHEMERAL),
                },
                "resource": resource,
            }
        )

    def _ix_for_token(self, app_id: str, token: str) -> Interaction | None:
        if app_id != self.app_id:
            return None
        with self._lock:
            for ix in self.interactions.values():
                if ix.token == token:
                    return ix
        return None

    async def _followup(self, call: Call, app_id: str, token: str) -> web.Response:
        ix = self._ix_for_token(app_id, token)
        if ix is None or ix.acked_at is None or call.t - ix.acked_at > 900:
            if ix is not None:
                ix.followups.append(call)
            self._violation(f"followup on an unknown or unacknowledged token ({app_id})")
            return error(404, 10015, "Unknown Webhook")
        ix.followups.append(call)
        problem = self._check_message(call, call.payload, call.files, creating=True)
        if problem:
            return problem
        accepted = [f for f in ix.followups if f.status == 200]
        if ix.ack_type == 5 and not accepted and ix.response_message_id:
            # The first followup after a thinking defer replaces the "thinking" message (and
            # keeps its ephemerality).
            with self._lock:
                original = self.messages[ix.response_message_id]
            payload = dict(call.payload, flags=original["flags"] & EPHEMERAL)
            message = self._edit(original, payload, call.files)
        else:
            flags = int(call.payload.get("flags") or 0) & EPHEMERAL
            payload = dict(call.payload, flags=flags)
            message = self._bot_message(ix.channel_id, ix.guild_id, payload, call.files, ix=ix)
        with self._lock:
            self._lock.notify_all()
        if call.query.get("wait") in ("true", "1", "True"):
            return json_response(message)
        return web.Response(status=204)

    def _webhook_target(self, app_id: str, token: str, which: str) -> dict | None:
        ix = self._ix_for_token(app_id, token)
        if ix is None or ix.acked_at is None:
            return None
        message_id = ix.response_message_id if which == "@original" else which
        with self._lock:
            return self.messages.get(message_id or "")

    async def _edit_webhook_message(self, call: Call, app_id: str, token: str, which: str):
        message = self._webhook_target(app_id, token, which)
        if message is None:
            return error(404, 10008, "Unknown Message")
        problem = self._check_message(call, call.payload, call.files, creating=False)
        if problem:
            return problem
        return json_response(self._edit(message, call.payload, call.files))

    async def _get_webhook_message(self, call: Call, app_id: str, token: str, which: str):
        message = self._webhook_target(app_id, token, which)
        if message is None:
            return error(404, 10008, "Unknown Message")
        return json_response(message)

    async def _delete_webhook_message(self, call: Call, app_id: str, token: str, which: str):
        message = self._webhook_target(app_id, token, which)
        if message is None:
            return error(404, 10008, "Unknown Message")
        with self._lock:
            self.messages.pop(message["id"], None)
        return web.Response(status=204)

    # -- bot messages -------------------------------------------------------------------------

    def _check_message(
        self, call: Call, payload: dict, files: list[dict], creating: bool
    ) -> web.Response | None:
        """Discord's limits (400) and our rule on allowed_mentions (recorded)."""
        problem = _message_problem(payload, files, creating)
        if problem:
            code, text = problem
            self._violation(f"{call.method} {call.path}: {text}")
            return error(400, code, text)
        has_text = bool(payload.get("content")) or bool(payload.get("embeds"))
        if creating or has_text:
            mentions = payload.get("allowed_mentions")
            if not _no_pings(mentions):
                self._violation(f"{call.method} {call.path}: allowed_mentions is {mentions!r}")
        return None

    def _bot_message(
        self,
        channel_id: str,
        guild_id: str | None,
        payload: dict,
        files: list[dict],
        ix: Interaction | None = None,
    ) -> dict:
        message = self._message(
            channel_id,
            self.bot_user,
            "",
            guild_id=guild_id,
            member=self._bot_member() if guild_id else None,
        )
        message["flags"] = int(payload.get("flags") or 0)
        if ix is not None:
            message.update(
                type=20 if ix.type == 2 else 19,
                webhook_id=self.app_id,
                application_id=self.app_id,
                interaction_metadata={
                    "id": ix.id,
                    "type": ix.type,
                    "user": ix.user,
                    "authorizing_integration_owners": {},
                },
            )
        reference = payload.get("message_reference")
        if reference:
            message["type"] = 19
            message["message_reference"] = {
                "type": 0,
                "message_id": str(reference.get("message_id")),
                "channel_id": str(reference.get("channel_id") or channel_id),
            }
            if guild_id:
                message["message_reference"]["guild_id"] = guild_id
        message = self._edit(message, payload, files, new=True)
        return message

    def _edit(self, message: dict, payload: dict, files: list[dict], new: bool = False) -> dict:
        with self._lock:
            message = dict(message)
            for key in ("content", "embeds", "components", "flags"):
                if key in payload and payload[key] is not None:
                    message[key] = payload[key]
            if "attachments" in payload or files:
                message["attachments"] = [
                    {
                        "id": snowflake(),
                        "filename": f["filename"],
                        "size": f["size"],
                        "url": f"https://cdn.example.invalid/{f['filename']}",
                        "proxy_url": f"https://media.example.invalid/{f['filename']}",
                        "content_type": f["content_type"],
                    }
                    for f in files
                ]
            message["components"] = [_with_ids(row) for row in message.get("components") or []]
            if not new:
                message["edited_timestamp"] = iso_now()
            pinged = _pings(message, payload.get("allowed_mentions"), self.messages)
            message["mentions"], message["mention_roles"], message["mention_everyone"] = pinged
            self.messages[message["id"]] = message
            return message

    def pings(self, since: int = 0) -> list[tuple[Call, dict]]:
        """Messages the bot created that would notify someone, with the call that made them."""
        out = []
        for call in self.bot_messages(since):
            message = call.response if isinstance(call.response, dict) else None
            if message is None or call.status != 200:
                continue
            if "resource" in message:
                message = message["resource"].get("message")
            if message and (
                message["mentions"] or message["mention_roles"] or message["mention_everyone"]
            ):
                out.append((call, message))
        return out


# -- pure helpers ---------------------------------------------------------------------------------


async def _read_body(request: web.Request) -> tuple[Any, list[dict]]:
    raw = await request.read()
    if request.content_type == "multipart/form-data":
        return _multipart(raw, _boundary(request.headers["Content-Type"]))
    if not raw:
        return None, []
    if request.content_type != "application/json":
        return {"_raw": raw.decode("utf-8", "replace")}, []
    return json.loads(raw), []


def _boundary(content_type: str) -> str:
    found = re.search(r'boundary="?([^";]+)"?', content_type)
    if found is None:
        raise ValueError(f"no multipart boundary in {content_type!r}")
    return found.group(1)


def _multipart(raw: bytes, boundary: str) -> tuple[Any, list[dict]]:
    """``payload_json`` and the files of a multipart/form-data body (RFC 7578)."""
    body: Any = None
    files: list[dict] = []
    for chunk in raw.split(b"--" + boundary.encode())[1:]:
        if chunk.startswith(b"--"):
            break  # the closing delimiter
        head, _, content = chunk.partition(b"\r\n\r\n")
        content = content.removesuffix(b"\r\n")
        headers = {}
        for line in head.decode("utf-8", "replace").strip().split("\r\n"):
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
        disposition = headers.get("content-disposition", "")
        name = re.search(r'\bname="([^"]*)"', disposition)
        filename = re.search(r'\bfilename="([^"]*)"', disposition)
        if name and name.group(1) == "payload_json":
            body = json.loads(content)
        else:
            files.append(
                {
                    "field": name.group(1) if name else None,
                    "filename": filename.group(1) if filename else None,
                    "content_type": headers.get("content-type", ""),
                    "size": len(content),
                    "head": content[:8],
                }
            )
    return body, files


def _no_pings(mentions: Any) -> bool:
    if not isinstance(mentions, dict) or mentions.get("parse") != []:
        return False
    return not (mentions.get("users") or mentions.get("roles") or mentions.get("replied_user"))


def _pings(message: dict, allowed: Any, messages: dict) -> tuple[list, list, bool]:
    """Who a message notifies, as Discord decides it from its content and allowed_mentions
    (absent = everything in the content pings, and a reply pings its author)."""
    content = message.get("content") or ""
    if allowed is None:
        parse, users, roles, replied = {"users", "roles", "everyone"}, [], [], True
    else:
        parse = set(allowed.get("parse") or [])
        users = [str(u) for u in allowed.get("users") or []]
        roles = [str(r) for r in allowed.get("roles") or []]
        replied = bool(allowed.get("replied_user"))
    pinged_users = [u for u in USER_MENTION.findall(content) if "users" in parse or u in users]
    pinged_roles = [r for r in ROLE_MENTION.findall(content) if "roles" in parse or r in roles]
    everyone = "everyone" in parse and ("@everyone" in content or "@here" in content)
    mentions = [
        {"id": u, "username": "someone", "discriminator": "0", "avatar": None, "global_name": None}
        for u in dict.fromkeys(pinged_users)
    ]
    reference = message.get("message_reference")
    if replied and reference:
        referenced = messages.get(reference.get("message_id"))
        if referenced is not None:
            mentions.append(referenced["author"])
    return mentions, list(dict.fromkeys(pinged_roles)), everyone


def _embed_length(embed: dict) -> int:
    total = len(embed.get("title") or "") + len(embed.get("description") or "")
    total += len((embed.get("footer") or {}).get("text") or "")
    total += len((embed.get("author") or {}).get("name") or "")
    for f in embed.get("fields") or []:
        total += len(f.get("name") or "") + len(f.get("value") or "")
    return total


def _message_problem(payload: dict, files: list[dict], creating: bool) -> tuple[int, str] | None:
    content = payload.get("content") or ""
    embeds = payload.get("embeds") or []
    if len(content) > 2000:
        return 50035, f"content: Must be 2000 or fewer in length ({len(content)})"
    if len(embeds) > 10:
        return 50035, "embeds: Must be 10 or fewer in length"
    for embed in embeds:
        if len(embed.get("title") or "") > 256:
            return 50035, "embeds.title: Must be 256 or fewer in length"
        if len(embed.get("description") or "") > 4096:
            return 50035, "embeds.description: Must be 4096 or fewer in length"
        fields = embed.get("fields") or []
        if len(fields) > 25:
            return 50035, "embeds.fields: Must be 25 or fewer in length"
        for f in fields:
            if not 1 <= len(f.get("name") or "") <= 256:
                return 50035, "embeds.fields.name: Must be between 1 and 256 in length"
            if not 1 <= len(f.get("value") or "") <= 1024:
                return 50035, "embeds.fields.value: Must be between 1 and 1024 in length"
        if len((embed.get("footer") or {}).get("text") or "") > 2048:
            return 50035, "embeds.footer.text: Must be 2048 or fewer in length"
    if sum(_embed_length(e) for e in embeds) > 6000:
        return 50035, "embeds: Embed size exceeds maximum size of 6000"
    for row in payload.get("components") or []:
        for component in row.get("components") or []:
            if component.get("type") == 3 and not 1 <= len(component.get("options") or []) <= 25:
                return 50035, "components.options: Must be between 1 and 25 in length"
            for option in component.get("options") or []:
                if not 1 <= len(option.get("label") or "") <= 100 or len(option["value"]) > 100:
                    return 50035, "components.options: label or value too long"
    if creating and not (content or embeds or files or payload.get("components")):
        return 50006, "Cannot send an empty message"
    return None


def _choices_problem(choices: Any) -> str | None:
    if not isinstance(choices, list):
        return "choices: missing"
    if len(choices) > 25:
        return f"choices: Must be 25 or fewer in length ({len(choices)})"
    for choice in choices:
        if not 1 <= len(str(choice.get("name", ""))) <= 100:
            return "choices.name: Must be between 1 and 100 in length"
        value = choice.get("value")
        if isinstance(value, str) and not 1 <= len(value) <= 100:
            return "choices.value: Must be between 1 and 100 in length"
    return None


def _command_problem(command: dict) -> str | None:
    name = command.get("name") or ""
    if command.get("type", 1) == 1:
        if not re.fullmatch(r"[-_a-z0-9]{1,32}", name):
            return "name must be 1-32 lowercase characters"
        if not 1 <= len(command.get("description") or "") <= 100:
            return "description must be 1-100 characters"
    if len(command.get("options") or []) > 25:
        return "at most 25 options"
    return None


def _with_ids(row: dict) -> dict:
    """Components as Discord echoes them (each gets a numeric ``id``)."""
    row = dict(row)
    row.setdefault("id", 1)
    row["components"] = [
        dict(c, id=c.get("id") or n) for n, c in enumerate(row.get("components") or [], 2)
    ]
    return row


def _creates_message(call: Call) -> bool:
    if call.path.endswith("/callback"):
        return isinstance(call.body, dict) and call.body.get("type") in (4, 7)
    if call.method == "POST" and re.fullmatch(r"/channels/\d+/messages", call.path):
        return True
    if call.method == "POST" and re.fullmatch(r"/webhooks/\d+/[^/]+", call.path):
        return True
    return call.method == "PATCH" and "/messages/" in call.path


def _describe(record: Call | Frame) -> str:
    if record.kind == "rest":
        return f"  REST {record.method} {record.path} -> {record.status}"
    return f"  WS#{record.conn} {record.direction} op={record.op} t={record.event}"
