"""Answers and score cards as Discord messages: embeds within Discord's limits, the chart as
an attachment. Pure functions of the answer; no network."""

from __future__ import annotations

from dataclasses import dataclass, field

import discord

from bot.split import split_message
from prompts.context import ATTRIBUTION, FACTOR_NAMES
from prompts.numbers import fmt

EMBED_DESCRIPTION = 4096
FIELD_VALUE = 700  # Discord allows 1,024; less keeps five fields and the text under 6,000
EMBED_TOTAL = 6000
BAND_COLOURS = {"low": 0x1A7F37, "moderate": 0xBF8700, "high": 0xBC4C00, "very high": 0xCF222E}
CHART_NAME = "score.png"


@dataclass
class Reply:
    """One or more messages: text content and embeds each within Discord's limits."""

    messages: list[tuple[str | None, list[discord.Embed]]] = field(default_factory=list)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def split_answer(markdown: str) -> tuple[str, str, str]:
    """(headline, prose, numbers block) of a composed answer."""
    lines = markdown.strip().split("\n", 1)
    headline = lines[0].lstrip("# ").strip()
    rest = lines[1] if len(lines) > 1 else ""
    prose, _, numbers = rest.rpartition("### The numbers")
    if not _:  # no numbers block: all of it is prose
        prose, numbers = rest, ""
    return headline, prose.strip(), numbers.strip()


def card_fields(embed: discord.Embed, card: dict) -> None:
    """The card's numbers as embed fields: score, factors, skills, safer jobs."""
    embed.add_field(
        name="AI Disruption Score",
        value=f"**{fmt(card['disruption'])}/100** ({card['band']}), higher than "
        f"{fmt(card['percentile'])}% of ESCO occupations",
        inline=False,
    )
    for key in ("skill_vulnerability", "task_automation", "ai_complementarity"):
        embed.add_field(name=FACTOR_NAMES[key], value=f"{fmt(card[key])}/100", inline=True)
    vulnerable = "\n".join(
        f"{d['label']} ({fmt(d['value'])})" for d in card["vulnerable_skills"][:3]
    )
    resilient = "\n".join(f"{d['label']} ({fmt(d['value'])})" for d in card["resilient_skills"][:3])
    embed.add_field(name="Most exposed skills", value=_cut(vulnerable or "none", FIELD_VALUE))
    embed.add_field(name="Least exposed skills", value=_cut(resilient or "none", FIELD_VALUE))
    related = "\n".join(
        f"{r['label']} ({fmt(r['disruption'])}): shares {', '.join(r['shared_skills'][:3])}"
        for r in card["related_safer"][:3]
    )
    if related:
        embed.add_field(
            name="Safer related occupations", value=_cut(related, FIELD_VALUE), inline=False
        )


def answer_reply(markdown: str, card: dict, *, with_chart: bool = True) -> Reply:
    """The written answer: prose in the description (split over embeds if needed), the card's
    numbers as fields, the chart as the image, the attribution in the footer."""
    headline, prose, _ = split_answer(markdown)
    colour = BAND_COLOURS.get(card["band"], 0x6639BA)
    parts = split_message(prose, EMBED_DESCRIPTION) or [""]
    embeds = []
    for i, part in enumerate(parts):
        embed = discord.Embed(title=_cut(headline, 256) if i == 0 else None, description=part,
                              colour=colour)  # fmt: skip
        embeds.append(embed)
    last = embeds[-1]
    card_fields(last, card)
    if with_chart:
        last.set_image(url=f"attachment://{CHART_NAME}")
    last.set_footer(
        text=f"{ATTRIBUTION} Score model {card['model_version']}, ESCO {card['esco_version']}."
    )
    reply = Reply()
    batch: list[discord.Embed] = []
    for embed in embeds:  # Discord: at most 6,000 characters of embeds per message
        if batch and sum(len(e) for e in batch) + len(embed) > EMBED_TOTAL:
            reply.messages.append((None, batch))
            batch = []
        batch.append(embed)
    reply.messages.append((None, batch))
    return reply


def card_embed(card: dict, *, with_chart: bool = True) -> discord.Embed:
    """A score card on its own (``/score``): numbers only, no prose."""
    occ = card["occupation"]
    embed = discord.Embed(
        title=_cut(f"{occ['label']}: {card['band']} AI disruption risk", 256),
        description=f"ESCO occupation, ISCO-08 {occ['isco_group']}",
        colour=BAND_COLOURS.get(card["band"], 0x6639BA),
    )
    card_fields(embed, card)
    if with_chart:
        embed.set_image(url=f"attachment://{CHART_NAME}")
    embed.set_footer(text=f"{ATTRIBUTION} Score model {card['model_version']}.")
    return embed


def text_pieces(markdown: str) -> list[str]:
    """Plain messages (2,000 characters each), for replies that are not cards."""
    return split_message(markdown, 2000)
