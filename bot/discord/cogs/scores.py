"""Score commands: /ask, /score (autocomplete over every ESCO label), /compare, /top,
/related, /methodology. Each defers at once, then works off the event loop."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.buttons import answer_buttons
from bot.discord.errors import Refusal
from bot.discord.render import (
    BAND_COLOURS,
    card_embed,
    compare_embed,
    methodology_embed,
    moves_embed,
)
from bot.discord.sending import followup
from bot.wording import NO_SUCH_OCCUPATION
from prompts.context import ATTRIBUTION
from prompts.numbers import fmt
from scoring.card import ScoreCard

if TYPE_CHECKING:
    from bot.discord.services import BotServices

ESCO_URI = re.compile(r"^http://data\.europa\.eu/esco/occupation/[0-9a-f-]{36}$")
AUTOCOMPLETE_CHOICES = 25


class ScoreCommands(commands.Cog):
    def __init__(self, bot: BotServices):
        self.bot = bot

    # -- helpers -------------------------------------------------------------------------------

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Every lookup counts against the person's lookup allowance (``/ask`` has its own,
        smaller one for questions): a flood of /score or /compare cannot crowd out others."""
        if interaction.command is not None and interaction.command.name != "ask":
            self.bot.check_lookup_limit(interaction.user.id)
        return True

    async def occupation_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Cannot be deferred (3 s). Runs in the lookup threads, never on the event loop, and
        sheds load: with too many suggestions already being worked out (a flood of keystrokes)
        it answers with no suggestions at once rather than delay everyone's acknowledgements."""
        found = await self.bot.suggest(current, AUTOCOMPLETE_CHOICES)
        return [app_commands.Choice(name=s.name, value=s.uri) for s in found]

    async def card_for(self, value: str) -> ScoreCard:
        """A picked suggestion (an ESCO URI) or whatever was typed, resolved."""
        if ESCO_URI.match(value):
            card = self.bot.assistant.card(value)
            if card is not None:
                return card
        scored = await self.bot.quick(self.bot.assistant.score, value)
        if scored.card is None:
            # After a public defer this reply is public whatever flag it carries (Discord edits
            # the "thinking" message), so it never repeats what was typed.
            raise Refusal(NO_SUCH_OCCUPATION)
        return scored.card

    # -- commands ------------------------------------------------------------------------------

    @app_commands.command(name="ask", description="Will AI replace this job? Ask in your words.")
    @app_commands.describe(
        question='For example: "will AI replace glaziers?" or "nurse vs paramedic"',
        private="Only you see the answer",
    )
    async def ask(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, 500],
        private: bool | None = None,
    ) -> None:
        self.bot.check_cooldown(interaction.user.id, interaction.guild_id)
        if private is None:  # not said: this server's setting
            private = self.bot.private_answers(interaction.guild_id)
        send = followup(interaction, private)
        async with self.bot.busy():
            await interaction.response.defer(thinking=True, ephemeral=private)
            comparison = await self.bot.quick(self.bot.assistant.compare, question)
            if comparison is not None:  # two jobs in one question: side by side
                await self.bot.delivery.send_comparison(send, comparison)
                return
            result = await self.bot.ask(question)
            await self.bot.delivery.deliver(send, result, interaction.user.id)

    @app_commands.command(name="score", description="The AI disruption score of an occupation.")
    @app_commands.describe(occupation="Start typing a job title", private="Only you see it")
    async def score(
        self,
        interaction: discord.Interaction,
        occupation: app_commands.Range[str, 1, 200],
        private: bool | None = None,
    ) -> None:
        if private is None:
            private = self.bot.private_answers(interaction.guild_id)
        async with self.bot.busy():
            await interaction.response.defer(thinking=True, ephemeral=private)
            card = await self.card_for(occupation)
            await interaction.followup.send(
                embed=card_embed(card),
                file=await self.bot.delivery.chart(card),
                view=answer_buttons(card.occupation.uri, interaction.user.id),
                ephemeral=private,
            )

    @score.autocomplete("occupation")
    async def _score_autocomplete(self, interaction, current: str):
        return await self.occupation_autocomplete(interaction, current)

    @app_commands.command(name="compare", description="Two occupations side by side.")
    @app_commands.describe(first="Start typing a job title", second="Start typing another")
    async def compare(
        self,
        interaction: discord.Interaction,
        first: app_commands.Range[str, 1, 200],
        second: app_commands.Range[str, 1, 200],
    ) -> None:
        private = self.bot.private_answers(interaction.guild_id)  # this server's setting
        await interaction.response.defer(thinking=True, ephemeral=private)
        a, b = await self.card_for(first), await self.card_for(second)
        await interaction.followup.send(embed=compare_embed(a, b), ephemeral=private)

    @compare.autocomplete("first")
    async def _first_autocomplete(self, interaction, current: str):
        return await self.occupation_autocomplete(interaction, current)

    @compare.autocomplete("second")
    async def _second_autocomplete(self, interaction, current: str):
        return await self.occupation_autocomplete(interaction, current)

    @app_commands.command(name="top", description="The most or least disrupted occupations.")
    @app_commands.describe(
        direction="most or least disrupted",
        n="how many (1-25)",
        isco_group="only within this ISCO-08 group, e.g. 7 or 7125",
    )
    async def top(
        self,
        interaction: discord.Interaction,
        direction: Literal["most", "least"],
        n: app_commands.Range[int, 1, 25] = 10,
        isco_group: str | None = None,
    ) -> None:
        group = (isco_group or "").strip()
        if group and not re.fullmatch(r"\d{1,4}", group):
            raise Refusal("The ISCO-08 group is 1 to 4 digits, for example 7 or 7125.")
        private = self.bot.private_answers(interaction.guild_id)
        await interaction.response.defer(thinking=True, ephemeral=private)
        rows = self.bot.assistant.top(direction == "most", n, group)
        if not rows:
            await interaction.followup.send(
                f"No ESCO occupation is in ISCO-08 group {group}.", ephemeral=private
            )
            return
        lines = [
            f"{i}. {r.label}: **{fmt(r.disruption)}** ({r.band})" for i, r in enumerate(rows, 1)
        ]
        where = f" in ISCO-08 group {group}" if group else ""
        embed = discord.Embed(
            title=f"The {len(rows)} {direction} disrupted occupations{where}",
            description="\n".join(lines)[:4096],
            colour=BAND_COLOURS["very high" if direction == "most" else "low"],
        )
        embed.set_footer(text=ATTRIBUTION)
        await interaction.followup.send(embed=embed, ephemeral=private)

    @app_commands.command(name="related", description="Safer occupations that share skills.")
    @app_commands.describe(occupation="Start typing a job title")
    async def related(
        self, interaction: discord.Interaction, occupation: app_commands.Range[str, 1, 200]
    ) -> None:
        private = self.bot.private_answers(interaction.guild_id)
        await interaction.response.defer(thinking=True, ephemeral=private)
        card = await self.card_for(occupation)
        await interaction.followup.send(embed=moves_embed(card), ephemeral=private)

    @related.autocomplete("occupation")
    async def _related_autocomplete(self, interaction, current: str):
        return await self.occupation_autocomplete(interaction, current)

    @app_commands.command(name="methodology", description="How the scores are made and checked.")
    async def methodology(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        embed = methodology_embed()
        table = await self.bot.validation_table()
        if table is None:
            await interaction.followup.send(embed=embed)
            return
        embed.add_field(
            name="Validation",
            value="Spearman rho of each factor against published measures (ILO, IMF, Felten, "
            "Frey-Osborne, Eloundou, Microsoft, Anthropic...), overall and within ISCO major "
            "group, fitted and held-out parts: see the attached table.",
            inline=False,
        )
        file = discord.File(io.BytesIO(table.encode()), filename="validation.txt")
        await interaction.followup.send(embed=embed, file=file)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(ScoreCommands(bot))
