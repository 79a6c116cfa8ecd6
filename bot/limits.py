"""Per-person cooldowns: one question every few seconds per user, so one person cannot
monopolise the LLM. Not Discord-specific; the clock is injectable for tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable


class Cooldown:
    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic):
        self.seconds, self.clock = seconds, clock
        self._last: dict[Hashable, float] = {}
        self._lock = threading.Lock()

    def retry_after(self, key: Hashable) -> float:
        """0 and the call is counted if ``key`` may go now, else the seconds left to wait."""
        if self.seconds <= 0:
            return 0.0
        with self._lock:
            now = self.clock()
            last = self._last.get(key)
            if last is not None and now - last < self.seconds:
                return self.seconds - (now - last)
            self._last[key] = now
            if len(self._last) > 10_000:  # forget people who have not asked for a while
                self._last = {k: t for k, t in self._last.items() if now - t < self.seconds}
            return 0.0
