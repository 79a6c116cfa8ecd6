"""Published AI-exposure anchors: coverage, the industrial-production-managers check, rank stats.

The anchors are read from the real ../shared/anchors. Broken-input cases use a temporary
folder that links the real crosswalks and adds small hand-written source files.
"""

from __future__ import annotations

import csv
import logging
import math
from pathlib import Path

import pytest

from scoring.validation import (
    Anchor,
    centred_rho,
    ilo_gradients,
    load_anchors,
    spearman,
    unit_group_rho,
    within_major_rho,
)

ANCHORS = Path(__file__).resolve().parents[2] / "shared" / "anchors"
REFERENCE = ANCHORS / "reference_values_industrial_production_managers.csv"

# Unit groups covered by each anchor (counted on the real data; the BLS crosswalk reaches 441
# ISCO codes, ESCO uses 426). Ranges leave room for a corrected source file.
COVERAGE = {
    "ilo_2025": (420, 430),  # 427
    "imf_theta": (425, 436),  # 433 of 436 unit groups; armed forces are NA
    "imf_c_aioe": (425, 436),  # 433
    "frey_osborne": (400, 441),  # 420
    "felten_lm_aioe": (400, 441),  # 422
    "eloundou_human_beta": (400, 441),  # 427
    "microsoft_ai_applicability": (400, 441),  # 427
    "anthropic_observed_exposure": (400, 441),  # 418
}

# Published value for SOC 11-3051 / ISCO 1321 in the reference file: (measure, variable).
# ISCO 1321 <-> SOC 2010 11-3051 <-> SOC 2018 11-3051 are one-to-one, so these are exact.
REFERENCE_KEYS = {
    "ilo_2025": ("ILO GenAI exposure (Gmyrek et al.)", "mean_score_2025"),
    "imf_theta": ("IMF Pizzinelli et al. 2023", "complementarity_theta"),
    "imf_c_aioe": ("IMF Pizzinelli et al. 2023", "c_aioe"),
    "frey_osborne": ("Frey & Osborne 2013/2017", "probability_computerisation (rank 107/702)"),
    "felten_lm_aioe": ("Felten-Raj-Seamans AIOE", "lm_aioe"),
    "microsoft_ai_applicability": ("Microsoft Tomlinson et al. 2025", "ai_applicability_score"),
    "anthropic_observed_exposure": (
        "Anthropic labor-market impacts 2026 (observed exposure)",
        "observed_exposure",
    ),
}

# human_rating_beta of O*NET-SOC 11-3051.00, .01, .02, .03, .04, .06 (occ_level.csv), which
# all collapse into SOC 2018 11-3051; the reference file gives only .00 (0.348).
ELOUNDOU_11_3051 = (
    0.3484848484848485,
    0.4716981132075472,
    0.3833333333333333,
    0.17857142857142855,
    0.28125,
    0.3142857142857143,
)


@pytest.fixture(scope="module")
def anchors() -> dict[str, Anchor]:
    if not ANCHORS.is_dir():
        pytest.fail(f"the published anchors are expected at {ANCHORS}")
    return load_anchors(ANCHORS)


def _reference() -> dict[tuple[str, str], str]:
    """(measure, variable) -> value as text (some values are categories such as "Other")."""
    with REFERENCE.open(encoding="utf-8", newline="") as handle:
        return {(r["measure"], r["variable"]): r["value"] for r in csv.DictReader(handle)}


def test_all_anchors_load_with_descriptions(anchors):
    assert set(anchors) == set(COVERAGE)
    for name, anchor in anchors.items():
        assert anchor.name == name
        assert "higher =" in anchor.description
        assert "\n" not in anchor.description


@pytest.mark.parametrize("name", sorted(COVERAGE))
def test_coverage_and_codes(anchors, name):
    values = anchors[name].values
    low, high = COVERAGE[name]
    assert low <= len(values) <= high, len(values)
    assert all(len(code) == 4 and code.isdigit() for code in values)
    assert all(math.isfinite(v) for v in values.values())
    assert "1321" in values


@pytest.mark.parametrize("name", sorted(REFERENCE_KEYS))
def test_manufacturing_managers_match_published_value(anchors, name):
    published = float(_reference()[REFERENCE_KEYS[name]])
    assert anchors[name].values["1321"] == pytest.approx(published, abs=1e-9)


def test_eloundou_collapses_onet_occupations_before_isco(anchors):
    value = anchors["eloundou_human_beta"].values["1321"]
    assert value == pytest.approx(sum(ELOUNDOU_11_3051) / len(ELOUNDOU_11_3051))
    assert min(ELOUNDOU_11_3051) < value < max(ELOUNDOU_11_3051)


