"""Delivering answers to Discord: the written answer as embeds with its chart, the "which
job?" menu, the help text when no job was found, and the answer to a menu pick. Out of the
client so that the client only runs the bot."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import discord

from bot.chart import render_card_chart, render_comparison_chart
from bot.discord.buttons import answer_buttons
from bot.discord.errors import report_failure
from bot.discord.render import (
    CHART_NAME,
    COMPARISON_CHART_NAME,
    answer_reply,
    compare_embed,
    text_pieces,
)
from bot.discord.sending import followup
from bot.discord.views import CandidatePicker
from bot.memo import LRU
from bot.wording import PICK_AGAIN, ambiguous_menu
from prompts.writer import Answer
from scoring.card import ScoreCard

if TYPE_CHECKING:
    from bot.app import AskResult, Comparison
    from bot.discord.services import BotServices

Send = Callable[..., Awaitable[Any]]
CHARTS_KEPT = 256


class Delivery:
    def __init__(self, bot: BotServices):
        self.bot = bot
        # Charts render on one thread of their own: answers in parallel would otherwise render
        # in parallel and starve the event loop (autocomplete) of the interpreter lock.
        self._chart_thread = ThreadPoolExecutor(1, thread_name_prefix="chart")
        self._charts: LRU[bytes] = LRU(CHARTS_KEPT)

    def close(self) -> None:
        self._chart_thread.shutdown(wait=False, cancel_futures=True)

    async def chart(self, card: ScoreCard) -> discord.File:
        """The card's PNG, rendered once per occupation and score model (a small LRU)."""
        assistant = self.bot.assistant
        key = (card.occupation.uri, f"{card.model_version}/{assistant.kb.build_id}")
        png = self._charts.get(key)
        if png is None:
            disruptions = [r.disruption for r in assistant.table()]
            loop = asyncio.get_running_loop()
            png = await loop.run_in_executor(
                self._chart_thread, render_card_chart, card, disruptions
            )
            self._charts.put(key, png)
        return discord.File(io.BytesIO(png), filename=CHART_NAME)

    async def deliver(self, send: Send, result: AskResult, owner_id: int) -> None:
        """Send an answer with ``send`` (a reply or a followup): the answer and its chart, the
        "which job?" menu when ambiguous, or the friendly help when no job was found."""
        if result.status == "not_found" or result.card is None:
            for piece in text_pieces(result.markdown):
                await send(content=piece)
            return
        if result.status == "ambiguous":
            candidates = [(c.label, c.uri) for c in result.resolution.candidates]
            picker = CandidatePicker(
                owner_id, candidates, self.picked, self.bot.settings.discord_choice_timeout
            )
            picker.message = await send(
                content=ambiguous_menu([label for label, _ in candidates]), view=picker
            )
            return
        await self.send_answer(send, result.answer, result.card, owner_id)

    async def send_answer(self, send: Send, answer: Answer, card: ScoreCard, owner_id: int) -> None:
        """The answer, its chart and, under the last message, the follow-up buttons."""
        reply = answer_reply(answer, card)
        chart = await self.chart(card)
        for i, (content, embeds) in enumerate(reply.messages):
            if i == len(reply.messages) - 1:
                buttons = answer_buttons(card.occupation.uri, owner_id)
                await send(content=content, embeds=embeds, file=chart, view=buttons)
            else:
                await send(content=content, embeds=embeds)

    async def comparison_chart(self, a: ScoreCard, b: ScoreCard) -> discord.File:
        """Both cards in one PNG, rendered on the chart thread."""
        loop = asyncio.get_running_loop()
        png = await loop.run_in_executor(self._chart_thread, render_comparison_chart, a, b)
        return discord.File(io.BytesIO(png), filename=COMPARISON_CHART_NAME)

    async def send_comparison(self, send: Send, comparison: Comparison) -> None:
        """Two jobs asked about at once: both cards side by side and one chart."""
        embed = compare_embed(comparison.first, comparison.second)
        chart = await self.comparison_chart(comparison.first, comparison.second)
        embed.set_image(url=f"attachment://{COMPARISON_CHART_NAME}")
        await send(embed=embed, file=chart)

    async def picked(self, interaction: discord.Interaction, uri: str, label: str) -> None:
        """A menu pick: the answer for that occupation, written off the event loop; private
        when the menu was (a private /ask, or someone else's "Not my job?")."""
        send = followup(
            interaction, bool(interaction.message and interaction.message.flags.ephemeral)
        )
        try:
            async with self.bot.busy():
                found = await self.bot.in_worker(
                    self.bot.by_deadline(self.bot.assistant.answer_for), uri
                )
                if found is None:
                    await send(content=PICK_AGAIN.format(label=label))
                    return
                card, answer = found
                await self.send_answer(send, answer, card, interaction.user.id)
        except Exception as exc:
            reply = lambda text: interaction.followup.send(text, ephemeral=True)  # noqa: E731
            await report_failure(reply, exc, f"a menu pick of {uri}")
