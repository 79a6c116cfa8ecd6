"""Faults the knowledge base must survive: the disk filling up, or turning read-only, while a
new build is being written. The working build keeps answering, and once the disk is fine a
rebuild succeeds without any manual cleanup.

Runs the real `nestorbot` commands inside a private mount namespace (``unshare -rm``) whose
data folder is a small tmpfs, so "disk full" and "read-only" are real kernel errors.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
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

def answers(assistant):
    result = assistant.ask("will AI replace bakers?", use_llm=False)
    return result.card["occupation"]["label"] if result.card else None

assistant = Assistant(Settings(), progress=False)  # builds the first knowledge base
first = assistant.kb.build_id
out["first_answer"] = answers(assistant)

filler = data / "filler"
subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=1M"], capture_output=True)
try:
    assistant.reload(rebuild=True)
    out["reload_full"] = "succeeded?!"
except KnowledgeBaseError as exc:
    out["reload_full"] = "refused: " + str(exc)
out["answer_full"] = answers(assistant)
out["build_id_full"] = assistant.kb.build_id
out["cli_build_full"] = cli("kb", "build", "--quiet")
filler.unlink()

# Read-only: a read-only bind mount over the builds folder (files the running Assistant
# already holds stay as they are, as when an operator remounts a volume read-only).
builds = data / "kb" / "builds"
subprocess.run(["mount", "--bind", str(builds), str(builds)], check=True)
subprocess.run(["mount", "-o", "remount,bind,ro", str(builds)], check=True)
try:
    assistant.reload(rebuild=True)
    out["reload_ro"] = "succeeded?!"
except KnowledgeBaseError as exc:
    out["reload_ro"] = "refused: " + str(exc)
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
