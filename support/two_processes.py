"""Two real bot processes (shards 0 and 1 of 2) on one data folder and one answer cache,
against one fake Discord: how the product scales past one process (docs/performance.md).

The scenario, shared by ``tests/e2e/test_two_processes.py`` (what must happen) and
``bench/two_processes.py`` (how fast): each process answers a question in its guild (rows in
the shared cache); an operator rebuilds the knowledge base through shard 0's process while a
second build is started from the command line (it must be refused at once); then shard 1's
process must serve the new build by itself, and the other process's cache rows must still be
there.
"""

from __future__ import annotations

import sqlite3
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from support.bot_process import NESTORBOT, BotProcess, bot_env
from support.fake_discord import FakeDiscord
from support.fake_discord.records import shard_of


@dataclass
class TwoProcesses:
    build_before: str
    build_after: str = ""
    reload_reply: str = ""
    second_build_exit: int | None = None
    second_build_output: str = ""
    second_build_seconds: float = 0.0
    follow_seconds: float | None = None  # shard 0 answered "Reloaded" -> shard 1 follows
    status_on_shard1: str = ""  # the build /kb status shows on shard 1 afterwards
    rows_before: dict[str, int] = field(default_factory=dict)  # cache rows per build
    rows_after: dict[str, int] = field(default_factory=dict)
    errors_logged: list[str] = field(default_factory=list)


def _wait(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:g} s for {what}")
        time.sleep(0.05)


def current_build_id(data_dir: Path) -> str:
    return (data_dir / "kb" / "current").resolve().name


def cache_rows(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as con:
        return dict(con.execute("SELECT scope, COUNT(*) FROM answers GROUP BY scope").fetchall())


def run(base_env: dict[str, str], data_dir: Path, workdir: Path, follow_wait: float = 60.0):
    """``base_env`` points at a knowledge base already built in ``data_dir`` (a folder this
    scenario may rebuild)."""
    cache = workdir / "answers.sqlite"
    env = {**base_env, "NESTOR_DATA_DIR": str(data_dir)}
    fake = FakeDiscord(shards=2, guilds=2).start()
    bots: list[BotProcess] = []
    try:
        for shard in (0, 1):
            settings = {
                "NESTOR_ANSWER_CACHE": str(cache),
                "NESTOR_DISCORD_SHARD_COUNT": "2",
                "NESTOR_DISCORD_SHARD_IDS": str(shard),
                "NESTOR_DISCORD_USER_COOLDOWN": "0",
                "NESTOR_DISCORD_RELOAD_COOLDOWN": "0",
            }
            bot = BotProcess(bot_env(env, fake.env(), **settings), workdir, f"shard{shard}")
            bots.append(bot.start())
        for bot in bots:
            bot.wait_ready(120)
        guild = {shard_of(g["id"], 2): g for g in fake.guilds}
        out = TwoProcesses(current_build_id(data_dir))

        for shard, question in ((0, "will AI replace bakers?"), (1, "I'm a welder")):
            ix = fake.slash(
                "ask", user=fake.user(f"asker{shard}"),
                channel=fake.channel(guild=guild[shard]), question=question,
            )  # fmt: skip
            fake.wait_followup(ix, lambda c: bool(c.files), timeout=60)
        out.rows_before = cache_rows(cache)

        owner0 = fake.member(fake.owner, guild=guild[0])
        reload = fake.slash("kb reload", member=owner0, rebuild=True)
        lock = data_dir / "kb" / "build.lock"
        pid = str(bots[0].proc.pid)  # type: ignore[union-attr]
        _wait(lambda: lock.is_file() and lock.read_text().strip() == pid, 60, "shard 0's build")
        started = time.monotonic()
        second = subprocess.run(
            [str(NESTORBOT), "kb", "build"], env=env, capture_output=True, text=True,
            timeout=120, cwd=workdir,
        )  # fmt: skip
        out.second_build_seconds = time.monotonic() - started
        out.second_build_exit = second.returncode
        out.second_build_output = (second.stdout + second.stderr).strip()

        done = fake.wait_followup(reload, timeout=600)
        reloaded_at = done.t
        out.reload_reply = str(done.payload.get("content"))
        out.build_after = current_build_id(data_dir)
        try:
            bots[1].wait_log(f"now {out.build_after}", follow_wait)
            followed_at = time.monotonic()
            out.follow_seconds = max(0.0, followed_at - reloaded_at)
        except AssertionError:
            out.follow_seconds = None
        out.rows_after = cache_rows(cache)

        owner1 = fake.member(fake.owner, guild=guild[1])
        status = fake.slash("kb status", member=owner1, channel=fake.channel(guild=guild[1]))
        shown = fake.wait_ack(status)
        out.status_on_shard1 = shown.body["data"]["embeds"][0]["fields"][0]["value"].strip("`")
        for bot in bots:
            out.errors_logged += [
                line for line in bot.log().splitlines()
                if " ERROR " in line or line.startswith("Traceback")
            ]  # fmt: skip
        return out
    finally:
        for bot in bots:
            if bot.running:
                bot.kill()
        fake.stop()
