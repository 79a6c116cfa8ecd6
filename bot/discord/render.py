"""Answers and score cards as Discord messages: embeds within Discord's limits, the chart as
an attachment. Pure functions of the answer; no network."""

from __future__ import annotations

from dataclasses import dataclass, field

import discord

from bot.split import split_message
from prompts.card_view import MOVES, SCORE, card_lines
from prompts.context import ATTRIBUTION
from prompts.writer import Answer
from scoring.card import ScoreCard

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


def card_fields(embed: discord.Embed, card: ScoreCard) -> None:
    """The card's numbers as embed fields: score, factors, skills, safer moves."""
    for line in card_lines(card):
        if line.name == MOVES and not line.value:
            continue
        value = line.value or "none"
        if line.name == SCORE:
            value = f"**{line.value}** ({line.band}), {line.meaning}"
        embed.add_field(name=line.name, value=_cut(value, FIELD_VALUE), inline=line.short)


def answer_reply(answer: Answer, card: ScoreCard, *, with_chart: bool = True) -> Reply:
    """The written answer: prose in the description (split over embeds if needed), the card's
    numbers as fields, the chart as the image, the attribution in the footer."""
    headline = answer.headline.lstrip("# ").strip()
    colour = BAND_COLOURS.get(card.band, 0x6639BA)
    parts = split_message(answer.prose, EMBED_DESCRIPTION) or [""]
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
        text=f"{ATTRIBUTION} Score model {card.model_version}, ESCO {card.esco_version}."
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


def card_embed(card: ScoreCard, *, with_chart: bool = True) -> discord.Embed:
    """A score card on its own (``/score``): numbers only, no prose."""
    occ = card.occupation
    embed = discord.Embed(
        title=_cut(f"{occ.label}: {card.band} AI disruption risk", 256),
        description=f"ESCO occupation, ISCO-08 {occ.isco_group}",
        colour=BAND_COLOURS.get(card.band, 0x6639BA),
    )
    card_fields(embed, card)
    if with_chart:
        embed.set_image(url=f"attachment://{CHART_NAME}")
    embed.set_footer(text=f"{ATTRIBUTION} Score model {card.model_version}.")
    return embed


def text_pieces(markdown: str) -> list[str]:
    """Plain messages (2,000 characters each), for replies that are not cards."""
    return split_message(markdown, 2000)
