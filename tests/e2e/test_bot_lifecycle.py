"""The bot process's life: automatic sharding (two shards), SIGTERM, and refusing to start
without a valid token. Real `nestorbot bot` processes against our fake Discord."""

from __future__ import annotations

import signal
import subprocess

import pytest

from bot.wording import RESTARTING
from support.bot_process import NESTORBOT, bot_env
from support.fake_discord import FakeDiscord
from support.fake_discord.records import EPHEMERAL, shard_of
from support.openai_server import FakeOpenAI, Reply
from tests.e2e.conftest import Running, start_bot

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]


@pytest.fixture(scope="module")
def running(kb_env, tmp_path_factory):
    fake = FakeDiscord(shards=2, guilds=2).start()  # GET /gateway/bot says 2 shards
    # DEBUG: discord.py then logs every URL it calls, interaction tokens included (redacted)
    bot = start_bot(fake, kb_env, tmp_path_factory.mktemp("bot-shards"), NESTOR_LOG_LEVEL="DEBUG")
    yield Running(fake, bot)
    bot.kill()
    fake.stop()


def test_two_shards_identify_and_answer_in_their_guilds(running: Running):
    fake = running.fake
    routes = [c.route for c in fake.rest()]
    assert routes.count("GET /gateway/bot") == 1
    first_open = fake.frames(direction="open")[0]
    assert fake.rest("GET /gateway/bot")[0].t < first_open.t
    identifies = fake.frames(direction="in", op=2)
    assert sorted(f.data["shard"] for f in identifies) == [[0, 2], [1, 2]]
    assert len({f.conn for f in identifies}) == 2  # one socket per shard
    assert fake.ready_shards() == {0: [[0, 2]], 1: [[1, 2]]}  # READY carries "shard"
    for frame in fake.frames(direction="out", event="GUILD_CREATE"):
        assert frame.shard == shard_of(frame.data["id"], 2)
    assert "ready as NestorBot in 2 guilds, 2 shards" in running.bot.log()

    alice = fake.user("alice")
    assert {shard_of(g["id"], 2) for g in fake.guilds} == {0, 1}  # one guild on each shard
    for guild in fake.guilds:
        shard = shard_of(guild["id"], 2)
        ix = fake.slash("score", user=alice, channel=fake.channel(guild=guild), occupation="baker")
        assert ix.shard == shard
        sent = fake.frames(direction="out", event="INTERACTION_CREATE")
        assert next(f for f in sent if f.data["id"] == ix.id).shard == shard
        assert fake.wait_ack(ix).body["type"] == 5
        answer = fake.wait_followup(ix, lambda c: bool(c.files))
        assert answer.payload["embeds"][0]["title"].startswith("baker")
        assert answer.response["guild_id"] == guild["id"]
    since = fake.mark()
    question = fake.send_dm(alice, "will AI replace bakers?")  # DMs go to shard 0
    delivered = fake.frames(since, direction="out", event="MESSAGE_CREATE")
    assert [f.shard for f in delivered] == [0]
    reply = fake.wait_for(
        lambda r: (
            r.kind == "rest"
            and r.path == f"/channels/{question['channel_id']}/messages"
            and r.status == 200
        ),
        20,
        since,
        what="the DM reply",
    )
    assert reply.files


def test_debug_log_never_holds_an_interaction_token(running: Running):
    """At DEBUG discord.py logs the callback and webhook URLs it calls; each carries the
    interaction's token, which lets anyone answer as the bot. The log keeps the ids only."""
    fake = running.fake
    ix = fake.slash("score", user=fake.user("logged"), occupation="welder")
    assert fake.wait_ack(ix).body["type"] == 5
    fake.wait_followup(ix, lambda c: bool(c.files))
    running.bot.wait_log(r"/webhooks/\d+/\[redacted\]", timeout=20)  # fails if never logged
    text = running.bot.log()
    assert f"/interactions/{ix.id}/[redacted]" in text  # the callback was logged, redacted
    assert ix.token not in text and fake.token not in text


def test_sigterm_closes_every_shard_and_exits_0(running: Running):
    fake, bot = running.fake, running.bot
    assert bot.running
    # A round trip through the gateway and back: the bot's event loop has finished whatever
    # earlier tests left in flight (this test is about an idle bot; see the next one).
    barrier = fake.autocomplete("score", "occupation", "bak", user=fake.user("last"))
    assert fake.wait_ack(barrier).body["type"] == 8
    since = fake.mark()
    code = bot.terminate(timeout=20)  # None if it had not exited by then
    assert code == 0, bot.log()[-3000:]
    closed = fake.frames(since, direction="close")
    assert sorted(f.shard for f in closed) == [0, 1]
    assert all(f.data["code"] == 1000 for f in closed), [f.data for f in closed]
    log = bot.log()
    assert "shutting down" in log and "Traceback" not in log


