"""Who may import what (docs/architecture.md), checked on every module of the repository.

The rules are the architecture's promises: retrieval knows nothing of ours, scoring knows
only retrieval's types, the prose package never reaches into the bot, Discord stays in
bot/discord, and benchmarks share test doubles through the support package, never tests/.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("knowledge", "scoring", "prompts", "bot", "bench", "support")

# importer package -> packages of ours it must not import
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "knowledge": ("scoring", "prompts", "bot", "bench", "tests", "support"),
    "scoring": ("prompts", "bot", "bench", "tests", "support"),
    "prompts": ("bot", "bench", "tests", "support"),
    "bot": ("bench", "tests", "support"),
    "support": ("bench", "tests"),
    "bench": ("tests",),
}


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, dotted module) for every import statement in a file."""
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def violations(root: Path) -> list[str]:
    """Every import that breaks a rule, as 'file:line imports module (why)'."""
    out = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            rel = path.relative_to(root)
            in_discord_adapter = rel.parts[:2] == ("bot", "discord")
            for line, module in imports_of(path):
                top = module.split(".")[0]
                if top in FORBIDDEN.get(package, ()):
                    out.append(f"{rel}:{line} imports {module} ({package} must not use {top})")
                if top == "discord" and not in_discord_adapter and package != "support":
                    out.append(f"{rel}:{line} imports {module} (discord only under bot/discord)")
    return out


def test_the_repository_keeps_the_import_rules():
    assert violations(REPO) == []


@pytest.mark.parametrize(
    ("where", "line"),
    [
        ("knowledge/leak.py", "from scoring.model import FACTORS"),
        ("scoring/leak.py", "import prompts.sections"),
        ("prompts/leak.py", "from bot.app import Assistant"),
        ("bot/cli_leak.py", "import discord"),
        ("bench/leak.py", "from tests.fakes import openai_server"),
    ],
)
def test_a_forbidden_import_is_caught(tmp_path, where, line):
    for package in PACKAGES:
        (tmp_path / package).mkdir()
    (tmp_path / where).write_text(f"{line}\n", "utf-8")
    found = violations(tmp_path)
    assert len(found) == 1 and found[0].startswith(f"{where}:1 imports"), found


def oversized(root: Path) -> list[str]:
    """Modules over 400 lines (outside tests) and functions over 80 lines (outside tests and
    bench): the size at which a reader can no longer hold one in mind."""
    out = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            text = path.read_text("utf-8")
            rel = path.relative_to(root)
            if len(text.splitlines()) > 400:
                out.append(f"{rel}: {len(text.splitlines())} lines")
            if package == "bench":
                continue
            for node in ast.walk(ast.parse(text)):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    length = node.end_lineno - node.lineno + 1
                    if length > 80:
                        out.append(f"{rel}:{node.lineno} {node.name}: {length} lines")
    return out


def test_modules_and_functions_stay_readable():
    assert oversized(REPO) == []


def test_an_oversized_function_is_caught(tmp_path):
    for package in PACKAGES:
        (tmp_path / package).mkdir()
    body = "\n".join(f"    x{i} = {i}" for i in range(85))
    (tmp_path / "scoring" / "big.py").write_text(f"def big():\n{body}\n", "utf-8")
    assert oversized(tmp_path) == ["scoring/big.py:1 big: 86 lines"]
