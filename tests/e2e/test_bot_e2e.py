"""The real `nestorbot bot` process against our fake Discord, over real loopback sockets:
login, command sync, gateway, chat, slash commands, autocomplete, menus, admin checks, 429s,
the 3-second deadline under load, RECONNECT/RESUME. One bot process serves the module."""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request

import pytest

from bot.wording import NO_SUCH_OCCUPATION, NOT_ON_THE_MENU, OPERATORS_ONLY
from support.fake_discord import FakeDiscord
from support.fake_discord.records import (
    EPHEMERAL,
    MANAGE_GUILD,
    percentile,
    snowflake,
)
from tests.e2e.conftest import Running, start_bot

pytestmark = [pytest.mark.slow, pytest.mark.timeout(90)]

ESCO_URI = re.compile(r"^http://data\.europa\.eu/esco/occupation/[0-9a-f-]{36}$")
PNG = b"\x89PNG\r\n\x1a\n"
MESSAGES = "POST /channels/{id}/messages"


@pytest.fixture(scope="module")
def running(kb_env, tmp_path_factory):
    fake = FakeDiscord().start()
    people = {name: fake.user(name) for name in ("alice", "bob", "carol", "dave", "erin")}
    people["ops_role"] = {"id": snowflake()}  # a role the operators configured as admin
    bot = start_bot(
        fake,
        kb_env,
        tmp_path_factory.mktemp("bot-e2e"),
        NESTOR_DISCORD_ADMIN_USER_IDS=people["carol"]["id"],  # carol: admin by user id
        NESTOR_DISCORD_ADMIN_ROLE_IDS=people["ops_role"]["id"],
        NESTOR_DISCORD_RELOAD_COOLDOWN="0",  # the cooldown has its own test (test_discord_bot)
    )
    yield Running(fake, bot, people)
    try:
        assert bot.terminate() == 0, bot.log()[-3000:]
    finally:
        bot.kill()
        fake.stop()


def reply_to(fake: FakeDiscord, message: dict, since: int, timeout: float = 20.0):
    """The bot's accepted reply (with the chart) to a person's message."""
    return fake.wait_for(
        lambda r: (
            r.kind == "rest"
            and r.route == MESSAGES
            and r.status == 200
            and bool(r.files)
            and str((r.payload.get("message_reference") or {}).get("message_id")) == message["id"]
        ),
        timeout,
        since,
        what=f"a reply to {message['content']!r}",
    )


def assert_png(call) -> None:
    assert [f["filename"] for f in call.files] == ["score.png"]
    assert bytes(call.files[0]["head"]) == PNG and call.files[0]["size"] > 1000
    attachments = call.payload.get("attachments") or []
    assert [a["filename"] for a in attachments] == ["score.png"]


def assert_no_pings(call) -> None:
    assert call.payload["allowed_mentions"]["parse"] == []
    message = call.response.get("resource", {}).get("message", call.response)
    assert message["mentions"] == [] and message["mention_roles"] == []
    assert message["mention_everyone"] is False


# -- start-up -----------------------------------------------------------------------------------


def test_logs_in_identifies_and_syncs_the_contract_commands(running: Running):
    fake = running.fake
    routes = [c.route for c in fake.rest()]
    login = ["GET /users/@me", "GET /oauth2/applications/@me"]
    assert routes[:2] == login, routes[:5]
    sync = routes.index("PUT /applications/{id}/commands")
    assert sync > 1 and "GET /gateway/bot" in routes  # AutoShardedBot asks for its shards
    opened = fake.frames(direction="open")[0]
    assert opened.data["path"] == "/gateway"
    assert opened.data["query"]["v"] == "10" and opened.data["query"]["encoding"] == "json"
    identify = fake.frames(direction="in", op=2)[0].data
    assert identify["token"] == fake.token and identify["shard"] == [0, 1]
    intents = identify["intents"]
    assert intents & 1 and intents & (1 << 9) and intents & (1 << 12)  # guilds, messages, DMs
    assert not intents & (1 << 15)  # no privileged message content without chat channels
    assert fake.ready_shards() == {0: [[0, 1]]}
    assert fake.frames(direction="in", op=1), "no heartbeat"
    assert fake.frames(direction="out", op=11), "heartbeat not acknowledged"

    commands = {c["name"]: c for c in fake.commands[None]}
    assert sorted(commands) == [
        "ask", "compare", "kb", "methodology", "related", "score", "settings", "top",
    ]  # fmt: skip
    kb = commands["kb"]
    assert sorted(o["name"] for o in kb["options"]) == ["reload", "status"]
    assert kb["default_member_permissions"] == str(1 << 5)  # Manage Server
    server = commands["settings"]
    assert sorted(o["name"] for o in server["options"]) == [
        "answers", "chat-here", "cooldown", "show",
    ]  # fmt: skip
    assert server["default_member_permissions"] == str(1 << 5)  # the server's admins
    occupation = commands["score"]["options"][0]
    assert occupation["name"] == "occupation" and occupation["autocomplete"] is True
    top = {o["name"]: o for o in commands["top"]["options"]}
    assert [c["value"] for c in top["direction"]["choices"]] == ["most", "least"]
    assert {"n", "isco_group"} <= set(top)