def test_sigterm_lets_an_answer_in_progress_finish(kb_env, tmp_path):
    """SIGTERM arrives while the LLM is still writing (it has the request, and answers 3 s
    later): the answer is delivered before the process exits."""
    fake = FakeDiscord().start()
    llm = FakeOpenAI().start()
    llm.script = lambda body: Reply("a draft without our sections", delay=3)
    bot = start_bot(
        fake, kb_env, tmp_path, NESTOR_LLM_BASE_URL=llm.base_url, NESTOR_LLM_RETRIES="0"
    )
    try:
        ix = fake.slash("ask", user=fake.user("late"), question="will AI replace bakers?")
        assert fake.wait_ack(ix).body["type"] == 5
        fake.wait_until(lambda: len(llm.requests) >= 1, timeout=60)  # the answer is in progress
        assert not ix.followups
        code = bot.terminate(timeout=40)
        assert code == 0, bot.log()[-3000:]
        assert any(f.status == 200 and f.files for f in ix.followups), "the answer was lost"
        assert "shutting down: finishing answers in progress" in bot.log()
        assert Running(fake, bot).errors_logged() == []
    finally:
        bot.kill()
        fake.stop()
        llm.stop()


def test_drain_refuses_new_work_then_gives_up_after_its_timeout(kb_env, tmp_path):
    """SIGTERM while an answer waits on an LLM that will not answer in time: new questions
    get the polite "restarting" refusal while the bot drains, and after the drain timeout the
    process exits anyway (code 0, a warning in the log) instead of hanging."""
    fake = FakeDiscord().start()
    llm = FakeOpenAI().start()
    llm.script = lambda body: Reply("a draft without our sections", delay=90)
    bot = start_bot(
        fake,
        kb_env,
        tmp_path,
        NESTOR_LLM_BASE_URL=llm.base_url,
        NESTOR_LLM_RETRIES="0",
        NESTOR_LLM_TIMEOUT="120",
        NESTOR_DISCORD_DRAIN_SECONDS="8",
    )
    try:
        stuck = fake.slash("ask", user=fake.user("late"), question="will AI replace bakers?")
        assert fake.wait_ack(stuck).body["type"] == 5
        fake.wait_until(lambda: len(llm.requests) >= 1, timeout=60)
        bot.proc.send_signal(signal.SIGTERM)
        bot.wait_log("shutting down: finishing answers in progress", timeout=20)
        newcomer = fake.slash("score", user=fake.user("new"), occupation="baker")
        refusal = fake.wait_ack(newcomer)
        assert refusal.body["type"] == 4 and refusal.body["data"]["flags"] & EPHEMERAL
        assert refusal.body["data"]["content"] == RESTARTING
        assert bot.proc.wait(60) == 0
        log = bot.log()
        assert "shutting down with answers still in progress" in log
        assert "Traceback" not in log
    finally:
        bot.kill()
        fake.stop()
        llm.stop()


def test_missing_token_exits_2_with_one_clear_line(kb_env, tmp_path):
    env = {k: v for k, v in kb_env.items() if not k.startswith("NESTOR_DISCORD_")}
    proc = subprocess.run(
        [str(NESTORBOT), "bot"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("nestorbot: error: no Discord token: set NESTOR_DISCORD_TOKEN")
    assert proc.stdout == ""


def test_rejected_token_exits_2_without_connecting(kb_env, tmp_path):
    fake = FakeDiscord(token="the-real-token").start()
    try:
        env = bot_env(
            kb_env,
            dict(fake.env(), NESTOR_DISCORD_TOKEN="a-wrong-token"),
            NESTOR_LOG_LEVEL="WARNING",
            NESTOR_ANSWER_CACHE=str(tmp_path / "answers.sqlite"),
        )
        proc = subprocess.run(
            [str(NESTORBOT), "bot"],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=90,
        )
        assert proc.returncode == 2, proc.stderr[-3000:]
        last = proc.stderr.strip().splitlines()[-1]
        assert last == "nestorbot: error: Discord rejected the token (NESTOR_DISCORD_TOKEN)"
        assert "Traceback" not in proc.stderr and "a-wrong-token" not in proc.stderr
        assert [(c.route, c.status) for c in fake.rest()] == [("GET /users/@me", 401)]
        assert fake.frames(direction="open") == []
    finally:
        fake.stop()
