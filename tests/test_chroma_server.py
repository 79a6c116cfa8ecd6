"""Server mode: with NESTOR_CHROMA_URL set, vectors live in a running `chroma run` on loopback."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import chromadb
import pytest

from knowledge.kb import KnowledgeBase, build
from knowledge.resolver import Resolver


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def chroma_server(tmp_path):
    chroma = Path(sys.executable).parent / "chroma"
    port = _free_port()
    proc = subprocess.Popen(
        [
            str(chroma),
            "run",
            "--path",
            str(tmp_path / "server"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            chromadb.HttpClient(host="127.0.0.1", port=port).heartbeat()
            break
        except Exception:
            if proc.poll() is not None:
                pytest.fail("chroma run exited")
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("chroma server did not start")
    yield url, port
    proc.terminate()
    proc.wait(timeout=20)


def test_build_and_resolve_through_a_chroma_server(chroma_server, small_config, embedder):
    url, port = chroma_server
    config = replace(small_config, chroma_url=url)
    result = build(config, embedder, progress=False)
    assert not (result.path / "chroma").exists(), "no embedded store in server mode"
    client = chromadb.HttpClient(host="127.0.0.1", port=port)
    names = {c.name for c in client.list_collections()}
    assert f"nestor_labels_{result.build_id}" in names
    kb = KnowledgeBase.open(config, embedder)
    assert kb.manifest["chroma"] == {"mode": "server", "url": url}
    answer = Resolver(kb, embedder).resolve("will AI replace bakers?")
    assert answer.candidates[0].label == "baker"


def test_server_mode_prunes_old_collections(chroma_server, small_config, embedder):
    url, port = chroma_server
    config = replace(small_config, chroma_url=url, keep_builds=1)
    first = build(config, embedder, progress=False)
    second = build(config, embedder, progress=False)
    names = {c.name for c in chromadb.HttpClient(host="127.0.0.1", port=port).list_collections()}
    assert f"nestor_labels_{second.build_id}" in names
    assert f"nestor_labels_{first.build_id}" not in names
