"""Reading a message in the conversation it belongs to: two jobs in one message, follow-ups
on the occupation in context, and how long a DM stays in context (bot/conversation.py)."""

from __future__ import annotations

import pytest

from bot.conversation import Conversations
from knowledge.message_kinds import FollowUp, follow_up, two_jobs

BAKER, WELDER = "http://x/baker", "http://x/welder"


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("nurse vs paramedic", ("nurse", "paramedic")),
        ("should I become a nurse or a paramedic?", ("nurse", "paramedic")),
        ("my wife is a paralegal and I'm a welder, who's safer?", ("paralegal", "welder")),
        ("compare bakers and welders", ("bakers", "welders")),
        ("teachers vs nurses: who is safer?", ("teachers", "nurses")),
        ("will AI replace nurses or not?", None),  # "not" is no second job
        ("I am a nurse and I love my job", None),
        ("will AI replace glaziers?", None),
    ],
)
def test_two_jobs_in_one_message(text, pair):
    assert two_jobs(text) == pair


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("what should I learn?", FollowUp("moves")),
        ("and if I moved to the safer job?", FollowUp("moves")),
        ("compare with welders", FollowUp("compare", "welders")),
        ("how does it compare to a paramedic?", FollowUp("compare", "paramedic")),
        ("what about nurses?", None),  # names its own job: an ordinary question
        ("will AI replace bakers?", None),
    ],
)
def test_follow_ups_on_the_occupation_in_context(text, asked):
    assert follow_up(text) == asked


def test_a_reply_keeps_its_answer_and_a_dm_only_for_a_while():
    now = [0.0]
    talk = Conversations(window=300, clock=lambda: now[0])
    talk.answered(channel_id=1, person_id=7, message_ids=[100, 101], uri=BAKER)
    talk.answered(channel_id=1, person_id=8, message_ids=[200], uri=WELDER)
    assert talk.about(1, 9, replying_to=101, recent=False) == BAKER  # anyone may reply
    assert talk.about(1, 7, replying_to=None, recent=False) is None  # a guild channel: no
    assert talk.about(1, 7, replying_to=None, recent=True) == BAKER  # a DM, just after
    assert talk.about(1, 8, replying_to=None, recent=True) == WELDER  # each person their own
    now[0] = 301.0
    assert talk.about(1, 7, replying_to=None, recent=True) is None  # the DM moved on
    assert talk.about(1, 9, replying_to=100, recent=False) == BAKER  # a reply still counts


def test_a_comparison_says_which_is_more_exposed_in_a_proper_sentence(assistant):
    compared = assistant.compare("baker vs welder")
    assert compared is not None and compared.question == "baker vs welder"
    sentence = compared.markdown.splitlines()[2]
    assert sentence.startswith("Baker is more exposed to AI than welder: ")
    assert "ai complementarity" not in sentence  # a factor name keeps its capitals
    assert assistant.compare("baker vs baker") is None  # one job twice is no comparison
