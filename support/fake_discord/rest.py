"""REST v10 routes: the bot's own calls (commands, messages, DMs, typing)."""

from __future__ import annotations

import contextlib
import json
import time

from aiohttp import web

from support.fake_discord.records import Call, error, json_response, snowflake
from support.fake_discord.rules import _command_problem, _read_body


class Rest:
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
