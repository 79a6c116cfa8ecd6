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
# (not "for my dad's firm", "in the kitchen of a hotel").
_OWN_PEOPLE = (
    "friends|family|kids|children|neighbours|neighbors|nephews|nieces|grandkids|grandchildren|"
    "mates|partner|wife|husband|mum|dad|boyfriend|girlfriend|son|daughter"
)
_AT_HOME_PLACES = "shed|loft|attic|garage|kitchen|spare room|back garden|allotment|bedroom"
# ... and the games one plays: "I farm gold in world of warcraft", "my villager sells turnips"
GAMES = (
    "world of warcraft|wow|stardew(?: valley)?|elden ring|minecraft|fortnite|skyrim|"
    "animal crossing|cities skylines|the sims|sims \\d|gta(?: \\w+)?|roblox|team fortress 2|"
    "overwatch|valorant|league of legends|dota 2?|runescape|eve online|farming simulator"
)
# (other_talk.py reads the same words: "thinking of getting into knitting as a hobby"; work
# given for free too: "I volunteer at the food bank")
FOR_ONESELF = r"for fun|as a hobby|in my (?:spare|free) time|(?:i|we|he|she|they) volunteers?"
PASTIME = re.compile(
    r"^\S+(?:\s+\S+)?\s+\w+\s+my\s+(?:(?:own|two|three|little|old|new|\d+)\s+)?"
    r"(?:" + _OWN_THINGS + r")\b"
    r"|\b(?:" + FOR_ONESELF + r"|in my garden|around the house|teach(?:es|ing)? myself)\b"
    r"|\b(?:for|with) (?:my|our) (?:" + _OWN_PEOPLE + r")\b(?!')|\bfor the grandkids\b"
    r"|\bin (?:my|his|her|our|their) (?:own )?(?:" + _AT_HOME_PLACES + r")\b"
    r"|\bon (?:my|the) (?:balcony|windowsill)\b"
    r"|\b(?:in|on|playing) (?:" + GAMES + r")\b|\bmy (?:character|villager|avatar|sim)\b"
    # ... and what children do ("my kids collect pokemon cards")
    r"|^(?:my|our)\s+(?:little\s+|young\s+)?(?:kids?|child|children|toddler|baby|little ones?)\b"
)
# What the retired do with their days: "my grandad spends his retirement building boats".
RETIRED = re.compile(r"\b(?:in|spends?|spending|spent) (?:my|his|her|their) retirement\b")
# What one likes or hates doing is not a job said: "I love cooking pasta", "I hate washing
# the dishes" (but "I love being a nurse", "I hate working nights" are about a job).
FOND_OF = re.compile(
    r"\b(?:i|we)\s+(?:really\s+|just\s+)?(?:love|hate|like|enjoy|prefer|adore|dislike)\s+"
    r"(?!being\b|working\b|my job\b)\w+ing\s+(?:the\s+|a\s+|my\s+)?"
    r"(?!but\b|and\b|so\b|because\b|though\b|although\b|it\b)[a-z]{3,}"
)
