"""Descriptions of work matched to occupations through their essential skills
(knowledge/skill_index.py), and the work said picked out of a message (knowledge/text.py)."""

from __future__ import annotations

import numpy as np
import pytest

from knowledge.skill_index import SkillIndex
from knowledge.text import parse_question


@pytest.mark.parametrize(
    ("message", "work"),
    [
        ("I stock shelves at night in a big supermarket, what are my chances?", "stock shelves"),
        ("I fix bikes in a little shop by the station", "fix bikes"),
        ("we sew jeans on an industrial machine", "sew jeans"),
        ("I put up wallpaper in houses", "put up wallpaper"),
        ("my sister takes x-rays at a dental practice", "takes x-rays"),  # "take" with its object
        ("I find candidates for companies", "find candidates"),
        ("how do I cook pasta", ""),  # a question, not a description of one's work
        ("will AI replace bakers?", ""),
    ],
)
def test_the_work_said_is_the_verb_and_its_object(message, work):
    assert parse_question(message).activity_text == work


def unit(*xs):
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_occupations_score_by_their_essential_skills_close_to_the_work():
    # skills: 0 "stock shelves", 1 "operate till", 2 "groom horses"; occupations: 0 shelf
    # filler (skills 0, 1), 1 cashier (skill 1), 2 groom (skill 2, and 3 other essentials)
    vectors = np.stack([unit(1, 0, 0), unit(0, 1, 0), unit(0, 0, 1)])
    index = SkillIndex(
        vectors,
        indptr=np.array([0, 1, 3, 4]),
        occupations=np.array([0, 0, 1, 2], dtype=np.int32),
        essential_count=np.array([2, 1, 4], dtype=np.int32),
    )
    scores = index.scores(unit(0.95, 0.1, 0.3), k=3, min_similarity=0.2)
    assert int(np.argmax(scores)) == 0  # the shelf filler
    assert scores[2] > 0 and scores[2] < scores[0]
    # below the similarity floor nothing counts
    assert not index.scores(unit(0.95, 0.1, 0.3), k=3, min_similarity=0.99).any()
    empty = SkillIndex(np.zeros((0, 3), np.float32), np.zeros(1, np.int64),
                       np.zeros(0, np.int32), np.array([2, 1], np.int32))  # fmt: skip
    assert empty.scores(unit(1, 0, 0)).tolist() == [0.0, 0.0]


def test_a_description_of_work_finds_its_job(assistant):
    for message, label in [
        ("I put up wallpaper in houses", "paperhanger"),
        ("I make chocolates and truffles by hand", "chocolatier"),
    ]:
        result = assistant.resolve(message)
        assert result.candidates[0].label == label, (message, result.candidates[:3])
    assert (
        assistant.kb.skills is not None and assistant.kb.manifest["counts"]["skills_indexed"] > 5000
    )


def test_any_verb_that_begins_an_esco_skill_is_work_said():
    """Verbs beyond the built-in list count when ESCO has skills that begin with them; verbs
    people say of anything ("I think", "I use") and pets ("my cat keeps ...") do not."""
    verbs = {"unload", "mend", "keep", "think", "use", "work"}.__contains__
    assert parse_question("I unload lorries at night", work_verb=verbs).activity_text == (
        "unload lorries"
    )
    assert parse_question("my dad mends roads", work_verb=verbs).activity
    assert parse_question("I also unload lorries", work_verb=verbs).activity
    assert not parse_question("I think AI is scary", work_verb=verbs).activity
    assert not parse_question("I use ChatGPT a lot", work_verb=verbs).activity
    assert not parse_question("my cat keeps scratching the sofa", work_verb=verbs).activity
    assert not parse_question("I keep getting errors", work_verb=verbs).activity
    assert not parse_question("my boss thinks AI will replace us", work_verb=verbs).activity
    assert not parse_question("she uses ChatGPT at work", work_verb=verbs).activity
    assert not parse_question("I work at my local supermarket", work_verb=verbs).pastime
    assert not parse_question("I unload lorries at night").activity  # no skill verbs given


