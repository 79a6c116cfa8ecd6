"""The three-factor AI disruption model: pure functions over an occupation's ESCO skills.

Every factor has the same, explainable shape: each ESCO skill or knowledge concept carries a
value for the factor, and an occupation's factor is the weighted mean of its skills' values,
essential skills weighing twice as much as optional ones, plus one adjustment for the
occupation's ISCO-08 group. So "why" has an exact answer: a skill's contribution is its
weight share times its value, and adjustment plus contributions add up to the factor.

* skill vulnerability: how much of the skill generative AI can perform (ILO 2025 task-level
  scores of the most similar ISCO-08 tasks; the unit group moved halfway to ILO's own score);
* task automation: how automatable the work is in the Frey-Osborne sense (a linear model of
  the skill's ESCO hierarchy groups and meaning, fitted to Frey-Osborne on even ISCO codes);
* AI complementarity: how much the work is augmented rather than replaced (same form,
  fitted to the IMF complementarity index theta on even ISCO codes).

The AI Disruption Score follows one principle: exposure (to generative AI and to automation)
is what can disrupt a job; complementarity shields exposure; little exposure means little
disruption however little AI complements the work. See :func:`disruption`.

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

# The disruption formula (docs/methodology.md, "The AI Disruption Score"): exposure is three
# parts generative AI to one part automation; complementarity shields up to 47% of it.
# (0.5 until model 2.0.1. Since 2.0.1 the complementarity scale is set by the training codes
# only, which makes every complementarity value 6.6% larger; 0.47 = 0.5 / 1.066 keeps each
# disruption score where it was, so only the leak of held-out codes was removed.)
GENAI_WEIGHT = 0.75
AUTOMATION_WEIGHT = 0.25
MAX_SHIELD = 0.47

# Upper edges of the bands (a score below the edge is in the band). Justified against the
# anchors in docs/methodology.md ("Bands").
BANDS = ((20.0, "low"), (40.0, "moderate"), (60.0, "high"), (float("inf"), "very high"))


@dataclass(frozen=True, slots=True)
class SkillLink:
    uri: str
    label: str
    essential: bool
    kind: str = "skill"  # "skill" (a verb phrase), "knowledge" (a noun) or "tool" (a product)
    group: str = ""  # ESCO skill area ("S2.2") or knowledge field ("061"): what kind of work

    @property
    def weight(self) -> float:
        """Essential skills count twice as much as optional ones in every average."""
        return ESSENTIAL_WEIGHT if self.essential else OPTIONAL_WEIGHT


@dataclass(frozen=True, slots=True)
class Contribution:
    uri: str
    label: str
    value: float  # the skill's own value for the factor
    contribution: float  # weight share x value: the contributions sum to the factor


@dataclass(frozen=True, slots=True)
class FactorScore:
    name: str
    value: float  # adjustment + the sum of the contributions, kept within 0-100
    contributions: tuple[Contribution, ...]  # every scored skill, highest contribution first
    adjustment: float = 0.0  # the occupation's ISCO group adjustment


@dataclass(frozen=True, slots=True)
class Disruption:
    """The score and how each factor moved it: genai + automation - shield = value."""

    value: float
    genai: float  # GENAI_WEIGHT x skill-vulnerability percentile
    automation: float  # AUTOMATION_WEIGHT x task-automation percentile
    shield: float  # points that complementarity takes off the exposure


def factor(
    name: str,
    skills: Sequence[SkillLink],
    values: Mapping[str, Sequence[float]],
    adjustment: float = 0.0,
) -> FactorScore:
    """Weighted mean of the skills' values for one factor, plus the ISCO group adjustment,
    kept within 0-100 (skills without a value are skipped)."""
    index = FACTORS.index(name)
    scored = [(s, values[s.uri][index]) for s in skills if s.uri in values]
    total = sum(s.weight for s, _ in scored)
    if not scored or total == 0:
        return FactorScore(name, 0.0, (), 0.0)
    parts = [
        Contribution(s.uri, s.label, round(v, 2), round(s.weight / total * v, 3)) for s, v in scored
    ]
    value = sum(s.weight / total * v for s, v in scored)
    parts.sort(key=lambda c: (-c.contribution, c.uri))
    total_value = min(100.0, max(0.0, adjustment + value))
    return FactorScore(name, round(total_value, 2), tuple(parts), round(adjustment, 2))


def group_adjustment(isco_code: str, adjustments: Mapping[str, float]) -> float:
    """The adjustment of the most specific ISCO-08 group of ``isco_code`` that has one
    (unit group, then minor, sub-major and major group); 0 if none has."""
    for depth in (4, 3, 2, 1):
        prefix = isco_code[:depth]
        if len(prefix) == depth and prefix in adjustments:
            return adjustments[prefix]
    return 0.0


def disruption(
    vulnerability_pct: float, automation_pct: float, complementarity: float
) -> Disruption:
    """AI Disruption Score, 0-100: exposure shielded by complementarity.

    exposure = 0.75 x skill-vulnerability percentile + 0.25 x task-automation percentile
    score    = exposure x (1 - 0.47 x complementarity / 100)

    Percentiles put the two exposures on one scale (share of occupations less exposed);
    complementarity is used as a level (0-100, IMF theta's range), as the IMF's C-AIOE does:
    a job AI complements fully keeps 53% of its exposure, one it does not complement keeps
    all of it, and a job with little exposure scores low whatever its complementarity.
    """
    genai = GENAI_WEIGHT * vulnerability_pct
    automation = AUTOMATION_WEIGHT * automation_pct
    exposure = genai + automation
    shield = exposure * MAX_SHIELD * min(100.0, max(0.0, complementarity)) / 100.0
    return Disruption(
        round(exposure - shield, 2), round(genai, 2), round(automation, 2), round(shield, 2)
    )


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
