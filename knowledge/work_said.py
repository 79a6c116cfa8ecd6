"""Work said in one's own words: "I stock shelves at night", "my dad mends roads".

Whether a message describes someone's work (a verb of work and what it is done to), what
that work is ("stock shelves"), and whether it is rather something one does for oneself
("I walk my dog", "I walk to the station"). The resolver compares the work said with what
occupations do (skills, descriptions), and the non-job gate takes it as evidence of a job.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from knowledge.pastimes import FOND_OF, RETIRED, pastime
from knowledge.wordforms import RELATIVES, singular
from knowledge.work_verbs import (
    EVERYDAY_VERBS,
    IRREGULAR_PLURALS,
    JOB_ALONE,
    NOT_VERBS,
    NOT_WORK_VERBS,
    PAST,
    VERBS_OF_WORK,
)

# Who does the work: the person asking, or someone they talk about ("my wife teaches ...").
_WORKER = r"(?:i|we|he|she|they|my\s+\w+|our\s+\w+)"
ADVERBS = frozenset("also just now mainly mostly usually still currently often sometimes".split())
# What may stand between the worker and the verb of work: an adverb or a modal ("I also fix",
# "I can paint", "I help run"), or another verb and "and" ("I bath and trim dogs"); not any
# word ("I go out and buy milk" is no milking).
_BETWEEN = ADVERBS | frozenset(
    "really actually basically can could will would do does help then".split()
)
_BEFORE_VERB = r"(?:(?:" + "|".join(sorted(_BETWEEN)) + r")\s+|[a-z]+\s+and\s+)?"
_VERB_OF_WORK = re.compile(VERBS_OF_WORK)
# (a verb's own endings only: "my Stardew farmer just married ..." farms nothing)
_ACTIVITY = re.compile(
    r"\b" + _WORKER + r"\s+" + _BEFORE_VERB + VERBS_OF_WORK + r"(?:s|es|ed|d|ing)?\b"
)
# Any other verb that begins an ESCO skill ("I unload lorries", "I keep the accounts"), except
# the ones people say about anything but their work ("I think", "I use ChatGPT", "I read").
_PEOPLE = (*RELATIVES, "boss")
_THEIRS = r"(?:my|our)\s+(?:" + "|".join(_PEOPLE) + r")"  # ("my wife", "our boss")
_ANY_WORK = re.compile(r"\b(?:i|we|he|she|they|" + _THEIRS + r")\s+(\w+)(?:\s+(\w+))?")
# "I stock shelves at night in a big supermarket" -> "stock shelves": the verb and its object,
# up to the first word that starts a place, a time or a purpose ("with" too, but not after
# "deal" and before a thing dealt with: "I deal with complaints", not "I deal with it").
_SAID_WORK = re.compile(
    _WORKER + r"\s+(.+?)(?=\s+(?:at|in|on|for|from|when|while|every|to|by|as|and then|"
    r"(?<!deal\s)with|with(?=\s+(?:it|this|that|them|him|her|me|you|stuff|things|people)\b)|"
    r"before|until|because|but|if|mostly|which|who|that)\b|[,.?!;:]|$)"
)


def _s_forms(verb: str) -> set[str]:
    """What a verb ending in "s" may be the third person of: "mends" -> mend, "fixes" -> fix,
    "carries" -> carry."""
    return {verb, verb[:-1], verb[:-2], singular(verb)}


def _work_verb_said(lowered: str, work_verb: Callable[[str], bool] | None) -> re.Match | None:
    """ "I unload lorries", "my dad mends roads": someone does work a skill verb names."""
    if work_verb is None:
        return None
    for found in _ANY_WORK.finditer(lowered):
        first, second = found.group(1), found.group(2)
        adverb = first in ADVERBS or (first.endswith("ly") and not work_verb(first))
        verb = second if adverb and second else first
        bases = _s_forms(verb) if verb.endswith("s") else {verb}
        if bases & NOT_WORK_VERBS:  # "my boss thinks ...", "she uses ChatGPT"
            # ... unless a skill begins with the verb and its object ("I take blood samples",
            # "I keep stock records"; not "I take the bus").
            said_verb = found.end(2) if adverb and second else found.end(1)  # "I usually take"
            after = [w for w in lowered[said_verb:].split() if w not in _LIGHT_SKIP]
            thing = after[0].strip(".,!?") if after else ""
            objects = {thing, singular(thing)} if thing and thing not in _PREPOSITIONS else set()
            if not any(work_verb(f"{b} {o}") for b in bases for o in objects):
                continue
            return found
        if any(work_verb(b) for b in bases) and found.group(2) not in _PARTICLES:
            return found  # (not "I log in", "she signs up")
    return None


_LIGHT_SKIP = frozenset("a an the some people's customers'".split())
_PARTICLES = frozenset("in on out off up into onto".split())
_PREPOSITIONS = _PARTICLES | frozenset("at for with to from over by as like about around".split())


_MODALS = frozenset("can could will would should must might may just also".split())

_NO_OBJECT = frozenset(
    "it them him her you me us this that these those what to too so very really all "
    "everything anything something nothing everyone and or but "
    "myself yourself himself herself ourselves themselves".split()
)
_NOT_SAID_AS_WORK = NOT_WORK_VERBS | EVERYDAY_VERBS
_NOT_THINGS = _NO_OBJECT | _PREPOSITIONS
_WHO = re.compile(_WORKER)
_PRESENT_WORK = re.compile(
    r"(?:^|[.!?;,]\s*|\b(?:and|so|but|honestly|hi|hey|well)\s+)(i|we|they|he|she|"
    + _THEIRS
    + r")\s+(?:(?:still|just|usually|mainly|mostly|often|also)\s+)?([a-z]+)\s+"
    r"(?:(?:up|out|down|off)\s+)?"
    r"(?:the\s+|a\s+|an\s+|some\s+|(?:about|around|over)\s+(?=\d)|\d[\d,]*\s+)*"
    r"([a-z]{3,})\b((?:\s+[a-z]{3,}){0,2})"
)


def _present_work(lowered: str, work_verb: Callable[[str], bool]) -> re.Match | None:
    """A sentence that says someone does something to things, in the present: the last way
    of saying work, for verbs no list holds. The verb begins an ESCO skill or the things
    are many ("I pull teeth", "she knocks dents out"; not "I prefer tea", "he hogs the
    remote")."""
    for found in _PRESENT_WORK.finditer(lowered):
        worker, verb, thing = found.group(1), found.group(2), found.group(3)
        third_person = worker not in ("i", "we", "they")
        if (third_person and not verb.endswith("s")) or verb.endswith("ed") or verb in PAST:
            continue
        if verb in ADVERBS or verb.endswith("ly") or verb in NOT_VERBS:
            continue
        bases = _s_forms(verb) if third_person else {verb}
        if bases & _NOT_SAID_AS_WORK or thing in _NOT_THINGS:
            continue
        # the things may come after a word or two that say which ("catalogues old parish
        # registers", "puts up the metal poles")
        things = [thing, *found.group(4).split()]
        if not (any(_many(t) for t in things) or any(work_verb(b) for b in bases)):
            continue
        return _WHO.match(lowered, found.start(1))  # (the work said starts at the worker)
    return None


# Any verb said as what one does for a living: "I play rugby professionally", "she sings
# for a living" (a sentence about oneself or one's people, in the present; not "what I do
# for a living", "I have never played professionally", "if I could nap for a living", "he
# basically sleeps for a living", "she complains for a living").
_FOR_A_LIVING = re.compile(
    r"\b(?:i|we|he|she|they|" + _THEIRS + r")\s+"
    r"(?!(?:do|does|did|have|has|had|never|don'?t|could|would|might|wish|want|wanna|should|"
    r"can'?t|'d|" + "|".join(sorted(NOT_VERBS | EVERYDAY_VERBS)) + r")s?\b)(?=[a-z]+\b"
    r"(?:\s+[a-z']+){0,3}\s+(?:professionally|for a living)\b)"
)


def _many(thing: str) -> bool:
    """A plural: the things a job works on ("teeth", "registers"; not "glass")."""
    return thing in IRREGULAR_PLURALS or (
        thing.endswith("s") and not thing.endswith("ss") and thing not in _NOT_THINGS
    )


def _works_alone(said: re.Match, from_worker: str, work_verb: Callable[[str], bool]) -> bool:
    """The work said has an object ("I walk dogs"), or is a job by itself ("I teach"), or
    is said as work ("I drive for Uber", "I clean for a living"), or its verb takes its
    object after a preposition as a skill says it ("I respond to 999 calls"): not "I walk to
    the station", "while I type"."""
    verb_and_object = [w for w in said.group(1).split() if w not in _MODALS]  # "I can paint"
    if len(verb_and_object) >= 2:
        return True
    verb = verb_and_object[0] if verb_and_object else ""
    if {verb, verb[:-1], verb[:-2]} & JOB_ALONE:
        return True
    rest = from_worker[said.end(1) :]
    then = rest.split()[:2]
    bases = _s_forms(verb) if verb.endswith("s") else {verb}  # ("she deals with feet")
    if (
        len(then) == 2
        and then[1] not in _NO_OBJECT
        and any(work_verb(f"{base} {then[0]}") for base in bases)
    ):
        return True
    if re.match(r"\s*(?:which|who|what|how|that|whether)\b", rest):
        return True  # an object said as a clause: "I recommend which wine goes with ..."
    return re.match(r"\s*(?:for|professionally|full[- ]time|part[- ]time)\b", rest) is not None


_MORE_VERBS = re.compile(r",\s*(?=[a-z-]+(?:\s*,|\s+and)\s)")  # ("cut, colour and blow-dry")
_LISTED = re.compile(r"^(?:[a-z-]+\s*,\s*)+")  # ("colour, style and blow-dry": one list)
# the last of listed verbs has an object: "colour and blow-dry hair", not "swim and cycle"
_LAST_HAS_OBJECT = re.compile(r"\band\s+[\w-]+\s+\w")


def _no(_text: str) -> bool:
    return False


# Not the work of the one who asks or of their family: what a boss or a colleague does or does
# not do ("my manager never answers emails", "my boss keeps booking meetings at 5pm").
_NOT_THEIR_WORK = re.compile(
    r"(?:my|our)\s+(?:boss|manager|supervisor|colleague|coworker|co-worker|workmate|teacher|"
    r"landlord|team lead|line manager)\b"
    r"|(?:(?:my|our)\s+)?\w+\s+(?:never|doesn't|don't|didn't|won't|can't)\s"
)
_NOUN_AFTER = re.compile(r"\s*(?:is|was|are|were|has|'s)\b")
_ASKING = re.compile(r"^\s*(?:how|can|could|should|would|where|when|why|what)\b")
# ... anywhere: "my laptop fan is super loud, how do I fix it"
_ASKED = re.compile(r"\b(?:how|what|why|where|when)\s+(?:do|can|could|should|would|did)\s+$")
# Work done to "it" names no work: "fix it", "do this" (but "cars break down and I fix them"
# is a mechanic's: "them" refers back to the things worked on).
_DONE_TO_IT = re.compile(r"\w+\s+(?:it|this|that)")


@dataclass(frozen=True)
class WorkSaid:
    activity: bool  # "I repair boilers", "I drive a taxi"
    text: str  # the work said, verb and object: "stock shelves", "fix bikes"; "" if none
    pastime: bool  # what one does for oneself: "I walk my dog", "poems for fun"
    verb_alone: bool = False  # a verb with no object that is no job: "I walk to the station"


# A first verb that says little, then the work: "I go into companies and check their
# accounts", "I go into people's homes to help them wash", "I find candidates and set up their
# interviews". Only in a sentence about oneself or one's people, in the present.
_THEN_WORK = re.compile(
    r"^\W*(?:i|we|" + _THEIRS + r")\s+"
    r"(?:(?:go|goes)\s[^.!?]*?\s(?:and|to)|(?:sit|sits|find|finds|put|puts|take|takes|get|gets|"
    r"spend|spends|keep|keeps|work|works)\s[^.!?]*?\sand"
    r"|(?:sit|sits|stand|stands)\s[^.!?,]*?,)\s+(?=[a-z])"
)  # ("to" only after going somewhere: "I get up early to walk the dog" is no work; a comma
# after where one sits or stands: "I stand on the door at a club, check IDs and ...")


# ... or the work in "-ing" after where one goes, sits or stands: "I go door to door reading
# meters", "I stand on the door of a club checking IDs", "I sit in a cab swinging beams".
_THERE = re.compile(
    r"^\W*(?:i|we|he|she|they|" + _THEIRS + r")\s+"
    r"(?:(?:go|goes)\s+(?:a?round|door to door|house to house|out on|"
    r"(?:in)?to (?:people's|clients'|customers'|patients'|other people's))"
    r"|(?:sit|sits|stand|stands)\s+(?:\w+\s+)?(?:in|at|on|behind)\s+"
    r"(?:an?\b|the (?:door|bar|counter|till|gate|phones?|switchboard|checkouts?)\b))"
    r"[^.!?,]*?(?=\b[a-z]{3,}ing\b)"
)  # (not "I go to church singing hymns", "she stands in the kitchen baking cakes")
_LEISURE = re.compile(
    r"\b(?:gym|pub|park|beach|cinema|shops|mall|pool|sofa|couch|bed|home|garden|church|"
    r"library|town|supermarket|car boot|mates'?|friends'?|my|his|her|their)\b"
)
_AT_HOME = re.compile(r"\b(?:kitchen|sofa|couch|bed|garden|window|mirror|shower)\b")
_DOING = re.compile(r"\b([a-z]{3,}ing)\b(?=([^.!?,]*))")
# "-ing" words that are mostly nouns or name a place ("building sites", "a dining room").
_NOT_DOING = frozenset(
    "building living dining meeting parking shopping waiting sitting swimming boarding "
    "morning evening ceiling clothing wedding something anything nothing everything during "
    "being thing spring string visiting colouring feeding buying playing watching singing "
    "drinking chatting scrolling learning".split()
)


def _there_doing(lowered: str, work_verb: Callable[[str], bool]) -> WorkSaid:
    """The first "-ing" after where someone goes, sits or stands that is a skill's verb with
    an object ("reading gas meters"; not "lifting" alone, nor "to the gym and chill")."""
    there = _THERE.match(lowered)
    if there is None or _LEISURE.search(there.group(0)):
        return WorkSaid(False, "", False)
    for doing in _DOING.finditer(lowered, there.end()):
        gerund, rest = doing.group(1), doing.group(2)
        if gerund in _NOT_DOING:
            continue
        verb = _base_verb(gerund, rest, work_verb)
        said = _SAID_WORK.match(f"i {verb}{rest}") if verb else None
        if said is not None and len(said.group(1).split()) >= 2:
            return WorkSaid(True, said.group(1), False)
    return WorkSaid(False, "", False)


def _then_said(lowered: str, work_verb: Callable[[str], bool] | None) -> WorkSaid:
    """The work said after a first verb that says little (``_THEN_WORK``, ``_THERE``), if a
    verb of work begins it."""
    then = _THEN_WORK.match(lowered)
    if then is not None and then.group(0).rstrip().endswith(",") and _AT_HOME.search(then[0]):
        then = None  # ("I sit on the sofa, watch tv", "I stand in the kitchen, cook pasta")
    clause = "i " + lowered[then.end() :] if then is not None else ""
    if not _ACTIVITY.match(clause):  # a verb of work, not any skill's ("and buy milk")
        return _there_doing(lowered, work_verb or _no)
    said = work_said(clause, work_verb)
    return said if said.activity else WorkSaid(False, "", said.pastime)


# Work said as what one's job is, the verb in "-ing": "my job is emptying wheelie bins",
# "filling potholes on the motorway, that's me", "sorting parcels is what I do".
_JOB_IS_DOING = re.compile(
    r"^\W*(?:my (?:job|work) is|my job's|i(?:'m| am) paid (?:to|for)|i get paid (?:to|for))"
    r"\s+(?:(?:mostly|mainly|basically|just)\s+)?([a-z]+ing)\b(.*)$"
)
# ... or said as what one has been doing for years, or as a career asked about: "I've been
# driving the number 47 bus for twelve years", "is flying planes still a safe career?"
_BEEN_DOING = re.compile(
    r"^\W*(?:i've|ive|i have|(?:my [a-z]+|he|she)(?:'s| has))\s+been ([a-z]+ing)\b"
    r"(?!\s+(?:me|us|you|him|her|them|my|our)\b)(.*?)"
    r"(?=\s+(?:for (?:\w+ ){0,2}(?:years?|yrs|decades?)|since (?:19|20)\d\d)\b)"
)
_DOING_AS_A_CAREER = re.compile(
    r"^\W*is ([a-z]+ing)\b(.+?)\s+(?:still\s+)?(?:a|an)\s+(?:\w+\s+)?"
    r"(?:career|job|trade|profession|living)\b"
)
_DOING_IS_MY_JOB = re.compile(
    r"^\W*([a-z]+ing)\b(.+?)(?:,?\s*that's (?:me|my job|what i do)|\s+is (?:what i do|my job))"
    r"\W*$"
)


def _base_verb(gerund: str, then: str, work_verb: Callable[[str], bool]) -> str | None:
    """ "emptying" -> empty, "making" -> make, "putting" -> put, "looking (after)" -> look:
    the form a verb of work or an ESCO skill begins with (not "runn" for "running")."""
    stem = gerund[:-3]
    doubled = [stem[:-1]] if len(stem) > 2 and stem[-1] == stem[-2] else []
    for form in [*doubled, stem, stem + "e"]:
        said = _VERB_OF_WORK.match(form + then)
        if work_verb(form) or (said is not None and said.end() >= len(form)):
            return form
    return None


def _job_is_doing(lowered: str, work_verb: Callable[[str], bool] | None) -> WorkSaid:
    said = (
        _JOB_IS_DOING.match(lowered)
        or _DOING_IS_MY_JOB.match(lowered)
        or _BEEN_DOING.match(lowered)
        or _DOING_AS_A_CAREER.match(lowered)
    )
    verb = _base_verb(said.group(1), said.group(2), work_verb or _no) if said else None
    if said is None or verb is None:
        return WorkSaid(False, "", False)
    found = work_said(f"i {verb}{said.group(2)}", work_verb)
    return found if found.activity else WorkSaid(False, "", False)


def work_said(lowered: str, work_verb: Callable[[str], bool] | None) -> WorkSaid:
    """The work a lower-cased message says someone does, if any. ``work_verb`` tells whether
    a verb, or a verb and its object, begins an ESCO skill."""
    if (FOND_OF.search(lowered) or RETIRED.search(lowered)) and "?" not in lowered:
        return WorkSaid(False, "", True)  # ("I enjoy welding, is it safe?" asks about work)
    listed = _ACTIVITY.search(lowered)
    if listed and _NOUN_AFTER.match(lowered, listed.end()):
        listed = None  # ("our team lead is leaving": a noun, no verb)
    found = (
        listed
        or _work_verb_said(lowered, work_verb)
        or _FOR_A_LIVING.search(lowered)
        or (_present_work(lowered, work_verb) if work_verb is not None else None)
    )
    if found is not None and _NOT_THEIR_WORK.match(lowered, found.start()):
        # what a boss does, or what someone never does: look further ("my boss runs the
        # shop and I cut hair")
        rest = lowered[found.end() :]
        return work_said(rest, work_verb) if rest.strip() else WorkSaid(False, "", False)
    if not found:
        doing = _job_is_doing(lowered, work_verb)
        return doing if doing.activity else _then_said(lowered, work_verb)
    done_for_oneself = pastime(lowered[found.start() :], lowered)
    if done_for_oneself or _ASKING.match(lowered) or _ASKED.search(lowered[: found.start()]):
        return WorkSaid(False, "", done_for_oneself)
    from_worker = lowered[found.start() :]
    said = _SAID_WORK.match(from_worker)
    text = said.group(1) if said else ""
    listed_verbs = _MORE_VERBS.match(from_worker, said.end(1)) if said else None
    alone = said is not None and not _works_alone(said, from_worker, work_verb or _no)
    if listed_verbs is not None:  # "I cut, colour and blow-dry hair": the object comes last
        rest = _LISTED.sub(
            lambda m: m.group(0).replace(",", " "), from_worker[listed_verbs.end() :]
        )
        more = _SAID_WORK.match("i " + rest)
        if more is not None and (not alone or _LAST_HAS_OBJECT.search(more.group(1))):
            text, alone = f"{text}, {more.group(1)}", False
    if _DONE_TO_IT.fullmatch(text):
        return WorkSaid(False, "", False)
    if alone:
        return WorkSaid(False, "", True, verb_alone=True)  # "while I type", "I run, swim ..."
    return WorkSaid(True, text, False)
