"""Splitting long Markdown for chat platforms with a per-message limit (Discord: 2,000).

Breaks at line boundaries, then word boundaries, never inside a word (unless one word is
longer than a whole message), and never leaves a code block open: a fence that spans a break
is closed at the end of one piece and reopened, with its language, at the start of the next.
"""

from __future__ import annotations

import re

FENCE = re.compile(r"^\s*```(\S*)")
MAX_LANG = 16  # a code block's language tag, as carried over a break


def split_message(text: str, limit: int = 2000) -> list[str]:
    if limit < 64:
        raise ValueError("limit too small to split sensibly")
    text = text.strip("\n")
    if not text.strip():
        return []
    if len(text) <= limit - 4 and not _ends_in_fence(text):
        return [text]
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    fence: str | None = None  # language of the open code block, if any

    def flush() -> None:
        nonlocal current, size
        body = "".join(current).rstrip("\n")
        if fence is not None:
            body += "\n```"
        if body.strip():
            pieces.append(body)
        current = [f"```{fence}\n"] if fence is not None else []
        size = len(current[0]) if current else 0

    for line in _units(text, limit - 32):
        reserve = 4 if fence is not None or FENCE.match(line) else 0
        if size + len(line) + reserve > limit and current:
            flush()
        current.append(line)
        size += len(line)
        if m := FENCE.match(line):
            fence = None if fence is not None else m.group(1)[:MAX_LANG]
    if current:
        body = "".join(current).rstrip("\n")
        if body.strip() and body.strip() != f"```{fence}".strip():
            pieces.append(body + ("\n```" if fence is not None else ""))
    return pieces


def _ends_in_fence(text: str) -> bool:
    """True when a code block opened in ``text`` is never closed."""
    return sum(1 for line in text.splitlines() if FENCE.match(line)) % 2 == 1


def _units(text: str, max_len: int) -> list[str]:
    """Lines (with their newline); a line longer than ``max_len`` becomes word runs."""
    out: list[str] = []
    for line in text.splitlines(keepends=True):
        if len(line) <= max_len:
            out.append(line)
            continue
        first = len(out)
        run = ""
        for word in re.findall(r"\S+\s*", line):
            while len(word) > max_len:  # one enormous word: no boundary left to use
                if run:
                    out.append(run)
                    run = ""
                out.append(word[:max_len])
                word = word[max_len:]
            if len(run) + len(word) > max_len:
                out.append(run)
                run = ""
            run += word
        if run:
            out.append(run)
        # A cut can put a run of backticks at the start of a line, where it would open a code
        # block that the text never had: a zero-width space keeps it inline.
        for i in range(first + 1, len(out)):
            if out[i].lstrip().startswith("`"):
                out[i] = "\u200b" + out[i]
    return out