def test_imf_keeps_unit_groups_only(anchors):
    theta = anchors["imf_theta"].values
    assert not any(code.endswith("00") for code in theta)
    assert "1120" in theta  # minor group 112 is its own single unit group
    assert "1210" not in theta  # minor group 121 has unit groups 1211-1213
    assert not any(code.startswith("0") for code in theta)  # armed forces are NA


def test_anchor_agreement_matches_agreement_md(anchors):
    """Sanity check of the crosswalk code against AGREEMENT.md (which restricts to ESCO's
    426 unit groups, so allow a few hundredths): ILO vs Eloundou +0.84, ILO vs Felten LM +0.81,
    Frey-Osborne vs IMF theta -0.62."""
    ilo = anchors["ilo_2025"].values
    rho, n = unit_group_rho(ilo, anchors["eloundou_human_beta"].values)
    assert rho == pytest.approx(0.84, abs=0.03) and n > 400
    assert unit_group_rho(ilo, anchors["felten_lm_aioe"].values)[0] == pytest.approx(0.81, abs=0.03)
    fo, theta = anchors["frey_osborne"].values, anchors["imf_theta"].values
    assert unit_group_rho(fo, theta)[0] == pytest.approx(-0.62, abs=0.03)


def test_centred_rho_matches_agreement_md_within_matrix(anchors):
    """AGREEMENT.md, "Within ISCO major group (ranks centred by major group)": ILO 2025 vs
    Eloundou human beta +0.63, vs Felten LM-AIOE +0.55 (on ESCO's unit groups; allow 0.03)."""
    ilo = anchors["ilo_2025"].values
    assert centred_rho(ilo, anchors["eloundou_human_beta"].values)[0] == pytest.approx(
        0.63, abs=0.03
    )
    assert centred_rho(ilo, anchors["felten_lm_aioe"].values)[0] == pytest.approx(0.55, abs=0.03)


def test_centred_rho_removes_the_major_group_effect():
    """Two major groups far apart: overall the sides agree perfectly on the group order, but
    inside each group they disagree, and only the centred figure says so."""
    model = {"1001": 1.0, "1002": 2.0, "1003": 3.0, "9001": 11.0, "9002": 12.0, "9003": 13.0}
    anchor = {"1001": 3.0, "1002": 2.0, "1003": 1.0, "9001": 13.0, "9002": 12.0, "9003": 11.0}
    assert unit_group_rho(model, anchor)[0] > 0.4
    rho, n = centred_rho(model, anchor)
    assert rho == pytest.approx(-1.0) and n == 6


def test_ilo_gradients_read_every_unit_group():
    gradients = ilo_gradients(ANCHORS)
    assert len(gradients) > 400
    assert gradients["4132"].startswith("Exposed: Gradient")  # data entry clerks
    assert gradients["7121"] == "Not Exposed"  # roofers


# --------------------------------------------------------------------------- rank statistics


