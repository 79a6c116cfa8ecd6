"""Start-up without the cyclic collector, and a quick exit (bot/loading.py)."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from bot.loading import collector_paused
from tests.test_cli import REPO


def test_the_collector_is_paused_in_the_block_and_back_on_after_it_even_on_error():
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        with collector_paused():  # a nested pause leaves the outer one in force
            assert not gc.isenabled()
        assert not gc.isenabled()
        raise RuntimeError("a failed load")
    assert gc.isenabled()


def test_a_collector_someone_turned_off_stays_off():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_program_exits_with_the_commands_status_after_freezing_the_heap():
    """``run`` is the console script: main's exit status, and no object left for the last
    collection to walk (each one is frozen)."""
    script = (
        "import gc, atexit, sys\n"
        "from bot.cli import run\n"
        "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 1000, flush=True))\n"
        "sys.argv = ['nestorbot', 'resolve', '--top-k', '0', 'bakers']\n"
        "run()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2, done.stderr
    assert "--top-k must be between 1 and 50" in done.stderr
    assert done.stdout.strip() == "frozen True"


def test_the_console_script_is_run():
    text = (REPO / "pyproject.toml").read_text("utf-8")
    assert 'nestorbot = "bot.cli:run"' in text
