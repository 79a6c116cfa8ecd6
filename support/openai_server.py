"""A scriptable OpenAI-compatible chat endpoint on loopback, for fault injection.

It speaks the real wire protocol (JSON, or server-sent events when ``stream`` is true) over a
real socket, so the product's whole HTTP path runs: LangChain, the openai client, httpx.
A test sets ``server.script`` to a function from the request body to a ``Reply``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web


@dataclass(frozen=True)
class Reply:
    content: str = ""
    status: int = 200
    delay: float = 0.0  # seconds before answering (timeouts)
    malformed: bool = False  # a body that is not valid JSON
    chunk_chars: int = 12  # streamed in pieces this long
    keepalive_every: float = 0.0  # SSE comments every this many seconds, and never an answer


def text(content: str) -> Reply:
    return Reply(content)


class FakeOpenAI:
    def __init__(self, model: str = "fake-model"):
        self.model = model
        self.requests: list[dict] = []
        self.script: Callable[[dict], Reply] = lambda body: Reply("hello")
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._ready = threading.Event()
        self.port = 0
        self.active = 0
        self.max_active = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> FakeOpenAI:
        self._thread = threading.Thread(target=self._run, daemon=True, name="fake-openai")
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("fake OpenAI server did not start")
        return self

    def stop(self) -> None:
        if self._loop and self._runner:
            cleanup = asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop)
            with contextlib.suppress(TimeoutError):  # a request still sleeping (a timeout case)
                cleanup.result(10)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)

    def _run(self) -> None:
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._chat)
        app.router.add_get("/v1/models", self._models)
        # A request still sleeping (a timeout case) is cancelled at stop, not waited for.
        self._runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=0.5)
        self._loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        self._loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self._ready.set()
        self._loop.run_forever()
        pending = asyncio.all_tasks(self._loop)
        for task in pending:
            task.cancel()
        self._loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        self._loop.close()

    async def _models(self, request: web.Request) -> web.Response:
        return web.json_response({"object": "list", "data": [{"id": self.model}]})

    async def _chat(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()
        self.requests.append({"body": body, "headers": dict(request.headers)})
        reply = self.script(body)
        # "active" counts requests waiting for their answer: a client may only send its next
        # request once an answer is fully read, so this is bounded by its concurrency.
        self.active += 1
        self.max_active = max(self.max_active, self.active)
        try:
            if reply.delay:
                await asyncio.sleep(reply.delay)
        finally:
            self.active -= 1
        try:
            if reply.status != 200:
                return web.json_response(
                    {"error": {"message": "injected failure", "type": "server_error"}},
                    status=reply.status,
                )
            if body.get("stream"):
                return await self._stream(request, reply)
            if reply.malformed:
                broken = '{"id": "x", "choices": ['
                return web.Response(text=broken, content_type="application/json")
            return web.json_response(self._completion(reply.content))
        except ConnectionResetError:
            return web.Response(status=499)  # the client went away (a timeout): fine

    def _completion(self, content: str) -> dict:
        return {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": 0,
            "model": self.model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }

    async def _stream(self, request: web.Request, reply: Reply) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        try:
            await resp.prepare(request)
        except ConnectionResetError:
            return resp

        async def send(obj: dict | str) -> None:
            data = obj if isinstance(obj, str) else json.dumps(obj)
            await resp.write(f"data: {data}\n\n".encode())

        if reply.keepalive_every:  # a stalled model behind a proxy that keeps the line busy
            with contextlib.suppress(ConnectionResetError):
                for _ in range(int(600 / reply.keepalive_every)):
                    await resp.write(b": keep-alive\n\n")
                    await asyncio.sleep(reply.keepalive_every)
            return resp

        def chunk(delta: dict, finish: str | None = None) -> dict:
            return {
                "id": "chatcmpl-fake",
                "object": "chat.completion.chunk",
                "created": 0,
                "model": self.model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            }

        try:
            if reply.malformed:
                await send(chunk({"role": "assistant", "content": ""}))
                await send('{"id": "chatcmpl-fake", "choices": [{"delta": {"content": "Hal')
            else:
                await send(chunk({"role": "assistant", "content": ""}))
                n = reply.chunk_chars
                for i in range(0, len(reply.content), n):
                    await send(chunk({"content": reply.content[i : i + n]}))
                await send(chunk({}, "stop"))
            await send("[DONE]")
            await resp.write_eof()
        except (ConnectionResetError, asyncio.CancelledError):
            pass  # the client stopped reading: that is allowed
        return resp
