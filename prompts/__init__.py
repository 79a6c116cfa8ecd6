"""Prompts: the answer for one score card. Templates and token budget (``template``), the LLM
transport (``llm``), the grounding check (``grounding``), the deterministic writer
(``deterministic``), the cache (``cache``), and ``writer``, which puts them together.

The person's message never reaches this package: it sees a ``CardContext`` only.

tiktoken looks for its encoding files in ``TIKTOKEN_CACHE_DIR`` and would otherwise download
them; the folder is set here, before anything can import tiktoken, and filled offline from the
quicktok-v1 package on first use (``prompts.tokens``).
"""

import os
from pathlib import Path

os.environ.setdefault(
    "TIKTOKEN_CACHE_DIR",
    str(Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "nestorbot" / "tiktoken"),
)
