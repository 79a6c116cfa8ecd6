"""Behaviour of the Discord bot through SimCord (pinned 3.2.1): real discord.py dispatch,
app-command tree, checks, autocomplete and views against an in-memory Discord; the bot's
Assistant is the real one on the session's knowledge base."""

from __future__ import annotations

import discord
import pytest
import simcord

from bot.discord.client import create_bot, slash_names

pytestmark = pytest.mark.asyncio

COMMANDS = ["ask", "compare", "kb reload", "kb status", "methodology", "related", "score", "top"]


@pytest.fixture()
def settings(full_settings, tmp_path):
    return full_settings.model_copy(
        update={"discord_user_cooldown": 0.0, "answer_cache": tmp_path / "answers.sqlite"}
    )


def run(bot):
    return simcord.run(bot, shard_count=1)


def world(env, *, manager: bool = False):
    guild = env.create_guild()
    channel = guild.create_text_channel("general")
    roles = []
    if manager:
        roles = [guild.create_role("Mods", permissions=discord.Permissions(manage_guild=True))]
    alice = guild.add_member(env.create_user("alice"), roles=roles)
    return guild, channel, alice


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
    bot = create_bot(settings.model_copy(update={"discord_user_cooldown": 60.0}), assistant)
    async with run(bot) as env:
        _, channel, alice = world(env)
        await alice.slash(channel, "ask", question="nurse")
        second = await alice.slash(channel, "ask", question="nurse")
        assert second.ephemeral and "asking quickly" in second.response.content
        assert [type(e).__name__ for e in env.errors] == ["RateLimited"]  # handled, by design


async def test_unexpected_errors_get_an_error_id(settings, assistant, caplog):
    bot = create_bot(settings, assistant)

    async def broken(text):
        raise RuntimeError("injected failure")

    bot.ask = broken  # fault injection
    async with simcord.run(bot, shard_count=1, check_errors=False) as env:
        _, channel, alice = world(env)
        result = await alice.slash(channel, "ask", question="nurse")
        message = answer_of(result)
        assert "error `" in message.content  # (a deferred reply cannot turn ephemeral)
        error_id = message.content.split("`")[1]
        assert any(error_id in r.getMessage() for r in caplog.records)


async def test_kb_reload_needs_an_admin(settings, assistant):
    bot = create_bot(settings, assistant)
    async with run(bot) as env:
        guild, channel, alice = world(env)
        assert "kb reload" not in alice.available_commands(channel)  # hidden by default perms
        boss = guild.add_member(
            env.create_user("boss"),
            roles=[
                guild.create_role("Managers", permissions=discord.Permissions(manage_guild=True))
            ],
        )
        before = assistant.kb.build_id
        result = await boss.slash(channel, "kb reload", rebuild=False)
        message = answer_of(result)
        assert message.ephemeral and "Reloaded" in message.content
        assert assistant.kb.build_id == before  # reopened the same build
        status = await boss.slash(channel, "kb status")
        assert status.ephemeral and before in status.response.embeds[0].fields[0].value


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
