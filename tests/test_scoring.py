"""The scoring model: pure functions, the cards stored with a build, and the CLI contract."""

from __future__ import annotations

import csv
import io
import json

import pytest

from scoring.card import OccupationInput, score_all
from scoring.model import SkillLink, band, factor, percentiles
from scoring.storage import skill_values
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


def test_percentiles_and_bands():
    pct = percentiles({"p": 1.0, "q": 2.0, "r": 2.0, "s": 3.0})
    assert pct == {"p": 12.5, "q": 50.0, "r": 50.0, "s": 87.5}
    assert [band(x) for x in (10, 30, 50, 90)] == ["low", "moderate", "high", "very high"]


def test_cards_rank_drivers_and_find_safer_related_jobs():
    shared = [SkillLink(u, u.upper(), True) for u in ("s1", "s2", "s3")]
    values = {
        **{u: [50.0, 50.0, 50.0] for u in ("s1", "s2", "s3")},
        "hot": [95.0, 95.0, 5.0],
        "cold": [5.0, 5.0, 95.0],
    }
    occs = [
        OccupationInput("o:exposed", "exposed job", "4110", [*shared, SkillLink("hot", "H", True)]),
        OccupationInput("o:safe", "safe job", "2221", [*shared, SkillLink("cold", "C", True)]),
    ]
    cards = score_all(occs, values, "test", "1.1.1")
    exposed, safe = cards["o:exposed"], cards["o:safe"]
    assert exposed.disruption > safe.disruption
    assert exposed.vulnerable_skills[0].label == "H"
    assert exposed.vulnerable_skills[0].exposed_to == "both"
    assert safe.resilient_skills[0].label == "C"
    assert [r.uri for r in exposed.related_safer] == ["o:safe"]
    assert exposed.related_safer[0].shared_skills == ["S1", "S2", "S3"]
    assert safe.related_safer == []


def test_shipped_skill_values_cover_the_related_skills(esco_dir):
    from knowledge.esco import load_esco

    version, values, fitted = skill_values()
    esco = load_esco(esco_dir)
    used = {r.skill_uri for r in esco.relations}
    assert version
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
    assert set(card["vulnerable_skills"][0]) >= {"uri", "label", "value", "contribution"}
    for related in card["related_safer"]:
        assert related["disruption"] <= card["disruption"] - 10
        assert related["shared_skills"]
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


def test_score_of_a_non_job_is_not_found(cli_env):
    proc = run(["score", "--json", "hello there"], cli_env)
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["status"] == "not_found"
