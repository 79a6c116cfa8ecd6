"""Pure helpers of the chat adapter: message splitting, cooldowns, the ID-list settings."""

from __future__ import annotations

import random

import pytest

from bot.limits import Cooldown, RateLimit
from bot.settings import Settings
from bot.split import split_message

FENCE = "```"


def _random_markdown(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 40)):
        kind = rng.random()
        if kind < 0.2:
            lang = rng.choice(["", "py", "json"])
            body = "\n".join(
                f"x = {i}  # " + "y" * rng.randint(0, 120) for i in range(rng.randint(1, 60))
            )
            parts.append(f"{FENCE}{lang}\n{body}\n{FENCE}")
        elif kind < 0.25:
            parts.append("z" * rng.randint(1, 5000))  # one enormous word
        else:
            words = [rng.choice(["AI", "glazier", "skills", "score", "*bold*", "-", "café"])
                     for _ in range(rng.randint(1, 400))]  # fmt: skip
            parts.append(" ".join(words))
    return "\n\n".join(parts)


@pytest.mark.parametrize("seed", range(40))
def test_split_properties(seed):
    rng = random.Random(seed)
    text = _random_markdown(rng)
    limit = rng.choice([200, 500, 2000])
    pieces = split_message(text, limit)
    assert all(0 < len(p) <= limit for p in pieces)
    assert all(sum(line.lstrip().startswith(FENCE) for line in p.splitlines()) % 2 == 0
               for p in pieces)  # fmt: skip

    # nothing lost: the words come back in order (fences added at breaks aside)
    def words(s):  # (a zero-width space may guard backticks at the start of a cut)
        return [w for w in s.replace("\u200b", "").split() if not w.startswith(FENCE)]

    joined = [w for p in pieces for w in words(p)]
    original = words(text)
    assert "".join(joined) == "".join(original)


def test_split_prefers_line_breaks_and_keeps_short_text_whole():
    assert split_message("hello") == ["hello"]
    assert split_message("   \n ") == []
    text = "\n".join(f"line {i} " + "w" * 50 for i in range(100))
    pieces = split_message(text, 500)
    assert all(p.endswith(tuple("w0123456789")) for p in pieces)
    assert all(line.startswith("line ") for p in pieces for line in p.splitlines())


def test_cooldown_per_person():
    now = [100.0]
    cooldown = Cooldown(10, clock=lambda: now[0])
    assert cooldown.retry_after("alice") == 0
    assert cooldown.retry_after("alice") == pytest.approx(10)
    assert cooldown.retry_after("bob") == 0
    now[0] += 10
    assert cooldown.retry_after("alice") == 0
    assert Cooldown(0).retry_after("x") == 0 and Cooldown(0).retry_after("x") == 0


def test_burst_then_wait_with_the_time_left():
    """Three questions a minute: the second and third right after the first go through, the
    fourth waits until the first is a minute old; refusals do not count as questions."""
    now = [0.0]
    limit = RateLimit(3, 60, clock=lambda: now[0])
    assert [limit.retry_after("alice") for _ in range(3)] == [0, 0, 0]
    now[0] = 20.0
    assert limit.retry_after("alice") == pytest.approx(40)
    assert limit.retry_after("alice") == pytest.approx(40)  # a refusal is not counted
    assert limit.retry_after("bob") == 0
    now[0] = 60.0
    # all three questions of t=0 have left the window: a new burst of three, then a wait
    assert [limit.retry_after("alice") for _ in range(3)] == [0, 0, 0]
    assert limit.retry_after("alice") == pytest.approx(60)
    limit.refund("alice")  # the last question did not go through after all
    assert limit.retry_after("alice") == 0 and limit.retry_after("alice") == pytest.approx(60)


def test_id_lists_from_environment(monkeypatch):
    monkeypatch.setenv("NESTOR_DISCORD_ADMIN_USER_IDS", "1, 2,3")
    monkeypatch.setenv("NESTOR_DISCORD_CHAT_CHANNEL_IDS", "[4, 5]")
    settings = Settings()
    assert settings.discord_admin_user_ids == [1, 2, 3]
    assert settings.discord_chat_channel_ids == [4, 5]
    assert settings.discord_admin_role_ids == []
    # one shard id per process (a two-process deployment); it used to be read as JSON: 0
    monkeypatch.setenv("NESTOR_DISCORD_SHARD_IDS", "0")
    assert Settings().discord_shard_ids == [0]
    monkeypatch.setenv("NESTOR_DISCORD_SHARD_IDS", "")
    assert Settings().discord_shard_ids == []  # every shard


def test_discord_token_from_file_never_in_repr(tmp_path, monkeypatch):
    secret = tmp_path / "token"
    secret.write_text("very-secret-token\n")
    monkeypatch.setenv("NESTOR_DISCORD_TOKEN_FILE", str(secret))
    settings = Settings()
    assert settings.discord_secret() == "very-secret-token"
    monkeypatch.setenv("NESTOR_DISCORD_TOKEN", "env-token")
    settings = Settings()
    assert settings.discord_secret() == "env-token" and "env-token" not in repr(settings)


def test_server_settings_are_kept_and_a_hand_edited_row_reads_as_unset(tmp_path):
    import sqlite3

    from bot.guild_settings import GuildSettings, GuildSettingsStore

    path = tmp_path / "guild_settings.sqlite"
    store = GuildSettingsStore(path)
    assert store.get(None) == GuildSettings() and store.get(5) == GuildSettings()
    store.update(5, private=True, chat_channels=(7, 8))
    store.update(5, cooldown=30.0)  # one change keeps the others
    store.close()
    again = GuildSettingsStore(path)
    assert again.get(5) == GuildSettings(private=True, cooldown=30.0, chat_channels=(7, 8))
    assert again.get(6) == GuildSettings()  # another server is untouched
    again.close()
    with sqlite3.connect(path) as con:
        edited = '{"private": "yes", "cooldown": [1], "chat_channels": ["x", 9]}'
        con.execute("UPDATE guild_settings SET settings = ? WHERE guild_id = 5", (edited,))
    assert GuildSettingsStore(path).get(5) == GuildSettings(chat_channels=(9,))


def test_server_settings_on_a_read_only_folder_are_kept_in_memory(tmp_path):
    from bot.guild_settings import GuildSettings, GuildSettingsStore

    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    store = GuildSettingsStore(blocked / "guild_settings.sqlite")  # cannot be created
    assert store.update(5, private=True) == GuildSettings(private=True)
    assert store.get(5).private is True
