"""The usual meaning of a bare job word (knowledge/usual_sense.py), on hand-made labels and
title counts, and on the real knowledge base: which occupations a bare noun names, and when
one of them is what almost everyone means."""

from __future__ import annotations

import numpy as np
import pytest

from knowledge.usual_sense import DOMINANCE, MIN_TITLES, UsualSenses, head_noun

LABELS = [
    "nurse responsible for general care",  # 0
    "specialist nurse",  # 1
    "nurse assistant",  # 2: built on "assistant", not on "nurse"
    "software developer",  # 3
    "web developer",  # 4
    "early years teacher",  # 5
    "secondary school teacher",  # 6
    "operator",  # 7: too generic a word to have a usual sense
    "machine operator",  # 8
]


def senses(counts: list[int]) -> UsualSenses:
    return UsualSenses(LABELS, np.array(counts))


def test_head_noun_is_the_word_a_label_is_built_on():
    assert head_noun("nurse responsible for general care") == "nurse"
    assert head_noun("teacher of talented and gifted students") == "teacher"
    assert head_noun("early years teacher") == "teacher"
    assert head_noun("waiter/waitress") == "waiter"
    assert head_noun("nurse assistant") == "assistant"


def test_the_general_sense_esco_names_wins_whatever_the_counts():
    found = senses([0, 50, 90, 0, 0, 0, 0, 0, 0]).find("nurses")
    assert found.preferred == {0} and found.alternative == {1} and found.bare
    assert senses([0] * 9).find("nurse").preferred == {0}  # without titles too


