"""Sectors people say they work in ("I work in construction", "is retail dying?"), and the
jobs most people in them do.

A sector is no job, and its word is an ordinary one ("the construction next door is loud"),
so it counts only in a sentence about work (a job frame, a word about careers, "works in")
whose job words are the sector alone. Then the sector's usual job is taken as meant and its
other common jobs come next; a broad sector with no usual job (healthcare, hospitality)
lifts its common jobs for a menu (``data/sectors.tsv``). Without this, "I work in
construction" went to the label that shares most words with it: a mining, construction and
civil engineering machinery distribution manager.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from knowledge.mentions import Mention
from knowledge.text import Query
from knowledge.wordforms import agent_forms, words

# Words that only say "sector" ("the construction industry", "the retail sector"), and the
# "work" of "my mum works in retail", which the job words keep.
_SECTOR_WORDS = frozenset("industry sector business trade field work".split())
_WORKS_IN = re.compile(
    r"\b(?:works?|working|worked|i'?m|am|is|are|was|anyone else|else)\s+(?:in|on|at|for)\b",
    re.IGNORECASE,
)
# (where: "in retail", "in a hospital", "on a building site", "at a bank", "for the NHS")
_IN_SECTOR = re.compile(
    r"\b(?:works?|working|worked|i'?m|am|anyone else)\s+(?:in|on|at|for)\s+(?:the\s+|an?\s+)?"
    r"([a-z][a-z ]{1,40}?)\s*(?:[,.;:!?(-]|\bmostly\b|\bfor\b|\bat\b|$)"
)


def _key(text: str) -> str:
    """A sector's name as compared: its words, without the ones that only say "sector"."""
    return " ".join(w for w in words(text) if w not in _SECTOR_WORDS)


@dataclass(frozen=True)
class _Sector:
    usual: frozenset[int]  # the job most people in it do (empty: none stands out)
    common: frozenset[int]  # its other common jobs


class Sectors:
    def __init__(self, label_to_index: dict[str, int]):
        """``label_to_index``: each occupation's preferred label -> its index. A sector whose
        usual job is missing from this knowledge base (a subset, another ESCO version) is
        left out rather than given another usual job."""
        table = resources.files("knowledge").joinpath("data/sectors.tsv").read_text("utf-8")
        self.sectors: dict[str, _Sector] = {}
        for line in table.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            names, usual, others = line.split("\t")
            if usual and usual not in label_to_index:
                continue
            sector = _Sector(
                frozenset([label_to_index[usual]] if usual else []),
                frozenset(label_to_index[j] for j in others.split("|") if j in label_to_index),
            )
            for name in names.split("|"):
                if _key(name):
                    self.sectors[_key(name)] = sector

    def named(self, query: Query, asked: bool) -> Mention | None:
        """The sector a sentence about work names as its only job words (``asked``: the
        message asks about a line of work), as a mention of its jobs. The sector's own word
        must be said: "retail" is read as "retailer" on the way, but "I'm a retailer" names
        no sector."""
        if not (asked or query.job_frame or _WORKS_IN.search(query.clean)):
            return None
        job, said = _key(query.job_text), set(words(query.clean))
        # or the sector closes the clause that says one works in it ("I work in
        # cybersecurity, mostly blue team stuff", "anyone else in recruitment?")
        closing = _IN_SECTOR.search(query.clean.casefold())
        closing_key = _key(closing.group(1)) if closing is not None else None
        for name, sector in self.sectors.items():
            if (
                (job == name or job in agent_forms(name)) and set(name.split()) <= said
            ) or closing_key == name:
                return Mention(name, sector.usual, sector.common, alias=True)
        return None
