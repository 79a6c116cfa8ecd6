"""How long a question takes when the Chroma server stalls (accepts, never answers).

    python -m bench.chroma_stall     # writes bench/results/chroma_stall.json

A real `chroma run` on loopback serves a small real build (120 ESCO occupations); the server
is then stopped with SIGSTOP, so connections are accepted by the kernel but nothing answers.
Measured: the wall time of questions during the stall (degraded mode, target <= 5 s), the time
to refuse opening the knowledge base, and the first question after SIGCONT (back to normal).
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import chromadb

from bench.evaluate import save
from knowledge.embeddings import LocalMiniLM
from knowledge.kb import KBConfig, KnowledgeBase, build
from knowledge.resolver import Resolver
from support.esco_subset import write_subset

QUESTIONS = ["will AI replace bakers?", "I work as a welder", "software developer"]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(path: Path, port: int) -> subprocess.Popen:
    chroma = Path(sys.executable).parent / "chroma"
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            chromadb.HttpClient(host="127.0.0.1", port=port).heartbeat()
            return proc
        except Exception:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("chroma run did not start")


def main() -> int:
    embedder = LocalMiniLM()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        port = _port()
        server = _serve(root / "server", port)
        try:
            config = replace(
                KBConfig(esco_source=write_subset(root / "esco"), data_dir=root / "data"),
                chroma_url=f"http://127.0.0.1:{port}",
            )
            build(config, embedder, progress=False)
            resolver = Resolver(KnowledgeBase.open(config, embedder), embedder)
            resolver.resolve(QUESTIONS[0])
            server.send_signal(signal.SIGSTOP)
            stalled = []
            for question in QUESTIONS:
                started = time.perf_counter()
                resolver.resolve(question)
                stalled.append(round(time.perf_counter() - started, 2))
            started = time.perf_counter()
            try:
                KnowledgeBase.open(config, embedder)
                refused = None
            except Exception:
                refused = round(time.perf_counter() - started, 2)
            server.send_signal(signal.SIGCONT)
            started = time.perf_counter()
            back = resolver.resolve(QUESTIONS[1])
            after = round(time.perf_counter() - started, 3)
        finally:
            server.send_signal(signal.SIGCONT)
            server.kill()
    result = {
        "question_seconds_during_stall": stalled,
        "open_refused_after_seconds": refused,
        "first_question_after_sigcont_seconds": after,
        "first_answer_after_sigcont": back.occupation.label if back.occupation else back.status,
        "target_seconds": 5.0,
    }
    print(result)
    save("chroma_stall", result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
