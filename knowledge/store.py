"""The structured half of the knowledge base: ESCO in one SQLite file.

Chroma holds vectors; everything else an answer needs (labels, descriptions, ISCO groups,
skills, relations, build metadata) is here, so a lookup is one indexed read. The file is
written once by a build and then opened read-only (``mode=ro``): a running bot can never
change the knowledge base it answers from.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from knowledge.esco import EscoData

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE occupations (
    idx INTEGER PRIMARY KEY,            -- dense index used by the resolver's arrays
    uri TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    description TEXT NOT NULL,
    isco_group TEXT NOT NULL,
    code TEXT NOT NULL
);
CREATE TABLE labels (
    id INTEGER PRIMARY KEY,             -- also the Chroma id (as text)
    occupation_idx INTEGER NOT NULL REFERENCES occupations(idx),
    text TEXT NOT NULL,
    kind TEXT NOT NULL                  -- preferred | alternative | hidden
);
CREATE TABLE titles (                   -- real vacancy titles tagged with an occupation
    id INTEGER PRIMARY KEY,
    occupation_idx INTEGER NOT NULL REFERENCES occupations(idx),
    text TEXT NOT NULL,
    fold INTEGER NOT NULL               -- stable hash half, so tuning can hold one half out
);
CREATE TABLE isco_groups (code TEXT PRIMARY KEY, uri TEXT, label TEXT, description TEXT);
CREATE TABLE skills (
    uri TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    skill_type TEXT NOT NULL,
    reuse_level TEXT NOT NULL,
    description TEXT NOT NULL,
    alt_labels TEXT NOT NULL            -- JSON list
);
CREATE TABLE relations (
    occupation_uri TEXT NOT NULL,
    skill_uri TEXT NOT NULL,
    relation_type TEXT NOT NULL,
    PRIMARY KEY (occupation_uri, skill_uri)
);
-- how many occupations have an essential skill that begins with each verb ("write": 323)
CREATE TABLE work_verb_spread (verb TEXT PRIMARY KEY, occupations INTEGER NOT NULL);
-- the verbs, and two-word starts, of skill labels ("cut", "take blood"): see work_verbs()
CREATE TABLE work_verbs (words TEXT PRIMARY KEY);
CREATE TABLE occupation_broader (concept_uri TEXT NOT NULL, broader_uri TEXT NOT NULL);
CREATE TABLE skill_broader (concept_uri TEXT NOT NULL, broader_uri TEXT NOT NULL);
CREATE INDEX labels_by_occupation ON labels(occupation_idx);
CREATE INDEX relations_by_skill ON relations(skill_uri);
"""


@dataclass(frozen=True, slots=True)
class OccupationRow:
    idx: int
    uri: str
    label: str
    description: str
    isco_group: str
    code: str


@dataclass(frozen=True, slots=True)
class LabelRow:
    id: int
    occupation_idx: int
    text: str
    kind: str


@dataclass(frozen=True, slots=True)
class TitleRow:
    id: int
    occupation_idx: int
    text: str
    fold: int


def label_rows(esco: EscoData) -> list[LabelRow]:
    """Every label of every occupation, in a stable order (the build hash depends on it)."""
    rows: list[LabelRow] = []
    for idx, occ in enumerate(sorted(esco.occupations.values(), key=lambda o: o.uri)):
        alt = {a.casefold() for a in occ.alt_labels}
        for n, text in enumerate(occ.all_labels):
            if n == 0:
                kind = "preferred"
            elif text.casefold() in alt:
                kind = "alternative"
            else:
                kind = "hidden"
            rows.append(LabelRow(len(rows), idx, text, kind))
    return rows


def work_verb_spread(esco: EscoData) -> dict[str, int]:
    """Per first word of a skill label: how many occupations have such a skill as essential.
    A verb many jobs do ("write", "check") names no job by its agent noun ("writer")."""
    doers: dict[str, set[str]] = defaultdict(set)
    for r in esco.relations:
        skill = esco.skills.get(r.skill_uri)
        if r.relation_type != "essential" or skill is None or not skill.label.split():
            continue
        if skill.skill_type == "skill/competence":
            doers[skill.label.split()[0].casefold()].add(r.occupation_uri)
    return {verb: len(occupations) for verb, occupations in doers.items()}


def work_verbs(esco: EscoData) -> frozenset[str]:
    """The first word of every ESCO skill ("unload cargo", "keep records", "cut hair"): the
    verbs people describe their work with; and the first two words of every skill label,
    alternative ones too ("take blood", "keep records"), for the verbs said of anything
    ("take", "keep") that say work only with their object."""
    skills = [s for s in esco.skills.values() if s.skill_type == "skill/competence"]
    out = {s.label.split()[0].casefold() for s in skills if s.label.split()}
    for skill in skills:
        for text in (skill.label, *skill.alt_labels):
            first_two = text.casefold().split()[:2]
            if len(first_two) == 2:
                out.add(" ".join(first_two))
    return frozenset(out)


