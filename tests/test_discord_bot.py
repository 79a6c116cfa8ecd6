"""Behaviour of the Discord bot through SimCord (pinned 3.2.1): real discord.py dispatch,
app-command tree, checks, autocomplete and views against an in-memory Discord; the bot's
Assistant is the real one on the session's knowledge base."""

from __future__ import annotations

import asyncio
import os
import threading

import discord
import pytest
import simcord

from bot.app import Assistant
from bot.discord.client import create_bot, slash_names
from bot.discord.errors import Refusal
from bot.settings import Settings
from bot.wording import BUSY, OPERATORS_ONLY, RELOAD_REASONS, RELOAD_RUNNING, RESTARTING
from knowledge.esco import EscoSourceError
from knowledge.kb import BuildInProgress, KnowledgeBaseError

pytestmark = pytest.mark.asyncio

COMMANDS = ["ask", "compare", "kb reload", "kb status", "methodology", "related", "score",
            "settings answers", "settings chat-here", "settings cooldown", "settings show",
            "top"]  # fmt: skip


@pytest.fixture()
def settings(full_settings, tmp_path):
    return full_settings.model_copy(
        update={
            "discord_user_cooldown": 0.0,
            "answer_cache": tmp_path / "answers.sqlite",
            "discord_guild_settings": tmp_path / "guild_settings.sqlite",
        }
    )


def run(bot):
    """SimCord waits for the bot to finish each step; on two shared cores a reload or an
    answer can take many seconds, so it waits up to a minute, not its default five (the bot's
    own background loop is a discord.ext.tasks loop, which SimCord does not wait for)."""
    return simcord.run(bot, shard_count=1, settle_timeout=60.0)


def world(env, *, manager: bool = False):
    guild = env.create_guild()
    channel = guild.create_text_channel("general")
    roles = []
    if manager:
        roles = [guild.create_role("Mods", permissions=discord.Permissions(manage_guild=True))]
    alice = guild.add_member(env.create_user("alice"), roles=roles)
    return guild, channel, alice


def manager_role(guild):
    return guild.create_role("Managers", permissions=discord.Permissions(manage_guild=True))


def grant_kb(env, guild, *who):
    """What a guild's admins do in Integrations settings: show /kb to these roles or people
    (Discord otherwise shows it to Manage Server holders only)."""
    command = env.backend.find_command("kb", None)
    guild.set_command_permissions(int(command["id"]), dict.fromkeys(who, True))


def bot_messages(env):
    """Every message-creating REST call the bot made (channel messages, followups, replies)."""
    return [
        r for r in env.http_requests
        if r.method in ("POST", "PATCH") and ("/messages" in r.path or "/webhooks/" in r.path
                                              or r.path.endswith("/callback"))
    ]  # fmt: skip


def assert_no_pings(env):
    for request in bot_messages(env):
        body = request.json or {}
        data = body.get("data", body) if isinstance(body, dict) else {}
        if isinstance(data, dict) and ("content" in data or "embeds" in data):
            mentions = data.get("allowed_mentions") or {}
            assert mentions.get("parse") == [] and not mentions.get("replied_user"), request
            assert not mentions.get("users") and not mentions.get("roles"), request


def answer_of(result):
    return result.followups[-1] if result.followups else result.response


async def test_commands_are_synced_with_their_contract_names(settings, assistant):
    bot = create_bot(settings, assistant)
    async with run(bot) as env:
        _, channel, alice = world(env)
        assert slash_names(bot) == COMMANDS
        assert set(alice.available_commands(channel)) >= {"ask", "score", "top", "methodology"}


async def test_score_with_autocomplete(settings, assistant):
    bot = create_bot(settings, assistant)
    async with run(bot) as env:
        _, channel, alice = world(env)
        choices = await alice.autocomplete(channel, "score", "occupation", "glazi")
        assert 1 <= len(choices) <= 25
        picked = next(c for c in choices if "plate glass installer" in c["name"])
        typo = await alice.autocomplete(channel, "score", "occupation", "sofware devlop")
        assert any(c["name"] == "software developer" for c in typo)
        result = await alice.slash(channel, "score", occupation=picked["value"])
        message = answer_of(result)
        embed = message.embeds[0]
        assert "plate glass installer" in embed.title
        assert [f.name for f in embed.fields][:5] == [
            "AI Disruption Score", "How the score is made", "Skill vulnerability",
            "Task automation", "AI complementarity",
        ]  # fmt: skip
        assert "generative-AI exposure +" in embed.fields[1].value
        assert embed.image.url == "attachment://score.png"
        assert message.attachments[0].filename == "score.png"
        # free text instead of a suggestion is resolved
        typed = answer_of(await alice.slash(channel, "score", occupation="bakers"))
        assert typed.embeds[0].title.startswith("baker")
        assert_no_pings(env)


