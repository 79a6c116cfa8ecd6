"""Short forms people write for jobs ("lpn", "sparky", "RN"), each mapped to words that appear
in ESCO labels. Capitalised ones only count in capitals ("IT", not "it")."""

import re

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
    "cto": "chief technology officer",
    "coo": "chief operating officer",
    "cpa": "accountant",
    "dev": "developer",
    "devs": "developer",
    "sw": "software",
    "swe": "software engineer",
    "sde": "software developer",
    "dba": "database administrator",
    "sysadmin": "system administrator",
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
}
# Short forms that are also everyday words ("it", "rn" = right now): expanded only in capitals.
CASE_SENSITIVE_ABBREVIATIONS: dict[str, str] = {
    "IT": "ICT",
    "RN": "registered nurse",
    "PA": "personal assistant",
    "PT": "physiotherapist",
    "OT": "occupational therapist",
    "VA": "virtual assistant",
    "PM": "project manager",
    "NP": "nurse practitioner",
    "GM": "general manager",
    "CSR": "customer service representative",
}

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
