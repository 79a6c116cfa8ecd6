"""Chat that holds a job word but asks about no job (knowledge/other_talk.py), and the job
questions that look like it and must still be answered."""

import pytest

from knowledge.other_talk import other_talk


def _job_noun(word: str) -> bool:
    return word in {"writer", "chef", "painter", "doctor", "baker", "plumber"}


@pytest.mark.parametrize(
    "text",
    [
        "writer's block is killing my fanfic lol",  # a job word owning a thing
        "the pilot episode of lost was crazy",  # a film, a series, a game, a song
        "Football Manager 2024 save file got corrupted",
        "this bot is a real comedian lmao",  # said to the bot
        "can AI write a song for me",
        "who's the best football manager of all time",  # a person asked about
        "what's a good driver for a beginner golfer",  # a thing to buy
        "my dog is the real boss of this house",  # one's pet
        "mr baker gave us so much homework this weekend",  # someone by name
        "the nvidia driver crashed mid game",  # software
    ],
)
def test_other_talk_is_told_apart(text):
    assert other_talk(text, _job_noun)


@pytest.mark.parametrize(
    "text",
    [
        "my mum's a plumber",  # "'s" is "is"
        "I'm a chef's assistant",  # a person owned, not a thing
        "that's what I do",  # a contraction, not a job word owning a thing
        "I do people's tax returns",  # people are no job noun
        "estate agents, would anyone actually miss them",  # "miss" is no title
    ],
)
def test_job_talk_is_not_other_talk(text):
    assert other_talk(text, _job_noun) == ""


@pytest.mark.parametrize(
    "text",
    [
        "writer's block is killing my fanfic lol",
        "anyone else still listen to The Carpenters",
        "taxi driver is de niro's best movie, change my mind",
        "good job everyone on the server event yesterday",  # praise, not a job
        "just finished the steve jobs biography, wild guy",
        "how do i become a better listener for my friends",
        "thanks bot, you're a lifesaver",
    ],
)
def test_the_resolver_answers_other_talk_not_found(assistant, text):
    assert assistant.resolve(text).status == "not_found"


@pytest.mark.parametrize(
    "text",
    [
        "will AI replace football managers?",
        "my mum is a librarian at our public library and she's anxious about AI",
        "I do people's self assessment tax returns and argue with HMRC on their behalf",
        "is being a chef a good career?",
        "writers are done for, right?",
    ],
)
def test_job_questions_like_it_are_still_answered(assistant, text):
    assert assistant.resolve(text).status != "not_found"