def test_a_dominant_title_count_is_the_usual_sense_and_a_close_one_is_not():
    dominant = [0, 0, 0, MIN_TITLES, MIN_TITLES // int(DOMINANCE), 0, 0, 0, 0]
    assert senses(dominant).find("developer").preferred == {3}
    close = [0, 0, 0, MIN_TITLES, MIN_TITLES // 2, 0, 0, 0, 0]
    found = senses(close).find("developer")
    assert found.preferred == frozenset() and found.alternative == {3, 4}
    too_few = [0, 0, 0, MIN_TITLES - 1, 0, 0, 0, 0, 0]
    assert senses(too_few).find("developer").preferred == frozenset()


def test_only_a_bare_noun_counts():
    usual = senses([0] * 9)
    assert usual.find("pediatric nurse") is None  # a modifier: the resolver's signals decide
    assert usual.find("operator") is None  # too generic to name a job by itself
    assert usual.find("plumber") is None  # no occupation is built on it here
    assert usual.find("teacher").alternative == {5, 6}


@pytest.mark.parametrize(
    ("question", "label"),
    [
        ("will AI replace nurses?", "nurse responsible for general care"),
        ("I'm a nurse", "nurse responsible for general care"),
        ("developers", "software developer"),
        # everyday senses the labels cannot tell (knowledge/data/usual_senses.tsv)
        ("I'm a mechanic", "vehicle technician"),
        ("are pilots going to be replaced?", "airline transport pilot"),
        ("pediatric nurce on the ward", None),  # a one-letter typo still names a nurse
    ],
)
def test_bare_words_and_short_typos_on_the_real_knowledge_base(assistant, question, label):
    result = assistant.resolve(question)
    assert result.status != "not_found"
    if label is None:
        assert "nurse" in result.candidates[0].label
    else:
        assert result.candidates[0].label == label


def test_an_everyday_sense_is_only_that_of_the_bare_word(assistant):
    """ "teacher" offers the school teachers, not ESCO's stray "teacher" label of a politics
    lecturer; "aircraft mechanic" is not a car mechanic."""
    teachers = assistant.resolve("will AI replace teachers?")
    labels = [c.label for c in teachers.candidates]
    assert teachers.status == "ambiguous" and "politics lecturer" not in labels
    # in the order the table chose them, not by vacancy counts (early years teachers have
    # the most vacancy titles, but "teacher" means a school teacher first)
    chosen = ["primary school teacher", "secondary school teacher", "early years teacher"]
    assert labels[:3] == chosen
    for question in ("I work in education", "is cybersecurity a good field to get into?"):
        broad = assistant.resolve(question)  # broad sectors: a choice, never one job for all
        assert broad.status == "ambiguous", question
    aircraft = assistant.resolve("aircraft mechanic")
    assert aircraft.candidates[0].label != "vehicle technician"


def test_an_everyday_sense_needs_its_occupation_in_the_knowledge_base():
    """The table's "teacher" has no usual sense: the school teachers this subset has are
    the ones it names; a word whose usual sense is missing is left to labels and titles."""
    usual = senses([0] * 9)
    assert usual.find("teacher").preferred == frozenset()
    assert usual.find("mechanic") is None  # neither vehicle technician nor any mechanic here


def test_a_place_is_not_a_job_and_relatives_are_not_job_words(assistant):
    office = assistant.resolve("my mum cleans offices")
    assert "officer" not in office.job_text and office.candidates[0].label.endswith("cleaner")
    assert "officer" not in assistant.resolve("I work in an office").job_text
    bus = assistant.resolve("my dad drives a lorry")
    assert bus.job_text == "lorry driver"


def test_alias_words_are_never_corrected_into_other_labels(assistant):
    result = assistant.resolve("I'm a sonographer")
    assert result.job_text == "sonographer"
    assert result.candidates[0].label == "diagnostic radiographer"


def test_a_field_said_names_its_job_noun_in_its_usual_sense():
    senses = UsualSenses(
        ["nurse responsible for general care", "specialist nurse", "mixed farmer", "dairy farmer"],
        None,
    )
    nursing = senses.of_field("is nursing still a good career?")
    assert nursing.field and nursing.preferred == {0} and nursing.alternative == {1}
    farming = senses.of_field("is farming going to be robots")  # its everyday sense
    assert farming.field and farming.preferred == {2}
    cleaners = UsualSenses(["building cleaner", "domestic cleaner"], None)
    cleaning = cleaners.of_field("is cleaning going to be robots")
    assert cleaning.field and cleaning.alternative == {0, 1} and not cleaning.preferred
    assert senses.of_field("what are you doing later?") is None  # "doing" is no field
    assert senses.of_field("hello there") is None


@pytest.mark.parametrize(
    ("question", "label"),
    [
        ("is data science dead", "data scientist"),  # a field said in two words
        ("financial analysis as a career, still good?", "financial analyst"),
        ("is translation still worth it", "translator"),  # "worth it" weighs a career up
        ("illustration is dead bc of midjourney?", "illustrator"),  # asked with "?"
        ("music production as a career now", "music producer"),
        # the first field said, whatever its length (from the review)
        (
            "I'm in nursing but thinking about data science, will AI kill nursing?",
            "nurse responsible for general care",
        ),
    ],
)
def test_a_field_of_two_words_or_asked_as_a_career_names_its_worker(assistant, question, label):
    result = assistant.resolve(question)
    assert result.status != "not_found" and result.candidates[0].label == label


def test_a_field_english_does_not_build_its_worker_from_comes_from_the_table():
    """ "law" makes no lawyer by word-building (data/field_words.tsv does); said before a
    place or a person ("a law firm", "a music teacher") it is no field asked about."""
    senses = UsualSenses(["lawyer", "corporate lawyer", "musician"], None)
    law = senses.of_field("is law still a good career?")
    assert law.field and law.occupations == {0, 1}
    assert senses.of_field("is music a dying career").occupations == {2}
    assert senses.of_field("I do conveyancing for a law firm") is None
    assert senses.of_field("she's a music teacher") is None


def test_a_worker_whose_field_is_a_known_word_is_no_typo(assistant):
    """ "florist" is not in ESCO's labels, but "floristry" is: the word is kept (and its alias
    names the flower seller), not "corrected" to "flavorist"; real typos still are."""
    lexicon = assistant.kb.lexicon
    assert lexicon.correct("florist") == "florist"
    assert lexicon.correct("carpentr") == "carpenter"
    assert lexicon.correct("brewe") == "brewer"  # not kept as the stem of "brewery"
    assert lexicon.correct("secreta") == "secretary"
    result = assistant.resolve("I take orders at a florist's")
    assert result.candidates[0].label == "flower and garden specialised seller"


def test_a_rare_word_one_slip_from_a_common_job_noun_is_its_typo(assistant):
    """Vacancy titles hold a few typos of their own ("mecanic", "enginer"): a word of the
    labels that rare, with a letter left out or two swapped, is the job noun; a real word
    with a letter changed is not ("miller" stays a miller; "tired" is English)."""
    lexicon = assistant.kb.lexicon
    assert lexicon.correct("mecanic") == "mechanic"
    assert lexicon.correct("enginer") == "engineer"
    assert lexicon.correct("laywer") == "lawyer"  # not a layer
    assert lexicon.correct("farmacy") == "pharmacy"  # the first sound again
    assert lexicon.correct("miller") == "miller"
    assert lexicon.correct("tired") == "tired"


def test_a_sound_spelt_as_it_is_said_is_a_typo_of_the_word(assistant):
    """No letter slip and too far for a ratio, but "sh" said for "ci", "ti" or "ssi"."""
    lexicon = assistant.kb.lexicon
    assert lexicon.correct("soshal") == "social" and lexicon.correct("finanshal") == "financial"
    assert lexicon.correct("garden") == "garden"  # a real word is left alone
    assert assistant.resolve("im a soshal worker").occupation.label == "social worker"


def test_a_word_of_its_own_goes_first_but_a_job_noun_of_many_does_not(assistant):
    """ "croupier" is only gaming dealer's (an alternative label), and no other job is built
    on it; "driver" is one of hearse driver's labels, and the noun of many drivers."""
    resolver = assistant._loaded.resolver
    croupier = resolver._mention(resolver.parse("I am croupier on a cruise ship"))
    assert croupier.sole and croupier.text == "croupier"
    top = assistant.resolve("I am croupier on a cruise ship").candidates[0].label
    assert top == "gaming dealer"
    curly = resolver._mention(resolver.parse("I\u2019m croupier on a cruise ship"))
    assert curly.sole  # a curly apostrophe is still a sentence
    dog = resolver._mention(resolver.parse("I get up early and the dog barks"))
    assert dog is None or not dog.sole  # no worker's word
    driver = resolver._mention(resolver.parse("my dad is a driver on the buses"))
    assert driver is None or not driver.sole


def test_a_field_said_of_a_tool_or_a_machine_is_no_field():
    senses = UsualSenses(["cytology screener", "temperature screener", "bookkeeper"], None)
    assert senses.of_field("is screening a good career?") is not None
    assert senses.of_field("will AI screening tools replace recruiters?") is None
    assert senses.of_field("will screening software replace recruiters?") is None
