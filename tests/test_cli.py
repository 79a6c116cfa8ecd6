"""The `nestorbot` command, run as a real process: the JSON contract, batches, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

_SCRIPT = Path(sys.executable).parent / "nestorbot"  # the installed console script
NESTORBOT = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "bot.cli"]
REPO = Path(__file__).resolve().parent.parent


def run(args, env, stdin: str | None = None, timeout: float = 300):
    return subprocess.run(
        [*NESTORBOT, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=timeout,
    )


def test_resolve_json_contract(cli_env):
    proc = run(["resolve", "--json", "--top-k", "3", "will", "AI", "replace", "glaziers?"], cli_env)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 1
    obj = json.loads(lines[0])
    assert set(obj) == {"question", "status", "confidence", "occupation", "candidates"}
    assert obj["question"] == "will AI replace glaziers?"
    assert obj["status"] in ("resolved", "ambiguous")
    assert len(obj["candidates"]) == 3
    assert set(obj["candidates"][0]) == {"uri", "label", "score"}
    assert obj["candidates"][0]["uri"].startswith("http://data.europa.eu/esco/occupation/")
    if obj["status"] == "resolved":
        assert set(obj["occupation"]) == {"uri", "label", "isco_group"}
        assert obj["occupation"]["uri"] == obj["candidates"][0]["uri"]


def test_batch_from_stdin_one_object_per_line(cli_env):
    questions = ["nurse", "hello", "", "I drive a bus", "what's the weather"]
    proc = run(["resolve", "--json", "--batch", "-"], cli_env, stdin="\n".join(questions) + "\n")
    assert proc.returncode == 0, proc.stderr
    objs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["question"] for o in objs] == questions
    assert objs[1]["status"] == "not_found" and objs[1]["occupation"] is None
    assert objs[2]["status"] == "not_found"
    assert objs[3]["candidates"][0]["label"] == "bus driver"


def test_batch_from_file(cli_env, tmp_path):
    path = tmp_path / "q.txt"
    path.write_text("welder\nbaker\n", "utf-8")
    proc = run(["resolve", "--json", "--batch", str(path)], cli_env)
    labels = [json.loads(x)["candidates"][0]["label"] for x in proc.stdout.splitlines()]
    assert labels == ["welder", "baker"]


def test_human_readable_output(cli_env):
    proc = run(["resolve", "hello"], cli_env)
    assert proc.returncode == 0
    assert "could not find a job" in proc.stdout


def test_output_is_byte_identical_on_repeat(cli_env):
    """In every process: a long description of work, far from every vacancy title, once got
    other farthest neighbours from the approximate search in one run of three (step 28)."""
    args = ["resolve", "--json", "--batch", "-"]
    stdin = (
        "teacher\nwill robots replace welders\nim a vet tech lol\n"
        "My sister cuts thick toenails, treats verrucas and looks after diabetic feet all week\n"
        "I go round restaurant kitchens for the council checking they're clean and safe\n"
    )
    first = run(args, cli_env, stdin).stdout
    assert all(run(args, cli_env, stdin).stdout == first for _ in range(3))


@pytest.mark.parametrize(
    "args",
    [
        ["resolve"],
        ["resolve", "--top-k", "0", "x"],
        ["resolve", "--top-k", "many", "x"],
        ["resolve", "--batch", "/no/such/file"],
        ["resolve", "--batch", "-", "extra"],
        ["frobnicate"],
        [],
    ],
)
def test_usage_errors_exit_2_with_one_line(cli_env, args):
    proc = run(args, cli_env, stdin="")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "Traceback" not in proc.stderr


def test_missing_esco_source_is_a_one_line_configuration_error(tmp_path):
    env = dict(os.environ)
    env.update(NESTOR_ESCO_SOURCE=str(tmp_path / "nope"), NESTOR_DATA_DIR=str(tmp_path / "d"))
    proc = run(["resolve", "--json", "nurse"], env)
    assert proc.returncode == 2
    assert "NESTOR_ESCO_SOURCE" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "Traceback" not in proc.stderr


def test_kb_status(cli_env):
    proc = run(["kb", "status", "--json"], cli_env)
    assert proc.returncode == 0, proc.stderr
    status = json.loads(proc.stdout)
    assert status["esco_version"] == "1.1.1"
    assert status["counts"]["occupations"] == 3007
    assert status["counts"]["labels"] > 30000
    text = run(["kb", "status"], cli_env).stdout
    assert "3007 occupations" in text and "MB" in text


@pytest.mark.parametrize(
    "text", ["", " ", "\x01\x02\x1b[2J", "x" * 100_000, "🤖", "'; DROP TABLE labels; --"]
)
def test_hostile_text_never_tracebacks(cli_env, text):
    proc = run(["resolve", "--json", "--", text], cli_env)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert json.loads(proc.stdout)["status"] == "not_found"  # none of these names a job


def test_broken_source_on_rebuild_keeps_the_working_kb(cli_env, tmp_path):
    broken = tmp_path / "broken-esco"
    broken.mkdir()
    (broken / "occupations_en.csv.gz").write_bytes(b"\x1f\x8b this is not gzip")
    env = dict(cli_env, NESTOR_ESCO_SOURCE=str(broken))
    before = json.loads(run(["kb", "status", "--json"], cli_env).stdout)["build_id"]
    proc = run(["kb", "build", "--quiet"], env)
    assert proc.returncode == 2
    assert "skills_en.csv" in proc.stderr or "occupations_en.csv.gz" in proc.stderr
    assert "Traceback" not in proc.stderr
    after = run(["resolve", "--json", "welder"], env)
    assert after.returncode == 0
    assert json.loads(after.stdout)["candidates"][0]["label"] == "welder"
    assert json.loads(run(["kb", "status", "--json"], cli_env).stdout)["build_id"] == before
