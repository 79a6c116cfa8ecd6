"""Fault injection, loaded at start-up when this folder is on PYTHONPATH: a knowledge-base
build stops just before it writes its store and waits for NESTOR_HOLD_RELEASE to exist, after
touching NESTOR_HOLD_REACHED. A test can then kill the build at a known point, half-way,
instead of racing a fast machine."""

import os
import time
from pathlib import Path

_REACHED = os.environ.get("NESTOR_HOLD_REACHED")
_RELEASE = os.environ.get("NESTOR_HOLD_RELEASE")

if _REACHED and _RELEASE:
    import knowledge.kb as kb

    _write_store = kb.write_store

    def _held(*args, **kwargs):
        Path(_REACHED).touch()
        while not Path(_RELEASE).exists():
            time.sleep(0.05)
        return _write_store(*args, **kwargs)

    kb.write_store = _held
