"""The prose check: the deterministic answer for every ESCO occupation, read by rules.

    python -m bench.prose [--sample 20] [--seed 2026]

Counts, over all occupations (targets in docs/answers.md):
* skill verb phrases pasted after a preposition ("help with manage budgets");
* wrong ordinals ("92th", "22th");
* numbers with decimals outside "The numbers";
* sentences of "How AI is changing this role" shared word for word by more than 5% of
  occupations;
* answers that do not fit one Discord message of embeds (6,000 characters) with every
  section, and answers the grounding check does not fully support.
Writes bench/results/prose.json and prints a sample of answers to read.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import Counter
from pathlib import Path

from bot.app import Assistant
from bot.discord.render import EMBED_TOTAL, answer_reply
from bot.settings import Settings
from prompts.numbers import ordinal
from prompts.phrases import is_verb_phrase
from prompts.sections import HEADINGS

RESULTS = Path(__file__).resolve().parent / "results" / "prose.json"
# "to" is left out: "to remove snow" is an infinitive, not a pasted label
PREPOSITIONS = r"(?:with|for|of|on|in|at|by|about|from|into|through|than|like)"
ORDINAL = re.compile(r"\b(\d+)(st|nd|rd|th)\b")
DECIMAL = re.compile(r"(?<![\d.])\d+\.\d+(?![\d.])")
SENTENCE = re.compile(r"(?<=[.!?])\s+")
REPEAT_SHARE = 0.05


def prose_part(markdown: str) -> str:
    return markdown.split("### The numbers", 1)[0]


def section(markdown: str, heading: str) -> str:
    after = markdown.split(f"### {heading}", 1)
    return after[1].split("###", 1)[0].strip() if len(after) == 2 else ""


def pasted_verbs(prose: str, card) -> list[str]:
    """Verb-phrase skills written as they are right after a preposition."""
    found = []
    for d in card.vulnerable_skills + card.resilient_skills:
        first = d.label.split(" ", 1)[0]
        if d.kind != "skill" or not is_verb_phrase(d.label) or first.endswith("ing"):
            continue  # nouns, and labels already -ing ("managing a business"), read fine
        if re.search(rf"\b{PREPOSITIONS}\s+{re.escape(d.label)}\b", prose, re.IGNORECASE):
            found.append(d.label)
    return found


def wrong_ordinals(text: str) -> list[str]:
    return [m.group(0) for m in ORDINAL.finditer(text) if ordinal(int(m.group(1))) != m.group(0)]


def text_problems(markdown: str, card, description: str) -> dict[str, list[str]]:
    """What the rules find in one answer, by kind (bench and tests/test_prose.py share it)."""
    prose = prose_part(markdown)
    quoted = set(DECIMAL.findall(description))  # ESCO's own words ("Industry 4.0")
    return {
        "pasted_verb_phrases": pasted_verbs(prose, card),
        "wrong_ordinals": wrong_ordinals(markdown),
        "decimals_in_prose": [x for x in DECIMAL.findall(prose) if x not in quoted],
        "missing_section": [h for h in HEADINGS if f"### {h}" not in markdown],
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    assistant = Assistant(Settings(llm_base_url=None, answer_cache=None), progress=False)
    counts: Counter[str] = Counter()
    sentences: Counter[str] = Counter()
    answers: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    started = time.perf_counter()
    rows = assistant.table()
    for row in rows:
        card, answer = assistant.answer_for(row.uri, use_llm=False)
        text = answer.markdown
        answers[row.label] = text
        found = text_problems(text, card, assistant.context(card).description)
        for kind in ("pasted_verb_phrases", "wrong_ordinals", "decimals_in_prose"):
            counts[kind] += len(found[kind])
        counts["missing_section"] += bool(found["missing_section"])
        for kind in ("pasted_verb_phrases", "decimals_in_prose"):
            if found[kind]:
                problems.append((row.label, f"{kind}: {found[kind]}"))
        for sentence in set(SENTENCE.split(section(text, HEADINGS[1]))):
            sentences[sentence.strip()] += 1
        messages = answer_reply(answer, card).messages
        if len(messages) > 1 or sum(len(e) for e in messages[0][1]) > EMBED_TOTAL:
            counts["over_one_message"] += 1
        if len(text) > 6000:
            counts["over_6000_chars"] += 1
        counts["unsupported"] += len(answer.grounding.unsupported)
    seconds = time.perf_counter() - started
    limit = REPEAT_SHARE * len(rows)
    repeated = {s: n for s, n in sentences.items() if n > limit}
    result = {
        "occupations": len(rows),
        **{
            k: counts[k]
            for k in (
                "pasted_verb_phrases",
                "wrong_ordinals",
                "decimals_in_prose",
                "over_one_message",
                "over_6000_chars",
                "unsupported",
                "missing_section",
            )
        },
        "how_ai_sentences_over_5pct": len(repeated),
        "most_shared_how_ai_sentence_share": round(max(sentences.values()) / len(rows), 4),
        "seconds": round(seconds, 1),
        "first_problems": problems[:20],
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2), "utf-8")
    print(json.dumps(result, indent=2))
    for label in random.Random(args.seed).sample(sorted(answers), args.sample):
        print(f"\n{'=' * 100}\n{prose_part(answers[label])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
