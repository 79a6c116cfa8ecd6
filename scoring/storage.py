"""Reading the fitted skill values and keeping score cards with a knowledge-base build.

The model itself (``model.py``, ``card.py``) does no I/O; this module is the edge: it loads
``scoring/data/skill_values.json`` (shipped with the package), computes every card when a
knowledge base is built, and stores them in ``scores.sqlite`` inside that build, so that a
lookup is one indexed read and a reload swaps scores together with everything else.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Mapping
from dataclasses import astuple
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from knowledge.esco import EscoData
from knowledge.skill_kinds import skill_ancestors, skill_groups, skill_kinds
from scoring.card import (
    DisruptionParts,
    FactorPercentiles,
    OccupationInput,
    OccupationRef,
    ScoreCard,
    ScoreRow,
    score_all,
)
from scoring.drivers import SkillDriver
from scoring.model import FACTORS, SkillLink
from scoring.moves import Move

SCORES_FILE = "scores.sqlite"
# Bump when a card gains or changes a key without the scores changing: builds are remade.
CARD_FORMAT = "2"


class ScoringDataError(Exception):
    """The shipped skill values are missing, unreadable or do not cover the export."""


SKILL_VALUES = "data/skill_values.json"
MIN_COVERAGE = 0.95  # share of the linked skills that must have values


def _values_file() -> bytes:
    try:
        return resources.files("scoring").joinpath(SKILL_VALUES).read_bytes()
    except OSError as problem:
        raise ScoringDataError(f"scoring/{SKILL_VALUES} is unusable: {problem}") from problem


@lru_cache(maxsize=1)
def _payload() -> dict:
    try:
        payload = json.loads(_values_file().decode("utf-8"))
        if not isinstance(payload.get("model_version"), str):
            raise ValueError("no model_version")
        skills = payload["skills"]
        if not all(isinstance(v, list) and len(v) == len(FACTORS) for v in skills.values()):
            raise ValueError(f"every skill needs {len(FACTORS)} values")
    except (ValueError, KeyError, AttributeError, TypeError) as problem:
        raise ScoringDataError(f"scoring/{SKILL_VALUES} is unusable: {problem}") from problem
    return payload


def skill_values_digest() -> str:
    """A short fingerprint of the shipped skill values: what a build records of them. (Any
    change of a value makes new cards; reading the file whole took 0.05 s of each start.)"""
    return hashlib.sha256(_values_file()).hexdigest()[:16]


def skill_values() -> tuple[str, dict[str, list[float]], dict]:
    """(model version, skill uri -> [vulnerability, automation, complementarity], fit notes)."""
    payload = _payload()
    return payload["model_version"], payload["skills"], payload.get("fitted", {})


def group_adjustments() -> dict[str, dict[str, float]]:
    """factor -> ISCO-08 group code prefix -> points added to an occupation's factor."""
    return _payload().get("group_adjustments", {})


def occupation_inputs(esco: EscoData) -> list[OccupationInput]:
    ancestors = skill_ancestors(esco)  # walked once for both
    kinds, groups = skill_kinds(esco, ancestors), skill_groups(esco, ancestors)
    links: dict[str, list[SkillLink]] = {uri: [] for uri in esco.occupations}
    for r in esco.relations:
        skill = esco.skills[r.skill_uri]
        links[r.occupation_uri].append(
            SkillLink(
                r.skill_uri,
                skill.label,
                r.relation_type == "essential",
                kinds[r.skill_uri],
                groups[r.skill_uri],
            )
        )
    return [
        OccupationInput(o.uri, o.label, o.isco_group, sorted(links[o.uri], key=lambda s: s.uri))
        for o in sorted(esco.occupations.values(), key=lambda o: o.uri)
    ]


def write_scores(esco: EscoData, build_dir: Path) -> dict:
    """Score every occupation of ``esco`` into ``build_dir``; returns notes for the manifest."""
    started = time.perf_counter()
    version, values, fitted = skill_values()
    linked = {r.skill_uri for r in esco.relations}
    covered = len(linked & values.keys()) / len(linked) if linked else 1.0
    if covered < MIN_COVERAGE:
        raise ScoringDataError(
            f"the skill values cover {covered:.0%} of this export's linked skills "
            f"(need {MIN_COVERAGE:.0%}): refit with bench/fit_scoring.py for this ESCO version"
        )
    cards = score_all(occupation_inputs(esco), values, version, esco.version, group_adjustments())
    # Written under a temporary name and renamed: a failure leaves no partial scores behind.
    final, partial = build_dir / SCORES_FILE, build_dir / (SCORES_FILE + ".partial")
    partial.unlink(missing_ok=True)
    con = sqlite3.connect(partial)
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
                    *astuple(c.row()),
                    json.dumps(c.to_json(), ensure_ascii=False, sort_keys=True),
                )
                for c in cards.values()
            ],
        )
        con.commit()
    finally:
        con.close()
    partial.replace(final)
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

    def card(self, uri: str) -> ScoreCard | None:
        row = self._con.execute("SELECT card FROM cards WHERE uri = ?", (uri,)).fetchone()
        return card_from_json(json.loads(row[0])) if row else None

    def all_cards(self) -> list[ScoreCard]:
        rows = self._con.execute("SELECT card FROM cards ORDER BY uri").fetchall()
        return [card_from_json(json.loads(row[0])) for row in rows]

    def table(self) -> list[ScoreRow]:
        rows = self._con.execute(
            f"SELECT {', '.join(self.COLUMNS)} FROM cards ORDER BY uri"
        ).fetchall()
        return [ScoreRow(*r) for r in rows]


def card_from_json(data: Mapping[str, Any]) -> ScoreCard:
    """A stored card back as typed values: the one place that reads a card by its keys.

    Cards stored by model 1.x lack the newer keys; they read with the defaults."""
    parts = data.get("disruption_parts")
    pct = data.get("factor_percentiles")
    return ScoreCard(
        occupation=OccupationRef(**data["occupation"]),
        skill_vulnerability=data["skill_vulnerability"],
        task_automation=data["task_automation"],
        ai_complementarity=data["ai_complementarity"],
        disruption=data["disruption"],
        band=data["band"],
        percentile=data["percentile"],
        vulnerable_skills=[SkillDriver(**d) for d in data["vulnerable_skills"]],
        resilient_skills=[SkillDriver(**d) for d in data["resilient_skills"]],
        related_safer=[_move(m) for m in data["related_safer"]],
        model_version=data["model_version"],
        esco_version=data["esco_version"],
        band_meaning=data.get("band_meaning", ""),
        disruption_parts=DisruptionParts(**parts) if parts else None,
        factor_percentiles=FactorPercentiles(**pct) if pct else None,
        adjustments=dict(data.get("adjustments", {})),
        essential_skills=data.get("essential_skills", 0),
    )


def _move(data: Mapping[str, Any]) -> Move:
    return Move(
        uri=data["uri"],
        label=data["label"],
        disruption=data["disruption"],
        shared_skills=list(data.get("shared_skills", [])),
        skills_to_learn=list(data.get("skills_to_learn", [])),
        further_study=bool(data.get("further_study", False)),
        similarity=float(data.get("similarity", 0.0)),
    )


__all__ = [
    "SCORES_FILE",
    "ScoreCard",
    "ScoreRow",
    "Scores",
    "ScoringDataError",
    "card_from_json",
    "skill_values",
    "write_scores",
]
