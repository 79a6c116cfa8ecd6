"""Gateway v10: HELLO, IDENTIFY, READY, heartbeats, dispatch, RECONNECT and RESUME."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable

from aiohttp import WSMsgType, web

from support.fake_discord.records import INTENT_GUILDS, Conn, Frame, Session, shard_of


class Gateway:
    # -- gateway ------------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=16 * 1024 * 1024)
        await ws.prepare(request)
        conn = Conn(next(self._conn_numbers), ws, request.path, dict(request.query))
        self._record(
            Frame(
                -1,
                time.monotonic(),
                conn.number,
                "open",
                data={"path": request.path, "query": dict(request.query)},
            )
        )
        await self._send(conn, {"op": 10, "d": {"heartbeat_interval": self.heartbeat_interval}})
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                frame = json.loads(msg.data)
                op, data = frame.get("op"), frame.get("d")
                shard = conn.session.shard if conn.session else None
                self._record(Frame(-1, time.monotonic(), conn.number, "in", shard, op, None, data))
                if op == 1:
                    await self._send(conn, {"op": 11})
                elif op == 2:
                    await self._identify(conn, data)
                elif op == 6:
                    await self._resume(conn, data)
        finally:
            session = conn.session
            if session is not None and session.conn is conn:
                session.conn = None
            self._record(
                Frame(
                    -1,
                    time.monotonic(),
                    conn.number,
                    "close",
                    session.shard if session else None,
                    data={"code": ws.close_code},
                )
            )
        return ws

    async def _send(self, conn: Conn, frame: dict) -> None:
        text = json.dumps(frame)
        shard = conn.session.shard if conn.session else None
        self._record(
            Frame(
                -1,
                time.monotonic(),
                conn.number,
                "out",
                shard,
                frame.get("op"),
                frame.get("t"),
                frame.get("d"),
            )
        )
        await conn.ws.send_str(text)

    async def _identify(self, conn: Conn, data: dict) -> None:
        if data.get("token") != self.token:
            await conn.ws.close(code=4004, message=b"Authentication failed.")
            return
        shard, count = data.get("shard") or [0, 1]
        if not 0 <= shard < count:
            await conn.ws.close(code=4010, message=b"Invalid shard.")
            return
        session = Session(shard, count, int(data.get("intents", 0)))
        self.sessions[session.id] = session
        self.shard_sessions[shard] = session
        session.conn = conn
        conn.session = session
        mine = [g for g in self.guilds if shard_of(g["id"], count) == shard]
        ready = {
            "v": 10,
            "user": self.bot_user,
            "user_settings": {},
            "guilds": [{"id": g["id"], "unavailable": True} for g in mine],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": self.resume_url,
            "shard": [shard, count],
            "application": {"id": self.app_id, "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "geo_ordered_rtc_regions": [],
            "guild_join_requests": [],
            "auth": {},
            "current_location": [],
        }
        await self._dispatch_to(session, "READY", ready)
        if session.intents & INTENT_GUILDS:
            for guild in mine:
                payload = dict(guild, members=[self._bot_member()])
                await self._dispatch_to(session, "GUILD_CREATE", payload)

    async def _resume(self, conn: Conn, data: dict) -> None:
        session = self.sessions.get(data.get("session_id", ""))
        if session is None or data.get("token") != self.token:
            await self._send(conn, {"op": 9, "d": False})
            return
        session.conn = conn
        conn.session = session
        seq = data.get("seq") or 0
        for s, text in list(session.buffer):
            if s > seq:
                frame = json.loads(text)
                self._record(
                    Frame(
                        -1,
                        time.monotonic(),
                        conn.number,
                        "out",
                        session.shard,
                        0,
                        frame["t"],
                        frame["d"],
                    )
                )
                await conn.ws.send_str(text)
        await self._dispatch_to(session, "RESUMED", {})

    async def _dispatch_to(
        self,
        session: Session,
        event: str,
        data: dict,
        before_send: Callable[[], None] | None = None,
    ) -> None:
        session.seq += 1
        frame = {"op": 0, "t": event, "s": session.seq, "d": data}
        text = json.dumps(frame)
        session.buffer.append((session.seq, text))
        del session.buffer[:-2000]
        conn = session.conn
        if conn is None or conn.ws.closed:
            if before_send is not None:
                before_send()  # the interaction exists now: its clock runs
            return  # replayed on RESUME
        frame_record = Frame(
            -1, time.monotonic(), conn.number, "out", session.shard, 0, event, data
        )
        self._record(frame_record)
        if before_send is not None:
            before_send()  # timed right before the write, after any lock
        with contextlib.suppress(ConnectionError):  # if lost, replayed on RESUME
            await conn.ws.send_str(text)

    def _session_for(self, guild_id: str | None) -> Session:
        shard = 0
        if guild_id is not None and self.shard_sessions:
            count = next(iter(self.shard_sessions.values())).count
            shard = shard_of(guild_id, count)
        session = self.shard_sessions.get(shard)
        if session is None:
            raise AssertionError(f"shard {shard} has not identified")
        return session

    def dispatch(self, event: str, data: dict, *, guild_id: str | None = None) -> None:
        """Send a DISPATCH to the shard that owns ``guild_id`` (shard 0 for DMs)."""

        async def go() -> None:
            await self._dispatch_to(self._session_for(guild_id), event, data)

        self._call_in_loop(go())

    def reconnect(self, shard: int = 0) -> None:
        """Op 7 RECONNECT: the client must reconnect to ``resume_gateway_url`` and RESUME."""

        async def go() -> None:
            session = self.shard_sessions[shard]
            assert session.conn is not None, f"shard {shard} is not connected"
            await self._send(session.conn, {"op": 7, "d": None})

        self._call_in_loop(go())

    def drop(self, shard: int = 0) -> None:
        """The gateway drops the connection without warning (close code 4000, "unknown
        error"): the client must reconnect by itself and RESUME."""

        async def go() -> None:
            session = self.shard_sessions[shard]
            assert session.conn is not None, f"shard {shard} is not connected"
            await session.conn.ws.close(code=4000, message=b"Unknown error.")

        self._call_in_loop(go())

    def ready_shards(self) -> dict[int, list]:
        """Shard id -> the ``shard`` field of every READY sent for it."""
        out: dict[int, list] = {}
        for frame in self.frames(direction="out", event="READY"):
            out.setdefault(frame.data["shard"][0], []).append(frame.data["shard"])
        return out
