"""``nestorbot``: the command line. Parses argv, calls the Assistant, renders; nothing else.

Exit codes: 0 answered (whatever the status), 2 bad usage or configuration (one line on
stderr, never a traceback), 1 an unexpected failure (one line with an error id).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import uuid
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NoReturn

from bot.loading import collector_paused, spare_final_collection

if TYPE_CHECKING:
    from scoring.card import ScoreCard

log = logging.getLogger("nestorbot")

BATCH_SIZE = 256
MAX_BATCH_LINE = 10_000  # longer lines are cut: a question is short


class UsageError(Exception):
    """Bad arguments or configuration: exit 2 with this one-line message."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="nestorbot", description="Will AI replace my job? Ask NestorBot.")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    resolve = sub.add_parser("resolve", help="resolve questions to ESCO occupations")
    resolve.add_argument("--json", action="store_true", help="one JSON object per question")
    resolve.add_argument("--top-k", type=int, default=5, help="candidates to list (1-50)")
    resolve.add_argument("--batch", metavar="FILE|-", help="one question per line; - is stdin")
    resolve.add_argument("question", nargs="*", help="the question (words are joined)")

    ask = sub.add_parser("ask", help="resolve, score and explain: the whole answer")
    ask.add_argument("--json", action="store_true", help="one JSON object")
    ask.add_argument("--no-llm", action="store_true", help="the deterministic writer only")
    ask.add_argument("question", nargs="+", help="the question (words are joined)")

    score = sub.add_parser("score", help="resolve, then print the score card")
    score.add_argument("--json", action="store_true")
    score.add_argument("question", nargs="+", help="a question or an occupation title")

    scores = sub.add_parser("scores", help="every ESCO occupation's scores")
    scores.add_argument("--format", choices=("csv", "json"), default="csv")

    validate = sub.add_parser("validate", help="Spearman rho of each factor against the anchors")
    validate.add_argument("--anchors", metavar="DIR", help="the anchors folder")

    sub.add_parser("bot", help="run the Discord bot (NESTOR_DISCORD_TOKEN)")

    kb = sub.add_parser("kb", help="the knowledge base")
    kb_sub = kb.add_subparsers(dest="kb_command", parser_class=_Parser)
    kb_build = kb_sub.add_parser("build", help="build the knowledge base and swap it in")
    kb_build.add_argument("--quiet", action="store_true", help="no progress bar")
    kb_status = kb_sub.add_parser("status", help="version, counts, size and build time")
    kb_status.add_argument("--json", action="store_true")
    return parser


def _questions(args: argparse.Namespace) -> Iterator[str]:
    if args.batch is not None:
        if args.question:
            raise UsageError("give questions either as arguments or with --batch, not both")
        if args.batch == "-":
            handle = sys.stdin
        else:
            try:
                handle = open(args.batch, encoding="utf-8", errors="replace")  # noqa: SIM115
            except OSError as exc:
                raise UsageError(f"cannot read {args.batch}: {exc.strerror}") from exc
        with handle:
            for line in handle:
                yield line.rstrip("\r\n")[:MAX_BATCH_LINE]
        return
    if not args.question:
        raise UsageError("nothing to resolve: give a question, or --batch FILE (- for stdin)")
    yield " ".join(args.question)


def _chunks(items: Iterator[str], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _render_resolution(res) -> str:
    if res.status == "resolved":
        occ = res.occupation
        return f"{occ.label} (ISCO-08 {occ.isco_group}), confidence {res.confidence:.2f}"
    from bot.wording import NOT_FOUND_SHORT, ambiguous_line

    if res.status == "ambiguous":
        return ambiguous_line([c.label for c in res.candidates])
    return NOT_FOUND_SHORT


def _cmd_resolve(args: argparse.Namespace) -> int:
    if not 1 <= args.top_k <= 50:
        raise UsageError("--top-k must be between 1 and 50")
    questions = _questions(args)
    first = next(questions, None)
    if first is None:
        return 0
    assistant = _assistant()

    def all_questions() -> Iterator[str]:
        yield first
        yield from questions

    for chunk in _chunks(all_questions(), BATCH_SIZE):
        for res in assistant.resolve_batch(chunk, args.top_k):
            if args.json:
                print(json.dumps(res.to_json(), ensure_ascii=False))
            else:
                print(_render_resolution(res))
        sys.stdout.flush()
    return 0


def _render_card(card: ScoreCard) -> str:
    from prompts.card_view import MOVES, NO_MOVES, SCORE, card_lines
    from prompts.context import ATTRIBUTION

    occ = card.occupation
    lines = [f"{occ.label} (ISCO-08 {occ.isco_group})"]
    for line in card_lines(card):
        if line.name == SCORE:
            lines.append(f"  {line.name}: {line.value}, {line.band}; {line.meaning}")
        else:
            lines.append(
                f"  {line.name}: {line.value or (NO_MOVES if line.name == MOVES else '-')}"
            )
    lines.append(ATTRIBUTION)
    return "\n".join(lines)


def _cmd_ask(args: argparse.Namespace) -> int:
    question = " ".join(args.question)
    if not question.strip():
        raise UsageError('nothing to ask: give a question, e.g. "will AI replace glaziers?"')
    assistant = _assistant()
    result = assistant.compare(question) or assistant.ask(question, use_llm=not args.no_llm)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, sort_keys=True))
    else:
        print(result.markdown)
    return 0


def _cmd_score(args: argparse.Namespace) -> int:
    answer = _assistant().score(" ".join(args.question))
    res = answer.resolution
    if answer.card is None:
        if args.json:
            print(json.dumps({"question": res.question, "status": res.status}))
        else:
            print(_render_resolution(res))
        return 0
    if args.json:
        print(
            json.dumps(
                {**answer.card.to_json(), "question": res.question, "status": res.status},
                ensure_ascii=False,
                sort_keys=True,
            )
        )
    else:
        if res.status == "ambiguous":
            print(f"(closest match; {_render_resolution(res)})")
        print(_render_card(answer.card))
    return 0


