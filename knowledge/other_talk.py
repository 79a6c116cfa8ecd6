"""Chat that holds a job word and asks nothing about any job.

A Discord server talks about films, games, songs and food, thanks the bot and teases it:
"the pilot episode of lost was crazy", "Football Manager 2024 save file got corrupted",
"writer's block is killing my fanfic", "this bot is a real comedian", "can AI write a song
for me". Each holds a word that is also a job's name, and none asks about that job. The
non-job gate (``job_gate.py``) asks ``other_talk`` only of a message that gives no other sign
of a job: no job frame ("I'm a ...", "will AI replace ..."), no work described. The kinds
below are read only in a sentence (a verb said), never in a title: "sound engineer for a
band", "teacher's aide", "movie stuntman" name jobs. A few need no verb, since no title is
said so: shopping ("best budget mechanical keyboard?"), a pick in a game ("best pokemon
trainer team?"), who wins a match tonight, and one's pet doing something.
"""

from __future__ import annotations

import re

from knowledge.pastimes import FOR_ONESELF, played
from knowledge.text import AI_WORD, CAREER, IDIOMS

# Films, series, games, songs, books, recipes and matches: what the job word belongs to, or
# watching, reading or listening to one ("re-reading harry potter", "listen to The
# Carpenters"); software named like a worker ("the nvidia driver", "a python interpreter").
_MEDIA = re.compile(
    r"\b(?:movies?|episodes?|season \d+|new season|trailer|sequel|prequel|trilogy|album|songs?|"
    r"(?:a|an|the|my|this|that|favou?rite)\s+(?:\w+\s+)?band(?!\s*\d)|musical|anime|manga|"
    r"cartoon|netflix|biography|character|league|save file|tier list|speedrun|npc|dlc|in-game|"
    r"recipes?|fanfic|"
    r"memes?|last night's match|tournament|playoffs?|monopoly|board game|scenes?|"
    r"theme (?:song|tune)|stuck in my head|(?:this|last|next) season|(?:won|lost) again|"
    # the biggest video games, whose characters and classes are job words ("the blacksmith
    # in skyrim", "my minecraft villager librarian")
    r"minecraft|villager|fortnite|roblox|pokemon|zelda|mario|skyrim|valorant|overwatch|tf2|"
    r"stardew|league of legends|gta|"
    r"re-?watch\w*|binge\w*|listen(?:s|ing)? to|re-?read\w*|obsessed with|the butler did it|"
    r"worth (?:watching|reading|a watch)|have you seen|did you see|"
    r"fav(?:ou?rite)? (?:show|film|movie|song|band|book|game|character)|"
    # a title praised: "tinker tailor soldier spy is such a good book"
    r"(?:is|was) (?:such |so )?an? (?:good|great|brilliant|amazing|underrated|overrated|classic) "
    r"(?:book|novel|read|film|show|series|game|song)(?!\s+[a-z])|"  # (not "a great film editor")
    # the shows whose contestants are job words ("the baker who won Bake Off")
    r"bake off|masterchef|dragons'? den|top chef|grey'?s anatomy|breaking bad|"
    r"finale|spoilers?|christmas special|elden ring|the sims|sims \d|final fantasy|best build|"
    r"(?:a|the|this|that) (?:story|article|video|post|documentary|news story) about)\b"
    r"|\b(?-i:Doctor Who|The Office|Suits|Mr Robot|Severance|Bluey)\b"
    r"|\b(?:nvidia|amd|gpu|graphics|printer|usb|audio|wifi|bluetooth) drivers?\b"
    r"|\b(?:python|java|code|command) interpreter\b|\bfree (?:\w+ )?editor\b",
    re.IGNORECASE,
)
# A job word owning a thing, in the idioms and errands people say: "writer's block", "chef's
# kiss", "painter's tape", "a baker's dozen", "my doctor's appointment".
_OWNED_THING = re.compile(
    r"\b[a-z]+'s\s+(?:block|kiss|tape|dozen|pie|market|appointment|orders|pet|remorse|"
    r"luck|corner|cut|tea|knife|knives|hat|special)\b",
    re.IGNORECASE,
)
# Said to the bot or asked of it: "you're a lifesaver", "this bot is a real comedian", "can
# you be my personal assistant", "can AI write a song for me".
_TO_THE_BOT = re.compile(
    r"\b(?:you(?:'re|re| are)\s+(?:a|an|the|my|such a|so)\b|(?:this|the) bot(?:'s| is)\b|"
    r"(?:can|could|will|would) you be (?:my|a|an|the)\b|"
    r"(?:can|could|will|would) (?:ai|chatgpt|gpt|you|it) \w+ [^?.!]*\bfor me\b)",
    re.IGNORECASE,
)
# Who is best at something: "who's the best football manager of all time".
_WHO_IS_BEST = re.compile(
    r"^\W*who(?:'s| is| was| are| were)\s+(?:the\s+)?(?:best|greatest|worst|most|richest|top)\b"
    r"(?!\s+paid)",
    re.IGNORECASE,
)
# A thing to buy: "what's a good driver for a beginner golfer", "what size screwdriver".
_THING_TO_BUY = re.compile(
    r"\bwhat(?:'s| is| are)\s+(?:a|an|the|some)\s+(?:good|best|decent|cheap)\s+[a-z-]+\s+"
    r"(?:for|to)\b|\bwhat size\b",
    re.IGNORECASE,
)
# Who wins a match: "who wins tonight, Brewers or Cubs?".
_WHO_WINS = re.compile(
    r"^\W*who(?:'s| is| will| would)?\s+(?:win|wins|winning)\b.*\b(?:tonight|today|tomorrow|"
    r"game|match|derby|final|cup|league|fight|race)\b",
    re.IGNORECASE,
)
# A job word said of someone as a figure of speech: "my brother is such a clown", "a total
# chef at weekends".
_FIGURE_OF_SPEECH = re.compile(
    r"\b(?:my|our|he|she|you)\s+(?:[a-z]+\s+)?(?:is|was|'s|are|were|'re)\s+"
    r"(?:such an?|an? (?:total|absolute))\s+[a-z]+"
    r"|\b(?:is|was|'s|are|'re)\s+the\s+(?:queen|king)\s+of\b",  # ("the queen of naps")
    re.IGNORECASE,
)
# Dressing up as a job: "my son wants a firefighter costume for his party".
_DRESSING_UP = re.compile(
    r"\b(?:a|an|the|his|her|my|their)\s+[a-z]+\s+(?:costume|fancy dress)\b"
    r"(?!\s+(?:design|mak|buyer|supervis|attendant|hire))",  # (a theatre costume designer)
    re.IGNORECASE,
)
# Someone named, whose name is a job word: "mr baker gave us so much homework".
_SOMEONE_NAMED = re.compile(r"\b(?:mr|mrs|mister)\.?\s+[a-z]+", re.IGNORECASE)
# A pet doing something, or a thing of one's own being something: "my dog is the real boss of
# this house", "my cat sleeps all day" (not "my dog walker charges ...", "my rabbit's vet").
_ONES_OWN_THING = re.compile(
    r"^\W*(?:my|our|the)\s+(?:(?:\w+'s\s+)?(?:dog|cat|pet|puppy|kitten|hamster|rabbit|parrot|"
    r"budgie)\s+"
    r"(?:is|was|has|keeps|just|always|never|won't|ate|got|[a-z]+s)\b"
    r"|(?:car|phone|laptop|computer|printer|scanner|tablet|kettle|microwave|house|flat|boiler|"
    r"fridge|freezer|oven|cooker|dishwasher|washing machine|tv|telly|router|wifi|heating|bike)"
    r"(?:\s+(?:at|in)\s+(?:work|home|the office|school))?"  # ("the printer at work keeps ...")
    r"(?:'s|\s+(?:is|was|'s|has|keeps|jammed))\b)",
    re.IGNORECASE,
)
# AI as what a film or a book is about.
_ABOUT_AI = re.compile(r"\babout\s+(?:the\s+)?(?:ai|robots)\b", re.IGNORECASE)
_A_STORY = re.compile(r"\b(?:film|movie|show|series|book|novel|documentary|episode)\b", re.I)
# A pick asked for: "best ...", "which ...", "top 5 ...".
_ASKS_FOR_A_PICK = re.compile(r"^\W*(?:best|worst|top \d+|which|who)\b", re.IGNORECASE)
# Something to buy, said without a verb: "best budget mechanical keyboard?".
_SHOPPING = re.compile(
    r"^\W*(?:best|cheapest|good|decent)\s+(?:budget|cheap|affordable|value)\b"
    r"|\bworth buying\b|\b(?:where|best place)\s+(?:to\s+|(?:can|do|should|would)\s+"
    r"(?:i|u|we|people|you(?:\s+(?:lot|guys|all))?)\s+)?buy\b"
    r"|\bdeals? on\b|\bunder\s+[£$€]\d",
    re.IGNORECASE,
)
# ... but a course is a way into a job: "deals on plumbing courses?".
_LEARNING = re.compile(
    r"\b(?:courses?|training|classes|qualifications?|apprenticeships?)\b", re.IGNORECASE
)
# Something asked for that is no job: a recommendation ("recommend me some podcasts"), a
# meal ("what should I cook for dinner tonight"), a pastime.
_ASKS_FOR_A_THING = re.compile(
    r"\b(?:recommend me|can you recommend|any recommendations|suggest me)\b"
    r"|\b(?:cook|make|eat|bake|order)\s+for\s+(?:dinner|lunch|breakfast|tea|supper)\b"
    r"|\b(?:" + FOR_ONESELF + r")\b"
    r"|\b(?:any|good|best)\s+\w+\s+near me\b"  # (somewhere to go: "any gyms near me?")
    # ... or help with schoolwork: "help me write an essay about the french revolution"
    r"|\bhelp me (?:write|with|finish|plan) (?:an?\s+|my\s+)?(?:essay|homework|assignment|poem)",
    re.IGNORECASE,
)
# The bot asked how it works: "how do you even decide what job someone has? explain your logic".
_ABOUT_THE_BOT = re.compile(
    r"\bhow do you (?:even |actually |really )?(?:decide|choose|pick|work out|know) "
    r"(?:what|which) (?:job|occupation)\b|\bexplain your (?:logic|reasoning|method|algorithm)\b"
    r"|\bwhat (?:model|llm) (?:are|do) you\b",
    re.IGNORECASE,
)
# A verb or a word of chat said: the message is a sentence, not a job's title ("teacher's
# aide", "sound engineer for a band").
_VERB = re.compile(
    r"\b(?:is|are|was|were|am|be|been|got|gets|has|have|had|did|does|do|can|could|will|would|"
    r"should|keeps?|kept|makes?|made|says?|said|goes|went|gave|loves?|likes?|hates?|slaps|"
    r"cheats|listen\w*|watch\w*|re-?read\w*|play\w*|finished|stuck|thanks|wants?|needs?|"
    r"learn|think|know|feel|seems?|looks?|try|tried|bought|ate|hit|broke|won|lost|"
    r"anyone|pls|please|lol|lmao|omg|ngl|tbh)\b"
    r"|\b(?:you|we|they|it|that|what|who|there|here|let|he|she)'(?:s|re|m|ve|ll|d)\b|n't\b"
    r"|\b(?!(?:qualified|registered|licensed|certified|chartered|experienced|retired|skilled|"
    r"trained|advanced|accredited|employed|based|unemployed)\b)[a-z]{2,}[^e\W]ed\b",
    re.IGNORECASE,
)

