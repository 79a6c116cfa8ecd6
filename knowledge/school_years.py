"""School years as people say them ("5th graders", "fifth graders", "grade 9", "a year 2
class"), turned into the school level ESCO's teacher labels use: grades 1-5 and years 1-6 are
primary school."""

from __future__ import annotations

import re

_ORDINALS = {
    word: n
    for n, word in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(),
        start=1,
    )
}
_SCHOOL_YEAR = re.compile(
    r"\b(?:(?P<nth>\d{1,2})(?:st|nd|rd|th)[ -]grade(?:rs?)?"
    r"|(?P<word>" + "|".join(_ORDINALS) + r")[ -](?:graders?|grade(?= (?:teacher|class|"
    r"classes|students|pupils|kids)\b))"  # ("my son is in first grade": no teacher)
    r"|grade (?P<grade>\d{1,2})(?:rs?)?"
    r"|year (?P<year>\d{1,2})"
    r"(?= (?:class|classes|pupils|students|kids|children|group|form|teacher|tutor)\b)"
    r"|(?P<teach>\bteach(?:es|ing)? )year (?P<taught>\d{1,2})\b)"  # "I teach year 3"
)


def _school_level(found: re.Match) -> str:
    if found.group("taught"):
        level = "primary school" if int(found.group("taught")) <= 6 else "secondary school"
        return found.group("teach") + level
    if found.group("year"):
        return "primary school" if int(found.group("year")) <= 6 else "secondary school"
    if found.group("word"):
        grade = _ORDINALS[found.group("word")]
    else:
        grade = int(found.group("nth") or found.group("grade"))
    return "primary school" if grade <= 5 else "secondary school"


def school_levels(lowered: str) -> str:
    """``lowered`` with each school year said replaced by its school level."""
    return _SCHOOL_YEAR.sub(_school_level, lowered)
