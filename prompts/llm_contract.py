"""What the writer and the bot know of the LLM path: its configuration, how a draft fails,
and the check a streamed reply is read with. Kept apart from the transport (``llm.py``) so
that a bot answering with the deterministic writer never loads LangChain's OpenAI client (a
second of every cold start)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pydantic import SecretStr


@dataclass(frozen=True)
class LLMConfig:
    base_url: str
    model: str
    api_key: SecretStr | None = None
    timeout: float = 20.0
    retries: int = 2  # extra attempts after a fast failure
    backoff: float = 0.5  # seconds, doubled at each retry
    concurrency: int = 4
    breaker_failures: int = 3
    breaker_cooldown: float = 60.0
    max_tokens: int = 400
    temperature: float = 0.2

    def __repr__(self) -> str:  # never show the key, even by accident
        return f"LLMConfig(base_url={self.base_url!r}, model={self.model!r})"


class LLMUnavailable(RuntimeError):
    """No usable text from the endpoint; the message says why in a few words."""


class DraftStopped(RuntimeError):
    """The reply was cut off while streaming because it had already failed a check."""

    def __init__(self, reason: str, partial: str):
        super().__init__(reason)
        self.reason, self.partial = reason, partial


# Given the reply so far, a reason to stop reading it (None to go on).
StopCheck = Callable[[str], str | None]
