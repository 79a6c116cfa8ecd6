"""Faults the knowledge base must survive, with real failures: the disk filling up or turning
read-only during a rebuild (a tmpfs in a private mount namespace, ``unshare -rm``), a build
killed with SIGKILL half-way, and a reload from a half-written export. Each time the working
build keeps answering and the next good build recovers without manual cleanup. (The Chroma
server dying is in test_chroma_server.py, LLM faults in test_answers_llm.py, gateway drops in
e2e/.)
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NESTORBOT = Path(sys.executable).parent / "nestorbot"

SCRIPT = r"""
import json, os, subprocess, sys
from pathlib import Path

data = Path(sys.argv[1])
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=96m", "tmpfs", str(data)], check=True)
from bot.app import Assistant
from bot.settings import Settings
from knowledge.kb import KnowledgeBaseError

out = {}
def cli(*args):
    proc = subprocess.run([os.environ["NESTORBOT"], *args], capture_output=True, text=True)
    return proc.returncode, proc.stderr.strip().splitlines()[-1:] or [""]

def try_rebuild(assistant):
    try:
        assistant.reload(rebuild=True)
        return "succeeded?!"
    except KnowledgeBaseError as exc:
        return "refused: " + str(exc)

def answers(assistant):
    result = assistant.ask("will AI replace bakers?", use_llm=False)
    return result.card.occupation.label if result.card else None

assistant = Assistant(Settings(), progress=False)  # builds the first knowledge base
first = assistant.kb.build_id
out["first_answer"] = answers(assistant)

filler = data / "filler"
subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=1M"], capture_output=True)
out["reload_full"] = try_rebuild(assistant)
out["answer_full"] = answers(assistant)
out["build_id_full"] = assistant.kb.build_id
out["cli_build_full"] = cli("kb", "build", "--quiet")
filler.unlink()

# Read-only: a read-only bind mount over the builds folder (files the running Assistant
# already holds stay as they are, as when an operator remounts a volume read-only).
builds = data / "kb" / "builds"
subprocess.run(["mount", "--bind", str(builds), str(builds)], check=True)
subprocess.run(["mount", "-o", "remount,bind,ro", str(builds)], check=True)
out["reload_ro"] = try_rebuild(assistant)
out["answer_ro"] = answers(assistant)
out["cli_build_ro"] = cli("kb", "build", "--quiet")
subprocess.run(["umount", str(builds)], check=True)

assistant.reload(rebuild=True)  # the disk is fine again: no manual cleanup needed
out["recovered_build_id"] = assistant.kb.build_id
out["first_build_id"] = first
out["answer_after"] = answers(assistant)
out["leftovers"] = sorted(p.name for p in (data / "kb" / "builds").iterdir()
                          if not p.name[:8].isdigit() or not (p / "manifest.json").exists())
