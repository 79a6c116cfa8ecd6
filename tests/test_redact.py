"""The log filter: interaction tokens, bot tokens and API keys never reach a log line, at any
level and from any logger, in messages, arguments and tracebacks."""

from __future__ import annotations

import io
import logging

import pytest

from bot.redact import REDACTED, RedactSecrets, redact

# Made up, and assembled at run time so that no token-shaped string is stored in the repo.
TOKEN = "aW50ZXJhY3Rpb24" + "6" * 40 + "_-x.y"
BOT_TOKEN = ".".join(["M" + "x" * 25, "GabcDE", "abcdefghijklmnopqrstuvwxyz0123"])


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (f"POST https://x/api/v10/interactions/1234/{TOKEN}/callback", "/interactions/1234/"),
        (f"PATCH https://x/api/v10/webhooks/99/{TOKEN}/messages/@original", "/webhooks/99/"),
        (f"{{'type': 2, 'token': '{TOKEN}', 'id': '5'}}", "'id': '5'"),
        (f'{{"token": "{TOKEN}"}}', '"token": "'),
        (f"Authorization: Bot {BOT_TOKEN}", "Authorization: Bot "),
        (f"login failed for {BOT_TOKEN}", "login failed for "),
        ("openai said: invalid key sk-proj-abcdefghijklmnopqrstu", "openai said"),
    ],
)  # fmt: skip
def test_secrets_are_replaced_and_the_rest_kept(text, kept):
    out = redact(text)
    assert TOKEN not in out and BOT_TOKEN not in out and "sk-proj" not in out
    assert REDACTED in out and kept in out


def test_ordinary_text_is_untouched():
    text = "resolved 'will AI replace bakers?' to baker in 3.1 ms (build 20261206T0531-ab12)"
    assert redact(text) == text


def test_the_filter_redacts_arguments_and_tracebacks_of_any_logger():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactSecrets())
    logger = logging.getLogger("discord.http.test")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        logger.debug("%s %s has returned %s", "POST", f"/webhooks/7/{TOKEN}", 200)
        try:
            raise RuntimeError(f"cannot reach /interactions/8/{TOKEN}/callback")
        except RuntimeError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    written = stream.getvalue()
    assert TOKEN not in written
    assert f"/webhooks/7/{REDACTED}" in written and f"/interactions/8/{REDACTED}" in written
    assert "Traceback" in written


def test_a_handler_added_after_install_never_sees_a_secret():
    """discord.py (or an operator's logging configuration) may add its own handler after
    start-up: records are redacted as they are made, not only by the handlers there were."""
    from bot.redact import install

    before = logging.getLogRecordFactory()
    try:
        install(logging.getLogger("nestor.redact.test.none"))
        stream = io.StringIO()
        late = logging.StreamHandler(stream)  # no filter of ours on it
        logger = logging.getLogger("discord.webhook.late")
        logger.addHandler(late)
        logger.setLevel(logging.DEBUG)
        logger.propagate = False
        logger.debug("PATCH %s", f"/webhooks/7/{TOKEN}/messages/@original")
        written = stream.getvalue()
        assert TOKEN not in written and "/webhooks/7/" + REDACTED in written
    finally:
        logging.setLogRecordFactory(before)
