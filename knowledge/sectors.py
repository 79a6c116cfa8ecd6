"""Sectors people say they work in ("I work in construction", "is retail safe from AI?"), and
the jobs most people in them do.

A sector is no job, and its word is an ordinary one ("the construction next door is loud"),
so it counts only in a sentence about work (a job frame: "I work in", "safe from AI" ...)
whose job words are the sector alone. Then the job most people in the sector do is taken as
meant, and the other common ones come next in the candidates (``data/sectors.tsv``). Without
this, "I work in construction" went to the label that shares most words with it: a mining,
construction and civil engineering machinery distribution manager.
"""

from __future__ import annotations

from importlib import resources

from knowledge.mentions import Mention
from knowledge.text import Query, agent_forms, words

# Words that only say "sector" ("the construction industry", "the retail sector").
_SECTOR_WORDS = frozenset("industry sector business trade field".split())


def _key(text: str) -> str:
    return " ".join(w for w in words(text) if w not in _SECTOR_WORDS)


class Sectors:
    def __init__(self, label_to_index: dict[str, int]):
        """``label_to_index``: each occupation's preferred label -> its index; a sector's jobs
        missing from this knowledge base (a subset, another ESCO version) are skipped."""
        table = resources.files("knowledge").joinpath("data/sectors.tsv").read_text("utf-8")
        self.jobs: dict[str, tuple[int, ...]] = {}
        for line in table.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            sector, labels = line.split("\t")
            found = [
                label_to_index[label] for label in labels.split("|") if label in label_to_index
            ]
            if found:
                self.jobs[_key(sector)] = tuple(found)

    def named(self, query: Query) -> Mention | None:
        """The sector a sentence about work names as its only job words, as a mention of its
        usual job (first) and the other common ones. The sector's own word must be said:
        "retail" is read as "retailer" on the way, but "I'm a retailer" names no sector."""
        if not query.job_frame:
            return None
        job, said = _key(query.job_text), set(words(query.clean))
        for sector, jobs in self.jobs.items():
            if (job == sector or job in agent_forms(sector)) and set(sector.split()) <= said:
                return Mention(sector, frozenset(jobs[:1]), frozenset(jobs[1:]), alias=True)
        return None
