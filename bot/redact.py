"""Secrets never reach the log, at any level.

discord.py logs, at DEBUG, the URLs it calls: interaction callbacks and webhooks carry the
interaction's token in the path (``/interactions/<id>/<token>/callback``,
``/webhooks/<app id>/<token>``), and with it anyone reading the log could answer as the bot
for 15 minutes. Bot tokens and API keys can appear in exception texts. Every record's final
text is rewritten as the record is made (and again by a filter on the handlers there were),
whatever logger made it and whatever handler writes it.
"""

from __future__ import annotations

import logging
import re

REDACTED = "[redacted]"
_PATTERNS = (
    # interaction callback and webhook paths: keep the ids, drop the token
    (re.compile(r"(/interactions/\d+/)[A-Za-z0-9_.\-]{20,}"), r"\1" + REDACTED),
    (re.compile(r"(/webhooks/\d+/)[A-Za-z0-9_.\-]{20,}"), r"\1" + REDACTED),
    # an interaction's token in a payload ("token": "...")
    (re.compile(r"""(["']token["']\s*:\s*["'])[^"']{20,}(["'])"""), r"\1" + REDACTED + r"\2"),
    # Authorization headers and bot tokens (three base64url parts separated by dots)
    (re.compile(r"((?:Bot|Bearer)\s+)[A-Za-z0-9_.\-]{20,}"), r"\1" + REDACTED),
    (re.compile(r"\b[A-Za-z0-9_\-]{23,28}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,}\b"), REDACTED),
    # OpenAI-style API keys
    (re.compile(r"\bsk-[A-Za-z0-9_\-]{16,}"), REDACTED),
)


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactSecrets(logging.Filter):
    """Formats the record's message once, redacts it, and stores the result as the message
    (with no arguments left to format), so every handler writes the redacted text."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed call; let logging report it as it would
            return True
        cleaned = redact(message)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        record.msg, record.args = cleaned, None
        return True


def install(logger: logging.Logger | None = None) -> None:
    """Put the filter on every handler of ``logger`` (the root logger by default), and redact
    every record as it is made, so that a handler added later (by a library, or an operator's
    logging configuration) never sees a secret either."""
    for handler in (logger or logging.getLogger()).handlers:
        if not any(isinstance(f, RedactSecrets) for f in handler.filters):
            handler.addFilter(RedactSecrets())
    made = logging.getLogRecordFactory()
    if getattr(made, "redacts", False):
        return
    redacting = RedactSecrets()

    def redacted_record(*args, **kwargs) -> logging.LogRecord:
        record = made(*args, **kwargs)
        redacting.filter(record)
        return record

    redacted_record.redacts = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(redacted_record)
