"""How each factor agrees with published measures, at ISCO-08 unit-group level.

A factor's value for a unit group is the mean over the group's ESCO occupations. Agreement is
Spearman's rho, overall and within ISCO major group (the honest test: the major digit alone
already orders most measures), with n. For a factor fitted to an anchor on even 4-digit
codes, the held-out odd codes are reported separately; only those count as validation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from knowledge.anchors import Anchor, unit_group_rho, within_major_rho

# factor -> (anchor, how the model used it): "never" held out entirely, "seed" its task
# scores seed the skill values (shown for reference, not validation), "even" fitted on even
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
    "disruption": [("imf_c_aioe", "never")],
}


def unit_group_means(rows: Sequence[Mapping], column: str) -> dict[str, float]:
    groups: dict[str, list[float]] = defaultdict(list)
    for row in rows:
        code = str(row["isco_group"])[:4]
        if len(code) == 4 and code.isdigit():
            groups[code].append(float(row[column]))
    return {code: sum(v) / len(v) for code, v in groups.items()}


def major_group_baseline(anchor: Mapping[str, float]) -> dict[str, float]:
    """The trivial predictor: every unit group gets its major group's mean anchor value."""
    by_major: dict[str, list[float]] = defaultdict(list)
    for code, value in anchor.items():
        by_major[code[0]].append(value)
    return {code: sum(by_major[code[0]]) / len(by_major[code[0]]) for code in anchor}


def validation_rows(rows: Sequence[Mapping], anchors: Mapping[str, Anchor]) -> list[dict]:
    out = []
    for factor, checks in CHECKS.items():
        model = unit_group_means(rows, factor)
        for name, use in checks:
            if name not in anchors:
                continue
            values = anchors[name].values
            label = "all (never fitted)" if use == "never" else "all (seeds the skill values)"
            parts: list[tuple[str, set[str] | None]] = [(label, None)]
            if use == "even":
                parts = [
                    ("held-out odd codes", {c for c in values if int(c[-1]) % 2 == 1}),
                    ("fitted even codes", {c for c in values if int(c[-1]) % 2 == 0}),
                ]
            for part, codes in parts:
                rho, n = unit_group_rho(model, values, codes)
                within, n_within = within_major_rho(model, values, codes)
                base, _ = unit_group_rho(major_group_baseline(values), values, codes)
                out.append(
                    {
                        "factor": factor,
                        "anchor": name,
                        "part": part,
                        "rho": round(rho, 3),
                        "rho_within_major": round(within, 3),
                        "n": n,
                        "n_within": n_within,
                        "major_group_baseline_rho": round(base, 3),
                    }
                )
    return out


def validation_table(rows: Sequence[Mapping], anchors: Mapping[str, Anchor]) -> str:
    lines = [
        "| factor | anchor | part | rho | rho within major | n | major group alone |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in validation_rows(rows, anchors):
        lines.append(
            f"| {r['factor']} | {r['anchor']} | {r['part']} | {r['rho']:.3f} | "
            f"{r['rho_within_major']:.3f} | {r['n']} | {r['major_group_baseline_rho']:.3f} |"
        )
    return "\n".join(lines)
