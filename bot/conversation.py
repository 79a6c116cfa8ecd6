"""Which occupation a conversation is about, so that a follow-up ("what should I learn?",
"compare with welders") is read with it in mind.

A message is in a conversation with the bot when it replies to one of the bot's answers, or,
in a DM or a thread the bot's answer started, when it comes within ``window`` seconds of the
last answer there. Only the occupation (its ESCO URI) is kept, never what anyone typed; the
memory is small and per process, and forgets on its own.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.memo import LRU

FOLLOW_UP_WINDOW = 300.0  # seconds after an answer that a DM is still about it
REMEMBERED = 4096


@dataclass(frozen=True)
class _Answered:
    uri: str
    at: float


class Conversations:
    def __init__(
        self, window: float = FOLLOW_UP_WINDOW, clock: Callable[[], float] = time.monotonic
    ):
        self.window, self.clock = window, clock
        self._messages: LRU[str] = LRU(REMEMBERED)  # the bot's answer message id -> occupation
        self._channels: LRU[_Answered] = LRU(REMEMBERED)  # (channel, person) -> last answer

    def answered(self, channel_id: int, person_id: int, message_ids: Iterable[int], uri: str):
        """The bot answered ``person_id`` about ``uri`` in these messages of ``channel_id``."""
        for message_id in message_ids:
            self._messages.put(message_id, uri)
        self._channels.put((channel_id, person_id), _Answered(uri, self.clock()))

    def about(self, channel_id: int, person_id: int, replying_to: int | None, recent: bool):
        """The occupation a message is about: that of the answer it replies to; else, where
        ``recent`` counts (a DM, the bot's thread), the person's last answer there, if it was
        within the window. None: a new conversation."""
        if replying_to is not None:
            uri = self._messages.get(replying_to)
            if uri is not None:
                return uri
        if not recent:
            return None
        last = self._channels.get((channel_id, person_id))
        if last is None or self.clock() - last.at > self.window:
            return None
        return last.uri
