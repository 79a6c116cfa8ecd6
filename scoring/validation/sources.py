"""Reading the anchors' CSV files: one odd row is counted and skipped, a missing file or
column skips the whole anchor (see the package docstring)."""

from __future__ import annotations

import csv
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)


_ISCO4 = re.compile(r"\d{4}")
_SOC = re.compile(r"\d\d-\d{4}")
_ONET = re.compile(r"\d\d-\d{4}\.\d\d")

# OES aggregate codes that are not in the SOC crosswalks, as patched in AGREEMENT.md
# ("Crosswalk notes"): Frey & Osborne took its SOC codes from OES tables, Microsoft a few.
_SOC2010_PATCHES: dict[str, tuple[str, ...]] = {
    "29-1111": ("29-1141",),
    "25-3999": ("25-3099",),
    "29-9799": ("29-9092", "29-9099"),
    "39-4831": ("11-9061", "39-4031"),
    "15-1179": ("15-1122", "15-1134", "15-1143"),
    "15-1799": ("15-1199",),
    "29-2037": ("29-2034", "29-2035"),
    "13-1078": ("13-1071", "13-1075"),
    "29-2799": ("29-2092", "29-2099"),
    "49-9799": ("49-9099",),
    "31-9799": ("31-9099",),
    "47-4799": ("47-4099",),
    "51-9399": ("51-9199",),
}
_SOC2018_PATCHES: dict[str, tuple[str, ...]] = {
    "21-1018": ("21-1011", "21-1014"),
    "25-2052": ("25-2055", "25-2056"),
    "25-9045": ("25-9042", "25-9043", "25-9049"),
    "51-2028": ("51-2022", "51-2023"),
    "53-1047": ("53-1042", "53-1043", "53-1044", "53-1049"),
}

_BLS = "crosswalks/bls_isco08_to_soc2010.csv"
_SOC10_18 = "crosswalks/soc2010_to_soc2018_crosswalk.csv"
_ONET19_18 = "crosswalks/onet_soc_2019_to_soc2018_crosswalk.csv"
_MILITARY = "55-"  # SOC major group of military occupations


@dataclass(frozen=True)
class Anchor:
    """One published measure at ISCO-08 unit-group level."""

    name: str  # short id, e.g. "ilo_2025"
    description: str  # one line: source, variable, direction, chain to ISCO-08
    values: dict[str, float]  # ISCO-08 4-digit code -> mean over linked source occupations


class _SourceProblem(Exception):
    """A whole file is unusable (missing or without the expected column): skip the anchor."""


@dataclass
class _Report:
    """Counts of what happened to the source rows, logged once per anchor."""

    skipped: Counter[str] = field(default_factory=Counter)
    linked: Counter[str] = field(default_factory=Counter)

    def skip(self, reason: str) -> None:
        self.skipped[reason] += 1


# --------------------------------------------------------------------------- file reading


def _read_rows(path: Path, columns: Iterable[str]) -> list[dict[str, str]]:
    """All rows of a CSV as dicts (BOM tolerated). Short rows give None for the missing cells.

    Raises _SourceProblem if the file is missing, lacks a needed column or is not CSV.
    """
    if not path.is_file():
        raise _SourceProblem(f"missing file {path}")
    # A stray byte in a title must not cost the whole file, hence errors="replace".
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        reader = csv.DictReader(handle)
        try:
            header = [h.strip() for h in reader.fieldnames or []]
            reader.fieldnames = header
            absent = [c for c in columns if c not in header]
            if absent:
                raise _SourceProblem(f"{path.name} has no column {', '.join(absent)}")
            return list(reader)
        except csv.Error as error:
            raise _SourceProblem(f"{path.name} is not readable CSV: {error}") from error


def _number(text: str | None) -> float | None:
    """A finite float, or None for blanks, 'NA' and anything unparsable."""
    try:
        value = float((text or "").strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _code(text: str | None, pattern: re.Pattern[str]) -> str | None:
    """The stripped code if it has the expected shape (crosswalk cells carry stray spaces)."""
    code = (text or "").strip()
    return code if pattern.fullmatch(code) else None


def _read_values(
    path: Path, code_col: str, value_col: str, pattern: re.Pattern[str], report: _Report
) -> dict[str, float]:
    """Source code -> value; duplicate codes are averaged, malformed rows counted and skipped."""
    collected: dict[str, list[float]] = defaultdict(list)
    for row in _read_rows(path, (code_col, value_col)):
        code = _code(row.get(code_col), pattern)
        value = _number(row.get(value_col))
        if code is None:
            report.skip(f"malformed {code_col}")
        elif value is None:
            report.skip(f"no numeric {value_col}")
        else:
            collected[code].append(value)
    return {code: sum(vals) / len(vals) for code, vals in collected.items()}
