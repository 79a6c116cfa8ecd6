"""The non-job gate: does a message name a job at all, or only use a word that occurs in one?

"what's the weather" matches *weather forecaster* as well as "weather forecaster" does; what
tells them apart is a job noun ("forecaster"), a job frame ("I work as", "will AI replace"), a
description of one's work ("I repair boilers"), or a job name said word for word.
"""

from __future__ import annotations

import re
from typing import Protocol

from knowledge.lexical import Lexicon
from knowledge.mentions import Mention
from knowledge.other_talk import about_the_bot, other_talk
from knowledge.short_forms import CASE_SENSITIVE_ABBREVIATIONS, short_form, stands_for
from knowledge.text import (
    AI_WORD,
    BEING_A,
    CAREER,
    OTHER_SENSES,
    SOMEONE_DOES,
    STILL_WORTH_IT,
    STRESSED_VERBS,
    TAKING_UP,
    Query,
    career_talk,
    only_ones_own_job,
)
from knowledge.wordforms import RELATIVES, agent_forms, singular
from knowledge.wordforms import words as message_words

# Text that talks to the bot rather than about a job: a role prefix ("SYSTEM:"), a mode or a
# jailbreak, orders about its instructions or its data. Whatever job words it holds ("list
# every system developer"), it is no question about a job.
_INSTRUCTION = re.compile(
    r"^\s*\W*(?:system|assistant|admin|developer|root)\s*\W*:"
    r"|\b(?:developer|god|debug|admin|dan) mode\b|\bjailbreak"
    r"|\b(?:ignore|disregard|forget) (?:all |any |the |your |my |previous |prior |above )*"
    r"(?:instructions|rules|prompts?|guidelines)\b"
    r"|\b(?:system prompt|your (?:instructions|prompt|database|training data))\b",
    re.IGNORECASE,
)


# A question about what will become of a field: "will data analysis survive LLMs?".
_MODAL_QUESTION = re.compile(r"^\W*(?:will|would|should|could|can)\b", re.IGNORECASE)
# ... or said as a career weighed up, or asked with a question mark: "filmmaking as a career,
# is it risky", "illustration is dead bc of midjourney?".
_AS_A_CAREER = re.compile(
    r"\bas an? (?:career|job|profession|trade|living)\b"
    r"|\b(?:dead|dying|doomed|over|finished|obsolete|replac\w*|ai|midjourney|chatgpt|"
    r"automat\w*)\b[^?]*\?\s*$",
    re.IGNORECASE,
)  # (a bare "?" is not enough: "will the change of glaze help my pottery?")
_NOT_OBJECTS = frozenset("jobs careers skills degrees courses trades apprenticeships".split())


def _gerund_with_object(message: str, field: str) -> bool:
    """The message's first "-ing" word, the one the field was made from, has a plural object:
    "writing essays" is an activity, not a field asked about ("is writing a safe career?",
    "are welding jobs safe?", "is nursing a good career for working mums?"); "farriery,
    shoeing horses" still asks about farriers."""
    first = re.search(
        r"\b(?!(?:every|some|no|any)thing\b)(\w{3,}ing)\s+(?:(?:my|the|his|her|their|our)\s+)?(\w+)",
        message.casefold(),
    )
    if first is None:
        return False
    gerund, thing = first.groups()
    if field not in agent_forms(gerund):
        return False
    # (a plural, not a verb: "everything is on google maps")
    plural = len(thing) > 3 and thing.endswith("s") and not thing.endswith("ss")
    return plural and thing not in _NOT_OBJECTS


