"""Prose a careful person would write: grammar of skills and occupations, whole numbers in
prose, every section, for every occupation (the same rules as ``bench/prose.py``)."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.prose import SENTENCE, prose_part, section, text_problems, wrong_ordinals
from prompts.ai_tools import TOOLS, tool_for, tool_names
from prompts.deterministic import SCORE_IS_NOT
from prompts.numbers import ordinal, share_phrase
from prompts.phrases import article, gerund, is_verb_phrase, plural, skill_phrase
from prompts.sections import HEADINGS
from prompts.wording import fixed_wording


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("manage budgets", "managing budgets"),
        ("meet deadlines", "meeting deadlines"),
        ("plan routes", "planning routes"),
        ("carry out checks", "carrying out checks"),
        ("tie knots", "tying knots"),
        ("see patients", "seeing patients"),
        ("control costs", "controlling costs"),
        ("open accounts", "opening accounts"),
        ("follow-up lab results", "following up lab results"),
        ("sun-cure tobacco", "sun-curing tobacco"),
        ("fix bikes", "fixing bikes"),
    ],
)
def test_verb_phrases_become_activities(phrase, expected):
    assert gerund(phrase) == expected


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("translator", "translators"),
        ("director of photography", "directors of photography"),
        ("nurse responsible for general care", "nurses responsible for general care"),
        ("waiter/waitress", "waiters/waitresses"),
        ("secretary", "secretaries"),
        ("fisherman", "fishermen"),
        ("midwife", "midwives"),
        ("head pastry chef", "head pastry chefs"),
        ("editor-in-chief", "editors-in-chief"),
        ("music and video shop specialised seller", "music and video shop specialised sellers"),
        ("human resources manager", "human resources managers"),
        ("pipeline\xa0superintendent", "pipeline superintendents"),
    ],
)
def test_occupations_read_in_the_plural(label, expected):
    assert plural(label) == expected


def test_articles_and_skill_forms():
    assert [article(w) for w in ("accountant", "baker", "user experience analyst")] == [
        "an",
        "a",
        "a",
    ]
    assert article("ICT business analyst") == "an" and article("hour-long shift") == "an"
    assert skill_phrase("criminal law", "knowledge") == "knowledge of criminal law"
    assert skill_phrase("ABBYY FineReader", "tool") == "using ABBYY FineReader"
    assert skill_phrase("types of tile", "skill") == "knowledge of types of tile"
    assert not is_verb_phrase("types of tile") and is_verb_phrase("process payments")


def test_ordinals_and_shares_are_whole_and_right():
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 92, 101)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "92nd", "101st",
    ]  # fmt: skip
    assert share_phrase(30.63) == "higher than about 31% of"
    assert share_phrase(0.2) == "lower than almost all"
    assert wrong_ordinals("the 92th and 22th and 1st") == ["92th", "22th"]


def test_the_tool_table_is_our_own_wording():
    assert set(tool_names()) <= set(fixed_wording())
    assert tool_for("S2.8") is TOOLS["S2.8"] and tool_for("S6.4") is None
    assert tool_for("S5.9") is None  # an area we name no tool for stays with people


def test_every_answer_reads_well(assistant):
    """All occupations: no pasted verb phrase, no decimals in the prose, right ordinals,
    every section, what the score is not, and no sentence of "How AI is changing this role"
    repeated word for word by more than 5% of occupations."""
    problems: dict[str, list[str]] = {}
    sentences: Counter[str] = Counter()
    rows = assistant.scores.table()
    for row in rows:
        card, answer = assistant.answer_for(row.uri, use_llm=False)
        kinds = text_problems(answer.markdown, card, assistant.context(card).description)
        found = [f"{kind}: {item}" for kind, items in kinds.items() for item in items]
        if SCORE_IS_NOT not in prose_part(answer.markdown):
            found.append("does not say what the score is not")
        if found:
            problems[row.label] = found
        for sentence in set(SENTENCE.split(section(answer.markdown, HEADINGS[1]))):
            sentences[sentence.strip()] += 1
    assert problems == {}
    assert max(sentences.values()) <= 0.05 * len(rows)
