"""An answer's parts, and how they are put together into one Markdown text.

Both writers produce the same three prose sections plus a one-line summary; the headline and
"The numbers" block around them are always rendered here from the card, so every answer
carries the score, the factors, the skills, the safer jobs, "How we score" and the ESCO
attribution whoever wrote the prose.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from prompts.card_view import (
    HOW_MADE,
    LEAST_EXPOSED,
    MOST_EXPOSED,
    MOVES,
    SCORE,
    card_lines,
)
from prompts.context import ATTRIBUTION, HOW_WE_SCORE, CardContext
from prompts.numbers import fmt

HEADINGS = ("What does it do", "How AI is changing this role", "Key takeaways")


@dataclass(frozen=True)
class Sections:
    summary: str
    what_it_does: str
    how_ai_changes: str
    takeaways: str

    def prose(self) -> str:
        body = (self.what_it_does, self.how_ai_changes, self.takeaways)
        parts = [self.summary.strip()]
        parts += [f"### {h}\n{b.strip()}" for h, b in zip(HEADINGS, body, strict=True)]
        return "\n\n".join(p for p in parts if p)


def headline(ctx: CardContext) -> str:
    card = ctx.card
    return (
        f"## {ctx.label[:1].upper()}{ctx.label[1:]}: {card.band} AI disruption risk, "
        f"{fmt(card.disruption, 0)}/100"
    )


# How each line of the card reads in Markdown (the CLI and Discord have their own markup).
_MARKDOWN = {
    SCORE: "- **{name} {value}** ({band}): {meaning}",
    HOW_MADE: "- {name}: {value}.",
    MOST_EXPOSED: "- {name}: {value}",
    LEAST_EXPOSED: "- {name}: {value}",
    MOVES: "- {name}: {value}",
}
_FACTOR_MARKDOWN = "- {name} **{value}**: {meaning}."


def numbers_block(ctx: CardContext) -> str:
    """The card in a few lines; every figure says what it measures and where it comes from."""
    card = ctx.card
    occ = card.occupation
    group = f"ISCO-08 {occ.isco_group}" + (f", {ctx.isco_label}" if ctx.isco_label else "")
    lines = ["### The numbers"]
    for line in card_lines(card):
        if line.name == MOVES and not line.value:
            continue
        form = _MARKDOWN.get(line.name, _FACTOR_MARKDOWN)
        lines.append(form.format(**asdict(line)))
    lines.append(
        f'- Occupation: ESCO "{occ.label}" ({group}); score model {card.model_version}, '
        f"ESCO {card.esco_version}."
    )
    lines.append(f"\n*How we score:* {HOW_WE_SCORE}")
    lines.append(f"*{ATTRIBUTION}*")
    return "\n".join(lines)


@dataclass(frozen=True)
class Composed:
    """An answer's three parts, kept apart so that no renderer has to parse Markdown."""

    headline: str  # "## Label: band AI disruption risk, N/100"
    prose: str  # summary and the three written sections
    numbers: str  # "### The numbers" block

    @property
    def markdown(self) -> str:
        return "\n\n".join([self.headline, self.prose, self.numbers])


def compose(ctx: CardContext, sections: Sections) -> Composed:
    return Composed(headline(ctx), sections.prose(), numbers_block(ctx))
