"""Answers and score cards as Discord messages: embeds within Discord's limits, the chart as
an attachment. Pure functions of the answer; no network."""

from __future__ import annotations

from dataclasses import dataclass, field

import discord

from bot.split import split_message
from prompts.card_view import MOVES, SCORE, card_lines
from prompts.comparison import comparison_sentence
from prompts.context import ATTRIBUTION
from prompts.numbers import fmt, share_phrase
from prompts.writer import Answer
from scoring.card import ScoreCard
from scoring.model import FACTORS
from scoring.vocabulary import (
    DISRUPTION_MEANING,
    FACTOR_MEANINGS,
    FACTOR_NAMES,
    HOW_WE_SCORE,
    MOVES_MEANING,
    NO_SAFER_MOVES,
)

EMBED_DESCRIPTION = 4096
FIELD_VALUE = 700  # Discord allows 1,024; less keeps five fields and the text under 6,000
EMBED_TOTAL = 6000
BAND_COLOURS = {"low": 0x1A7F37, "moderate": 0xBF8700, "high": 0xBC4C00, "very high": 0xCF222E}
CHART_NAME = "score.png"
COMPARISON_CHART_NAME = "comparison.png"


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


def compare_embed(a: ScoreCard, b: ScoreCard) -> discord.Embed:
    """Two cards side by side (``/compare``, the "Compare with..." button, two jobs in one
    message): the score, each factor, the band, and which is more exposed and why."""
    la, lb = a.occupation.label, b.occupation.label
    embed = discord.Embed(title=_cut(f"{la} vs {lb}", 256), colour=0x6639BA)
    embed.description = _cut(comparison_sentence(a, b), EMBED_DESCRIPTION)
    figures = [(SCORE, a.disruption, b.disruption)]
    figures += [(FACTOR_NAMES[k], a.factor(k), b.factor(k)) for k in FACTORS]
    for name, x, y in figures:
        embed.add_field(name=name, value=f"{la}: **{fmt(x)}**\n{lb}: **{fmt(y)}**", inline=True)
    embed.add_field(
        name="Band",
        value=_cut(
            f"{la}: {a.band}, {share_phrase(a.percentile)} occupations\n"
            f"{lb}: {b.band}, {share_phrase(b.percentile)} occupations",
            FIELD_VALUE,
        ),
        inline=False,
    )
    embed.set_footer(text=ATTRIBUTION)
    return embed


def moves_embed(card: ScoreCard) -> discord.Embed:
    """Safer occupations that share skills, with the skills to learn (``/related``, the "Safer
    moves" button, "what should I learn?")."""
    label = card.occupation.label
    embed = discord.Embed(
        title=_cut(f"Safer occupations related to {label}", 256),
        description=f"{label} scores **{fmt(card.disruption)}/100**. {MOVES_MEANING}",
        colour=BAND_COLOURS["low"],
    )
    for r in card.related_safer[:5]:
        study = " (with further study)" if r.further_study else ""
        learn = ", ".join(r.skills_to_learn)
        embed.add_field(
            name=_cut(f"{r.label}: {fmt(r.disruption)}/100{study}", 256),
            value=_cut(f"to learn: {learn}\nshares: " + ", ".join(r.shared_skills), FIELD_VALUE),
            inline=False,
        )
    if not card.related_safer:
        embed.description += f"\n\n{NO_SAFER_MOVES}"
    embed.set_footer(text=ATTRIBUTION)
    return embed


def methodology_embed() -> discord.Embed:
    """How the scores are made (``/methodology``, the "How we score" button)."""
    embed = discord.Embed(title="How NestorBot scores jobs", colour=0x6639BA)
    embed.description = HOW_WE_SCORE
    for key, name in FACTOR_NAMES.items():
        embed.add_field(name=name, value=FACTOR_MEANINGS[key].capitalize() + ".", inline=False)
    embed.add_field(name="AI Disruption Score", value=DISRUPTION_MEANING, inline=False)
    embed.set_footer(text=ATTRIBUTION)
    return embed
