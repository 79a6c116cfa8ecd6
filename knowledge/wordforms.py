"""Word forms every part of resolution agrees on: the tokens of a text and a plain singular.

Kept apart from the message parsing (``text.py``) so that what detects work said
(``work_said.py``) can use them too.
"""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W_]+(?:[-'.][^\W_]+)*", re.UNICODE)


# Words ending in "men" that are no plural of a "-man".
_NOT_MEN = frozenset(
    "specimen abdomen regimen acumen ramen bitumen semen stamen yemen albumen hymen".split()
)


def singular(word: str) -> str:
    """A plain English singular for a plural-looking word (no dictionary: rules only)."""
    w = word
    if w.endswith("men") and len(w) > 4 and w not in _NOT_MEN:
        return w[:-3] + "man"  # postmen, firemen, binmen
    if len(w) <= 3 or not w.endswith("s") or w.endswith(("ss", "us", "is", "ous")):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes", "zes")):
        return w[:-2]
    return w[:-1]


def words(text: str) -> list[str]:
    """Lower-case word tokens, as the lexical index sees them."""
    return [t.strip(".'") for t in WORD.findall(text.lower()) if t.strip(".'")]


_LABEL_WORD = re.compile(r"\w+")


def label_words(label: str) -> frozenset[str]:
    """The words of a label, case and punctuation aside: what a menu's "adds words" and a
    label's ranks compare."""
    return frozenset(_LABEL_WORD.findall(label.casefold()))


# The people whose job a message may ask about, or whose work it says ("my wife teaches",
# "my dad works on ...", "my flatmate does data entry").
RELATIVES = tuple(
    """
    wife husband partner boyfriend girlfriend fiance fiancee spouse mum mom mother dad father
    parents son daughter kid kids child brother sister sibling friend mate uncle aunt auntie
    cousin niece nephew grandad granddad grandpa grandma granny grandmother grandfather nan
    neighbour neighbor flatmate housemate roommate colleague coworker workmate
    """.split()
)
