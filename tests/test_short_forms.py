"""Short forms that are a job only when said as one (knowledge/short_forms.py)."""

import pytest

from knowledge.short_forms import (
    short_form,
    spell_out_capitals,
    spell_out_work_idioms,
    stands_for,
)
from knowledge.wordforms import singular


@pytest.mark.parametrize(
    ("message", "said"),
    [
        ("I'm a docker at Felixstowe, automation worries me", "a stevedore at Felixstowe"),
        ("my dad was a docker in Liverpool", "a stevedore in Liverpool"),
        ("spin up a docker container", "a docker container"),  # the software
        ("I am a Docker expert", "a Docker expert"),
        ("should I run pihole in a docker?", "in a docker?"),  # (from the review)
        ("I'm an EA to the MD", "an executive assistant to"),
        ("EA servers are down again", "EA servers"),  # the games company
        ("I'm a sales rep for a brewery", "a sales representative for"),
        ("customer service reps", "customer service representative"),
        ("I do 10 reps at the gym", "10 reps at"),  # (no job: the gym's reps)
        ("I'm an Uber Eats driver", "food delivery driver"),
        ("I ride for deliveroo", "for food delivery"),
        ("I just eat pizza", "just eat pizza"),  # ("Just Eat" in capitals only)
        ("will AI replace MPs?", "replace member of parliaments?"),
        ("I download MP3s", "MP3s"),
        ("SALT working with kids", "speech and language therapist working"),
        ("add salt to taste", "add salt to"),  # (in capitals only)
    ],
)
def test_a_short_form_is_a_job_only_when_said_as_one(message, said):
    assert said in spell_out_capitals(message)


@pytest.mark.parametrize(
    ("message", "said"),
    [
        ("i work the tills at aldi", "i operate the cash register at aldi"),
        ("my mum works the checkout at tesco", "my mum operates the cash register at tesco"),
        ("my brother does the books for a few firms", "my brother keeps the books for"),
        ("i write the user docs", "i write the user documentation"),
        ("the tills at work keep breaking", "the tills at work keep breaking"),  # no work said
        ("i do the books for my own household budget", "i do the books for my own"),
    ],
)
def test_work_said_with_an_idiom_is_said_as_esco_says_it(message, said):
    assert said in spell_out_work_idioms(message)


def test_who_works_the_tills_is_a_cashier(assistant):
    result = assistant.resolve("I work the tills at Aldi")
    assert (result.status, result.candidates[0].label) == ("resolved", "cashier")


def test_an_emergency_number_says_emergency(assistant):
    said = assistant.resolve("I'm a 911 dispatcher")
    assert said.candidates[0].label == "emergency medical dispatcher"
    # (any other number is still no word: hours worked name no emergency)
    hours = assistant.resolve("I work 112 hours a month as a nurse")
    assert hours.candidates[0].label == "nurse responsible for general care"


@pytest.mark.parametrize(
    ("word", "long_form"),
    [
        ("sparky", "electrician"),
        ("sparkies", "electrician"),  # a plural nickname too
        ("brickies", "bricklayer"),
        ("sdets", "software tester"),
        ("cmo", "chief marketing officer"),
        ("hrs", None),  # hours: a plural too short to be a short form's
        ("tellers", None),  # "fortune tellers": the long form only adds to the word
        ("welders", None),
    ],
)
def test_a_short_form_is_read_in_the_plural_too(word, long_form):
    assert short_form(word) == long_form


@pytest.mark.parametrize(
    ("plural", "one"),
    [("cabbies", "cabbie"), ("squaddies", "squaddie"), ("nannies", "nanny"), ("men", "man")],
)
def test_a_nickname_in_ie_and_men_have_their_own_singular(plural, one):
    assert singular(plural) == one


@pytest.mark.parametrize(
    ("question", "job"),
    [
        ("will AI replace sparkies?", "electrician"),
        ("will AI replace cabbies?", "taxi driver"),
        ("will AI replace garbage men?", "refuse collector"),
        ("will AI replace sales reps?", "commercial sales representative"),
    ],
)
def test_nicknames_in_the_plural_name_their_job(assistant, question, job):
    result = assistant.resolve(question)
    assert result.status == "resolved"
    assert result.occupation.label == job


def test_a_short_form_said_of_someone_stands_for_its_job_words():
    assert stands_for("CEO") == {"officer"}  # its long form's job noun
    assert stands_for("MPs") == {"member", "of", "parliament"}  # in capitals, plural too
    assert stands_for("reps") == {"representative"}  # a job only once something says so
    assert stands_for("mp") == set() and stands_for("welder") == set()