# News of a strike or a story: "the teachers' strike is on the news again".
_NEWS = re.compile(r"\b[a-z]+s'\s+strikes?\b|\bon strike\b|\b(?:on|in) the news\b", re.I)
# What AI can make, asked for its own sake: "can AI write a novel", "can chatgpt draw a cat?".
_AI_CAN = re.compile(
    r"^\W*(?:can|could|will)\s+(?:ai|chatgpt|gpt\S*|claude|gemini|a robot|robots|computers)\s+"
    r"(?:write|draw|paint|compose|make|create|generate|sing)\s+(?:a|an|me|my|some|the|good)\s+"
    r"(?:[a-z]+\s+){0,2}[a-z]+\W*$",
    re.IGNORECASE,
)

_KINDS = (
    (_MEDIA, "talk about a film, a game, a song or a match, no job asked about"),
    (_OWNED_THING, "a job word in an idiom, no job asked about"),
    (_WHO_IS_BEST, "a person asked about, no job"),
    (_THING_TO_BUY, "a thing asked about, no job"),
    (_SOMEONE_NAMED, "someone named, no job asked about"),
    (_FIGURE_OF_SPEECH, "a figure of speech, no job asked about"),
    (_DRESSING_UP, "dressing up, no job asked about"),
    (_NEWS, "news, no job asked about"),
)