async def test_ask_answers_with_embed_chart_and_sections(settings, assistant):
    bot = create_bot(settings, assistant)
    async with run(bot) as env:
        _, channel, alice = world(env)
        result = await alice.slash(channel, "ask", question="will AI replace welders?")
        assert result.acknowledged
        message = answer_of(result)
        embed = message.embeds[0]
        assert embed.title.startswith("Welder")
        for heading in ("What does it do", "How AI is changing this role", "Key takeaways"):
            assert heading in embed.description
        assert "European Commission" in embed.footer.text
        assert message.attachments and message.attachments[0].filename == "score.png"
        assert len(embed) <= 6000 and len(embed.description) <= 4096
        assert_no_pings(env)


async def test_ambiguous_question_offers_a_menu_only_the_asker_can_use(settings, assistant):
    bot = create_bot(settings, assistant)
    async with run(bot) as env:
        guild, channel, alice = world(env)
        bob = guild.add_member(env.create_user("bob"))
        result = await alice.slash(channel, "ask", question="manager")
        menu = answer_of(result)
        assert "not sure which job" in menu.content
        options = menu.components[0]["components"][0]["options"]
        assert 2 <= len(options) <= 5
        refused = await bob.select(menu.message, [options[1]["value"]])
        assert refused.ephemeral and "Only the person who asked" in refused.response.content
        picked = await alice.select(menu.message, [options[1]["value"]])
        answer = answer_of(picked)
        assert answer.embeds and options[1]["label"].lower() in answer.embeds[0].title.lower()


async def test_menu_expires_politely(settings, assistant):
    bot = create_bot(settings.model_copy(update={"discord_choice_timeout": 30.0}), assistant)
    async with run(bot) as env:
        _, channel, alice = world(env)
        menu = answer_of(await alice.slash(channel, "ask", question="manager"))
        await env.advance_time(31)
        assert "expired" in channel.last_message.content or "expired" in (
            env.backend.get_message(menu.channel_id, menu.id).content
        )


async def test_not_found_is_friendly(settings, assistant):
    bot = create_bot(settings, assistant)
    async with run(bot) as env:
        _, channel, alice = world(env)
        result = await alice.slash(channel, "ask", question="what's the weather like?")
        assert "could not find a job" in answer_of(result).content


async def test_mention_and_dm_get_answers_other_messages_do_not(settings, assistant):
    bot = create_bot(settings, assistant)
    async with run(bot) as env:
        _, channel, alice = world(env)
        await alice.send(channel, "will AI replace bakers?")  # not addressed to the bot
        assert channel.last_message.author.id == alice.id
        await alice.send(channel, f"<@{bot.user.id}> will AI replace bakers?")
        reply = channel.last_message
        assert reply.author.id == bot.user.id and reply.embeds
        assert reply.embeds[0].title.startswith("Baker")
        assert reply.reference is not None  # a reply to the question
        await alice.user.send_dm("I work as a plumber")
        dm = alice.user.dm_channel.last_message
        assert dm.author.id == bot.user.id and dm.embeds[0].title.startswith("Plumber")
        assert_no_pings(env)


async def test_rate_limited_person_gets_a_kind_message(settings, assistant):
    """Three questions a minute go through (a follow-up right after the first is answered);
    the fourth gets a polite wait with the time left."""
    update = {"discord_user_cooldown": 60.0, "discord_user_burst": 3}
    bot = create_bot(settings.model_copy(update=update), assistant)
    async with run(bot) as env:
        _, channel, alice = world(env)
        for question in ("nurse", "baker", "welder"):
            answered = await alice.slash(channel, "ask", question=question)
            assert not answered.response.ephemeral or answered.followups, question
        fourth = await alice.slash(channel, "ask", question="nurse")
        assert fourth.ephemeral and "asking quickly" in fourth.response.content
        left = int(fourth.response.content.split(" in ")[1].split(" ")[0])
        # the oldest of the three questions leaves the window first; how long the three took
        # depends on the machine, so only the window bounds the wait
        assert 0 < left <= 60
        assert [type(e).__name__ for e in env.errors] == ["RateLimited"]  # handled, by design


async def test_unexpected_errors_get_an_error_id(settings, assistant, caplog):
    bot = create_bot(settings, assistant)

    async def broken(text):
        raise RuntimeError("injected failure")

    bot.ask = broken  # fault injection
    async with simcord.run(bot, shard_count=1, check_errors=False, settle_timeout=60.0) as env:
        _, channel, alice = world(env)
        result = await alice.slash(channel, "ask", question="nurse")
        message = answer_of(result)
        assert "error `" in message.content  # (a deferred reply cannot turn ephemeral)
        error_id = message.content.split("`")[1]
        assert any(error_id in r.getMessage() for r in caplog.records)


