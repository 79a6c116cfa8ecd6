"""Everyday phrases for a job's work (knowledge/data/work_phrases.tsv), said in any tense."""

from __future__ import annotations

from importlib import resources

import pytest

from knowledge.chosen_names import load_work_phrases, phrase_said, verb_forms


def test_a_verb_is_recognised_in_every_form_people_say_it_in():
    assert verb_forms("pull") == ["pull", "pulls", "pulled", "pulling"]
    assert set(verb_forms("cut")) == {"cut", "cuts", "cutting"}
    assert {"does", "did", "done", "doing"} <= set(verb_forms("do"))
    assert "resetting" in verb_forms("reset") and "modelling" in verb_forms("model")
    assert {"empties", "emptied", "emptying"} <= set(verb_forms("empty"))
    assert {"shoes", "shoeing", "shod"} <= set(verb_forms("shoe"))
    assert {"serves", "served", "serving"} <= set(verb_forms("serve"))
    assert {"fixes", "fixed", "fixing"} <= set(verb_forms("fix"))


@pytest.fixture(scope="module")
def phrases():
    table = resources.files("knowledge").joinpath("data/work_phrases.tsv").read_text("utf-8")
    labels = {line.split("\t")[1] for line in table.splitlines() if line and line[0] != "#"}
    return load_work_phrases({label: i for i, label in enumerate(sorted(labels))})


@pytest.mark.parametrize(
    "message",
    [
        "i pull pints in a pub",
        "pulling pints for a living",
        "he pulls the pints at the local",
        "I've pulled pints for ten years",
        "I used to pull pints, now I'm worried for my son",
    ],
)
def test_a_phrase_is_found_in_any_tense_with_or_without_a_determiner(phrases, message):
    found = phrase_said(message.lower(), phrases)
    assert found is not None and found.label == "bartender"


@pytest.mark.parametrize(
    "message",
    [
        "i pull muscles at the gym",
        "a pint of milk",
        "pints pulled",
        "i pullpints",
        "I pulled a pint for my dad once",  # (a pint, once)
        "we caught fish off the pier with the kids",  # done once, in the past
        "I run till I drop every morning",  # "till" is no till's plural
        "I work door to door selling windows",
        "if AI takes my job I'll have to wait tables",  # a plan, not work done
        "how do I learn to cut hair?",
        "I had to check the passports for the family holiday",
    ],
)
def test_only_the_verb_with_its_object_is_the_phrase(phrases, message):
    assert phrase_said(message.lower(), phrases) is None


def test_a_determiner_may_come_after_the_particle_of_a_phrasal_verb(phrases):
    found = phrase_said("i muck out the stables every morning", phrases)
    assert found is not None and found.label == "groom"


def test_every_phrase_names_an_esco_preferred_label_and_a_verb(assistant):
    table = resources.files("knowledge").joinpath("data/work_phrases.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in table.splitlines() if line and not line.startswith("#")]
    preferred = {o.label for o in assistant.kb.occupations}
    assert rows and all(len(r) == 2 and len(r[0].split()) >= 2 for r in rows)
    assert [r for r in rows if r[1] not in preferred] == []
    assert len({r[0] for r in rows}) == len(rows)  # one job per phrase


@pytest.mark.parametrize(
    ("message", "label"),
    [
        ("i pull pints in a pub, will AI take my job?", "bartender"),
        ("I flip burgers after college", "quick service restaurant crew member"),
    ],
)
def test_a_phrase_names_its_job(assistant, message, label):
    result = assistant.resolve(message)
    assert result.status == "resolved" and result.occupation.label == label


def test_a_job_named_comes_before_the_phrase_and_a_pastime_is_no_job(assistant):
    named = assistant.resolve("I'm a barista and I pull pints too")
    assert named.candidates[0].label == "barista"
    # (an alternative label, said as what one is)
    assert assistant.resolve("I'm a mixologist and I pull pints too").candidates[0].label != (
        "bartender"
    )
    for once in ("we caught fish off the pier with the kids", "I sold the house last year"):
        assert assistant.resolve(once).status == "not_found"
    assert assistant.resolve("I pull pints for my mates at home at weekends").status == "not_found"
