"""Running the fake Discord in a thread, recording what happens, waiting for it, faults."""

from __future__ import annotations

import asyncio
import re
import secrets
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from support.fake_discord.records import Call, Fault, Frame, Interaction, error, json_response
from support.fake_discord.rules import _creates_message, _describe

if TYPE_CHECKING:
    from support.fake_discord import FakeDiscord


class Server:
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