# A job asked about as what one would be: "is being a carpenter future proof?"
_BEING_A = re.compile(
    r"\b" + BEING_A + r"\s+([a-z]+)(?=\s*(?:[,.!?]|$)|\s+(?:still|worth|hard|"
    r"stressful|safe|future|good|bad|dying|dead|at|in|going|now|these|really|a|an|any|more|less|"
    r"ok|okay|fun|easy|boring|risky|secure|viable)\b)"
)  # (the noun ends its phrase: not "a model citizen", "a leader something you're born with")
_WORK_SAID_ALLOWANCE = 0.05
# A message this close to one of the known non-job messages is one of them, whatever job word
# it holds ("who is the president": a president is also an occupation's name).
_KNOWN_NON_JOB = 0.95
# Someone's day said with words only work has: the people worked for or with, shifts, a
# living, work done for an employer ("I work nights filling the shelves", "I go into companies
# and check their accounts", "my flatmate does data entry for an insurance company").
_AT_WORK = re.compile(
    r"\b(?:i|we|he|she|they|my \w+)\b.*\b(?:at work|"
    r"(?:night|day|overnight|late|early|weekend) shifts?|"
    r"work(?:s|ing)? nights|for a living|(?:my|our|his|her) (?:customers|clients)|patients|"
    r"on (?:their|his|her|my) behalf|"
    r"(?:do|does|doing)\s+(?!(?:nothing|anything|something|everything|it|this|that|stuff|things|"
    r"a lot|lots|donations|shopping|banking|favou?rs)\b)"
    r"[a-z]+(?:\s+[a-z]+)?\s+for (?:a|an|the|my|our|his|her)\s+"
    r"(?:[a-z]+\s+){0,2}(?:compan(?:y|ies)|firms?|banks?|council|charit(?:y|ies)|agenc(?:y|ies)|"
    r"business(?:es)?|hospitals?|factor(?:y|ies)|startups?|corporations?|retailers?|chains?))\b",
    re.IGNORECASE,
)
# Someone in one's life said to be something: "my wife is a podiatrist" (a job if a job is
# named; "my brother is an idiot" is none).
_SOMEONE_IS = re.compile(
    r"\b(?:my|our)\s+(?:" + "|".join(RELATIVES) + r")(?:\s+is|\s+was|'s)\s+(?:a|an)\s"
    r"(?!(?:total|absolute|complete|proper|right)\b)",  # ("a total chef at weekends")
    re.IGNORECASE,
)
# ... and what someone who is one did, told as a story with no question: "my uncle is a chef
# and he made the best lasagne", "my aunt is a nurse and she's coming for christmas" (only
# such doings: "my dad is a welder and he wants to retrain" is about the job).
_STORY_OF_SOMEONE = re.compile(
    r"^\W*(?:my|our)\s+(?:\w+'s\s+)?(?:\w+\s+)?(?:" + "|".join(RELATIVES) + r")\s+"
    r"(?:is|was)\s+an?\s+[\w -]+?\s+and\s+(?:he|she|they)(?:'s|'re|\s+is|\s+are)?\s+"
    r"(?:made|cooked|baked|came|brought|bought|gave|took|sent|got married|getting married|"
    r"coming (?:for|to|over|round)|"
    r"(?:has|had) an? (?:\w+\s+){0,2}(?:house|car|dog|cat|boat|puppy|baby|garden))\b"
    r"(?!\s+(?:partner|redundant|head|manager)\b)",
    re.IGNORECASE,
)
_MACHINES = re.compile(
    r"\b(?:self[- ]driving|driverless|automat\w*|robots?|replac\w*|obsolete|machines?)\b",
    re.IGNORECASE,
)
# ... and the signs that the doings told are the job's ("he took on three new clients", "she
# made 300 croissants at work", "he gave notice", "the factory shut").
_WORK_TOLD = re.compile(
    r"\b(?:work|works|worked|job|jobs|clients?|customers?|patients?|pupils?|retire\w*|notice|"
    r"redundan\w*|promot\w*|shifts?|factory|office|shop|business|bakery|salon|hotel|firm|"
    r"company|boss|own|king|queen)\b|[£$€\d]",
    re.IGNORECASE,
)
# Where people are, which a stray ESCO label makes a job noun ("I work from home").
_PLACES = frozenset("home house office school".split())
_POSSESSED = re.compile(
    r"(?:^|[.!?]\s+)\W*(?:my|our)\s+([a-z]+)\s+(?!(?:has|works?|worked)\b)[a-z]+"
    r"|\b(?:love|loves|hate|hates|miss|misses|adore|adores)\s+(?:my|our)\s+([a-z]+)"
)  # the subject of a sentence, doing or being something ("my boss keeps ...", "my boss is an
# absolute nightmare"; "my dad is a welder" names the welder), or someone one loves or hates
# Someone doing a job's work, said with "do" at the start of a sentence: "I do manicures",
# "she does alterations" (not "what do I do if my plumber overcharged me").
_DOES_WORK = re.compile(
    r"(?:^|[.!?]\s+)\W*(?:i|we|he|she|they|(?:my|our)\s+[a-z]+)\s+"
    r"(?:also\s+|mainly\s+|mostly\s+)?(?:do|does)\s+"
    r"(?!(?:not|you|it|that|this|nothing|anything|" + "|".join(STRESSED_VERBS) + r")\b)",
    re.IGNORECASE,
)
# Code pasted into the chat ('print("hello world")', "x = [1, 2];", "<div>"): its
# words ("print") are no job.
_CODE = re.compile(
    r"\w\(\s*(?:[\"'\[\]]|\))|\{[^}]*[:;=][^}]*\}|</?[a-z]+[ >]"
    r"|^\s*def \w+\(|^\s*import [\w.]+\s*$|^\s*class \w+[:(]|^\s*for \w+ in .*:"
    r"|(?i:\bselect\s+[\w*, ]+\s+from\s+\w+)"
)  # (not a vacancy title's "Supervisor(Johor)", nor "import export manager")


