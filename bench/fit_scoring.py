"""Fit the per-skill values of the scoring model; write scoring/data/skill_values.json.

    python bench/fit_scoring.py [--anchors DIR]

What is fitted to what (and nothing else is used):
* skill vulnerability: each ESCO skill takes the similarity-weighted mean ILO 2025 task
  score (0-1, x100) of its 10 most similar ISCO-08 task statements (MiniLM cosine between the
  skill's label and the task text). Declared anchor: ILO 2025, task level. No parameter is
  fitted to any occupation-level measure.
* task automation: ridge regression, on ISCO-08 unit groups with an EVEN 4-digit code only,
  from the occupation's weighted mean skill features (shares of ESCO skill-hierarchy groups,
  skill type and reuse level, mean label embedding; standardised) to Frey-Osborne's
  probability (x100), after a major-group adjustment (each ISCO major group's training mean).
* AI complementarity: the same model form fitted to IMF theta, even codes only, rescaled
  so that the anchor's range over unit groups maps to 0-100.
Because the model is linear in the weighted mean of skill features, it is exactly a value per
skill plus one adjustment per major group, which is what is saved: the scorer then needs no
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
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.settings import Settings  # noqa: E402
from knowledge.anchors import load_anchors  # noqa: E402
from knowledge.embeddings import LocalMiniLM  # noqa: E402
from knowledge.esco import load_esco  # noqa: E402
from scoring.model import ESSENTIAL_WEIGHT, OPTIONAL_WEIGHT  # noqa: E402

OUT = REPO / "scoring" / "data" / "skill_values.json"
MIN_GROUP_SIZE = 20
K_TASKS = 10


def ilo_tasks(anchors: Path) -> tuple[list[str], np.ndarray]:
    path = anchors / "ilo_genai_exposure_2025" / "ilo_genai_exposure_isco08_tasks.csv.gz"
    with io.TextIOWrapper(gzip.open(path), encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["score_2025"] not in ("", "NA")]
    return [r["task"] for r in rows], np.asarray([float(r["score_2025"]) for r in rows])


def skill_features(esco, skill_uris: list[str], vectors: np.ndarray) -> np.ndarray:
    """Per-skill features: hierarchy-group membership (every ancestor), type, reuse, meaning."""
    parents: dict[str, list[str]] = defaultdict(list)
    for edge in esco.skill_broader:
        parents[edge.concept_uri].append(edge.broader_uri)

    def ancestors(uri: str) -> set[str]:
        seen: set[str] = set()
        stack = list(parents.get(uri, ()))
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(parents.get(node, ()))
        return seen

    skill_groups = {u: ancestors(u) for u in skill_uris}
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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--anchors", type=Path, default=Settings().esco_source.parent / "anchors")
    args = parser.parse_args()
    esco = load_esco(Settings().esco_source)
    anchors = load_anchors(args.anchors)
    embedder = LocalMiniLM()

    skill_uris = sorted({r.skill_uri for r in esco.relations})
    skill_vecs = embedder.embed([esco.skills[u].label for u in skill_uris])
    tasks, task_scores = ilo_tasks(args.anchors)
    task_vecs = embedder.embed(tasks)
    sims = skill_vecs @ task_vecs.T
    top = np.argsort(-sims, axis=1)[:, :K_TASKS]
    w = np.take_along_axis(sims, top, axis=1).clip(min=1e-6)
    vulnerability = 100.0 * (w * task_scores[top]).sum(axis=1) / w.sum(axis=1)

    x_skill = skill_features(esco, skill_uris, skill_vecs)
    index = {u: i for i, u in enumerate(skill_uris)}
    by_occ: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for r in esco.relations:
        weight = ESSENTIAL_WEIGHT if r.relation_type == "essential" else OPTIONAL_WEIGHT
        by_occ[r.occupation_uri].append((index[r.skill_uri], weight))
    groups: dict[str, list[np.ndarray]] = defaultdict(list)
    for uri, links in by_occ.items():
        idx = np.asarray([i for i, _ in links])
        wts = np.asarray([wt for _, wt in links])
        groups[esco.occupations[uri].isco_group[:4]].append(
            (wts[:, None] * x_skill[idx]).sum(0) / wts.sum()
        )
    codes = sorted(groups)
    x_group = np.asarray([np.mean(groups[c], axis=0) for c in codes])

    values: dict[str, np.ndarray] = {"skill_vulnerability": vulnerability}
    fits: dict[str, dict] = {}
    adjustments: dict[str, dict[str, float]] = {}
    for name, anchor_name, scale in (
        ("task_automation", "frey_osborne", "unit"),
        ("ai_complementarity", "imf_theta", "range"),
    ):
        anchor = anchors[anchor_name].values
        train = [i for i, c in enumerate(codes) if c in anchor and int(c[-1]) % 2 == 0]
        y = np.asarray([anchor[codes[i]] for i in train])
        if scale == "unit":
            lo, hi = 0.0, 1.0
        else:
            all_y = np.asarray(list(anchor.values()))
            lo, hi = float(all_y.min()), float(all_y.max())
        y100 = 100.0 * (y - lo) / (hi - lo)
        # Major-group adjustment: the training mean of each ISCO major group, relative to the
        # overall training mean; the skills then explain the rest.
        mean_all = float(y100.mean())
        majors: dict[str, list[float]] = defaultdict(list)
        for i, target in zip(train, y100, strict=True):
            majors[codes[i][0]].append(float(target))
        adjust = {m: float(np.mean(v)) - mean_all for m, v in sorted(majors.items())}
        offset = np.asarray([adjust.get(codes[i][0], 0.0) for i in train])
        sd = x_group[train].std(axis=0) + 1e-3  # features standardised: one penalty fits all
        lam = choose_lambda(x_group[train] / sd, y100 - offset)
        beta, b0 = ridge(x_group[train] / sd, y100 - offset, lam)
        values[name] = (x_skill / sd) @ beta + b0
        adjustments[name] = {m: round(a, 2) for m, a in adjust.items()}
        fits[name] = {
            "anchor": anchor_name,
            "train_codes": len(train),
            "lambda": lam,
            "scale": [lo, hi],
            "major_group_adjustment": "training mean of the major group minus overall mean",
        }

    payload = {
        "model_version": "1.1.0",
        "major_group_adjustments": adjustments,
        "fitted": {
            "skill_vulnerability": {"anchor": "ilo_2025 task level", "k_tasks": K_TASKS},
            **fits,
        },
        "factors": ["skill_vulnerability", "task_automation", "ai_complementarity"],
        "skills": {
            u: [
                round(float(values[f][i]), 2)
                for f in ("skill_vulnerability", "task_automation", "ai_complementarity")
            ]
            for i, u in enumerate(skill_uris)
        },
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(payload, separators=(",", ":"), sort_keys=True), "utf-8")
    print(json.dumps(payload["fitted"], indent=2))
    print(f"{len(payload['skills'])} skills written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