def test_spearman_hand_example_with_ties():
    # x ranks 1, 2.5, 2.5, 4; y ranks 1, 3, 2, 4. Centred: (-1.5, 0, 0, 1.5) and
    # (-1.5, .5, -.5, 1.5): products sum to 4.5, squares to 4.5 and 5 -> rho = sqrt(0.9).
    assert spearman([1, 2, 2, 3], [10, 30, 20, 40]) == pytest.approx(math.sqrt(0.9))
    assert spearman([3, 1, 2], [30, 10, 20]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    # All-tied pairs: x ranks (1.5, 1.5, 3.5, 3.5), y ranks (1, 2, 3, 4) -> 4/sqrt(20).
    assert spearman([5, 5, 7, 7], [1, 2, 3, 4]) == pytest.approx(4 / math.sqrt(20))


def test_spearman_undefined_cases():
    assert math.isnan(spearman([1, 1, 1], [1, 2, 3]))
    assert math.isnan(spearman([1], [2]))
    with pytest.raises(ValueError):
        spearman([1, 2], [1, 2, 3])
    with pytest.raises(ValueError):
        spearman([1, float("nan")], [1, 2])


def test_unit_group_rho_uses_common_finite_codes():
    model = {"1111": 1.0, "1112": 2.0, "1113": 3.0, "2111": 4.0, "9999": 0.0}
    anchor = {"1111": 1.0, "1112": 2.0, "1113": 3.0, "2111": float("nan"), "3111": 5.0}
    assert unit_group_rho(model, anchor) == (pytest.approx(1.0), 3)
    assert unit_group_rho(model, anchor, codes={"1111", "1112"}) == (pytest.approx(1.0), 2)


def _groups(sizes_and_signs: dict[str, tuple[int, int]]) -> tuple[dict, dict]:
    """Model/anchor dicts where major group g has n codes ranked the same (+1) or reversed."""
    model, anchor = {}, {}
    for major, (n, sign) in sizes_and_signs.items():
        for i in range(n):
            code = f"{major}1{i:02d}"
            model[code] = float(i)
            anchor[code] = float(i if sign > 0 else -i)
    return model, anchor


def test_within_major_rho_ignores_small_groups():
    # Group 1: 5 codes, rho +1; group 2: 4 codes, rho -1 (too small, ignored).
    model, anchor = _groups({"1": (5, +1), "2": (4, -1)})
    assert within_major_rho(model, anchor) == (pytest.approx(1.0), 5)
    # Adding group 3 (6 codes, rho -1) gives the size-weighted mean (5 - 6) / 11.
    model, anchor = _groups({"1": (5, +1), "2": (4, -1), "3": (6, -1)})
    assert within_major_rho(model, anchor) == (pytest.approx(-1 / 11), 11)
    # Restricting codes can push a group below the threshold.
    codes = set(model) - {"1100"}
    assert within_major_rho(model, anchor, codes) == (pytest.approx(-1.0), 6)


def test_within_major_rho_without_qualifying_groups():
    model, anchor = _groups({"1": (4, +1), "2": (3, +1)})
    rho, n = within_major_rho(model, anchor)
    assert math.isnan(rho) and n == 0
    # A constant anchor inside a big enough group has no rho and is skipped too.
    model, anchor = _groups({"1": (6, +1)})
    rho, n = within_major_rho(model, dict.fromkeys(anchor, 1.0))
    assert math.isnan(rho) and n == 0


# --------------------------------------------------------------------------- broken inputs


def _folder_with_crosswalks(tmp_path: Path) -> Path:
    """A temporary anchors folder that links the real crosswalks and no source files."""
    folder = tmp_path / "anchors"
    folder.mkdir()
    (folder / "crosswalks").symlink_to(ANCHORS / "crosswalks", target_is_directory=True)
    return folder


def test_missing_sources_are_skipped_with_a_warning(tmp_path, caplog):
    folder = _folder_with_crosswalks(tmp_path)
    (folder / "ilo_genai_exposure_2025").symlink_to(ANCHORS / "ilo_genai_exposure_2025")
    with caplog.at_level(logging.WARNING, logger="scoring.validation"):
        loaded = load_anchors(folder)
    assert set(loaded) == {"ilo_2025"}
    skipped = [r.getMessage() for r in caplog.records if "skipped:" in r.getMessage()]
    assert len(skipped) == len(COVERAGE) - 1
    assert any("frey_osborne" in m and "missing file" in m for m in skipped)


def test_odd_rows_are_counted_not_fatal(tmp_path, caplog):
    folder = _folder_with_crosswalks(tmp_path)
    (folder / "frey_osborne").mkdir()
    (
        folder / "frey_osborne" / "frey_osborne_2013_probability_computerisation_soc2010.csv"
    ).write_text(
        "Rank,Probability,Label,SOC code,Occupation\n"
        "1,0.03,,11-3051,Industrial production managers\n"  # direct: ISCO 1321
        "2,0.5,,29-1060,Physicians and surgeons\n"  # broad code: expands to 29-106x
        "3,0.9,,29-1111,Registered nurses\n"  # OES code: patched to 29-1141
        "4,NA,,11-1011,Chief executives\n"  # no value
        "5,0.2,,not-a-code,Broken\n"  # malformed code
        "6,0.7,,19-2099,Physical scientists, all other\n"  # only a 3-digit ISCO group
        "7\n",  # short row
        encoding="utf-8",
    )
    (folder / "felten_aioe").mkdir()
    (folder / "felten_aioe" / "aioe_by_soc2010.csv").write_text(
        "soc_code,occupation_title,aioe\n11-3051,Industrial Production Managers,0.5\n",
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING, logger="scoring.validation"):
        loaded = load_anchors(folder)
    assert set(loaded) == {"frey_osborne"}
    fo = loaded["frey_osborne"].values
    assert fo["1321"] == pytest.approx(0.03)
    assert fo["2211"] == pytest.approx(0.5)  # generalist medical practitioners (29-1062)
    assert fo["2221"] == pytest.approx(0.9)  # nursing professionals (29-1141)
    messages = " ".join(r.getMessage() for r in caplog.records)
    assert "frey_osborne: skipped 4 source rows" in messages
    assert "felten_lm_aioe skipped" in messages and "lm_aioe" in messages


def test_civilian_codes_do_not_reach_armed_forces(anchors):
    """SOC 2018 17-3029 absorbed military SOC 2010 55-3017; that must not score ISCO 0310."""
    for anchor in anchors.values():
        assert not any(code.startswith("0") for code in anchor.values), anchor.name