# -- chat -----------------------------------------------------------------------------------------


def test_mention_gets_a_reply_with_embed_and_chart(running: Running):
    fake, alice = running.fake, running.people["alice"]
    since = fake.mark()
    question = fake.send_message(alice, "will AI replace bakers?", mention_bot=True)
    reply = reply_to(fake, question, since)
    typing = fake.rest("POST /channels/{id}/typing", since)
    assert typing and typing[0].t < reply.t  # the typing indicator came first
    embed = reply.payload["embeds"][0]
    assert embed["title"].startswith("Baker")
    assert embed["image"]["url"] == "attachment://score.png"
    assert embed["fields"][0]["name"] == "AI Disruption Score"
    assert_png(reply)
    assert str(reply.payload["message_reference"]["channel_id"]) == question["channel_id"]
    assert reply.payload["allowed_mentions"] == {"parse": [], "replied_user": False}
    assert_no_pings(reply)
    assert reply.response["attachments"][0]["filename"] == "score.png"


def test_direct_message_gets_an_answer(running: Running):
    fake, bob = running.fake, running.people["bob"]
    since = fake.mark()
    question = fake.send_dm(bob, "I work as a plumber, will AI take my job?")
    assert "guild_id" not in question
    reply = reply_to(fake, question, since)
    assert reply.path == f"/channels/{question['channel_id']}/messages"  # in the DM
    assert reply.payload["embeds"][0]["title"].startswith("Plumber")
    assert_png(reply)
    assert_no_pings(reply)


def test_messages_not_addressed_to_the_bot_are_ignored(running: Running):
    fake, alice = running.fake, running.people["alice"]
    random = fake.channel("random")
    since = fake.mark()
    ignored = fake.send_message(alice, "will AI replace bakers?", channel=random)
    delivered = fake.frames(since, direction="out", event="MESSAGE_CREATE")
    assert [f.data["id"] for f in delivered] == [ignored["id"]]  # the bot did receive it
    # A later, addressed message is answered; by then the first would have had its answer.
    question = fake.send_message(alice, "will AI replace welders?", mention_bot=True)
    reply_to(fake, question, since)
    touched = [c for c in fake.rest(since=since) if random["id"] in c.path]
    assert touched == []
    references = [
        str((c.payload.get("message_reference") or {}).get("message_id"))
        for c in fake.bot_messages(since)
    ]
    assert ignored["id"] not in references


def test_mention_does_not_log_an_error(running: Running):
    fake, dave = running.fake, running.people["dave"]
    since, log_size = fake.mark(), len(running.bot.log())
    question = fake.send_message(dave, "will AI replace welders?", mention_bot=True)
    reply_to(fake, question, since)
    errors = [line for line in running.bot.log()[log_size:].splitlines() if " ERROR " in line]
    assert errors == []


# -- slash commands -------------------------------------------------------------------------------


def test_score_with_autocomplete(running: Running):
    fake, alice = running.fake, running.people["alice"]
    typed = fake.autocomplete("score", "occupation", "glazi", user=alice)
    callback = fake.wait_ack(typed, timeout=5)
    assert callback.status == 200 and callback.body["type"] == 8
    assert typed.ack_ms is not None and typed.ack_ms < 3000  # Discord's own deadline
    choices = callback.body["data"]["choices"]
    assert 1 <= len(choices) <= 25
    assert all(ESCO_URI.match(c["value"]) for c in choices)
    picked = next(c for c in choices if "plate glass installer" in c["name"])

    ix = fake.slash("score", user=alice, occupation=picked["value"])
    ack = fake.wait_ack(ix, timeout=5)
    assert ack.status == 200 and ack.body["type"] == 5 and ix.ack_ms < 3000
    answer = fake.wait_followup(ix, lambda c: bool(c.files))
    embed = answer.payload["embeds"][0]
    assert "plate glass installer" in embed["title"]
    assert [f["name"] for f in embed["fields"]][:5] == [
        "AI Disruption Score",
        "How the score is made",
        "Skill vulnerability",
        "Task automation",
        "AI complementarity",
    ]
    assert_png(answer)
    assert_no_pings(answer)
    # The first followup replaced the "thinking" message, as on Discord.
    assert answer.response["id"] == ix.response_message_id
    assert len(typed.attempts) == 1 and len(ix.attempts) == 1


