"""The scoring model: pure functions, the cards stored with a build, and the CLI contract."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from scoring.card import OccupationInput, score_all
from scoring.model import (
    BANDS,
    SkillLink,
    band,
    disruption,
    factor,
    group_adjustment,
    percentiles,
)
from scoring.storage import skill_values
from scoring.vocabulary import BAND_MEANINGS
from tests.test_cli import run

VALUES = {"a": [80.0, 10.0, 20.0], "b": [20.0, 90.0, 60.0], "c": [50.0, 50.0, 50.0]}


def test_major_group_adjustment_is_added_and_the_factor_stays_in_range():
    skills = [SkillLink("a", "A", True)]
    assert factor("task_automation", skills, VALUES, adjustment=5.0).value == 15.0
    assert factor("task_automation", skills, VALUES, adjustment=-50.0).value == 0.0
    assert factor("ai_complementarity", [SkillLink("b", "B", True)], VALUES, 60.0).value == 100


def test_factor_is_the_weighted_mean_and_contributions_add_up():
    skills = [SkillLink("a", "A", True), SkillLink("b", "B", False), SkillLink("x", "X", True)]
    f = factor("skill_vulnerability", skills, VALUES)
    assert f.value == pytest.approx((2 * 80 + 1 * 20) / 3, abs=0.01)
    assert sum(c.contribution for c in f.contributions) == pytest.approx(f.value, abs=0.01)
    assert [c.uri for c in f.contributions] == ["a", "b"]  # "x" has no value: skipped


def test_percentiles_and_band_edges():
    pct = percentiles({"p": 1.0, "q": 2.0, "r": 2.0, "s": 3.0})
    assert pct == {"p": 12.5, "q": 50.0, "r": 50.0, "s": 87.5}
    edges = [0, 19.99, 20, 39.99, 40, 59.99, 60, 100]
    assert [band(x) for x in edges] == [
        "low",
        "low",
        "moderate",
        "moderate",
        "high",
        "high",
        "very high",
        "very high",
    ]
    assert set(BAND_MEANINGS) == {name for _, name in BANDS}


def test_disruption_is_exposure_shielded_by_complementarity_and_decomposes():
    d = disruption(80.0, 40.0, 50.0)
    # exposure 0.75 x 80 + 0.25 x 40 = 70; complementarity 50 shields 0.47 x 50% of it
    assert (d.genai, d.automation, d.shield, d.value) == (60.0, 10.0, 16.45, 53.55)
    assert d.genai + d.automation - d.shield == pytest.approx(d.value)
    assert disruption(80.0, 40.0, 0.0).value == 70.0  # nothing shields it
    assert disruption(80.0, 40.0, 100.0).value == 37.1  # full complementarity: 53% is left
    assert disruption(80.0, 40.0, 130.0).value == 37.1  # the shield is capped at 100
    # little exposure means little disruption however little AI complements the work
    assert disruption(0.0, 0.0, 0.0).value == 0.0
    assert disruption(10.0, 10.0, 0.0).value == 10.0
    # automation counts: same generative-AI exposure, more automation, higher score
    assert disruption(50.0, 90.0, 50.0).value > disruption(50.0, 10.0, 50.0).value


def test_group_adjustment_takes_the_most_specific_isco_prefix():
    adjust = {"2": 1.0, "21": 2.0, "214": 3.0, "2142": 4.0}
    assert group_adjustment("2142", adjust) == 4.0
    assert group_adjustment("2143", adjust) == 3.0
    assert group_adjustment("2151", adjust) == 2.0
    assert group_adjustment("2611", adjust) == 1.0
    assert group_adjustment("9111", adjust) == 0.0


def _job(uri, isco, essential, optional=(), kinds=None):
    kinds = kinds or {}
    return OccupationInput(
        uri,
        uri.removeprefix("o:"),
        isco,
        [SkillLink(s, s.upper(), True, kinds.get(s, "skill")) for s in essential]
        + [SkillLink(s, s.upper(), False, kinds.get(s, "skill")) for s in optional],
    )


def test_drivers_come_from_essential_skills_and_tools_never_keep_value():
    values = {
        "hot": [95.0, 95.0, 5.0],
        "warm": [60.0, 60.0, 40.0],
        "cool": [30.0, 30.0, 60.0],
        "cold": [5.0, 5.0, 95.0],
        "fringe": [100.0, 100.0, 0.0],  # optional: more extreme, never shown
        "tool": [1.0, 1.0, 99.0],  # a software product: least exposed, never "keeps value"
    }
    essential = ["hot", "warm", "cool", "cold", "tool"]
    job = _job("o:job", "4110", essential, ["fringe"], {"tool": "tool"})
    card = score_all([job], values, "test", "1.1.1")["o:job"]
    shown = card.vulnerable_skills + card.resilient_skills
    assert all(d.essential for d in shown)
    assert "FRINGE" not in {d.label for d in shown}
    assert card.vulnerable_skills[0].label == "HOT"
    assert card.vulnerable_skills[0].exposed_to == "both"
    assert card.resilient_skills[0].label == "COLD"
    assert "TOOL" not in {d.label for d in card.resilient_skills}
    assert not {d.uri for d in card.vulnerable_skills} & {d.uri for d in card.resilient_skills}


def test_another_health_profession_is_never_a_move():
    """A nurse sharing every core skill with a much safer dentist is not told to become one,
    with further study or without; a GP may still specialise, and a care worker's move to a
    lower-level job is untouched."""
    values = {
        **{u: [90.0, 90.0, 10.0] for u in ("c1", "c2", "c3")},
        **{u: [5.0, 5.0, 90.0] for u in ("n1", "n2")},
        **{f"f{i}": [50.0, 50.0, 50.0] for i in range(6)},
    }
    jobs = [
        _job("o:nurse", "2221", ["c1", "c2", "c3"]),
        _job("o:dentist", "2261", ["c1", "c2", "c3", "n1", "n2"]),
        _job("o:physio", "2264", ["c1", "c2", "c3", "n1"]),
        _job("o:gp", "2211", ["c1", "c2", "c3"]),
        _job("o:specialist", "2212", ["c1", "c2", "c3", "n1", "n2"]),
        _job("o:carer", "5321", ["c1", "c2", "c3"]),
        _job("o:porter", "9629", ["c1", "c2", "c3", "n1"]),
        *[_job(f"o:filler{i}", "9111", [f"f{i}", "n1", "n2"]) for i in range(6)],
    ]
    cards = score_all(jobs, values, "test", "1.1.1")
    assert [m.uri for m in cards["o:nurse"].related_safer] == ["o:porter"]
    assert "o:specialist" in [m.uri for m in cards["o:gp"].related_safer]
    assert "o:dentist" not in [m.uri for m in cards["o:physio"].related_safer]
    assert [m.uri for m in cards["o:carer"].related_safer] == ["o:porter"]


def test_safer_moves_are_lower_plausible_first_and_list_skills_to_learn():
    exposed = {u: [90.0, 90.0, 10.0] for u in ("c1", "c2", "c3", "c4")}
    safe = {u: [5.0, 5.0, 90.0] for u in ("n1", "n2", "n3", "rare")}
    filler = {f"f{i}": [50.0, 50.0, 50.0] for i in range(6)}
    values = {**exposed, **safe, **filler}
    jobs = [
        _job("o:clerk", "4110", ["c1", "c2", "c3", "c4"]),
        # a level-2 job sharing three core skills: plausible, to learn "rare" and "n1"
        _job("o:peer", "5120", ["c1", "c2", "c3", "n1", "rare"]),
        # a professional job sharing all four: needs further study, listed after
        _job("o:professional", "2611", ["c1", "c2", "c3", "c4", "n2", "n3"]),
        # shares every core skill but is no safer: never a move
        _job("o:twin", "4120", ["c1", "c2", "c3", "c4"]),
        *[_job(f"o:filler{i}", "9111", [f"f{i}", "n1", "n2", "n3"]) for i in range(6)],
    ]
    cards = score_all(jobs, values, "test", "1.1.1")
    clerk = cards["o:clerk"]
    moves = clerk.related_safer
    assert [m.uri for m in moves] == ["o:peer", "o:professional"]
    assert [m.further_study for m in moves] == [False, True]
    assert all(m.disruption <= clerk.disruption - 10 for m in moves)
    assert moves[0].skills_to_learn == ["RARE", "N1"]  # the rarer skill first
    assert moves[0].shared_skills == ["C1", "C2", "C3"]


def test_card_parts_add_up_to_the_score():
    values = {"a": [80.0, 10.0, 20.0], "b": [20.0, 90.0, 60.0], "c": [50.0, 50.0, 50.0]}
    jobs = [_job(f"o:{u}", "4110", [u]) for u in values]
    for card in score_all(jobs, values, "test", "1.1.1").values():
        p = card.disruption_parts
        total = p.genai + p.automation - p.complementarity_shield
        assert total == pytest.approx(card.disruption, abs=0.02)
        assert card.band_meaning == BAND_MEANINGS[card.band]


def test_shipped_skill_values_cover_the_related_skills(esco_dir):
    from knowledge.esco import load_esco

    version, values, fitted = skill_values()
    esco = load_esco(esco_dir)
    used = {r.skill_uri for r in esco.relations}
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), version
    assert len(used - set(values)) == 0
    # skill vulnerability is an average of 0-1 task scores (x100); the two fitted factors are
    # linear-model values per skill, unbounded, whose occupation averages land in 0-100
    assert all(0 <= triple[0] <= 100 for triple in values.values())
    assert all(abs(v) < 1000 for triple in values.values() for v in triple[1:])
    assert fitted["ai_complementarity"]["anchor"] == "imf_theta"


CARD_KEYS = {
    "occupation",
    "skill_vulnerability",
    "task_automation",
    "ai_complementarity",
    "disruption",
    "band",
    "percentile",
    "vulnerable_skills",
    "resilient_skills",
    "related_safer",
    "model_version",
    "esco_version",
}


def test_score_json_contract_and_byte_identical_repeats(cli_env):
    first = run(["score", "--json", "industrial production manager"], cli_env)
    assert first.returncode == 0, first.stderr
    card = json.loads(first.stdout)
    assert set(card) >= CARD_KEYS
    assert set(card["occupation"]) == {"uri", "label", "isco_group"}
    assert card["occupation"]["isco_group"] == "1321"
    for key in ("skill_vulnerability", "task_automation", "ai_complementarity", "disruption"):
        assert 0 <= card[key] <= 100
        assert round(card[key], 2) == card[key]
    assert len(card["vulnerable_skills"]) >= 3 and len(card["resilient_skills"]) >= 3
    driver_keys = {"uri", "label", "value", "contribution", "exposed_to", "essential"}
    assert set(card["vulnerable_skills"][0]) >= driver_keys
    assert all(d["essential"] for d in card["vulnerable_skills"] + card["resilient_skills"])
    # the reference case (docs/methodology.md): moderate-to-high, strongly complemented
    assert 30 <= card["disruption"] <= 55
    assert 60 <= card["ai_complementarity"] <= 80
    assert card["related_safer"], "a manager at this score has somewhere safer to go"
    for related in card["related_safer"]:
        assert related["disruption"] <= card["disruption"] - 10
        assert related["shared_skills"]
        assert related["skills_to_learn"]
        assert related["further_study"] is False  # management to management
        assert related["uri"] != card["occupation"]["uri"]
    again = run(["score", "--json", "industrial production manager"], cli_env)
    assert again.stdout == first.stdout


def test_scores_csv_lists_every_occupation(cli_env):
    proc = run(["scores", "--format", "csv"], cli_env)
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert len(rows) == 3007
    assert set(rows[0]) == {
        "uri",
        "label",
        "isco_group",
        "skill_vulnerability",
        "task_automation",
        "ai_complementarity",
        "disruption",
        "band",
        "percentile",
    }
    assert {r["band"] for r in rows} <= {"low", "moderate", "high", "very high"}


def test_validate_prints_the_table(cli_env):
    proc = run(["validate"], cli_env)
    assert proc.returncode == 0, proc.stderr
    assert "| skill_vulnerability | eloundou_human_beta |" in proc.stdout
    assert "held-out odd codes" in proc.stdout
    face = {
        line.split(" | ")[0].strip("| "): line.split(" | ")[-1].strip("| ")
        for line in proc.stdout.splitlines()
        if line.startswith("| ") and line.endswith(("| yes |", "| no |"))
    }
    # the model's face-validity promises (docs/methodology.md) hold on the shipped build
    for check in (
        "consensus-low occupations told high or very high",
        "consensus-high occupations told high or very high",
        "(consensus-high, consensus-low) pairs ordered right",
        "all occupations told high or very high",
        "software or tool products among skills that keep value",
        "moves at least 10 points lower",
        "moves with skills to learn",
    ):
        assert face.get(check) == "yes", (check, proc.stdout)


def test_score_of_a_non_job_is_not_found(cli_env):
    proc = run(["score", "--json", "hello there"], cli_env)
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["status"] == "not_found"


def test_skill_values_that_do_not_cover_the_export_store_no_scores(tmp_path, subset_dir):
    """An export whose skills the shipped values do not know: a clear error, no scores file
    and no partial file left behind."""
    from dataclasses import replace

    from knowledge.esco import Relation, load_esco
    from scoring.storage import SCORES_FILE, ScoringDataError, write_scores

    esco = load_esco(subset_dir)
    unknown = [
        Relation(r.occupation_uri, r.skill_uri + "-unknown", r.relation_type)
        for r in esco.relations
    ]
    with pytest.raises(ScoringDataError, match="cover 0% of this export's linked skills"):
        write_scores(replace(esco, relations=unknown), tmp_path)
    assert list(tmp_path.iterdir()) == []
    write_scores(esco, tmp_path)  # the same folder then takes a good build
    assert [p.name for p in tmp_path.iterdir()] == [SCORES_FILE]


def test_unreadable_skill_values_give_a_clear_error(monkeypatch):
    """Fault injection: the shipped values file is corrupt."""
    from scoring import storage

    storage._payload.cache_clear()
    monkeypatch.setattr(storage, "SKILL_VALUES", "data/does-not-exist.json")
    try:
        with pytest.raises(storage.ScoringDataError, match=r"does-not-exist\.json is unusable"):
            storage.skill_values()
    finally:
        monkeypatch.undo()
        storage._payload.cache_clear()
    assert storage.skill_values()[0] == "2.0.2"