# Someone one deals with, said as such: "my doctor says I need more sleep", "the vet said my
# cat is fat", "a dentist appointment tomorrow", "remind me to ring the doctors" (not "my
# doctor says AI will replace her").
_MET = re.compile(
    r"(?:^|[.!?]\s+)\W*(?:my|our|the)\s+(?:\w+\s+)?(\w+)\s+(?:says?|said|thinks?|thought|told|"
    r"tells|reckons?|wants?|gave|asked|recommended|prescribed)\b"
    r"|(?:^|[.!?]\s+)\W*(?:my|our|the)\s+(?:\w+\s+)?(\w+)'s\s+(?!been\b)[a-z]+"
    r"|\b(\w+)(?:'s)?\s+(?:appointments?|visits?|waiting rooms?)\b"
    r"|\b(?:ring|call|phone|see|go to|went to)\s+(?:the|my|our|a)\s+(\w+?)(?:'?s)?\b"
    # ... or one needs, looks for or waits in for: "I need a plumber to fix my boiler",
    # "looking for a good dentist in Leeds", "got to wait in for the electrician all day"
    r"|\b(?:need|needs|needed|looking for|find|hire|hired|book|booked|wait(?:ing)? in for|"
    r"waiting for|waiting on)\s+(?:a|an|the|my|our)\s+(?:good\s+|decent\s+|cheap\s+|local\s+|"
    r"new\s+|reliable\s+)?(\w+)\b(?!\s+(?:position|job|role|post|vacanc|apprentice|course|"
    r"career|degree|training|placement|internship))"  # (a chef position is a job sought)
    # ... or who did not come: "the plumber never showed up today"
    r"|(?:^|[.!?,]\s+)\W*(?:the|my|our)\s+(\w+)\s+(?:never|didn'?t|did not|hasn'?t|has not|"
    r"still hasn'?t|cancell?ed|is coming|came round|turned up|showed up|overcharged|charged)\b",
    re.IGNORECASE,
)