print("RESULT " + json.dumps(out))
"""


def _can_mount() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "d=$(mktemp -d) && mount -t tmpfs tmpfs $d"],
        capture_output=True,
    )
    return probe.returncode == 0


@pytest.mark.slow
@pytest.mark.skipif(not _can_mount(), reason="needs unprivileged mount namespaces (unshare -rm)")
def test_disk_full_and_read_only_during_a_build(tmp_path, subset_dir):
    data = tmp_path / "data"
    data.mkdir()
    env = dict(os.environ)
    env.update(
        NESTORBOT=str(NESTORBOT),
        NESTOR_ESCO_SOURCE=str(subset_dir),
        NESTOR_DATA_DIR=str(data),
        NESTOR_TITLES_FILE="",
    )
    proc = subprocess.run(
        ["unshare", "-rm", sys.executable, "-c", SCRIPT, str(data)],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, proc.stdout[-2000:] + proc.stderr[-3000:]
    out = json.loads(lines[-1].removeprefix("RESULT "))
    assert out["first_answer"] == "baker"
    # disk full, then read-only, during a rebuild: refused with a reason, nothing changes,
    # and the running Assistant keeps answering from the working build
    for case in ("full", "ro"):
        assert out[f"reload_{case}"].startswith("refused: cannot write a new build"), out
        assert out[f"answer_{case}"] == "baker"
        rc, last = out[f"cli_build_{case}"]
        assert rc == 2 and last[0].startswith("nestorbot: error:"), out  # one line, no traceback
    assert out["build_id_full"] == out["first_build_id"]
    # and once the disk is fine it recovers by itself, leaving nothing half-written
    assert out["recovered_build_id"] != out["first_build_id"]
    assert out["answer_after"] == "baker"
    assert out["leftovers"] == []


@pytest.mark.slow
def test_build_killed_mid_way_changes_nothing_and_is_cleaned_up(tmp_path, subset_dir):
    """`kill -9` during a build: the working build keeps answering, and the next build
    removes what the killed one left."""
    env = dict(os.environ)
    env.update(
        NESTOR_ESCO_SOURCE=str(subset_dir), NESTOR_DATA_DIR=str(tmp_path / "data"),
        NESTOR_TITLES_FILE="",
    )  # fmt: skip

    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(NESTORBOT), *args], env=env, cwd=REPO, capture_output=True, text=True,
            timeout=600,
        )  # fmt: skip

    assert cli("kb", "build", "--quiet").returncode == 0
    first = json.loads(cli("kb", "status", "--json").stdout)["build_id"]
    builds = tmp_path / "data" / "kb" / "builds"
    reached, release = tmp_path / "hold-reached", tmp_path / "hold-release"
    held = {
        **env,
        "PYTHONPATH": os.pathsep.join([str(REPO / "tests" / "fault_hold"), str(REPO)]),
        "NESTOR_HOLD_REACHED": str(reached),
        "NESTOR_HOLD_RELEASE": str(release),  # never created: the build waits half-way
    }
    victim = subprocess.Popen(
        [str(NESTORBOT), "kb", "build", "--quiet"], env=held, cwd=REPO,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 300
    while not reached.exists() and victim.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)  # vectors written, the store not yet
    assert reached.exists(), "the build never reached the point where it is killed"
    victim.send_signal(signal.SIGKILL)
    victim.wait(10)
    started = [p for p in builds.iterdir() if p.name != first]
    assert len(started) == 1 and any(started[0].iterdir()), "no half-written build to clean"
    assert not (started[0] / "manifest.json").exists()  # killed before it completed

    answer = json.loads(cli("resolve", "--json", "will AI replace bakers?").stdout)
    assert answer["candidates"][0]["label"] == "baker"
    assert json.loads(cli("kb", "status", "--json").stdout)["build_id"] == first
    assert cli("kb", "build", "--quiet").returncode == 0
    assert not started[0].exists()  # the half-written build is gone


def test_reload_from_a_half_written_export_keeps_answering(tmp_path, subset_dir):
    """An export truncated mid-file (a copy still in progress) is refused on reload with the
    file named; answers continue from the working knowledge base."""
    from dataclasses import replace

    from bot.app import Assistant
    from bot.settings import Settings
    from knowledge.esco import EscoSourceError

    assistant = Assistant(
        Settings(esco_source=subset_dir, data_dir=tmp_path / "data", titles_file=""),
        progress=False,
    )
    before = assistant.kb.build_id
    half = tmp_path / "half"
    half.mkdir()
    for path in subset_dir.iterdir():
        if path.name == "occupations_en.csv":
            packed = gzip.compress(path.read_bytes())
            (half / "occupations_en.csv.gz").write_bytes(packed[: len(packed) // 2])
        else:
            (half / path.name).write_bytes(path.read_bytes())
    assistant.config = replace(assistant.config, esco_source=half)
    with pytest.raises(EscoSourceError, match=r"occupations_en\.csv\.gz"):
        assistant.reload()
    assert assistant.kb.build_id == before
    assert assistant.ask("will AI replace bakers?", use_llm=False).card.occupation.label == "baker"
