"""Filling a new build's Chroma collections: labels, descriptions and vacancy titles, each
embedded and then added while the next one is embedded (and, for the last, while the build
goes on with its other steps)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import numpy as np

from knowledge.embeddings import Embedder
from knowledge.store import LabelRow, TitleRow
from knowledge.vectors import VectorIndex

EMBED_CHUNK = 2048  # texts embedded between two updates of the progress bar


@contextmanager
def vectors_indexed(
    index: VectorIndex,
    embedder: Embedder,
    labels: list[LabelRow],
    descriptions: list[str],
    titles: list[TitleRow],
    progress: bool,
) -> Iterator[None]:
    """Embed and store the three collections: labels, descriptions and vacancy titles.

    Each collection is added to Chroma on a second thread while the next one is embedded: on
    two cores the overlap took the build from 168 s to 143 s (`python -m bench.speed`). The
    body of the ``with`` runs while the titles are still being added (the build embeds its
    skills meanwhile); leaving it waits for every add, and an add that failed raises there.
    A text met twice (in any case, for an uncased model) is embedded once."""
    from tqdm import tqdm

    total = len(labels) + len(descriptions) + len(titles)
    bar = tqdm(total=total * 2, desc="kb build", unit="text", disable=not progress, file=sys.stderr)
    memo: dict[str, np.ndarray] = {}
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="chroma-add") as adder:
        pending = []
        for kind, texts, metas in (
            (
                "labels",
                [r.text for r in labels],
                [{"occ": r.occupation_idx, "kind": r.kind} for r in labels],
            ),
            ("descriptions", descriptions, [{"occ": i} for i in range(len(descriptions))]),
            (
                "titles",
                [t.text for t in titles],
                [{"occ": t.occupation_idx, "fold": t.fold} for t in titles],
            ),
        ):
            index.create(kind, embedder.model_id, len(texts))
            vectors = _embed_once(embedder, texts, memo, bar)
            ids = list(range(len(texts)))
            pending.append(adder.submit(index.add, kind, ids, vectors, metas, bar.update))
        yield
        for added in pending:
            added.result()  # an add that failed fails the build here
    bar.close()


def _embed_once(
    embedder: Embedder, texts: list[str], memo: dict[str, np.ndarray], bar
) -> np.ndarray:
    """Vectors of ``texts``, embedding only those not in ``memo`` (keyed by the text, lowered
    when the model is uncased: ESCO has 1,100 labels that differ only in case or repeat, and
    1,400 vacancy titles that are also labels)."""
    key = str.lower if getattr(embedder, "uncased", False) else str
    keys = [key(t) for t in texts]
    first: dict[str, str] = {}
    for k, t in zip(keys, texts, strict=True):
        if k not in memo:
            first.setdefault(k, t)
    new = list(first.items())
    for start in range(0, len(new), EMBED_CHUNK):
        chunk = new[start : start + EMBED_CHUNK]
        vectors = embedder.embed([t for _, t in chunk])
        memo.update((k, v) for (k, _), v in zip(chunk, vectors, strict=True))
        bar.update(len(chunk))
    bar.update(len(texts) - len(new))
    if not texts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    return np.stack([memo[k] for k in keys])
