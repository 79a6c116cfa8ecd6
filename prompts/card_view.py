"""The score card as labelled lines of plain text: the one rendering of its facts.

The answer's "The numbers" block turns them into Markdown bullets, the CLI prints them, and
Discord makes them embed fields; each adds only its own markup, so a figure reads the same
everywhere and a new fact on the card is added here once.
"""

from __future__ import annotations

from dataclasses import dataclass

from prompts.numbers import fmt
from scoring.card import ScoreCard
from scoring.drivers import SkillDriver
from scoring.model import FACTORS
from scoring.moves import Move
from scoring.vocabulary import FACTOR_MEANINGS, FACTOR_NAMES

SCORE = "AI Disruption Score"
HOW_MADE = "How the score is made"
MOST_EXPOSED = "Most exposed skills"
LEAST_EXPOSED = "Least exposed skills"
MOVES = "Safer moves"
NO_MOVES = "none at least 10 points lower shares enough of its essential skills"


@dataclass(frozen=True)
class CardLine:
    name: str
    value: str  # plain text, no markup
    meaning: str = ""  # what the figure measures, where one is needed
    short: bool = False  # a single figure (Discord shows these side by side)
    band: str = ""  # the score's band, on the score line


def skill_line(d: SkillDriver) -> str:
    return f"{d.label} ({fmt(d.value)})"


def move_line(r: Move) -> str:
    learn = ", ".join(r.skills_to_learn[:3])
    study = ", with further study" if r.further_study else ""
    return f"{r.label} ({fmt(r.disruption)}{study}" + (f"; to learn: {learn})" if learn else ")")


def card_lines(card: ScoreCard, n_skills: int = 3, n_moves: int = 3) -> list[CardLine]:
    """Every fact of the card a reader sees, in reading order."""
    share = f"higher than {fmt(card.percentile)}% of ESCO occupations."
    meaning = f"{share} {card.band_meaning}".rstrip()
    lines = [CardLine(SCORE, f"{fmt(card.disruption)}/100", meaning, band=card.band)]
    parts = card.disruption_parts
    if parts:
        lines.append(
            CardLine(
                HOW_MADE,
                f"generative-AI exposure +{fmt(parts.genai)}, automation exposure "
                f"+{fmt(parts.automation)}, shielded by complementarity "
                f"-{fmt(parts.complementarity_shield)}",
            )
        )
    for key in FACTORS:
        lines.append(
            CardLine(FACTOR_NAMES[key], f"{fmt(card.factor(key))}/100", FACTOR_MEANINGS[key], True)
        )
    lines.append(
        CardLine(MOST_EXPOSED, "; ".join(skill_line(d) for d in card.vulnerable_skills[:n_skills]))
    )
    lines.append(
        CardLine(LEAST_EXPOSED, "; ".join(skill_line(d) for d in card.resilient_skills[:n_skills]))
    )
    moves = card.related_safer[:n_moves]
    lines.append(CardLine(MOVES, "; ".join(move_line(r) for r in moves) if moves else ""))
    return lines
