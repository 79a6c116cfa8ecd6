"""Our own fixed text: the grounding check treats words in it as ours, not as names a writer
invented. Owned here, beside the templates that use it, so that a new sentence in a template
is listed in the same package."""

from __future__ import annotations

from prompts import card_view, deterministic, sections
from prompts.ai_tools import tool_names
from prompts.context import ATTRIBUTION
from scoring import vocabulary


def fixed_wording() -> list[str]:
    return [
        vocabulary.HOW_WE_SCORE,
        vocabulary.DISRUPTION_MEANING,
        vocabulary.MOVES_MEANING,
        *vocabulary.FACTOR_MEANINGS.values(),
        *vocabulary.FACTOR_NAMES.values(),
        *vocabulary.BAND_MEANINGS.values(),
        deterministic.SCORE_IS_NOT,
        deterministic.NO_SKILLS,
        deterministic.NO_MOVE,
        *tool_names(),
        *sections.HEADINGS,
        card_view.SCORE,
        card_view.HOW_MADE,
        card_view.MOST_EXPOSED,
        card_view.LEAST_EXPOSED,
        card_view.MOVES,
        card_view.NO_MOVES,
        ATTRIBUTION,
    ]
