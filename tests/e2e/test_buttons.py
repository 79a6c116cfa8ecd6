"""Discord v2 against the fake Discord: buttons under every answer (persistent across a
restart, custom ids validated), modals, a press by another member answered privately, two
jobs in one message, private answers. The real `nestorbot bot` process; one per module."""

from __future__ import annotations

import pytest

from bot.wording import (
    BUTTON_COMPARE,
    BUTTON_HOW,
    BUTTON_MOVES,
    BUTTON_OTHER,
    COMPARE_FIELD,
    NO_SUCH_OCCUPATION,
    REPHRASE_FIELD,
    STALE_BUTTON,
)
from support.fake_discord import FakeDiscord
from support.fake_discord.records import EPHEMERAL
from tests.e2e.conftest import Running, start_bot

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]
BUTTONS = [BUTTON_MOVES, BUTTON_COMPARE, BUTTON_OTHER, BUTTON_HOW]


@pytest.fixture(scope="module")
def running(kb_env, tmp_path_factory):
    fake = FakeDiscord().start()
    people = {name: fake.user(name) for name in ("asker", "other")}
    workdir = tmp_path_factory.mktemp("bot-buttons")
    bot = start_bot(fake, kb_env, workdir)
    state = Running(fake, bot, people)
    state.people["workdir"] = {"path": str(workdir)}
    yield state
    state.bot.kill()
    fake.stop()


def answered(fake: FakeDiscord, question: str, user: dict, **options) -> dict:
    """/ask, then the answer's last message (the one with the chart and the buttons)."""
    ix = fake.slash("ask", user=user, question=question, **options)
    call = fake.wait_followup(ix, lambda c: bool(c.files), timeout=60)
    return call.response


def buttons_of(message: dict) -> dict[str, dict]:
    return {
        c["label"]: c
        for row in message.get("components", [])
        for c in row["components"]
        if c["type"] == 2
    }


def test_every_answer_carries_the_four_buttons(running: Running):
    message = answered(running.fake, "will AI replace bakers?", running.people["asker"])
    found = buttons_of(message)
    assert list(found) == BUTTONS
    for button in found.values():
        assert button["custom_id"].startswith("nestor:") and len(button["custom_id"]) <= 100
        assert str(running.people["asker"]["id"]) in button["custom_id"]  # who asked


def test_safer_moves_public_for_the_asker_private_for_anyone_else(running: Running):
    fake, asker, other = running.fake, running.people["asker"], running.people["other"]
    message = answered(fake, "will AI replace bakers?", asker)
    own = fake.wait_ack(fake.press(message, BUTTON_MOVES, user=asker)).body
    assert own["type"] == 4 and not own["data"].get("flags", 0) & EPHEMERAL
    assert own["data"]["embeds"][0]["title"] == "Safer occupations related to baker"
    assert "to learn:" in own["data"]["embeds"][0]["fields"][0]["value"]
    theirs = fake.wait_ack(fake.press(message, BUTTON_MOVES, user=other)).body
    assert theirs["type"] == 4 and theirs["data"]["flags"] & EPHEMERAL
    how = fake.wait_ack(fake.press(message, BUTTON_HOW, user=other)).body
    assert how["data"]["flags"] & EPHEMERAL
    assert how["data"]["embeds"][0]["title"] == "How NestorBot scores jobs"


def test_compare_with_opens_a_modal_and_never_echoes_what_was_typed(running: Running):
    fake, asker = running.fake, running.people["asker"]
    message = answered(fake, "will AI replace bakers?", asker)
    press = fake.press(message, BUTTON_COMPARE, user=asker)
    assert fake.wait_ack(press).body["type"] == 9  # a modal
    field = press.modal["components"][0]["components"][0]
    assert field["label"] == COMPARE_FIELD
    submit = fake.submit_modal(press, {field["custom_id"]: "welder"})
    assert fake.wait_ack(submit).body["type"] == 5
    done = fake.wait_followup(submit, lambda c: bool(c.files), timeout=30)
    embed = done.payload["embeds"][0]
    assert embed["title"] == "baker vs welder"
    assert "more exposed to AI than" in embed["description"]
    assert [f["filename"] for f in done.files] == ["comparison.png"]

    press = fake.press(message, BUTTON_COMPARE, user=asker)
    fake.wait_ack(press)
    hostile = "[free nitro](https://evil.example/claim) zzqxv"
    submit = fake.submit_modal(press, {field["custom_id"]: hostile})
    said = fake.wait_followup(submit, timeout=30).payload["content"]
    assert said == NO_SUCH_OCCUPATION and "evil.example" not in said