# Someone one deals with who did something, told as a story: "the waiter forgot our
# starters", "ugh the electrician said he'd come", "the barista at my local spelled my name
# wrong", "my kid's teacher emailed again", "the pharmacist was super helpful" (not "my dad
# worked as ...", "my mum trained as ...": what someone became, or "my dad is a welder")
_TOLD_OF = re.compile(
    r"(?:^|[.!?,]\s+)\W*(?:(?:ugh|omg|lol|so|and|well|honestly|wow|tbh|urgh)\W+)?"
    r"(?:the|my|our)\s+(?:\w+'s\s+)?(?:\w+\s+){0,2}?(\w+)\s+"
    r"(?:(?:at|from|of|in|for)\s+(?:(?!(?:is|was|were|are|has|had|got|all)\b)\w+\s+){1,3}?)?"
    r"(?:still\s+|just\s+|never\s+|finally\s+|always\s+|literally\s+)?"
    r"(?:said|forgot|told|gave|took|came|went|left|lost|broke|sent|wrote|ran|brought|got|threw|"
    r"put|made|blew|kept|hung|wouldn'?t|won'?t|didn'?t|doesn'?t|hasn'?t|"
    r"(?!(?:worked|trained|retired|qualified|started|used|wanted|decided|switched|moved|changed|"
    r"joined|applied|graduated|studied|needed|hoped|planned|volunteered|specialised|specialized)"
    r"\b)[a-z]{2,}ed|(?:is|was|are|were)\s+(?:so\s+|super\s+|really\s+|very\s+|all\s+)?"
    r"(?:helpful|rude|late|"
    r"nice|lovely|useless|great|amazing|awful|brilliant|terrible|trying|being|driving me|chatty|"
    r"hilarious|funny|grumpy|friendly|weird|kind|slow))\b",
    re.IGNORECASE,
)


def _told_of_someone(message: str) -> bool:
    """A story of someone's doings that happens to say their job, asking nothing of it."""
    asks = "?" in message or AI_WORD.search(message) or _MACHINES.search(message)
    if asks or career_talk(message) or _WORK_TOLD.search(message):
        return False
    return _STORY_OF_SOMEONE.search(message) is not None


def _too_short(message: str) -> bool:
    """One word of three letters or fewer that is no short form of a job."""
    said = message_words(message)
    if len(said) != 1 or len(said[0]) > 3 or short_form(said[0]):
        return False
    return message.strip(" .!?") not in CASE_SENSITIVE_ABBREVIATIONS


def _being_a(query: Query, lexicon: Lexicon) -> bool:
    """A job noun asked about as what one would be: "is being a carpenter future proof?"."""
    said = _BEING_A.findall(query.clean.casefold())
    return any(lexicon.is_head(lexicon.correct(w)) for w in said)


def _only_met(query: Query, mention: Mention | None, lexicon: Lexicon) -> bool:
    """Whether the only job word said is someone the person deals with (``_MET``), or
    someone in a story told of them (``_TOLD_OF``)."""
    found = [w for group in _MET.findall(query.clean) for w in group if w]
    found += _TOLD_OF.findall(query.clean)
    # (a short form stands for its long form: "the CEO" is the officer, "my MP" a member of
    # parliament, "the sales rep" a representative)
    met = {singular(w.casefold()) for w in found}.union(*map(stands_for, found))
    # ... unless the job is named again elsewhere ("our chef left and now I'm the head chef")
    rest = _TOLD_OF.sub(" ", _MET.sub(" ", query.clean)).casefold()
    again = {singular(w) for w in message_words(rest)}
    if mention is not None:
        head = mention.text.split()[-1]
        return head in met and head not in again
    heads = [w for w in query.job_text.split() if lexicon.is_head(w) and w not in _PLACES]
    return bool(heads) and all(w in met and w not in again for w in heads)


class Similarities(Protocol):
    """How close the message came to labels, vacancy titles and known non-job messages."""

    best_label_similarity: float
    best_title_similarity: float
    non_job_similarity: float


class GateParams(Protocol):
    min_label_similarity: float
    non_job_margin: float
    title_like_similarity: float
    plain_title_similarity: float
    known_title_similarity: float


