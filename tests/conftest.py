"""Shared fixtures: the real ESCO export, a small real subset of it, and built knowledge bases.

Nothing here is mocked: the subset is rows copied from ../shared/esco into a temporary folder
(as plain CSV, which also exercises the non-gzip path), and knowledge bases are really built
with the offline embedding model into embedded Chroma.
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

import pytest

from support.esco_subset import write_subset

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NESTOR_SHARED", REPO.parent / "shared"))
ESCO = Path(os.environ.get("NESTOR_ESCO_SOURCE", SHARED / "esco"))
TITLES = SHARED / "benchmarks" / "jobtitles" / "jobbert" / "titles.csv"


@pytest.fixture(scope="session")
def esco_dir() -> Path:
    if not (ESCO / "occupations_en.csv.gz").is_file():
        pytest.fail(f"the ESCO export is expected at {ESCO} (../shared/esco beside the repo)")
    return ESCO


@pytest.fixture(scope="session")
def embedder():
    """The real offline model; the small builds of one session share its vectors
    (support/remembering_embedder.py)."""
    from knowledge.embeddings import LocalMiniLM
    from support.remembering_embedder import RememberingEmbedder

    return RememberingEmbedder(LocalMiniLM())


@pytest.fixture(scope="session")
def subset_dir(tmp_path_factory, esco_dir) -> Path:
    return write_subset(tmp_path_factory.mktemp("esco-subset"))


@pytest.fixture()
def small_config(tmp_path, subset_dir):
    from knowledge.kb import KBConfig

    return KBConfig(esco_source=subset_dir, data_dir=tmp_path / "data")


@pytest.fixture(scope="session")
def full_settings(tmp_path_factory, esco_dir):
    """Settings for a complete build of the real export, shared by the whole session."""
    from bot.settings import Settings

    # NESTOR_TEST_DATA_DIR reuses one build across local runs (CI builds afresh).
    kept = os.environ.get("NESTOR_TEST_DATA_DIR")
    data = Path(kept) if kept else tmp_path_factory.mktemp("full-data")
    return Settings(esco_source=esco_dir, data_dir=data, titles_file=TITLES)


@pytest.fixture(scope="session")
def assistant(full_settings):
    from bot.app import Assistant

    return Assistant(full_settings, progress=False)


@pytest.fixture(scope="session")
def cli_env(full_settings, assistant) -> dict[str, str]:
    """Environment for running the real `nestorbot` command against the session's build."""
    env = dict(os.environ)
    env.update(
        NESTOR_ESCO_SOURCE=str(full_settings.esco_source),
        NESTOR_DATA_DIR=str(full_settings.data_dir),
        NESTOR_TITLES_FILE=str(full_settings.titles_file),
    )
    return env
