"""Resolution on the way people really ask: our 466-question set, in two halves.

    python -m bench.questions [--half tune|heldout|both]

``bench/data/questions_tune.tsv`` may be used to tune the resolver; ``questions_heldout.tsv``
never is, and it is the half we report (docs/resolution.md). Each line: question, the
acceptable ESCO labels (or NOT_FOUND), the voice (chatty, terse, misspelt, plural, acronym,
description, field, verb_frame, modern, nonjob). Measures, per half and per voice:
* right job first: not `not_found`, and the first candidate is an acceptable label;
* menu rate: share of job questions answered `ambiguous`; and when a menu is shown, the share
  that holds an acceptable label;
* non-job messages answered `not_found`.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from bot.app import Assistant
from bot.settings import Settings

DATA = Path(__file__).resolve().parent / "data"
RESULTS = Path(__file__).resolve().parent / "results"


@dataclass(frozen=True)
class Item:
    question: str
    labels: frozenset[str]  # empty: a non-job message
    voice: str


def items(half: str) -> list[Item]:
    out = []
    for line in (DATA / f"questions_{half}.tsv").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        question, labels, voice = line.split("\t")
        accepted = frozenset() if labels == "NOT_FOUND" else frozenset(labels.split("|"))
        out.append(Item(question, accepted, voice))
    return out


def score(assistant: Assistant, half: list[Item]) -> dict:
    results = assistant.resolve_batch([i.question for i in half], top_k=5)
    by_voice: dict[str, list[bool]] = defaultdict(list)
    jobs = right = menus = menu_right = non_jobs = non_ok = 0
    misses = []
    for item, res in zip(half, results, strict=True):
        labels = [c.label for c in res.candidates]
        if not item.labels:
            non_jobs += 1
            ok = res.status == "not_found"
            non_ok += ok
        else:
            jobs += 1
            ok = res.status != "not_found" and bool(labels) and labels[0] in item.labels
            right += ok
            if res.status == "ambiguous":
                menus += 1
                menu_right += any(label in item.labels for label in labels)
        by_voice[item.voice].append(ok)
        if not ok or res.status == "ambiguous":
            misses.append(
                f"{item.question!r}: {res.status} {labels[:3]} (want {sorted(item.labels)})"
            )
    return {
        "job_questions": jobs,
        "right_first": round(right / jobs, 4) if jobs else None,
        "menu_rate": round(menus / jobs, 4) if jobs else None,
        "menu_holds_right": round(menu_right / menus, 4) if menus else None,
        "non_jobs": non_jobs,
        "non_job_not_found": round(non_ok / non_jobs, 4) if non_jobs else None,
        "by_voice": {v: round(sum(x) / len(x), 3) for v, x in sorted(by_voice.items())},
        "misses_and_menus": misses,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--half", choices=("tune", "heldout", "both"), default="both")
    parser.add_argument("--show", action="store_true", help="list misses (tune half only)")
    args = parser.parse_args()
    assistant = Assistant(Settings(), progress=False)
    halves = ("tune", "heldout") if args.half == "both" else (args.half,)
    report = {half: score(assistant, items(half)) for half in halves}
    for half, result in report.items():
        shown = {k: v for k, v in result.items() if k != "misses_and_menus"}
        print(half, json.dumps(shown, indent=1))
        if args.show and half == "tune":
            print("\n".join(result["misses_and_menus"]))
    RESULTS.mkdir(exist_ok=True)
    kept = {h: {k: v for k, v in r.items() if k != "misses_and_menus"} for h, r in report.items()}
    (RESULTS / "questions.json").write_text(json.dumps(kept, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
