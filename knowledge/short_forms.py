"""Short forms people write for jobs ("lpn", "sparky", "RN"), each mapped to words that appear
in ESCO labels. Capitalised ones only count in capitals ("IT", not "it")."""

import re

from knowledge.wordforms import singular

# Short forms people write for jobs; each maps to words that appear in ESCO labels.
ABBREVIATIONS: dict[str, str] = {
    "lpn": "licensed practical nurse",
    "cna": "nursing assistant",
    "emt": "emergency medical technician ambulance",
    "vet": "veterinary",
    "vets": "veterinary",
    "tech": "technician",
    "techs": "technician",
    "ict": "ICT",
    "hr": "human resources",
    "qa": "quality assurance",
    "qc": "quality control",
    "ux": "user experience",
    "ui": "user interface",
    "seo": "search engine optimisation",
    "ceo": "chief executive officer",
    "cfo": "chief financial officer",
    "cmo": "chief marketing officer",
    "cto": "chief technology officer",
    "coo": "chief operating officer",
    "cpa": "accountant",
    "dev": "developer",
    "devs": "developer",
    "sw": "software",
    "swe": "software engineer",
    "sdet": "software tester",
    "frontend": "front end",
    "sde": "software developer",
    "dba": "database administrator",
    "sysadmin": "system administrator",
    "ece": "early childhood educator",
    "hca": "healthcare assistant",
    "pcso": "community support officer",
    "lvn": "licensed practical nurse",
    "hha": "home care aide",
    "lcsw": "clinical social worker",
    "mlt": "medical laboratory technician",
    "rdh": "dental hygienist",
    "senco": "special educational needs coordinator",
    "qs": "quantity surveyor",
    "vfx": "visual effects",
    "flt": "forklift",
    "psw": "personal support worker",
    "devops": "devops engineer",
    "admin": "administrative",
    "mgr": "manager",
    "asst": "assistant",
    "acct": "accountant",
    "eng": "engineer",
    "engr": "engineer",
    "doc": "doctor",
    "gp": "general practitioner",
    "physio": "physiotherapist",
    "slp": "speech and language therapist",
    "pharm": "pharmacist",
    "hvac": "heating ventilation air conditioning",
    "cnc": "computer numerical control",
    "cad": "computer-aided design",
    "uber": "taxi driver",
    "lyft": "taxi driver",
    "trucker": "lorry driver",
    "truckie": "lorry driver",
    "cop": "police officer",
    "cops": "police officer",
    "sparky": "electrician",
    "chippy": "carpenter",
    "brickie": "bricklayer",
    "teller": "bank teller",
    "atco": "air traffic controller",
    "ifa": "independent financial adviser",
    "bdm": "business development manager",
    "tsa": "airport security",
    "cdl": "lorry",
    "dockers": "stevedore",  # (plural only: "docker" is also the software)
}

# Short forms whose plural means the workers ("sparkies", "truckers"), unlike "chippies" (chip
# shops), "admins", "accts".
_SAID_IN_THE_PLURAL = frozenset("sparky brickie truckie trucker physio sysadmin sdet".split())


def short_form(token: str) -> str | None:
    """What a short form stands for, and the plural of a nickname ("sparkies" -> electrician;
    not "hrs", hours, nor "tellers": fortune tellers are no bank tellers)."""
    if token in ABBREVIATIONS:
        return ABBREVIATIONS[token]
    one = singular(token)
    return ABBREVIATIONS[one] if one != token and one in _SAID_IN_THE_PLURAL else None


# Short forms that are also everyday words ("it", "rn" = right now): expanded only in capitals.
CASE_SENSITIVE_ABBREVIATIONS: dict[str, str] = {
    "IT": "ICT",
    "RN": "registered nurse",
    "PA": "personal assistant",
    "PT": "physiotherapist",
    "OT": "occupational therapist",
    "VA": "virtual assistant",
    "PM": "project manager",
    "MP": "member of parliament",
    "NP": "nurse practitioner",
    "GM": "general manager",
    "CSR": "customer service representative",
    "PE": "physical education",
    "TA": "teaching assistant",
    "BSL": "sign language",
    "ASL": "sign language",
    "SALT": "speech and language therapist",  # (in capitals only: "salt" is salt)
}

