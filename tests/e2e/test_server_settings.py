"""/settings: each server's admins (Manage Server) choose public or private answers, chat
channels and the question cooldown; the choices are kept across a restart. The real bot
process against the fake Discord."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.wording import MANAGE_SERVER_ONLY
from support.fake_discord import FakeDiscord
from support.fake_discord.records import EPHEMERAL
from tests.e2e.conftest import Running, start_bot

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]


@pytest.fixture(scope="module")
def running(kb_env, tmp_path_factory):
    fake = FakeDiscord().start()
    people = {name: fake.user(name) for name in ("admin", "member")}
    data = tmp_path_factory.mktemp("settings-data")
    env = {"NESTOR_DISCORD_MESSAGE_CONTENT": "1",
           "NESTOR_DISCORD_GUILD_SETTINGS": str(data / "guild_settings.sqlite")}  # fmt: skip
    bot = start_bot(fake, kb_env, tmp_path_factory.mktemp("bot-settings"), **env)
    state = Running(fake, bot, people)
    state.people["env"] = env
    state.people["data"] = {"path": str(data)}
    yield state
    state.bot.kill()
    fake.stop()


def said(fake: FakeDiscord, name: str, **options) -> str:
    ix = fake.slash(name, **options)
    ack = fake.wait_ack(ix).body
    assert ack["type"] == 4 and ack["data"]["flags"] & EPHEMERAL  # settings talk privately
    return ack["data"]["content"]


def test_only_the_servers_admins_change_its_settings(running: Running):
    fake = running.fake
    member = fake.member(running.people["member"])
    assert said(fake, "settings answers", member=member, visibility="private") == MANAGE_SERVER_ONLY
    admin = fake.manager(running.people["admin"])
    shown = said(fake, "settings show", member=admin)
    assert "Answers: **public**" in shown


def test_private_answers_for_the_whole_server(running: Running):
    fake = running.fake
    admin = fake.manager(running.people["admin"])
    assert "Answers: **private**" in said(fake, "settings answers", member=admin,
                                            visibility="private")  # fmt: skip
    ix = fake.slash("ask", user=running.people["member"], question="will AI replace bakers?")
    assert fake.wait_ack(ix).body["data"]["flags"] & EPHEMERAL
    own = fake.slash("ask", user=running.people["member"], question="welders", private=False)
    assert not (fake.wait_ack(own).body.get("data") or {}).get("flags", 0) & EPHEMERAL
    fake.wait_followup(own, lambda c: bool(c.files), timeout=60)
    for name, options in (  # every answer about jobs follows the server's choice
        ("top", {"direction": "most", "n": 3}),
        ("related", {"occupation": "welder"}),
        ("compare", {"first": "welder", "second": "baker"}),
    ):
        ix = fake.slash(name, user=running.people["member"], **options)
        assert fake.wait_ack(ix).body["data"]["flags"] & EPHEMERAL, name


def test_a_chat_channel_and_a_cooldown_of_the_servers_own(running: Running):
    fake = running.fake
    admin = fake.manager(running.people["admin"])
    assert "<#" in said(fake, "settings chat-here", member=admin, on=True)
    since = fake.mark()
    question = fake.send_message(running.people["member"], "I'm a plumber")  # no mention
    fake.wait_for(
        lambda r: r.kind == "rest" and r.method == "POST" and r.status == 200
        and str((r.payload.get("message_reference") or {}).get("message_id")) == question["id"],
        60, since, what="an answer in the chat channel",
    )  # fmt: skip
    assert "3600 s" in said(fake, "settings cooldown", member=admin, seconds=3600)
    asker = fake.user("quick")
    for n in range(3):
        fake.wait_ack(fake.slash("ask", user=asker, question=f"nurse {n}"))
    fourth = fake.wait_ack(fake.slash("ask", user=asker, question="nurse")).body
    assert "asking quickly" in fourth["data"]["content"]
    left = int(fourth["data"]["content"].split(" in ")[1].split(" ")[0])
    assert 60 < left <= 3600  # the server's window, not the environment's (0 here)


def test_settings_are_kept_across_a_restart(running: Running, kb_env):
    fake = running.fake
    assert running.bot.terminate() == 0
    running.bot = start_bot(fake, kb_env, Path(running.people["data"]["path"]) / "again",
                            **running.people["env"])  # fmt: skip
    shown = said(fake, "settings show", member=fake.manager(running.people["admin"]))
    assert "Answers: **private**" in shown and "every **3600 s**" in shown and "<#" in shown
