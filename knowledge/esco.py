"""Read the official ESCO CSV export into typed records.

The export comes gzipped or not, in the v1.1.x layout (language-neutral relation files
without the ``_en`` suffix) or the v1.2.x layout (relation files with ``_en`` and extra label
columns). Columns are always selected by name, so both layouts read the same way.

Real exports have quirks (relations that point to an occupation missing from the export,
short rows with trailing fields omitted, mixed line endings). They are counted in a
:class:`LoadReport`, never raised, because one odd row must not stop a knowledge-base build.
A missing or unreadable *file* is different: it raises :class:`EscoSourceError` naming it.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

csv.field_size_limit(10_000_000)

T = TypeVar("T")


class EscoSourceError(Exception):
    """The ESCO export is missing, unreadable or not an ESCO export. The message names the file."""


@dataclass(frozen=True, slots=True)
class Occupation:
    uri: str
    label: str
    alt_labels: tuple[str, ...]
    hidden_labels: tuple[str, ...]
    description: str
    isco_group: str
    code: str

    @property
    def all_labels(self) -> tuple[str, ...]:
        """Preferred label first, then alternative and hidden labels, without duplicates."""
        seen: dict[str, None] = {}
        for label in (self.label, *self.alt_labels, *self.hidden_labels):
            if label and label.casefold() not in {s.casefold() for s in seen}:
                seen[label] = None
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Skill:
    uri: str
    label: str
    alt_labels: tuple[str, ...]
    skill_type: str  # "skill/competence", "knowledge" or "" (a handful in v1.1.1)
    reuse_level: str  # "transversal", "cross-sector", "sector-specific", "occupation-specific"
    description: str


@dataclass(frozen=True, slots=True)
class Relation:
    occupation_uri: str
    skill_uri: str
    relation_type: str  # "essential" or "optional"


@dataclass(frozen=True, slots=True)
class IscoGroup:
    uri: str
    code: str
    label: str
    description: str


@dataclass(frozen=True, slots=True)
class Broader:
    """One edge of a hierarchy: ``concept_uri`` is narrower than ``broader_uri``."""

    concept_uri: str
    broader_uri: str


@dataclass(slots=True)
class LoadReport:
    """What the loader met on the way: counts per file and data quirks it skipped."""

    rows: dict[str, int] = field(default_factory=dict)
    quirks: dict[str, int] = field(default_factory=dict)

    def count(self, quirk: str, n: int = 1) -> None:
        self.quirks[quirk] = self.quirks.get(quirk, 0) + n

    def lines(self) -> list[str]:
        out = [f"{name}: {n} rows" for name, n in sorted(self.rows.items())]
        out += [f"quirk: {name}: {n}" for name, n in sorted(self.quirks.items())]
        return out


@dataclass(slots=True)
class EscoData:
    version: str
    source: Path
    occupations: dict[str, Occupation]
    skills: dict[str, Skill]
    relations: list[Relation]
    isco_groups: dict[str, IscoGroup]
    occupation_broader: list[Broader]
    skill_broader: list[Broader]
    report: LoadReport
    skill_group_codes: dict[str, str] = field(default_factory=dict)  # group URI -> "S2.2", "061"


# Logical file -> the names it has in the v1.1.x and v1.2.x layouts (each also gzipped).
_FILES: dict[str, tuple[str, ...]] = {
    "occupations": ("occupations_en.csv",),
    "skills": ("skills_en.csv",),
    "relations": ("occupationSkillRelations.csv", "occupationSkillRelations_en.csv"),
    "isco_groups": ("ISCOGroups_en.csv",),
    "occupation_broader": ("broaderRelationsOccPillar.csv", "broaderRelationsOccPillar_en.csv"),
    "skill_broader": ("broaderRelationsSkillPillar.csv", "broaderRelationsSkillPillar_en.csv"),
    "skill_groups": ("skillGroups_en.csv",),
}
_REQUIRED = ("occupations", "skills", "relations")
_COLUMNS: dict[str, tuple[str, ...]] = {
    "occupations": ("conceptUri", "preferredLabel"),
    "skills": ("conceptUri", "preferredLabel"),
    "relations": ("occupationUri", "relationType", "skillUri"),
    "isco_groups": ("conceptUri", "code", "preferredLabel"),
    "occupation_broader": ("conceptUri", "broaderUri"),
    "skill_broader": ("conceptUri", "broaderUri"),
    "skill_groups": ("conceptUri", "code"),
}


def find_file(source: Path, logical: str) -> Path | None:
    """The path of a logical ESCO file in ``source``, trying each layout, plain then gzipped."""
    for name in _FILES[logical]:
        for candidate in (source / name, source / f"{name}.gz"):
            if candidate.is_file():
                return candidate
    return None


def source_files(source: Path) -> list[Path]:
    """Every ESCO file the loader would read from ``source`` (for hashing a build's input)."""
    return [p for logical in _FILES if (p := find_file(source, logical)) is not None]


def detect_version(source: Path) -> str:
    """ESCO version of an export: from a ``*.md`` note beside it if one names it, else layout.

    The CSV files themselves carry no version, so a layout guess (``1.1.x`` or ``1.2.x``) is
    the honest fallback; the setting ``NESTOR_ESCO_VERSION`` overrides both.
    """
    for note in sorted(source.glob("*.md")):
        match = re.search(r"\bv(?:ersion)?\s*(\d+\.\d+\.\d+)", note.read_text("utf-8", "replace"))
        if match:
            return match.group(1)
    relations = find_file(source, "relations")
    if relations is not None and "_en" in relations.name:
        return "1.2.x"
    return "1.1.x"


def _open_text(path: Path) -> io.TextIOBase:
    """A text handle on a plain or gzipped CSV; the caller closes it (``with``)."""
    raw = gzip.open(path, "rb") if path.name.endswith(".gz") else path.open("rb")  # noqa: SIM115
    return io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")


def _rows(path: Path, logical: str, report: LoadReport) -> Iterator[dict[str, str]]:
    """Yield rows as dicts with missing trailing fields filled with ""; count short rows."""
    needed = _COLUMNS[logical]
    try:
        with _open_text(path) as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None:
                raise EscoSourceError(f"{path}: the file is empty (expected an ESCO CSV header)")
            missing = [c for c in needed if c not in header]
            if missing:
                raise EscoSourceError(
                    f"{path}: not an ESCO {logical} file, missing column(s) {', '.join(missing)}"
                )
            width = len(header)
            n = 0
            for record in reader:
                if not record or all(not cell.strip() for cell in record):
                    continue
                if len(record) < width:
                    report.count(f"{path.name}: short rows (trailing fields omitted)")
                    record = record + [""] * (width - len(record))
                n += 1
                yield dict(zip(header, record, strict=False))
            report.rows[path.name] = n
    except (OSError, EOFError, UnicodeDecodeError, csv.Error, gzip.BadGzipFile) as exc:
        raise EscoSourceError(f"{path}: cannot read it ({type(exc).__name__}: {exc})") from exc


def _multi(value: str) -> tuple[str, ...]:
    """ESCO multi-valued cells hold one value per line."""
    return tuple(dict.fromkeys(v.strip() for v in value.split("\n") if v.strip()))


def _concepts(
    rows: Iterator[dict[str, str]],
    kind: str,
    report: LoadReport,
    make: Callable[[str, str, dict[str, str]], T],
) -> dict[str, T]:
    """Concepts by URI; rows without a URI or label, and repeated URIs, are counted and skipped."""
    out: dict[str, T] = {}
    for row in rows:
        uri, label = row["conceptUri"].strip(), row["preferredLabel"].strip()
        if not uri or not label:
            report.count(f"{kind} rows without a URI or preferred label")
        elif uri in out:
            report.count(f"duplicate {kind} rows")
        else:
            out[uri] = make(uri, label, row)
    return out


def _relations(path: Path, occupations: dict, skills: dict, report: LoadReport) -> list[Relation]:
    """Occupation-skill relations whose both ends are in the export, each pair once."""
    relations: list[Relation] = []
    seen_pairs: set[tuple[str, str]] = set()
    for row in _rows(path, "relations", report):
        occ, skill = row["occupationUri"].strip(), row["skillUri"].strip()
        kind = row["relationType"].strip().lower()
        if occ not in occupations:
            report.count("relations to an occupation missing from the export")
            continue
        if skill not in skills:
            report.count("relations to a skill missing from the export")
            continue
        if kind not in ("essential", "optional"):
            report.count("relations with an unknown relationType")
            continue
        if (occ, skill) in seen_pairs:
            report.count("duplicate occupation-skill relations")
            continue
        seen_pairs.add((occ, skill))
        relations.append(Relation(occ, skill, kind))
    return relations


def _group_codes(path: Path | None, report: LoadReport) -> dict[str, str]:
    """Skill group URI -> its code (S2.2, T1, 061...): what a skill's hierarchy means."""
    if path is None:
        report.count("skillGroups_en.csv missing: skill groups unavailable")
        return {}
    codes: dict[str, str] = {}
    for row in _rows(path, "skill_groups", report):
        uri = row["conceptUri"].strip()
        # ISCED-F fields (knowledge) carry their code in the URI, not in the code column
        code = row["code"].strip() or (uri.rsplit("/", 1)[-1] if "/isced-f/" in uri else "")
        if uri and code:
            codes[uri] = code
    return codes


def _isco_groups(path: Path | None, report: LoadReport) -> dict[str, IscoGroup]:
    if path is None:
        report.count("ISCOGroups_en.csv missing: ISCO group names unavailable")
        return {}
    groups: dict[str, IscoGroup] = {}
    for row in _rows(path, "isco_groups", report):
        code = row["code"].strip()
        groups[code] = IscoGroup(
            uri=row["conceptUri"].strip(),
            code=code,
            label=row["preferredLabel"].strip(),
            description=row.get("description", "").strip(),
        )
    return groups


def load_esco(source: Path, version: str | None = None) -> EscoData:
    """Load the export in ``source``. Raises :class:`EscoSourceError` naming a bad file."""
    source = Path(source)
    if not source.is_dir():
        raise EscoSourceError(
            f"{source}: no ESCO export here. Download the ESCO CSV export (classification, "
            "English) from https://esco.ec.europa.eu/en/use-esco/download, unzip it, and set "
            "NESTOR_ESCO_SOURCE to that folder."
        )
    paths: dict[str, Path | None] = {logical: find_file(source, logical) for logical in _FILES}
    for logical in _REQUIRED:
        if paths[logical] is None:
            names = " or ".join(f"{n}[.gz]" for n in _FILES[logical])
            raise EscoSourceError(f"{source}: missing {names} (an ESCO CSV export file)")
    report = LoadReport()

    occupations = _concepts(
        _rows(paths["occupations"], "occupations", report),  # type: ignore[arg-type]
        "occupation",
        report,
        lambda uri, label, row: Occupation(
            uri=uri,
            label=label,
            alt_labels=_multi(row.get("altLabels", "")),
            hidden_labels=_multi(row.get("hiddenLabels", "")),
            description=row.get("description", "").strip(),
            isco_group=row.get("iscoGroup", "").strip(),
            code=row.get("code", "").strip(),
        ),
    )
    skills = _concepts(
        _rows(paths["skills"], "skills", report),  # type: ignore[arg-type]
        "skill",
        report,
        lambda uri, label, row: Skill(
            uri=uri,
            label=label,
            alt_labels=_multi(row.get("altLabels", "")),
            skill_type=row.get("skillType", "").strip(),
            reuse_level=row.get("reuseLevel", "").strip(),
            description=row.get("description", "").strip(),
        ),
    )

    relations = _relations(paths["relations"], occupations, skills, report)  # type: ignore[arg-type]
    isco_groups = _isco_groups(paths["isco_groups"], report)

    def edges(logical: str) -> list[Broader]:
        path = paths[logical]
        if path is None:
            report.count(f"{_FILES[logical][0]} missing: hierarchy unavailable")
            return []
        return [
            Broader(row["conceptUri"].strip(), row["broaderUri"].strip())
            for row in _rows(path, logical, report)
            if row["conceptUri"].strip() and row["broaderUri"].strip()
        ]

    if not occupations:
        raise EscoSourceError(f"{paths['occupations']}: no occupations in the file")
    return EscoData(
        version=version or detect_version(source),
        source=source,
        occupations=occupations,
        skills=skills,
        relations=relations,
        isco_groups=isco_groups,
        occupation_broader=edges("occupation_broader"),
        skill_broader=edges("skill_broader"),
        report=report,
        skill_group_codes=_group_codes(paths["skill_groups"], report),
    )
