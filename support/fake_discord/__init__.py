"""A small Discord of our own: REST v10 and Gateway v10 on loopback, for end-to-end tests.

The real, unmodified bot process (discord.py over aiohttp) connects to it over real sockets:
HELLO, IDENTIFY (per shard), READY, GUILD_CREATE, heartbeats, RECONNECT and RESUME (with
replay of missed events), slash commands, autocomplete, select menus, interaction callbacks
and followups, channel messages (JSON or multipart with files), typing, 429s.

It enforces the Discord rules that mocks never catch: the 3-second deadline of an interaction
(404 code 10062), a second acknowledgement (400 code 40060), followups on an unknown or
unacknowledged token (404 code 10015), message, embed and autocomplete limits (400 code 50035),
empty messages (400 code 50006). Every message-creating call must carry ``allowed_mentions``
``{"parse": []}``; anything else, an unknown route or a broken limit, is recorded in
``violations`` (tests assert it stays empty). The pings a message would cause are computed as
Discord does, from its content and ``allowed_mentions``.

It runs in a background thread with its own event loop (like support/openai_server.py).
The test thread uses the synchronous helpers: ``slash``, ``autocomplete``, ``select``,
``send_message``, ``send_dm``, ``dispatch``, ``reconnect``, ``inject`` and ``wait_for`` over
the recorded REST calls and gateway frames.
"""

from __future__ import annotations

from support.fake_discord.gateway import Gateway
from support.fake_discord.interactions import Interactions
from support.fake_discord.records import Call, Frame, Interaction, percentile, shard_of
from support.fake_discord.responses import Responses
from support.fake_discord.rest import Rest
from support.fake_discord.server import Server
from support.fake_discord.world import World


class FakeDiscord(World, Server, Gateway, Interactions, Rest, Responses):
    """The whole fake: state, server, gateway, interactions, REST and responses."""


__all__ = ["Call", "FakeDiscord", "Frame", "Interaction", "percentile", "shard_of"]
