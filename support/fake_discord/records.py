"""What the fake Discord records and serves: constants, ids, the records of REST calls and
gateway frames, interactions, faults and sessions."""

from __future__ import annotations

import itertools
import json
import re
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

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
    type: int  # 2 command, 3 component, 4 autocomplete, 5 modal submit
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
    modal: dict | None = None  # the modal the bot answered with (callback type 9)
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
