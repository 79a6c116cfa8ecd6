"""Sectors people say they work in (knowledge/sectors.py): the usual job of the sector, only
in a sentence about work."""

from __future__ import annotations

from importlib import resources

import pytest

from knowledge.sectors import Sectors
from knowledge.text import parse_question

KNOWN = {"construction", "retail", "industry", "sector", "noise", "healthcare"}.__contains__
JOBS = {"building construction worker": 0, "bricklayer": 1, "sales assistant": 2,
        "healthcare assistant": 3, "general practitioner": 4}  # fmt: skip


def test_every_sector_job_is_a_preferred_label(assistant):
    preferred = {o.label for o in assistant.kb.occupations}
    table = resources.files("knowledge").joinpath("data/sectors.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in table.splitlines() if line and not line.startswith("#")]
    assert len(rows) >= 5
    named = [j for _, usual, others, *_kind in rows for j in [usual, *others.split("|")] if j]
    assert [j for j in named if j not in preferred] == []


def test_a_sector_counts_only_as_the_job_words_of_a_sentence_about_work():
    sectors = Sectors(JOBS)
    said = sectors.named(parse_question("I work in construction", KNOWN), asked=False)
    assert said is not None and said.preferred == {0} and said.alternative == {1}
    retail = sectors.named(parse_question("my mum works in the retail sector", KNOWN), False)
    assert retail is not None and retail.preferred == {2}
    noise = parse_question("the construction noise next door", KNOWN)
    assert sectors.named(noise, asked=False) is None
    assert sectors.named(parse_question("construction", KNOWN), asked=False) is None


def test_a_broad_sector_has_no_usual_job_and_a_sector_without_its_usual_job_is_left_out():
    sectors = Sectors(JOBS)
    health = sectors.named(parse_question("I work in healthcare", KNOWN), asked=False)
    assert health is not None and health.preferred == set() and health.alternative == {3, 4}
    without = Sectors({"bricklayer": 1})  # a subset without building construction worker
    assert without.named(parse_question("I work in construction", KNOWN), False) is None


@pytest.mark.parametrize(
    ("question", "label"),
    [
        ("I work in construction", "building construction worker"),
        ("is construction safe from AI?", "building construction worker"),
        ("I'm in retail", "sales assistant"),
        ("is retail dying?", "sales assistant"),
        ("I work in manufacturing", "factory hand"),
        ("I work in an office, is admin safe?", "office clerk"),  # a place, not an officer
    ],
)
def test_the_usual_job_of_a_sector(assistant, question, label):
    result = assistant.resolve(question)
    assert result.status == "resolved" and result.occupation.label == label


def test_a_job_named_beside_a_sector_wins_and_a_retailer_is_no_sector(assistant):
    assert assistant.resolve("I'm a bricklayer in construction").candidates[0].label == "bricklayer"
    assert assistant.resolve("I'm a retailer").candidates[0].label == "retail entrepreneur"
    assert assistant.resolve("the construction next door is so loud").status == "not_found"


def test_a_sector_that_closes_the_clause_saying_one_works_in_it():
    """ "I work in construction, mostly kitchens" names the sector though more is said."""
    sectors = Sectors(JOBS)
    said = sectors.named(parse_question("I work in construction, mostly kitchens", KNOWN), False)
    assert said is not None and said.preferred == {0}
    other = sectors.named(
        parse_question("I work in a shop near the construction site", KNOWN), False
    )
    assert other is None


@pytest.mark.parametrize(
    "question, jobs",
    [
        # a workplace most people there share: a menu of its common jobs, not the one
        # occupation named after it (a hospital porter, a mayor of the council's)
        ("I work in a hospital", {"nurse responsible for general care", "hospital porter"}),
        ("I work for the NHS", {"nurse responsible for general care", "healthcare assistant"}),
        ("I work in a hotel", {"hospitality establishment receptionist", "room attendant"}),
        ("I work at a bank", {"bank teller", "loan officer"}),
        ("I work at a supermarket", {"shelf filler", "cashier"}),
        ("I work for the council", {"administrative assistant", "social worker"}),
    ],
)
def test_a_workplace_said_as_where_one_works_is_a_choice_of_its_jobs(assistant, question, jobs):
    result = assistant.resolve(question)
    assert result.status == "ambiguous"
    assert jobs <= {c.label for c in result.candidates}


def test_a_building_site_is_construction_and_a_job_said_there_wins(assistant):
    said = assistant.resolve("I work on a building site")
    assert said.candidates[0].label == "building construction worker"
    assert assistant.resolve("I'm a nurse in a hospital").status == "resolved"
    assert assistant.resolve("I lay bricks on building sites").candidates[0].label == "bricklayer"
    # a job named before the place, or as what one is there, is the job (from the review)
    for question, label in [
        ("I'm a nurse, I work in a hospital", "nurse responsible for general care"),
        ("I'm an electrician, I work on a building site", "electrician"),
        ("worked at a supermarket for 5 years as a shelf stacker", "shelf filler"),
    ]:
        assert assistant.resolve(question).candidates[0].label == label, question


@pytest.mark.parametrize(
    "text",
    [
        "my brother is in hospital",
        "my nan is in a hospital in Leeds",
        "I work out at the gym near the hospital",
    ],
)
def test_being_at_a_workplace_is_no_work_there(assistant, text):
    assert assistant.resolve(text).status == "not_found"


def test_a_workplace_counts_only_after_a_verb_of_working():
    sectors = Sectors(JOBS | {"nurse responsible for general care": 9, "hospital porter": 8})
    heads = {"nurse", "porter"}.__contains__
    works = sectors.named(parse_question("I work in a hospital", KNOWN), False, heads)
    assert works is not None and {8, 9} <= works.occupations
    for text in ["my brother is in hospital", "I'm a nurse, I work in a hospital"]:
        assert sectors.named(parse_question(text, KNOWN), False, heads) is None, text
