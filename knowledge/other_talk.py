"""Chat that holds a job word and asks nothing about any job.

A Discord server talks about films, games, songs and food, thanks the bot and teases it:
"the pilot episode of lost was crazy", "Football Manager 2024 save file got corrupted",
"writer's block is killing my fanfic", "this bot is a real comedian", "can AI write a song
for me". Each holds a word that is also a job's name, and none asks about that job. The
non-job gate (``job_gate.py``) asks ``other_talk`` only of a message that gives no other sign
of a job: no job frame ("I'm a ...", "will AI replace ..."), no work described, no word of
careers or of the future of work.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Films, series, games, songs, books, recipes and matches: what the job word belongs to.
# Watching, reading or listening to one ("re-reading harry potter", "listen to The
# Carpenters").
_MEDIA = re.compile(
    r"\b(?:movies?|episodes?|season \d+|new season|trailer|sequel|prequel|trilogy|album|songs?|"
    r"band|musical|anime|manga|cartoon|character|netflix|marvel|disney|pixar|biography|"
    r"minecraft|skyrim|stardew|pokemon|valorant|fortnite|roblox|zelda|tf2|overwatch|"
    r"save file|tier list|speedrun|npc|dlc|recipes?|fanfic|meme|memes|"
    r"match|league|red card|tournament|playoffs?|monopoly|board game|"
    r"re-?watch\w*|binge\w*|listen(?:s|ing)? to|re-?read\w*|obsessed with|"
    r"worth (?:watching|reading|a watch)|have you seen|did you see|"
    r"favou?rite (?:show|film|movie|song|band|book|game|character))\b"
    # and software or parts named like workers: "nvidia driver", "python interpreter"
    r"|\b(?:nvidia|amd|gpu|graphics|printer|usb|audio|wifi|bluetooth) drivers?\b"
    r"|\b(?:python|java|code|command) interpreter\b|\bfree (?:\w+ )?editor\b",
    re.IGNORECASE,
)
# A job word owning a thing, the way idioms and objects are named: "writer's block", "chef's
# kiss", "painter's tape", "my doctor's appointment" (not "my mum's a nurse", not "a chef's
# assistant": a person).
_OWNED_THING = re.compile(
    r"\b([a-z]+)'s\s+(?!(?:a|an|the|been|got|just|now|still|also|always|never|only|not|job|"
    r"work|career|role)\b)(?![a-z]+(?:er|or|ist|ian|ant|man|woman|person|ee|eon|ic)s?\b)"
    r"(?![a-z]+(?:ing|ed)\b)[a-z]{3,}",
    re.IGNORECASE,
)
# Said to the bot, or asked of it: "you're a lifesaver", "this bot is a real comedian", "can
# you be my personal assistant", "can AI write a song for me".
_TO_THE_BOT = re.compile(
    r"\b(?:you(?:'re|re| are)\s+(?:a|an|the|my|such a|so)\b|(?:this|the) bot(?:'s| is)\b|"
    r"(?:can|could|will|would) you be (?:my|a|an|the)\b|"
    r"(?:can|could|will|would) (?:ai|chatgpt|gpt|you|it) \w+ [^?.!]*\bfor me\b)",
    re.IGNORECASE,
)
# Asking who is best at something, or for a thing to buy: "who's the best football manager of
# all time", "what's a good driver for a beginner golfer", "what size screwdriver"; someone
# named: "mr baker gave us so much homework".
_PERSON_OR_THING_ASKED = re.compile(
    r"^\W*who(?:'s| is| was| are| were)\s+(?:the\s+)?(?:best|greatest|worst|most|richest|top|"
    r"first|last|current|new|next)\b(?!\s+paid)"
    r"|\bwhat(?:'s| is| are)\s+(?:a|an|the|some)\s+(?:good|best|decent|cheap)\s+[a-z-]+\s+"
    r"(?:for|to)\b|\bwhat size\b"
    r"|\b(?:mr|mrs|ms|mister)\.?\s+[a-z]+"  # a person by name: "mr baker"
    r"|\b(?:just bought|i bought|i ordered|we bought)\b",  # a thing bought
    re.IGNORECASE,
)
# A pet or a thing of one's own, being something: "my dog is the real boss of this house".
_ONES_OWN_THING = re.compile(
    r"^\W*(?:my|our)\s+(?:dog|cat|pet|puppy|kitten|hamster|rabbit|parrot|car|phone|laptop|"
    r"computer|printer|house|flat)\s+(?:is|was|'s|has|keeps)\b",
    re.IGNORECASE,
)
# Praise and idioms with "job" (or "change") in them, which ask nothing about a job.
IDIOMS = re.compile(
    r"\b(?:good|great|nice|awesome|amazing|excellent|fantastic) job\b|\bbook of job\b|"
    r"\bsteve jobs\b|\binside job\b|\bnose job\b|\bchange my mind\b",
    re.IGNORECASE,
)

_KINDS = (
    (_MEDIA, "talk about a film, a game, a song or a match, no job asked about"),
    (_OWNED_THING, "a job word naming a thing, no job asked about"),
    (_TO_THE_BOT, "talk to the bot, no job asked about"),
    (_PERSON_OR_THING_ASKED, "a person or a thing asked about, no job"),
    (_ONES_OWN_THING, "talk about one's pet or things, no job asked about"),
    (IDIOMS, "praise or an idiom, no job asked about"),
)


def other_talk(message: str, is_job_noun: Callable[[str], bool]) -> str:
    """Why a message that holds a job word is other talk, or "" if it may be about a job.
    Ask only of a message with no other sign of a job. ``is_job_noun``: whether a word is
    a job noun (the owner in "writer's block"; not "that's", "people's homes")."""
    for kind, why in _KINDS:
        for found in kind.finditer(message):
            if kind is not _OWNED_THING or is_job_noun(found.group(1).casefold()):
                return why
    return ""
