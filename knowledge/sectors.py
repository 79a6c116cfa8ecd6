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
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

from knowledge.mentions import Mention
from knowledge.text import Query
from knowledge.wordforms import agent_forms, singular, words

# Words that only say "sector" ("the construction industry", "the retail sector"), and the
# "work" of "my mum works in retail", which the job words keep.
_SECTOR_WORDS = frozenset("industry sector business trade field work".split())
_WORKS_IN = re.compile(
    r"\b(?:works?|working|worked|i'?m|am|is|are|was|anyone else|else)\s+in\b", re.IGNORECASE
)
_IN_SECTOR = re.compile(
    r"\b(?:works?|working|worked|i'?m|am|anyone else)\s+in\s+(?:the\s+)?"
    r"([a-z][a-z ]{1,40}?)\s*(?:[,.;:!?(-]|\bmostly\b|\bfor\b|\bat\b|$)"
)
# A workplace said right after a verb of working ("I work in a hospital", "she works for the
# NHS", "worked on a building site"), never where one only is ("my brother is in hospital",
# "I'm at the bank"); a chain or a branch of it is still it.
_WORKS_AT = re.compile(
    r"\b(?:works?|working|worked|employed)\s+(?:in|on|at|for)\s+"
    r"(?:the\s+|an?\s+|my\s+|our\s+)?(?:local\s+)?"
    r"([a-z][a-z ]{1,40}?)\s*(?:\s(?:chain|branch|group|trust)\b|[,.;:!?(-]|\bmostly\b|\bfor\b|"
    r"\bat\b|\bin\b|$)"
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
        self.workplaces: dict[str, _Sector] = {}  # where one works: a hospital, a bank
        for line in table.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            names, usual, others, *kind = line.split("\t")
            if usual and usual not in label_to_index:
                continue
            into = self.workplaces if kind == ["workplace"] else self.sectors
            sector = _Sector(
                frozenset([label_to_index[usual]] if usual else []),
                frozenset(label_to_index[j] for j in others.split("|") if j in label_to_index),
            )
            for name in names.split("|"):
                if _key(name):
                    into[_key(name)] = sector

    def named(
        self, query: Query, asked: bool, is_head: Callable[[str], bool] = lambda _w: False
    ) -> Mention | None:
        """The sector a sentence about work names as its only job words (``asked``: the
        message asks about a line of work), as a mention of its jobs. The sector's own word
        must be said: "retail" is read as "retailer" on the way, but "I'm a retailer" names
        no sector. A workplace counts the same when it is said as where one works and no job
        is named beside it (``is_head``: a job noun): "I'm a nurse, I work in a hospital" is
        a nurse."""
        lowered = query.clean.casefold()
        job = _key(query.job_text)
        at = _WORKS_AT.search(lowered)
        where = _key(at.group(1)) if at is not None else ""
        place = self.workplaces.get(where)
        if place is not None and not (query.activity or _names_a_job(lowered, at, is_head)):
            return Mention(where, place.usual, place.common, alias=True)
        if not (asked or query.job_frame or _WORKS_IN.search(query.clean)):
            return None
        said = set(words(query.clean))
        # or the sector closes the clause that says one works in it ("I work in
        # cybersecurity, mostly blue team stuff", "anyone else in recruitment?")
        closing = _IN_SECTOR.search(lowered)
        closing_key = _key(closing.group(1)) if closing is not None else None
        for name, sector in self.sectors.items():
            if ((job == name or job in agent_forms(name)) and set(name.split()) <= said) or (
                closing_key == name and not _names_a_job(lowered, closing, is_head)
            ):
                return Mention(name, sector.usual, sector.common, alias=True)
        return None


def _names_a_job(lowered: str, where: re.Match[str], is_head: Callable[[str], bool]) -> bool:
    """Whether the message names a job of its own beside the place or sector said ``where``:
    before it ("I'm a nurse, I work in a hospital") or as what one is there ("... at a
    supermarket as a shelf stacker"); not what follows it ("mostly blue team stuff")."""
    said = words(lowered[: where.start()])
    for named in re.findall(r"\bas an?\s+([a-z][a-z ]*)", lowered[where.end() :]):
        said += words(named)
    return any(is_head(w) or is_head(singular(w)) for w in said)
