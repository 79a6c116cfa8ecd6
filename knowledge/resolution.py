"""What resolving a question gives: its status, the occupation, the candidates of a menu.

Typed values shared by the resolver, the answers and the bot; ``to_json`` is the contract of
``nestorbot resolve --json``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Status = Literal["resolved", "ambiguous", "not_found"]


@dataclass(frozen=True)
class OccupationRef:
    uri: str
    label: str
    isco_group: str


@dataclass(frozen=True)
class Candidate:
    uri: str
    label: str
    score: float


@dataclass(frozen=True)
class Resolution:
    question: str
    status: Status
    confidence: float
    occupation: OccupationRef | None
    candidates: list[Candidate] = field(default_factory=list)
    job_text: str = ""
    reason: str = ""

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "status": self.status,
            "confidence": self.confidence,
            "occupation": asdict(self.occupation) if self.occupation else None,
            "candidates": [asdict(c) for c in self.candidates],
        }
