"""Builds on disk: where they live, the atomic swap of ``current``, removing interrupted and
old builds, and the one-line error a full or read-only disk gives. Only folders here, so the
build itself (``knowledge/kb.py``) stays about what goes into a build."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class KnowledgeBaseError(RuntimeError):
    """No usable knowledge base, or a build that failed validation; the message says why."""


class BuildInProgress(KnowledgeBaseError):
    """Another process (or thread) is building into the same data folder right now."""

    def __init__(self, pid: int | None):
        self.pid = pid
        super().__init__(f"another build is running (pid {pid if pid else 'unknown'})")


@dataclass(frozen=True)
class KBConfig:
    esco_source: Path
    data_dir: Path
    esco_version: str | None = None
    titles_file: Path | None = None
    chroma_url: str | None = None
    keep_builds: int = 2

    @property
    def root(self) -> Path:
        return self.data_dir / "kb"

    @property
    def current(self) -> Path:
        return self.root / "current"


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


STORAGE_TROUBLE = ("no space left", "disk is full", "read-only", "readonly", "quota")


def _looks_like_storage(exc: BaseException) -> bool:
    """SQLite and Chroma report a full or read-only disk in their own exception types."""
    text = str(exc).lower()
    return any(words in text for words in STORAGE_TROUBLE)


def _storage_error(builds: Path, exc: BaseException) -> KnowledgeBaseError:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return KnowledgeBaseError(
        f"cannot write a new build under {builds}: {reason.strip()[:200]}; "
        "the working build is unchanged"
    )


def _swap_current(config: KBConfig, target: Path) -> None:
    """Point ``current`` at ``target`` in one atomic rename."""
    tmp = config.root / f".current-{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    tmp.symlink_to(Path("builds") / target.name)
    os.replace(tmp, config.current)


@contextlib.contextmanager
def build_lock(config: KBConfig) -> Iterator[None]:
    """One build at a time per data folder, across processes: an exclusive ``flock`` on
    ``kb/build.lock``, taken without waiting (a second build is refused at once rather than
    queued for minutes). The kernel drops the lock when its holder dies, so a killed build
    never leaves the folder locked. The holder's pid is written in the file for the refusal."""
    try:
        config.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(config.root / "build.lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise _storage_error(config.root, exc) from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = ""
            for _ in range(20):  # the holder writes its pid just after taking the lock
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
                if holder.isdigit():
                    break
                time.sleep(0.01)
            raise BuildInProgress(int(holder) if holder.isdigit() else None) from None
        with contextlib.suppress(OSError):  # the pid is for the refusal; a full disk is not
            os.ftruncate(fd, 0)  # a reason to refuse the build here (it fails later, cleanly)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _remove_incomplete(builds: Path) -> None:
    """Folders left by interrupted builds have no manifest: remove them."""
    for path in builds.iterdir():
        if path.is_dir() and not (path / "manifest.json").exists():
            shutil.rmtree(path, ignore_errors=True)


def _prune(config: KBConfig, keep: int) -> None:
    builds = config.root / "builds"
    current = config.current.resolve()
    # Oldest first by when each build finished (its manifest is written last): build ids
    # sort by the second only, and two builds can finish within one second.
    complete = sorted(
        (p for p in builds.iterdir() if (p / "manifest.json").exists()),
        key=lambda p: ((p / "manifest.json").stat().st_mtime_ns, p.name),
    )
    for path in complete[: max(0, len(complete) - keep)]:
        if path.resolve() == current:
            continue
        if config.chroma_url:
            from knowledge.vectors import VectorIndex, open_client  # (chromadb: a slow import)

            with contextlib.suppress(Exception):
                VectorIndex(open_client(None, config.chroma_url), path.name, None).drop()
        shutil.rmtree(path, ignore_errors=True)


def build_ids(config: KBConfig) -> set[str]:
    """The complete builds on disk: what this or another process may be serving."""
    builds = config.root / "builds"
    if not builds.is_dir():
        return set()
    return {p.name for p in builds.iterdir() if (p / "manifest.json").is_file()}


def current_build(config: KBConfig) -> Path | None:
    """The folder ``current`` points to, if it is a complete build."""
    try:
        target = config.current.resolve(strict=True)
    except (FileNotFoundError, RuntimeError):
        return None
    return target if (target / "manifest.json").is_file() else None
