"""The odd/even split that makes the factor validation honest: task automation and AI
complementarity are fitted on even ISCO-08 unit groups only, and ``validate`` reports the odd
ones as the held-out part. These tests change the held-out anchor values and show that nothing
fitted moves, and that the reported parts are the split the fit used."""

from __future__ import annotations

import numpy as np
import pytest

from bench.fit_scoring import fit_anchor
from scoring.validation.checks import _parts


class SyntheticDesign:
    """The three arrays ``fit_anchor`` reads, for 60 unit groups and 40 skills."""

    def __init__(self, seed: int = 7):
        rng = np.random.default_rng(seed)
        majors = "123456789"
        self.codes = sorted({f"{majors[i % 9]}{i % 7}{i % 5}{i % 10}" for i in range(60)})
        self.x_skill = rng.normal(size=(40, 6))
        mix = rng.dirichlet(np.ones(40), size=len(self.codes))
        self.x_group = mix @ self.x_skill


def anchor_for(design: SyntheticDesign, seed: int) -> dict[str, float]:
    rng = np.random.default_rng(seed)
    return {c: float(0.3 + 0.5 * rng.random()) for c in design.codes}


@pytest.mark.parametrize("scale", ["unit", "range"])
def test_held_out_odd_codes_never_reach_the_fitted_values(scale):
    design = SyntheticDesign()
    anchor = anchor_for(design, seed=1)
    changed = dict(anchor)
    for code in anchor:
        if int(code[-1]) % 2 == 1:
            changed[code] = 5.0 if code.endswith("1") else -3.0  # far outside the even range
    per_skill, offsets, notes = fit_anchor(design, anchor, scale)
    per_skill_2, offsets_2, notes_2 = fit_anchor(design, changed, scale)
    np.testing.assert_array_equal(per_skill, per_skill_2)
    assert offsets == offsets_2 and notes == notes_2
    assert notes["train_codes"] == sum(int(c[-1]) % 2 == 0 for c in design.codes)


def test_changing_an_even_code_does_move_the_fit():
    """The check above could pass with a fit that ignores every anchor value."""
    design = SyntheticDesign()
    anchor = anchor_for(design, seed=1)
    even = next(c for c in design.codes if int(c[-1]) % 2 == 0)
    changed = dict(anchor, **{even: anchor[even] + 0.4})
    assert not np.array_equal(fit_anchor(design, anchor, "unit")[0],
                              fit_anchor(design, changed, "unit")[0])  # fmt: skip


def test_validation_reports_the_odd_codes_as_held_out():
    values = {"2511": 0.1, "2512": 0.2, "7212": 0.3, "7213": 0.4, "9629": 0.5}
    held_out, fitted = _parts("even", values)
    assert held_out == ("held-out odd codes", {"2511", "7213", "9629"})
    assert fitted == ("fitted even codes", {"2512", "7212"})
    [(label, codes)] = _parts("odd", values)
    assert codes == {"2511", "7213", "9629"} and "held out" in label
    [(label, codes)] = _parts("never", values)
    assert codes is None and label == "all (never fitted)"
