"""The job name a description of work makes: "I drive a bin lorry" -> "bin lorry driver".

People often say what they do instead of what they are ("he drives a bus", "I walk people's
dogs", "I stock shelves at night"). ESCO names many jobs exactly that way, object then agent
noun ("bus driver", "dog walker" of pet sitter, "shelf stocker" of shelf filler), so the
resolver looks for a label in the name the work makes as well as in the message itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from knowledge.wordforms import agent_forms, singular, software_worker, words
from knowledge.work_said import ADVERBS

# Words between the verb and the thing worked on that are not part of its name.
_DETERMINERS = frozenset(
    "a an the my our his her their its your some all any people's peoples customers' "
    "other others' this that these those".split()
)
_OBJECT_ENDS = frozenset("and or but so who which that because".split())
# ... nor where or for whom it is done, once something is worked on ("push patients around
# the hospital", "check tickets on trains").
_PLACE_WORDS = frozenset("around at in on for from through across along".split())
# The particle of a phrasal verb is no part of the thing worked on ("look after toddlers").
_PARTICLES = frozenset("after up out off over down with".split())


def verb_bases(word: str) -> list[str]:
    """ "drives" -> drive, "teaches" -> teach, "fixes" -> fix; the word itself first."""
    bases = [word]
    if word.endswith("es"):
        bases.append(word[:-2])
    if word.endswith("s"):
        bases.append(word[:-1])
    return bases


def _worked_on(tokens: list[str], short: bool) -> list[str]:
    """What the work is done to, from the words after the verb, without determiners, up to
    "and"; ``short``: also at most three words and up to a participle ("products coming off
    the line" -> products), for a phrase to embed rather than a name to find."""
    thing: list[str] = []
    for word in tokens:
        cut = short and ((thing and word.endswith("ing")) or len(thing) == 3)
        if word in _OBJECT_ENDS or cut or (thing and word in _PLACE_WORDS):
            break
        if word not in _DETERMINERS and not (not thing and word in _PARTICLES):
            thing.append(word)
    return thing


# Verbs whose worker ESCO names with another noun ("fix bikes" -> bike repairer, "repair
# cars" -> car mechanic).
_WORKERS_OF = {
    "fix": ("repairer", "mechanic"),
    "mend": ("repairer",),
    "repair": ("repairer", "mechanic"),
    "shoot": ("photographer",),  # ("I shoot weddings": a wedding photographer)
}


def _agents(verb: str, is_head: Callable[[str], bool]) -> list[str]:
    """The job nouns for who does ``verb``, most likely first: its agent nouns ("drive" ->
    driver), the verb itself when it is a job noun ("guard", "coach"), then the
    workers ESCO names with another noun."""
    found: list[str] = []
    for base in verb_bases(verb):
        found += [form for form in agent_forms(base) if is_head(form)]
        found += [base] if is_head(base) else []
        found += [worker for worker in _WORKERS_OF.get(base, ()) if is_head(worker)]
    return list(dict.fromkeys(found))


def work_names(activity_text: str, is_head: Callable[[str], bool]) -> list[str]:
    """The job names "<what is worked on> <who does it>" a description of work makes, most
    likely first (both "shelve" and "shelf" for "shelves"); none when no agent noun names a job.

    ``activity_text`` is the work said, verb first ("drive a bin lorry", "walk people's dogs");
    ``is_head`` tells whether a word is a job noun (the head of some ESCO label), so that
    only agent nouns that name jobs are made ("drive" -> driver, "walk" -> walker).
    """
    tokens = words(activity_text)
    for position, token in enumerate(tokens[:2]):  # an adverb may come first ("also drive")
        if position and not _adverb(tokens[0]):
            return []  # ("knocks dents out": no dentist)
        agents = _agents(token, is_head)
        if not agents:
            continue
        thing = _worked_on(tokens[position + 1 :], short=False)
        if not thing:
            return []
        agents = list(dict.fromkeys(software_worker(a, thing) for a in agents))
        last = thing[-1]
        forms = [singular(last)] + ([last[:-3] + "f"] if last.endswith("ves") else [])
        return [" ".join([*thing[:-1], form, agent]) for agent in agents for form in forms]
    return []


def _adverb(word: str) -> bool:
    return word in ADVERBS or word.endswith("ly")


def _agent_noun(verb: str) -> str:
    """A plain agent noun for any verb ("fix" -> fixer, "check" -> checker, "sew" -> sewer,
    "investigate" -> investigator, "patrol" -> patroller, as British labels spell it)."""
    if verb.endswith("ate") and len(verb) > 5:
        return verb[:-1] + "or"
    if re.search(r"[^aeiou][aeiou]l$", verb):
        return verb + "ler"
    return verb + "r" if verb.endswith("e") else verb + "er"


def work_phrase(activity_text: str, is_head: Callable[[str], bool]) -> str:
    """The work said as a job title would say it, for the embedding to compare with labels:
    "fix bikes" -> "bike fixer", "check finished products" -> "finished product checker"."""
    named = work_names(activity_text, is_head)
    if named:
        return named[0]
    tokens = words(activity_text)
    if tokens and _adverb(tokens[0]):
        tokens = tokens[1:]  # "usually fix bikes"
    if len(tokens) < 2:
        return ""
    verb = verb_bases(tokens[0])[-1] if tokens[0].endswith("s") else tokens[0]
    thing = _worked_on(tokens[1:], short=True)
    if not thing:
        return ""
    return " ".join([*thing[:-1], singular(thing[-1]), _agent_noun(verb)])


# (with a determiner: "washing machines" is a thing, "washing the dishes" work)
_GERUND = re.compile(r"\b([a-z]{3,}?)(\w?)ing\s+((?:the|a|an|some|people's)\s+)([a-z]+)\b")


def gerund_work(message: str) -> list[str]:
    """The work a message says with a gerund and its object, as verb and object: "I work
    nights filling the shelves" -> "fill the shelves" (and "fille ...", for "driving" ->
    drive). For the names it makes (``work_names``): only a name that is a label counts."""
    out = []
    for stem, double, det, thing in _GERUND.findall(message.casefold()):
        bases = [stem + double, stem + double + "e"] + ([stem] if double == stem[-1:] else [])
        out += [f"{base} {det}{thing}" for base in bases]
    return out
