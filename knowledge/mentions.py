"""Job names said in a message, word for word: the longest ESCO label in it.

People name their job inside a sentence ("my brother is a firefighter, surely AI can't run
into burning buildings?"). The embedding of the whole job text dilutes that name with the rest
of the sentence, so the resolver also looks for the longest run of words that is an ESCO label
(preferred or alternative; plurals made singular, typos corrected, short forms expanded). A
preferred label names one occupation; an alternative label may be shared by several ("nurse"),
and then how common each one is decides (the resolver's prior). Data only: ESCO's own labels.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from knowledge.store import LabelRow
from knowledge.text import ABBREVIATIONS, CASE_SENSITIVE_ABBREVIATIONS, singular, words

MAX_WORDS = 6  # longer labels are never said word for word
# Labels that are ordinary words more often than job names in a message about work.
_TOO_GENERIC = frozenset(
    "worker employee staff manager assistant operator officer agent specialist expert "
    "consultant professional technician helper clerk leader head director owner".split()
)


@dataclass(frozen=True)
class Mention:
    """The longest label said in a message and the occupations it names."""

    text: str
    preferred: frozenset[int]  # occupations with this as their preferred label
    alternative: frozenset[int]  # occupations with it as an alternative label

    @property
    def occupations(self) -> frozenset[int]:
        return self.preferred | self.alternative


def _key(tokens: Iterable[str]) -> str:
    return " ".join(singular(t) for t in tokens)


class LabelMentions:
    def __init__(self, labels: Iterable[LabelRow]):
        table: dict[str, tuple[set[int], set[int]]] = {}
        for row in labels:
            tokens = words(row.text.split("/")[0] if "/" in row.text else row.text)
            if not tokens or len(tokens) > MAX_WORDS:
                continue
            key = _key(tokens)
            if key in _TOO_GENERIC:
                continue
            preferred, alternative = table.setdefault(key, (set(), set()))
            (preferred if row.kind == "preferred" else alternative).add(row.occupation_idx)
            if "/" in row.text:  # "waiter/waitress": each form is a name
                for form in row.text.split("/")[1:]:
                    more = words(form)
                    if more and len(more) <= MAX_WORDS:
                        pair = table.setdefault(_key(more), (set(), set()))
                        (pair[0] if row.kind == "preferred" else pair[1]).add(row.occupation_idx)
        self._table = {k: (frozenset(p), frozenset(a - p)) for k, (p, a) in table.items()}

    def find(
        self,
        text: str,
        correct: Callable[[str], str] = lambda w: w,
        is_head: Callable[[str], bool] = lambda w: True,
    ) -> Mention | None:
        """The label in ``text`` that best names a job: the first said ("a pharmacist in a
        high street chemist", "a PA to the CEO"), the longest label starting there.
        A label must end in a job noun (``is_head``): "dog" may be an alternative label of
        kennel supervisor, but "cats and dogs" names no job."""
        cased = " ".join(CASE_SENSITIVE_ABBREVIATIONS.get(t, t) for t in text.split())
        tokens: list[str] = []
        for token in words(cased):
            tokens.extend(ABBREVIATIONS.get(token, correct(token)).lower().split())
        best: tuple[int, bool, int] | None = None
        found: Mention | None = None
        for start in range(len(tokens)):
            for end in range(min(len(tokens), start + MAX_WORDS), start, -1):
                key = _key(tokens[start:end])
                hit = self._table.get(key)
                if hit is None or not is_head(key.split()[-1]) or len(key) < 3:
                    continue
                rank = (-start, end - start)
                if best is None or rank > best:
                    best, found = rank, Mention(key, hit[0], hit[1])
                break
        return found


class MentionWeights(Protocol):
    w_mention: float
    w_mention_alternative: float
    w_mention_prior: float


def lift(
    fused: np.ndarray, mention: Mention | None, prior: np.ndarray | None, w: MentionWeights
) -> np.ndarray:
    """The fused scores with the occupations the message names word for word lifted: the one
    whose preferred label it is goes first; among several that share an alternative label
    (and none has it as its own), the common one (``prior``) a little more."""
    if mention is None:
        return fused
    out = fused.copy()
    out[list(mention.alternative)] += w.w_mention_alternative
    named = list(mention.alternative)
    if prior is not None and not mention.preferred and len(named) > 1:
        out[named] += w.w_mention_prior * prior[named]
    lead = float(out.max())
    for i in mention.preferred:  # named by its own preferred label: first, whatever else fits
        out[i] = max(out[i] + w.w_mention, lead + w.w_mention)
    return out


def settles(mention: Mention | None, top: int) -> bool:
    """The top candidate is the occupation whose preferred label the message says. An
    alternative label never settles a question on its own: many are generic ("lab
    technician" is one of bacteriology technician's), so they lift an occupation and the
    calibrated confidence still decides between an answer and a menu."""
    return mention is not None and top in mention.preferred
