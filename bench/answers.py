"""Answers: speed of `ask`, the cache, a real local LLM end to end, and grounding under attack.

    python -m bench.answers [--skip-llm]   # writes bench/results/answers.json

* `ask --no-llm` warm, in process, cache off: p50 / p95 over the conversational questions;
* cache hit: the same questions again with the cache on (second pass);
* hostile server: 200 asks whose LLM drafts carry invented numbers, foreign skills, mentions,
  links, echoed instructions, no sections, or nothing; counts what reached an answer;
* SmolLM2-135M behind llama.cpp's server on loopback: end-to-end seconds per question (cache
  off), and which writer produced each answer.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import tempfile
import time
from pathlib import Path

from bench.evaluate import conversational_items, save
from bot.app import Assistant
from bot.settings import Settings

REPO = Path(__file__).resolve().parent.parent


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 2)


def timed_asks(assistant: Assistant, questions: list[str], **kw) -> list[float]:
    out = []
    for q in questions:
        t = time.perf_counter()
        assistant.ask(q, **kw)
        out.append(time.perf_counter() - t)
    return out


def hostile(settings: Settings, rows: list) -> dict:
    from support.drafts import HOSTILE, good_draft, numbers_ok
    from support.openai_server import FakeOpenAI, Reply

    fake = FakeOpenAI().start()
    helper = Assistant(
        settings.model_copy(
            update={"llm_base_url": fake.base_url, "llm_model": "hostile", "llm_retries": 0,
                    "llm_breaker_failures": 10**6}
        ),
        progress=False,
    )  # fmt: skip
    rng = random.Random(2026)
    kinds = sorted(HOSTILE)
    delivered, llm_answers = 0, 0
    for _ in range(200):
        card = helper.scores.card(rng.choice(rows).uri)
        ctx = helper.context(card)
        kind = rng.choice(kinds)
        fake.script = lambda body, ctx=ctx, kind=kind: Reply(HOSTILE[kind](good_draft(ctx)))
        _, answer = helper.answer_for(card.occupation.uri)
        llm_answers += answer.writer == "llm"
        if answer.grounding.unsupported or not numbers_ok(answer.markdown, ctx):
            delivered += 1
    fake.stop()
    return {"asks": 200, "unsupported_delivered": delivered, "llm_answers": llm_answers}


def smollm2(settings: Settings, questions: list[str]) -> dict:
    from support.llama_server import MODEL_ALIAS, llama_server

    with llama_server() as base:
        helper = Assistant(
            settings.model_copy(update={"llm_base_url": base, "llm_model": MODEL_ALIAS}),
            progress=False,
        )
        seconds, writers, outcomes = [], {}, {}
        for q in questions:
            t = time.perf_counter()
            result = helper.ask(q)
            seconds.append(time.perf_counter() - t)
            if result.answer:
                writers[result.answer.writer] = writers.get(result.answer.writer, 0) + 1
                for a in result.answer.attempts:
                    outcomes[a["outcome"]] = outcomes.get(a["outcome"], 0) + 1
    return {
        "questions": len(questions),
        "end_to_end_p50_s": round(statistics.median(seconds), 2),
        "end_to_end_p95_s": round(sorted(seconds)[int(0.95 * len(seconds))], 2),
        "end_to_end_max_s": round(max(seconds), 2),
        "writers": writers,
        "attempt_outcomes": outcomes,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-llm", action="store_true")
    args = parser.parse_args()
    questions = [q for q, expected in conversational_items() if expected]
    with tempfile.TemporaryDirectory() as tmp:
        base = Settings()
        no_cache = Assistant(base.model_copy(update={"answer_cache": None}), progress=False)
        cached = Assistant(
            base.model_copy(update={"answer_cache": Path(tmp) / "a.sqlite"}), progress=False
        )
        timed_asks(no_cache, questions[:10], use_llm=False)  # warm-up
        cold = timed_asks(no_cache, questions, use_llm=False)
        timed_asks(cached, questions, use_llm=False)  # fills the cache
        hits = timed_asks(cached, questions, use_llm=False)
        result = {
            "machine": f"{platform.machine()}, {len(__import__('os').sched_getaffinity(0))} cores",
            "ask_no_llm_warm_ms": {"p50": _pct(cold, 0.5), "p95": _pct(cold, 0.95), "n": len(cold)},
            "ask_cache_hit_ms": {"p50": _pct(hits, 0.5), "p95": _pct(hits, 0.95), "n": len(hits)},
            "hostile_server": hostile(base, no_cache.scores.table()),
        }
        if not args.skip_llm:
            result["smollm2"] = smollm2(
                base.model_copy(update={"answer_cache": None}), questions[:30]
            )
    print(save("answers", result))
    import json

    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
