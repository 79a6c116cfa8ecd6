"""Slash commands, autocomplete, select menus and messages sent to the bot."""

from __future__ import annotations

import secrets
import time
from typing import Any

from support.fake_discord.records import (
    EVERYONE_PERMISSIONS,
    INTENT_DIRECT_MESSAGES,
    INTENT_GUILD_MESSAGES,
    INTENT_MESSAGE_CONTENT,
    OPTION_TYPES,
    Interaction,
    iso_now,
    snowflake,
)


class Interactions:
    # -- interactions -------------------------------------------------------------------------

    def _command(self, name: str, guild_id: str | None) -> dict:
        with self._lock:
            pool = self.commands.get(None, []) + self.commands.get(guild_id, [])
        for command in pool:
            if command["name"] == name:
                return command
        raise AssertionError(f"/{name} was never synced (synced: {[c['name'] for c in pool]})")

    def _options(
        self, definitions: list[dict], values: dict[str, Any], focused: str | None = None
    ) -> list[dict]:
        out = []
        known = {o["name"]: o for o in definitions}
        for name, value in values.items():
            if name not in known:
                raise AssertionError(f"unknown option {name!r}; synced: {sorted(known)}")
            kind = known[name]["type"]
            option = {"name": name, "type": kind, "value": value}
            if name == focused:
                option["focused"] = True
            elif not isinstance(value, OPTION_TYPES.get(kind, object)):
                raise AssertionError(f"option {name!r} must be {OPTION_TYPES[kind].__name__}")
            out.append(option)
        for o in definitions:
            if o.get("required") and o["name"] not in values:
                raise AssertionError(f"required option {o['name']!r} missing")
        return out

    def _command_data(
        self, name: str, guild_id: str | None, values: dict[str, Any], focused: str | None = None
    ) -> dict:
        top, _, sub = name.partition(" ")
        command = self._command(top, guild_id)
        data = {"id": command["id"], "name": top, "type": 1}
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        if sub:
            group = next((o for o in command.get("options", []) if o["name"] == sub), None)
            if group is None or group["type"] != 1:
                raise AssertionError(f"/{top} has no subcommand {sub!r}")
            data["options"] = [
                {
                    "name": sub,
                    "type": 1,
                    "options": self._options(group.get("options", []), values, focused),
                }
            ]
        else:
            data["options"] = self._options(command.get("options", []), values, focused)
        return data

    def _interaction(
        self,
        itype: int,
        name: str,
        data: dict,
        user: dict | None,
        member: dict | None,
        channel: dict | None,
        message: dict | None = None,
        dm: bool = False,
    ) -> Interaction:
        iid = snowflake()
        token = "aW50ZXJhY3Rpb24" + secrets.token_urlsafe(48)
        payload: dict[str, Any] = {
            "id": iid,
            "application_id": self.app_id,
            "type": itype,
            "data": data,
            "token": token,
            "version": 1,
            "locale": "en-US",
            "app_permissions": str(EVERYONE_PERMISSIONS),
            "entitlements": [],
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        if dm:
            assert user is not None
            dm_channel = self._dm_channel(user)
            payload.update(
                user=user,
                channel_id=dm_channel["id"],
                channel=dm_channel,
                context=1,
                authorizing_integration_owners={"1": user["id"]},
            )
            guild_id = None
            channel_id = dm_channel["id"]
        else:
            channel = channel or self.channel()
            guild_id = channel["guild_id"]
            if member is None:
                assert user is not None
                member = self.member(user)
            user = member["user"]
            payload.update(
                guild_id=guild_id,
                guild_locale="en-US",
                guild={"id": guild_id, "locale": "en-US", "features": []},
                channel_id=channel["id"],
                channel=channel,
                member=member,
                context=0,
                authorizing_integration_owners={"0": guild_id},
            )
            channel_id = channel["id"]
        if message is not None:
            payload["message"] = message
        assert user is not None
        return Interaction(iid, token, itype, name, user, channel_id, guild_id, payload)

    def send_interactions(self, interactions: list[Interaction]) -> list[Interaction]:
        """Dispatch INTERACTION_CREATEs back to back (a burst), each timed as it is sent."""

        async def go() -> None:
            for ix in interactions:
                session = self._session_for(ix.guild_id)
                ix.shard = session.shard

                def sent(ix: Interaction = ix) -> None:
                    ix.sent_at = time.monotonic()

                with self._lock:
                    self.interactions[ix.id] = ix
                await self._dispatch_to(session, "INTERACTION_CREATE", ix.payload, sent)

        self._call_in_loop(go())
        return interactions

    def slash_interaction(
        self,
        name: str,
        *,
        user: dict | None = None,
        member: dict | None = None,
        channel: dict | None = None,
        dm: bool = False,
        **options: Any,
    ) -> Interaction:
        """Build (without sending) a type 2 interaction for a synced slash command."""
        guild_id = None if dm else (channel or self.channel())["guild_id"]
        data = self._command_data(name, guild_id, options)
        return self._interaction(2, name, data, user, member, channel, dm=dm)

    def slash(self, name: str, **kwargs: Any) -> Interaction:
        """Invoke ``/name`` (``"kb reload"`` for a subcommand) with typed options."""
        return self.send_interactions([self.slash_interaction(name, **kwargs)])[0]

    def autocomplete_interaction(
        self,
        name: str,
        option: str,
        current: str,
        *,
        user: dict | None = None,
        channel: dict | None = None,
        **others: Any,
    ) -> Interaction:
        guild_id = (channel or self.channel())["guild_id"]
        data = self._command_data(name, guild_id, {**others, option: current}, focused=option)
        return self._interaction(4, name, data, user, None, channel)

    def autocomplete(self, name: str, option: str, current: str, **kwargs: Any) -> Interaction:
        """Type a value into an option with autocomplete (a type 4 interaction)."""
        return self.send_interactions(
            [self.autocomplete_interaction(name, option, current, **kwargs)]
        )[0]

    def select(
        self,
        message: dict,
        values: list[str],
        *,
        user: dict | None = None,
        member: dict | None = None,
        forged: bool = False,
    ) -> Interaction:
        """Pick ``values`` in the first select menu of ``message`` (a type 3 interaction).
        ``forged``: values that were never offered, as a modified client can send."""
        with self._lock:
            current = dict(self.messages.get(message["id"], message))
        select = next(
            (
                c
                for row in current.get("components", [])
                for c in row.get("components", [])
                if c.get("type") == 3
            ),
            None,
        )
        if select is None:
            raise AssertionError("the message has no select menu")
        if select.get("disabled"):
            raise AssertionError("the select menu is disabled")
        allowed = {o["value"] for o in select.get("options", [])}
        if not forged and not set(values) <= allowed:
            raise AssertionError(f"{values} are not options of the menu")
        data = {"custom_id": select["custom_id"], "component_type": 3, "values": values}
        channel = self.channels.get(current["channel_id"])
        ix = self._interaction(3, select["custom_id"], data, user, member, channel, current)
        return self.send_interactions([ix])[0]

    def press(
        self,
        message: dict,
        label: str,
        *,
        user: dict | None = None,
        member: dict | None = None,
        custom_id: str | None = None,
    ) -> Interaction:
        """Press the button labelled ``label`` on ``message`` (a type 3 interaction). With
        ``custom_id``, that id is sent instead of the button's: a forged or stale one, as a
        modified client or a message from an older version can send."""
        with self._lock:
            current = dict(self.messages.get(message["id"], message))
        button = next(
            (
                c
                for row in current.get("components", [])
                for c in row.get("components", [])
                if c.get("type") == 2 and c.get("label") == label
            ),
            None,
        )
        if button is None:
            raise AssertionError(f"the message has no button {label!r}")
        if button.get("disabled"):
            raise AssertionError(f"the button {label!r} is disabled")
        sent_id = custom_id if custom_id is not None else button["custom_id"]
        data = {"custom_id": sent_id, "component_type": 2}
        channel = self.channels.get(current["channel_id"])
        ix = self._interaction(3, sent_id, data, user, member, channel, current)
        return self.send_interactions([ix])[0]

    def submit_modal(
        self,
        opened_by: Interaction,
        values: dict[str, str],
        *,
        user: dict | None = None,
        member: dict | None = None,
    ) -> Interaction:
        """Fill in and submit the modal the bot answered ``opened_by`` with (type 5)."""
        modal = opened_by.modal
        if modal is None:
            raise AssertionError("the bot did not answer that interaction with a modal")
        fields = {
            f["custom_id"]: f for row in modal["components"] for f in row["components"]
        }  # fmt: skip
        if not set(values) <= set(fields):
            raise AssertionError(f"{sorted(values)} are not fields of the modal")
        rows = [
            {"type": 1, "components": [{"type": 4, "custom_id": cid, "value": values.get(cid, "")}]}
            for cid in fields
        ]
        data = {"custom_id": modal["custom_id"], "components": rows}
        channel = self.channels.get(opened_by.channel_id)
        who = {"user": user or (None if member else opened_by.user), "member": member}
        message = opened_by.payload.get("message")
        ix = self._interaction(5, modal["custom_id"], data, who["user"], who["member"], channel,
                               message)  # fmt: skip
        return self.send_interactions([ix])[0]

    # -- messages from people -----------------------------------------------------------------

    def _dm_channel(self, user: dict) -> dict:
        with self._lock:
            channel = self.dm_channels.get(user["id"])
            if channel is None:
                channel = {
                    "id": snowflake(),
                    "type": 1,
                    "recipients": [user],
                    "last_message_id": None,
                    "flags": 0,
                }
                self.dm_channels[user["id"]] = channel
                self.channels[channel["id"]] = channel
            return channel

    def _message(
        self,
        channel_id: str,
        author: dict,
        content: str,
        *,
        guild_id: str | None = None,
        mentions: list[dict] = (),
        member: dict | None = None,
    ) -> dict:
        message = {
            "id": snowflake(),
            "channel_id": channel_id,
            "author": author,
            "content": content,
            "timestamp": iso_now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": list(mentions),
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "type": 0,
            "flags": 0,
            "components": [],
        }
        if guild_id is not None:
            message["guild_id"] = guild_id
            member = dict(member or self.member(author))
            member.pop("user", None)
            member.pop("permissions", None)
            message["member"] = member
        return message

    def send_message(
        self,
        author: dict,
        content: str,
        *,
        channel: dict | None = None,
        mention_bot: bool = False,
        reply_to: dict | None = None,
    ) -> dict:
        """A person writes in a guild channel; ``mention_bot`` prefixes ``<@bot>``;
        ``reply_to``: a reply to that message, which (as Discord's default) pings its author."""
        channel = channel or self.channel()
        if mention_bot:
            content = f"<@{self.bot_user['id']}> {content}"
        mentions = [self.bot_user] if f"<@{self.bot_user['id']}>" in content else []
        if reply_to is not None and reply_to["author"]["id"] == self.bot_user["id"]:
            mentions = [self.bot_user]
        message = self._message(
            channel["id"], author, content, guild_id=channel["guild_id"], mentions=mentions
        )
        if reply_to is not None:
            message.update(
                type=19,
                message_reference={"message_id": reply_to["id"], "channel_id": channel["id"],
                                   "guild_id": channel["guild_id"]},
                referenced_message=reply_to,
            )  # fmt: skip
        with self._lock:
            self.messages[message["id"]] = message
        self._deliver_message(message, channel["guild_id"])
        return message

    def send_dm(self, author: dict, content: str) -> dict:
        """A person writes to the bot in a direct message."""
        channel = self._dm_channel(author)
        message = self._message(channel["id"], author, content)
        with self._lock:
            self.messages[message["id"]] = message
        self._deliver_message(message, None)
        return message

    def _deliver_message(self, message: dict, guild_id: str | None) -> None:
        """MESSAGE_CREATE as Discord sends it: only with the right intent, and without the
        content of guild messages that do not mention the bot unless MESSAGE_CONTENT."""

        async def go() -> None:
            session = self._session_for(guild_id)
            needed = INTENT_GUILD_MESSAGES if guild_id else INTENT_DIRECT_MESSAGES
            if not session.intents & needed:
                return
            data = dict(message)
            mentioned = any(u["id"] == self.bot_user["id"] for u in data["mentions"])
            if guild_id and not mentioned and not session.intents & INTENT_MESSAGE_CONTENT:
                data.update(content="", embeds=[], attachments=[], components=[])
            await self._dispatch_to(session, "MESSAGE_CREATE", data)

        self._call_in_loop(go())
