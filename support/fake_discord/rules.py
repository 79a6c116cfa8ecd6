"""Discord's rules as the fake enforces them: message, embed, choice and command limits,
mentions and pings, multipart bodies."""

from __future__ import annotations

import json
import re
from typing import Any

from aiohttp import web

from support.fake_discord.records import ROLE_MENTION, USER_MENTION, Call, Frame

# -- pure helpers ---------------------------------------------------------------------------------


async def _read_body(request: web.Request) -> tuple[Any, list[dict]]:
    raw = await request.read()
    if request.content_type == "multipart/form-data":
        return _multipart(raw, _boundary(request.headers["Content-Type"]))
    if not raw:
        return None, []
    if request.content_type != "application/json":
        return {"_raw": raw.decode("utf-8", "replace")}, []
    return json.loads(raw), []


def _boundary(content_type: str) -> str:
    found = re.search(r'boundary="?([^";]+)"?', content_type)
    if found is None:
        raise ValueError(f"no multipart boundary in {content_type!r}")
    return found.group(1)


def _multipart(raw: bytes, boundary: str) -> tuple[Any, list[dict]]:
    """``payload_json`` and the files of a multipart/form-data body (RFC 7578)."""
    body: Any = None
    files: list[dict] = []
    for chunk in raw.split(b"--" + boundary.encode())[1:]:
        if chunk.startswith(b"--"):
            break  # the closing delimiter
        head, _, content = chunk.partition(b"\r\n\r\n")
        content = content.removesuffix(b"\r\n")
        headers = {}
        for line in head.decode("utf-8", "replace").strip().split("\r\n"):
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
        disposition = headers.get("content-disposition", "")
        name = re.search(r'\bname="([^"]*)"', disposition)
        filename = re.search(r'\bfilename="([^"]*)"', disposition)
        if name and name.group(1) == "payload_json":
            body = json.loads(content)
        else:
            files.append(
                {
                    "field": name.group(1) if name else None,
                    "filename": filename.group(1) if filename else None,
                    "content_type": headers.get("content-type", ""),
                    "size": len(content),
                    "head": content[:8],
                }
            )
    return body, files


def _no_pings(mentions: Any) -> bool:
    if not isinstance(mentions, dict) or mentions.get("parse") != []:
        return False
    return not (mentions.get("users") or mentions.get("roles") or mentions.get("replied_user"))


def _pings(message: dict, allowed: Any, messages: dict) -> tuple[list, list, bool]:
    """Who a message notifies, as Discord decides it from its content and allowed_mentions
    (absent = everything in the content pings, and a reply pings its author)."""
    content = message.get("content") or ""
    if allowed is None:
        parse, users, roles, replied = {"users", "roles", "everyone"}, [], [], True
    else:
        parse = set(allowed.get("parse") or [])
        users = [str(u) for u in allowed.get("users") or []]
        roles = [str(r) for r in allowed.get("roles") or []]
        replied = bool(allowed.get("replied_user"))
    pinged_users = [u for u in USER_MENTION.findall(content) if "users" in parse or u in users]
    pinged_roles = [r for r in ROLE_MENTION.findall(content) if "roles" in parse or r in roles]
    everyone = "everyone" in parse and ("@everyone" in content or "@here" in content)
    mentions = [
        {"id": u, "username": "someone", "discriminator": "0", "avatar": None, "global_name": None}
        for u in dict.fromkeys(pinged_users)
    ]
    reference = message.get("message_reference")
    if replied and reference:
        referenced = messages.get(reference.get("message_id"))
        if referenced is not None:
            mentions.append(referenced["author"])
    return mentions, list(dict.fromkeys(pinged_roles)), everyone


def _embed_length(embed: dict) -> int:
    total = len(embed.get("title") or "") + len(embed.get("description") or "")
    total += len((embed.get("footer") or {}).get("text") or "")
    total += len((embed.get("author") or {}).get("name") or "")
    for f in embed.get("fields") or []:
        total += len(f.get("name") or "") + len(f.get("value") or "")
    return total


