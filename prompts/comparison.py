"""Two occupations compared in words: which is more exposed to AI and why, from their cards
only (the numbers are the cards' own). Shared by Discord (``/compare``, the "Compare with..."
button, two jobs in one message) and the CLI (``nestorbot ask "nurse vs paramedic"``)."""

from __future__ import annotations

from prompts.card_view import SCORE
from prompts.context import ATTRIBUTION
from prompts.numbers import fmt, share_phrase
from scoring.card import ScoreCard
from scoring.model import FACTORS
from scoring.vocabulary import FACTOR_MEANINGS, FACTOR_NAMES

SAME = 1.0  # scores closer than this are "about equally exposed"
PROTECTS = {"ai_complementarity"}  # a higher value of these makes a job less exposed


def comparison_sentence(a: ScoreCard, b: ScoreCard) -> str:
    """ "X is more exposed to AI than Y: 62 against 35 out of 100. The widest gap is ..." """
    la, lb = a.occupation.label, b.occupation.label
    if a.occupation.uri == b.occupation.uri:
        return f"Both are {la}: {fmt(a.disruption)} out of 100."
    if abs(a.disruption - b.disruption) < SAME:
        return (
            f"{_capital(la)} and {lb} are about equally exposed to AI: {fmt(a.disruption)} and "
            f"{fmt(b.disruption)} out of 100."
        )
    more, less = (a, b) if a.disruption > b.disruption else (b, a)

    def gap(key: str) -> float:
        diff = more.factor(key) - less.factor(key)
        return -diff if key in PROTECTS else diff

    key = max(FACTORS, key=gap)
    said = (
        f"{_capital(more.occupation.label)} is more exposed to AI than {less.occupation.label}: "
        f"{fmt(more.disruption)} against {fmt(less.disruption)} out of 100."
    )
    if gap(key) <= 0:
        return said
    return (
        f"{said} The widest gap is in {_inside(FACTOR_NAMES[key])}, "
        f"{fmt(more.factor(key))} against {fmt(less.factor(key))}: {FACTOR_MEANINGS[key]}."
    )


def comparison_markdown(a: ScoreCard, b: ScoreCard) -> str:
    """The comparison for a terminal or a chat message: the sentence and the figures."""
    la, lb = a.occupation.label, b.occupation.label
    rows = [(SCORE, a.disruption, b.disruption)]
    rows += [(FACTOR_NAMES[k], a.factor(k), b.factor(k)) for k in FACTORS]
    lines = [f"## {la} vs {lb}", "", comparison_sentence(a, b), ""]
    lines += [f"| | {la} | {lb} |", "|---|---|---|"]
    lines += [f"| {name} | {fmt(x)} | {fmt(y)} |" for name, x, y in rows]
    lines += [
        f"| Band | {a.band}, {share_phrase(a.percentile)} occupations "
        f"| {b.band}, {share_phrase(b.percentile)} occupations |",
        "",
        f"*{ATTRIBUTION}*",
    ]
    return "\n".join(lines)


def _capital(label: str) -> str:
    """A label at the start of a sentence ("legal assistant" -> "Legal assistant")."""
    return label[:1].upper() + label[1:]


def _inside(name: str) -> str:
    """A factor name inside a sentence: "skill vulnerability", but "AI complementarity"."""
    return name if name[:2].isupper() else name[:1].lower() + name[1:]
