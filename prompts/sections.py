"""An answer's parts, and how they are put together into one Markdown text.

Both writers produce the same three prose sections plus a one-line summary; the headline and
"The numbers" block around them are always rendered here from the card, so every answer
carries the score, the factors, the skills, the safer jobs, "How we score" and the ESCO
attribution whoever wrote the prose.
"""

from __future__ import annotations

from dataclasses import dataclass

from prompts.context import ATTRIBUTION, FACTOR_MEANINGS, FACTOR_NAMES, HOW_WE_SCORE, CardContext
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
        f"## {ctx.label[:1].upper()}{ctx.label[1:]}: {card['band']} AI disruption risk, "
        f"{fmt(card['disruption'], 0)}/100"
    )


def skill_line(d: dict) -> str:
    return f"{d['label']} ({fmt(d['value'])})"


def move_line(r: dict) -> str:
    learn = ", ".join(r.get("skills_to_learn", [])[:3])
    study = ", with further study" if r.get("further_study") else ""
    return f"{r['label']} ({fmt(r['disruption'])}{study}" + (
        f"; to learn: {learn})" if learn else ")"
    )


def numbers_block(ctx: CardContext) -> str:
    """The card in a few lines; every figure says what it measures and where it comes from."""
    card = ctx.card
    occ = card["occupation"]
    group = f"ISCO-08 {occ['isco_group']}" + (f", {ctx.isco_label}" if ctx.isco_label else "")
    lines = [
        "### The numbers",
        f"- **AI Disruption Score {fmt(card['disruption'])}/100** ({card['band']}): higher than "
        f"{fmt(card['percentile'])}% of ESCO occupations. {card.get('band_meaning', '')}".rstrip(),
    ]
    parts = card.get("disruption_parts")
    if parts:
        lines.append(
            f"- How the score is made: generative-AI exposure +{fmt(parts['genai'])}, "
            f"automation exposure +{fmt(parts['automation'])}, shielded by complementarity "
            f"-{fmt(parts['complementarity_shield'])}."
        )
    for key in ("skill_vulnerability", "task_automation", "ai_complementarity"):
        lines.append(f"- {FACTOR_NAMES[key]} **{fmt(card[key])}/100**: {FACTOR_MEANINGS[key]}.")
    lines.append("- Most exposed skills: " + "; ".join(skill_line(d) for d in ctx.vulnerable()))
    lines.append("- Least exposed skills: " + "; ".join(skill_line(d) for d in ctx.resilient()))
    related = ctx.related()
    if related:
        lines.append("- Safer moves: " + "; ".join(move_line(r) for r in related))
    lines.append(
        f'- Occupation: ESCO "{occ["label"]}" ({group}); score model {card["model_version"]}, '
        f"ESCO {card['esco_version']}."
    )
    lines.append(f"\n*How we score:* {HOW_WE_SCORE}")
    lines.append(f"*{ATTRIBUTION}*")
    return "\n".join(lines)


def compose(ctx: CardContext, sections: Sections) -> str:
    return "\n\n".join([headline(ctx), sections.prose(), numbers_block(ctx)])