# A capitalised short form whose meaning the place of work says: a PT at a gym is a
# personal trainer (elsewhere a physiotherapist), a PM at a software firm runs ICT projects.
SENSE_BY_PLACE: dict[str, tuple[re.Pattern[str], str]] = {
    "PT": (
        re.compile(r"\b(?:gyms?|fitness|leisure cent(?:re|er)|workouts?|bootcamps?)\b", re.I),
        "personal trainer",
    ),
    "PM": (
        re.compile(r"\b(?:[Ss]oftware|[Tt]ech|[Aa]pps?|SaaS|[Ss]tart-?up|ICT|IT)\b"),
        "ICT project manager",
    ),
}


_CASED = re.compile(r"\b(" + "|".join(CASE_SENSITIVE_ABBREVIATIONS) + r")(s?)\b")  # "PAs" too


# Capitalised short forms that are a job only when said as one ("an EA", "EA to the MD"; not
# "EA servers are down", the games company).
SAID_AS_A_JOB: dict[str, tuple[re.Pattern[str], str]] = {
    "EA": (
        re.compile(r"(?<=\ban )EA\b|(?<=\ba )EA\b|\bEA(?=\s+(?:here|to|for|at)\b)"),
        "executive assistant",
    ),
    # "I'm a docker at Felixstowe", "my dad was a docker" (not "run it in a docker?", "a
    # docker container", "a Docker expert": the software)
    "docker": (
        re.compile(
            r"(?i)(?:(?<=\bam a )|(?<=\bwas a )|(?<=\bis a )|(?<=\bi'm a )|(?<=\bim a ))docker"
            r"(?=\s*(?:$|[,.!;:]|(?:at|in|on|for|and|by|here|myself|from|since|who|all|like)\b))"
        ),
        "stevedore",
    ),
    # "a sales rep", "customer service reps" (not "I do 10 reps", "my rep at the gym")
    "rep": (
        re.compile(
            r"(?i)\b(sales|service|pharma|pharmacy|pharmaceutical|medical|field|accounts?|"
            r"customer|union|holiday|trade|technical|insurance|area|territory|company|care|"
            r"support) reps?\b"
        ),
        r"\1 representative",
    ),
    # food delivery apps, before "uber" alone is read as a taxi ("an uber eats driver"); "Just
    # Eat" in capitals only ("I just eat pizza")
    "food apps": (
        re.compile(r"\b(?:(?i:uber\s*eats|doordash|deliveroo|grubhub|postmates)|Just Eat)\b"),
        "food delivery",
    ),
}


def stands_for(word: str) -> set[str]:
    """The job words a short form said of someone stands for, the word as written: "CEO" ->
    officer (its long form's job noun), "MP" or "MPs" -> member of parliament, "the sales rep"
    -> representative (which only names a job once something says so: ``SAID_AS_A_JOB``)."""
    one = singular(word.casefold())
    long_form = short_form(one)
    out = {long_form.split()[-1]} if long_form else set()
    cased = CASE_SENSITIVE_ABBREVIATIONS.get(word) or CASE_SENSITIVE_ABBREVIATIONS.get(word[:-1])
    out |= set(cased.lower().split()) if cased else set()
    return out | ({SAID_AS_A_JOB["rep"][1].split()[-1]} if one == "rep" else set())


def spell_out_capitals(message: str) -> str:
    """ "I'm a PT at a gym" -> "I'm a personal trainer at a gym": the capitalised short
    forms, each in the sense the place of work gives it, if it gives one."""

    def sense(found: re.Match[str]) -> str:
        form = found.group(1)
        place = SENSE_BY_PLACE.get(form)
        if place is not None and place[0].search(message):
            return place[1] + found.group(2)
        return CASE_SENSITIVE_ABBREVIATIONS[form] + found.group(2)

    for pattern, name in SAID_AS_A_JOB.values():
        message = pattern.sub(name, message)
    upper, lower = sum(c.isupper() for c in message), sum(c.islower() for c in message)
    if upper > max(lower, 15):  # ALL IN CAPITALS: "I PUT SALT ON THE ROADS" (not "I'M A PA")
        return message
    return _CASED.sub(sense, message)


