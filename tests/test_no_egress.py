"""Building and resolving make no network connection other than loopback.

Two independent guards: the commands run in a network namespace that has only loopback
(``unshare -rn``, when the machine allows it), and a start-up hook records every non-loopback
connect or DNS look-up any Python process attempts (so even a failure that the code would
swallow, like a telemetry ping, is caught). The run waits a few seconds after resolving,
because onnxruntime's telemetry would fire a few seconds into the process.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

GUARD = Path(__file__).resolve().parent / "egress_guard"
REPO = Path(__file__).resolve().parent.parent


def _unshare_prefix() -> list[str]:
    if shutil.which("unshare"):
        probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True)
        if probe.returncode == 0:
            return ["unshare", "-rn"]
    return []


def test_build_and_resolve_stay_offline(tmp_path, subset_dir):
    log = tmp_path / "egress.log"
    env = {k: v for k, v in os.environ.items() if k != "ORT_DISABLE_TELEMETRY"}
    env.update(
        PYTHONPATH=os.pathsep.join([str(GUARD), str(REPO)]),
        NESTOR_EGRESS_LOG=str(log),
        NESTOR_ESCO_SOURCE=str(subset_dir),
        NESTOR_DATA_DIR=str(tmp_path / "data"),
        NESTOR_TITLES_FILE="",
        HF_HUB_OFFLINE="0",
    )
    script = (
        "import sys, time\n"
        "from bot.cli import main\n"
        "rc = main(['kb', 'build', '--quiet'])\n"
        "rc = rc or main(['resolve', '--json', 'will AI replace bakers?'])\n"
        # background threads (telemetry, if anything tried) get until they finish, or 8 s
        "import threading\n"
        "deadline = time.monotonic() + 8\n"
        "while threading.active_count() > 1 and time.monotonic() < deadline:\n"
        "    time.sleep(0.1)\n"
        "sys.exit(rc)\n"
    )
    prefix = _unshare_prefix()
    proc = subprocess.run(
        [*prefix, sys.executable, "-c", script],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert '"status"' in proc.stdout
    attempts = log.read_text() if log.exists() else ""
    assert attempts == "", f"network egress attempted:\n{attempts}"


def test_the_guard_catches_a_real_attempt(tmp_path):
    """The guard itself works: an HTTP request to a public host is recorded and refused."""
    log = tmp_path / "egress.log"
    env = dict(os.environ, PYTHONPATH=str(GUARD), NESTOR_EGRESS_LOG=str(log))
    script = (
        "import urllib.request\n"
        "try:\n"
        "    urllib.request.urlopen('http://example.com', timeout=3)\n"
        "except OSError:\n"
        "    pass\n"
    )
    subprocess.run([sys.executable, "-c", script], env=env, timeout=60, check=True)
    assert "example.com" in log.read_text()
