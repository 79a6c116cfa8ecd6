"""Filling a new build's Chroma collections: labels, descriptions and vacancy titles, each
embedded and then added while the next one is embedded."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from knowledge.embeddings import Embedder
from knowledge.store import LabelRow, TitleRow
from knowledge.vectors import VectorIndex

EMBED_CHUNK = 2048  # texts embedded between two updates of the progress bar


def index_vectors(
    index: VectorIndex,
    embedder: Embedder,
    labels: list[LabelRow],
    descriptions: list[str],
    titles: list[TitleRow],
    progress: bool,
) -> None:
    """Embed and store the three collections: labels, descriptions and vacancy titles.

    Each collection is added to Chroma on a second thread while the next one is embedded:
    on two cores the overlap took the build from 168 s to 143 s (`python -m bench.speed`)."""
    from tqdm import tqdm

    total = len(labels) + len(descriptions) + len(titles)
    bar = tqdm(total=total * 2, desc="kb build", unit="text", disable=not progress, file=sys.stderr)
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
            index.create(kind, embedder.model_id)
            vectors = _embed_with_progress(embedder, texts, bar)
            ids = list(range(len(texts)))
            pending.append(adder.submit(index.add, kind, ids, vectors, metas, bar.update))
        for added in pending:
            added.result()  # an add that failed fails the build here
    bar.close()


def _embed_with_progress(embedder: Embedder, texts: list[str], bar) -> np.ndarray:
    out = []
    for start in range(0, len(texts), EMBED_CHUNK):
        chunk = texts[start : start + EMBED_CHUNK]
        out.append(embedder.embed(chunk))
        bar.update(len(chunk))
    return np.concatenate(out) if out else np.zeros((0, embedder.dim), dtype=np.float32)
