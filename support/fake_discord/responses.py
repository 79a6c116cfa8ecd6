"""Interaction callbacks, followups and webhook messages, with Discord's deadlines."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from support.fake_discord.records import (
    EPHEMERAL,
    LOADING,
    Call,
    Interaction,
    error,
    iso_now,
    json_response,
    snowflake,
)
from support.fake_discord.rules import (
    _choices_problem,
    _message_problem,
    _modal_problem,
    _no_pings,
    _pings,
    _with_ids,
)


class Responses:
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
        allowed = {2: {4, 5, 9}, 3: {4, 5, 6, 7, 9}, 4: {8}, 5: {4, 5, 6, 7}}[ix.type]
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
        if kind == 9:
            problem = _modal_problem(data)
            if problem:
                self._violation(f"modal for {ix.name}: {problem}")
                return error(400, 50035, f"Invalid Form Body: {problem}")
            ix.modal = data
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
