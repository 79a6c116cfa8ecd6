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

import logging
from collections.abc import Callable
from pathlib import Path

from scoring.validation.crosswalks import (
    _collapse_onet,
    _Crosswalks,
    _link_soc2010,
    _link_soc2018,
    _to_isco,
)
from scoring.validation.sources import (
    _ISCO4,
    _ONET,
    _SOC,
    Anchor,
    _code,
    _read_rows,
    _read_values,
    _Report,
    _SourceProblem,
)

log = logging.getLogger(__name__)

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