def _cmd_scores(args: argparse.Namespace) -> int:
    import csv

    rows = [row.to_json() for row in _assistant().scores.table()]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False))
    else:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else [])
        writer.writeheader()
        writer.writerows(rows)
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from pathlib import Path

    settings = _settings()
    directory = Path(args.anchors) if args.anchors else settings.esco_source.parent / "anchors"
    if not directory.is_dir():
        raise UsageError(f"no anchors folder at {directory}: pass --anchors DIR")
    print(_assistant().validation(directory))
    return 0


def _cmd_kb(args: argparse.Namespace) -> int:
    from bot.app import build_options, kb_config, make_embedder
    from knowledge.kb import KnowledgeBase, build

    settings = _settings()
    if args.kb_command == "build":
        embedder = make_embedder(settings)
        result = build(
            kb_config(settings), embedder, progress=not args.quiet, **build_options(embedder)
        )
        print(f"built {result.build_id} in {result.seconds:.1f} s: {result.path}")
        return 0
    if args.kb_command == "status":
        kb = KnowledgeBase.open(kb_config(settings), make_embedder(settings))
        status = kb.status()
        if args.json:
            print(json.dumps(status, indent=2))
        else:
            c = status["counts"]
            print(f"build        {status['build_id']} ({status['built_at']})")
            print(f"ESCO         v{status['esco_version']}")
            print(f"embeddings   {status['embedding_model']}")
            print(f"build hash   {status['build_hash'][:16]}")
            print(f"chroma       {status['chroma']['mode']}")
            print(
                f"counts       {c['occupations']} occupations, {c['labels']} labels, "
                f"{c['titles']} vacancy titles, {c['skills']} skills, "
                f"{c['relations']} relations"
            )
            print(f"size         {status['size_bytes'] / 1e6:.1f} MB")
            print(f"build time   {status['build_seconds']} s")
        return 0
    raise UsageError("kb needs a subcommand: build or status")


def _cmd_bot(args: argparse.Namespace) -> int:

    settings = _settings()
    try:
        token = settings.discord_secret()
    except OSError as exc:
        raise UsageError(f"cannot read NESTOR_DISCORD_TOKEN_FILE: {exc.strerror}") from exc
    if not token:
        raise UsageError(
            "no Discord token: set NESTOR_DISCORD_TOKEN or NESTOR_DISCORD_TOKEN_FILE "
            "(the bot's token from the Discord developer portal)"
        )
    from bot.discord.run import BotStartError, run

    try:
        run(settings, _assistant(), token)
    except BotStartError as exc:
        raise UsageError(str(exc)) from exc
    return 0


def _settings():
    from pydantic import ValidationError

    from bot.settings import Settings

    try:
        return Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise UsageError(f"invalid setting NESTOR_{where.upper()}: {first['msg']}") from exc


def _assistant():
    from bot.app import Assistant

    return Assistant(_settings(), progress=sys.stderr.isatty())


def _second_build_refused(argv: list[str]) -> str:
    """``kb build`` while another build holds the data folder: the refusal, said before the
    slow imports (the embedding model, Chroma), so it comes in well under a second. Anything
    unusual here (bad settings) is left to the full command, which explains it."""
    if argv[:2] != ["kb", "build"]:
        return ""
    from knowledge.builds import BuildInProgress, KBConfig, build_lock

    try:
        settings = _settings()
        with build_lock(KBConfig(settings.esco_source, settings.data_dir)):
            return ""
    except BuildInProgress as exc:
        return str(exc)
    except Exception:
        return ""


def run() -> None:
    """The ``nestorbot`` program: ``main`` on the command line, then a quick exit."""
    code = main()
    spare_final_collection()
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(
        level=os.environ.get("NESTOR_LOG_LEVEL", "WARNING").upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    from bot.redact import install

    install()  # tokens never reach the log, at any level
    refused = _second_build_refused(list(sys.argv[1:] if argv is None else argv))
    if refused:
        print(f"nestorbot: error: {refused}", file=sys.stderr)
        return 2
    with collector_paused():  # the heavy imports (Chroma, ONNX Runtime, pydantic)
        from bot.app import ConfigurationError
        from knowledge.embeddings import EmbeddingError
        from knowledge.esco import EscoSourceError
        from knowledge.kb import KnowledgeBaseError
        from knowledge.vectors import VectorStoreError
        from scoring.storage import ScoringDataError

    try:
        args = _parser().parse_args(argv)
        if args.command == "resolve":
            return _cmd_resolve(args)
        if args.command == "kb":
            return _cmd_kb(args)
        if args.command == "ask":
            return _cmd_ask(args)
        if args.command == "score":
            return _cmd_score(args)
        if args.command == "scores":
            return _cmd_scores(args)
        if args.command == "validate":
            return _cmd_validate(args)
        if args.command == "bot":
            return _cmd_bot(args)
        raise UsageError(
            "choose a command: ask, resolve, score, scores, validate, bot, kb build, kb status "
            "(see --help)"
        )
    except UsageError as exc:
        print(f"nestorbot: error: {exc}", file=sys.stderr)
        return 2
    except (
        ConfigurationError,
        EscoSourceError,
        KnowledgeBaseError,
        VectorStoreError,
        EmbeddingError,
        ScoringDataError,
    ) as exc:
        print(f"nestorbot: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("nestorbot: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        error_id = uuid.uuid4().hex[:8]
        log.exception("unexpected error %s", error_id)
        print(f"nestorbot: unexpected error {error_id}: {type(exc).__name__}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    run()