async def test_kb_admin_is_for_operators_not_guild_managers(settings, assistant):
    """Every guild shares one knowledge base: Manage Server is not enough; the application
    owner and a configured admin role are."""
    bot = create_bot(settings.model_copy(update={"discord_reload_cooldown": 0.0}), assistant)
    async with run(bot) as env:
        guild, channel, alice = world(env)
        assert "kb reload" not in alice.available_commands(channel)  # hidden by default perms
        manager = guild.add_member(env.create_user("boss"), roles=[manager_role(guild)])
        ops = guild.create_role("Ops")
        admin = guild.add_member(env.create_user("ops"), roles=[ops])
        owner = guild.add_member(env.create_user("owner"))
        bot.owner_id = owner.id  # what discord.py reads from the application's info
        grant_kb(env, guild, ops, owner)
        bot.settings = bot.settings.model_copy(update={"discord_admin_role_ids": [ops.id]})
        for command in ("kb reload", "kb status"):
            refused = await manager.slash(channel, command)
            assert refused.ephemeral and refused.response.content == OPERATORS_ONLY
        before = assistant.kb.build_id
        by_role = answer_of(await admin.slash(channel, "kb reload"))  # rebuild off by default
        assert by_role.ephemeral and by_role.content.startswith("Reloaded in ")
        assert assistant.kb.build_id == before  # reopened the same build, not a new one
        status = await owner.slash(channel, "kb status")
        assert status.ephemeral and before in status.response.embeds[0].fields[0].value
        assert [type(e).__name__ for e in env.errors] == ["Refusal", "Refusal"]


async def test_kb_reload_cooldown_and_one_at_a_time(settings, assistant):
    bot = create_bot(settings.model_copy(update={"discord_reload_cooldown": 600.0}), assistant)
    async with run(bot) as env:
        guild, channel, _ = world(env)
        owner = guild.add_member(env.create_user("owner"))
        bot.owner_id = owner.id
        grant_kb(env, guild, owner)
        admin = bot.get_cog("KnowledgeBaseAdmin")
        async with admin._reloading:  # a reload is running (SimCord runs one command at a time)
            second = await owner.slash(channel, "kb reload")
        assert second.ephemeral and second.response.content == RELOAD_RUNNING
        done = answer_of(await owner.slash(channel, "kb reload"))
        assert done.content.startswith("Reloaded in ")
        third = await owner.slash(channel, "kb reload")
        assert third.ephemeral
        assert third.response.content.startswith("The knowledge base was reloaded recently")
        left = int(third.response.content.split(" in ")[1].split(" ")[0])
        assert 590 <= left <= 600
        assert [type(e).__name__ for e in env.errors] == ["Refusal", "Refusal"]  # both handled


async def test_failed_kb_reload_says_why_in_one_line_without_paths(
    settings, assistant, monkeypatch
):
    """Four kinds of failure, one after the other: a failed reload does not use up the
    cooldown (600 s here), so each is tried and answered."""
    bot = create_bot(settings.model_copy(update={"discord_reload_cooldown": 600.0}), assistant)
    failures = [
        (EscoSourceError("cannot read /srv/secret/occupations_en.csv"), RELOAD_REASONS["source"]),
        (BuildInProgress(4242), "another build is running (pid 4242)"),
        (KnowledgeBaseError("cannot write under /srv/secret/kb"), RELOAD_REASONS["refused"]),
        (RuntimeError("/srv/secret/thing broke"), RELOAD_REASONS["unexpected"]),
    ]
    before = assistant.kb.build_id
    async with run(bot) as env:
        guild, channel, _ = world(env)
        owner = guild.add_member(env.create_user("owner"))
        bot.owner_id = owner.id
        grant_kb(env, guild, owner)
        for error, reason in failures:

            def failing(error=error, **kwargs):  # fault injection
                raise error

            monkeypatch.setattr(assistant, "reload", failing)
            reply = answer_of(await owner.slash(channel, "kb reload", rebuild=True))
            assert reply.ephemeral
            assert reply.content.startswith(f"Reload failed: {reason}. Still serving `{before}`")
            assert "/srv" not in reply.content and "\n" not in reply.content
        assert assistant.kb.build_id == before


async def test_top_compare_related_methodology(settings, assistant):
    bot = create_bot(settings, assistant)
    async with run(bot) as env:
        _, channel, alice = world(env)
        top = answer_of(await alice.slash(channel, "top", direction="most", n=5, isco_group="7"))
        lines = top.embeds[0].description.splitlines()
        assert len(lines) == 5
        bad = await alice.slash(channel, "top", direction="least", isco_group="x1")
        assert bad.ephemeral and "1 to 4 digits" in bad.response.content
        assert [type(e).__name__ for e in env.errors] == ["Refusal"]  # handled, by design
        cmp_ = answer_of(await alice.slash(channel, "compare", first="baker", second="welder"))
        assert cmp_.embeds[0].title == "baker vs welder"
        rel = answer_of(
            await alice.slash(channel, "related", occupation="industrial production manager")
        )
        assert rel.embeds[0].fields and "shares" in rel.embeds[0].fields[0].value
        meth = answer_of(await alice.slash(channel, "methodology"))
        assert meth.embeds[0].title == "How NestorBot scores jobs"


