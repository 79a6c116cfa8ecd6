"""The skills shown as "why": the occupation's own core skills, most and least exposed.

A shown skill must matter to the job, so drivers come from the occupation's *essential*
skills whenever it has at least three scored ones (optional skills only fill a short list),
ranked by contribution: the skill's weight share times its exposure (or, for skills that keep
their value, times 100 - exposure). Exposure uses the same weights as the disruption score,
on skill-level percentiles so the two factors share one scale. A named software product or
programming language is never offered as a skill that keeps its value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from scoring.model import AUTOMATION_WEIGHT, FACTORS, GENAI_WEIGHT, SkillLink, percentiles

SKILLS_SHOWN = 5
MIN_ESSENTIAL = 3
EXPOSED_PERCENTILE = 75.0  # a skill in the top quarter of a factor is "exposed to" it
TOOL = "tool"


@dataclass(frozen=True)
class SkillDriver:
    uri: str
    label: str
    value: float  # the skill's exposure, 0-100 (see module docstring)
    contribution: float  # its weight share x value (x 100 - value for resilient skills)
    exposed_to: str  # "generative AI", "automation", "both" or "neither"
    essential: bool = True
    kind: str = "skill"  # "skill", "knowledge" or "tool"
    group: str = ""  # ESCO skill area or knowledge field (see scoring.model.SkillLink)


@dataclass(frozen=True)
class SkillExposure:
    exposure: float
    exposed_to: str


def skill_exposures(values: Mapping[str, Sequence[float]]) -> dict[str, SkillExposure]:
    """Every skill's exposure from its percentiles among all skills on the two exposures."""
    sv = percentiles({u: v[FACTORS.index("skill_vulnerability")] for u, v in values.items()})
    ta = percentiles({u: v[FACTORS.index("task_automation")] for u, v in values.items()})
    out = {}
    for uri in values:
        genai, auto = sv[uri] >= EXPOSED_PERCENTILE, ta[uri] >= EXPOSED_PERCENTILE
        kind = (
            "both"
            if genai and auto
            else "generative AI"
            if genai
            else "automation"
            if auto
            else "neither"
        )
        exposure = (GENAI_WEIGHT * sv[uri] + AUTOMATION_WEIGHT * ta[uri]) / (
            GENAI_WEIGHT + AUTOMATION_WEIGHT
        )
        out[uri] = SkillExposure(round(exposure, 2), kind)
    return out


def pick_drivers(
    skills: Sequence[SkillLink], exposures: Mapping[str, SkillExposure]
) -> tuple[list[SkillDriver], list[SkillDriver]]:
    """(most exposed, keep their value), each at most SKILLS_SHOWN, no skill in both."""
    scored = [s for s in skills if s.uri in exposures]
    essential = [s for s in scored if s.essential]
    pool = essential if len(essential) >= MIN_ESSENTIAL else scored
    total = sum(s.weight for s in scored) or 1.0

    def driver(s: SkillLink, resilient: bool) -> SkillDriver:
        e = exposures[s.uri]
        kept = 100.0 - e.exposure if resilient else e.exposure
        return SkillDriver(
            s.uri,
            s.label,
            e.exposure,
            round(s.weight / total * kept, 3),
            e.exposed_to,
            s.essential,
            s.kind,
            s.group,
        )

    ranked = sorted(pool, key=lambda s: (-exposures[s.uri].exposure, s.uri))
    # Split a short list in two so that no skill is shown on both sides.
    n = min(SKILLS_SHOWN, (len(ranked) + 1) // 2)
    vulnerable = [driver(s, False) for s in ranked[:n]]
    keepers = [s for s in reversed(ranked[n:]) if s.kind != TOOL]
    return vulnerable, [driver(s, True) for s in keepers[:SKILLS_SHOWN]]
