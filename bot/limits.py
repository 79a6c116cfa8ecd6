"""Per-person rate limits: a burst of questions, then a polite wait, so one person cannot
monopolise the LLM while a second question right after the first still gets its answer.
Not Discord-specific; the clock is injectable for tests."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Hashable


class RateLimit:
    """At most ``burst`` calls per key in any ``window`` seconds (a sliding window)."""

    def __init__(
        self, burst: int, window: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.burst, self.window, self.clock = max(1, burst), window, clock
        self._calls: dict[Hashable, deque[float]] = {}
        self._lock = threading.Lock()

    def retry_after(self, key: Hashable) -> float:
        """0 and the call is counted if ``key`` may go now, else the seconds left to wait."""
        if self.window <= 0:
            return 0.0
        with self._lock:
            now = self.clock()
            calls = self._calls.setdefault(key, deque())
            while calls and now - calls[0] >= self.window:
                calls.popleft()
            if len(calls) >= self.burst:
                return self.window - (now - calls[0])
            calls.append(now)
            if len(self._calls) > 10_000:  # forget people who have not asked for a while
                self._calls = {
                    k: c for k, c in self._calls.items() if c and now - c[-1] < self.window
                }
            return 0.0

    def refund(self, key: Hashable) -> None:
        """Forget ``key``'s latest counted call (it did not go through after all)."""
        with self._lock:
            calls = self._calls.get(key)
            if calls:
                calls.pop()


class Cooldown(RateLimit):
    """One call per key every ``seconds``."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(1, seconds, clock)
