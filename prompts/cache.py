"""Answers cached in SQLite, so a repeated question is instant and costs no LLM call.

The key is everything the answer depends on: the occupation, the score model version, the
prompt version, the writer's model, and the knowledge base build (``scope``). Each row also
records its build, so that a reload clears only the rows of builds no process can still be
serving: the build in the key keeps other processes correct, and their live rows stay.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    key TEXT PRIMARY KEY,
    uri TEXT NOT NULL,
    payload TEXT NOT NULL,
    created REAL NOT NULL,
    scope TEXT NOT NULL DEFAULT ''
);
"""


def cache_key(uri: str, model_version: str, prompt_version: str, writer_model: str, scope: str):
    parts = json.dumps([uri, model_version, prompt_version, writer_model, scope])
    return hashlib.sha256(parts.encode()).hexdigest()


class AnswerCache:
    """A cache is an optimisation: when its disk is full or read-only, answers go on without
    it (a warning is logged once) rather than fail."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._con = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._con.execute("PRAGMA busy_timeout=2000")
        self._con.executescript(SCHEMA)
        columns = {row[1] for row in self._con.execute("PRAGMA table_info(answers)")}
        if "scope" not in columns:  # a file written before rows recorded their build
            try:
                self._con.execute("ALTER TABLE answers ADD COLUMN scope TEXT NOT NULL DEFAULT ''")
            except sqlite3.OperationalError as exc:  # another process added it just now
                if "duplicate column" not in str(exc):
                    raise
        self._con.execute("PRAGMA journal_mode=WAL")
        self.broken: str | None = None

    def _failed(self, exc: sqlite3.Error) -> None:
        if self.broken is None:
            log.warning("answer cache %s unusable, answering without it: %s", self.path, exc)
        self.broken = str(exc)

    def get(self, key: str) -> dict | None:
        try:
            with self._lock:
                row = self._con.execute(
                    "SELECT payload FROM answers WHERE key = ?", (key,)
                ).fetchone()
        except sqlite3.Error as exc:
            self._failed(exc)
            return None
        try:
            return json.loads(row[0]) if row else None
        except ValueError:
            return None

    def put(self, key: str, uri: str, payload: dict, scope: str = "") -> None:
        try:
            with self._lock:
                self._con.execute(
                    "INSERT OR REPLACE INTO answers (key, uri, payload, created, scope) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (key, uri, json.dumps(payload, ensure_ascii=False), time.time(), scope),
                )
        except sqlite3.Error as exc:
            self._failed(exc)

    def clear(self, keep: Iterable[str] = ()) -> None:
        """Remove every row, but those of the builds in ``keep`` (builds that this or another
        process may still be serving)."""
        kept = sorted(set(keep))
        try:
            with self._lock:
                marks = ",".join("?" * len(kept))
                self._con.execute(f"DELETE FROM answers WHERE scope NOT IN ({marks})", kept)
        except sqlite3.Error as exc:
            self._failed(exc)

    def __len__(self) -> int:
        with self._lock:
            return int(self._con.execute("SELECT COUNT(*) FROM answers").fetchone()[0])

    def close(self) -> None:
        self._con.close()
