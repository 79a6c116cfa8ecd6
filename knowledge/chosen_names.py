"""Names for jobs chosen by hand, where ESCO's own words miss what people say.

``knowledge/data/job_aliases.tsv``: job names people use that ESCO spells differently
("youtuber" -> vlogger), taken as preferred labels of their occupations.

``knowledge/data/work_phrases.tsv``: everyday phrases for a job's work that share no word
with ESCO's name for the job.

"I pull pints in a pub" says bartender to anyone, but none of its words is in a bartender's
labels, description or skills, so neither the words nor the embeddings find it (it went to
punch press operator). ``knowledge/data/work_phrases.tsv`` lists such phrases, a verb and
what it is done to, each with the one occupation almost everyone means by it; a phrase said
in any tense, with or without "the", "a" or "people's" before its object, names that job
the way a job alias does (``knowledge/mentions.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from knowledge.store import LabelRow

# Forms the rules below do not make: past forms that are not "-ed", a doubled last consonant
# of a longer verb ("resetting", "modelling") (the verbs of the table and their like).
_IRREGULAR_FORMS = {
    "do": ("did", "done"),
    "reset": ("resetting",),
    "draw": ("drew", "drawn"),
    "show": ("shown",),
    "model": ("modelling", "modelled"),
    "cut": ("cut",),
    "lay": ("laid",),
    "sweep": ("swept",),
    "shoe": ("shod", "shoed"),
    "teach": ("taught",),
    "drive": ("drove", "driven"),
    "sell": ("sold",),
    "make": ("made",),
    "build": ("built",),
    "catch": ("caught",),
    "feed": ("fed",),
    "keep": ("kept",),
    "dig": ("dug",),
    "hang": ("hung",),
    "read": ("read",),
    "run": ("ran",),
    "sew": ("sewed", "sewn"),
    "shoot": ("shot",),
    "take": ("took", "taken"),
    "write": ("wrote", "written"),
    "fly": ("flew", "flown"),
    "grow": ("grew", "grown"),
    "hold": ("held",),
    "pour": ("poured",),
    "put": ("put",),
    "set": ("set",),
    "sing": ("sang", "sung"),
    "steal": ("stole",),
    "sweat": ("sweated",),
    "tell": ("told",),
    "wind": ("wound",),
    "deal": ("dealt",),
    "bring": ("brought",),
    "buy": ("bought",),
    "fight": ("fought",),
    "give": ("gave", "given"),
    "hear": ("heard",),
    "lead": ("led",),
    "pay": ("paid",),
    "ring": ("rang", "rung"),
    "sit": ("sat",),
    "spin": ("spun",),
    "stick": ("stuck",),
    "strike": ("struck",),
    "tear": ("tore", "torn"),
    "throw": ("threw", "thrown"),
    "weave": ("wove", "woven"),
}
_DETERMINER = r"(?:(?:the|some|their|people's|peoples|other people's|customers')\s+)?"
_SHORT_CVC = re.compile(r"^[^aeiou]*[aeiou][bdgklmnprt]$")  # "cut", "mop", "shop": doubled


def verb_forms(base: str) -> list[str]:
    """Every form a verb is said in: "pull" -> pull, pulls, pulled, pulling; "cut" -> cuts,
    cutting; "empty" -> empties, emptied; "shoe" -> shoeing, shod."""
    if base.endswith("y") and base[-2:-1] not in ("a", "e", "o", "u"):
        third, past = base[:-1] + "ies", base[:-1] + "ied"
    else:
        o_verb = base.endswith("o") and not base.endswith("oo")  # "does", "goes"; "shampoos"
        third = base + ("es" if base.endswith(("s", "sh", "ch", "x", "z")) or o_verb else "s")
        past = base + ("d" if base.endswith("e") else "ed")
    if base.endswith("e") and not base.endswith(("ee", "oe", "ye")):
        gerund = base[:-1] + "ing"
    elif _SHORT_CVC.match(base) and len(base) <= 4:
        gerund, past = base + base[-1] + "ing", base + base[-1] + "ed"
    else:
        gerund = base + "ing"
    irregular = _IRREGULAR_FORMS.get(base, ())
    forms = [base, third, gerund] if irregular else [base, third, past, gerund]
    return list(dict.fromkeys([*forms, *irregular]))


@dataclass(frozen=True)
class WorkPhrase:
    phrase: str  # as the table writes it: "pull pints"
    label: str  # the ESCO preferred label of the job it says
    occupation: int  # that label's occupation index
    pattern: re.Pattern[str]


def _pattern(phrase: str) -> re.Pattern[str]:
    """The verb in any form, then what it is done to as the table writes it (its plural: "a
    pint" is one drink, "the news" no "new"), a determiner allowed before any of its words
    ("muck out the stables"); not a thing done once ("we sold the house", "I caught a fish":
    those objects are not plural) nor door to door."""
    verb, *thing = phrase.split()
    verbs = "|".join(re.escape(v) for v in verb_forms(verb))
    things = r"\s+".join(_DETERMINER + re.escape(word) for word in thing)
    return re.compile(rf"\b({verbs})\s+{things}\b(?![-\s]to[-\s])")


def load_work_phrases(label_to_index: dict[str, int]) -> tuple[WorkPhrase, ...]:
    """The table, without phrases whose job this knowledge base lacks (a subset)."""
    text = resources.files("knowledge").joinpath("data/work_phrases.tsv").read_text("utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, label = line.split("\t")[:2]
        if label in label_to_index:
            out.append(WorkPhrase(phrase, label, label_to_index[label], _pattern(phrase)))
    return tuple(out)


# Work not done (yet): a plan, a wish, an obligation once, learning it ("I'd have to", "had
# to", "want to", "learn to"; not "used to", nor "I have to" of a job's daily work).
_NOT_DONE = re.compile(
    r"\b(?:(?:will|'ll|would|'d|gonna|going to|want to|wanna|might|could)(?:\s+have to)?"
    r"|had to|learn(?:ing)? to|how to)\s+$"
)


def phrase_said(lowered: str, phrases: tuple[WorkPhrase, ...]) -> WorkPhrase | None:
    """The first phrase of the table said in a lower-cased message as what one does ("pull",
    "pulls", "pulling", "I've sold"), not as something done once ("we caught fish off the
    pier", "the police arrested criminals"), if any."""
    found = [(m.start(), p, m) for p in phrases if (m := p.pattern.search(lowered))]
    for _, phrase, said in sorted(found, key=lambda hit: hit[0]):
        verb, before = said.group(1), lowered[: said.start()]
        ongoing = re.search(r"\b(?:have|has|'ve)\s+$", before) is not None
        if _NOT_DONE.search(before):  # "I'll have to wait tables", "how do I learn to cut hair"
            continue
        if verb == phrase.phrase.split()[0] or verb.endswith(("s", "ing")) or ongoing:
            return phrase
    return None


def job_aliases(label_to_index: dict[str, int]) -> list[LabelRow]:
    """``knowledge/data/job_aliases.tsv`` as preferred-label rows of their occupations: job
    names people use that ESCO spells differently ("youtuber" -> vlogger). An alias whose
    occupation is not in this knowledge base (a subset, another ESCO version) is skipped."""
    text = resources.files("knowledge").joinpath("data/job_aliases.tsv").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        alias, label = line.split("\t")[:2]  # (a third column: "over ESCO")
        if label in label_to_index:
            rows.append(LabelRow(-1, label_to_index[label], alias, "preferred"))
    return rows
