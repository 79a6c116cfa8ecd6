"""Turn what a person types into the job words the resolver should match.

People wrap a job in a frame ("will AI replace glaziers?", "im a vet tech lol, should I
worry?"). Both lexical and dense retrieval match the frame as eagerly as the job: "AI" is
an alternative label of *animal artificial insemination technician*. So the frame is removed
first, plurals are made singular when the singular is a known label word, well-known short
forms are expanded, and the words that name the job are picked out of a longer message.
All of it is plain rules: deterministic, explainable and cheap.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from knowledge.school_years import school_levels
from knowledge.short_forms import (
    SENTENCE_END,
    short_form,
    spell_out_ampersands,
    spell_out_capitals,
    spell_out_work_idioms,
)
from knowledge.wordforms import RELATIVES, WORD, agent_forms, singular, software_worker
from knowledge.work_said import work_said

MAX_QUESTION_CHARS = 600  # a job question is short; longer text is cut before any work

# Frame phrases, longest first within each group. Matched on word boundaries, lower case.
# A job asked about as what one would be (the non-job gate reads the noun after it too).
BEING_A = r"(?:is|about|of)\s+being\s+an?"
_FRAME_PATTERNS = [
    # questions about AI and the future of a job
    r"(?:will|would|could|can|is|are|does|do|might|may|won'?t|shall)\s+"
    r"(?:ai|a\.i\.|artificial intelligence|robots?|automation|machines?|computers?|chat ?gpt|"
    r"gpt|llms?|software|technology|tech)\s+(?:ever\s+)?(?:replace|take over|take|kill|"
    r"eliminate|automate|affect|impact|change|threaten|destroy|steal|make obsolete|"
    r"disrupt|wipe out)",
    r"(?:replaced|taken over|automated|made obsolete|eliminated|disrupted|affected|impacted)"
    r"\s+by\s+(?:ai|a\.i\.|artificial intelligence|robots?|automation|machines?|chat ?gpt|"
    r"technology)",
    r"(?:ai|a\.i\.|artificial intelligence|robots?|automation|chat ?gpt|gpt|llms?)\s+"
    r"(?:replacing|taking over|taking|killing|coming for|affecting|impacting|changing)",
    r"(?:is|are)\s+(?:my|our|the|a|an)?\s*(?:job|jobs|work|career|position|role)s?\s+"
    r"(?:safe|at risk|in danger|doomed|future proof|future-proof|secure)",
    r"(?:how|what)\s+(?:safe|secure|at risk|exposed|vulnerable|likely)\s+(?:is|are)",
    r"what(?:'s|\s+is|\s+will|\s+would)?\s+(?:going\s+to\s+)?happens?\s+to",
    r"(?:should|do|must|would|shall)\s+i\s+(?:be\s+)?(?:worry|worried|concerned|scared|afraid|"
    r"panic|care|retrain|switch|quit)",
    r"(?:i(?:'m| am)|im)\s+(?:worried|scared|afraid|concerned|nervous|anxious)",
    r"(?:future|outlook|prospects?|risk|chances?|odds|likelihood|probability|exposure|score)"
    r"\s+(?:of|for)",
    r"(?:i|we)\s+(?:currently\s+|now\s+|still\s+)?(?:work|worked|am working|have worked)\s+"
    r"(?:as|in|at|for|on)",
    r"(?:i|we)\s+(?:am|m|'m)\s+(?:currently\s+|now\s+)?(?:working|employed)\s+(?:as|in|at|for)",
    r"(?:my|our)\s+(?:current\s+|day\s+|main\s+)?(?:job|work|role|profession|occupation|"
    r"position|title|career|trade|gig)\s+(?:is|as|title is)",
    r"(?:i(?:'m| am)|im|i m)\s+(?:a|an|the)?",
    r"(?:working|employed)\s+as",
    # a job one is heading for: "training as a plumber", "studying to be a nurse"
    r"(?:train|training|trained|study|studying|qualify|qualifying|retrain|retraining|want|"
    r"wants|going|plan|planning|thinking of)\s+(?:as|to be|to become|becoming)\s+(?:a|an)?",
    r"(?:become|becoming)\s+(?:a|an)",
    BEING_A,  # "is being a carpenter future proof?"
    # ... or a field one studies for it: "my daughter wants to study radiography"
    r"(?:(?:wants?|wanting|going|plan(?:s|ning)?|hoping|hopes?|decided)\s+to\s+)?"
    r"(?:study|studying|studies|major\s+in|majoring\s+in|(?:a|my|her|his)\s+degree\s+in)"
    r"(?=\s+[a-z]+(?:graphy|logy|istry|ism|macy|ture|cine|ancy|ery)\b"
    r"|\s+[a-z]{3,}ing\s*(?:[,.!?]|$|(?:at|in|and|or|but|so|next|because|is|was|will)\b))",
    r"(?:for|as)\s+a\s+living",
]
# People in someone's life are said as they are, never "corrected" into a label word
# ("coworker" was a cooker).
PEOPLE_WORDS = frozenset(RELATIVES)
_FILLER = frozenset(
    """
    a an the of as in at for to and or is are am be i me my we our you your it its this
    that these those will would could can should shall might may do does did ai a.i. robot
    robots automation automated chatgpt gpt llm llms replace replaced replacing take
    taking job jobs work career careers role profession occupation future worry worried
    safe risk danger threat soon ever really actually so very lol lmao haha pls please
    thanks thank hi hello hey yo guy gal here there now currently still just like kinda im
    what about how who which why when whether if not no yes with by on from out up all any
    some other others people guys folks someone anyone being been was were have has had
    get going gonna think thinking wonder wondering know tell us everyone everybody years
    year day days living next decade ten five 20 10 5 much many more less concerned scared
    afraid anxious nervous obsolete over too also etc rn tbh ngl u ur r y m s t re ve ll d
    dying dead doomed extinct disappearing vanishing finished gm gn ty thx idk imo btw omg
    i've ive i'd
    good bad still worth around outlook prospects viable into done safest safer riskiest than
    bet choice option idea
    uk usa britain england scotland wales ireland canada australia nz europe london
    """.split()
) | frozenset(  # the people a job is asked about for: "my wife teaches", "he drives a bus"
    [*"he she they his her him their them".split(), *RELATIVES]
)
# Words that ask about a line of work ("is welding a safe trade?", "future of carpentry").
AI_WORD = re.compile(r"\bai\b", re.IGNORECASE)  # (CAREER counts it; some checks must not)
CAREER = re.compile(
    r"\b(?:career|careers|job|jobs|profession|professions|trade|trades|field|fields|industry|"
    r"apprenticeships?|"
    r"future|safe|automat\w*|"
    r"(?:good|safe|smart|bad|wise)\s+(?:major|degree|course|path)|"
    r"(?:school|degree|course|apprenticeship|training)\s+(?:still\s+)?worth it|"
    r"pays? (?:well|badly|much|enough)|(?:well|badly|under)[- ]?paid|salary|salaries|"
    r"earnings?|earn (?:well|much|enough|a living)|get(?:s|ting)? paid|pay like|viable|"
    r"replace\w*|robots?|ai|obsolete|dying|dead|doomed|what about|worth (?:learning|getting|"
    r"going|doing|it as a|studying|training|pursuing)|outlook|"
    r"prospects|get into|go into|take over|taking over|change|affect|impact|disrupt\w*|"
    r"how much do (?:\w+ ){1,3}(?:earn|make|get paid)|become one|get into that)\b",
    re.IGNORECASE,
)
# Weighing up a line of work to take up, said as a statement as often as a question
# ("thinking of getting into joinery after school", "roofing, smart move or nah").
TAKING_UP = re.compile(
    r"\b(?:(?:thinking|considering|planning|wanting|hoping)\s+(?:of\s+|about\s+|to\s+)?"
    r"(?:getting|going|get|go)\s+into|(?:smart|good|wise|bad)\s+move|side\s+hustle|"
    r"(?:any|good|decent|much|big)\s+money\s+in|re-?train(?:ing)? (?:as|in|to be)|"
    r"switch(?:ing)? careers?|"
    r"career change|(?:about|into|of|for) working (?:in|as)|"
    r"leaving (?:my job|it|\w+) (?:for|to)|(?:wants?|wanna|wanting) (?:to )?(?:get|go) into|"
    r"worth it (?:\w+ )?(?:with|given|now that) (?:ai|chatgpt|gpt|llms?|robots|automation)|"
    r"any future in|(?:next|coming) \d+ years)\b",
    re.IGNORECASE,
)
# What may become of a line of work, said of a field asked about ("will data analysis survive
# LLMs?", "will AI kill off translation work?"); not career words elsewhere: "the pilot
# episode kills me" is still talk about a series.
FATE = re.compile(
    r"\b(?:survive[sd]?|surviving|wipe[sd]? (?:\w+ )?out|wiping (?:\w+ )?out|vanish\w*|"
    r"disappear\w*|extinct|redundant|kill\w* off|kills?)\b",
    re.IGNORECASE,
)
_FRAME = re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in _FRAME_PATTERNS) + r")\b")
# When the work is done is no part of its name ("I look after patients at night", "I work at
# weekends in a pub", "a nurse on night shifts"); removed before the frame, which would
# otherwise take "I work at" and leave "night".
_WHEN = re.compile(
    r"\b(?:at|on|during|every|each|in the)\s+(?:night|nights|weekends?|mornings?|evenings?|"
    r"afternoons?|the weekend)(?:\s+shifts?)?\b"
)


# A line of work weighed up as still worth taking up: "is translation still worth it" (read
# only of a field said, never of someone one deals with: "is my trainer still worth it?").
STILL_WORTH_IT = re.compile(r"\bstill\s+worth\s+it\b", re.IGNORECASE)


def career_talk(text: str) -> bool:
    """Words of careers, of what may become of a line of work (``FATE``), or of taking one
    up (``TAKING_UP``)."""
    return any(r.search(text) is not None for r in (CAREER, FATE, TAKING_UP))


# Praise with "job" in it, and names: "good job everyone!", "steve jobs" (not "is nursing a
# good job?", "welder, good job or not?").
IDIOMS = re.compile(
    r"(?:^|[.!?]\s+)\W*(?:good|great|nice|awesome|amazing|excellent|fantastic)\s+job\b"
    r"(?=\s*(?:$|[!.]|,?\s*(?:everyone|everybody|all|guys|team|mate|bot|on|with|there|today)\b))"
    r"|\bsteve jobs\b|\bbook of job\b|\binside job\b|\bnose job\b|\btoo many cooks\b"
    r"|\bchange my mind\b",
    re.IGNORECASE,
)

# Job words in another sense: models of AI, not people who model ("how much power does it
# take to train these models?"), this Discord server, not a waiter; jobs "in general".
OTHER_SENSES = re.compile(
    r"\b(?:ai|language|these|those|such|your|their|ml|llm|gpt|generative|foundation|"
    r"frontier|open|best|new|latest|reasoning|image)\s+models?\b"
    r"|\b(?:this|our|the|discord|whole)\s+server\b|\bin general\b"
    r"|\b(?:master|bachelor)'?s(?:\s+degree)?\b"  # a degree, not masters of a craft
    r"|\b(?:a|good|bad|safe|smart|college|uni|university)\s+major\b"  # what one studies
    # ... and in idioms: "I'm the designated driver tonight", "chef's kiss", "what a clown"
    r"|\bdesignated drivers?\b|\bdevil'?s advocate\b|\bchef'?s kiss\b"
    r"|\b(?:a|such a|real|total|absolute)\s+(?:life\s?savers?|drama queen|walking encyclopa?edia)\b"
    r"|^\W*what an?\s+(?:clown|joker|legend|hero|star|muppet|comedian)\W*$"
)

# One's job said in general: "my job", "our new role", "my trade".
_ONES_OWN = (
    r"(?:my|our)\s+(?:\w+\s+)?(?:job|work|role|profession|occupation|position|title|career|trade)\b"
)
# A worry said of anything ("should I worry?"): a job frame only where no pastime is said.
_WORRIES = r"at risk|safe from|in danger|worried|should i worry"
_WORRY = re.compile(r"\b(?:" + _WORRIES + r")\b")
# Evidence that a message talks about someone's job, used by the resolver's non-job gate.
_JOB_FRAME = re.compile(
    r"\b(?:(?:i|we)\s+(?:currently\s+|now\s+)?work(?:ed)?\s+(?:as|in|at|for|behind|"
    r"on\s+(?:an?|the)\s"
    r"(?!(?:\w+\s+)?(?:project|homework|assignment|essay|report|presentation)))"
    r"|(?:he|she|(?:my|our)\s+(?:" + "|".join(RELATIVES) + r"))\s+"
    r"(?:currently\s+|now\s+|still\s+)?works?\s+(?:as|in|at|for|on)\b"
    r"|(?:i(?:'m| am)|im|i m)\s+(?:a|an)\s"
    r"|(?:i've|ive|i have|i had) been (?:a|an)\s(?!(?:fan|member|bit|lot|little|user|part)\b)"
    r"|"
    + _ONES_OWN
    + r"|(?:replace|replacing|automate|take over|threaten|affect|impact)\w*\s+(?:the\s+)?\w+"
    r"|(?:be|get|being|been)\s+(?:automated|replaced|obsolete)"
    r"|for a living|as a job|\bjob as\b|\bwork as\b"
    r"|future of|risk for|risk of"
    r"|training as|(?:to be|to become|becoming|become)\s+(?:a|an)\s(?!(?:better|good|great)\b)"
    r"|" + _WORRIES + r"|jobs?\b)"
)
_ONES_OWN_JOB = re.compile(
    r"\b"
    + _ONES_OWN
    + r"|\bjob\s+(?:interviews?|offers?|applications?|hunt\w*|search\w*|centre|fairs?)\b"
)


def only_ones_own_job(lowered: str) -> bool:
    """The message's only job frame is one's job said in general ("I'm thinking of quitting
    my job", "my work is so boring"): it says there is a job, not which."""
    return _ONES_OWN_JOB.search(lowered) is not None and not _JOB_FRAME.search(
        _ONES_OWN_JOB.sub(" ", lowered)
    )


# "RN here", "bank teller here, how long do I have?": a job said, then "here", at the start
_HERE = re.compile(r"^\W*(?:(?!(?:i|you|we|what|it|this|is|are)\b)[\w.&/-]+\s+){1,4}here\b")
# Verbs "do" stresses rather than stands for work before: "I do like pizza", "I do hope so".
STRESSED_VERBS = (
    "like love hate think want hope need know feel wonder believe enjoy miss worry agree mind "
    "care wish".split()
)
# A sentence that says someone did or does something (not what someone is: "my dad is a ...",
# "I'm a ...", "I work as ..."): no title, whatever label it resembles ("I just got promoted").
SOMEONE_DOES = re.compile(
    r"^\W*(?:just\s+)?(?:got|been|had)\b"
    r"|^\W*(?:i|we|(?:my|our)\s+[a-z]+)(?:'ve|'d)?\s+(?:just\s+|really\s+|also\s+|always\s+|never\s+)?"
    r"(?!(?:am|is|are|was|were|has|have been|had been|work|works|worked|working)\b"
    r"|(?:do|does)\s+(?!(?:" + "|".join(STRESSED_VERBS) + r")\b))"
    r"[a-z]+\b"
)  # ("I do clothing alterations from home" is work said; "I do like pizza" is not)
_INTERROGATIVE = re.compile(
    r"^\s*(?:how|what|what's|whats|who|whom|where|when|why|which|can|could|do|does|did|"
    r"is|are|was|were|tell|play|give|show|recommend|explain|translate|write|set|remind)\b"
)


@dataclass(frozen=True, slots=True)
class Query:
    """A question made ready for retrieval."""

    raw: str
    clean: str  # printable, trimmed, length-capped original text
    job_text: str  # the job words left after removing the frame; "" when none are left
    job_frame: bool = False  # "I work as", "will AI replace ...", "my job is", "I'm a ..."
    activity: bool = False  # "I repair boilers", "I drive a taxi"
    interrogative: bool = False  # starts like a general question or a request
    activity_text: str = ""  # the work said, verb and object: "stock shelves", "fix bikes"
    pastime: bool = False  # what one does for oneself: "I walk my dog", "poems for fun"

    @property
    def title_shaped(self) -> bool:
        """Written like a vacancy title ("Sr. Marketing Exec (Berlin)"), not a sentence or a
        question about one."""
        said = not (self.interrogative or self.job_frame or self.activity or self.pastime)
        short = "?" not in self.clean and len(self.clean.split()) <= 8
        lowered = self.clean.casefold().replace("\u2019", "'")  # (a curly "I'm")
        return said and short and not (SOMEONE_DOES.match(lowered) or _SUBJECT.match(lowered))


# A sentence about someone, however it goes on ("I am croupier on a cruise ship"): no title.
_SUBJECT = re.compile(r"\W*(?:i|i'm|im|i've|we|we're|he|she|he's|she's|my|our)\s")
_CODE_BLOCK = re.compile(r"```.*?(?:```|$)", re.DOTALL)


def clean_text(text: str) -> str:
    """Normalise Unicode, drop code blocks (code names no job), control and format
    characters, collapse whitespace, cap length."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _CODE_BLOCK.sub(" ", text[: MAX_QUESTION_CHARS * 4])
    kept = [
        " " if unicodedata.category(ch)[0] in "CZ" else ch for ch in text[: MAX_QUESTION_CHARS * 4]
    ]
    return re.sub(r"\s+", " ", "".join(kept)).strip()[:MAX_QUESTION_CHARS]


def _singular_tokens(tokens: list[str], known: Callable[[str], bool]) -> list[str]:
    out = []
    for tok in tokens:
        cand = singular(tok)
        out.append(cand if cand != tok and not known(tok) else tok)
    return out


def _job_words(fragment: str, known: Callable[[str], bool]) -> str:
    """Frame removed, filler dropped, short forms expanded, plurals made singular."""
    framed = _FRAME.sub(" ", _WHEN.sub(" ", OTHER_SENSES.sub(" ", fragment)))
    tokens = [re.sub(r"'s$", "", t.strip(".'")) for t in WORD.findall(framed)]
    tokens = [t for t in tokens if t and t not in _FILLER and not t.isdigit()]
    expanded: list[str] = []
    for tok in tokens:
        for word in (short_form(tok) or tok).split():
            if not expanded or expanded[-1] != word:  # "devops engineer" stays two words
                expanded.append(word)
    return " ".join(_singular_tokens(expanded, known))


_AGENT_VERBS = frozenset(
    """repair fix drive clean teach bake paint write design code program install deliver sell
    cook weld wire plumb audit sing dance coach train recruit assemble pack pick load guard
    manage supervise inspect translate farm sew build operate tutor serve bank""".split()
)


# Places whose "agent" is another job: one works *in* an office, not as its officer.
_PLACES_NOT_FIELDS = frozenset({"office", "port"})


def _agent(word: str, is_head: Callable[[str], bool], fields_only: bool = False) -> str | None:
    """The job noun derived from a field or activity word, if it is a known job noun."""
    if word in _PLACES_NOT_FIELDS:
        return None
    return next((c for c in agent_forms(word, fields_only) if is_head(c)), None)


def _focus(lowered: str, known: Callable[[str], bool], is_head: Callable[[str], bool]) -> str:
    """The job words of a message, focused on the part that names the job.

    "bank teller here, how long do I have?" -> "bank teller" (the clause with a job noun);
    "security guard at a mall" -> "security guard" (the workplace is context, when the part
    before it names a job); "I drive a taxi" -> "taxi driver", "my job is physiotherapy" ->
    "physiotherapist" (a field or activity becomes its job noun when no job noun is given).
    """

    def has_head(text: str) -> bool:
        return any(is_head(w) for w in text.split())

    text = lowered
    sentences = [c for c in SENTENCE_END.split(text) if c.strip()]
    if len(sentences) > 1:  # "Hello, I'm working as an actuary in Frankfurt. My manager ..."
        text = next((c for c in sentences if has_head(_job_words(c, known))), text)
    first = text.split(",")[0]
    if first != text and has_head(_job_words(first, known)):
        text = first
    at = re.match(r"^(.*?\w)\s+(?:at|for|with)\s+(?:a|an|the|my|our|some)?\b.*$", text)
    if at and has_head(_job_words(at.group(1), known)):
        text = at.group(1)
    where = _IN_PLACE.match(text)  # "a nurse in Leeds": no label knows the place's words
    if where and not any(known(w) for w in where.group(2).split()):
        text = where.group(1) if has_head(_job_words(where.group(1), known)) else text
    job = _job_words(text, known).split()
    if not job or has_head(" ".join(job)):
        return " ".join(job)
    agents, rest = [], []
    for word in job:
        # (a word alone is a field only when shaped like one: "welding", not "help")
        field = word not in _AGENT_VERBS
        agent = _agent(word, is_head, field) if (not field or len(job) <= 2) else None
        (agents if agent else rest).append(agent or word)
    return " ".join(rest + [software_worker(a, job) for a in agents])


_IN_PLACE = re.compile(r"^(.*?\w)\s+(?:in|from|near|outside)\s+(?:the\s+)?([a-z][\w' -]*)$")


def parse_question(
    text: str,
    known_word: Callable[[str], bool] | None = None,
    is_head: Callable[[str], bool] | None = None,
    work_verb: Callable[[str], bool] | None = None,
) -> Query:
    """Strip the frame, expand short forms, singularise plurals, focus on the job words.

    ``known_word`` tells whether a word occurs in the label vocabulary; with it, a plural is
    made singular only when that gives a known word ("welders" -> "welder", "glasses" stays).
    ``is_head`` tells whether a word is a job noun (the head of some label); ``work_verb``
    whether a verb begins an ESCO skill (a description of work: "I unload lorries").
    """
    known = known_word or (lambda _w: True)
    head = is_head or (lambda _w: False)
    clean = clean_text(text)
    cased = spell_out_capitals(clean)
    lowered = cased.lower().replace("\u2019", "'")
    lowered = spell_out_work_idioms(spell_out_ampersands(lowered))
    lowered = re.sub(r",\s*except\b.*$", "", lowered)
    lowered = school_levels(lowered)
    job_text = _focus(lowered, known, head)
    interrogative = bool(_INTERROGATIVE.match(lowered))
    work = work_said(lowered, work_verb)
    if work.pastime and not work.activity and work.verb_alone:
        job_text = _job_words(lowered, known)  # "I walk to the station": no "station walker"
    framed = IDIOMS.sub(" ", _WORRY.sub(" ", lowered) if work.pastime else lowered)
    return Query(
        raw=text,
        clean=clean,
        job_text=job_text,
        job_frame=bool(_JOB_FRAME.search(framed) or _HERE.match(lowered)),
        activity=work.activity,
        interrogative=interrogative,
        activity_text=work.text,
        pastime=work.pastime,
    )
