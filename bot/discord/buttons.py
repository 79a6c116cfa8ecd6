"""Buttons under every answer: "Safer moves", "Compare with...", "Not my job?", "How we score".

They are persistent: the custom id carries all a button needs (the occupation's ESCO id and
who asked), and one ``DynamicItem`` class matches every id we make, so buttons on messages
sent before a restart keep working. A custom id is read, never trusted: one that does not
parse, or names an occupation this build does not know, gets a private "no longer works",
never an echo of what was sent. A press by someone other than the person who asked is
answered privately; the asker's own press is answered in the channel, like the answer.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import discord

from bot.discord.errors import RateLimited, report_failure
from bot.discord.render import compare_embed, methodology_embed, moves_embed
from bot.discord.sending import followup
from bot.wording import (
    BUTTON_COMPARE,
    BUTTON_HOW,
    BUTTON_MOVES,
    BUTTON_OTHER,
    COMPARE_FIELD,
    COMPARE_TITLE,
    NO_SUCH_OCCUPATION,
    REPHRASE_FIELD,
    REPHRASE_TITLE,
    STALE_BUTTON,
    asking_quickly,
)

if TYPE_CHECKING:
    from bot.discord.services import BotServices
    from scoring.card import ScoreCard

log = logging.getLogger("nestorbot.discord")
ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/"
ACTIONS = {"moves": BUTTON_MOVES, "compare": BUTTON_COMPARE, "other": BUTTON_OTHER,
           "how": BUTTON_HOW}  # fmt: skip
STYLES = {"moves": discord.ButtonStyle.success, "how": discord.ButtonStyle.secondary}
_ID = re.compile(r"nestor:(?P<action>[a-z]{1,10}):(?P<occ>[0-9a-f-]{36}):(?P<asker>\d{1,20})")


def answer_buttons(uri: str, asker_id: int) -> discord.ui.View:
    """The row of buttons for the answer about ``uri`` to the person ``asker_id``."""
    view = discord.ui.View(timeout=None)
    occ = uri.removeprefix(ESCO_OCCUPATION)
    for action in ACTIONS:
        view.add_item(AnswerButton(action, occ, asker_id))
    return view


class AnswerButton(discord.ui.DynamicItem[discord.ui.Button], template=r"nestor:.{0,93}"):
    def __init__(self, action: str, occ: str, asker: int):
        label = ACTIONS.get(action, "?")
        style = STYLES.get(action, discord.ButtonStyle.primary)
        custom_id = f"nestor:{action}:{occ}:{asker}"
        super().__init__(discord.ui.Button(label=label, style=style, custom_id=custom_id))
        self.action, self.occ, self.asker = action, occ, asker

    @classmethod
    async def from_custom_id(cls, interaction, item, match, /) -> AnswerButton:
        found = _ID.fullmatch(item.custom_id or "")
        if found is None or found["action"] not in ACTIONS:
            return cls("stale", "-", 0)
        return cls(found["action"], found["occ"], int(found["asker"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        bot: BotServices = interaction.client  # type: ignore[assignment]
        if self.action == "how":
            await interaction.response.send_message(embed=methodology_embed(), ephemeral=True)
            return
        card = bot.assistant.card(ESCO_OCCUPATION + self.occ) if self.action in ACTIONS else None
        if card is None:  # forged, from an older version, or an occupation no longer known
            await interaction.response.send_message(STALE_BUTTON, ephemeral=True)
            return
        try:
            bot.check_lookup_limit(interaction.user.id)
        except RateLimited as exc:
            await interaction.response.send_message(str(exc), ephemeral=True)
            return
        # Someone else's press is answered privately; so is the asker's under a private
        # answer (only they see it, and what it is about stays theirs).
        message = interaction.message
        private = interaction.user.id != self.asker or bool(message and message.flags.ephemeral)
        if self.action == "moves":
            await interaction.response.send_message(embed=moves_embed(card), ephemeral=private)
        elif self.action == "compare":
            await interaction.response.send_modal(CompareModal(bot, card, private))
        else:
            await interaction.response.send_modal(RephraseModal(bot, private))


class CompareModal(discord.ui.Modal, title=COMPARE_TITLE):
    other: discord.ui.TextInput = discord.ui.TextInput(label=COMPARE_FIELD, max_length=200)

    def __init__(self, bot: BotServices, card: ScoreCard, private: bool):
        super().__init__(timeout=600)
        self.bot, self.card, self.private = bot, card, private

    async def on_submit(self, interaction: discord.Interaction) -> None:
        # Public or private is decided before deferring: the first followup after a public
        # defer is public whatever flag it carries, so nothing typed is ever repeated.
        await interaction.response.defer(thinking=True, ephemeral=self.private)
        try:
            scored = await self.bot.quick(self.bot.assistant.score, self.other.value)
            if scored.card is None:
                await interaction.followup.send(NO_SUCH_OCCUPATION)
                return
            embed = compare_embed(self.card, scored.card)
            chart = await self.bot.delivery.comparison_chart(self.card, scored.card)
            embed.set_image(url=f"attachment://{chart.filename}")
            await interaction.followup.send(embed=embed, file=chart)
        except Exception as exc:
            await report_failure(interaction.followup.send, exc, "a comparison from a button")


class RephraseModal(discord.ui.Modal, title=REPHRASE_TITLE):
    job: discord.ui.TextInput = discord.ui.TextInput(label=REPHRASE_FIELD, max_length=300)

    def __init__(self, bot: BotServices, private: bool):
        super().__init__(timeout=600)
        self.bot, self.private = bot, private

    async def on_submit(self, interaction: discord.Interaction) -> None:
        # A new question, which may call the LLM: it counts like /ask.
        wait = self.bot.question_wait(interaction.user.id, interaction.guild_id)
        if wait > 0:
            await interaction.response.send_message(asking_quickly(wait), ephemeral=True)
            return
        await interaction.response.defer(thinking=True, ephemeral=self.private)
        send = followup(interaction, self.private, wait=True)
        try:
            async with self.bot.busy():
                result = await self.bot.ask(self.job.value)
                await self.bot.delivery.deliver(send, result, interaction.user.id)
        except Exception as exc:
            await report_failure(interaction.followup.send, exc, "a rephrased question")


async def answer_unoffered(interaction: discord.Interaction) -> None:
    """A press whose custom id is ours but on no button of its message (a modified client):
    discord.py drops it silently, and the person would see "interaction failed". It gets the
    same private "no longer works" as a stale button, and nothing it sent is repeated."""
    if interaction.type is not discord.InteractionType.component:
        return
    custom_id = str((interaction.data or {}).get("custom_id", ""))
    if not custom_id.startswith("nestor:") or interaction.message is None:
        return
    offered = {
        getattr(child, "custom_id", None)
        for row in interaction.message.components
        for child in getattr(row, "children", [row])
    }
    if custom_id not in offered and not interaction.response.is_done():
        await interaction.response.send_message(STALE_BUTTON, ephemeral=True)
