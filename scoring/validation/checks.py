"""How the model agrees with published measures, and whether its answers pass a careful read.

Agreement: a factor's value for an ISCO-08 unit group is the mean over the group's ESCO
occupations; Spearman's rho overall and within ISCO major group (the honest test: the major
digit alone already orders most measures), with n. "Within" is reported two ways: the ranks
centred by major group (AGREEMENT.md's definition, the one we are judged by) and the
size-weighted mean of per-major-group rhos. For a factor fitted to an anchor on even 4-digit
codes, the held-out odd codes are reported separately; only those count as validation.

Face validity: what a reader sees. Unit groups on which the published measures agree
("consensus-low": bottom third of the mean rank of five generative-AI measures and
Frey-Osborne < 0.5; "consensus-high": top third and Frey-Osborne >= 0.5) must land in the
bands a labour economist would expect; the skills shown must be the job's own; every
exposed job should have a safer move.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from scoring.card import ScoreCard, ScoreRow
from scoring.drivers import TOOL
from scoring.moves import SAFER_BY_AT_LEAST
from scoring.validation.sources import Anchor
from scoring.validation.stats import centred_rho, unit_group_rho, within_major_rho

# factor -> (anchor, how the model used it): "never" held out entirely, "seed" its scores
# seed the skill values (shown for reference, not validation), "even" fitted on even
# 4-digit codes (the odd codes are the held-out part)
CHECKS: dict[str, list[tuple[str, str]]] = {
    "skill_vulnerability": [
        ("eloundou_human_beta", "never"),
        ("felten_lm_aioe", "never"),
        ("microsoft_ai_applicability", "never"),
        ("anthropic_observed_exposure", "never"),
        ("ilo_2025", "seed"),
    ],
    "task_automation": [("frey_osborne", "even")],
    "ai_complementarity": [("imf_theta", "even")],
    "disruption": [("imf_c_aioe", "never"), ("frey_osborne", "odd")],
}
GENAI_MEASURES = (
    "ilo_2025",
    "eloundou_human_beta",
    "felten_lm_aioe",
    "microsoft_ai_applicability",
    "anthropic_observed_exposure",
)
HIGH_BANDS = ("high", "very high")


def unit_group_means(rows: Sequence[ScoreRow], column: str) -> dict[str, float]:
    groups: dict[str, list[float]] = defaultdict(list)
    for row in rows:
        code = row.isco_group[:4]
        if len(code) == 4 and code.isdigit():
            groups[code].append(float(getattr(row, column)))
    return {code: sum(v) / len(v) for code, v in groups.items()}


def major_group_baseline(anchor: Mapping[str, float]) -> dict[str, float]:
    """The trivial predictor: every unit group gets its major group's mean anchor value."""
    by_major: dict[str, list[float]] = defaultdict(list)
    for code, value in anchor.items():
        by_major[code[0]].append(value)
    return {code: sum(by_major[code[0]]) / len(by_major[code[0]]) for code in anchor}


def _parts(use: str, values: Mapping[str, float]) -> list[tuple[str, set[str] | None]]:
    odd = {c for c in values if int(c[-1]) % 2 == 1}
    if use == "even":
        return [("held-out odd codes", odd), ("fitted even codes", set(values) - odd)]
    if use == "odd":
        return [("odd codes (held out of task automation)", odd)]
    return [("all (never fitted)" if use == "never" else "all (seeds the skill values)", None)]


def validation_rows(rows: Sequence[ScoreRow], anchors: Mapping[str, Anchor]) -> list[dict]:
    out = []
    for factor, checks in CHECKS.items():
        model = unit_group_means(rows, factor)
        for name, use in checks:
            if name not in anchors:
                continue
            values = anchors[name].values
            for part, codes in _parts(use, values):
                rho, n = unit_group_rho(model, values, codes)
                centred, _ = centred_rho(model, values, codes)
                within, n_within = within_major_rho(model, values, codes)
                base, _ = unit_group_rho(major_group_baseline(values), values, codes)
                out.append(
                    {
                        "factor": factor,
                        "anchor": name,
                        "part": part,
                        "rho": round(rho, 3),
                        "rho_within_centred": round(centred, 3),
                        "rho_within_major": round(within, 3),
                        "n": n,
                        "n_within": n_within,
                        "major_group_baseline_rho": round(base, 3),
                    }
                )
    return out


