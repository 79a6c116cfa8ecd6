"""The real bot process (`nestorbot bot`) pointed at a FakeDiscord, for tests and the bench."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from pathlib import Path

NESTORBOT = Path(sys.executable).parent / "nestorbot"
READY = re.compile(r"nestorbot\.discord: ready as ")


def bot_env(base: dict[str, str], fake_env: dict[str, str], **settings: str) -> dict[str, str]:
    """``base`` (a KB's NESTOR_* variables) with every Discord or LLM setting replaced: the
    fake's URLs and token, quick tests, the deterministic writer, INFO logs."""
    env = {k: v for k, v in base.items() if not k.startswith(("NESTOR_DISCORD_", "NESTOR_LLM_"))}
    env.update(fake_env)
    env.update(NESTOR_LOG_LEVEL="INFO", PYTHONUNBUFFERED="1")
    env.update(settings)
    return env


class BotProcess:
    def __init__(self, env: dict[str, str], workdir: Path, name: str = "bot"):
        self.env = env
        self.workdir = workdir
        self.log_path = workdir / f"{name}.log"
        self.proc: subprocess.Popen | None = None

    def start(self) -> BotProcess:
        self.workdir.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("wb")
        # cwd: an empty folder, so no stray .env is read
        self.proc = subprocess.Popen(
            [str(NESTORBOT), "bot"],
            env=self.env,
            cwd=self.workdir,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        return self

    def log(self) -> str:
        return self.log_path.read_text("utf-8", "replace") if self.log_path.exists() else ""

    def wait_log(self, pattern: re.Pattern | str, timeout: float = 60.0) -> str:
        """Wait until the log matches (checked every 50 ms); fail early if the process dies."""
        regex = re.compile(pattern) if isinstance(pattern, str) else pattern
        deadline = time.monotonic() + timeout
        while True:
            text = self.log()
            found = regex.search(text)
            if found:
                return found.group(0)
            if self.proc is not None and self.proc.poll() is not None:
                raise AssertionError(f"the bot exited ({self.proc.returncode}):\n{text[-3000:]}")
            if time.monotonic() > deadline:
                raise AssertionError(f"no {regex.pattern!r} in the bot log:\n{text[-3000:]}")
            time.sleep(0.05)

    def wait_ready(self, timeout: float = 90.0) -> None:
        self.wait_log(READY, timeout)

    def terminate(self, timeout: float = 20.0) -> int:
        """SIGTERM, then the exit code (killed and failed after ``timeout``)."""
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired as exc:
                self.proc.kill()
                self.proc.wait(10)
                log = self.log()[-3000:]
                raise AssertionError(f"no exit {timeout} s after SIGTERM:\n{log}") from exc
        return self.proc.returncode

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None
