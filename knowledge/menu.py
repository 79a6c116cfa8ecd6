"""What a menu offers: different jobs, not one job and its narrower variants.

When a question is ambiguous the person picks from a short list, so each line should be a job
they might mean. ESCO often has a job and narrower variants of it whose labels only add words
("electrician" and "building electrician", "secondary school teacher" and "mathematics teacher
at secondary school"); offering both spends a line on a near-duplicate. A candidate whose
label words contain all those of a better-ranked one is left out, and the next candidate takes
its place. A narrower variant ranked *above* its broader job stays: the question pointed at
it, and the broader job is offered beside it as the more general choice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

_WORD = re.compile(r"\w+")


def label_words(label: str) -> frozenset[str]:
    return frozenset(_WORD.findall(label.casefold()))


def distinct_jobs(ranked: Iterable[int], label_of: Callable[[int], str], size: int) -> list[int]:
    """The first ``size`` of ``ranked`` (best first) that are not narrower variants of a
    better-ranked one."""
    kept: list[int] = []
    offered: list[frozenset[str]] = []
    for index in ranked:
        words = label_words(label_of(index))
        if any(other <= words for other in offered):
            continue
        kept.append(index)
        offered.append(words)
        if len(kept) == size:
            break
    return kept
