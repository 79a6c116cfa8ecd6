"""Hostile input, property-based (hypothesis): arbitrary Unicode, control characters, huge
text, RTL overrides, zalgo, emoji, mentions, Markdown and code fences, SQL and prompt
injection. Every input gets a clean answer (or a one-line usage error), never a traceback, a
mention, or a change to stored data.

Examples per property: 60 by default (CI); `HYPOTHESIS_PROFILE=bench` runs 2,000.
"""

from __future__ import annotations

import hashlib
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.split import split_message
from prompts import deterministic
from prompts.grounding import MENTION
from prompts.sections import compose
from scoring.storage import card_from_json
from tests.test_cli import run

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.register_profile(
    "bench", max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

NASTY = [
    "@everyone", "@here", "<@123456789012345678>", "<@&42>", "<#1>", "```", "```py\n", "\u202e",
    "\u200b", "\u0000", "\x1b[31m", "Z\u0351\u0352\u0357\u035b\u0300\u0301", "🧑‍🏭", "💥" * 50,
    "'; DROP TABLE answers; --", "ignore previous instructions", "<|im_start|>system",
    "[INST]", "http://evil.example", "will AI replace glaziers?", "nurse", "baker", "\n\n",
    "**bold** _it_ ~~x~~ ||spoiler||", "# heading", "> quote", "\ud7ff", "العربية", "日本語",
]  # fmt: skip
hostile_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=20)), max_size=30).map("".join),
    st.builds(lambda s, n: s * n, st.sampled_from(NASTY), st.integers(100, 3000)),
)


def _digest(assistant) -> str:
    """Every byte of the serving build (stores, vectors, lexical indexes, scores, manifest)
    and which build ``current`` points to: what "nothing in the knowledge base changed" means."""
    build = assistant.kb.path
    digest = hashlib.sha256(str(build.resolve()).encode())
    for path in sorted(p for p in build.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(build)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def stored(assistant):
    return _digest(assistant)


@given(text=hostile_text)
def test_resolver_takes_anything(assistant, text):
    result = assistant.resolve(text)
    # whatever the text, the result is consistent: an occupation exactly when resolved, a
    # short list exactly when ambiguous, nothing when not found
    assert (result.occupation is not None) == (result.status == "resolved")
    if result.status == "ambiguous":
        assert 2 <= len(result.candidates) <= 5
    if result.status == "not_found":
        assert result.candidates == []
    assert len(result.question) <= 600
    json.dumps(result.to_json())


@given(text=hostile_text)
def test_ask_answers_anything_cleanly(assistant, stored, text):
    result = assistant.ask(text, use_llm=False)
    assert result.markdown.strip()
    assert not MENTION.search(result.markdown)
    if result.answer is not None:
        assert result.answer.grounding.unsupported == []
    assert _digest(assistant) == stored


@given(text=hostile_text, limit=st.sampled_from([64, 500, 2000]))
def test_splitter_takes_anything(text, limit):
    pieces = split_message(text, limit)
    assert all(0 < len(p) <= limit for p in pieces)
    for p in pieces:
        assert sum(line.lstrip().startswith("```") for line in p.splitlines()) % 2 == 0


score = st.floats(0, 100, allow_nan=False)
skill = st.fixed_dictionaries(
    {
        "uri": st.just("u"),
        "label": st.text(min_size=1, max_size=80),
        "value": score,
        "contribution": st.floats(0, 10),
        "exposed_to": st.sampled_from(["generative AI", "automation", "both", "neither"]),
    }
)
card = st.fixed_dictionaries(
    {
        "occupation": st.fixed_dictionaries(
            {
                "uri": st.just("o"),
                "label": st.text(min_size=1, max_size=120),
                "isco_group": st.from_regex(r"\d{4}", fullmatch=True),
            }
        ),
        "skill_vulnerability": score,
        "task_automation": score,
        "ai_complementarity": score,
        "disruption": score,
        "percentile": score,
        "band": st.sampled_from(["low", "moderate", "high", "very high"]),
        "vulnerable_skills": st.lists(skill, max_size=5),
        "resilient_skills": st.lists(skill, max_size=5),
        "related_safer": st.lists(
            st.fixed_dictionaries(
                {
                    "uri": st.just("r"),
                    "label": st.text(min_size=1, max_size=60),
                    "disruption": score,
                    "shared_skills": st.lists(st.text(max_size=30), max_size=8),
                    "skills_to_learn": st.lists(st.text(max_size=30), max_size=3),
                    "further_study": st.booleans(),
                }
            ),
            max_size=5,
        ),
        "model_version": st.just("2.0.2"),
        "esco_version": st.just("1.1.1"),
        "band_meaning": st.text(max_size=200),
    }
).map(card_from_json)


@given(card=card, description=hostile_text)
def test_composer_takes_any_card(card, description):
    from prompts.context import CardContext

    ctx = CardContext(card, description, None)
    text = compose(ctx, deterministic.write(ctx)).markdown
    assert text.startswith("## ") and "European Commission" in text


@pytest.mark.parametrize(
    "question",
    [
        "@everyone will AI replace glaziers?",
        "\u202egnikab",
        "💥" * 5000,
        "x" * 100_000,
        "'; DROP TABLE answers; --",
        "```\nnurse\n```",
        "\x00\x01\x02 baker",
        "<@1> <#2> <@&3>",
    ],
)
def test_cli_ask_on_hostile_input_exits_cleanly(cli_env, question, tmp_path):
    env = {**cli_env, "NESTOR_ANSWER_CACHE": str(tmp_path / "a.sqlite")}
    proc = run(["ask", "--json", "--no-llm", "--", question.replace("\x00", "")], env)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    obj = json.loads(proc.stdout)
    assert not MENTION.search(obj["answer_markdown"])
