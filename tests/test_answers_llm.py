"""The LLM path against a fault-injection OpenAI-compatible server on loopback.

Real HTTP all the way (LangChain -> openai -> httpx -> socket); the server only decides what
comes back. Whatever it sends, the answer delivered must be grounded.
"""

from __future__ import annotations

import random
import threading
import time

import pytest
from pydantic import SecretStr

from prompts.cache import AnswerCache
from prompts.deadline import until
from prompts.grounding import GroundingChecker
from prompts.llm import LLMClient
from prompts.llm_contract import LLMConfig
from prompts.wording import fixed_wording
from prompts.writer import AnswerWriter
from support.drafts import HOSTILE, good_draft, numbers_ok
from support.openai_server import FakeOpenAI, Reply

pytestmark = pytest.mark.timeout(300)


@pytest.fixture(scope="module")
def server():
    fake = FakeOpenAI().start()
    yield fake
    fake.stop()


@pytest.fixture()
def fake(server):
    deadline = time.monotonic() + 10
    while server.active and time.monotonic() < deadline:  # a timed-out request still sleeping
        time.sleep(0.05)
    server.requests.clear()
    server.script = lambda body: Reply("unset")
    return server


@pytest.fixture(scope="module")
def checker(assistant):
    return GroundingChecker(assistant.kb.store.catalog(), fixed_text=fixed_wording())


@pytest.fixture(scope="module")
def contexts(assistant):
    out = {}
    for label in ("baker", "industrial production manager", "software developer", "welder"):
        res = assistant.resolve(label)
        out[label] = assistant.context(assistant.scores.card(res.occupation.uri))
    return out


def make_writer(checker, fake, cache=None, **config) -> AnswerWriter:
    # a generous timeout: only the tests about timeouts set a short one (busy CI cores)
    cfg = dict(timeout=20.0, retries=1, backoff=0.01, breaker_failures=100, breaker_cooldown=60)
    cfg.update(config)
    llm = LLMClient(
        LLMConfig(base_url=fake.base_url, model="fake-model", api_key=SecretStr("sk-test"), **cfg)
    )
    return AnswerWriter(checker, llm, cache)


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_drafts_never_reach_the_answer(fake, checker, contexts, kind):
    ctx = contexts["baker"]
    fake.script = lambda body: Reply(HOSTILE[kind](good_draft(ctx)))
    answer = make_writer(checker, fake).write(ctx)
    assert answer.writer == "deterministic"
    assert answer.grounding.checked and answer.grounding.unsupported == []
    assert numbers_ok(answer.markdown, ctx)
    for bad in (
        "87.5",
        "forklift",
        "air traffic",
        "@everyone",
        "<@",
        "https://",
        "Ignore previous",
    ):
        assert bad not in answer.markdown
    if kind == "empty":
        assert "empty response" in answer.reason and len(fake.requests) == 1
    else:  # one retry, carrying the reasons, then the fallback
        assert len(fake.requests) == 2, answer.attempts
        assert [a["outcome"] for a in answer.attempts] in (
            ["rejected", "rejected"],
            ["stopped", "stopped"],
            ["stopped", "rejected"],
            ["rejected", "stopped"],
        )
        retry = fake.requests[1]["body"]["messages"]
        assert retry[-1]["role"] == "user" and "rejected" in retry[-1]["content"]
        assert answer.attempts[0]["unsupported"][0].split()[0] in retry[-1]["content"]


def test_a_faithful_draft_is_delivered_as_the_llm_answer(fake, checker, contexts):
    ctx = contexts["industrial production manager"]
    fake.script = lambda body: Reply(good_draft(ctx))
    answer = make_writer(checker, fake).write(ctx)
    assert answer.writer == "llm", answer.attempts
    assert answer.grounding.unsupported == [] and answer.attempts[0]["outcome"] == "accepted"
    body = fake.requests[0]["body"]
    assert body["model"] == "fake-model" and body["stream"] is True
    assert body["max_tokens"] == 400 and "max_completion_tokens" not in body
    assert fake.requests[0]["headers"]["Authorization"] == "Bearer sk-test"
    # the prompt is the card: system rules + the card's facts, nothing else
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    assert ctx.label in body["messages"][1]["content"]
    # the answer still has our headline and numbers block around the model's prose
    assert answer.markdown.startswith("## ") and "### The numbers" in answer.markdown


