"""How the resolver puts signals of different scales on one: z-scores per question, and a soft
maximum that pools the hits of one occupation (several close labels beat one lucky one)."""

from __future__ import annotations

import numpy as np


def zscore(x: np.ndarray, min_sd: float = 0.0) -> np.ndarray:
    """(x - mean) / sd; ``min_sd`` keeps a signal with a single weak hit from a huge z (one
    skill barely close to "rewires old houses" made a gunsmith first)."""
    sd = max(float(x.std()), min_sd)
    return (x - float(x.mean())) / sd if sd > 1e-9 else np.zeros_like(x)


def soft_max_pool(sim: np.ndarray, owners: np.ndarray, n: int, temperature: float) -> np.ndarray:
    """T * log(sum(exp(sim / T))) per owner; owners without hits get the lowest hit value."""
    out = np.full(n, float(sim.min()) if len(sim) else 0.0, dtype=np.float64)
    if len(sim) == 0:
        return out
    top = float(sim.max())
    acc = np.zeros(n, dtype=np.float64)
    np.add.at(acc, owners, np.exp((sim.astype(np.float64) - top) / temperature))
    hit = acc > 0
    out[hit] = top + temperature * np.log(acc[hit])
    return out
