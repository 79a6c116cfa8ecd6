"""The "which job do you mean?" menu: a select with the candidates; only the person who asked
can pick; it expires politely."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence

import discord

from bot.wording import NOT_ON_THE_MENU

log = logging.getLogger("nestorbot.discord")
EXPIRED = "This choice has expired. Ask again any time."


class CandidatePicker(discord.ui.View):
    def __init__(
        self,
        owner_id: int,
        candidates: Sequence[tuple[str, str]],  # (label, uri)
        on_pick: Callable[[discord.Interaction, str, str], Awaitable[None]],
        timeout: float,
    ):
        super().__init__(timeout=timeout)
        self.owner_id = owner_id
        self.on_pick = on_pick
        self.message: discord.Message | None = None
        self.labels = {uri: label for label, uri in candidates}
        select = discord.ui.Select(
            placeholder="Pick the job you mean",
            options=[
                discord.SelectOption(label=label[:100], value=uri[:100])
                for label, uri in candidates[:25]
            ],
        )
        select.callback = self._picked
        self.select = select
        self.add_item(select)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id != self.owner_id:
            await interaction.response.send_message(
                "Only the person who asked can pick here; ask your own question with /ask.",
                ephemeral=True,
            )
            return False
        return True

    async def _picked(self, interaction: discord.Interaction) -> None:
        uri = self.select.values[0]
        if uri not in self.labels:  # a forged value: only what was offered is accepted
            await interaction.response.send_message(NOT_ON_THE_MENU, ephemeral=True)
            return
        self.stop()
        self.select.disabled = True
        await interaction.response.edit_message(
            content=f"You picked **{self.labels[uri]}**.", view=self
        )
        await self.on_pick(interaction, uri, self.labels[uri])

    async def on_timeout(self) -> None:
        self.select.disabled = True
        if self.message is not None:
            try:
                await self.message.edit(content=EXPIRED, view=self)
            except discord.HTTPException:
                log.info("could not mark an expired choice on message %s", self.message.id)