def validation_table(
    rows: Sequence[ScoreRow],
    anchors: Mapping[str, Anchor],
    cards: Sequence[ScoreCard] | None = None,
    gradients: Mapping[str, str] | None = None,
) -> str:
    lines = [
        "| factor | anchor | part | rho | rho within (centred) | rho within (mean of groups) "
        "| n | major group alone |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in validation_rows(rows, anchors):
        lines.append(
            f"| {r['factor']} | {r['anchor']} | {r['part']} | {r['rho']:.3f} | "
            f"{r['rho_within_centred']:.3f} | {r['rho_within_major']:.3f} | {r['n']} | "
            f"{r['major_group_baseline_rho']:.3f} |"
        )
    checks = face_validity(rows, anchors, gradients or {})
    if cards is not None:
        checks += card_checks(cards)
    if checks:
        lines += ["", "| face validity | target | measured | met |", "|---|---|---|---|"]
        lines += [
            f"| {c.name} | {c.target} | {c.shown} | {'yes' if c.met else 'no'} |" for c in checks
        ]
    return "\n".join(lines)


@dataclass(frozen=True)
class Check:
    name: str
    target: str
    value: float  # a share (0-1), or a count when ``count`` is set
    met: bool
    count: bool = False

    @property
    def shown(self) -> str:
        return f"{self.value:g}" if self.count else f"{self.value:.1%}"


def consensus_groups(anchors: Mapping[str, Anchor]) -> tuple[set[str], set[str]]:
    """(consensus-low, consensus-high) ISCO-08 unit groups, as defined in the module doc."""
    measures = [anchors[m].values for m in GENAI_MEASURES if m in anchors]
    if not measures or "frey_osborne" not in anchors:
        return set(), set()
    ranks: dict[str, list[float]] = defaultdict(list)
    for values in measures:
        codes = sorted(values)
        order = np.argsort(np.argsort([values[c] for c in codes], kind="mergesort"))
        for code, rank in zip(codes, order, strict=True):
            ranks[code].append((rank + 1) / len(codes))
    mean_rank = {c: float(np.mean(r)) for c, r in ranks.items()}
    ordered = sorted(mean_rank.values())
    low_cut, high_cut = ordered[len(ordered) // 3], ordered[2 * len(ordered) // 3]
    fo = anchors["frey_osborne"].values
    low = {c for c, r in mean_rank.items() if r < low_cut and c in fo and fo[c] < 0.5}
    high = {c for c, r in mean_rank.items() if r >= high_cut and c in fo and fo[c] >= 0.5}
    return low, high


def _share(items: Sequence[bool]) -> float:
    return float(np.mean(items)) if items else float("nan")


def face_validity(
    rows: Sequence[ScoreRow], anchors: Mapping[str, Anchor], gradients: Mapping[str, str]
) -> list[Check]:
    """Bands and ordering of the occupations on which the published measures agree."""
    low_codes, high_codes = consensus_groups(anchors)
    if not low_codes or not high_codes:
        return []
    high_band = [r.band in HIGH_BANDS for r in rows]
    low = [r for r in rows if r.isco_group[:4] in low_codes]
    high = [r for r in rows if r.isco_group[:4] in high_codes]
    lows = np.asarray([r.disruption for r in low])
    pairs = float(np.mean([[h.disruption > x for x in lows] for h in high]))
    low_share = _share([r.band in HIGH_BANDS for r in low])
    high_share = _share([r.band in HIGH_BANDS for r in high])
    checks = [
        Check(
            "consensus-low occupations told high or very high",
            "<= 3%",
            low_share,
            low_share <= 0.03,
        ),
        Check(
            "consensus-high occupations told high or very high",
            ">= 90%",
            high_share,
            high_share >= 0.90,
        ),
        Check(
            "(consensus-high, consensus-low) pairs ordered right", ">= 98%", pairs, pairs >= 0.98
        ),
        Check(
            "all occupations told high or very high",
            "<= 40%",
            _share(high_band),
            _share(high_band) <= 0.40,
        ),
    ]
    for label, names, target in (
        (
            "ILO 2025 'Not Exposed' occupations told high or very high",
            ("Not Exposed",),
            "for reading",
        ),
        (
            "ILO 2025 Gradient 3-4 occupations told high or very high",
            ("Exposed: Gradient 3", "Exposed: Gradient 4"),
            "for reading",
        ),
    ):
        share = _share(
            [r.band in HIGH_BANDS for r in rows if gradients.get(r.isco_group[:4]) in names]
        )
        if share == share:  # not NaN
            checks.append(Check(label, target, share, True))
    return checks


def card_checks(cards: Sequence[ScoreCard]) -> list[Check]:
    """The skills shown and the safer moves, over every card."""
    shown = [
        d.essential
        for c in cards
        if c.essential_skills >= 3
        for d in c.vulnerable_skills + c.resilient_skills
    ]
    tools = sum(d.kind == TOOL for c in cards for d in c.resilient_skills)
    scores = sorted(c.disruption for c in cards)
    p20 = scores[len(scores) // 5] if scores else 0.0
    exposed = [c for c in cards if c.disruption > p20]
    moves = [(c, m) for c in cards for m in c.related_safer]
    covered = _share([bool(c.related_safer) for c in exposed])
    lower = _share([m.disruption <= c.disruption - SAFER_BY_AT_LEAST for c, m in moves])
    learn = _share([bool(m.skills_to_learn) for _, m in moves])
    essential = _share(shown)
    return [
        Check(
            "shown skills that are essential (jobs with >= 3 scored essential)",
            ">= 95%",
            essential,
            essential >= 0.95,
        ),
        Check(
            "software or tool products among skills that keep value", "0", tools, tools == 0, True
        ),
        Check(
            "occupations above the 20th percentile with a safer move",
            ">= 95%",
            covered,
            covered >= 0.95,
        ),
        Check("moves at least 10 points lower", "100%", lower, lower == 1.0),
        Check("moves with skills to learn", "100%", learn, learn == 1.0),
    ]
