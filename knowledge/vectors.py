"""Chroma: where the label, description and title vectors live.

Embedded (a ``PersistentClient`` folder inside the build) by default; a running Chroma server
(``chroma run``) when a URL is configured, so several bot processes share one knowledge base.
Collections carry the build id in their name, so a new build never touches the collections the
running one answers from, and the swap to it is a pointer change.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

import chromadb
import httpx
import numpy as np
from chromadb.config import Settings

from knowledge.embeddings import Embedder, NestorEmbeddingFunction

KINDS = ("labels", "descriptions", "titles")
# A Chroma server that accepts connections but never answers (stalled, overloaded, SIGSTOP)
# must not hang resolution: every HTTP call gets these deadlines, so the resolver falls back
# to its degraded mode within about 4 s. Queries take milliseconds, and a build adds its
# vectors in batches small enough to stay well inside them.
SERVER_TIMEOUT = httpx.Timeout(connect=2.0, read=4.0, write=4.0, pool=2.0)
OPEN_TIMEOUT = 3.0  # connecting (chromadb checks the tenant and database when it connects)
ADD_BATCH = 1000  # below chroma's maximum batch of 5,461, and quick within SERVER_TIMEOUT


def add_batches(size: int) -> list[tuple[int, int]]:
    """``size`` items in batches of at most ``ADD_BATCH``, as even as can be (so the smallest
    is at least half of one: each add then makes Chroma write its graph)."""
    count = -(-size // ADD_BATCH)
    bounds = [size * i // count for i in range(count + 1)] if count else [0]
    return list(itertools.pairwise(bounds))


class VectorStoreError(RuntimeError):
    """Chroma is unreachable or a collection is missing; the message says which."""


def _settings() -> Settings:
    return Settings(anonymized_telemetry=False, allow_reset=False)


def open_client(chroma_dir: Path | None, chroma_url: str | None) -> chromadb.ClientAPI:
    """An embedded client on ``chroma_dir`` or an HTTP client for ``chroma_url``."""
    try:
        if chroma_url:
            return _http_client(chroma_url)
        if chroma_dir is None:
            raise VectorStoreError("no Chroma folder and no NESTOR_CHROMA_URL")
        return chromadb.PersistentClient(path=str(chroma_dir), settings=_settings())
    except VectorStoreError:
        raise
    except Exception as exc:
        where = chroma_url or str(chroma_dir)
        raise VectorStoreError(f"cannot open Chroma at {where}: {exc}") from exc


def _http_client(chroma_url: str) -> chromadb.ClientAPI:
    """A client for a Chroma server, with deadlines. chromadb's HTTP client is built with
    ``timeout=None`` and talks to the server while it is constructed, so construction runs in
    a helper thread with its own deadline, and the finished client's httpx session (reached
    through chromadb's ``_server._session``; ``tests/test_chroma_server.py`` fails if an
    upgrade moves it) gets ``SERVER_TIMEOUT``."""
    url = urlparse(chroma_url if "://" in chroma_url else f"http://{chroma_url}")
    made: list = []

    def connect() -> None:
        try:
            made.append(
                chromadb.HttpClient(
                    host=url.hostname or "127.0.0.1",
                    port=url.port or (443 if url.scheme == "https" else 8000),
                    ssl=url.scheme == "https",
                    settings=_settings(),
                )
            )
        except Exception as exc:
            made.append(exc)

    # A daemon thread: one stuck on a server that never answers must not hold up exit.
    worker = threading.Thread(target=connect, name="chroma-open", daemon=True)
    worker.start()
    worker.join(OPEN_TIMEOUT)
    if not made:
        raise VectorStoreError(f"no answer within {OPEN_TIMEOUT:g} s")
    client = made[0]
    if isinstance(client, Exception):
        raise client
    session = getattr(getattr(client, "_server", None), "_session", None)
    if not isinstance(session, httpx.Client):
        raise VectorStoreError("this chromadb version has no HTTP session to give deadlines")
    session.timeout = SERVER_TIMEOUT
    return client


def collection_name(build_id: str, kind: str) -> str:
    return f"nestor_{kind}_{build_id}"


@dataclass(frozen=True, slots=True)
class Hits:
    """Nearest neighbours of one query: ids of the stored items and their cosine similarity."""

    ids: np.ndarray  # int64
    similarity: np.ndarray  # float32


class VectorIndex:
    """The three collections of one build, always used with our own embedding function."""

    def __init__(self, client: chromadb.ClientAPI, build_id: str, embedder: Embedder | None):
        self._client = client
        self._build_id = build_id
        self._ef = NestorEmbeddingFunction(embedder) if embedder else NestorEmbeddingFunction()
        self._collections: dict[str, chromadb.Collection] = {}
        self._counts: dict[str, int] = {}  # a build never changes, so counts are cached

    def create(self, kind: str, model_id: str, size: int) -> chromadb.Collection:
        """A new collection for ``size`` vectors, its graph written to disk after every add
        (``add_batches``), the last one included: Chroma keeps the adds after its last write
        in its log and rebuilds that part of the graph in each process that opens it, on
        several threads and differently each time: one process in three missed a title 0.31
        close to "don't shoot the messenger" and another answered (chroma-core/chroma#2675,
        #3638). (Under 100 vectors, Chroma searches them all, exactly.)"""
        smallest = min((end - start for start, end in add_batches(size)), default=0)
        hnsw = {"space": "cosine", "ef_construction": 200, "ef_search": 200}
        col = self._client.create_collection(
            collection_name(self._build_id, kind),
            embedding_function=self._ef,
            configuration={"hnsw": hnsw | {"sync_threshold": max(smallest, 100)}},
            metadata={"build_id": self._build_id, "model_id": model_id},
        )
        self._collections[kind] = col
        return col

    def collection(self, kind: str) -> chromadb.Collection:
        if kind not in self._collections:
            name = collection_name(self._build_id, kind)
            try:
                self._collections[kind] = self._client.get_collection(
                    name, embedding_function=self._ef
                )
            except Exception as exc:
                raise VectorStoreError(f"Chroma collection {name} unavailable: {exc}") from exc
        return self._collections[kind]

    def add(
        self,
        kind: str,
        ids: Sequence[int],
        vectors: np.ndarray,
        metadatas: Sequence[dict[str, int | str]],
        progress=None,
    ) -> None:
        """Store vectors with their metadata. No documents: the texts live in the build's SQLite
        store, and Chroma would index each document for full-text search nobody runs (a
        quarter of the time of an add)."""
        col = self.collection(kind)
        for start, end in add_batches(len(ids)):
            col.add(
                ids=[str(i) for i in ids[start:end]],
                embeddings=vectors[start:end],
                metadatas=list(metadatas[start:end]),
            )
            if progress is not None:
                progress(end - start)

    def count(self, kind: str) -> int:
        if kind not in self._counts:
            self._counts[kind] = self.collection(kind).count()
        return self._counts[kind]

    def query(
        self, kind: str, vectors: np.ndarray, k: int, where: dict | None = None
    ) -> list[Hits]:
        """Nearest ``k`` items for each query vector (cosine similarity, best first)."""
        if len(vectors) == 0:
            return []
        col = self.collection(kind)
        k = max(1, min(k, self.count(kind)))
        try:
            result = col.query(
                query_embeddings=vectors, n_results=k, where=where, include=["distances"]
            )
        except Exception as exc:
            raise VectorStoreError(f"Chroma query on {kind} failed: {exc}") from exc
        return [
            Hits(
                np.asarray([int(i) for i in ids], dtype=np.int64),
                1.0 - np.asarray(dist, dtype=np.float32),
            )
            for ids, dist in zip(result["ids"], result["distances"], strict=True)
        ]

    def all_vectors(self, kind: str) -> np.ndarray:
        """Every stored vector of a collection, in id order (for small collections that are
        cheaper to scan exactly than to search approximately)."""
        col = self.collection(kind)
        got = col.get(include=["embeddings"])
        order = np.argsort(np.asarray([int(i) for i in got["ids"]]))
        return np.asarray(got["embeddings"], dtype=np.float32)[order]

    def drop(self) -> None:
        """Delete this build's collections (used for server-mode cleanup of old builds)."""
        for kind in KINDS:
            with contextlib.suppress(Exception):  # already gone is fine: best effort
                self._client.delete_collection(collection_name(self._build_id, kind))
