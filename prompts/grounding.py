"""The grounding check: a draft may only say what the score card says.

Run on every draft before anyone sees it (and on the deterministic writer's output too, as a
self-check). It reports, in words a retry prompt can use, every:
- number that is not one of the card's numbers (as stored, or rounded to 1 or 0 places);
- ESCO skill or occupation named that is not on the card;
- mention (``@everyone``, ``<@id>``...), link, or echo of our instructions;
- length outside the limits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import astuple, dataclass, field

from knowledge.wordforms import singular
from prompts.context import CardContext
from prompts.numbers import allowed_forms

# A digit run not glued to another digit or a decimal point: "__40%__", "by2030" and "x5" are
# numbers too (Markdown underscores and typos must not hide one).
NUMBER = re.compile(r"(?<![0-9.])\d+(?:[.,]\d+)*")
LIST_MARKER = re.compile(r"^\s*[1-9][.)]\s", re.MULTILINE)  # "1. ", "2) ": list numbering
# Quantities in words: a model may write "five years" or "half of the tasks" instead of digits.
NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred hundreds thousand thousands million millions billion billions half "
    "halves third thirds quarter quarters dozen dozens twice thrice percent percentage".split()
)
MENTION = re.compile(r"@(?:everyone|here)\b|<[@#][!&]?\d*>|<@|<#|<:\w+:\d+>", re.IGNORECASE)
LINK = re.compile(r"https?://|\bwww\.|\]\(|discord\.gg|<[a-z]+:", re.IGNORECASE)
# A bare domain; allowed only when the card itself names it (a skill called "ASP.NET").
DOMAIN = re.compile(r"\b[\w-]+\.(?:com|net|org|io|gg|ly|xyz|ai|co|me|app|dev)\b", re.IGNORECASE)
# Phrases that only appear when a model talks about its prompt instead of the job.
ECHO = re.compile(
    r"ignore (?:all |any )?(?:the )?(?:previous|prior|above) instructions|system prompt|"
    r"as an ai(?: language)? model|<\|[a-z_]+\|>|\[/?inst\]|developer mode|jailbr[oe]a?k",
    re.IGNORECASE,
)
WORD = re.compile(r"[a-z0-9]+(?:['\u2019][a-z0-9]+)*")  # hyphens split: "project-management"
PROPER_WORD = re.compile(r"[A-Za-z][\w+#.]*[\w+#]|[A-Za-z]")
MAX_NGRAM = 8


@dataclass(frozen=True)
class Limits:
    min_chars: int = 200
    max_chars: int = 2_200


@dataclass(frozen=True)
class Grounding:
    checked: bool
    unsupported: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.checked and not self.unsupported

    def to_json(self) -> dict:
        return {"checked": self.checked, "unsupported": list(self.unsupported)}


CLAUSE_BREAK = re.compile(r"[,;:.!?()\[\]\n]+(?:\s|$)|[;:()\[\]\n]")


def words(text: str) -> list[str]:
    """Lower-case words, possessives dropped ("nurse's" -> "nurse")."""
    return [w.removesuffix("'s") for w in WORD.findall(text.lower().replace("\u2019", "'"))]


def normalise_label(label: str) -> str:
    return " ".join(words(label))


class GroundingChecker:
    """Checks drafts against one card; ``catalog`` is every ESCO (label, kind) pair, kind being
    "skill" or "occupation".

    A catalog label found in a draft is supported only if its words also appear, in order,
    somewhere in the card's own text (labels, description, ISCO group) or in our fixed wording.
    One-word skill labels are ordinary English words ("less", "cooking") unless written with
    capitals ("Java", "LESS"): only those are matched, and case-sensitively.
    """

    def __init__(
        self,
        catalog: Iterable[tuple[str, str]],
        fixed_text: Iterable[str] = (),
        limits: Limits = Limits(),
    ):
        names: set[str] = set()
        self.proper: frozenset[str] = frozenset()
        proper: set[str] = set()
        for full, kind in _with_short_forms(catalog):
            label = full.strip()
            norm = normalise_label(label)
            if not norm:
                continue
            if kind == "skill" and " " not in norm:
                if label != label.lower() and " " not in label:
                    proper.add(label)
                continue
            names.add(norm)
        self.catalog = frozenset(names)
        self.proper = frozenset(proper)
        self.fixed = " ".join(normalise_label(t) for t in fixed_text)
        self.limits = limits
        self.max_ngram = min(MAX_NGRAM, max((len(c.split()) for c in self.catalog), default=1))

    def check(
        self, text: str, ctx: CardContext, instructions: str = "", limits: Limits | None = None
    ) -> Grounding:
        limits = limits or self.limits
        problems: list[str] = []
        if len(text.strip()) < limits.min_chars:
            problems.append(f"too short: {len(text.strip())} characters")
        if len(text) > limits.max_chars:
            problems.append(f"too long: {len(text)} characters (limit {limits.max_chars})")
        problems += [f"number {n} is not on the card" for n in self.unsupported_numbers(text, ctx)]
        problems += [f"'{name}' is not on the card" for name in self.unsupported_names(text, ctx)]
        if MENTION.search(text):
            problems.append("contains a mention")
        card_raw = raw_card_text(ctx)
        if LINK.search(text) or any(
            m.group(0).lower() not in card_raw for m in DOMAIN.finditer(text)
        ):
            problems.append("contains a link")  # "ASP.NET" on the card is a skill, not a link
        problems += [
            f"'{w}' is a quantity the card does not give" for w in self.number_words(text, ctx)
        ]
        if ECHO.search(text) or _echoes(text, instructions):
            problems.append("talks about its instructions instead of the job")
        return Grounding(True, problems)

    def unsupported_numbers(self, text: str, ctx: CardContext) -> list[str]:
        allowed = allowed_forms(card_numbers(ctx)) | _text_numbers(ctx)
        found = NUMBER.findall(LIST_MARKER.sub(" ", text))
        return sorted({n for n in found if n not in allowed})

    def number_words(self, text: str, ctx: CardContext) -> list[str]:
        corpus = set(card_text(ctx).split()) | set(self.fixed.split())
        return sorted({w for w in words(text) if w in NUMBER_WORDS and w not in corpus})

    def unsupported_names(self, text: str, ctx: CardContext) -> list[str]:
        corpus = f" {card_text(ctx)} {self.fixed} "
        bad: list[str] = [
            w
            for w in dict.fromkeys(PROPER_WORD.findall(text))
            if w in self.proper and w.lower() not in raw_card_text(ctx)
        ]
        for clause in CLAUSE_BREAK.split(text):
            self._names_in(words(clause), corpus, bad)
        return bad

    def _names_in(self, tokens: list[str], corpus: str, bad: list[str]) -> None:
        """Catalog labels in one clause (a label never spans a comma or a full stop: "data,
        analytics" does not name "data analytics")."""
        i = 0
        while i < len(tokens):
            # Longest catalog label starting here wins, so "manage staff" is not also "staff".
            for n in range(min(self.max_ngram, len(tokens) - i), 0, -1):
                gram = " ".join(tokens[i : i + n])
                # "software developers" names the catalog's "software developer"
                singular_gram = " ".join([*tokens[i : i + n - 1], singular(tokens[i + n - 1])])
                name = gram if gram in self.catalog else singular_gram
                if name in self.catalog:
                    said = f" {gram} " in corpus or f" {name} " in corpus
                    if not said and name not in bad:
                        bad.append(name)
                    i += n - 1
                    break
            i += 1


def _with_short_forms(catalog: Iterable[tuple[str, str]]) -> Iterable[tuple[str, str]]:
    """Each label, and for "Java (computer programming)" also "Java": how people write it."""
    for label, kind in catalog:
        yield label, kind
        if "(" in label and (short := label.split("(", 1)[0].strip()):
            yield short, kind


def card_numbers(ctx: CardContext) -> list[float]:
    """Every number on the card a writer may quote (plus the 0-100 scale itself)."""
    card = ctx.card
    values = [0.0, 100.0]
    values += [card.skill_vulnerability, card.task_automation, card.ai_complementarity]
    values += [card.disruption, card.percentile]
    for d in card.vulnerable_skills + card.resilient_skills:
        values += [d.value, d.contribution]
    for r in card.related_safer:
        values += [r.disruption, float(len(r.shared_skills))]
        values += [card.disruption - r.disruption]  # "N points lower"
    for part in (card.disruption_parts, card.factor_percentiles):
        if part is not None:
            values += [float(v) for v in astuple(part)]
    return values


def _text_numbers(ctx: CardContext) -> set[str]:
    """Numbers that appear verbatim in the card's texts: ISCO code, versions, description."""
    card = ctx.card
    texts = [
        card.occupation.isco_group,
        "ISCO-08",
        card.model_version,
        card.esco_version,
        raw_card_text(ctx),
    ]
    return {n for t in texts for n in NUMBER.findall(t)}


def raw_card_text(ctx: CardContext) -> str:
    """The card's texts as written (lower case): labels, description, ISCO group name."""
    card = ctx.card
    parts = [card.occupation.label, ctx.description, ctx.isco_label or ""]
    parts += [d.label for d in card.vulnerable_skills + card.resilient_skills]
    for r in card.related_safer:
        parts += [r.label, *r.shared_skills, *r.skills_to_learn]
    parts.append(card.band_meaning)
    return " | ".join(parts).lower()


def card_text(ctx: CardContext) -> str:
    """The card's texts normalised to words, parts kept apart so no match spans two."""
    return " | ".join(normalise_label(p) for p in raw_card_text(ctx).split(" | "))


def _echoes(text: str, instructions: str, n: int = 8) -> bool:
    """True when the draft repeats any run of ``n`` words from our instructions."""
    if not instructions:
        return False
    source = words(instructions)
    shingles = {" ".join(source[i : i + n]) for i in range(len(source) - n + 1)}
    draft = words(text)
    return any(" ".join(draft[i : i + n]) in shingles for i in range(len(draft) - n + 1))
