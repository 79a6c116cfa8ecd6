"""A menu offers different jobs: narrower variants of a job already offered give way."""

from __future__ import annotations

from knowledge.menu import distinct_jobs, label_words

LABELS = [
    "secondary school teacher",
    "mathematics teacher at secondary school",  # narrower than the one above: left out
    "early years teacher",
    "teacher",  # broader than ones above, not narrower: stays
    "ICT teacher secondary school",  # narrower than "teacher": left out
    "language school teacher",  # narrower than "teacher": left out
    "politics lecturer",
    "lecturer",
]


def test_narrower_variants_of_a_better_ranked_job_give_way_and_the_menu_is_refilled():
    kept = distinct_jobs(range(len(LABELS)), LABELS.__getitem__, 4)
    assert [LABELS[i] for i in kept] == [
        "secondary school teacher", "early years teacher", "teacher", "politics lecturer",
    ]  # fmt: skip


def test_a_short_ranking_gives_a_short_menu():
    assert distinct_jobs([0, 1], LABELS.__getitem__, 5) == [0]


def test_label_words_ignore_case_and_punctuation():
    assert label_words("Doctors' surgery assistant") == {"doctors", "surgery", "assistant"}


def test_the_resolvers_menus_hold_no_narrower_variant(assistant):
    """Vague questions whose raw ranking holds a job and its narrower variant."""
    for question in ("teacher", "line supervisor", "lab technician"):
        result = assistant.resolve(question)
        assert result.status == "ambiguous", question
        offered = [label_words(c.label) for c in result.candidates]
        assert len(offered) == 5, question  # refilled from further down the ranking
        for rank, words in enumerate(offered):
            assert not any(better <= words for better in offered[:rank]), (question, words)
        scores = [c.score for c in result.candidates]
        assert scores == sorted(scores, reverse=True) and abs(sum(scores) - 1) < 0.01
