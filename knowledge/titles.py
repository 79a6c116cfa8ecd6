"""Real vacancy titles tagged with ESCO occupations, used as extra labels.

ESCO's own labels are tidy ("software developer"); people and job boards are not ("Cloud
Engineers AWS", "Rider Partner Lalamove"). A file of real titles tagged with an occupation
(the JobBERT *validation* split by default: MIT, TechWolf) gives the resolver a memory of how
titles are really written. Its test split is never read here: it is only for benchmarks.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

from knowledge.esco import EscoSourceError
from knowledge.store import TitleRow


def fold_of(title: str) -> int:
    """A stable half (0 or 1) for a title, so tuning can hold one half of the memory out."""
    return hashlib.sha256(title.casefold().encode("utf-8")).digest()[0] & 1


def read_titles(path: Path, occupation_index: dict[str, int]) -> tuple[list[TitleRow], int]:
    """Rows ``<index>,<title>,<occupation uri>``; returns the titles and how many were skipped.

    Titles with an unknown occupation or an empty text are skipped and counted; the same title
    tagged with the same occupation twice is kept once.
    """
    rows: list[TitleRow] = []
    seen: set[tuple[str, int]] = set()
    skipped = 0
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if not header or len(header) < 3:
                raise EscoSourceError(f"{path}: expected columns <index>,<title>,<occupation uri>")
            for record in reader:
                if len(record) < 3:
                    skipped += 1
                    continue
                title, uri = " ".join(record[1].split()), record[2].strip()
                occ = occupation_index.get(uri)
                if not title or occ is None:
                    skipped += 1
                    continue
                key = (title.casefold(), occ)
                if key in seen:
                    continue
                seen.add(key)
                rows.append(TitleRow(len(rows), occ, title, fold_of(title)))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise EscoSourceError(f"{path}: cannot read the titles file ({exc})") from exc
    return rows, skipped
