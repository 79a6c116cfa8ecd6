"""Published occupation-level AI measures ("anchors") mapped to ISCO-08 unit groups.

The project scores ESCO occupations, whose finest shared coding with the literature is the
ISCO-08 4-digit unit group. Published measures come in ISCO-08, SOC 2010, SOC 2018 or
O*NET-SOC 2019, so each one is brought to ISCO-08 before it can be compared with a model
score. The data live read-only in ``shared/anchors`` (see its README.md, AGREEMENT.md and
each folder's SOURCE.md); they are read at run time, never copied.

Crosswalk chains (the CSV copies in ``anchors/crosswalks``; the .xls/.xlsx originals are not
read, so no spreadsheet library is needed):

* ISCO-08 measures (ILO, IMF) are used directly; IMF rows above unit-group level are dropped.
* SOC 2010 -> ISCO-08 with ``bls_isco08_to_soc2010.csv`` (BLS, many-to-many).
* SOC 2018 -> SOC 2010 with ``soc2010_to_soc2018_crosswalk.csv`` (read backwards), then as
  above.
* O*NET-SOC 2019 -> SOC 2018 with ``onet_soc_2019_to_soc2018_crosswalk.csv``; O*NET
  occupations sharing a SOC 2018 code are first averaged into one SOC occupation. (Eloundou's
  codes are already O*NET-SOC 2019, so ``onet_soc_2010_to_2019_crosswalk.csv`` is not needed.)

Each ISCO unit group gets the unweighted mean of the source occupations linked to it, the
method AGREEMENT.md uses; employment weights are not available for every source. Source codes
missing from a crosswalk are linked the way AGREEMENT.md does, so results can be compared with
its tables: SOC broad / minor group codes (ending in 0) expand to every crosswalk code under
them, and the OES aggregate codes listed there are patched to their detailed codes. Anything
still unlinked, and any row with a malformed code or value, is counted and skipped with one
logged warning per anchor: one odd row must not stop an evaluation.
"""

from __future__ import annotations

import csv
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

MIN_GROUP_SIZE = 5  # smallest ISCO major group that within_major_rho uses

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


# --------------------------------------------------------------------------- anchor loaders


Loader = Callable[[Path, _Crosswalks, _Report], dict[str, float]]


def _ilo_2025(directory: Path, xw: _Crosswalks, report: _Report) -> dict[str, float]:
    path = directory / "ilo_genai_exposure_2025" / "ilo_genai_exposure_isco08_occupations.csv"
    return dict(sorted(_read_values(path, "isco08", "mean_score_2025", _ISCO4, report).items()))


def ilo_gradients(directory: Path) -> dict[str, str]:
    """ISCO-08 unit group -> ILO 2025 exposure gradient ("Not Exposed", "Minimal Exposure",
    "Exposed: Gradient 1" ... "Exposed: Gradient 4"); empty if the file is unreadable."""
    path = Path(directory) / "ilo_genai_exposure_2025" / "ilo_genai_exposure_isco08_occupations.csv"
    try:
        rows = _read_rows(path, ("isco08", "gradient_2025"))
    except _SourceProblem as problem:
        log.warning("ILO 2025 gradients skipped: %s", problem)
        return {}
    return {
        code: (row.get("gradient_2025") or "").strip()
        for row in rows
        if (code := _code(row.get("isco08"), _ISCO4)) and (row.get("gradient_2025") or "").strip()
    }


def _imf(column: str) -> Loader:
    """Loader for one IMF column, unit groups only (the file also has higher ISCO levels)."""

    def load(directory: Path, xw: _Crosswalks, report: _Report) -> dict[str, float]:
        path = directory / "imf_complementarity_caioe" / "c_aioe_scores_isco08.csv"
        codes = {
            code
            for row in _read_rows(path, ("occup_isco",))
            if (code := _code(row.get("occup_isco"), _ISCO4))
        }
        values = _read_values(path, "occup_isco", column, _ISCO4, report)
        return {c: v for c, v in sorted(values.items()) if _is_unit_group(c, codes)}

    return load


def _is_unit_group(code: str, all_codes: set[str]) -> bool:
    """IMF codes are zero-padded at every level: x000 major, xx00 sub-major, xxx0 minor.

    A minor-group code is a unit group when nothing else shares its first three digits
    (ISCO 1120 is both minor group 112 and its only unit group).
    """
    if code.endswith("00"):
        return False
    if not code.endswith("0"):
        return True
    return not any(c != code and c[:3] == code[:3] for c in all_codes)


def _soc2010_anchor(relpath: str, code_col: str, value_col: str) -> Loader:
    """Loader for a SOC 2010 source: values -> ISCO through the BLS crosswalk."""

    def load(directory: Path, xw: _Crosswalks, report: _Report) -> dict[str, float]:
        values = _read_values(directory / relpath, code_col, value_col, _SOC, report)
        return _to_isco(values, _link_soc2010(values, xw.soc2010_to_isco, report))

    return load


