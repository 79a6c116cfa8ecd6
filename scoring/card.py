"""Score cards for every ESCO occupation: factors, disruption, band, percentile, the skills that
drive them, and safer moves. Pure functions: data in, cards out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field

from scoring.drivers import SkillDriver, pick_drivers, skill_exposures
from scoring.model import (
    FACTORS,
    FactorScore,
    SkillLink,
    band,
    disruption,
    factor,
    group_adjustment,
    percentiles,
)
from scoring.moves import Move, safer_moves
from scoring.vocabulary import BAND_MEANINGS


@dataclass(frozen=True)
class DisruptionParts:
    """How each factor moved the score: genai + automation - complementarity_shield."""

    genai: float
    automation: float
    complementarity_shield: float


@dataclass(frozen=True)
class FactorPercentiles:
    """Share of ESCO occupations scoring lower on each factor (plus half the ties)."""

    skill_vulnerability: float
    task_automation: float
    ai_complementarity: float


@dataclass(frozen=True)
class OccupationRef:
    uri: str
    label: str
    isco_group: str


@dataclass(frozen=True)
class ScoreCard:
    occupation: OccupationRef
    skill_vulnerability: float
    task_automation: float
    ai_complementarity: float
    disruption: float
    band: str
    percentile: float
    vulnerable_skills: list[SkillDriver]
    resilient_skills: list[SkillDriver]
    related_safer: list[Move]
    model_version: str
    esco_version: str
    band_meaning: str = ""
    disruption_parts: DisruptionParts | None = None
    factor_percentiles: FactorPercentiles | None = None
    adjustments: dict[str, float] = field(default_factory=dict)
    essential_skills: int = 0  # scored essential skills: under 3, optional ones are shown too

    def to_json(self) -> dict:
        return asdict(self)

    @property
    def label(self) -> str:
        return self.occupation.label

    @property
    def uri(self) -> str:
        return self.occupation.uri

    def factor(self, name: str) -> float:
        """One of FACTORS by name (the renderers loop over them)."""
        return {
            "skill_vulnerability": self.skill_vulnerability,
            "task_automation": self.task_automation,
            "ai_complementarity": self.ai_complementarity,
        }[name]

    def row(self) -> ScoreRow:
        return ScoreRow(
            self.occupation.uri,
            self.occupation.label,
            self.occupation.isco_group,
            self.skill_vulnerability,
            self.task_automation,
            self.ai_complementarity,
            self.disruption,
            self.band,
            self.percentile,
        )


@dataclass(frozen=True)
class ScoreRow:
    """One occupation's headline numbers: a line of ``scores --format csv`` and of rankings."""

    uri: str
    label: str
    isco_group: str
    skill_vulnerability: float
    task_automation: float
    ai_complementarity: float
    disruption: float
    band: str
    percentile: float

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class OccupationInput:
    uri: str
    label: str
    isco_group: str
    skills: Sequence[SkillLink]


def score_all(
    occupations: Sequence[OccupationInput],
    values: Mapping[str, Sequence[float]],
    model_version: str,
    esco_version: str,
    adjustments: Mapping[str, Mapping[str, float]] | None = None,
) -> dict[str, ScoreCard]:
    """Cards for all occupations (percentiles and safer moves need all of them at once).

    ``adjustments``: factor -> ISCO-08 group code prefix (1 to 4 digits) -> points added to
    the factor; the most specific prefix of an occupation's code applies."""
    adjust = adjustments or {}
    factors: dict[str, dict[str, FactorScore]] = {
        o.uri: {
            name: factor(
                name, o.skills, values, group_adjustment(o.isco_group, adjust.get(name, {}))
            )
            for name in FACTORS
        }
        for o in occupations
    }
    pct = {name: percentiles({u: f[name].value for u, f in factors.items()}) for name in FACTORS}
    parts = {
        u: disruption(
            pct["skill_vulnerability"][u],
            pct["task_automation"][u],
            f["ai_complementarity"].value,
        )
        for u, f in factors.items()
    }
    scores = {u: p.value for u, p in parts.items()}
    score_pct = percentiles(scores)
    moves = safer_moves(occupations, scores)
    exposures = skill_exposures(values)

    cards: dict[str, ScoreCard] = {}
    for occ in occupations:
        f, p = factors[occ.uri], parts[occ.uri]
        vulnerable, resilient = pick_drivers(occ.skills, exposures)
        cards[occ.uri] = ScoreCard(
            occupation=OccupationRef(occ.uri, occ.label, occ.isco_group),
            skill_vulnerability=f["skill_vulnerability"].value,
            task_automation=f["task_automation"].value,
            ai_complementarity=f["ai_complementarity"].value,
            disruption=p.value,
            band=band(p.value),
            percentile=score_pct[occ.uri],
            vulnerable_skills=vulnerable,
            resilient_skills=resilient,
            related_safer=moves.get(occ.uri, []),
            model_version=model_version,
            esco_version=esco_version,
            band_meaning=BAND_MEANINGS[band(p.value)],
            disruption_parts=DisruptionParts(p.genai, p.automation, p.shield),
            factor_percentiles=FactorPercentiles(*(pct[name][occ.uri] for name in FACTORS)),
            adjustments={name: f[name].adjustment for name in FACTORS},
            essential_skills=sum(1 for s in occ.skills if s.essential and s.uri in values),
        )
    return cards