def test_a_bad_draft_then_a_good_one_is_accepted_on_the_retry(fake, checker, contexts):
    ctx = contexts["welder"]
    replies = iter([HOSTILE["invented number"](good_draft(ctx)), good_draft(ctx)])
    fake.script = lambda body: Reply(next(replies))
    answer = make_writer(checker, fake).write(ctx)
    assert answer.writer == "llm" and answer.reason.endswith("on the retry")
    assert [a["outcome"] for a in answer.attempts][-1] == "accepted"
    assert "number 2031" in fake.requests[1]["body"]["messages"][-1]["content"]


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        (Reply(status=500), "HTTP 500"),
        (Reply(status=401), "HTTP 401"),
        (Reply("late", delay=5), "timed out"),
        (Reply(malformed=True), "malformed"),
    ],
)
def test_transport_failures_fall_back_quickly(fake, checker, contexts, reply, reason):
    ctx = contexts["software developer"]
    fake.script = lambda body: reply
    answer = make_writer(checker, fake, timeout=1.0).write(ctx)
    assert answer.writer == "deterministic" and reason in answer.reason
    assert answer.grounding.unsupported == []
    # one timeout at most, never one per retry: counted in calls, not timed (bench/ times it)
    expected_calls = 2 if reply.status == 500 else 1  # 5xx retried once, 4xx/timeouts not
    assert len(fake.requests) == expected_calls


def test_keep_alive_comments_cannot_stretch_the_deadline(fake, checker, contexts):
    """The server (or a proxy) sends an SSE comment every 0.2 s and never an answer, for ten
    minutes: each comment resets httpx's read timeout, so only the call's own wall-clock
    deadline ends it. The answer falls back to the deterministic writer; the generous join
    below only catches a call that would otherwise wait out the server."""
    ctx = contexts["welder"]
    fake.script = lambda body: Reply(keepalive_every=0.2)
    writer = make_writer(checker, fake, timeout=1.0, retries=2)
    answers = []
    worker = threading.Thread(target=lambda: answers.append(writer.write(ctx)), daemon=True)
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), "the call outlived its deadline by a minute"
    [answer] = answers
    assert answer.writer == "deterministic" and "timed out after 1 s" in answer.reason
    assert answer.grounding.unsupported == []
    assert len(fake.requests) == 1  # a timeout is not retried


def test_a_question_that_waited_its_turn_keeps_its_own_deadline(fake, checker, contexts):
    """Under load an answer waits for a worker; its LLM call gets only what is left of the
    deadline set when the person asked. Time already up: no request at all, and the circuit
    breaker is not told (the endpoint did nothing wrong). A little left: the call is cut at
    the question's deadline, not a whole timeout later."""
    ctx = contexts["welder"]
    fake.script = lambda body: Reply(keepalive_every=0.2)
    writer = make_writer(checker, fake, timeout=60.0, retries=0, breaker_failures=1)
    with until(time.monotonic() + 0.1):
        answer = writer.write(ctx)
    assert answer.writer == "deterministic" and "no time left" in answer.reason
    assert fake.requests == []
    assert writer.llm.breaker.allow()  # still closed after a failure count of 1 would open it
    answers = []

    def call() -> None:
        with until(time.monotonic() + 1.0):
            answers.append(writer.write(ctx))

    worker = threading.Thread(target=call, daemon=True)
    worker.start()
    worker.join(30)  # the call's own timeout is 60 s: only the question's deadline ends it
    assert not worker.is_alive(), "the call ran past the question's deadline"
    [answer] = answers
    assert answer.writer == "deterministic" and "timed out" in answer.reason
    assert len(fake.requests) == 1