def test_not_my_job_asks_again_in_other_words(running: Running):
    fake, asker, other = running.fake, running.people["asker"], running.people["other"]
    message = answered(fake, "will AI replace bakers?", asker)
    press = fake.press(message, BUTTON_OTHER, user=other)
    assert fake.wait_ack(press).body["type"] == 9
    field = press.modal["components"][0]["components"][0]
    assert field["label"] == REPHRASE_FIELD
    submit = fake.submit_modal(press, {field["custom_id"]: "I weld steel pipes"}, user=other)
    ack = fake.wait_ack(submit).body
    assert ack["type"] == 5 and ack["data"]["flags"] & EPHEMERAL  # someone else's press
    done = fake.wait_followup(submit, lambda c: bool(c.files), timeout=60)
    assert "weld" in done.payload["embeds"][0]["title"].lower()
    assert buttons_of(done.response)  # the new answer has its own buttons, for its asker
    assert str(other["id"]) in buttons_of(done.response)[BUTTON_MOVES]["custom_id"]


@pytest.mark.parametrize(
    "forged",
    [
        "nestor:moves:../../etc/passwd:1",
        "nestor:delete:00000000-0000-0000-0000-000000000000:1",
        "nestor:moves:00000000-0000-0000-0000-000000000000:1",  # no such occupation
        "nestor:" + "x" * 90,
    ],
)
def test_a_forged_or_stale_button_gets_a_private_no_longer_works(running: Running, forged):
    """Forged: an id on no button of the message (a modified client). Stale: the message's
    own button carries it (a message from an older version, an occupation since removed)."""
    fake, asker = running.fake, running.people["asker"]
    message = answered(fake, "will AI replace bakers?", asker)
    ack = fake.wait_ack(fake.press(message, BUTTON_MOVES, user=asker, custom_id=forged)).body
    assert ack["type"] == 4 and ack["data"]["flags"] & EPHEMERAL
    assert ack["data"]["content"] == STALE_BUTTON
    with fake._lock:  # the message as an older version would have left it
        stored = fake.messages[message["id"]]
        for row in stored["components"]:
            for button in row["components"]:
                if button.get("label") == BUTTON_MOVES:
                    button["custom_id"] = forged
    ack = fake.wait_ack(fake.press(message, BUTTON_MOVES, user=asker)).body
    assert ack["type"] == 4 and ack["data"]["flags"] & EPHEMERAL
    assert ack["data"]["content"] == STALE_BUTTON


def test_two_jobs_in_one_chat_message_get_one_comparison(running: Running):
    fake = running.fake
    since = fake.mark()
    question = fake.send_message(
        running.people["asker"], "my wife is a paralegal and I'm a welder, who's safer?",
        mention_bot=True,
    )  # fmt: skip
    reply = fake.wait_for(
        lambda r: r.kind == "rest" and r.method == "POST" and r.status == 200 and bool(r.files)
        and str((r.payload.get("message_reference") or {}).get("message_id")) == question["id"],
        30, since, what="the comparison",
    )  # fmt: skip
    embed = reply.payload["embeds"][0]
    assert embed["title"] == "legal assistant vs welder"
    assert embed["description"].startswith("Legal assistant is more exposed to AI than welder")
    assert [f["filename"] for f in reply.files] == ["comparison.png"]


def test_private_answers_on_request(running: Running):
    fake, asker = running.fake, running.people["asker"]
    ix = fake.slash("ask", user=asker, question="will AI replace welders?", private=True)
    assert fake.wait_ack(ix).body["data"]["flags"] & EPHEMERAL
    done = fake.wait_followup(ix, lambda c: bool(c.files), timeout=60)
    assert done.response["flags"] & EPHEMERAL
    scored = fake.slash("score", user=asker, occupation="welder", private=True)
    assert fake.wait_ack(scored).body["data"]["flags"] & EPHEMERAL
    assert fake.wait_followup(scored, lambda c: bool(c.files)).response["flags"] & EPHEMERAL


def chat_reply(fake: FakeDiscord, message: dict, since: int, with_file: bool = True):
    return fake.wait_for(
        lambda r: r.kind == "rest" and r.method == "POST" and r.status == 200
        and (bool(r.files) or not with_file)
        and str((r.payload.get("message_reference") or {}).get("message_id")) == message["id"],
        60, since, what=f"the reply to {message['content']!r}",
    )  # fmt: skip


def bakers_answer_in_chat(fake: FakeDiscord, asker: dict) -> dict:
    """The bot's chat answer to "will AI replace bakers?", the message follow-ups reply to."""
    since = fake.mark()
    first = fake.send_message(asker, "will AI replace bakers?", mention_bot=True)
    return chat_reply(fake, first, since).response


