"""The LLM writer's transport: LangChain's ChatOpenAI against any OpenAI-compatible endpoint,
with the resilience a chat product needs.

- one wall-clock deadline per call, retries included, that keep-alive comments cannot stretch
  (``prompts/deadline.py``), and retries with backoff only for fast failures (connection
  refused, HTTP 429/5xx), so a slow endpoint costs one timeout, not several;
- a concurrency limit, so a burst of questions cannot pile up on the endpoint;
- a circuit breaker: after a few failures in a row the endpoint is skipped for a while, and
  answers come from the deterministic writer at once.
The API key is held as a secret and never logged; traffic goes only to ``base_url``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence

import httpx
import openai
from langchain_core.messages import BaseMessage
from langchain_openai import ChatOpenAI
from pydantic import SecretStr

from prompts.deadline import deadline_client, expired, remaining, within
from prompts.llm_contract import DraftStopped, LLMConfig, LLMUnavailable, StopCheck

log = logging.getLogger(__name__)
# Less time than this left before a question's deadline: no LLM call is started for it.
MIN_CALL_SECONDS = 0.5


class CompatibleChatOpenAI(ChatOpenAI):
    """ChatOpenAI that also speaks to servers predating ``max_completion_tokens``.

    LangChain renames ``max_tokens`` to OpenAI's newer ``max_completion_tokens``, which
    llama.cpp, older vLLM and other compatible servers ignore, so a reply could run to the
    context limit. Away from api.openai.com the cap is sent under its classic name."""

    def _get_request_payload(self, input_, *, stop=None, **kwargs):
        payload = super()._get_request_payload(input_, stop=stop, **kwargs)
        base = str(self.openai_api_base or "")
        if "max_completion_tokens" in payload and "api.openai.com" not in base:
            payload["max_tokens"] = payload.pop("max_completion_tokens")
        return payload


class CircuitBreaker:
    """Opens after ``failures`` consecutive failures; lets one trial call through after
    ``cooldown`` seconds (half-open) and closes again on its success."""

    def __init__(self, failures: int, cooldown: float, clock: Callable[[], float] = time.monotonic):
        self.failures, self.cooldown, self.clock = failures, cooldown, clock
        self._count = 0
        self._opened_at: float | None = None
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        with self._lock:
            return self._opened_at is not None and self.clock() - self._opened_at < self.cooldown

    def allow(self) -> bool:
        with self._lock:
            if self._opened_at is None:
                return True
            if self.clock() - self._opened_at >= self.cooldown:
                self._opened_at = self.clock()  # half-open: this caller is the trial
                return True
            return False

    def success(self) -> None:
        with self._lock:
            self._count, self._opened_at = 0, None

    def failure(self) -> None:
        with self._lock:
            self._count += 1
            if self._count >= self.failures:
                self._opened_at = self.clock()


class LLMClient:
    def __init__(self, config: LLMConfig, *, sleep: Callable[[float], None] = time.sleep):
        self.config = config
        self.sleep = sleep
        self.breaker = CircuitBreaker(config.breaker_failures, config.breaker_cooldown)
        self._slots = threading.BoundedSemaphore(config.concurrency)
        self._chat = CompatibleChatOpenAI(
            model=config.model,
            base_url=config.base_url,
            api_key=config.api_key or SecretStr("not-needed"),
            timeout=config.timeout,
            max_retries=0,  # ours below: bounded, with backoff, not on timeouts
            http_client=deadline_client(config.timeout),
            temperature=config.temperature,
            max_tokens=config.max_tokens,
        )

    @property
    def model(self) -> str:
        return self.config.model

    def complete(self, messages: Sequence[BaseMessage], stop_check: StopCheck | None = None) -> str:
        """The reply's text, streamed so that ``stop_check`` can cut a failing draft short
        (DraftStopped); LLMUnavailable with the reason when the endpoint gives nothing usable."""
        left = remaining()
        if left is not None and left < MIN_CALL_SECONDS:
            # The question waited for a worker until its own deadline had (nearly) passed:
            # not the endpoint's fault, so the circuit breaker is not told.
            raise LLMUnavailable("no time left for the LLM: the question waited its turn")
        if not self.breaker.allow():
            raise LLMUnavailable("endpoint skipped: it failed repeatedly (circuit open)")
        wait = min(self.config.timeout, left or self.config.timeout)
        if not self._slots.acquire(timeout=wait):
            if wait >= self.config.timeout:  # not when the question's own time ran out
                self.breaker.failure()  # (also closes a half-open trial that never ran)
            raise LLMUnavailable("too many questions at once for the LLM")
        try:
            with within(self.config.timeout):
                text = self._attempts(messages, stop_check)
        except DraftStopped:
            self.breaker.success()  # the endpoint works; the draft was bad
            raise
        except LLMUnavailable:
            self.breaker.failure()
            raise
        finally:
            self._slots.release()
        self.breaker.success()
        return text

    def _stream(self, messages: Sequence[BaseMessage], stop_check: StopCheck | None) -> str:
        parts: list[str] = []
        stream = self._chat.stream(list(messages))
        try:
            for chunk in stream:
                if isinstance(chunk.content, str):
                    parts.append(chunk.content)
                text = "".join(parts)
                if stop_check is not None and (reason := stop_check(text)):
                    raise DraftStopped(reason, text)
                if expired():
                    raise openai.APITimeoutError(request=httpx.Request("POST", "stream"))
        finally:
            stream.close()  # closes the connection, so the server can stop generating
        return "".join(parts)

    def _attempts(self, messages: Sequence[BaseMessage], stop_check: StopCheck | None) -> str:
        delay = self.config.backoff
        for attempt in range(self.config.retries + 1):
            try:
                text = self._stream(messages, stop_check)
            except DraftStopped:
                raise
            except Exception as exc:
                self._raise_unless_retryable(exc, last=attempt == self.config.retries)
            else:
                if not text.strip():
                    raise LLMUnavailable("empty response")
                return text
            log.info("LLM attempt %d failed, retrying in %.1f s", attempt + 1, delay)
            self.sleep(delay)
            delay *= 2
        raise LLMUnavailable("no response")  # not reached

    def _raise_unless_retryable(self, exc: Exception, *, last: bool) -> None:
        """LLMUnavailable with the reason, unless ``exc`` is a fast failure worth another try
        (connection refused, HTTP 429/5xx) and this was not the last attempt."""
        if expired() or isinstance(exc, openai.APITimeoutError | httpx.TimeoutException):
            # whatever broke after the deadline broke because the deadline cut it
            raise LLMUnavailable(f"timed out after {self.config.timeout:g} s") from exc
        if isinstance(exc, openai.APIStatusError):
            if (exc.status_code == 429 or exc.status_code >= 500) and not last:
                return
            raise LLMUnavailable(f"HTTP {exc.status_code} from the endpoint") from exc
        if isinstance(exc, openai.APIConnectionError):
            if not last:
                return
            raise LLMUnavailable("cannot connect to the endpoint") from exc
        malformed = openai.OpenAIError | httpx.HTTPError | ValueError | TypeError | KeyError
        if isinstance(exc, malformed):
            # Malformed JSON or a response LangChain cannot read: not worth retrying.
            raise LLMUnavailable(f"malformed response ({type(exc).__name__})") from exc
        raise exc
