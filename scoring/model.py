"""The three-factor AI disruption model: pure functions over an occupation's ESCO skills.

Every factor has the same, explainable shape: each ESCO skill or knowledge concept carries a
value for the factor (0-100), and an occupation's factor is the weighted mean of its skills'
values, essential skills weighing twice as much as optional ones. So "why" has an exact
answer: a skill's contribution is its weight share times its value, and the contributions
add up to the factor.

* skill vulnerability: how much of the skill generative AI can perform (from ILO 2025
  task-level scores of the most similar ISCO-08 tasks);
* task automation: how automatable the work is in the Frey-Osborne sense (a linear model of
  the skill's ESCO hierarchy groups and meaning, fitted to Frey-Osborne on even ISCO codes),
  plus an adjustment for the occupation's ISCO major group;
* AI complementarity: how much the work is augmented rather than replaced (same form,
  fitted to the IMF complementarity index theta on even ISCO codes).

The per-skill values are fitted offline (``bench/fit_scoring.py``) and shipped as
``scoring/data/skill_values.json``; nothing here reads files or the network.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

FACTORS = ("skill_vulnerability", "task_automation", "ai_complementarity")
ESSENTIAL_WEIGHT = 2.0
OPTIONAL_WEIGHT = 1.0
BANDS = ((25.0, "low"), (45.0, "moderate"), (65.0, "high"), (101.0, "very high"))


@dataclass(frozen=True, slots=True)
class SkillLink:
    uri: str
    label: str
    essential: bool

    @property
    def weight(self) -> float:
        """Essential skills count twice as much as optional ones in every average."""
        return ESSENTIAL_WEIGHT if self.essential else OPTIONAL_WEIGHT


@dataclass(frozen=True, slots=True)
class Contribution:
    uri: str
    label: str
    value: float  # the skill's own value for the factor, 0-100
    contribution: float  # weight share x value: the contributions sum to the factor


@dataclass(frozen=True, slots=True)
class FactorScore:
    name: str
    value: float  # adjustment + the sum of the contributions, kept within 0-100
    contributions: tuple[Contribution, ...]  # every scored skill, highest contribution first
    adjustment: float = 0.0  # the occupation's ISCO major-group adjustment (0 for some factors)


def factor(
    name: str,
    skills: Sequence[SkillLink],
    values: Mapping[str, Sequence[float]],
    adjustment: float = 0.0,
) -> FactorScore:
    """Weighted mean of the skills' values for one factor, plus the major-group adjustment,
    kept within 0-100 (skills without a value are skipped)."""
    index = FACTORS.index(name)
    scored = [(s, values[s.uri][index]) for s in skills if s.uri in values]
    total = sum(s.weight for s, _ in scored)
    if not scored or total == 0:
        return FactorScore(name, 0.0, (), 0.0)
    parts = [
        Contribution(
            s.uri,
            s.label,
            round(v, 2),
            round(s.weight / total * v, 3),
        )
        for s, v in scored
    ]
    value = sum(s.weight / total * v for s, v in scored)
    parts.sort(key=lambda c: (-c.contribution, c.uri))
    total_value = min(100.0, max(0.0, adjustment + value))
    return FactorScore(name, round(total_value, 2), tuple(parts), round(adjustment, 2))


def disruption(skill_vulnerability_pct: float, complementarity_pct: float) -> float:
    """Exposure that complementarity does not shield: the mean of the skill-vulnerability
    percentile and the complement of the complementarity percentile (both 0-100)."""
    return round((skill_vulnerability_pct + (100.0 - complementarity_pct)) / 2.0, 2)


def band(score: float) -> str:
    for upper, name in BANDS:
        if score < upper:
            return name
    return BANDS[-1][1]


def percentiles(values: Mapping[str, float]) -> dict[str, float]:
    """Percentile of each key's value among all values: share below plus half of the ties."""
    ordered = sorted(values.values())
    n = len(ordered)
    out: dict[str, float] = {}
    for key, v in values.items():
        below = bisect.bisect_left(ordered, v)
        ties = bisect.bisect_right(ordered, v) - below
        out[key] = round(100.0 * (below + 0.5 * ties) / n, 2) if n else 0.0
    return out