# Short forms written with "&", which word splitting would break apart ("B&B" -> "b", "b").
AMPERSAND_FORMS: dict[str, str] = {
    "b&b": "bed and breakfast",
    "r&d": "research and development",
    "h&s": "health and safety",
}
_AMPERSAND = re.compile(
    r"\b("
    + "|".join(r"\s?&\s?".join(map(re.escape, k.split("&"))) for k in AMPERSAND_FORMS)
    + r")s?\b"
)


def spell_out_ampersands(lowered: str) -> str:
    """ "i run two b&bs" -> "i run two bed and breakfast"."""
    return _AMPERSAND.sub(lambda m: AMPERSAND_FORMS[re.sub(r"\s", "", m.group(1))], lowered)


# Work said with an idiom whose verb says nothing: "I do the books for a few firms" is
# bookkeeping, said as ESCO says it ("keep books").
_DO_THE_BOOKS = re.compile(
    r"\b(do|does|doing|did) the (books|accounts)\b(?!\s+for\s+(?:my|our|his|her)\s+own\b)"
)  # (not "for my own household budget")
_KEEP = {"do": "keep", "does": "keeps", "doing": "keeping", "did": "kept"}
# ... and "docs" that are documents, not doctors ("I write the help docs").
_DOCUMENTS = re.compile(r"\b(help|user|api|technical|product|software|online|google)\s+docs\b")


# ... and "work the tills" (the checkout, the register): operate the cash register.
_WORK_THE_TILL = re.compile(
    r"\b(work|works|working|worked) (?:on )?the (?:tills?|checkouts?|registers?|cash registers?)\b"
    r"(?![^.!?]*\band\s)"
)  # (unless more work is said: "I work the till at a petrol station and sell fuel")
_OPERATE = {"work": "operate", "works": "operates", "working": "operating", "worked": "operated"}


# ... and "work on reception" (the front desk): work as a receptionist.
_ON_RECEPTION = re.compile(
    r"(?<!used to )\b(work|works|working) (?:on |at |behind )?(?:the )?"
    r"(?:reception(?: desk)?|front desk|front of house desk)\b(?!\s+(?:for|of)\b)"
    r"(?![^.!?]*\b(?:as (?:an?|the)|now i'?m|i'?m (?:now |actually |technically |really )?"
    r"(?:an?|the))\s)",
    re.IGNORECASE,
)  # (not what one used to do, nor work there as another job: "as a night auditor")


# ... and an emergency number before what its calls are ("a 911 dispatcher", "I take 999
# calls"; not "dial 999", "112 unread emails").
_EMERGENCY = re.compile(
    r"\b(?:911|999|112)"
    r"(?=\s+(?:calls?|call handl\w+|dispatch\w*|operators?|control|cent(?:re|er))\b)"
)


def spell_out_work_idioms(lowered: str) -> str:
    """ "my brother does the books for ..." -> "my brother keeps the books for ...";
    "the user docs" -> "the user documentation"; "I work the tills" -> "I operate the cash
    register"; "I work on reception" -> "I work as a receptionist"; "a 999 call handler" ->
    "an emergency call handler"."""
    lowered = _DOCUMENTS.sub(lambda m: f"{m.group(1)} documentation", lowered)
    lowered = _EMERGENCY.sub("emergency", lowered)
    lowered = _ON_RECEPTION.sub(lambda m: f"{m.group(1)} as a receptionist", lowered)
    lowered = _WORK_THE_TILL.sub(lambda m: f"{_OPERATE[m.group(1)]} the cash register", lowered)
    return _DO_THE_BOOKS.sub(lambda m: f"{_KEEP[m.group(1)]} the {m.group(2)}", lowered)


# A sentence ends at ".", "!" or "?" and a space, not after a short form ("asst. manager").
SENTENCE_END = re.compile(
    r"(?<!\basst)(?<!\bsnr)(?<!\bsr)(?<!\bjr)(?<!\bmgr)(?<!\bdr)(?<!\bst)(?<!\bmr)(?<!\bmrs)"
    r"(?<!\bms)(?<!\bexec)(?<!\beng)(?<!\bco)(?<!\bltd)(?<!\bvs)(?<!\betc)(?<!\bdept)"
    r"[.!?]+(?:\s|$)"
)
