"""SOC 2010/2018 and O*NET-SOC codes to ISCO-08 unit groups (chains in the package docstring)."""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cached_property
from pathlib import Path

import numpy as np

from scoring.validation.sources import (
    _BLS,
    _ISCO4,
    _MILITARY,
    _ONET,
    _ONET19_18,
    _SOC,
    _SOC10_18,
    _SOC2010_PATCHES,
    _SOC2018_PATCHES,
    _code,
    _read_rows,
    _Report,
)

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- crosswalks


def _pairs(
    path: Path, left: str, right: str, shapes: tuple[re.Pattern[str], re.Pattern[str]]
) -> set[tuple[str, str]]:
    """Well-formed (left, right) code pairs of a crosswalk; odd rows are logged and dropped."""
    pairs: set[tuple[str, str]] = set()
    odd: list[str] = []
    for row in _read_rows(path, (left, right)):
        a, b = _code(row.get(left), shapes[0]), _code(row.get(right), shapes[1])
        if a and b:
            pairs.add((a, b))
        else:
            odd.append(f"{(row.get(left) or '').strip()}/{(row.get(right) or '').strip()}")
    if odd:
        log.info("%s: dropped %d rows without two valid codes: %s", path.name, len(odd), odd)
    return pairs


def _soc2010_to_isco(directory: Path) -> dict[str, set[str]]:
    """SOC 2010 -> ISCO-08 unit groups. BLS rows naming only a 3-digit ISCO group are dropped."""
    links: dict[str, set[str]] = defaultdict(set)
    pairs = _pairs(directory / _BLS, "soc2010_code", "isco08_code", (_SOC, _ISCO4))
    for soc, isco in pairs:
        links[soc].add(isco)
    return dict(links)


def _soc2018_to_soc2010(directory: Path) -> dict[str, set[str]]:
    """SOC 2018 -> SOC 2010 (the BLS 2010->2018 table read backwards; many-to-many).

    One link is left out on purpose: SOC 2010 55-3017 (military radar and sonar technicians)
    was folded into civilian SOC 2018 17-3029, and read backwards that would give ISCO 0310
    (armed forces, other ranks) the value of civilian engineering technicians. Military
    SOC 2010 codes are therefore reached only from military SOC 2018 codes.
    """
    links: dict[str, set[str]] = defaultdict(set)
    for soc10, soc18 in _pairs(
        directory / _SOC10_18, "2010 SOC Code", "2018 SOC Code", (_SOC, _SOC)
    ):
        if soc10.startswith(_MILITARY) and not soc18.startswith(_MILITARY):
            continue
        links[soc18].add(soc10)
    return dict(links)


def _onet2019_to_soc2018(directory: Path) -> dict[str, str]:
    """O*NET-SOC 2019 (8-digit) -> SOC 2018 (6-digit); each O*NET code has exactly one."""
    cols = ("O*NET-SOC 2019 Code", "2018 SOC Code")
    return dict(_pairs(directory / _ONET19_18, *cols, (_ONET, _SOC)))


class _Crosswalks:
    """The crosswalks of one load, each read on first use and then shared by the anchors."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @cached_property
    def soc2010_to_isco(self) -> dict[str, set[str]]:
        return _soc2010_to_isco(self.directory)

    @cached_property
    def soc2018_to_soc2010(self) -> dict[str, set[str]]:
        return _soc2018_to_soc2010(self.directory)

    @cached_property
    def onet2019_to_soc2018(self) -> dict[str, str]:
        return _onet2019_to_soc2018(self.directory)


def _resolve_soc(
    code: str, known: Mapping[str, set[str]], patches: Mapping[str, tuple[str, ...]]
) -> tuple[set[str], str]:
    """Crosswalk codes standing for ``code`` and how they were found (direct/patch/broad/none).

    Broad and minor SOC groups end in 0 (29-1060, 25-1000); stripping the zeros gives the
    prefix every detailed code under them shares. Major groups (29-0000) are not expanded:
    a value for a whole major group says little about any one occupation in it.
    """
    if code in known:
        return {code}, "direct"
    if code in patches:
        found = {c for c in patches[code] if c in known}
        return found, "patch" if found else "none"
    prefix = code.rstrip("0")
    if prefix != code and len(prefix) > len("29-"):
        found = {c for c in known if c.startswith(prefix)}
        return found, "broad" if found else "none"
    return set(), "none"


def _link_soc2010(
    codes: Iterable[str], to_isco: Mapping[str, set[str]], report: _Report
) -> dict[str, set[str]]:
    """Source SOC 2010 code -> ISCO unit groups."""
    links: dict[str, set[str]] = {}
    for code in codes:
        socs, how = _resolve_soc(code, to_isco, _SOC2010_PATCHES)
        isco = set().union(*(to_isco[s] for s in socs)) if socs else set()
        _record(code, isco, how, links, report)
    return links


def _link_soc2018(
    codes: Iterable[str],
    to_soc2010: Mapping[str, set[str]],
    to_isco: Mapping[str, set[str]],
    report: _Report,
) -> dict[str, set[str]]:
    """Source SOC 2018 code -> ISCO unit groups, through every SOC 2010 code it came from."""
    links: dict[str, set[str]] = {}
    for code in codes:
        socs18, how = _resolve_soc(code, to_soc2010, _SOC2018_PATCHES)
        socs10 = set().union(*(to_soc2010[s] for s in socs18)) if socs18 else set()
        isco = set().union(*(to_isco.get(s, set()) for s in socs10)) if socs10 else set()
        _record(code, isco, how, links, report)
    return links


def _record(
    code: str, isco: set[str], how: str, links: dict[str, set[str]], report: _Report
) -> None:
    if isco:
        links[code] = isco
        report.linked[how] += 1
    else:
        report.skip(f"no ISCO-08 unit group for {code}")


def _to_isco(values: Mapping[str, float], links: Mapping[str, set[str]]) -> dict[str, float]:
    """ISCO unit group -> unweighted mean over the linked source occupations."""
    collected: dict[str, list[float]] = defaultdict(list)
    for code, isco_codes in links.items():
        for isco in isco_codes:
            collected[isco].append(values[code])
    return {isco: float(np.mean(vals)) for isco, vals in sorted(collected.items())}


def _collapse_onet(
    values: Mapping[str, float], to_soc2018: Mapping[str, str], report: _Report
) -> dict[str, float]:
    """Average O*NET-SOC occupations into their 6-digit SOC 2018 occupation."""
    collected: dict[str, list[float]] = defaultdict(list)
    for onet, value in values.items():
        soc = to_soc2018.get(onet)
        if soc is None:
            report.skip("O*NET-SOC 2019 code not in the O*NET->SOC 2018 crosswalk")
        else:
            collected[soc].append(value)
    return {soc: sum(vals) / len(vals) for soc, vals in collected.items()}