def write_store(
    path: Path,
    esco: EscoData,
    labels: list[LabelRow],
    titles: list[TitleRow],
    meta: dict[str, object],
) -> None:
    """Write a new store file. Fails if ``path`` exists: builds never overwrite."""
    if path.exists():
        raise FileExistsError(path)
    con = sqlite3.connect(path)
    try:
        con.executescript(SCHEMA)
        occupations = sorted(esco.occupations.values(), key=lambda o: o.uri)
        con.executemany(
            "INSERT INTO occupations VALUES (?,?,?,?,?,?)",
            [
                (i, o.uri, o.label, o.description, o.isco_group, o.code)
                for i, o in enumerate(occupations)
            ],
        )
        con.executemany(
            "INSERT INTO labels VALUES (?,?,?,?)",
            [(r.id, r.occupation_idx, r.text, r.kind) for r in labels],
        )
        con.executemany(
            "INSERT INTO titles VALUES (?,?,?,?)",
            [(t.id, t.occupation_idx, t.text, t.fold) for t in titles],
        )
        con.executemany(
            "INSERT INTO isco_groups VALUES (?,?,?,?)",
            [(g.code, g.uri, g.label, g.description) for g in esco.isco_groups.values()],
        )
        con.executemany(
            "INSERT INTO skills VALUES (?,?,?,?,?,?)",
            [
                (
                    s.uri,
                    s.label,
                    s.skill_type,
                    s.reuse_level,
                    s.description,
                    json.dumps(s.alt_labels),
                )
                for s in esco.skills.values()
            ],
        )
        con.executemany(
            "INSERT INTO relations VALUES (?,?,?)",
            [(r.occupation_uri, r.skill_uri, r.relation_type) for r in esco.relations],
        )
        con.executemany(
            "INSERT INTO work_verb_spread VALUES (?,?)", sorted(work_verb_spread(esco).items())
        )
        con.executemany(
            "INSERT INTO work_verbs VALUES (?)", [(w,) for w in sorted(work_verbs(esco))]
        )
        con.executemany(
            "INSERT INTO occupation_broader VALUES (?,?)",
            [(b.concept_uri, b.broader_uri) for b in esco.occupation_broader],
        )
        con.executemany(
            "INSERT INTO skill_broader VALUES (?,?)",
            [(b.concept_uri, b.broader_uri) for b in esco.skill_broader],
        )
        con.executemany(
            "INSERT INTO meta VALUES (?,?)", [(k, json.dumps(v)) for k, v in meta.items()]
        )
        con.commit()
    finally:
        con.close()


class Store:
    """Read-only access to a built store file."""

    def __init__(self, path: Path):
        if not path.is_file():
            raise FileNotFoundError(path)
        self.path = path
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    def close(self) -> None:
        self._con.close()

    def _rows(self, sql: str, args: Iterable[object] = ()) -> Iterator[tuple]:
        return iter(self._con.execute(sql, tuple(args)).fetchall())

    def meta(self) -> dict[str, object]:
        return {k: json.loads(v) for k, v in self._rows("SELECT key, value FROM meta")}

    def count(self, table: str) -> int:
        if table not in {"occupations", "labels", "titles", "skills", "relations", "isco_groups"}:
            raise ValueError(table)
        return int(self._con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def occupations(self) -> list[OccupationRow]:
        return [OccupationRow(*r) for r in self._rows("SELECT * FROM occupations ORDER BY idx")]

    def labels(self) -> list[LabelRow]:
        return [LabelRow(*r) for r in self._rows("SELECT * FROM labels ORDER BY id")]

    def title_occupations(self) -> np.ndarray:
        """The occupation of each vacancy title, in title order."""
        rows = self._rows("SELECT occupation_idx FROM titles ORDER BY id")
        return np.fromiter((r[0] for r in rows), dtype=np.int64)

    def description(self, uri: str) -> str:
        row = self._con.execute(
            "SELECT description FROM occupations WHERE uri = ?", (uri,)
        ).fetchone()
        # (a few ESCO descriptions hold no-break spaces, some of them mis-encoded as "Â ")
        return row[0].replace("\u00c2\u00a0", " ").replace("\u00a0", " ") if row else ""

    def catalog(self) -> list[tuple[str, str]]:
        """(preferred label, "skill" | "occupation") of everything an answer could name."""
        rows = self._rows(
            "SELECT label, 'skill' FROM skills UNION SELECT label, 'occupation' FROM occupations"
        )
        return [(r[0], r[1]) for r in rows]

    def work_verbs(self) -> frozenset[str]:
        """The verbs people describe their work with (``work_verbs``), as the build wrote
        them: computing them here took a fifth of a second of every start."""
        return frozenset(r[0] for r in self._rows("SELECT words FROM work_verbs"))

    def skill_documents(self) -> list[str]:
        """Per occupation (in index order), the words of the labels and alternative labels of
        its skills, essential and optional, each word once: the words a description of its
        work may use. (Once: many skills about horses do not make an occupation more about
        horses; on the tune half and the fresh sets, 1934 right against 1929 with repeats.)"""
        texts: dict[str, list[str]] = defaultdict(list)
        rows = self._rows(
            "SELECT r.occupation_uri, s.label, s.alt_labels FROM relations r"
            " JOIN skills s ON s.uri = r.skill_uri WHERE s.skill_type = 'skill/competence'"
            " ORDER BY r.occupation_uri, s.uri"
        )
        for occupation, label, alternatives in rows:
            texts[occupation] += [label, *json.loads(alternatives)]
        return [
            " ".join(dict.fromkeys(" ".join(texts[o.uri]).casefold().split()))
            for o in self.occupations()
        ]

    def common_work_verbs(self, min_occupations: int) -> frozenset[str]:
        """The verbs that begin an essential skill of at least ``min_occupations``
        occupations (``work_verb_spread``); none from a build older than format 7, which
        did not count them (its agent nouns all name jobs, as they did)."""
        sql = "SELECT verb FROM work_verb_spread WHERE occupations >= ?"
        try:
            return frozenset(r[0] for r in self._rows(sql, (min_occupations,)))
        except sqlite3.OperationalError:  # no such table
            return frozenset()

    def isco_label(self, code: str) -> str | None:
        row = self._con.execute("SELECT label FROM isco_groups WHERE code = ?", (code,)).fetchone()
        return row[0] if row else None
