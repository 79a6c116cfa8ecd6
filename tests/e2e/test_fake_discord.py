"""The fake Discord's own rules, without a bot: what it computes must match Discord, or the
end-to-end tests would prove nothing."""

from __future__ import annotations

import time

from support.fake_discord.records import DISCORD_EPOCH_MS, shard_of, snowflake
from support.fake_discord.rules import _choices_problem, _message_problem, _multipart, _pings


def test_snowflakes_encode_time_and_route_to_shards():
    before = int(time.time() * 1000)
    flake = int(snowflake())
    assert abs(((flake >> 22) + DISCORD_EPOCH_MS) - before) < 1000
    assert shard_of(flake, 1) == 0
    assert shard_of(1 << 22, 2) == 1 and shard_of(2 << 22, 2) == 0


def test_pings_follow_allowed_mentions():
    message = {"content": "@everyone see <@123> and <@&9>"}
    users, roles, everyone = _pings(message, None, {})  # absent: everything pings
    assert [u["id"] for u in users] == ["123"] and roles == ["9"] and everyone
    assert _pings(message, {"parse": []}, {}) == ([], [], False)
    users, roles, everyone = _pings(message, {"parse": [], "users": ["123"]}, {})
    assert [u["id"] for u in users] == ["123"] and roles == [] and not everyone
    question = {"id": "5", "author": {"id": "77"}}
    reply = {"content": "hi", "message_reference": {"message_id": "5"}}
    assert [u["id"] for u in _pings(reply, None, {"5": question})[0]] == ["77"]
    assert _pings(reply, {"parse": [], "replied_user": False}, {"5": question})[0] == []


def test_discord_limits():
    assert _message_problem({"content": "x" * 2000}, [], True) is None
    assert _message_problem({"content": "x" * 2001}, [], True)[0] == 50035
    assert _message_problem({}, [], True)[0] == 50006
    assert _message_problem({}, [{"filename": "a.png"}], True) is None
    assert _message_problem({"embeds": [{"description": "d" * 4097}]}, [], True)[0] == 50035
    fields = [{"name": "n", "value": "v"}] * 26
    assert _message_problem({"embeds": [{"fields": fields}]}, [], True)[0] == 50035
    big = [{"description": "d" * 4000}, {"description": "d" * 2001}]
    assert "6000" in _message_problem({"embeds": big}, [], True)[1]
    choice = {"name": "baker", "value": "http://data.europa.eu/esco/occupation/x"}
    assert _choices_problem([choice] * 25) is None
    assert _choices_problem([choice] * 26) is not None
    assert _choices_problem([{"name": "n" * 101, "value": "v"}]) is not None


def test_multipart_bodies_as_discord_py_sends_them():
    raw = (
        b"--XyZ\r\n"
        b'Content-Disposition: form-data; name="payload_json"\r\n'
        b"Content-Type: application/json\r\n\r\n"
        b'{"content": "hi", "attachments": [{"id": 0, "filename": "score.png"}]}\r\n'
        b"--XyZ\r\n"
        b'Content-Disposition: form-data; name="files[0]"; filename="score.png"\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n"
        b"\x89PNG\r\n\x1a\n\x00\x01\r\n"
        b"--XyZ--\r\n"
    )
    body, files = _multipart(raw, "XyZ")
    assert body["content"] == "hi"
    assert files == [
        {
            "field": "files[0]",
            "filename": "score.png",
            "content_type": "application/octet-stream",
            "size": 10,
            "head": b"\x89PNG\r\n\x1a\n",
        }
    ]
