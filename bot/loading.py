"""Loading without the cyclic garbage collector.

Importing the libraries and making the resolver's tables from a build make a few million
long-lived objects (Chroma's and pydantic's classes, label tables, indexes) and next to no
garbage. While they grow, the collector walks them again and again: about 0.2 s of every
start. It is paused for the imports (``bot.cli.main``) and while a build's tables are made
(``Assistant``, at start and on reload), and runs as usual afterwards; opening the build's
files and any knowledge base *build* keep it on (a build makes garbage).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block. The collector is one per process:
    a pause nested in one thread leaves the outer one in force, and whichever pause found it
    on turns it on again; another thread's cyclic garbage waits until then (under a second)."""
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
    ends: frozen objects are never collected again, and an object in a reference cycle is
    then never finalised, so nothing may rely on ``__del__`` to flush data (today the
    answer cache and guild settings commit each write, and Chroma writes on each add)."""
    gc.freeze()
