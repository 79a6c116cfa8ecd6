"""The Discord v2 part of ``bench/discord_load.py``: while a burst of questions is answered,
people press the buttons under earlier answers (and fill in the comparison modal) and reply
to chat answers with a follow-up. Measured there: button and modal acknowledgements, and
follow-up answer times. Also the two helpers both parts use."""

from __future__ import annotations

import time

from support.fake_discord import FakeDiscord
from support.fake_discord.records import Interaction


def done(ix: Interaction) -> bool:
    """Acknowledged, and if deferred, followed up at least once."""
    if not ix.attempts or ix.attempts[0].status == 0:
        return False
    if ix.ack_type == 5:
        return any(f.status == 200 for f in ix.followups)
    return True


def replies(fake: FakeDiscord, message: dict, since: int = 0) -> list:
    """The bot's accepted replies with the chart, or its text-only replies, to ``message``."""
    replies = fake.records(
        lambda r: (
            r.kind == "rest"
            and r.status == 200
            and r.method == "POST"
            and r.path == f"/channels/{message['channel_id']}/messages"
            and str((r.payload.get("message_reference") or {}).get("message_id")) == message["id"]
        ),
        since,
    )
    with_chart = [r for r in replies if r.files]
    return with_chart or replies[:1]


def _has_buttons(message: dict) -> bool:
    return any(
        c.get("type") == 2 for row in message.get("components") or [] for c in row["components"]
    )


def buttons_and_follow_ups(fake: FakeDiscord, slashes, chats, questions, args):
    """While a new burst of questions is being answered, people press the buttons under the
    answers (Safer moves, How we score, Compare with... and its modal) and reply to chat
    answers with "what should I learn?". Returns the presses, the modal submits, and the
    follow-up answer times (reply sent -> the bot's reply)."""
    from bot.wording import BUTTON_COMPARE, BUTTON_HOW, BUTTON_MOVES

    with_buttons = [
        f.response
        for ix in slashes
        if ix.name == "ask"
        for f in ix.followups
        if f.status == 200 and isinstance(f.response, dict) and _has_buttons(f.response)
    ][: args.users]
    burst = [
        fake.slash_interaction("ask", user=fake.user(f"b{u}"), question=questions[u % 40])
        for u in range(args.users)
    ]
    fake.send_interactions(burst)
    labels = [BUTTON_MOVES, BUTTON_HOW, BUTTON_COMPARE]
    pressed = [
        fake.press(message, labels[n % 3], user=fake.user(f"p{n}"))
        for n, message in enumerate(with_buttons)
    ]
    fake.wait_until(lambda: all(ix.acked_at for ix in pressed), args.timeout, "button acks")
    submitted = []
    for ix in pressed:
        if ix.modal is not None:
            field = ix.modal["components"][0]["components"][0]["custom_id"]
            submitted.append(fake.submit_modal(ix, {field: "welder"}))
    answered = [m for m in chats if any(r.files for r in replies(fake, m))]
    follow_ms = []
    for n, question in enumerate(answered[: args.users]):
        answer = next(r for r in replies(fake, question) if r.files).response
        since, started = fake.mark(), time.monotonic()
        asked = fake.send_message(question["author"], "what should I learn?", reply_to=answer)
        try:
            fake.wait_until(lambda asked=asked, since=since: bool(replies(fake, asked, since)),
                            args.timeout, f"follow-up {n}")  # fmt: skip
            follow_ms.append((replies(fake, asked, since)[0].t - started) * 1000)
        except AssertionError as exc:
            print(exc, flush=True)
    fake.wait_until(
        lambda: all(done(ix) for ix in burst + submitted), args.timeout, "the last burst"
    )
    return pressed, submitted, follow_ms