def test_a_reply_to_an_answer_follows_up_on_its_occupation(running: Running):
    """Replying to the bot's answer: "what should I learn?" gives that job's moves, "compare
    with welders" compares the two, "what about nurses?" answers for nurses."""
    fake, asker = running.fake, running.people["asker"]
    answer = bakers_answer_in_chat(fake, asker)
    since = fake.mark()
    learn = fake.send_message(asker, "what should I learn?", reply_to=answer)
    moves = chat_reply(fake, learn, since, with_file=False)
    assert moves.payload["embeds"][0]["title"] == "Safer occupations related to baker"
    since = fake.mark()
    versus = fake.send_message(asker, "compare with welders", reply_to=answer)
    compared = chat_reply(fake, versus, since)
    assert compared.payload["embeds"][0]["title"] == "baker vs welder"
    since = fake.mark()
    other = fake.send_message(asker, "what about nurses?", reply_to=answer)
    nurses = chat_reply(fake, other, since)
    assert "nurse" in nurses.payload["embeds"][0]["title"].lower()


def test_a_dm_soon_after_an_answer_follows_up_and_a_new_conversation_does_not(running: Running):
    fake, asker, other = running.fake, running.people["asker"], running.people["other"]
    since = fake.mark()
    first = fake.send_dm(asker, "I'm a welder")
    fake.wait_for(lambda r: r.kind == "rest" and r.method == "POST" and r.status == 200
                  and bool(r.files) and r.path == f"/channels/{first['channel_id']}/messages",
                  60, since, what="the DM answer")  # fmt: skip
    since = fake.mark()
    learn = fake.send_dm(asker, "what should I learn?")
    moves = fake.wait_for(lambda r: r.kind == "rest" and r.method == "POST" and r.status == 200
                          and r.path == f"/channels/{learn['channel_id']}/messages",
                          60, since, what="the follow-up")  # fmt: skip
    assert moves.payload["embeds"][0]["title"] == "Safer occupations related to welder"
    since = fake.mark()
    fresh = fake.send_dm(other, "what should I learn?")  # nothing in context for this person
    reply = fake.wait_for(lambda r: r.kind == "rest" and r.method == "POST" and r.status == 200
                          and r.path == f"/channels/{fresh['channel_id']}/messages",
                          60, since, what="the reply")  # fmt: skip
    assert not (reply.payload.get("embeds") or [{}])[0].get("title", "").startswith("Safer")


def test_what_was_asked_privately_stays_private(running: Running):
    """Under a private answer only the asker sees the buttons: their press is private too;
    a menu shown privately is answered privately when a job is picked."""
    fake, asker = running.fake, running.people["asker"]
    message = answered(fake, "will AI replace bakers?", asker, private=True)
    own = fake.wait_ack(fake.press(message, BUTTON_MOVES, user=asker)).body
    assert own["data"]["flags"] & EPHEMERAL
    ix = fake.slash("ask", user=asker, question="manager", private=True)
    menu = fake.wait_followup(ix, lambda c: bool(c.payload.get("components"))).response
    assert menu["flags"] & EPHEMERAL
    option = menu["components"][0]["components"][0]["options"][0]["value"]
    picked = fake.select(menu, [option], user=asker)
    answer = fake.wait_followup(picked, lambda c: bool(c.files), timeout=60)
    assert answer.response["flags"] & EPHEMERAL


def test_a_follow_up_that_names_its_own_job_is_a_new_question(running: Running):
    fake, asker = running.fake, running.people["asker"]
    answer = bakers_answer_in_chat(fake, asker)
    since = fake.mark()
    again = fake.send_message(asker, "I'm a welder now, what should I learn?", reply_to=answer)
    reply = chat_reply(fake, again, since)
    assert "welder" in reply.payload["embeds"][0]["title"].lower()


def test_buttons_keep_working_after_a_restart(running: Running, kb_env):
    """Last in the module: the bot process is replaced by a new one."""
    fake, asker = running.fake, running.people["asker"]
    message = answered(fake, "will AI replace bakers?", asker)
    assert running.bot.terminate() == 0
    running.bot = start_bot(fake, kb_env, __import__("pathlib").Path(
        running.people["workdir"]["path"]) / "again")  # fmt: skip
    ack = fake.wait_ack(fake.press(message, BUTTON_MOVES, user=asker)).body
    assert ack["type"] == 4
    assert ack["data"]["embeds"][0]["title"] == "Safer occupations related to baker"
