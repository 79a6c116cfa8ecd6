"""One wall-clock deadline per LLM call, whatever the server sends.

httpx's timeouts are per read: a server (or a proxy in front of it) that sends an SSE comment
(": keep-alive") every few seconds resets the read timeout for ever, and the product would
wait as long as it keeps doing so. So the LLM client (``deadline_client``) gives every request
the time left before the call's deadline (connect, write, pool and read timeouts alike),
checks the deadline at each piece of the body, and a watchdog shuts the socket down at the
deadline, which wakes a read that is blocked waiting. The deadline is set by the caller around
the whole call (``within``), retries included, through a context variable of the calling
thread. It works through httpx's event hooks, so the client keeps httpx's own transport and
with it the proxy settings of the environment (``HTTPS_PROXY``, ``NO_PROXY``).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from contextvars import ContextVar

import httpx

_DEADLINE: ContextVar[float | None] = ContextVar("llm_deadline", default=None)


@contextlib.contextmanager
def until(end: float) -> Iterator[None]:
    """Calls made inside end, at the latest, at ``end`` (``time.monotonic()``), or at the
    deadline already set around them if that comes first: a question's deadline, set when it
    arrived, also bounds the LLM call made for it after waiting for a worker."""
    current = _DEADLINE.get()
    token = _DEADLINE.set(end if current is None else min(current, end))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def within(seconds: float) -> contextlib.AbstractContextManager[None]:
    """Calls made inside end, at the latest, ``seconds`` from now (or sooner, see ``until``)."""
    return until(time.monotonic() + seconds)


def remaining() -> float | None:
    """Seconds left before the deadline (never negative), or None without one."""
    end = _DEADLINE.get()
    return None if end is None else max(0.0, end - time.monotonic())


def expired() -> bool:
    left = remaining()
    return left is not None and left <= 0


def _shut(sock: socket.socket | None) -> None:
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


class _DeadlineStream(httpx.SyncByteStream):
    def __init__(self, inner, end: float, timer: threading.Timer, request: httpx.Request):
        self._inner, self._end, self._timer, self._request = inner, end, timer, request

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._inner:
            if time.monotonic() >= self._end:
                raise httpx.ReadTimeout("the call's deadline passed", request=self._request)
            yield chunk

    def close(self) -> None:
        self._timer.cancel()
        self._inner.close()


def _limit_request(request: httpx.Request) -> None:
    """Request hook: every timeout of this request at most the time left."""
    end = _DEADLINE.get()
    if end is None:
        return
    remaining = end - time.monotonic()
    if remaining <= 0:
        raise httpx.ConnectTimeout("the call's deadline passed", request=request)
    timeouts = dict(request.extensions.get("timeout") or {})
    for phase in ("connect", "read", "write", "pool"):
        given = timeouts.get(phase)
        timeouts[phase] = remaining if given is None else min(given, remaining)
    request.extensions["timeout"] = timeouts


def _limit_response(response: httpx.Response) -> None:
    """Response hook (headers read, body not yet): the body ends by the deadline."""
    end = _DEADLINE.get()
    if end is None:
        return
    network = response.extensions.get("network_stream")
    sock = network.get_extra_info("socket") if network is not None else None
    timer = threading.Timer(max(0.0, end - time.monotonic()), _shut, (sock,))
    timer.daemon = True
    timer.start()
    response.stream = _DeadlineStream(response.stream, end, timer, response.request)


def deadline_client(timeout: float) -> httpx.Client:
    """An httpx client whose requests made inside ``within`` end by the deadline."""
    return httpx.Client(
        timeout=timeout,
        event_hooks={"request": [_limit_request], "response": [_limit_response]},
    )
