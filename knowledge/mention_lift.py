"""How a job name said word for word moves the ranking: the occupation it names goes first.

The resolver fuses similarity signals over every occupation (``resolver.py``); a name the
message says (``mentions.py``) then lifts the occupations it names: its own preferred label
first, whatever else fits; a shared alternative label lifts its occupations, the common
one a little more; a bare word's senses in the order we chose for them.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from knowledge.mentions import Mention

BARE_SIMILARITY_SHARE = 0.3  # of a bare noun's similarity gaps, what still counts (lift)
CHOSEN_STEP = 2.0  # between the senses of a bare word, in the order we chose them (lift)
SOLE_LEAD = 0.01  # a word of its own goes first, by this little: the confidence decides


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
    if mention.bare and mention.alternative:
        # A bare noun says nothing that tells the occupations built on it apart, so its own
        # similarity to each ("teacher" is word for word an alternative label of politics
        # lecturer) counts for little; how common each one is, for more.
        named = list(mention.alternative)
        own = fused[named]
        apart = BARE_SIMILARITY_SHARE * (own - own.max())
        if mention.chosen_order:  # our own order of what people mean by the word
            # (the similarity only orders within a step: "my mum is a teacher and she's
            # stressed" put early years teachers first by a similarity gap of several steps)
            apart = np.maximum(apart, -0.9 * CHOSEN_STEP)
            rank = {occ: k for k, occ in enumerate(mention.chosen_order)}
            apart = apart - CHOSEN_STEP * np.array([rank.get(i, len(rank)) for i in named], float)
        elif prior is not None:
            apart = apart + w.w_mention_prior * prior[named]
        out[named] = float(fused.max()) + w.w_mention_alternative + apart
    elif mention.alternative:
        out[list(mention.alternative)] += w.w_mention_alternative
        named = list(mention.alternative)
        if mention.sole:
            out[named] = np.maximum(out[named], float(out.max()) + SOLE_LEAD)
        if prior is not None and not mention.preferred and len(named) > 1:
            out[named] += w.w_mention_prior * prior[named]
        if not mention.preferred and (" " in mention.text or mention.alias) and not mention.generic:
            # A name of several words ("airline pilot") that a few occupations share, or a
            # sector's common jobs: one of them is meant, so they go first, in their own order.
            others = np.delete(out, named)
            if others.size:  # (a tiny knowledge base where the name covers everything)
                gap = float(others.max()) + w.w_mention - float(out[named].min())
                out[named] += max(gap, 0.0)
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


def open_choice(mention: Mention | None) -> bool:
    """The message names several jobs by a word chosen for them (our everyday senses and
    sectors: "teacher", "I work in healthcare") and none is what most people mean by it: a
    choice for the person, whatever the signals favour."""
    return (
        mention is not None
        and (mention.alias or mention.everyday)
        and not mention.preferred
        and len(mention.alternative) > 1
    )
