"""What a message asks beyond one job: two jobs at once ("nurse vs paramedic", "my wife is a
paralegal and I'm a welder, who's safer?"), or a follow-up on the occupation already in the
conversation ("what should I learn?", "compare with welders"). Patterns only; resolving the
jobs they name is the resolver's work."""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.text import clean_text

# Two jobs in one message ("nurse vs paramedic", "should I be a nurse or a paramedic?", "my
# wife is a paralegal and I'm a welder, who's safer?"): the two job phrases, each to resolve.
_TWO_JOBS = (
    re.compile(r"^(?:compare\s+)?(?P<a>.+?)\s+(?:vs\.?|versus|compared (?:to|with))\s+(?P<b>.+)$"),
    re.compile(r"^compare\s+(?P<a>.+?)\s+(?:and|with|to)\s+(?P<b>.+)$"),
    re.compile(
        r"\b(?:is|am|'m|are)\s+(?:an?\s+)?(?P<a>[\w -]+?)\s*,?\s+and\s+(?:\w+\s+){0,3}?"
        r"\w*(?:'m|\s+(?:is|am|are))\s+(?:an?\s+)?(?P<b>[\w -]+?)\s*(?:[,.;!?]|$)"
    ),
    re.compile(
        r"^(?:(?:is|are|who is|who's|whos|which is|what's safer|should i (?:be|become|train as))"
        r"\s+)?(?:an?\s+)?(?P<a>[\w -]+?)\s+or\s+(?:an?\s+)?(?P<b>[\w -]+?)\s*"
        r"(?:,?\s*(?:which|who)\b.*)?(?:\s+(?:safer|more|less)\b.*)?[?.!]*$"
    ),
)
_NOT_A_SECOND_JOB = frozenset("not no what something else anything".split())


def two_jobs(text: str) -> tuple[str, str] | None:
    """The two job phrases of a message that asks about two jobs at once, or None."""
    lowered = clean_text(text).lower().replace("\u2019", "'").strip()
    for pattern in _TWO_JOBS:
        found = pattern.search(lowered)
        if found is None:
            continue
        a, b = (re.split(r"[,:;]", found.group(k))[0].strip(" .?!") for k in ("a", "b"))
        if a and b and a != b and b not in _NOT_A_SECOND_JOB and a not in _NOT_A_SECOND_JOB:
            return a, b
    return None


@dataclass(frozen=True, slots=True)
class FollowUp:
    """What a follow-up asks of the occupation in context: its safer moves, or a comparison
    with another job (``other``, still to resolve)."""

    kind: str  # "moves" or "compare"
    other: str = ""


_FOLLOW_MOVES = re.compile(
    r"\b(?:what (?:should|could|can|do) i (?:learn|study|do instead|switch to|move to|retrain)"
    r"|safer (?:jobs?|moves?|options?|careers?|occupations?)|skills? (?:to|should i) learn"
    r"|(?:if i |i )?(?:moved?|switch(?:ed)?|changed?) to (?:the |a )?safer"
    r"|what else (?:could|can|should) i do|where (?:could|can|should) i go from here)\b"
)
_FOLLOW_COMPARE = re.compile(
    r"^(?:and\s+|ok\s+|now\s+)?(?:compare(?:\s+(?:it|that|this|them|me))?|how does (?:it|that) "
    r"compare|vs\.?|versus)\s*(?:with|to|against)?\s+(?:an?\s+|the\s+)?(?P<other>.+?)[?.!]*$"
)


def follow_up(text: str) -> FollowUp | None:
    """A message that asks about the occupation already in the conversation ("what should I
    learn?", "compare with welders"), or None for an ordinary question ("what about nurses?"
    names its own job)."""
    lowered = clean_text(text).lower().replace("\u2019", "'").strip()
    found = _FOLLOW_COMPARE.match(lowered)
    if found:
        return FollowUp("compare", found.group("other").strip())
    if _FOLLOW_MOVES.search(lowered):
        return FollowUp("moves")
    return None
