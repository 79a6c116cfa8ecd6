"""Sectors people say they work in (knowledge/sectors.py): the usual job of the sector, only
in a sentence about work."""

from __future__ import annotations

from importlib import resources

import pytest

from knowledge.sectors import Sectors
from knowledge.text import parse_question

KNOWN = {"construction", "retail", "industry", "sector", "noise"}.__contains__


def test_every_sector_job_is_a_preferred_label(assistant):
    preferred = {o.label for o in assistant.kb.occupations}
    table = resources.files("knowledge").joinpath("data/sectors.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in table.splitlines() if line and not line.startswith("#")]
    assert len(rows) >= 5
    assert [j for _, jobs in rows for j in jobs.split("|") if j not in preferred] == []


def test_a_sector_counts_only_as_the_job_words_of_a_sentence_about_work():
    sectors = Sectors({"building construction worker": 0, "bricklayer": 1, "sales assistant": 2})
    said = sectors.named(parse_question("I work in construction", KNOWN))
    assert said is not None and said.preferred == {0} and said.alternative == {1}
    retail = sectors.named(parse_question("I work in the retail sector", KNOWN))
    assert retail is not None and retail.preferred == {2}
    assert sectors.named(parse_question("the construction noise next door", KNOWN)) is None
    assert sectors.named(parse_question("construction", KNOWN)) is None  # no sentence about work


@pytest.mark.parametrize(
    ("question", "label"),
    [
        ("I work in construction", "building construction worker"),
        ("is construction safe from AI?", "building construction worker"),
        ("I work in retail", "sales assistant"),
        ("I work in manufacturing", "factory hand"),
    ],
)
def test_the_usual_job_of_a_sector(assistant, question, label):
    result = assistant.resolve(question)
    assert result.status == "resolved" and result.occupation.label == label


def test_a_job_named_beside_a_sector_wins(assistant):
    assert assistant.resolve("I'm a bricklayer in construction").candidates[0].label == "bricklayer"


def test_a_retailer_is_no_sector(assistant):
    assert assistant.resolve("I'm a retailer").candidates[0].label != "sales assistant"
