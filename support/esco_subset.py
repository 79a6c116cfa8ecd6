"""A small real slice of the ESCO export, written as plain CSV: for tests and benches that need
a real but quick knowledge base (copied rows, never invented ones)."""

from __future__ import annotations

import csv
import gzip
import io
import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NESTOR_SHARED", REPO.parent / "shared"))
ESCO = Path(os.environ.get("NESTOR_ESCO_SOURCE", SHARED / "esco"))
PROBE_LABELS = ("software developer", "baker", "plate glass installer", "welder", "accountant")


def _read(name: str) -> tuple[list[str], list[list[str]]]:
    with io.TextIOWrapper(gzip.open(ESCO / f"{name}.gz"), encoding="utf-8", newline="") as h:
        rows = list(csv.reader(h))
    return rows[0], rows[1:]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def write_subset(target: Path, n_occupations: int = 120, layout: str = "1.1") -> Path:
    """Copy a real slice of the ESCO export: n occupations (plus a few named ones), their
    relations and skills, all ISCO groups. ``layout="1.2"`` uses the v1.2.x file names and
    adds the label columns v1.2.x relation files carry."""
    target.mkdir(parents=True, exist_ok=True)
    occ_header, occ_rows = _read("occupations_en.csv")
    label_col, uri_col = occ_header.index("preferredLabel"), occ_header.index("conceptUri")
    chosen = occ_rows[:n_occupations] + [r for r in occ_rows if r[label_col] in PROBE_LABELS]
    uris = {r[uri_col] for r in chosen}
    _write(target / "occupations_en.csv", occ_header, chosen)

    rel_header, rel_rows = _read("occupationSkillRelations.csv")
    rels = [r for r in rel_rows if r[0] in uris]
    rels.append(
        [
            "http://data.europa.eu/esco/occupation/not-in-this-export",
            "essential",
            "knowledge",
            rels[0][3],
        ]
    )
    skill_uris = {r[3] for r in rels}
    skill_header, skill_rows = _read("skills_en.csv")
    _write(target / "skills_en.csv", skill_header, [r for r in skill_rows if r[1] in skill_uris])
    labels = {r[uri_col]: r[label_col] for r in chosen}
    if layout == "1.2":
        rel_header = [
            "occupationUri",
            "occupationLabel",
            "relationType",
            "skillType",
            "skillUri",
            "skillLabel",
        ]
        rels = [[r[0], labels.get(r[0], ""), r[1], r[2], r[3], ""] for r in rels]
        _write(target / "occupationSkillRelations_en.csv", rel_header, rels)
    else:
        _write(target / "occupationSkillRelations.csv", rel_header, rels)
    for name in ("ISCOGroups_en.csv", "broaderRelationsOccPillar.csv"):
        header, rows = _read(name)
        out = (
            name if layout != "1.2" or name.startswith("ISCO") else name.replace(".csv", "_en.csv")
        )
        _write(target / out, header, rows)
    # A short row (trailing fields omitted), as in the real skillsHierarchy file.
    if layout != "1.2":
        with (target / "broaderRelationsOccPillar.csv").open("a", encoding="utf-8") as handle:
            handle.write("Occupation,http://data.europa.eu/esco/occupation/short-row\n")
    (target / "SOURCE.md").write_text("Subset of ESCO version 1.1.1 for tests.\n", "utf-8")
    return target
