"""Speed and memory of the knowledge base and the resolver.

    python -m bench.speed [--skip-build]   # writes bench/results/speed.json

* KB build from scratch into a fresh data folder (seconds, peak RSS of the build process);
* first answer from a cold process: `nestorbot resolve --json` wall time, KB already built
  (median of 5 runs; peak RSS of that process);
* warm single-question latency p50 / p95 over 300 questions, one at a time;
* score-card lookup time, and the time scoring all occupations took inside the build;
* batch throughput is reported by bench/resolution.py (JobBERT test).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.evaluate import conversational_items, jobbert_items, save

REPO = Path(__file__).resolve().parent.parent

SCRIPT = Path(sys.executable).parent / "nestorbot"


def _child_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _run(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds and peak RSS (MB) of one child process."""
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "dt = time.perf_counter() - t\n"
        "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(dt, rss, p.returncode)\n"
        "sys.stderr.write(p.stdout[-500:] + p.stderr[-2000:])\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, cwd=REPO
    )
    seconds, rss, rc = proc.stdout.split()
    if rc != "0":
        raise RuntimeError(proc.stderr)
    return float(seconds), float(rss), proc.stderr


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-build", action="store_true", help="reuse the current build")
    args = parser.parse_args()
    env = dict(os.environ)
    results: dict = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    }

    if not args.skip_build:
        data = Path(tempfile.mkdtemp(prefix="nestor-bench-"))
        build_env = dict(env, NESTOR_DATA_DIR=str(data))
        seconds, rss, _ = _run([str(SCRIPT), "kb", "build", "--quiet"], build_env)
        results["kb_build"] = {"seconds": round(seconds, 1), "peak_rss_mb": round(rss)}
        env = build_env
        print(f"kb build: {seconds:.1f} s, peak RSS {rss:.0f} MB")

    cold = []
    rss_cold = 0.0
    for _ in range(5):
        seconds, rss, _ = _run([str(SCRIPT), "resolve", "--json", "will AI replace glaziers?"], env)
        cold.append(seconds)
        rss_cold = max(rss_cold, rss)
    results["cold_first_answer"] = {
        "median_seconds": round(statistics.median(cold), 2),
        "max_seconds": round(max(cold), 2),
        "peak_rss_mb": round(rss_cold),
    }
    print(f"cold first answer: median {statistics.median(cold):.2f} s, peak RSS {rss_cold:.0f} MB")

    from bot.app import Assistant
    from bot.settings import Settings

    settings = Settings(data_dir=Path(env.get("NESTOR_DATA_DIR", Settings().data_dir)))
    assistant = Assistant(settings, progress=False)
    questions = [q for q, _ in conversational_items()]
    questions += [q for q, _ in jobbert_items("test")[::90]][: 300 - len(questions)]
    assistant.resolve("warm up")
    times = []
    for q in questions:
        t = time.perf_counter()
        assistant.resolve(q)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    pct = {p: times[min(len(times) - 1, int(len(times) * p / 100))] for p in (50, 95, 99)}
    rss_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results["warm_single_question_ms"] = {
        "n": len(times),
        "p50": round(pct[50], 1),
        "p95": round(pct[95], 1),
        "p99": round(pct[99], 1),
        "process_peak_rss_mb": round(rss_self),
    }
    print(
        f"warm single question: p50 {pct[50]:.1f} ms, p95 {pct[95]:.1f} ms, "
        f"p99 {pct[99]:.1f} ms over {len(times)}; RSS {rss_self:.0f} MB"
    )
    uris = [o.uri for o in assistant.kb.occupations][::3]
    started = time.perf_counter()
    for uri in uris:
        assistant.scores.card(uri)
    lookup_ms = (time.perf_counter() - started) * 1000 / len(uris)
    enriched = assistant.kb.manifest.get("enriched", {})
    results["scoring"] = {
        "score_all_occupations_seconds": enriched.get("seconds"),
        "card_lookup_ms_mean": round(lookup_ms, 3),
        "lookups": len(uris),
    }
    print(
        f"scoring: all occupations in {enriched.get('seconds')} s at build; "
        f"card lookup {lookup_ms:.3f} ms mean over {len(uris)}"
    )
    path = save("speed", results)
    print(json.dumps(results, indent=2))
    print(f"written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
