"""What a menu offers: different jobs, not one job and its narrower variants.

When a question is ambiguous the person picks from a short list, so each line should be a job
they might mean. ESCO often has a job and narrower variants of it that only add words to its
label ("electrician" and "building electrician", "secondary school teacher" and "mathematics
teacher at secondary school"); offering both spends a line on a near-duplicate. A candidate
is left out, and the next one takes its place, when a better-ranked candidate's label words
are all in its label, it is built on the same job noun, and the words it adds are neither a
rank ("head chef", "carpenter supervisor", "hairdresser assistant" are other jobs) nor words
of the question ("sports journalist" stays when the question said "sports"). A narrower
variant ranked *above* its broader job stays: the question pointed at it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence

import numpy as np

from knowledge.resolution import Candidate
from knowledge.store import OccupationRow
from knowledge.usual_sense import head_noun
from knowledge.wordforms import label_words

# Words that make another job of the one they are added to, not a variant of it.
_RANKS = frozenset(
    "head chief senior junior assistant supervisor manager instructor lecturer teacher "
    "superintendent general deputy trainee apprentice lead coordinator".split()
)


def _variant_of(label: str, better: str, said: Collection[str]) -> bool:
    words, broader = label_words(label), label_words(better)
    added = words - broader
    return (
        broader < words
        and head_noun(label) == head_noun(better)
        and not added & _RANKS
        and not added & set(said)
    )


def distinct_jobs(
    ranked: Iterable[int], label_of: Callable[[int], str], size: int, said: Collection[str] = ()
) -> list[int]:
    """The first ``size`` of ``ranked`` (best first) that are not narrower variants of a
    better-ranked one; ``said``: the words of the question."""
    kept: list[int] = []
    for index in ranked:
        if len(kept) >= size:
            break
        label = label_of(index)
        if not any(_variant_of(label, label_of(other), said) for other in kept):
            kept.append(index)
    return kept


def with_named(
    menu: list[int], named: Collection[int], size: int, order: Callable[[int], tuple]
) -> list[int]:
    """``menu`` with the ``named`` jobs in it, in ``order``: those missing take the places of
    the last ones (a job the person named is never a near-duplicate they did not mean)."""
    missing = [i for i in named if i not in menu]
    return sorted([*menu[: size - len(missing)], *missing], key=order)


def candidates(
    order: np.ndarray, fused: np.ndarray, temperature: float, occupations: Sequence[OccupationRow]
) -> list[Candidate]:
    """The occupations at ``order``, each with its share of a softmax over their scores."""
    top = fused[order]
    weights = np.exp((top - top[0]) / temperature)
    probs = weights / weights.sum()
    return [
        Candidate(occupations[i].uri, occupations[i].label, round(float(pr), 4))
        for i, pr in zip(order, probs, strict=True)
    ]
