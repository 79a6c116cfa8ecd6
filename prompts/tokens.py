"""Offline token counting with tiktoken.

tiktoken downloads its BPE files on first use, which cannot work here. The ``quicktok-v1``
package ships the same vocabularies (byte-identical once converted, checked by SHA-256), so
we write them once into a cache folder in tiktoken's own layout and point
``TIKTOKEN_CACHE_DIR`` at it before tiktoken reads it.
"""

from __future__ import annotations

import base64
import hashlib
import os
import struct
import threading
from functools import cache
from importlib import resources
from pathlib import Path

ENCODING = "o200k_base"
# Per encoding: quicktok's file, the sha1 of tiktoken's download URL (its cache file name),
# and the SHA-256 of OpenAI's original file.
FILES = {
    "o200k_base": (
        "o200k.vocab",
        "fb374d419588a4632f3f557e76b4b70aebbca790",
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    ),
    "cl100k_base": (
        "cl100k.vocab",
        "9b5ad71b2ce5302211f9c61530b329a4922fc6a4",
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    ),
}
_lock = threading.Lock()


class TokenizerUnavailable(RuntimeError):
    """The encoding files are neither cached nor convertible from quicktok-v1."""


def convert_quicktok(data: bytes) -> bytes:
    """quicktok's binary vocabulary (u32 count, then [u16 len][bytes][u32 rank]) -> tiktoken's."""
    (count,) = struct.unpack_from("<I", data, 0)
    pos, lines = 4, []
    for _ in range(count):
        (length,) = struct.unpack_from("<H", data, pos)
        token = data[pos + 2 : pos + 2 + length]
        (rank,) = struct.unpack_from("<I", data, pos + 2 + length)
        pos += 6 + length
        lines.append(base64.b64encode(token) + b" " + str(rank).encode())
    return b"\n".join(lines) + b"\n"


def prepare_cache(cache_dir: Path | None = None, encoding: str = ENCODING) -> Path:
    """Make sure tiktoken finds ``encoding`` offline; returns the folder used.

    The folder is ``cache_dir``, else ``TIKTOKEN_CACHE_DIR`` (set when ``prompts`` is imported)."""
    source, cached_name, sha256 = FILES[encoding]
    folder = cache_dir or Path(os.environ["TIKTOKEN_CACHE_DIR"])
    target = folder / cached_name
    with _lock:
        if not target.is_file():
            try:
                raw = resources.files("quicktok").joinpath("data", source).read_bytes()
            except (ModuleNotFoundError, FileNotFoundError) as exc:
                raise TokenizerUnavailable(
                    f"no {encoding} file in {folder} and quicktok-v1 is not installed"
                ) from exc
            text = convert_quicktok(raw)
            if hashlib.sha256(text).hexdigest() != sha256:
                raise TokenizerUnavailable(f"converted {encoding} does not match OpenAI's file")
            folder.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".tmp{os.getpid()}")
            tmp.write_bytes(text)
            os.replace(tmp, target)
        os.environ["TIKTOKEN_CACHE_DIR"] = str(folder)
    return folder


@cache
def _encoding(name: str):
    prepare_cache(encoding=name)
    import tiktoken

    return tiktoken.get_encoding(name)


def count_tokens(text: str, encoding: str = ENCODING) -> int:
    return len(_encoding(encoding).encode(text, disallowed_special=()))
