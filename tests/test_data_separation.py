"""Evaluation data never ships in the product: no question of a benchmark set in ``bench/``
appears (normalised) in the product's data files in ``knowledge/data/``, so a benchmark
figure measures generalisation, not memory."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PRODUCT_DATA = REPO / "knowledge" / "data"
EVALUATION_SETS = REPO / "bench" / "data"


def normalise(text: str) -> str:
    return " ".join(re.sub(r"[^\w ]", " ", text.casefold()).split())


def questions(path: Path) -> set[str]:
    """The first column of every data line of an evaluation set."""
    out = set()
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            text = normalise(line.split("\t", 1)[0])
            if text:
                out.add(text)
    return out


def product_lines() -> dict[str, set[str]]:
    """Every line of the product's text files, and the first column of its tables (the
    job aliases): none may be a benchmark question."""
    out = {
        path.name: {normalise(line) for line in path.read_text("utf-8").splitlines()}
        for path in sorted(PRODUCT_DATA.glob("*.txt"))
    }
    for path in sorted(PRODUCT_DATA.glob("*.tsv")):
        out[path.name] = questions(path)
    return out


def shared_lines(product: dict[str, set[str]], evaluation: set[str]) -> list[str]:
    return sorted(f"{name}: {q}" for name, lines in product.items() for q in lines & evaluation)


def test_no_evaluation_question_is_product_data():
    sets = sorted(EVALUATION_SETS.glob("*.tsv"))
    assert sets, "the evaluation sets are expected in bench/data"
    evaluation = set().union(*(questions(p) for p in sets))
    assert shared_lines(product_lines(), evaluation) == []


def test_an_overlap_would_be_caught():
    product = {"non_job_messages.txt": {normalise("Tell me a joke!")}}
    assert shared_lines(product, {normalise("tell me a joke")}) == [
        "non_job_messages.txt: tell me a joke"
    ]


def test_the_two_halves_of_our_question_set_share_no_question():
    """The held-out half measures generalisation only if nothing in it was tuned on."""
    tune = questions(EVALUATION_SETS / "questions_tune.tsv")
    held_out = questions(EVALUATION_SETS / "questions_heldout.tsv")
    assert len(tune) > 300 and len(held_out) > 200
    assert sorted(tune & held_out) == []
