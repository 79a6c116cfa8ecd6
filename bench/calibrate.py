"""Fit the resolver's confidence on held-out vacancy titles; write knowledge/data/calibration.json.

Data: the JobBERT *validation* split only (never test). Titles in fold 1 are the questions and
the title memory is restricted to fold 0, so no question sees itself. Two things are fitted:

* ``confidence_coef``: logistic regression of "the top candidate is right" on
  [1, top fused z, margin to the second, best label cosine] (Newton's method, small L2);
* ``candidate_temperature``: the softmax temperature over fused scores that maximises the
  likelihood of the gold occupation among the top 10 (so candidate scores read as chances).

Usage: python -m bench.calibrate [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from evaluate import jobbert_items

from bot.app import Assistant
from bot.settings import Settings
from knowledge.resolver import Resolver, ResolverParams
from knowledge.titles import fold_of

OUT = Path(__file__).resolve().parent.parent / "knowledge" / "data" / "calibration.json"


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-2, steps: int = 50) -> np.ndarray:
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + l2 * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + l2 * np.eye(x.shape[1])
        w -= np.linalg.solve(hess, grad)
    return w


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=6000)
    args = parser.parse_args()
    assistant = Assistant(Settings(), progress=False)
    kb = assistant.kb
    params = ResolverParams.calibrated(title_fold=1)
    resolver = Resolver(kb, assistant.embedder, params)
    items = [(q, u) for q, u in jobbert_items("validation") if fold_of(" ".join(q.split())) == 1]
    items = items[:: max(1, len(items) // args.limit)][: args.limit]
    index = {o.uri: i for i, o in enumerate(kb.occupations)}
    queries = [resolver.parse(q) for q, _ in items]
    feats, labels, tops, golds = [], [], [], []
    for start in range(0, len(items), 512):
        sigs = resolver.signals(queries[start : start + 512])
        for (_, uri), sig in zip(items[start : start + 512], sigs, strict=True):
            if sig is None or uri not in index:
                continue
            order = np.argsort(-sig.fused)[:10]
            top2 = np.sort(sig.as_fitted)[::-1][:2]  # (what Resolver.confidence reads)
            feats.append([1.0, top2[0], top2[0] - top2[1], sig.best_label_similarity])
            labels.append(float(order[0] == index[uri]))
            tops.append(sig.fused[order])
            golds.append(int(np.where(order == index[uri])[0][0]) if index[uri] in order else -1)
    x, y = np.asarray(feats), np.asarray(labels)
    for j, name in enumerate(["top", "margin", "best_label"], 1):
        order_ = np.argsort(x[:, j])
        ranks = np.empty(len(y))
        ranks[order_] = np.arange(len(y))
        pos = y == 1
        auc = (ranks[pos].mean() - (pos.sum() - 1) / 2) / (~pos).sum()
        print(f"feature {name}: AUC {auc:.3f}, mean {x[:, j].mean():.3f}")
    coef = fit_logistic(x, y)
    prob = 1 / (1 + np.exp(-(x @ coef)))
    # reliability: mean predicted vs observed in deciles
    bins = np.clip((prob * 10).astype(int), 0, 9)
    reliability = [
        {
            "bin": b / 10,
            "n": int((bins == b).sum()),
            "predicted": float(prob[bins == b].mean()),
            "observed": float(y[bins == b].mean()),
        }
        for b in range(10)
        if (bins == b).any()
    ]
    ece = sum(r["n"] * abs(r["predicted"] - r["observed"]) for r in reliability) / len(y)
    best_t, best_ll = 1.0, -np.inf
    for t in np.geomspace(0.1, 20.0, 60):
        ll = 0.0
        for top, g in zip(tops, golds, strict=True):
            if g < 0:
                continue
            z = (top - top[0]) / t
            ll += z[g] - np.log(np.exp(z).sum())
        if ll > best_ll:
            best_t, best_ll = float(t), ll
    payload = {
        "fitted_on": "JobBERT validation titles, fold 1 (title memory restricted to fold 0)",
        "n": len(y),
        "top1_accuracy": float(y.mean()),
        "expected_calibration_error": round(float(ece), 4),
        "reliability": reliability,
        "params": {
            "confidence_coef": [round(float(c), 4) for c in coef],
            "candidate_temperature": round(best_t, 3),
        },
    }
    OUT.write_text(json.dumps(payload, indent=2) + "\n", "utf-8")
    print(json.dumps({k: v for k, v in payload.items() if k != "reliability"}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