def test_work_in_ing_after_where_someone_goes_or_stands_is_work_said():
    """ "I go round farms testing milk": the first "-ing" that is a skill's verb with an object
    is the work; not a leisure place's ("I go to the gym lifting weights"), not a noun
    ("building sites"), not a verb no skill begins with."""
    verbs = {"test", "check", "lift", "build"}.__contains__
    said = parse_question("I go round dairy farms testing milk samples", work_verb=verbs)
    assert said.activity and said.activity_text.startswith("test milk samples")
    said = parse_question("she stands at the gate checking passes all night", work_verb=verbs)
    assert said.activity_text.startswith("check passes")
    said = parse_question("he goes round building sites checking scaffolds", work_verb=verbs)
    assert said.activity_text.startswith("check scaffolds")
    assert not parse_question("I go to the gym most days lifting weights", work_verb=verbs).activity
    assert not parse_question("I sit on the sofa scrolling memes", work_verb=verbs).activity
    assert not parse_question("we go out dancing on fridays", work_verb=verbs).activity


@pytest.mark.parametrize(
    "message",
    [
        "I walk my dog in the park",
        "I clean my room on saturdays",
        "I write poems for fun",
        "I wash my own car every sunday",
        "I repair my own bike",
    ],
)
def test_what_one_does_for_oneself_is_no_work_said(message):
    query = parse_question(message)
    assert query.pastime and not query.activity and query.activity_text == ""


@pytest.mark.parametrize(
    "message",
    [
        "I run my own bakery",
        "I manage my team of five",
        "I look after my patients on a ward",
        "I walk people's dogs while they are at work",
        "I cut my client's hair",
        "I drive my own taxi",
        "I drive my truck across Europe",
    ],
)
def test_work_for_others_is_still_work(message):
    query = parse_question(message)
    assert query.activity and not query.pastime


def test_work_listed_after_where_someone_stands_or_sits_is_work_said():
    """ "I stand on the door at a nightclub, check IDs and ..." was no description of work,
    so the door supervisor it ranked first was dropped as "no job named"."""
    verbs = {"check", "deal", "deal with", "watch", "cook"}.__contains__
    said = parse_question(
        "I stand on the door at a club, check IDs and throw out drunks", None, None, verbs
    )
    assert said.activity and said.activity_text.startswith("check ids")
    said = parse_question(
        "i sit on the phones all day dealing with angry customers", None, None, verbs
    )
    assert said.activity and said.activity_text.startswith("deal with angry customers")
    for home in (
        "I sit on the sofa, watch tv and eat crisps",
        "i stand in the kitchen, cook pasta",
    ):
        assert not parse_question(home, work_verb=verbs).activity


def test_dealing_with_a_thing_is_work_dealing_with_it_is_not():
    verbs = {"deal", "deal with"}.__contains__
    said = parse_question("I deal with customer complaints at a bank", work_verb=verbs)
    assert said.activity_text == "deal with customer complaints"
    assert not parse_question("I deal with it", work_verb=verbs).activity


def test_doing_the_books_is_keeping_them():
    said = parse_question("my brother does the books for a few small businesses")
    assert said.activity and said.activity_text == "keeps the books"


def test_help_docs_are_documents_not_doctors():
    said = parse_question("i write the user manuals and help docs for our software")
    assert "documentation" in said.job_text.split() and "docs" not in said.job_text.split()
    assert "docs" in parse_question("are docs going to be replaced by AI").job_text.split()


def test_work_done_to_it_or_asked_how_to_do_is_no_work_said():
    verbs = {"fix", "clean"}.__contains__
    assert not parse_question("my laptop fan is loud, how do I fix it", work_verb=verbs).activity
    assert not parse_question("I fix it every week", work_verb=verbs).activity
    assert parse_question("I fix boilers, how do I get more customers", work_verb=verbs).activity
    # ("them" refers back to the things worked on: a mechanic's work, from the review)
    said = parse_question("customers bring their cars in and I repair them", work_verb=verbs)
    assert said.activity and not said.pastime


def test_an_opinion_or_ones_own_books_is_no_work_said():
    assert not parse_question("honestly I find tenants so annoying, they never pay").activity
    assert not parse_question("I do the books for my own household budget").activity
