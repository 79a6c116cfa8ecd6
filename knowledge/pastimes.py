"""What one does for oneself, not for a living: "I walk my dog", "I knit scarves for my
friends", "I farm gold in world of warcraft", "I love cooking pasta".

Read by the parser of work said (``work_said.py``), which takes such a sentence as a pastime
rather than a description of a job, and by the non-job gate's other talk (``other_talk.py``).
"""

from __future__ import annotations

import re

# What one does for oneself, not for a living: "I walk my dog", "I clean my room", "I write
# poems for fun". Only one's own things and people count ("I cut my client's hair", "I drive
# my own taxi" and "I work at my local supermarket" are work).
_OWN_THINGS = (
    "dog|dogs|cat|cats|pet|pets|room|bedroom|house|flat|home|car|bike|garden|lawn|nails|hair|"
    "phone|emails|wardrobe|clothes|laundry|kids|son|daughter|children|family|friends|partner|"
    "shirts|jackets|allotment|nephews|nieces|grandkids|holiday"
)
# ... and the people one does it for or with, and the places one does it in at home: "I knit
# scarves for my friends", "I play football with my mates", "he carves spoons in his shed"
# (not "for my dad's firm", "for my neighbours", "in my kitchen": work done for others, or at
# home), unless the message says it is paid work ("I make wedding cakes in my spare room and
# sell them", "I do the accounts for my family business").
_OWN_PEOPLE = "friends|mates|family|kids|children|nephews|nieces|grandkids"
_AT_HOME_PLACES = "shed|loft|attic|spare room|back garden|allotment|bedroom"
# ... and the games one plays: "I farm gold in world of warcraft", "my villager sells turnips"
GAMES = (
    "world of warcraft|wow|stardew(?: valley)?|elden ring|minecraft|fortnite|skyrim|"
    "animal crossing|cities skylines|the sims|sims \\d|gta(?: \\w+)?|roblox|team fortress 2|"
    "overwatch|valorant|league of legends|dota 2?|runescape|eve online|farming simulator"
)
_IN_A_GAME = re.compile(r"\b(?:in|on|playing) (?:" + GAMES + r")\b", re.IGNORECASE)
_GAME_CHARACTER = re.compile(r"\bmy (?:character|villager|avatar|sim)\b")
_MAKING_GAMES = re.compile(
    r"\b(?:animat|design|develop|programm|produc|writ|cod|model|test|translat|voic|sound|locali|"
    r"art|music|compos)\w*"
)
_AT_HOME = re.compile(
    r"\bfor (?:my|our) (?:" + _OWN_PEOPLE + r")\b(?!')|\bfor the grandkids\b"
    r"|\bwith (?:my|our) (?:mates|friends)\b|\bteach(?:es|ing)? (?:myself|himself|herself)\b"
    r"|\bin (?:my|his|her|our|their) (?:own )?(?:" + _AT_HOME_PLACES + r")\b"
    r"|\bon (?:my|the) (?:balcony|windowsill)\b|\bon (?:my|our) (?:allotment|plot)\b"
    r"|\b(?:for|at) (?:my|our|his|her) (?:\w+(?:'s|s'|s)? )?"
    r"(?:birthday|wedding|anniversary|party)\b"
    # ... and what children do ("my kids collect pokemon cards")
    r"|^(?:my|our)\s+(?:little\s+|young\s+)?(?:kids?|child|children|toddler|baby|little ones?)\b"
)
PAID_WORK = re.compile(  # (matched on lower-cased text)
    r"\b(?:business|firm|company|clients?|customers?|sells?|selling|sold|paid|paying|wages?|"
    r"living|salon|studio|lessons|orders|commissions?|income|self-employed|freelance|startup|"
    r"cash|money|side hustle|on the side|agency|agencies|shops|booked|insured|licensed|bands|"
    r"teach(?:es|ing)? (?!myself|himself|herself)|"
    r"adverts?|professionally|employer|(?<!play )(?<!playing )as an?|as the|"
    r"work(?:s|ing)? (?:on|at|for))\b"
)
# (other_talk.py reads the same words: "thinking of getting into knitting as a hobby"; work
# given for free too: "I volunteer at the food bank")
FOR_ONESELF = (
    r"for fun|as a hobby|in my (?:spare|free) time|(?:i|we|he|she|they) volunteers?(?!\s+as\b)"
)
_OWN = re.compile(
    r"^\S+(?:\s+\S+)?\s+\w+\s+my\s+(?:(?:own|two|three|little|old|new|\d+)\s+)?"
    r"(?:" + _OWN_THINGS + r")\b"
    r"|\b(?:" + FOR_ONESELF + r"|in my garden|around the house)\b"
)


def pastime(said: str, message: str) -> bool:
    """Whether the work ``said`` (the ``message`` from who does it on) is something done for
    oneself."""
    if _OWN.search(said) or played(said):
        return True
    return _AT_HOME.search(said) is not None and PAID_WORK.search(message) is None


def played(message: str) -> bool:
    """A part played in a game, not a job: "I play as a medic in team fortress 2" (but "I
    animate characters in overwatch for Blizzard" is paid work)."""
    if _GAME_CHARACTER.search(message):
        return True
    made = _MAKING_GAMES.search(message) is not None  # ("I animate characters in overwatch")
    return _IN_A_GAME.search(message) is not None and not (made or PAID_WORK.search(message))


# What the retired do with their days: "my grandad spends his retirement building boats".
RETIRED = re.compile(r"\b(?:in|spends?|spending|spent) (?:my|his|her|their) retirement\b")
# What one likes or hates doing is not a job said: "I love cooking pasta", "I hate washing
# the dishes" (but "I love being a nurse", "I hate working nights" are about a job).
FOND_OF = re.compile(
    r"\b(?:i|we)\s+(?:really\s+|just\s+)?(?:love|hate|like|enjoy|prefer|adore|dislike)\s+"
    r"(?!being\b|working\b|my job\b)\w+ing\s+(?:the\s+|a\s+|my\s+)?"
    r"(?!but\b|and\b|so\b|because\b|though\b|although\b|it\b)[a-z]{3,}"
)