async def test_drain_waits_for_work_in_flight_and_refuses_new_work(settings, assistant):
    """Shutdown's drain: False while an answer is still being written (after its timeout),
    new work refused with the restarting message meanwhile, True once the answer is done."""
    bot = create_bot(settings, assistant)
    entered, release = asyncio.Event(), asyncio.Event()

    async def answer_in_progress():
        async with bot.busy():
            entered.set()
            await release.wait()

    async with run(bot):
        task = asyncio.create_task(answer_in_progress())
        await entered.wait()
        assert await bot.drain(0.05) is False  # gave up waiting: the answer is in flight
        with pytest.raises(Refusal) as refused:
            async with bot.busy():
                pass
        assert str(refused.value) == RESTARTING
        release.set()
        await task
        assert await bot.drain(5) is True


async def test_lookups_have_their_own_allowance(settings, assistant):
    """/score, /compare, /related and /top count against a per-person lookup allowance (20 a
    minute by default): the third lookup here is refused kindly; autocomplete is not counted."""
    bot = create_bot(settings.model_copy(update={"discord_lookup_burst": 2}), assistant)
    async with run(bot) as env:
        _, channel, alice = world(env)
        for _ in range(3):
            choices = await alice.autocomplete(channel, "score", "occupation", "bak")
            assert choices
        assert answer_of(await alice.slash(channel, "score", occupation="baker")).embeds
        assert answer_of(await alice.slash(channel, "top", direction="most", n=3)).embeds
        third = await alice.slash(channel, "related", occupation="baker")
        assert third.ephemeral and "asking quickly" in third.response.content
        assert [type(e).__name__ for e in env.errors] == ["RateLimited"]


async def test_answers_waiting_for_a_worker_are_bounded(settings, assistant):
    """One worker, room for one waiting answer: a third is told the bot is busy at once,
    instead of joining a queue with no end."""
    update = {"discord_concurrency": 1, "discord_queue_limit": 1}
    bot = create_bot(settings.model_copy(update=update), assistant)
    release = threading.Event()
    async with run(bot):
        running = asyncio.create_task(bot.in_worker(release.wait, 60))
        while not bot.work.locked():
            await asyncio.sleep(0.01)
        waiting = asyncio.create_task(bot.in_worker(lambda: "second"))
        while bot._waiting < 1:
            await asyncio.sleep(0.01)
        with pytest.raises(Refusal) as busy:
            await bot.in_worker(lambda: "third")
        assert str(busy.value) == BUSY
        release.set()
        assert await running is True and await waiting == "second"
        assert await bot.in_worker(lambda: "after") == "after"  # the queue drained


async def test_the_bot_follows_a_build_swapped_in_elsewhere(subset_dir, tmp_path, caplog):
    """Bot processes sharing one data folder follow one `kb build`: at its next check (every
    2 s here) the bot serves the build ``current`` points to; a build that does not open is
    reported once, however many checks see it, and the working one stays."""
    small = Settings(
        esco_source=subset_dir, data_dir=tmp_path / "data", titles_file="",
        answer_cache=tmp_path / "answers.sqlite", discord_kb_follow_seconds=2.0,
        discord_guild_settings=tmp_path / "guild_settings.sqlite",
    )  # fmt: skip
    serving = Assistant(small, progress=False)
    other = Assistant(small, progress=False)  # another process on the same folder
    before = serving.kb.build_id
    config = serving.config
    broken = config.root / "builds" / "20990101T000000-broken"
    broken.mkdir()
    (broken / "manifest.json").write_text("{ not json")
    bot = create_bot(small, serving)
    async with run(bot) as env:
        os.symlink(broken, config.root / ".current-test")
        os.replace(config.root / ".current-test", config.current)  # what a swap does
        checks = bot._follower.current_loop
        await env.advance_time(5)
        assert bot._follower.current_loop >= checks + 2  # the broken build seen twice ...
        assert serving.kb.build_id == before
        reported = [r for r in caplog.records if "does not open here" in r.getMessage()]
        assert len(reported) == 1  # ... and reported once
        new = await asyncio.to_thread(other.reload)  # builds and swaps in a new build
        assert new.build_id != before and serving.kb.build_id == before
        await env.advance_time(3)
        assert serving.kb.build_id == new.build_id
