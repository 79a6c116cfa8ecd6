"""Agreement statistics: Spearman rho, overall, within ISCO major groups, and on ranks centred
by major group."""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence

import numpy as np

log = logging.getLogger(__name__)


MIN_GROUP_SIZE = 5  # smallest ISCO major group that within_major_rho uses


# --------------------------------------------------------------------------- agreement


def _average_ranks(values: np.ndarray) -> np.ndarray:
    """1-based ranks; tied values share the mean of the ranks they occupy."""
    order = np.argsort(values, kind="mergesort")
    ordered = values[order]
    starts = np.concatenate(([True], ordered[1:] != ordered[:-1]))
    first = np.flatnonzero(starts)
    sizes = np.diff(np.append(first, len(values)))
    block_rank = first + (sizes + 1) / 2.0
    ranks = np.empty(len(values), dtype=float)
    ranks[order] = block_rank[np.cumsum(starts) - 1]
    return ranks


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    """Spearman rho: Pearson correlation of average ranks (the usual tie correction).

    Returns NaN when it is undefined (fewer than two pairs, or one side constant) so that
    callers aggregating many groups can skip it instead of catching an error.
    """
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if a.shape != b.shape or a.ndim != 1:
        raise ValueError(
            f"spearman needs two 1-d sequences of equal length, got {a.shape}, {b.shape}"
        )
    if not (np.isfinite(a).all() and np.isfinite(b).all()):
        raise ValueError("spearman needs finite values")
    if len(a) < 2:
        return math.nan
    ra, rb = _average_ranks(a) - (len(a) + 1) / 2.0, _average_ranks(b) - (len(b) + 1) / 2.0
    denom = math.sqrt(float(ra @ ra) * float(rb @ rb))
    return float(ra @ rb) / denom if denom > 0 else math.nan


def _common_codes(
    model: Mapping[str, float], anchor: Mapping[str, float], codes: set[str] | None
) -> list[str]:
    """Codes where both sides have a finite value (restricted to ``codes`` if given)."""
    shared = model.keys() & anchor.keys()
    if codes is not None:
        shared &= codes
    return sorted(c for c in shared if math.isfinite(model[c]) and math.isfinite(anchor[c]))


def unit_group_rho(
    model: Mapping[str, float], anchor: Mapping[str, float], codes: set[str] | None = None
) -> tuple[float, int]:
    """Spearman rho over the unit groups both sides score, and how many there are."""
    common = _common_codes(model, anchor, codes)
    rho = spearman([model[c] for c in common], [anchor[c] for c in common])
    return rho, len(common)


def within_major_rho(
    model: Mapping[str, float],
    anchor: Mapping[str, float],
    codes: set[str] | None = None,
    *,
    min_group_size: int = MIN_GROUP_SIZE,
) -> tuple[float, int]:
    """Agreement inside ISCO major groups, where the coarse major-group effect cannot help.

    Definition: the common codes (as in :func:`unit_group_rho`) are split by major group
    (first digit); a Spearman rho is computed in each group with at least ``min_group_size``
    common codes and a defined rho (neither side constant); the result is the mean of those
    rhos weighted by the number of codes in each group. Returns that mean and the number of
    codes in the groups used, or (NaN, 0) if no group qualifies. Small groups (armed forces)
    are left out because a rho over 2-4 codes is mostly noise.

    This is not AGREEMENT.md's "ranks centred by major group" figure, so the two can differ.
    """
    groups: dict[str, list[str]] = defaultdict(list)
    for code in _common_codes(model, anchor, codes):
        groups[code[0]].append(code)
    total, weight = 0.0, 0
    for members in groups.values():
        if len(members) < min_group_size:
            continue
        rho = spearman([model[c] for c in members], [anchor[c] for c in members])
        if math.isnan(rho):
            continue
        total += rho * len(members)
        weight += len(members)
    return (total / weight, weight) if weight else (math.nan, 0)


def centred_rho(
    model: Mapping[str, float], anchor: Mapping[str, float], codes: set[str] | None = None
) -> tuple[float, int]:
    """Rank correlation after removing each ISCO major group's mean rank from both sides
    (AGREEMENT.md's "ranks centred by major group"): the within-major figure we are judged by.

    Both sides are ranked over the common codes, each major group's mean rank is subtracted,
    and the Pearson correlation of what is left is returned with n (NaN if undefined).
    """
    common = _common_codes(model, anchor, codes)
    if len(common) < 3:
        return math.nan, len(common)
    a = _average_ranks(np.asarray([model[c] for c in common], dtype=float))
    b = _average_ranks(np.asarray([anchor[c] for c in common], dtype=float))
    majors = np.asarray([c[0] for c in common])
    for major in set(majors):
        mask = majors == major
        a[mask] -= a[mask].mean()
        b[mask] -= b[mask].mean()
    denom = math.sqrt(float(a @ a) * float(b @ b))
    return (float(a @ b) / denom if denom > 0 else math.nan), len(common)
