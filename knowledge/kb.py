"""The knowledge base: build it, swap it in atomically, open it, report on it.

Layout under ``<data_dir>/kb/``::

    builds/<build_id>/        one complete build: store.sqlite, chroma/ (embedded mode),
                              nonjob.npy, descriptions.npy (a copy of Chroma's description
                              vectors, scanned exactly), manifest.json (written last: no
                              manifest, no build)
    current -> builds/<id>    symlink, replaced with os.replace() only after validation

A build writes only its own new folder (and, in server mode, collections named after its id),
so a failed, interrupted or invalid build leaves ``current`` and the running bot untouched.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import secrets
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import numpy as np

from knowledge.builds import (
    BuildInProgress,
    KBConfig,
    KnowledgeBaseError,
    _dir_size,
    _looks_like_storage,
    _prune,
    _remove_incomplete,
    _storage_error,
    _swap_current,
    build_lock,
    current_build,
)
from knowledge.embeddings import Embedder
from knowledge.esco import EscoData, EscoSourceError, load_esco, source_files
from knowledge.lexical import LexicalIndexes
from knowledge.skill_index import SkillIndex, build_skill_index
from knowledge.store import LabelRow, OccupationRow, Store, TitleRow, label_rows, write_store
from knowledge.titles import read_titles
from knowledge.vector_build import vectors_indexed
from knowledge.vectors import VectorIndex, VectorStoreError, open_client

BUILD_FORMAT = "10"  # bump when the layout or what is indexed changes (10: work_verbs table)
PROBE_QUESTION = "software developer"


def non_job_messages() -> list[str]:
    text = resources.files("knowledge").joinpath("data/non_job_messages.txt").read_text("utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _hash_inputs(config: KBConfig, model_id: str) -> str:
    digest = hashlib.sha256(f"format={BUILD_FORMAT};model={model_id};".encode())
    inputs = source_files(config.esco_source)
    if config.titles_file and config.titles_file.is_file():
        inputs.append(config.titles_file)
    for path in inputs:
        digest.update(path.name.encode())
        with path.open("rb") as handle:
            for chunk in iter(lambda h=handle: h.read(1 << 20), b""):
                digest.update(chunk)
    digest.update(repr(non_job_messages()).encode())
    return digest.hexdigest()


def lexical_indexes(labels: list[LabelRow], occupations: list, store: Store) -> LexicalIndexes:
    return LexicalIndexes.build(
        [r.text for r in labels],
        [f"{o.label} {o.description}" for o in occupations],
        store.skill_documents(),
    )


@dataclass
class BuildResult:
    build_id: str
    path: Path
    seconds: float
    manifest: dict = field(default_factory=dict)


def build(
    config: KBConfig,
    embedder: Embedder,
    *,
    progress: bool = True,
    validate: Callable[[KnowledgeBase], None] | None = None,
    enrich: Callable[[EscoData, Path], dict] | None = None,
    enrich_version: str = "",
) -> BuildResult:
    """Build a new knowledge base from the ESCO export and swap it in if it validates.

    ``validate`` gets the opened new build and raises to refuse it (the resolver's probe).
    ``enrich`` adds files computed from the ESCO data to the build folder before validation
    (the scores); what it returns goes into the manifest, and ``enrich_version`` into the
    build hash, so a new scoring model makes a new build.

    One build runs per data folder at a time, across processes: a second one raises
    ``BuildInProgress`` at once (``knowledge.builds.build_lock``).
    """
    with build_lock(config):
        return _build(config, embedder, progress, validate, enrich, enrich_version)


def _build(
    config: KBConfig,
    embedder: Embedder,
    progress: bool,
    validate: Callable[[KnowledgeBase], None] | None,
    enrich: Callable[[EscoData, Path], dict] | None,
    enrich_version: str,
) -> BuildResult:
    started = time.perf_counter()
    esco = load_esco(config.esco_source, config.esco_version)
    build_hash = _hash_inputs(config, f"{embedder.model_id};{enrich_version}")
    # Time, inputs, and a random tail: two builds in the same second never share a folder.
    build_id = f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{build_hash[:10]}-{secrets.token_hex(2)}"
    builds = config.root / "builds"
    target = builds / build_id
    try:
        builds.mkdir(parents=True, exist_ok=True)
        _remove_incomplete(builds)
        target.mkdir()
    except OSError as exc:
        raise _storage_error(builds, exc) from exc
    try:
        labels = label_rows(esco)
        titles, skipped_titles = _titles(config, esco)
        occupations = sorted(esco.occupations.values(), key=lambda o: o.uri)
        descriptions = [f"{o.label}. {o.description}" for o in occupations]
        nonjob = non_job_messages()
        index = VectorIndex(open_client(target / "chroma", config.chroma_url), build_id, embedder)
        with vectors_indexed(index, embedder, labels, descriptions, titles, progress):
            np.save(target / "nonjob.npy", embedder.embed(nonjob))
            skills_indexed = build_skill_index(esco, [o.uri for o in occupations], embedder, target)
        np.save(target / "descriptions.npy", index.all_vectors("descriptions"))
        meta = {
            "build_id": build_id,
            "build_hash": build_hash,
            "build_format": BUILD_FORMAT,
            "esco_version": esco.version,
            "esco_source": str(config.esco_source),
            "embedding_model": embedder.model_id,
            "titles_file": str(config.titles_file) if titles else None,
        }
        write_store(target / "store.sqlite", esco, labels, titles, meta)
        store = Store(target / "store.sqlite")
        try:
            lexical_indexes(labels, occupations, store).save(target / "lexical.pkl")
        finally:
            store.close()
        enriched = enrich(esco, target) if enrich is not None else {}
        counts = {
            "occupations": len(occupations),
            "labels": len(labels),
            "titles": len(titles),
            "titles_skipped": skipped_titles,
            "non_job_examples": len(nonjob),
            "skills_indexed": skills_indexed,
        }
        manifest = _manifest(config, meta, esco, counts, enriched)
        opened = KnowledgeBase.open_build(target, config, embedder, manifest=manifest)
        _check_counts(opened, manifest)
        if validate is not None:
            validate(opened)
        manifest["seconds"] = round(time.perf_counter() - started, 1)
        manifest["size_bytes"] = _dir_size(target)
        (target / "manifest.json").write_text(json.dumps(manifest, indent=2), "utf-8")
    except BaseException as exc:
        shutil.rmtree(target, ignore_errors=True)
        if config.chroma_url:
            with contextlib.suppress(Exception):
                VectorIndex(open_client(None, config.chroma_url), build_id, None).drop()
        if isinstance(exc, OSError) or _looks_like_storage(exc):
            raise _storage_error(builds, exc) from exc
        raise
    _swap_current(config, target)
    _prune(config, keep=config.keep_builds)
    return BuildResult(build_id, target, time.perf_counter() - started, manifest)


def _manifest(config: KBConfig, meta: dict, esco: EscoData, counts: dict, enriched: dict) -> dict:
    """What the build's manifest.json says (written last: no manifest, no build)."""
    return {
        **meta,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "chroma": {"mode": "server", "url": config.chroma_url}
        if config.chroma_url
        else {"mode": "embedded"},
        "counts": {
            **counts,
            "skills": len(esco.skills),
            "relations": len(esco.relations),
            "isco_groups": len(esco.isco_groups),
        },
        "load_report": esco.report.lines(),
        "enriched": enriched,
    }


def _titles(config: KBConfig, esco: EscoData) -> tuple[list[TitleRow], int]:
    """Real vacancy titles as extra labels (and how many rows were skipped), if configured."""
    if config.titles_file is None:
        return [], 0
    if not config.titles_file.is_file():
        esco.report.count(f"titles file {config.titles_file} not found: built without it")
        return [], 0
    occ_index = {uri: i for i, uri in enumerate(sorted(esco.occupations))}
    return read_titles(config.titles_file, occ_index)


def _check_counts(kb: KnowledgeBase, manifest: dict) -> None:
    counts = manifest["counts"]
    expected = {
        "labels": counts["labels"],
        "descriptions": counts["occupations"],
        "titles": counts["titles"],
    }
    for kind, n in expected.items():
        got = kb.vectors.count(kind)
        if got != n:
            raise KnowledgeBaseError(f"build invalid: {kind} has {got} vectors, expected {n}")
    if kb.store.count("occupations") != counts["occupations"]:
        raise KnowledgeBaseError("build invalid: occupation count differs between stores")


class OlderBuild(KnowledgeBaseError):
    """The current build was made by an older version: it lacks files this one reads."""


class KnowledgeBase:
    """One opened, immutable build: the store, its vectors and the in-memory lexical indexes.

    A reload opens a new ``KnowledgeBase`` and swaps the reference; this one keeps serving
    whoever still holds it.
    """

    def __init__(
        self,
        path: Path,
        manifest: dict,
        store: Store,
        vectors: VectorIndex,
        non_job_vectors: np.ndarray,
    ):
        self.path = path
        self.manifest = manifest
        self.store = store
        self.vectors = vectors
        self.non_job_vectors = non_job_vectors
        self.occupations: list[OccupationRow] = store.occupations()
        self.labels: list[LabelRow] = store.labels()
        self.label_occ = np.fromiter((r.occupation_idx for r in self.labels), dtype=np.int64)
        self.label_preferred = np.fromiter((r.kind == "preferred" for r in self.labels), dtype=bool)
        # (the vacancy titles themselves live in Chroma; only their occupations are needed)
        self.title_occ = store.title_occupations()
        saved = path / "lexical.pkl"
        lexical = (
            LexicalIndexes.load(saved)
            if saved.is_file()
            else lexical_indexes(self.labels, self.occupations, store)
        )
        self.lexicon = lexical.lexicon
        self.label_bm25 = lexical.labels
        self.description_bm25 = lexical.descriptions
        self.skill_bm25 = getattr(lexical, "skills", None)  # (a pickle older than format 8)
        self.by_uri = {o.uri: o for o in self.occupations}
        # 3,007 description vectors: an exact scan is faster than an HNSW query at this size;
        # read from the build's copy (reading them out of Chroma took 0.12 s of each start).
        self.description_vectors = np.load(path / "descriptions.npy")
        self.skills = SkillIndex.load(path)  # None for a build made without one

    @property
    def build_id(self) -> str:
        return str(self.manifest["build_id"])

    @classmethod
    def open_build(
        cls, path: Path, config: KBConfig, embedder: Embedder, manifest: dict | None = None
    ) -> KnowledgeBase:
        if manifest is None:
            manifest = json.loads((path / "manifest.json").read_text("utf-8"))
        if manifest.get("build_format") != BUILD_FORMAT:  # (its files are not this version's)
            raise OlderBuild(
                f"the knowledge base was built by an older version (build format "
                f"{manifest.get('build_format')}, this one reads {BUILD_FORMAT}): run "
                "`nestorbot kb build`"
            )
        if manifest.get("embedding_model") != embedder.model_id:
            raise KnowledgeBaseError(
                f"the knowledge base was built with {manifest.get('embedding_model')}, but the "
                f"configured embedding model is {embedder.model_id}: run `nestorbot kb build`"
            )
        mode = manifest.get("chroma", {}).get("mode")
        url = config.chroma_url if mode == "server" else None
        if mode == "server" and not url:
            raise KnowledgeBaseError("this build lives in a Chroma server: set NESTOR_CHROMA_URL")
        client = open_client(path / "chroma", url)
        vectors = VectorIndex(client, str(manifest["build_id"]), embedder)
        # The vector store must hold this build: a lost chroma/ folder, or a server that is
        # not this build's, would otherwise only show as weaker answers. (Its smallest
        # collection is counted: 15 ms.)
        if vectors.count("descriptions") != manifest["counts"]["occupations"]:
            raise KnowledgeBaseError(f"the vector store does not hold build {path.name}")
        store = Store(path / "store.sqlite")
        return cls(path, manifest, store, vectors, np.load(path / "nonjob.npy"))

    @classmethod
    def open(cls, config: KBConfig, embedder: Embedder) -> KnowledgeBase:
        path = current_build(config)
        if path is None:
            raise KnowledgeBaseError(
                f"no knowledge base in {config.root}: run `nestorbot kb build`"
            )
        try:
            return cls.open_build(path, config, embedder)
        except (OSError, ValueError, VectorStoreError) as exc:
            raise KnowledgeBaseError(f"cannot open the knowledge base at {path}: {exc}") from exc

    def status(self) -> dict:
        m = self.manifest
        return {
            "build_id": m["build_id"],
            "esco_version": m["esco_version"],
            "embedding_model": m["embedding_model"],
            "build_hash": m["build_hash"],
            "built_at": m.get("built_at"),
            "build_seconds": m.get("seconds"),
            "size_bytes": _dir_size(self.path),
            "chroma": m.get("chroma"),
            "counts": m["counts"],
            "path": str(self.path),
        }


def ensure(
    config: KBConfig, embedder: Embedder, *, wait: float = 1800.0, poll: float = 1.0,
    sleep: Callable[[float], None] = time.sleep, **build_kwargs,
) -> KnowledgeBase:  # fmt: skip
    """Open the current knowledge base, building it first when there is none (or only an
    older version's). When another process is building it already (two bot processes
    started together on an empty data folder), wait up to ``wait`` seconds for that build
    rather than fail; if that build fails, build it here."""
    deadline = time.monotonic() + wait
    while True:
        if current_build(config) is not None:
            try:
                return KnowledgeBase.open(config, embedder)
            except OlderBuild:
                pass  # (an upgrade's first start builds anew, as a first start does)
        try:
            build(config, embedder, **build_kwargs)
        except BuildInProgress:
            if time.monotonic() >= deadline:
                raise
            sleep(poll)


__all__ = [
    "BuildInProgress",
    "BuildResult",
    "EscoData",
    "EscoSourceError",
    "KBConfig",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "build",
    "current_build",
    "ensure",
]
