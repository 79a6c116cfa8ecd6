"""Shared evaluation code for the resolution benchmarks (used by resolution.py and tune.py).

Protocol (as in ../shared/research/resolution.md): rank ESCO occupations for each query
(the resolver's candidates, best first, top 10); MRR@10, acc@1 and acc@5 at concept level.
A ``not_found`` answer ranks nothing (reciprocal rank 0).
"""

from __future__ import annotations

import csv
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from bot.settings import Settings

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"


def shared_benchmarks() -> Path:
    settings = Settings()
    return Path(
        os.environ.get(
            "NESTOR_BENCHMARKS", settings.esco_source.parent / "benchmarks" / "jobtitles"
        )
    )


@dataclass
class Score:
    name: str
    n: int
    mrr10: float
    acc1: float
    acc5: float
    seconds: float
    not_found: int

    @property
    def per_second(self) -> float:
        return self.n / self.seconds if self.seconds else 0.0

    def row(self) -> str:
        return (
            f"| {self.name} | {self.n} | {self.mrr10:.3f} | {self.acc1:.3f} | {self.acc5:.3f} | "
            f"{self.per_second:.0f}/s | {self.not_found} |"
        )


def evaluate(resolver, items: list[tuple[str, str]], name: str, batch: int = 512) -> Score:
    """Rank occupations for each (query, gold uri) pair with the resolver's batch path."""
    rr = a1 = a5 = 0.0
    nf = 0
    started = time.perf_counter()
    for start in range(0, len(items), batch):
        chunk = items[start : start + batch]
        results = resolver.resolve_batch([q for q, _ in chunk], top_k=10)
        for (_, gold), res in zip(chunk, results, strict=True):
            if res.status == "not_found":
                nf += 1
            ranked = [c.uri for c in res.candidates]
            if gold in ranked:
                pos = ranked.index(gold)
                rr += 1.0 / (pos + 1)
                a1 += pos == 0
                a5 += pos < 5
    seconds = time.perf_counter() - started
    n = len(items)
    return Score(name, n, rr / n, a1 / n, a5 / n, seconds, nf)


def melo_items(occupation_uris: set[str]) -> list[tuple[str, str]]:
    """The MELO USA-en-en queries whose gold is an ESCO occupation (590 of 633)."""
    base = shared_benchmarks() / "melo_usa_en"
    queries = dict(
        line.rstrip("\n").split("\t") for line in (base / "queries.tsv").open(encoding="utf-8")
    )
    concept = dict(
        line.rstrip("\n").split("\t")
        for line in (base / "concept_mapping.tsv").open(encoding="utf-8")
    )
    gold: dict[str, str] = {}
    for line in (base / "annotations.tsv").open(encoding="utf-8"):
        qid, _, cid, _ = line.split()
        gold[qid] = concept[cid]
    return [(queries[q], uri) for q, uri in sorted(gold.items()) if uri in occupation_uris]


def jobbert_items(split: str) -> list[tuple[str, str]]:
    """JobBERT titles: ``test`` (titles.test.csv, all rows) or ``validation`` (titles.csv)."""
    name = "titles.test.csv" if split == "test" else "titles.csv"
    with (shared_benchmarks() / "jobbert" / name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    return [(r[1], r[2]) for r in rows if len(r) >= 3]


def conversational_items() -> list[tuple[str, list[str] | None]]:
    """Our own chat-style questions: acceptable preferred labels, or None for no job."""
    out: list[tuple[str, list[str] | None]] = []
    for line in (BENCH / "data" / "conversational.tsv").open(encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        question, expected = line.rstrip("\n").split("\t")
        out.append((question, None if expected == "NOT_FOUND" else expected.split("|")))
    return out


def evaluate_conversational(resolver) -> dict:
    items = conversational_items()
    results = resolver.resolve_batch([q for q, _ in items], top_k=5)
    job_ok = job_n = non_ok = non_n = 0
    misses: list[str] = []
    for (question, expected), res in zip(items, results, strict=True):
        first = res.candidates[0].label if res.candidates else None
        if expected is None:
            non_n += 1
            ok = res.status == "not_found"
            non_ok += ok
        else:
            job_n += 1
            ok = res.status != "not_found" and first in expected
            job_ok += ok
        if not ok:
            misses.append(f"{question!r}: {res.status} {first!r} (expected {expected})")
    return {
        "jobs": job_n,
        "jobs_right_first": job_ok / job_n,
        "non_jobs": non_n,
        "non_jobs_not_found": non_ok / non_n,
        "misses": misses,
    }


def save(name: str, payload: dict) -> Path:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False), "utf-8")
    return path
