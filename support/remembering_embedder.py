"""The real embedding model, remembering each text's vector for the rest of the process.

The test suite builds many small knowledge bases from the same ESCO subset; each build embeds
the same few thousand texts again, and that was most of each build's time. The model gives a
text the same vector whatever batch it comes in (tests/test_kb.py checks this wrapper against
the model), so remembering the vectors changes nothing but the time. Never used by the
product: a real build embeds its texts once anyway.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from knowledge.embeddings import Embedder


class RememberingEmbedder:
    def __init__(self, model: Embedder):
        self.model = model
        self.model_id = model.model_id
        self.dim = model.dim
        self.uncased = getattr(model, "uncased", False)
        self._vectors: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        new = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if new:
            self._vectors.update(zip(new, self.model.embed(new), strict=True))
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._vectors[t] for t in texts])
