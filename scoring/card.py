"""Score cards for every ESCO occupation: factors, disruption, band, percentile, the skills that
drive them, and safer related occupations. Pure functions: data in, cards out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

from scoring.model import FACTORS, SkillLink, band, disruption, factor, percentiles

SAFER_BY_AT_LEAST = 10.0  # "meaningfully lower" disruption, in points
MIN_SHARED_SKILLS = 3
SKILLS_SHOWN = 5


@dataclass(frozen=True)
class SkillDriver:
    uri: str
    label: str
    value: float  # the skill's exposure: mean of its vulnerability and automation values
    contribution: float  # its weight share x value
    exposed_to: str  # "generative AI", "automation", "both" or "neither"


@dataclass(frozen=True)
class Related:
    uri: str
    label: str
    disruption: float
    shared_skills: list[str]


@dataclass(frozen=True)
class ScoreCard:
    occupation: dict[str, str]  # uri, label, isco_group
    skill_vulnerability: float
    task_automation: float
    ai_complementarity: float
    disruption: float
    band: str
    percentile: float
    vulnerable_skills: list[SkillDriver]
    resilient_skills: list[SkillDriver]
    related_safer: list[Related]
    model_version: str
    esco_version: str

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class OccupationInput:
    uri: str
    label: str
    isco_group: str
    skills: Sequence[SkillLink]


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def score_all(
    occupations: Sequence[OccupationInput],
    values: Mapping[str, Sequence[float]],
    model_version: str,
    esco_version: str,
    adjustments: Mapping[str, Mapping[str, float]] | None = None,
) -> dict[str, ScoreCard]:
    """Cards for all occupations (percentiles and related jobs need all of them at once).

    ``adjustments``: factor -> ISCO major group (first digit) -> points added to the factor."""
    adjust = adjustments or {}
    sv_cut = _quantile([v[0] for v in values.values()], 0.75)
    ta_cut = _quantile([v[1] for v in values.values()], 0.75)
    factors = {
        o.uri: {
            name: factor(name, o.skills, values, adjust.get(name, {}).get(o.isco_group[:1], 0.0))
            for name in FACTORS
        }
        for o in occupations
    }
    sv_pct = percentiles({u: f["skill_vulnerability"].value for u, f in factors.items()})
    ac_pct = percentiles({u: f["ai_complementarity"].value for u, f in factors.items()})
    scores = {u: disruption(sv_pct[u], ac_pct[u]) for u in factors}
    score_pct = percentiles(scores)
    related = _related(occupations, scores)

    cards: dict[str, ScoreCard] = {}
    for occ in occupations:
        f = factors[occ.uri]
        drivers = _drivers(occ.skills, values, sv_cut, ta_cut)
        cards[occ.uri] = ScoreCard(
            occupation={"uri": occ.uri, "label": occ.label, "isco_group": occ.isco_group},
            skill_vulnerability=f["skill_vulnerability"].value,
            task_automation=f["task_automation"].value,
            ai_complementarity=f["ai_complementarity"].value,
            disruption=scores[occ.uri],
            band=band(scores[occ.uri]),
            percentile=score_pct[occ.uri],
            vulnerable_skills=drivers[:SKILLS_SHOWN],
            resilient_skills=list(reversed(drivers[-SKILLS_SHOWN:]))
            if len(drivers) > SKILLS_SHOWN
            else list(reversed(drivers)),
            related_safer=related.get(occ.uri, []),
            model_version=model_version,
            esco_version=esco_version,
        )
    return cards


def _drivers(
    skills: Sequence[SkillLink], values: Mapping[str, Sequence[float]], sv_cut: float, ta_cut: float
) -> list[SkillDriver]:
    """Skills ranked from most to least exposed (mean of vulnerability and automation)."""
    scored = [s for s in skills if s.uri in values]
    total = sum(s.weight for s in scored) or 1.0
    out = []
    for s in scored:
        sv, ta, _ = values[s.uri]
        exposure = min(100.0, max(0.0, (sv + ta) / 2.0))
        genai, auto = sv >= sv_cut, ta >= ta_cut
        kind = (
            "both"
            if genai and auto
            else "generative AI"
            if genai
            else ("automation" if auto else "neither")
        )
        out.append(
            SkillDriver(
                s.uri, s.label, round(exposure, 2), round(s.weight / total * exposure, 3), kind
            )
        )
    out.sort(key=lambda d: (-d.value, d.uri))
    return out


def _related(
    occupations: Sequence[OccupationInput], scores: Mapping[str, float]
) -> dict[str, list[Related]]:
    """Up to five occupations sharing the most essential skills and scoring meaningfully lower."""
    essential = {o.uri: {s.uri: s.label for s in o.skills if s.essential} for o in occupations}
    by_skill: dict[str, list[str]] = defaultdict(list)
    for uri, skills in essential.items():
        for skill in skills:
            by_skill[skill].append(uri)
    labels = {o.uri: o.label for o in occupations}
    out: dict[str, list[Related]] = {}
    for uri, skills in essential.items():
        shared: dict[str, int] = defaultdict(int)
        for skill in skills:
            for other in by_skill[skill]:
                if other != uri:
                    shared[other] += 1
        candidates = [
            (n, o)
            for o, n in shared.items()
            if n >= MIN_SHARED_SKILLS and scores[o] <= scores[uri] - SAFER_BY_AT_LEAST
        ]
        candidates.sort(key=lambda t: (-t[0], scores[t[1]], t[1]))
        out[uri] = [
            Related(
                o,
                labels[o],
                scores[o],
                sorted(skills[s] for s in skills if s in essential[o]),
            )
            for _, o in candidates[:5]
        ]
    return out
