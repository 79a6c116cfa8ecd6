"""English for labels we did not write: ESCO skills, knowledge items and occupation names.

ESCO skills are verb phrases ("manage budgets"), knowledge items are nouns ("criminal law"),
tools are product names ("ABBYY FineReader"), and occupations are singular nouns without an
article ("translator"). Pasting them into a sentence as they are gives "help with manage
budgets" and "people working as translator"; these rules give "help with managing budgets"
and "Translators". Rules only, no dictionary: the prose check in ``bench/prose.py`` reads
every answer for all 3,007 occupations to keep them honest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

VOWELS = "aeiou"
# Two-syllable verbs stressed on the last syllable double their last consonant.
_DOUBLE_FINAL = {
    "admit", "commit", "submit", "permit", "omit", "emit", "transmit", "control", "patrol",
    "compel", "expel", "propel", "refer", "prefer", "confer", "transfer", "defer", "deter",
    "occur", "recur", "incur", "equip", "regret", "forget", "begin", "upset", "outfit",
    "program", "kidnap", "rebut", "acquit", "embed", "format",
}  # fmt: skip
_NO_DOUBLE = {"open", "offer", "visit", "edit", "limit", "credit", "deposit", "audit", "budget"}
_IRREGULAR_PLURALS = {
    "person": "people", "child": "children", "woman": "women", "man": "men",
    "foot": "feet", "tooth": "teeth", "mouse": "mice", "midwife": "midwives",
}  # fmt: skip
_UNCHANGED_PLURALS = {"staff", "personnel", "crew", "police", "aircrew", "clergy", "sheep"}
_PREPOSITION_SPLIT = re.compile(
    r"\s+(?:(?:responsible|specialised|specialized|working)\s+)?(?:of|in|for|at|on|to|with|from|by)\s"
)
_VOWEL_SOUND_LETTERS = set("aefhilmnorsx")  # letters whose names start with a vowel sound


def gerund(phrase: str) -> str:
    """A verb phrase as its -ing form: "manage budgets" -> "managing budgets", "carry out
    checks" -> "carrying out checks", "plan routes" -> "planning routes"."""
    first, _, rest = phrase.partition(" ")
    return f"{_ing(first)} {rest}".strip() if first else phrase


_PARTICLES = {"up", "out", "down", "in", "off", "on", "over", "back"}


def _ing(verb: str) -> str:
    if "-" in verb:  # "follow-up" -> "following up", "sun-cure" -> "sun-curing"
        head, _, tail = verb.rpartition("-")
        if tail.lower() in _PARTICLES:
            return f"{_ing(head)} {tail}"
        return f"{head}-{_ing(tail)}"
    lower = verb.lower()
    if not lower.isalpha() or (lower.endswith("ing") and len(lower) > 5):
        return verb
    if lower == "be":
        return "being"
    if lower.endswith("ie"):
        return verb[:-2] + "ying"
    if lower.endswith(("ee", "ye", "oe")):
        return verb + "ing"
    if lower.endswith("e") and len(lower) > 2:
        return verb[:-1] + "ing"
    if lower in _DOUBLE_FINAL or (lower not in _NO_DOUBLE and _short_cvc(lower)):
        return verb + verb[-1] + "ing"
    return verb + "ing"


def _short_cvc(word: str) -> bool:
    """One syllable ending consonant-vowel-consonant (plan, set, stop, but not fix or row)."""
    syllables = len(re.findall(r"[aeiouy]+", word))
    return (
        syllables == 1
        and len(word) >= 3
        and word[-1] not in VOWELS + "wxy"
        and word[-2] in VOWELS
        and word[-3] not in VOWELS
    )


def plural(label: str) -> str:
    """An occupation's plural: "translator" -> "translators", "director of photography" ->
    "directors of photography", "waiter/waitress" -> "waiters/waitresses"."""
    label = " ".join(label.split())  # ESCO has stray and non-breaking spaces
    if "/" in label and " " not in label.split("/", 1)[0]:
        return "/".join(plural(part) for part in label.split("/"))
    head, sep, tail = _split_head(label)
    words = head.split(" ")
    words[-1] = _plural_word(words[-1])
    return " ".join(words) + sep + tail


def _split_head(label: str) -> tuple[str, str, str]:
    """The words up to the first preposition or bracket, and the rest."""
    bracket = label.find(" (")
    cut = _PREPOSITION_SPLIT.search(label)
    positions = [p for p in (bracket, cut.start() if cut else -1) if p > 0]
    if not positions:
        return label, "", ""
    at = min(positions)
    return label[:at], "", label[at:]


def _plural_word(word: str) -> str:
    if "-in-" in word:  # editor-in-chief -> editors-in-chief
        first, _, rest = word.partition("-in-")
        return f"{_plural_word(first)}-in-{rest}"
    if "-" in word:  # co-pilot -> co-pilots, stand-in -> stand-ins
        first, _, last = word.rpartition("-")
        return f"{first}-{_plural_word(last)}" if last.isalpha() else word + "s"
    lower = word.lower()
    if lower in _UNCHANGED_PLURALS or not lower.isalpha():
        return word
    for singular, plural_form in _IRREGULAR_PLURALS.items():
        if lower == singular or (lower.endswith(singular) and singular in ("man", "woman")):
            if lower.endswith(("human", "german", "shaman", "ottoman")):
                break
            return word[: len(word) - len(singular)] + plural_form
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in VOWELS:
        return word[:-1] + "ies"
    if lower.endswith(("s", "sh", "ch", "x", "z")):
        return word + "es"
    return word + "s"


def article(noun: str) -> str:
    """ "a" or "an" before ``noun`` by its first sound: an accountant, a user, an ICT analyst."""
    first = noun.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():  # an acronym is read letter by letter
        return "an" if first[0].lower() in _VOWEL_SOUND_LETTERS else "a"
    lower = first.lower()
    if lower.startswith(("hour", "honest", "heir", "honour")):
        return "an"
    if lower.startswith(("uni", "use", "usu", "eu", "one", "ur", "uk")):
        return "a"
    return "an" if lower[:1] in VOWELS else "a"


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def join(items: Sequence[str], conjunction: str = "and") -> str:
    """ "a", "a and b", "a, b and c"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


_S_VERBS = {
    "process", "access", "address", "assess", "discuss", "express", "dress", "press", "pass",
    "cross", "guess", "focus", "harness", "possess", "bless", "caress", "toss",
}  # fmt: skip


def is_verb_phrase(label: str) -> bool:
    """ESCO skills start with a verb in its base form; a few are noun phrases filed as skills
    ("types of tile"): a lower-case first word ending in -s (not -ss) is read as a noun."""
    first = label.split(" ", 1)[0]
    if not first[:1].islower():
        return False
    if first.endswith("ing") and len(first) > 5:
        return True  # already an activity: "managing a business"
    return not (first.endswith("s") and first not in _S_VERBS and not first.endswith("ss"))


def skill_phrase(label: str, kind: str) -> str:
    """How a skill reads after "with", "for" or "on": an -ing phrase for a skill, "knowledge
    of" a knowledge item, "using" a tool."""
    if kind == "tool":
        return f"using {label}"
    if kind == "knowledge" or not is_verb_phrase(label):
        return f"knowledge of {label}"
    return gerund(label)