def test_ask_is_deferred_then_answered_by_followup(running: Running):
    fake, bob = running.fake, running.people["bob"]
    ix = fake.slash("ask", user=bob, question="will AI replace welders?")
    ack = fake.wait_ack(ix, timeout=5)
    assert ack.body["type"] == 5 and ix.ack_ms < 3000  # "thinking", within the deadline
    assert ack.response["interaction"]["response_message_loading"] is True
    answer = fake.wait_followup(ix, lambda c: bool(c.files))
    assert answer.path == f"/webhooks/{fake.app_id}/{ix.token}"
    assert answer.query["wait"] in ("1", "true")  # the message object is wanted back
    embed = answer.payload["embeds"][0]
    assert embed["title"].startswith("Welder")
    for heading in ("What does it do", "How AI is changing this role", "Key takeaways"):
        assert heading in embed["description"]
    assert "European Commission" in embed["footer"]["text"]
    assert_png(answer)
    assert_no_pings(answer)


def test_ambiguous_question_menu_for_the_asker_only(running: Running):
    fake, alice, bob = running.fake, running.people["alice"], running.people["bob"]
    ix = fake.slash("ask", user=alice, question="manager")
    assert fake.wait_ack(ix).body["type"] == 5
    menu_call = fake.wait_followup(ix, lambda c: bool(c.payload.get("components")))
    assert "not sure which job" in menu_call.payload["content"]
    menu = menu_call.response
    select = menu["components"][0]["components"][0]
    assert select["type"] == 3
    options = select["options"]
    assert 2 <= len(options) <= 25 and all(ESCO_URI.match(o["value"]) for o in options)

    refused = fake.select(menu, [options[1]["value"]], user=bob)
    refusal = fake.wait_ack(refused)
    assert refusal.body["type"] == 4
    assert refusal.body["data"]["flags"] & EPHEMERAL
    assert "Only the person who asked" in refusal.body["data"]["content"]

    picked = fake.select(menu, [options[1]["value"]], user=alice)
    update = fake.wait_ack(picked)
    assert update.body["type"] == 7  # the menu message is updated in place
    assert "You picked" in update.body["data"]["content"]
    assert update.body["data"]["components"][0]["components"][0]["disabled"] is True
    answer = fake.wait_followup(picked, lambda c: bool(c.files))
    title = answer.payload["embeds"][0]["title"].lower()
    assert options[1]["label"].lower() in title
    assert_png(answer)
    assert not refused.followups  # the refused person got nothing else


HOSTILE_TEXT = "[free nitro](https://evil.example/claim) zzqxv"


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("score", {"occupation": HOSTILE_TEXT}),
        ("compare", {"first": HOSTILE_TEXT, "second": "baker"}),
        ("related", {"occupation": HOSTILE_TEXT}),
    ],
)
def test_typed_text_is_never_echoed_into_a_public_reply(running: Running, command, options):
    """After a public defer Discord makes the first followup public whatever its flag (the
    fake enforces it), so a "not found" reply must not repeat what was typed: no live link."""
    fake = running.fake
    ix = fake.slash(command, user=running.people["dave"], **options)
    assert fake.wait_ack(ix).body["type"] == 5  # public "thinking"
    reply = fake.wait_followup(ix)
    message = reply.response
    assert not message["flags"] & EPHEMERAL  # public, as on Discord
    assert message["content"] == NO_SUCH_OCCUPATION
    for part in ("evil.example", "free nitro", "zzqxv", "]("):
        assert part not in json.dumps(reply.payload)


def test_a_forged_menu_value_is_refused_privately_and_not_echoed(running: Running):
    fake, alice = running.fake, running.people["alice"]
    ix = fake.slash("ask", user=alice, question="manager")
    menu = fake.wait_followup(ix, lambda c: bool(c.payload.get("components"))).response
    forged = fake.select(menu, ["https://evil.example/@everyone"], user=alice, forged=True)
    refusal = fake.wait_ack(forged)
    assert refusal.body["type"] == 4 and refusal.body["data"]["flags"] & EPHEMERAL
    assert refusal.body["data"]["content"] == NOT_ON_THE_MENU
    assert not forged.followups
    options = menu["components"][0]["components"][0]["options"]
    picked = fake.select(menu, [options[0]["value"]], user=alice)  # the menu still works
    assert fake.wait_ack(picked).body["type"] == 7
    fake.wait_followup(picked, lambda c: bool(c.files))