def test_429_then_success_is_retried_with_backoff(fake, checker, contexts):
    ctx = contexts["baker"]
    replies = iter([Reply(status=429), Reply(good_draft(ctx))])
    fake.script = lambda body: next(replies)
    answer = make_writer(checker, fake).write(ctx)
    assert answer.writer == "llm" and len(fake.requests) == 2


def test_circuit_breaker_skips_a_failing_endpoint(fake, checker, contexts):
    ctx = contexts["baker"]
    fake.script = lambda body: Reply(status=503)
    writer = make_writer(checker, fake, retries=0, breaker_failures=2, breaker_cooldown=60)
    for _ in range(2):
        writer.write(ctx)
    calls = len(fake.requests)
    answer = writer.write(ctx)
    assert "circuit open" in answer.reason and len(fake.requests) == calls
    assert answer.grounding.unsupported == []


def test_concurrency_limit_holds_under_a_burst(fake, checker, contexts):
    ctx = contexts["baker"]
    fake.max_active = 0
    fake.script = lambda body: Reply(good_draft(ctx), delay=0.3)
    writer = make_writer(checker, fake, concurrency=2, timeout=10)
    results = []
    threads = [threading.Thread(target=lambda: results.append(writer.write(ctx))) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 6 and all(r.writer == "llm" for r in results)
    assert fake.max_active == 2


def test_cache_serves_repeats_and_skips_failed_llm_answers(fake, checker, contexts, tmp_path):
    ctx = contexts["welder"]
    cache = AnswerCache(tmp_path / "answers.sqlite")
    fake.script = lambda body: Reply(status=500)
    writer = make_writer(checker, fake, cache, retries=0)
    assert writer.write(ctx).writer == "deterministic"
    assert writer.write(ctx).cache_hit is False  # a fallback is not cached: the LLM may recover
    fake.script = lambda body: Reply(good_draft(ctx))
    first = writer.write(ctx)
    calls = len(fake.requests)
    second = writer.write(ctx)
    assert (first.cache_hit, second.cache_hit) == (False, True)
    assert second.markdown == first.markdown and second.writer == "llm"
    assert len(fake.requests) == calls  # served without calling the LLM
    cache.clear()
    assert writer.write(ctx).cache_hit is False


def test_two_hundred_hostile_asks_deliver_nothing_unsupported(fake, checker, assistant):
    rng = random.Random(2026)
    rows = assistant.scores.table()
    writer = make_writer(checker, fake, retries=0)
    kinds = sorted(HOSTILE)
    delivered_problems = []
    for _ in range(200):
        ctx = assistant.context(assistant.scores.card(rng.choice(rows).uri))
        kind = rng.choice(kinds)
        fake.script = lambda body, ctx=ctx, kind=kind: Reply(HOSTILE[kind](good_draft(ctx)))
        answer = writer.write(ctx)
        if answer.grounding.unsupported or not numbers_ok(answer.markdown, ctx):
            delivered_problems.append((ctx.label, kind))
        assert answer.writer == "deterministic"
    assert delivered_problems == []


def test_an_endpoint_without_its_client_packages_is_a_clear_configuration_error(monkeypatch):
    """The LLM transport loads only when an endpoint is configured; if its packages are
    missing, the operator reads what to do, not an ImportError."""
    import sys

    from bot.app import ConfigurationError, make_llm
    from bot.settings import Settings

    monkeypatch.setitem(sys.modules, "prompts.llm", None)  # as if it could not be imported
    settings = Settings(llm_base_url="http://127.0.0.1:9/v1", llm_model="m")
    with pytest.raises(ConfigurationError, match="make setup"):
        make_llm(settings)
    assert make_llm(Settings(llm_base_url="")) is None  # no endpoint: the deterministic writer
