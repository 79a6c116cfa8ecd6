"""A menu offers different jobs: narrower variants of a job already offered give way."""

from __future__ import annotations

from knowledge.menu import _variant_of, distinct_jobs, with_named
from knowledge.wordforms import label_words


def menu(labels: list[str], size: int = 5, said: tuple[str, ...] = ()) -> list[str]:
    return [labels[i] for i in distinct_jobs(range(len(labels)), labels.__getitem__, size, said)]


def test_narrower_variants_of_a_better_ranked_job_give_way_and_the_menu_is_refilled():
    labels = [
        "secondary school teacher",
        "mathematics teacher at secondary school",  # a variant of the one above
        "electrician",
        "building electrician",  # a variant of electrician
        "chef",
        "early years teacher",
    ]
    assert menu(labels, 4) == [
        "secondary school teacher", "electrician", "chef", "early years teacher",
    ]  # fmt: skip


def test_a_rank_or_another_job_noun_makes_another_job():
    labels = ["chef", "head chef", "carpenter", "carpenter supervisor", "hairdresser",
              "hairdresser assistant"]  # fmt: skip
    assert menu(labels, 6) == labels


def test_words_the_question_said_keep_the_variant():
    labels = ["journalist", "sports journalist"]
    assert menu(labels, said=("sports", "journalist")) == labels
    assert menu(labels, said=("journalist",)) == ["journalist"]


def test_a_narrower_job_ranked_above_its_broader_one_stays_and_sizes_are_kept():
    assert menu(["building electrician", "electrician"]) == ["building electrician", "electrician"]
    assert menu(["electrician", "building electrician"], size=0) == []
    assert menu(["electrician", "building electrician"]) == ["electrician"]


def test_label_words_ignore_case_and_punctuation():
    assert label_words("Doctors' surgery assistant") == {"doctors", "surgery", "assistant"}


def test_the_resolvers_menus_hold_no_narrower_variant(assistant):
    """Vague questions whose raw ranking holds a job and its narrower variant."""
    for question in ("inspector", "line supervisor", "lab technician"):
        result = assistant.resolve(question)
        assert result.status == "ambiguous", question
        labels = [c.label for c in result.candidates]
        assert len(labels) == 5, question  # refilled from further down the ranking
        said = result.job_text.split()
        for rank, label in enumerate(labels):
            assert not any(_variant_of(label, better, said) for better in labels[:rank]), label
        scores = [c.score for c in result.candidates]
        assert scores == sorted(scores, reverse=True) and abs(sum(scores) - 1) < 0.01


def test_the_jobs_a_message_names_are_always_offered_in_score_order():
    scores = [5.0, 4.0, 3.0, 2.0, 1.0, 0.5, 0.1]
    order = lambda i: (-scores[i], i)  # noqa: E731
    assert with_named([0, 1, 2, 3, 4], [6], 5, order) == [0, 1, 2, 3, 6]
    assert with_named([0, 1, 2, 3, 4], [2], 5, order) == [0, 1, 2, 3, 4]  # already there
    assert with_named([0, 1, 2], [5, 6], 5, order) == [0, 1, 2, 5, 6]


def test_a_job_named_by_a_word_of_its_own_is_in_the_menu(assistant):
    """ "croupier" is an alternative label of gaming dealer only; the ship pulls the ranking
    to ships, and the menu still offers the job the person named."""
    result = assistant.resolve("I work as a croupier on a cruise ship")
    assert result.status in ("ambiguous", "resolved")
    assert "gaming dealer" in [c.label for c in result.candidates]
