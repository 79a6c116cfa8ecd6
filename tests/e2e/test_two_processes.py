"""Two bot processes (shards 0 and 1) on one data folder and one answer cache: a rebuild on
one reaches the other by itself, a second build is refused while one runs, and a reload
never deletes the other process's live cache rows (support/two_processes.py)."""

from __future__ import annotations

import os
import subprocess

import pytest

from support.bot_process import NESTORBOT
from support.two_processes import run

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


def test_two_processes_follow_one_rebuild(subset_dir, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("NESTOR_")}
    env.update(
        NESTOR_ESCO_SOURCE=str(subset_dir),
        NESTOR_DATA_DIR=str(tmp_path / "data"),
        NESTOR_TITLES_FILE="",
    )
    built = subprocess.run(
        [str(NESTORBOT), "kb", "build"], env=env, capture_output=True, text=True, timeout=600,
        cwd=tmp_path,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr[-2000:]

    out = run(env, tmp_path / "data", tmp_path / "bots")

    assert out.reload_reply.startswith("Reloaded in "), out.reload_reply
    assert out.build_after != out.build_before  # shard 0 really rebuilt
    # the command-line build started meanwhile was refused, naming the build that runs
    assert out.second_build_exit != 0
    assert "another build is running (pid " in out.second_build_output
    # shard 1 serves the new build without being told (the bench times it)
    assert out.follow_seconds is not None, "shard 1 never followed the rebuild"
    assert out.status_on_shard1 == out.build_after
    # both processes had written answers for the old build; a reload keeps them, since the
    # old build is still on disk and may still be served
    assert out.rows_before.get(out.build_before, 0) >= 2
    assert out.rows_after.get(out.build_before, 0) == out.rows_before[out.build_before]
    assert out.errors_logged == []
