"""End-to-end fixtures: our fake Discord on loopback and the real `nestorbot bot` process.

A module starts one fake and one bot process (module-scoped fixtures) and its tests share
them; every test checks afterwards that the fake recorded no protocol violation (limits,
allowed_mentions, unknown routes, late or double callbacks) and that the bot logged no error.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from support.bot_process import BotProcess, bot_env
from support.fake_discord import FakeDiscord


@dataclass
class Running:
    fake: FakeDiscord
    bot: BotProcess
    people: dict[str, dict] = field(default_factory=dict)

    def errors_logged(self, since: int = 0) -> list[str]:
        lines = self.bot.log()[since:].splitlines()
        return [
            line
            for line in lines
            if " ERROR " in line or " CRITICAL " in line or line.startswith("Traceback")
        ]


def start_bot(
    fake: FakeDiscord, base_env: dict[str, str], workdir: Path, **settings: str
) -> BotProcess:
    """The real process, pointed at ``fake``, started and waited for (READY + on_ready)."""
    workdir.mkdir(parents=True, exist_ok=True)
    settings.setdefault("NESTOR_ANSWER_CACHE", str(workdir / "answers.sqlite"))
    settings.setdefault("NESTOR_DISCORD_GUILD_SETTINGS", str(workdir / "guild_settings.sqlite"))
    settings.setdefault("NESTOR_DISCORD_USER_COOLDOWN", "0")
    bot = BotProcess(bot_env(base_env, fake.env(), **settings), workdir).start()
    try:
        bot.wait_ready(120)
    except BaseException:
        bot.kill()
        raise
    return bot


@pytest.fixture(scope="session")
def kb_env(cli_env) -> dict[str, str]:
    """The session's built knowledge base, as environment variables for the bot process."""
    return cli_env


@pytest.fixture(autouse=True)
def _discord_rules(request) -> Iterator[None]:
    """After each test using ``running``: no protocol violation, no error in the bot's log."""
    if "running" not in request.fixturenames:
        yield
        return
    running: Running = request.getfixturevalue("running")
    violations = len(running.fake.violations)
    log_size = len(running.bot.log())
    yield
    new = running.fake.violations[violations:]
    assert not new, f"protocol violations: {new}"
    errors = running.errors_logged(log_size)
    assert not errors, "the bot logged errors:\n" + "\n".join(errors)
