"""Safer moves: related occupations a person could really move to, and what they would learn.

Relatedness is specificity-weighted skill overlap: each skill counts by how rare it is across
occupations (inverse document frequency), so "identify customer's needs", shared by hundreds
of occupations, says little and "operate forklift" says much. Occupations are compared as
idf-weighted skill vectors (essential 1, optional 0.5) by cosine similarity.

A move must lower the disruption score by at least ``SAFER_BY_AT_LEAST`` points and be
plausible without a new degree: the same ISCO-08 sub-major group, another management job for
a manager, or a lower ISCO-08 skill level (the same level too, below university level).
Another health profession (a nurse to dentistry) is never a move: it is a new degree and
licence, not a step from the person's job.
Other moves are kept only to fill a short list, flagged ``further_study``. Each move lists
up to three essential skills of the target that the person's occupation lacks (most
specific first): the skills to learn.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from scoring.model import SkillLink

SAFER_BY_AT_LEAST = 10.0  # points of disruption a move must save
MIN_SIMILARITY = 0.03  # below this the two jobs share too little to call it a move
MIN_SHARED_ESSENTIAL = 2  # essential skills of the person that the target also lists
# A move down the ISCO skill levels stays possible but ranks lower: a careers adviser offers
# work at the person's level first (factor per level dropped, at most two).
LEVEL_DROP_FACTOR = (1.0, 0.75, 0.5)
MOVES_SHOWN = 5
SKILLS_TO_LEARN = 3
SHARED_SHOWN = 5
OPTIONAL_SHARE = 0.5

# ISCO-08 skill level by major group (ILO, ISCO-08 vol. 1, table 1); managers span 3-4
# (sub-major 14, hospitality and retail managers, is level 3); armed forces by sub-major.
_SKILL_LEVEL = {"1": 4, "2": 4, "3": 3, "4": 2, "5": 2, "6": 2, "7": 2, "8": 2, "9": 1}
_SKILL_LEVEL_SUB = {"14": 3, "01": 4, "02": 2, "03": 1}
# ISCO-08 health professionals (sub-major group 22) -> their "other" minor group, which has
# one unit group per profession (2261 dentists, 2262 pharmacists, 2264 physiotherapists...).
HEALTH = {"22": "226"}


class Occupation(Protocol):
    uri: str
    label: str
    isco_group: str
    skills: Sequence[SkillLink]


@dataclass(frozen=True)
class Move:
    uri: str
    label: str
    disruption: float
    shared_skills: list[str]  # the most specific skills the two share
    skills_to_learn: list[str]
    further_study: bool
    similarity: float


def skill_level(isco_code: str) -> int:
    return _SKILL_LEVEL_SUB.get(isco_code[:2], _SKILL_LEVEL.get(isco_code[:1], 2))


def plausible(source: str, target: str) -> bool:
    """Can a person in ISCO group ``source`` move to ``target`` without a new degree?"""
    if source[:2] == target[:2] or (source[:1] == "1" and target[:1] == "1"):
        return True
    here, there = skill_level(source), skill_level(target)
    return there < here or (there == here and here < 4)


def another_licence(source: str, target: str) -> bool:
    """Is ``target`` a health profession other than the person's own? Each one is its own
    degree and licence: a nurse is no dentist "with further study", though both are ISCO-08
    sub-major group 22, so such a job is never offered as a move. Professions are told apart
    by minor group (doctors 221: a GP may specialise), and within "other health
    professionals" (226: dentists, pharmacists, physiotherapists, ...) by unit group."""
    other = HEALTH.get(target[:2])
    if other is None:
        return False
    own = 4 if target[:3] == other else 3
    return source[:own] != target[:own]


def _affinity(source: str, target: str) -> float:
    """Moves within one's own field come first: same ISCO-08 minor group x1.5, same
    sub-major group x1.25."""
    return 1.5 if source[:3] == target[:3] else 1.25 if source[:2] == target[:2] else 1.0


def _idf(occupations: Sequence[Occupation]) -> dict[str, float]:
    df: dict[str, int] = defaultdict(int)
    for occ in occupations:
        for s in {s.uri for s in occ.skills}:
            df[s] += 1
    n = len(occupations)
    return {s: math.log(n / k) for s, k in df.items()}


