"""Users, guilds, channels and members of the fake Discord (the state tests arrange)."""

from __future__ import annotations

import asyncio
import itertools
import re
import threading
import time
from collections.abc import Callable, Iterable

from aiohttp import web

from support.fake_discord.records import (
    DISCORD_EPOCH_MS,
    EVERYONE_PERMISSIONS,
    MANAGE_GUILD,
    Call,
    Fault,
    Frame,
    Interaction,
    Session,
    iso_now,
    shard_of,
    snowflake,
)


class World:
    def __init__(
        self,
        *,
        token: str = "fake-bot-token",
        shards: int = 1,
        guilds: int = 1,
        deadline: float = 3.0,
        heartbeat_interval: int = 41_250,
    ):
        self.token = token
        self.shard_count = shards
        self.deadline = deadline
        self.heartbeat_interval = heartbeat_interval
        self.port = 0
        self.bot_user = self._user("NestorBot", bot=True)
        self.bot_user.update(verified=True, mfa_enabled=False, flags=0, email=None)
        self.app_id = self.bot_user["id"]
        self.owner = self._user("owner")
        self.calls: list[Call | Frame] = []
        self.violations: list[str] = []
        self.commands: dict[str | None, list[dict]] = {}  # scope (None = global) -> commands
        self.interactions: dict[str, Interaction] = {}
        self.messages: dict[str, dict] = {}
        self.sessions: dict[str, Session] = {}
        self.shard_sessions: dict[int, Session] = {}
        self.dm_channels: dict[str, dict] = {}  # user id -> channel
        self.faults: list[Fault] = []
        self.guilds: list[dict] = []
        self.channels: dict[str, dict] = {}
        self.manager_role: dict[str, dict] = {}
        base_ms = int(time.time() * 1000) - 86_400_000
        for n in range(guilds):
            # Guild ids chosen so that guild n lives on shard n % shards.
            ms = base_ms + n * 1000
            while shard_of((ms - DISCORD_EPOCH_MS) << 22, shards) != n % shards:
                ms += 1
            self._add_guild(snowflake(ms), f"guild {n}")
        self._lock = threading.Condition()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._ready = threading.Event()
        self._conn_numbers = itertools.count(1)
        self._routes: list[tuple[str, re.Pattern, Callable]] = [
            ("GET", re.compile(r"^/users/@me$"), self._get_me),
            ("GET", re.compile(r"^/oauth2/applications/@me$"), self._get_application),
            ("GET", re.compile(r"^/gateway/bot$"), self._get_gateway_bot),
            ("GET", re.compile(r"^/gateway$"), self._get_gateway),
            ("PUT", re.compile(r"^/applications/(\d+)/commands$"), self._put_commands),
            ("PUT", re.compile(r"^/applications/(\d+)/guilds/(\d+)/commands$"), self._put_commands),
            ("GET", re.compile(r"^/applications/(\d+)/commands$"), self._get_commands),
            ("GET", re.compile(r"^/applications/(\d+)/guilds/(\d+)/commands$"), self._get_commands),
            ("POST", re.compile(r"^/channels/(\d+)/messages$"), self._post_message),
            ("PATCH", re.compile(r"^/channels/(\d+)/messages/(\d+)$"), self._patch_message),
            ("POST", re.compile(r"^/channels/(\d+)/typing$"), self._typing),
            ("POST", re.compile(r"^/users/@me/channels$"), self._open_dm),
            ("POST", re.compile(r"^/interactions/(\d+)/([^/]+)/callback$"), self._callback),
            ("POST", re.compile(r"^/webhooks/(\d+)/([^/]+)$"), self._followup),
            (
                "PATCH",
                re.compile(r"^/webhooks/(\d+)/([^/]+)/messages/(@original|\d+)$"),
                self._edit_webhook_message,
            ),
            (
                "GET",
                re.compile(r"^/webhooks/(\d+)/([^/]+)/messages/(@original|\d+)$"),
                self._get_webhook_message,
            ),
            (
                "DELETE",
                re.compile(r"^/webhooks/(\d+)/([^/]+)/messages/(@original|\d+)$"),
                self._delete_webhook_message,
            ),
        ]

    # -- world --------------------------------------------------------------------------------

    @staticmethod
    def _user(name: str, *, bot: bool = False) -> dict:
        return {
            "id": snowflake(),
            "username": name,
            "global_name": name,
            "discriminator": "0",
            "avatar": None,
            "bot": bot,
            "public_flags": 0,
        }

    def user(self, name: str) -> dict:
        """A new person (a Discord user object)."""
        return self._user(name)

    def _add_guild(self, guild_id: str, name: str) -> None:
        everyone = {
            "id": guild_id,
            "name": "@everyone",
            "permissions": str(EVERYONE_PERMISSIONS),
            "position": 0,
            "color": 0,
            "hoist": False,
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }
        managers = dict(
            everyone, id=snowflake(), name="Managers", position=1, permissions=str(MANAGE_GUILD)
        )
        self.manager_role[guild_id] = managers
        channels = []
        for position, channel_name in enumerate(("general", "random")):
            channel = {
                "id": snowflake(),
                "type": 0,
                "guild_id": guild_id,
                "name": channel_name,
                "position": position,
                "permission_overwrites": [],
                "topic": None,
                "nsfw": False,
                "last_message_id": None,
                "rate_limit_per_user": 0,
                "parent_id": None,
                "flags": 0,
            }
            channels.append(channel)
            self.channels[channel["id"]] = channel
        self.guilds.append(
            {
                "id": guild_id,
                "name": name,
                "icon": None,
                "splash": None,
                "discovery_splash": None,
                "banner": None,
                "description": None,
                "owner_id": self.owner["id"],
                "afk_channel_id": None,
                "afk_timeout": 300,
                "verification_level": 0,
                "default_message_notifications": 0,
                "explicit_content_filter": 0,
                "mfa_level": 0,
                "nsfw_level": 0,
                "premium_tier": 0,
                "premium_subscription_count": 0,
                "premium_progress_bar_enabled": False,
                "preferred_locale": "en-US",
                "features": [],
                "roles": [everyone, managers],
                "emojis": [],
                "stickers": [],
                "application_id": None,
                "system_channel_id": None,
                "system_channel_flags": 0,
                "rules_channel_id": None,
                "public_updates_channel_id": None,
                "vanity_url_code": None,
                "max_members": 500_000,
                "joined_at": iso_now(),
                "large": False,
                "unavailable": False,
                "member_count": 3,
                "voice_states": [],
                "members": [],
                "channels": channels,
                "threads": [],
                "presences": [],
                "stage_instances": [],
                "guild_scheduled_events": [],
                "soundboard_sounds": [],
            }
        )

    @property
    def guild(self) -> dict:
        return self.guilds[0]

    def channel(self, name: str = "general", guild: dict | None = None) -> dict:
        guild = guild or self.guild
        return next(c for c in guild["channels"] if c["name"] == name)

    def uncached_channel(self) -> dict:
        """A channel of a guild the bot never received (as after an outage, when a guild is
        unavailable): interactions from it still arrive, with their member and permissions."""
        guild_id = snowflake()
        while shard_of(guild_id, self.shard_count) != 0:
            guild_id = snowflake()
        channel = dict(self.channel(), id=snowflake(), guild_id=guild_id, name="elsewhere")
        self.channels[channel["id"]] = channel
        return channel

    def member(
        self,
        user: dict,
        *,
        roles: Iterable[str] = (),
        permissions: int | None = None,
        guild: dict | None = None,
    ) -> dict:
        guild = guild or self.guild
        roles = list(roles)
        if permissions is None:
            permissions = EVERYONE_PERMISSIONS
            for role in guild["roles"]:
                if role["id"] in roles:
                    permissions |= int(role["permissions"])
        return {
            "user": user,
            "nick": None,
            "avatar": None,
            "roles": roles,
            "joined_at": iso_now(),
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "communication_disabled_until": None,
            "permissions": str(permissions),
        }

    def manager(self, user: dict, guild: dict | None = None) -> dict:
        """A member holding the guild's "Managers" role (Manage Server)."""
        guild = guild or self.guild
        return self.member(user, roles=[self.manager_role[guild["id"]]["id"]], guild=guild)

    def _bot_member(self) -> dict:
        member = self.member(self.bot_user)
        member.pop("permissions")
        return member

    # -- lifecycle ----------------------------------------------------------------------------

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    @property
    def resume_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/resume"

    def env(self) -> dict[str, str]:
        """The bot's environment variables that point it here."""
        return {
            "NESTOR_DISCORD_TOKEN": self.token,
            "NESTOR_DISCORD_API_BASE": self.api_base,
            "NESTOR_DISCORD_GATEWAY_URL": self.gateway_url,
        }