def other_talk(message: str) -> str:
    """Why a message that holds a job word is other talk, or "" if it may be about a job.
    Ask only of a message with no job frame and no work described."""
    message = message.replace("\u2019", "'")  # (a curly apostrophe, as phones type it)
    unsaid = IDIOMS.sub(" ", message)
    if _TO_THE_BOT.search(message) and not CAREER.search(AI_WORD.sub(" ", unsaid)):
        return "talk to the bot, no job asked about"  # (AI itself is asked to do a thing)
    about_ai = _ABOUT_AI.search(message) and _A_STORY.search(message) and _VERB.search(message)
    if about_ai and not CAREER.search(AI_WORD.sub(" ", unsaid)):
        return _KINDS[0][1]  # ("ex machina is such a good film about AI": AI is its topic)
    if _AI_CAN.search(message) and not CAREER.search(AI_WORD.sub(" ", unsaid)):
        return "what AI can make, no job asked about"  # ("can AI write a novel")
    if CAREER.search(unsaid):
        return ""
    shopping = _SHOPPING.search(message) and not _LEARNING.search(message)
    if shopping or _ASKS_FOR_A_THING.search(message):
        return "a thing asked about, no job"
    if played(message.casefold()):
        return "a part played in a game, no job"
    if _WHO_WINS.search(message):
        return "a match asked about, no job"
    if _MEDIA.search(message) and _ASKS_FOR_A_PICK.match(message):  # (no verb needed)
        return _KINDS[0][1]  # ("best pokemon trainer team for the elite four?")
    if _ONES_OWN_THING.search(message):  # (a verb of its own: "my cat snores")
        return "talk about one's pet or things, no job asked about"
    one_sentence = len(re.findall(r"[.!?]+\s+\w", message)) == 0  # (not "good job. now, X?")
    if IDIOMS.match(message) and one_sentence:
        return "praise, no job asked about"  # ("good job everyone!", with a verb or not)
    if not _VERB.search(message):
        return ""
    return next((why for kind, why in _KINDS if kind.search(message)), "")


def about_the_bot(message: str) -> bool:
    """The bot is asked how it works ("explain your logic"), whatever job words it holds; ask
    only of a message that names no job."""
    return _ABOUT_THE_BOT.search(message) is not None
