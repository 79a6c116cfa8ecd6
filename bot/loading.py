"""Loading without the cyclic garbage collector.

Importing the libraries and opening a build make a few million long-lived objects (label
tables, indexes, Chroma's and pydantic's classes) and next to no garbage. While they grow, the
collector walks them again and again: about 0.2 s of every start. It is paused while they are
made and runs as usual afterwards; a knowledge base *build* keeps it on (it makes garbage).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (nested pauses are fine)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def spare_final_collection() -> None:
    """The process is about to end: move every object out of the collector's reach, so the
    interpreter's last collection does not walk the whole loaded knowledge base (0.2 s of
    every command) only to free memory the OS takes back anyway. Only for a process that
    ends: frozen objects are never collected again."""
    gc.freeze()
