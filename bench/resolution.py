"""Resolution quality on the public test sets and on our own conversational questions.

    python -m bench.resolution       # all sets; writes bench/results/resolution.json

* MELO USA-en-en: the 590 queries whose gold is an ESCO occupation, ranking occupations.
* JobBERT test: all 15,463 titles (the file is grouped by occupation, so no prefix), plus the
  same set without the titles that also occur in the validation split (whose titles the
  knowledge base holds as extra labels).
* Our conversational questions (bench/data/conversational.tsv): right job first / not_found.
Test splits are only evaluated here, never tuned on.
"""

from __future__ import annotations

import platform
import sys
import time

from bench.evaluate import (
    evaluate,
    evaluate_conversational,
    jobbert_items,
    melo_items,
    save,
)
from bot.app import Assistant
from bot.settings import Settings
from knowledge.resolver import RESOLVER_VERSION


def main() -> int:
    assistant = Assistant(Settings(), progress=True)
    kb = assistant.kb
    uris = {o.uri for o in kb.occupations}
    assistant.resolve_batch(["warm up"])  # first call pays for lazy initialisation

    scores = [evaluate(assistant, melo_items(uris), "MELO USA-en-en (590 occupation queries)")]
    test = jobbert_items("test")
    scores.append(evaluate(assistant, test, "JobBERT test (all titles)"))
    seen = {" ".join(q.split()).casefold() for q, _ in jobbert_items("validation")}
    unseen = [(q, u) for q, u in test if " ".join(q.split()).casefold() not in seen]
    scores.append(evaluate(assistant, unseen, "JobBERT test, titles not in validation"))
    started = time.perf_counter()
    conv = evaluate_conversational(assistant)
    conv["seconds"] = round(time.perf_counter() - started, 2)

    print("| set | n | MRR@10 | acc@1 | acc@5 | batch throughput | not_found |")
    print("|---|---|---|---|---|---|---|")
    for s in scores:
        print(s.row())
    print(
        f"\nconversational: right job first {conv['jobs_right_first']:.1%} of {conv['jobs']}; "
        f"non-job messages not_found {conv['non_jobs_not_found']:.1%} of {conv['non_jobs']}"
    )
    for miss in conv["misses"]:
        print("  miss:", miss)
    path = save(
        "resolution",
        {
            "resolver_version": RESOLVER_VERSION,
            "build_id": kb.build_id,
            "machine": f"{platform.machine()}, {platform.python_version()}",
            "sets": [
                {
                    "name": s.name,
                    "n": s.n,
                    "mrr10": round(s.mrr10, 4),
                    "acc1": round(s.acc1, 4),
                    "acc5": round(s.acc5, 4),
                    "titles_per_second": round(s.per_second, 1),
                    "not_found": s.not_found,
                }
                for s in scores
            ],
            "conversational": conv,
        },
    )
    print(f"\nwritten to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