def _message_problem(payload: dict, files: list[dict], creating: bool) -> tuple[int, str] | None:
    content = payload.get("content") or ""
    embeds = payload.get("embeds") or []
    if len(content) > 2000:
        return 50035, f"content: Must be 2000 or fewer in length ({len(content)})"
    if len(embeds) > 10:
        return 50035, "embeds: Must be 10 or fewer in length"
    for embed in embeds:
        if len(embed.get("title") or "") > 256:
            return 50035, "embeds.title: Must be 256 or fewer in length"
        if len(embed.get("description") or "") > 4096:
            return 50035, "embeds.description: Must be 4096 or fewer in length"
        fields = embed.get("fields") or []
        if len(fields) > 25:
            return 50035, "embeds.fields: Must be 25 or fewer in length"
        for f in fields:
            if not 1 <= len(f.get("name") or "") <= 256:
                return 50035, "embeds.fields.name: Must be between 1 and 256 in length"
            if not 1 <= len(f.get("value") or "") <= 1024:
                return 50035, "embeds.fields.value: Must be between 1 and 1024 in length"
        if len((embed.get("footer") or {}).get("text") or "") > 2048:
            return 50035, "embeds.footer.text: Must be 2048 or fewer in length"
    if sum(_embed_length(e) for e in embeds) > 6000:
        return 50035, "embeds: Embed size exceeds maximum size of 6000"
    rows = payload.get("components") or []
    if len(rows) > 5:
        return 50035, "components: Must be 5 or fewer in length"
    for row in rows:
        if len(row.get("components") or []) > 5:
            return 50035, "components.components: Must be 5 or fewer in length"
        for component in row.get("components") or []:
            if component.get("type") == 2:
                problem = _button_problem(component)
                if problem:
                    return 50035, problem
            if component.get("type") == 3 and not 1 <= len(component.get("options") or []) <= 25:
                return 50035, "components.options: Must be between 1 and 25 in length"
            for option in component.get("options") or []:
                if not 1 <= len(option.get("label") or "") <= 100 or len(option["value"]) > 100:
                    return 50035, "components.options: label or value too long"
    if creating and not (content or embeds or files or payload.get("components")):
        return 50006, "Cannot send an empty message"
    return None


def _button_problem(button: dict) -> str | None:
    if button.get("style") == 5:
        return None if button.get("url") else "components.url: a link button needs a url"
    if not 1 <= len(button.get("custom_id") or "") <= 100:
        return "components.custom_id: Must be between 1 and 100 in length"
    if len(button.get("label") or "") > 80:
        return "components.label: Must be 80 or fewer in length"
    return None


def _modal_problem(modal: dict) -> str | None:
    """A modal (callback type 9): a title, a custom id, one to five rows of text inputs."""
    if not 1 <= len(modal.get("title") or "") <= 45:
        return "title: Must be between 1 and 45 in length"
    if not 1 <= len(modal.get("custom_id") or "") <= 100:
        return "custom_id: Must be between 1 and 100 in length"
    rows = modal.get("components") or []
    if not 1 <= len(rows) <= 5:
        return "components: Must be between 1 and 5 in length"
    for row in rows:
        for field in row.get("components") or []:
            if field.get("type") != 4:
                return "components: a modal holds text inputs only"
            if not 1 <= len(field.get("label") or "") <= 45:
                return "components.label: Must be between 1 and 45 in length"
            if not 1 <= len(field.get("custom_id") or "") <= 100:
                return "components.custom_id: Must be between 1 and 100 in length"
    return None


def _choices_problem(choices: Any) -> str | None:
    if not isinstance(choices, list):
        return "choices: missing"
    if len(choices) > 25:
        return f"choices: Must be 25 or fewer in length ({len(choices)})"
    for choice in choices:
        if not 1 <= len(str(choice.get("name", ""))) <= 100:
            return "choices.name: Must be between 1 and 100 in length"
        value = choice.get("value")
        if isinstance(value, str) and not 1 <= len(value) <= 100:
            return "choices.value: Must be between 1 and 100 in length"
    return None


def _command_problem(command: dict) -> str | None:
    name = command.get("name") or ""
    if command.get("type", 1) == 1:
        if not re.fullmatch(r"[-_a-z0-9]{1,32}", name):
            return "name must be 1-32 lowercase characters"
        if not 1 <= len(command.get("description") or "") <= 100:
            return "description must be 1-100 characters"
    if len(command.get("options") or []) > 25:
        return "at most 25 options"
    return None


def _with_ids(row: dict) -> dict:
    """Components as Discord echoes them (each gets a numeric ``id``)."""
    row = dict(row)
    row.setdefault("id", 1)
    row["components"] = [
        dict(c, id=c.get("id") or n) for n, c in enumerate(row.get("components") or [], 2)
    ]
    return row


def _creates_message(call: Call) -> bool:
    if call.path.endswith("/callback"):
        return isinstance(call.body, dict) and call.body.get("type") in (4, 7)
    if call.method == "POST" and re.fullmatch(r"/channels/\d+/messages", call.path):
        return True
    if call.method == "POST" and re.fullmatch(r"/webhooks/\d+/[^/]+", call.path):
        return True
    return call.method == "PATCH" and "/messages/" in call.path


def _describe(record: Call | Frame) -> str:
    if record.kind == "rest":
        return f"  REST {record.method} {record.path} -> {record.status}"
    return f"  WS#{record.conn} {record.direction} op={record.op} t={record.event}"
