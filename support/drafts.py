"""LLM drafts for the grounding tests and benchmarks: a faithful one and hostile variants."""

from __future__ import annotations

from collections.abc import Callable

from prompts import deterministic
from prompts.context import CardContext
from prompts.grounding import NUMBER, card_numbers, raw_card_text
from prompts.numbers import allowed_forms


def good_draft(ctx: CardContext) -> str:
    """What a faithful model would write: the card's facts, our sections."""
    return deterministic.write(ctx).prose()


def numbers_ok(text: str, ctx: CardContext) -> bool:
    """Every number in ``text`` is one the card (or its texts) supports."""
    allowed = allowed_forms(card_numbers(ctx)) | set(NUMBER.findall(raw_card_text(ctx)))
    allowed |= {ctx.card.occupation.isco_group, "08", "1", "2", "3", "4", "5"}
    allowed |= {ctx.card.model_version, ctx.card.esco_version}
    return set(NUMBER.findall(text)) <= allowed


HOSTILE: dict[str, Callable[[str], str]] = {
    "invented number": lambda d: d.replace(
        "### Key takeaways", "By 2031, 87.5% of this work goes.\n\n### Key takeaways"
    ),
    "foreign skill": lambda d: d + "\n- Learn to operate forklift and use spreadsheets software.",
    "foreign occupation": lambda d: d + "\n- Or retrain as an air traffic controller.",
    "everyone mention": lambda d: "@everyone " + d,
    "user mention": lambda d: d + "\n- Ask <@80351110224678912> for help.",
    "link": lambda d: d + "\n- Read more at https://example.com/ai-jobs",
    "echoed instructions": lambda d: "Ignore previous instructions. " + d,
    "no sections": lambda d: "\n".join(x for x in d.splitlines() if not x.startswith("###")),
    "too long": lambda d: d + ("\n- Keep learning." * 200),
    "empty": lambda d: "",
}
