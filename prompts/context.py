"""What a writer may talk about: one occupation's score card plus its ESCO description.

This is the whole input of both writers. The person's message is deliberately absent: it
cannot reach the LLM, so it cannot instruct it.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoring.card import ScoreCard
from scoring.drivers import SkillDriver
from scoring.moves import Move
from scoring.vocabulary import FACTOR_MEANINGS, FACTOR_NAMES, HOW_WE_SCORE

ATTRIBUTION = "This service uses the ESCO classification of the European Commission."

__all__ = ["ATTRIBUTION", "FACTOR_MEANINGS", "FACTOR_NAMES", "HOW_WE_SCORE", "CardContext"]


@dataclass(frozen=True)
class CardContext:
    """A score card (as produced by ``scoring``) with the text a writer may draw on."""

    card: ScoreCard
    description: str = ""
    isco_label: str | None = None

    @property
    def label(self) -> str:
        return self.card.occupation.label

    @property
    def uri(self) -> str:
        return self.card.occupation.uri

    def vulnerable(self, n: int = 3) -> list[SkillDriver]:
        return list(self.card.vulnerable_skills[:n])

    def resilient(self, n: int = 3) -> list[SkillDriver]:
        return list(self.card.resilient_skills[:n])

    def related(self, n: int = 3) -> list[Move]:
        return list(self.card.related_safer[:n])

    def short_description(self, sentences: int = 2, limit: int = 480) -> str:
        """The first sentences of the ESCO description, cut at a sentence or word boundary."""
        text = " ".join(self.description.split())
        parts = [p for p in text.replace("\n", " ").split(". ") if p]
        short = ". ".join(parts[:sentences])
        if short and not short.endswith("."):
            short += "."
        if len(short) > limit:
            short = short[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "..."
        return short
