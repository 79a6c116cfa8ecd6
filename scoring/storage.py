"""Reading the fitted skill values and keeping score cards with a knowledge-base build.

The model itself (``model.py``, ``card.py``) does no I/O; this module is the edge: it loads
``scoring/data/skill_values.json`` (shipped with the package), computes every card when a
knowledge base is built, and stores them in ``scores.sqlite`` inside that build, so that a
lookup is one indexed read and a reload swaps scores together with everything else.
"""

from __future__ import annotations

import json
import sqlite3
import time
from functools import lru_cache
from importlib import resources
from pathlib import Path

from knowledge.esco import EscoData
from scoring.card import OccupationInput, ScoreCard, score_all
from scoring.model import SkillLink

SCORES_FILE = "scores.sqlite"


@lru_cache(maxsize=1)
def _payload() -> dict:
    text = resources.files("scoring").joinpath("data/skill_values.json").read_text("utf-8")
    return json.loads(text)


def skill_values() -> tuple[str, dict[str, list[float]], dict]:
    """(model version, skill uri -> [vulnerability, automation, complementarity], fit notes)."""
    payload = _payload()
    return payload["model_version"], payload["skills"], payload["fitted"]


def major_group_adjustments() -> dict[str, dict[str, float]]:
    """factor -> ISCO major group -> points added to an occupation's factor."""
    return _payload().get("major_group_adjustments", {})


def occupation_inputs(esco: EscoData) -> list[OccupationInput]:
    links: dict[str, list[SkillLink]] = {uri: [] for uri in esco.occupations}
    for r in esco.relations:
        skill = esco.skills[r.skill_uri]
        links[r.occupation_uri].append(
            SkillLink(r.skill_uri, skill.label, r.relation_type == "essential")
        )
    return [
        OccupationInput(o.uri, o.label, o.isco_group, sorted(links[o.uri], key=lambda s: s.uri))
        for o in sorted(esco.occupations.values(), key=lambda o: o.uri)
    ]


def write_scores(esco: EscoData, build_dir: Path) -> dict:
    """Score every occupation of ``esco`` into ``build_dir``; returns notes for the manifest."""
    started = time.perf_counter()
    version, values, fitted = skill_values()
    cards = score_all(
        occupation_inputs(esco), values, version, esco.version, major_group_adjustments()
    )
    con = sqlite3.connect(build_dir / SCORES_FILE)
    try:
        con.execute(
            "CREATE TABLE cards (uri TEXT PRIMARY KEY, label TEXT, isco_group TEXT, "
            "skill_vulnerability REAL, task_automation REAL, ai_complementarity REAL, "
            "disruption REAL, band TEXT, percentile REAL, card TEXT NOT NULL)"
        )
        con.executemany(
            "INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    c.occupation["uri"],
                    c.occupation["label"],
                    c.occupation["isco_group"],
                    c.skill_vulnerability,
                    c.task_automation,
                    c.ai_complementarity,
                    c.disruption,
                    c.band,
                    c.percentile,
                    json.dumps(c.to_json(), ensure_ascii=False, sort_keys=True),
                )
                for c in cards.values()
            ],
        )
        con.commit()
    finally:
        con.close()
    return {
        "model_version": version,
        "occupations_scored": len(cards),
        "seconds": round(time.perf_counter() - started, 2),
        "fitted": fitted,
    }


class Scores:
    """Read-only score cards of one build."""

    COLUMNS = (
        "uri",
        "label",
        "isco_group",
        "skill_vulnerability",
        "task_automation",
        "ai_complementarity",
        "disruption",
        "band",
        "percentile",
    )

    def __init__(self, build_dir: Path):
        path = build_dir / SCORES_FILE
        if not path.is_file():
            raise FileNotFoundError(path)
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    def card(self, uri: str) -> dict | None:
        row = self._con.execute("SELECT card FROM cards WHERE uri = ?", (uri,)).fetchone()
        return json.loads(row[0]) if row else None

    def table(self) -> list[dict]:
        rows = self._con.execute(
            f"SELECT {', '.join(self.COLUMNS)} FROM cards ORDER BY uri"
        ).fetchall()
        return [dict(zip(self.COLUMNS, r, strict=True)) for r in rows]


__all__ = ["SCORES_FILE", "ScoreCard", "Scores", "skill_values", "write_scores"]
