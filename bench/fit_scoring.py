"""Fit the per-skill values of the scoring model; write scoring/data/skill_values.json.

    python -m bench.fit_scoring [--anchors DIR]

What is fitted to what (and nothing else is used; see docs/methodology.md):
* skill vulnerability: each ESCO skill takes the similarity-weighted mean ILO 2025 task
  score (0-1, x100) of its 10 most similar ISCO-08 task statements (MiniLM cosine between the
  skill's label and the task text). One adjustment per ISCO-08 unit group then moves the
  group halfway towards ILO 2025's own published occupation score (linearly calibrated to
  the skill scale): ILO 2025 is the declared seed of this factor, never a validation anchor.
* task automation: ridge regression, on ISCO-08 unit groups with an EVEN 4-digit code only,
  from the occupation's weighted mean skill features (shares of ESCO skill-hierarchy groups,
  skill type and reuse level, mean label embedding; standardised) to Frey-Osborne's
  probability (x100), after an ISCO group adjustment: the training mean of the unit group's
  minor group, shrunk towards its sub-major group, shrunk towards its major group (each by
  a pseudo-count), leave-one-out for the training rows so the ridge learns what the group
  does not already say.
* AI complementarity: the same model form fitted to IMF theta, even codes only, rescaled
  so that the anchor's range over the even (training) unit groups maps to 0-100.
Because the model is linear in the weighted mean of skill features, it is exactly a value per
skill plus one adjustment per ISCO group, which is what is saved: the scorer then needs no
features, only these values.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np

from bot.settings import Settings
from knowledge.embeddings import LocalMiniLM
from knowledge.esco import EscoData, load_esco
from knowledge.skill_kinds import skill_ancestors
from scoring.model import ESSENTIAL_WEIGHT, FACTORS, OPTIONAL_WEIGHT
from scoring.validation import load_anchors

MODEL_VERSION = "2.0.2"
OUT = Path(__file__).resolve().parent.parent / "scoring" / "data" / "skill_values.json"
MIN_GROUP_SIZE = 20
K_TASKS = 10
ILO_BLEND = 0.5  # share of the gap to ILO 2025's unit-group score that the adjustment closes
# pseudo-counts of the shrinkage: major group, sub-major group, minor group
SHRINK = (3.0, 10.0, 10.0)


def ilo_tasks(anchors: Path) -> tuple[list[str], np.ndarray]:
    path = anchors / "ilo_genai_exposure_2025" / "ilo_genai_exposure_isco08_tasks.csv.gz"
    with io.TextIOWrapper(gzip.open(path), encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["score_2025"] not in ("", "NA")]
    return [r["task"] for r in rows], np.asarray([float(r["score_2025"]) for r in rows])


def skill_features(esco: EscoData, skill_uris: list[str], vectors: np.ndarray) -> np.ndarray:
    """Per-skill features: hierarchy-group membership (every ancestor), type, reuse, meaning."""
    ancestors = skill_ancestors(esco)
    skill_groups = {u: ancestors[u] for u in skill_uris}
    size: dict[str, int] = defaultdict(int)
    for groups in skill_groups.values():
        for g in groups:
            size[g] += 1
    groups = sorted(g for g, n in size.items() if n >= MIN_GROUP_SIZE)
    column = {g: i for i, g in enumerate(groups)}
    kinds = [
        "skill/competence",
        "knowledge",
        "transversal",
        "cross-sector",
        "sector-specific",
        "occupation-specific",
    ]
    x = np.zeros((len(skill_uris), len(groups) + len(kinds)), dtype=np.float64)
    for row, uri in enumerate(skill_uris):
        for g in skill_groups[uri]:
            if g in column:
                x[row, column[g]] = 1.0
        skill = esco.skills[uri]
        for j, kind in enumerate(kinds):
            if skill.skill_type == kind or skill.reuse_level == kind:
                x[row, len(groups) + j] = 1.0
    return np.hstack([x, vectors.astype(np.float64)])


def ridge(x: np.ndarray, y: np.ndarray, lam: float) -> tuple[np.ndarray, float]:
    mu_x, mu_y = x.mean(axis=0), y.mean()
    xc = x - mu_x
    beta = np.linalg.solve(xc.T @ xc + lam * np.eye(x.shape[1]), xc.T @ (y - mu_y))
    return beta, float(mu_y - mu_x @ beta)


def choose_lambda(x: np.ndarray, y: np.ndarray) -> float:
    """5-fold cross-validation on the training (even-code) groups only."""
    folds = np.arange(len(y)) % 5
    best, best_err = 1.0, np.inf
    for lam in (1, 3, 10, 30, 100, 300, 1000, 3000):
        err = 0.0
        for f in range(5):
            beta, b0 = ridge(x[folds != f], y[folds != f], lam)
            err += float(((x[folds == f] @ beta + b0 - y[folds == f]) ** 2).sum())
        if err < best_err:
            best, best_err = lam, err
    return best


def group_offsets(targets: Mapping[str, float]) -> dict[str, float]:
    """ISCO group -> points relative to the overall mean, for prefixes of 1, 2 and 3 digits.

    Each level's mean is shrunk towards its parent's: (sum + k * parent) / (n + k). A unit
    group takes its most specific prefix that has an entry (see ``offset_for``).
    """
    overall = float(np.mean(list(targets.values())))
    level_means: dict[str, float] = {}
    for depth, k in zip((1, 2, 3), SHRINK, strict=True):
        members: dict[str, list[float]] = defaultdict(list)
        for code, value in targets.items():
            members[code[:depth]].append(value)
        for prefix, values in members.items():
            parent = level_means.get(prefix[:-1], overall) if depth > 1 else overall
            level_means[prefix] = (sum(values) + k * parent) / (len(values) + k)
    return {prefix: round(mean - overall, 2) for prefix, mean in sorted(level_means.items())}


def offset_for(code: str, offsets: Mapping[str, float]) -> float:
    for depth in (4, 3, 2, 1):
        if code[:depth] in offsets:
            return offsets[code[:depth]]
    return 0.0


class Design:
    """Skill features, averaged per occupation and per ISCO-08 unit group."""

    def __init__(self, esco: EscoData, skill_uris: list[str], x_skill: np.ndarray):
        self.skill_uris, self.x_skill = skill_uris, x_skill
        index = {u: i for i, u in enumerate(skill_uris)}
        self.links: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        by_occ: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for r in esco.relations:
            weight = ESSENTIAL_WEIGHT if r.relation_type == "essential" else OPTIONAL_WEIGHT
            by_occ[r.occupation_uri].append((index[r.skill_uri], weight))
        groups: dict[str, list[np.ndarray]] = defaultdict(list)
        self.unit_group: dict[str, str] = {}
        for uri, links in by_occ.items():
            idx = np.asarray([i for i, _ in links])
            wts = np.asarray([w for _, w in links])
            self.links[uri] = (idx, wts)
            self.unit_group[uri] = esco.occupations[uri].isco_group[:4]
            groups[self.unit_group[uri]].append((wts[:, None] * x_skill[idx]).sum(0) / wts.sum())
        self.codes = sorted(c for c in groups if len(c) == 4 and c.isdigit())
        self.x_group = np.asarray([np.mean(groups[c], axis=0) for c in self.codes])

    def unit_group_means(self, per_skill: np.ndarray) -> dict[str, float]:
        """Unit group -> mean over its occupations of the weighted mean skill value."""
        sums: dict[str, list[float]] = defaultdict(list)
        for uri, (idx, wts) in self.links.items():
            sums[self.unit_group[uri]].append(float((wts * per_skill[idx]).sum() / wts.sum()))
        return {c: float(np.mean(v)) for c, v in sums.items() if c in self.codes}


def fit_anchor(design: Design, anchor: Mapping[str, float], scale: str) -> tuple:
    """Per-skill values and ISCO group offsets fitted to ``anchor`` on even codes only: no
    value of an odd (held-out) code reaches the result, not even through the rescaling."""
    train = [i for i, c in enumerate(design.codes) if c in anchor and int(c[-1]) % 2 == 0]
    codes = [design.codes[i] for i in train]
    seen = [anchor[c] for c in codes]
    lo, hi = (0.0, 1.0) if scale == "unit" else (min(seen), max(seen))
    y = np.asarray([100.0 * (anchor[c] - lo) / (hi - lo) for c in codes])
    targets = dict(zip(codes, y.tolist(), strict=True))
    offsets = group_offsets(targets)
    # Leave-one-out offsets for the training rows: a group's own target must not explain it.
    loo = np.asarray(
        [offset_for(c, group_offsets({k: v for k, v in targets.items() if k != c})) for c in codes]
    )
    x = design.x_group[train]
    sd = x.std(axis=0) + 1e-3  # features standardised: one penalty fits all
    lam = choose_lambda(x / sd, y - loo)
    beta, b0 = ridge(x / sd, y - loo, lam)
    notes = {"train_codes": len(train), "lambda": lam, "scale": [lo, hi], "shrink": SHRINK}
    return (design.x_skill / sd) @ beta + b0, offsets, notes


def vulnerability(
    esco: EscoData, design: Design, skill_vecs: np.ndarray, anchors_dir: Path, ilo: dict
) -> tuple[np.ndarray, dict[str, float]]:
    """Nearest-ILO-task values per skill, and the unit-group adjustment towards ILO 2025."""
    tasks, task_scores = ilo_tasks(anchors_dir)
    task_vecs = LocalMiniLM().embed(tasks)
    sims = skill_vecs @ task_vecs.T
    top = np.argsort(-sims, axis=1)[:, :K_TASKS]
    w = np.take_along_axis(sims, top, axis=1).clip(min=1e-6)
    values = 100.0 * (w * task_scores[top]).sum(axis=1) / w.sum(axis=1)
    ours = design.unit_group_means(values)
    common = sorted(c for c in ours if c in ilo)
    slope, intercept = np.polyfit([ilo[c] for c in common], [ours[c] for c in common], 1)
    adjust = {c: round(ILO_BLEND * (slope * ilo[c] + intercept - ours[c]), 2) for c in common}
    return values, adjust


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--anchors", type=Path, default=Settings().esco_source.parent / "anchors")
    args = parser.parse_args()
    esco = load_esco(Settings().esco_source)
    anchors = load_anchors(args.anchors)
    skill_uris = sorted({r.skill_uri for r in esco.relations})
    skill_vecs = LocalMiniLM().embed([esco.skills[u].label for u in skill_uris])
    design = Design(esco, skill_uris, skill_features(esco, skill_uris, skill_vecs))

    sv, sv_adjust = vulnerability(
        esco, design, skill_vecs, args.anchors, anchors["ilo_2025"].values
    )
    values: dict[str, np.ndarray] = {"skill_vulnerability": sv}
    adjustments: dict[str, dict[str, float]] = {"skill_vulnerability": sv_adjust}
    fitted: dict[str, dict] = {
        "skill_vulnerability": {
            "anchor": "ilo_2025 task level; unit groups moved halfway to ilo_2025",
            "k_tasks": K_TASKS,
            "ilo_blend": ILO_BLEND,
        }
    }
    for name, anchor_name, scale in (
        ("task_automation", "frey_osborne", "unit"),
        ("ai_complementarity", "imf_theta", "range"),
    ):
        per_skill, offsets, notes = fit_anchor(design, anchors[anchor_name].values, scale)
        values[name], adjustments[name] = per_skill, offsets
        fitted[name] = {"anchor": anchor_name, "even_codes_only": True, **notes}
    write_payload(skill_uris, values, adjustments, fitted)
    return 0


def write_payload(
    skill_uris: list[str],
    values: Mapping[str, np.ndarray],
    adjustments: Mapping[str, Mapping[str, float]],
    fitted: Mapping[str, dict],
    out: Path = OUT,
    log: Callable[[str], None] = print,
) -> None:
    payload = {
        "model_version": MODEL_VERSION,
        "group_adjustments": adjustments,
        "fitted": fitted,
        "factors": list(FACTORS),
        "skills": {
            u: [round(float(values[f][i]), 2) for f in FACTORS] for i, u in enumerate(skill_uris)
        },
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(payload, separators=(",", ":"), sort_keys=True), "utf-8")
    log(json.dumps(payload["fitted"], indent=2))
    log(f"{len(payload['skills'])} skills written to {out}")


if __name__ == "__main__":
    sys.exit(main())