class _SkillSpace:
    """Occupations as idf-weighted skill vectors, with an index from skill to holders."""

    def __init__(self, occupations: Sequence[Occupation]):
        self.idf = _idf(occupations)
        self.full = {
            o.uri: {
                s.uri: self.idf[s.uri] * (1.0 if s.essential else OPTIONAL_SHARE) for s in o.skills
            }
            for o in occupations
        }
        self.core = {
            o.uri: {s.uri: self.idf[s.uri] for s in o.skills if s.essential} for o in occupations
        }
        self.norm_full = {u: _norm(v) for u, v in self.full.items()}
        self.norm_core = {u: _norm(v) for u, v in self.core.items()}
        self.holders: dict[str, list[str]] = defaultdict(list)
        for uri, vector in self.full.items():
            for skill in vector:
                self.holders[skill].append(uri)

    def transfer(self, uri: str) -> dict[str, tuple[float, int]]:
        """Other occupation -> (cosine of this one's essential skills with its skills, how
        many of this one's essential skills it also lists)."""
        dots: dict[str, float] = defaultdict(float)
        counts: dict[str, int] = defaultdict(int)
        for skill, weight in self.core[uri].items():
            for other in self.holders[skill]:
                if other != uri:
                    dots[other] += weight * self.full[other][skill]
                    counts[other] += 1
        return {
            other: (dot / (self.norm_core[uri] * self.norm_full[other]), counts[other])
            for other, dot in dots.items()
        }


def _norm(vector: Mapping[str, float]) -> float:
    return math.sqrt(sum(w * w for w in vector.values())) or 1.0


def safer_moves(
    occupations: Sequence[Occupation], scores: Mapping[str, float]
) -> dict[str, list[Move]]:
    """Up to MOVES_SHOWN safer moves per occupation, plausible ones first.

    Similarity asks how much of the person's *core* (essential) skills the target uses:
    the cosine of the person's essential skills with all of the target's skills."""
    space = _SkillSpace(occupations)
    by_uri = {o.uri: o for o in occupations}
    out: dict[str, list[Move]] = {}
    for occ in occupations:
        ceiling = scores[occ.uri] - SAFER_BY_AT_LEAST
        candidates = []
        for other, (similarity, shared) in space.transfer(occ.uri).items():
            if scores[other] > ceiling or similarity < MIN_SIMILARITY:
                continue
            if shared < MIN_SHARED_ESSENTIAL:
                continue
            target = by_uri[other]
            if another_licence(occ.isco_group, target.isco_group):
                continue
            study = not plausible(occ.isco_group, target.isco_group)
            drop = max(0, skill_level(occ.isco_group) - skill_level(target.isco_group))
            rank = (
                similarity
                * LEVEL_DROP_FACTOR[min(drop, 2)]
                * _affinity(occ.isco_group, target.isco_group)
            )
            candidates.append((study, -rank, other, similarity))
        candidates.sort()
        moves = (
            _move(occ, by_uri[other], scores[other], similarity, study, space.idf)
            for study, _, other, similarity in candidates
        )
        # A target whose every skill the person already has is the same job under another
        # name in ESCO's eyes, not a move.
        out[occ.uri] = [m for m in moves if m.skills_to_learn][:MOVES_SHOWN]
    return out


def _move(
    source: Occupation,
    target: Occupation,
    score: float,
    similarity: float,
    further_study: bool,
    idf: Mapping[str, float],
) -> Move:
    have = {s.uri for s in source.skills}
    shared = sorted(
        (s for s in target.skills if s.uri in have),
        key=lambda s: (not s.essential, -idf[s.uri], s.label),
    )
    # Essential skills the person lacks, most specific first; optional ones only if the
    # person already has every essential skill of the target.
    to_learn = sorted(
        (s for s in target.skills if s.uri not in have),
        key=lambda s: (not s.essential, -idf[s.uri], s.label),
    )
    return Move(
        target.uri,
        target.label,
        score,
        [s.label for s in shared[:SHARED_SHOWN]],
        [s.label for s in to_learn[:SKILLS_TO_LEARN]],
        further_study,
        round(similarity, 3),
    )