def test_kb_reload_allowed_for_operators_only(running: Running):
    """The application's owner (from GET /oauth2/applications/@me) and a configured admin user
    may reload; the shared knowledge base is not any guild's to manage."""
    fake = running.fake
    owner = fake.member(fake.owner)  # owns the application, holds no guild permission
    for who in ({"member": owner}, {"user": running.people["carol"]}):  # carol: admin by id
        ix = fake.slash("kb reload", rebuild=False, **who)
        ack = fake.wait_ack(ix)
        assert ack.body["type"] == 5 and ack.body["data"]["flags"] & EPHEMERAL
        done = fake.wait_followup(ix, timeout=60)
        assert done.payload["content"].startswith("Reloaded in ")
        assert done.response["flags"] & EPHEMERAL  # private to the admin
    status = fake.slash("kb status", member=owner)
    shown = fake.wait_ack(status)
    assert shown.body["type"] == 4 and shown.body["data"]["flags"] & EPHEMERAL
    build = shown.body["data"]["embeds"][0]["fields"][0]["value"]
    assert build.strip("`") in done.payload["content"]


def test_kb_reload_allowed_by_admin_role_in_an_uncached_guild(running: Running):
    """The configured admin role counts from the interaction's payload, even where the bot
    never received the guild (and so has no cached roles)."""
    fake = running.fake
    elsewhere = fake.uncached_channel()
    admin = fake.member(fake.user("ops"), roles=[running.people["ops_role"]["id"]])
    ix = fake.slash("kb reload", member=admin, channel=elsewhere, rebuild=False)
    ack = fake.wait_ack(ix)
    if ack.body["type"] == 5:
        fake.wait_followup(ix, timeout=60)
    assert ack.body["type"] == 5, ack.body["data"].get("content")


@pytest.mark.parametrize("command", ["kb reload", "kb status"])
def test_kb_refused_for_a_guild_manager_and_a_member(running: Running, command: str):
    fake = running.fake
    boss = fake.manager(fake.user("boss"))  # Manage Server in this guild: not an operator
    assert int(boss["permissions"]) & MANAGE_GUILD
    before = running.bot.log()
    since = fake.mark()
    for who in ({"member": boss}, {"user": running.people["erin"]}):
        ix = (
            fake.slash(command, rebuild=False, **who)
            if command == "kb reload"
            else (fake.slash(command, **who))
        )
        refusal = fake.wait_ack(ix)
        assert refusal.body["type"] == 4
        assert refusal.body["data"]["flags"] == EPHEMERAL
        assert refusal.body["data"]["content"] == OPERATORS_ONLY
        assert "embeds" not in refusal.body["data"] or not refusal.body["data"]["embeds"]
        assert ix.followups == []
    assert running.bot.log()[len(before) :].count(f"{command} refused for") == 2
    assert not [c for c in fake.rest(since=since) if "/webhooks/" in c.path]


# -- Discord's rules and faults -------------------------------------------------------------------


def test_429_on_a_message_is_retried_then_delivered(running: Running):
    fake, alice = running.fake, running.people["alice"]
    fake.inject("POST", r"^/channels/\d+/messages$", 429, retry_after=0.4)
    since = fake.mark()
    question = fake.send_message(alice, "will AI replace accountants?", mention_bot=True)
    reply = reply_to(fake, question, since)
    attempts = fake.rest(MESSAGES, since)
    assert [c.status for c in attempts] == [429, 200]
    assert attempts[0].files and attempts[1].files  # the chart was sent again
    assert bytes(attempts[1].files[0]["head"]) == PNG
    assert attempts[1].t - attempts[0].t >= 0.4  # waited retry_after
    assert reply is attempts[1]
    assert "We are being rate limited" in running.bot.log()


