"""How numbers are written in answers, and which written forms a card's numbers may take."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal


def fmt(x: float, decimals: int = 2) -> str:
    """A card number as we print it: at most ``decimals`` places, no trailing zeros."""
    text = f"{_round(x, decimals):.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _round(x: float, decimals: int) -> float:
    """Round half up (as people do), not Python's half-to-even: 40.5 reads as 41."""
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(x)).quantize(quantum, rounding=ROUND_HALF_UP))


def written_forms(x: float) -> set[str]:
    """Every way a writer may faithfully write ``x``: as stored, or rounded to 1 or 0 places."""
    forms = {fmt(x, 2), fmt(x, 1), fmt(x, 0), f"{_round(x, 2):.2f}", f"{_round(x, 1):.1f}"}
    forms.add(str(int(x)) if float(x).is_integer() else fmt(x, 2))
    return forms


def allowed_forms(values: Iterable[float]) -> frozenset[str]:
    out: set[str] = set()
    for v in values:
        out |= written_forms(float(v))
    return frozenset(out)


def ordinal(x: float) -> str:
    """A whole number with its English suffix: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 22nd."""
    n = int(_round(x, 0))
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def share_phrase(percentile: float) -> str:
    """Where a percentile puts an occupation, in whole numbers a person reads at a glance:
    "higher than about 31% of", "lower than almost all", "higher than almost all"."""
    if percentile < 1:
        return "lower than almost all"
    if percentile >= 99:
        return "higher than almost all"
    return f"higher than about {int(_round(percentile, 0))}% of"