def _soc2018_anchor(relpath: str, code_col: str, value_col: str) -> Loader:
    """Loader for a SOC 2018 source: values -> SOC 2010 -> ISCO."""

    def load(directory: Path, xw: _Crosswalks, report: _Report) -> dict[str, float]:
        values = _read_values(directory / relpath, code_col, value_col, _SOC, report)
        links = _link_soc2018(values, xw.soc2018_to_soc2010, xw.soc2010_to_isco, report)
        return _to_isco(values, links)

    return load


def _eloundou(value_col: str) -> Loader:
    """Loader for Eloundou et al.: O*NET-SOC 2019 -> SOC 2018 -> SOC 2010 -> ISCO."""

    def load(directory: Path, xw: _Crosswalks, report: _Report) -> dict[str, float]:
        path = directory / "eloundou_gpts_are_gpts" / "occ_level.csv"
        onet = _read_values(path, "O*NET-SOC Code", value_col, _ONET, report)
        values = _collapse_onet(onet, xw.onet2019_to_soc2018, report)
        links = _link_soc2018(values, xw.soc2018_to_soc2010, xw.soc2010_to_isco, report)
        return _to_isco(values, links)

    return load


_CHAIN_2018 = "SOC 2018 -> SOC 2010 -> ISCO-08"

# name -> (description, loader)
_ANCHORS: dict[str, tuple[str, Loader]] = {
    "ilo_2025": (
        "ILO GenAI exposure 2025 (Gmyrek et al. 2025), mean_score_2025 0-1; "
        "higher = more exposed to generative AI; ISCO-08 direct",
        _ilo_2025,
    ),
    "imf_theta": (
        "IMF complementarity theta (Pizzinelli et al. 2023), complementarity_theta 0-1; "
        "higher = more complementary to AI (shielded); ISCO-08 direct",
        _imf("complementarity_theta"),
    ),
    "imf_c_aioe": (
        "IMF complementarity-adjusted AIOE (Pizzinelli et al. 2023), c_aioe; "
        "higher = more exposed and less complementary (substitution); ISCO-08 direct",
        _imf("c_aioe"),
    ),
    "frey_osborne": (
        "Frey & Osborne 2013 probability of computerisation 0-1; "
        "higher = more automatable (pre-LLM); SOC 2010 -> ISCO-08",
        _soc2010_anchor(
            "frey_osborne/frey_osborne_2013_probability_computerisation_soc2010.csv",
            "SOC code",
            "Probability",
        ),
    ),
    "felten_lm_aioe": (
        "Felten, Raj & Seamans 2023 Language-Modeling AIOE, lm_aioe (standardised); "
        "higher = more exposed to language models; SOC 2010 -> ISCO-08",
        _soc2010_anchor("felten_aioe/aioe_by_soc2010.csv", "soc_code", "lm_aioe"),
    ),
    "eloundou_human_beta": (
        "Eloundou et al. 2024 GPTs are GPTs, human_rating_beta 0-1; higher = more exposed "
        "to LLMs; O*NET-SOC 2019 -> " + _CHAIN_2018,
        _eloundou("human_rating_beta"),
    ),
    "microsoft_ai_applicability": (
        "Microsoft (Tomlinson et al. 2025) ai_applicability_score from Bing Copilot use; "
        "higher = generative AI more applicable; " + _CHAIN_2018,
        _soc2018_anchor(
            "microsoft_working_with_ai/soc_ai_applicability_scores.csv",
            "SOC Code",
            "ai_applicability_score",
        ),
    ),
    "anthropic_observed_exposure": (
        "Anthropic (Massenkoff & McCrory 2026) observed_exposure 0-1; higher = more work "
        "seen done with Claude, automation-weighted; " + _CHAIN_2018,
        _soc2018_anchor(
            "anthropic_labor_market_impacts/job_exposure_observed_exposure_soc2018.csv",
            "occ_code",
            "observed_exposure",
        ),
    ),
}


def load_anchors(directory: Path) -> dict[str, Anchor]:
    """Every anchor whose files are readable, keyed by name.

    An anchor whose file or column is missing is left out with a warning rather than failing
    the whole load, so an evaluation can still run on the remaining anchors.
    """
    directory = Path(directory)
    crosswalks = _Crosswalks(directory)
    anchors: dict[str, Anchor] = {}
    for name, (description, loader) in _ANCHORS.items():
        report = _Report()
        try:
            values = loader(directory, crosswalks, report)
        except _SourceProblem as problem:
            log.warning("anchor %s skipped: %s", name, problem)
            continue
        _log_report(name, report, len(values))
        anchors[name] = Anchor(name=name, description=description, values=values)
    return anchors


def _log_report(name: str, report: _Report, n_codes: int) -> None:
    linked = ", ".join(f"{how} {n}" for how, n in sorted(report.linked.items()))
    via = f"; source codes linked: {linked}" if linked else ""
    log.info("anchor %s: %d ISCO-08 unit groups%s", name, n_codes, via)
    if report.skipped:
        total = sum(report.skipped.values())
        reasons = "; ".join(f"{why}: {n}" for why, n in sorted(report.skipped.items()))
        log.warning("anchor %s: skipped %d source rows (%s)", name, total, reasons)


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