def test_ten_simultaneous_asks_all_acknowledged_within_3_seconds(running: Running):
    fake = running.fake
    questions = [
        "will AI replace bakers?",
        "nurse",
        "welder",
        "accountant",
        "plumber",
        "software developer",
        "glazier",
        "electrician",
        "teacher",
        "cook",
    ]
    burst = [
        fake.slash_interaction("ask", user=fake.user(f"user{n}"), question=q)
        for n, q in enumerate(questions)
    ]
    fake.send_interactions(burst)  # back to back, on one socket
    for ix in burst:
        ack = fake.wait_ack(ix, timeout=5)
        assert ack.status == 200 and ack.body["type"] == 5, (ix.name, ack.status, ack.response)
    acks = [ix.ack_ms for ix in burst]
    assert max(acks) < 3000, acks
    for ix in burst:
        final = fake.wait_followup(ix, lambda c: bool(c.files) or "content" in c.payload, 30)
        assert final.status == 200
    assert all(len(ix.attempts) == 1 for ix in burst)
    print(f"ack p50 {percentile(acks, 50):.1f} ms, max {max(acks):.1f} ms")


def test_fake_rejects_late_and_double_acknowledgements(running: Running):
    """The fake's own rules, checked through the bot's real traffic: a second callback to an
    answered interaction is 400 code 40060; after the deadline, 404 code 10062."""
    fake, alice = running.fake, running.people["alice"]
    ix = fake.slash("methodology", user=alice)
    fake.wait_ack(ix)
    fake.wait_followup(ix)
    url = f"{fake.api_base}/interactions/{ix.id}/{ix.token}/callback?with_response=1"

    def post() -> tuple[int, dict]:
        body = json.dumps(
            {"type": 4, "data": {"content": "again", "allowed_mentions": {"parse": []}}}
        ).encode()
        request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read())

    assert post() == (400, {"message": "Interaction has already been acknowledged.", "code": 40060})
    late = fake.slash_interaction("methodology", user=alice)
    with fake._lock:
        fake.interactions[late.id] = late
    late.sent_at = time.monotonic() - fake.deadline - 0.1  # never dispatched to the bot
    url = f"{fake.api_base}/interactions/{late.id}/{late.token}/callback?with_response=1"
    status, body = post()
    assert (status, body["code"]) == (404, 10062)
    assert len(fake.take_violations("^late callback")) == 1  # recorded (and expected here)


def test_reconnect_then_resume_keeps_answering(running: Running):
    fake, bob = running.fake, running.people["bob"]
    session = fake.shard_sessions[0]
    seen = session.seq  # the last sequence number the client has
    since = fake.mark()
    fake.reconnect(0)
    # Dispatched right after op 7: the client no longer reads the old socket, so this must
    # come again, replayed after RESUME on the new one.
    during = fake.slash("score", user=bob, occupation="baker")
    fake.wait_for(
        lambda r: r.kind == "gateway" and r.direction == "out" and r.event == "RESUMED",
        15,
        since,
        what="RESUMED",
    )
    resume = fake.frames(since, direction="in", op=6)[0]
    assert resume.data["session_id"] == session.id and resume.data["token"] == fake.token
    assert resume.data["seq"] == seen
    opened = fake.frames(since, direction="open")
    assert len(opened) == 1 and opened[0].data["path"] == "/resume"  # resume_gateway_url
    assert resume.conn == opened[0].conn
    assert fake.frames(since, direction="in", op=2) == []  # no new IDENTIFY
    closed = fake.frames(since, direction="close")
    assert closed and closed[0].t < opened[0].t
    replayed = fake.frames(since, direction="out", event="INTERACTION_CREATE", conn=resume.conn)
    assert [f.data["id"] for f in replayed] == [during.id]
    assert fake.wait_ack(during, 10).body["type"] == 5
    assert fake.wait_followup(during, lambda c: bool(c.files)).status == 200
    after = fake.slash("ask", user=bob, question="will AI replace glaziers?")
    assert fake.wait_ack(after).body["type"] == 5
    answer = fake.wait_followup(after, lambda c: bool(c.files))
    title = answer.payload["embeds"][0]["title"].lower()
    assert title.startswith(("plate glass installer", "vehicle glazier")), title
    assert fake.shard_sessions[0] is session  # the same session, resumed


def test_dropped_gateway_connection_resumes_and_nothing_is_lost(running: Running):
    fake, bob = running.fake, running.people["bob"]
    session = fake.shard_sessions[0]
    since = fake.mark()
    fake.drop(0)
    fake.wait_for(
        lambda r: r.kind == "gateway" and r.direction == "out" and r.event == "RESUMED",
        30,
        since,
        what="RESUMED after a dropped connection",
    )
    resume = fake.frames(since, direction="in", op=6)[0]
    assert resume.data["session_id"] == session.id
    ix = fake.slash("score", user=bob, occupation="welder")
    assert fake.wait_ack(ix).body["type"] == 5
    followup = fake.wait_followup(ix, timeout=30)
    assert followup.status == 200 and followup.payload["embeds"][0]["title"].startswith("welder")