def why_no_job(
    query: Query, sig: Similarities, mention: Mention | None, p: GateParams, lexicon: Lexicon
) -> str:
    """Why the message names no job, or "" if it does. A job label said word for word in a
    sentence about one's work ("I'm a police officer on patrol ...") is enough, however much
    else the sentence says."""
    if _INSTRUCTION.search(query.clean):
        return "an instruction to the bot, not a job"
    if _CODE.search(query.clean):
        return "code, not a job"
    if _too_short(query.clean) and mention is None:  # ("k", "nvm"; not "GP", "HR", "IT")
        return "too short to name a job"
    if sig.non_job_similarity >= _KNOWN_NON_JOB:  # "help", "who is the president"
        return "small talk, not a job"
    if mention is None and about_the_bot(query.clean):
        return "a question about the bot, not a job"
    if _told_of_someone(query.clean):
        return "a story about someone, not a job asked about"
    # (a job named as what someone is: "my dad is a sound engineer for a band")
    someone_is = mention is not None and _SOMEONE_IS.search(query.clean) is not None
    being = _being_a(query, lexicon)  # ("... Bake Off ..., is being a baker hard work?")
    framed = query.job_frame or query.activity or someone_is or being
    why = "" if framed else other_talk(query.clean)
    if why:  # ("the pilot episode of lost", "writer's block", "you're a lifesaver")
        return why
    named = mention is not None and (
        mention.work_phrase  # "my sister waits tables at a diner"
        or mention.alias
        or " " in mention.text
        or (
            mention.field
            and (
                query.interrogative
                or _MODAL_QUESTION.match(query.clean) is not None
                or _AS_A_CAREER.search(query.clean) is not None
                or (TAKING_UP.search(query.clean) is not None and not query.pastime)
            )
            and (
                career_talk(AI_WORD.sub(" ", query.clean))  # (not "is AI conscious")
                or STILL_WORTH_IT.search(query.clean) is not None
            )
            and not _gerund_with_object(query.clean, mention.text)
        )
        # a job's work done ("I do gel nails and manicures at a salon": a manicurist)
        or (
            not (query.pastime or query.interrogative)
            and _DOES_WORK.search(query.clean) is not None
        )
    )
    if not (query.job_frame or query.activity or career_talk(query.clean)) and _only_met(
        query, mention, lexicon
    ):
        return "someone one deals with, not a job asked about"
    if mention is not None and (query.job_frame or query.activity or named):
        return ""
    if query.pastime and not named and not query.job_frame:
        return "something done for oneself, not a job"
    # (work said in one's own words is further from any label than a title is)
    floor = p.min_label_similarity - (_WORK_SAID_ALLOWANCE if query.activity else 0.0)
    if sig.best_label_similarity < floor:
        return "nothing like a job"
    # (work said and asked about as a job is no small talk, however it is worded: "I build
    # garden walls out of brick, should I be worried about robots?")
    asked_of_work = query.activity and query.job_frame
    if sig.non_job_similarity > sig.best_label_similarity + p.non_job_margin and not asked_of_work:
        return "closer to small talk"
    if not _job_evidence(query, sig, p, lexicon, being):
        return "no job named"
    return ""


def _job_evidence(
    query: Query, sig: Similarities, p: GateParams, lexicon: Lexicon, being: bool
) -> bool:
    """``being``: a job noun is asked about as what one would be (``_being_a``)."""
    if sig.best_label_similarity >= p.title_like_similarity:
        return True  # the message is essentially an occupation label
    lowered = query.clean.casefold()
    if query.activity or (query.job_frame and not only_ones_own_job(lowered)):
        # (a question about work said as a career: "is flying planes still a safe career?")
        return not query.interrogative or query.job_frame or bool(CAREER.search(query.clean))
    if not query.interrogative and not query.pastime and _AT_WORK.search(query.clean):
        return True  # "I do people's tax returns and argue with HMRC on their behalf"
    if query.interrogative:  # "are translators doomed?": a question naming jobs (plural)
        said = message_words(OTHER_SENSES.sub(" ", lowered))
        plural = any(singular(w) != w and lexicon.is_head(singular(w)) for w in said)
        return plural or being
    # (someone in one's life is no job asked about: "my boss keeps micromanaging me", "my
    # supervisor is really strict")
    possessed = {singular(w) for pair in _POSSESSED.findall(lowered) for w in pair if w}
    said = [part for w in query.job_text.split() for part in w.split("-")]
    heads = [part for part in said if lexicon.is_head(part)]
    if possessed and all(part in possessed for part in heads):
        return False
    sentence = SOMEONE_DOES.match(lowered) is not None  # (no title: "I just got promoted")
    if sig.best_label_similarity >= p.plain_title_similarity and not sentence:
        return True
    if sig.best_title_similarity >= p.known_title_similarity and not sentence:
        return True  # written like a real vacancy title
    return any(part not in possessed | _PLACES for part in heads)
