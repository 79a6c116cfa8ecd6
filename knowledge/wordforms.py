"""Word forms every part of resolution agrees on: the tokens of a text, a plain singular, and
the job nouns a field or activity word is made from ("welding" -> welder).

Kept apart from the message parsing (``text.py``) so that what detects work said
(``work_said.py``) can use them too.
"""

from __future__ import annotations

import functools
import re

WORD = re.compile(r"[^\W_]+(?:[-'.][^\W_]+)*", re.UNICODE)


# Words ending in "men" that are no plural of a "-man".
_NOT_MEN = frozenset(
    "specimen abdomen regimen acumen ramen bitumen semen stamen yemen albumen hymen".split()
)
# Nouns ending in "-ie" whose plural "-ies" is no "-y" word's: job nicknames above all
# ("cabbies", "brickies", "squaddies").
_IE_NOUNS = frozenset(
    """cabbie brickie squaddie truckie roadie bookie postie techie foodie newbie goalie
    rookie groupie hippie bikie wharfie firie ambie sweetie auntie movie zombie selfie
    cookie genie pixie calorie collie""".split()
)


@functools.lru_cache(maxsize=1 << 16)
def singular(word: str) -> str:
    """A plain English singular for a plural-looking word (no dictionary: rules only).
    Remembered: opening a build makes the singular of some 95,000 label words."""
    w = word
    if (w.endswith("men") and len(w) > 4 and w not in _NOT_MEN) or w == "men":
        return w[:-3] + "man"  # postmen, firemen, binmen; "garbage men"
    if len(w) <= 3 or not w.endswith("s") or w.endswith(("ss", "us", "is", "ous")):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-1] if w[:-1] in _IE_NOUNS else w[:-3] + "y"
    if w.endswith(("wives", "knives")):
        return w[:-3] + "fe"  # midwives, housewives (not "olives": "-ves" alone is ambiguous)
    if w.endswith(("ches", "shes", "sses", "xes", "zes")):
        return w[:-2]
    return w[:-1]


def words(text: str) -> list[str]:
    """Lower-case word tokens, as the lexical index sees them."""
    return WORD.findall(text.lower())  # (a match never starts or ends with "." or "'")


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


_DERIVATIONS = (  # field or activity -> the person who does it ("physiotherapy" -> "...ist")
    ("logy", "logist"),
    ("ics", "ician"),
    ("ics", "ist"),  # orthodontics -> orthodontist
    ("ry", "rist"),
    ("y", "ist"),
    ("istry", "ist"),  # dentistry -> dentist
    ("ery", "er"),  # joinery -> joiner
    ("acy", "acist"),  # pharmacy -> pharmacist
    ("graphy", "grapher"),  # radiography -> radiographer, photography -> photographer
    ("ing", "er"),
    ("zing", "zier"),  # glazing -> glazier
    ("ing", "e"),
    ("ing", "ant"),
    ("ing", "or"),
    ("ing", ""),
    ("e", "er"),
    ("", "er"),
    ("", "or"),
    ("", "r"),
    ("", "ist"),
    ("ism", "ist"),
    ("ure", ""),  # architecture -> architect
    ("try", "ter"),  # carpentry -> carpenter
    ("ery", "erer"),  # upholstery -> upholsterer
    ("ysis", "yst"),  # analysis -> analyst
    ("ation", "ator"),  # translation -> translator, animation -> animator
    ("ation", "er"),  # interpretation -> interpreter
    ("ement", "er"),  # project management -> project manager
    ("ment", "er"),  # software development -> software developer
)


@functools.lru_cache(maxsize=1 << 16)
def agent_forms(word: str, fields_only: bool = False, asked: bool = False) -> tuple[str, ...]:
    """The job nouns a field or activity word may come from ("welding" -> "welder",
    "accounting" -> "accountant", "architecture" -> "architect"), most likely first.
    ``fields_only``: only from words shaped like a field or activity ("-ing", "-ry", "-ure"
    ...), never from a bare verb ("write" is not the field of writers). ``asked``: the word
    is asked about as a line of work, so "-ation" and "-ysis" fields count too ("translation",
    "data analysis")."""
    if len(word) < 4:
        return ()
    forms = []
    for suffix, replacement in _DERIVATIONS:
        if fields_only and len(suffix) < 2 and suffix != "y":  # ("physiotherapy")
            continue
        if suffix in ("ation", "ysis") and not asked:
            continue  # ("I have a presentation tomorrow" names no presenter)
        if word.endswith(suffix):
            candidate = word[: len(word) - len(suffix)] + replacement
            if candidate != word:
                forms.append(candidate)
    return tuple(forms)


# Who writes, builds or makes code or software is a developer, not a writer or a builder.
_SOFTWARE = frozenset("code software app apps website websites program programs".split())


def software_worker(agent: str, worked_on: list[str]) -> str:
    """ "write backend code" -> developer, not writer; any other agent as it is."""
    if agent in ("writer", "builder", "maker") and _SOFTWARE & set(worked_on):
        return "developer"
    return agent
