"""What people say they do, matched to what occupations need: ESCO skills as a signal.

"I stock shelves at night in a big supermarket" names no job, and its words are far from any
job title; but "stock shelves" is an ESCO skill, essential to shelf fillers. So a build also
embeds the label of every skill that is essential to some occupation, and for a message that
describes work, the resolver scores each occupation by the skills closest to the message
among its essential ones (``SkillIndex.scores``). Stored in the build folder as one file.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import numpy as np

from knowledge.embeddings import Embedder
from knowledge.esco import EscoData

SKILL_FILE = "skills.npz"
MAX_SHARED = 60  # skills essential to more occupations than this say little about which


def build_skill_index(
    esco: EscoData, occupation_uris: list[str], embedder: Embedder, target: Path
) -> int:
    """Embed the essential skills' labels and save them with the skill -> occupations links;
    returns the number of skills indexed."""
    index = {uri: i for i, uri in enumerate(occupation_uris)}
    owners: dict[str, list[int]] = defaultdict(list)
    essential_count = np.zeros(len(occupation_uris), dtype=np.int32)
    for r in esco.relations:
        if r.relation_type == "essential" and r.occupation_uri in index:
            owners[r.skill_uri].append(index[r.occupation_uri])
            essential_count[index[r.occupation_uri]] += 1
    skills = sorted(u for u, occ in owners.items() if len(occ) <= MAX_SHARED and u in esco.skills)
    vectors = embedder.embed([esco.skills[u].label for u in skills]).astype(np.float32)
    indptr = np.zeros(len(skills) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(owners[u]) for u in skills])
    linked = np.fromiter((o for u in skills for o in owners[u]), dtype=np.int32)
    np.savez(
        target / SKILL_FILE,
        vectors=vectors,
        indptr=indptr,
        occupations=linked,
        essential_count=essential_count,
    )
    return len(skills)


class SkillIndex:
    def __init__(self, vectors, indptr, occupations, essential_count):
        self.vectors, self.indptr = vectors, indptr
        self.occupations, self.essential_count = occupations, essential_count

    @classmethod
    def load(cls, path: Path) -> SkillIndex | None:
        """The build's skill index, or None for a build made without one."""
        file = path / SKILL_FILE
        if not file.is_file():
            return None
        with np.load(file) as data:
            return cls(
                data["vectors"], data["indptr"], data["occupations"], data["essential_count"]
            )

    def scores(self, job_vector: np.ndarray, k: int = 15, min_similarity: float = 0.45):
        """Per occupation: the summed similarity of the ``k`` skills closest to the message
        that are essential to it, over the square root of its number of essential skills (an
        occupation with many skills is not rewarded for having many)."""
        out = np.zeros(len(self.essential_count), dtype=np.float64)
        if not len(self.vectors):  # a small export with no specific essential skill
            return out
        sims = self.vectors @ job_vector.astype(np.float32)
        top = np.argpartition(-sims, min(k, len(sims) - 1))[:k]
        for s in top:
            if sims[s] < min_similarity:
                continue
            owners = self.occupations[self.indptr[s] : self.indptr[s + 1]]
            np.add.at(out, owners, float(sims[s]))
        return out / np.sqrt(np.maximum(self.essential_count, 1))
