"""Each server's own settings, which its admins change with /settings: whether answers are
private, which channels the bot chats in, the question cooldown. Kept in SQLite under
NESTOR_DATA_DIR, so they survive restarts and knowledge-base reloads (they are about the
server, not the knowledge base); what a server has not set comes from the environment.
Not Discord-specific: guild ids in, typed settings out."""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from dataclasses import dataclass, replace
from pathlib import Path

log = logging.getLogger(__name__)
SCHEMA = """
CREATE TABLE IF NOT EXISTS guild_settings (
    guild_id INTEGER PRIMARY KEY,
    settings TEXT NOT NULL
);
"""
MAX_CHAT_CHANNELS = 25


@dataclass(frozen=True)
class GuildSettings:
    private: bool | None = None  # answers only the asker sees; None: the default (public)
    cooldown: float | None = None  # the question window in seconds; None: the environment's
    chat_channels: tuple[int, ...] = ()  # where the bot answers without a mention

    def to_json(self) -> str:
        return json.dumps(
            {
                "private": self.private,
                "cooldown": self.cooldown,
                "chat_channels": list(self.chat_channels),
            }
        )

    @classmethod
    def from_json(cls, text: str) -> GuildSettings:
        """Tolerant: a value of the wrong type (a hand-edited file) reads as not set."""
        try:
            data = json.loads(text)
        except ValueError:
            return cls()
        if not isinstance(data, dict):
            return cls()
        private, cooldown = data.get("private"), data.get("cooldown")
        channels = data.get("chat_channels")
        if not isinstance(channels, list):
            channels = []
        return cls(
            private=private if isinstance(private, bool) else None,
            cooldown=float(cooldown) if isinstance(cooldown, int | float) else None,
            chat_channels=tuple(c for c in channels if isinstance(c, int))[:MAX_CHAT_CHANNELS],
        )


class GuildSettingsStore:
    def __init__(self, path: Path):
        """A file that cannot be opened (read-only or full disk) leaves the bot running with
        settings kept in memory until it stops, and says so in the log."""
        self.path = path
        self._lock = threading.Lock()
        self._cache: dict[int, GuildSettings] = {}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._con = self._open(str(path))
        except (OSError, sqlite3.Error) as exc:
            log.warning("server settings %s unusable, kept in memory only: %s", path, exc)
            self._con = self._open(":memory:")

    @staticmethod
    def _open(where: str) -> sqlite3.Connection:
        con = sqlite3.connect(where, check_same_thread=False, isolation_level=None)
        con.execute("PRAGMA busy_timeout=2000")
        con.executescript(SCHEMA)
        return con

    def get(self, guild_id: int | None) -> GuildSettings:
        """A server's settings (a DM has none: all defaults)."""
        if guild_id is None:
            return GuildSettings()
        with self._lock:
            found = self._cache.get(guild_id)
            if found is None:
                row = self._con.execute(
                    "SELECT settings FROM guild_settings WHERE guild_id = ?", (guild_id,)
                ).fetchone()
                found = GuildSettings.from_json(row[0]) if row else GuildSettings()
                self._cache[guild_id] = found
            return found

    def update(self, guild_id: int, **changes) -> GuildSettings:
        """Change some settings of one server and keep them; returns the new settings."""
        with self._lock:
            self._cache.pop(guild_id, None)
        new = replace(self.get(guild_id), **changes)
        with self._lock:
            self._con.execute(
                "INSERT INTO guild_settings VALUES (?, ?) "
                "ON CONFLICT(guild_id) DO UPDATE SET settings = excluded.settings",
                (guild_id, new.to_json()),
            )
            self._cache[guild_id] = new
        return new

    def close(self) -> None:
        self._con.close()
