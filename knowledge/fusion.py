"""How the resolver puts signals of different scales on one: z-scores per question, and a soft
maximum that pools the hits of one occupation (several close labels beat one lucky one)."""

from __future__ import annotations

import math

import numpy as np


def zscore(x: np.ndarray, min_sd: float = 0.0) -> np.ndarray:
    """(x - mean) / sd; ``min_sd`` keeps a signal with a single weak hit from a huge z (one
    skill barely close to "rewires old houses" made a gunsmith first)."""
    centred = x - float(x.mean())
    sd = max(math.sqrt(float(centred @ centred) / max(len(x), 1)), min_sd)
    return centred / sd if sd > 1e-9 else np.zeros_like(x)


def soft_max_pool(sim: np.ndarray, owners: np.ndarray, n: int, temperature: float) -> np.ndarray:
    """T * log(sum(exp(sim / T))) per owner; owners without hits get the lowest hit value."""
    out = np.full(n, float(sim.min()) if len(sim) else 0.0, dtype=np.float64)
    if len(sim) == 0:
        return out
    top = float(sim.max())
    weights = np.exp((sim.astype(np.float64) - top) / temperature)
    acc = np.bincount(owners, weights=weights, minlength=n)
    hit = acc > 0
    out[hit] = top + temperature * np.log(acc[hit])
    return out


class OwnerMax:
    """Per owner, the largest of its items' values (and at least 0): labels' scores pooled
    by occupation. Items are sorted by owner once, so a question costs one ``reduceat``
    instead of ``np.maximum.at`` over its hits (a fifth of the resolver's time on titles)."""

    def __init__(self, owners: np.ndarray, n: int):
        self._order = np.argsort(owners, kind="stable")
        ranked = owners[self._order]
        self._starts = np.flatnonzero(np.diff(ranked, prepend=ranked[:1] - 1))  # (owners' firsts)
        self._owners = ranked[self._starts]
        self._n = n

    def __call__(self, values: np.ndarray) -> np.ndarray:
        out = np.zeros(self._n, dtype=np.float64)
        if len(self._starts):
            out[self._owners] = np.maximum.reduceat(values[self._order], self._starts)
        return np.maximum(out, 0.0)
