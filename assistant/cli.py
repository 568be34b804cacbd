"""Thin command layer: ingest, ask, chat, eval, serve. Errors become one-line messages.

Exit codes: 0 done; 1 error (nothing could be ingested, the index is empty or cannot be opened);
2 wrong usage; 3 ingest partly failed (the files named on stderr were skipped, the rest indexed);
130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .config import load_settings, offline_environment

if TYPE_CHECKING:
    from .documents import Answer
    from .service import Assistant


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--index", type=Path,
                        help="index folder (default: index/ or $KLASTER_INDEX)")
    common.add_argument("--chroma-url", metavar="URL",
                        help="use the Chroma server at URL, e.g. http://127.0.0.1:8000 "
                             "(default: the on-disk store, or $KLASTER_CHROMA_URL)")
    model = argparse.ArgumentParser(add_help=False)
    model.add_argument("--llm", choices=["extractive", "openai"],
                       help="answer backend: extractive quotes (default, or $KLASTER_LLM); "
                            "openai asks the chat server at $KLASTER_LLM_BASE_URL")
    parser = argparse.ArgumentParser(prog="klaster", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)

    ingest = commands.add_parser("ingest", parents=[common], help="index files and folders")
    ingest.add_argument("paths", nargs="*", type=Path, help="files or folders (default: corpus/)")
    ingest.add_argument("--rebuild", action="store_true", help="drop the index and embed again")
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")

    ask = commands.add_parser("ask", parents=[common, model], help="answer one question")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.add_argument("--source", action="append", help="search only this file (repeatable)")

    commands.add_parser("chat", parents=[common, model], help="ask questions in the terminal")

    evaluate = commands.add_parser("eval", parents=[common, model],
                                   help="score a graded JSONL file")
    evaluate.add_argument("file", type=Path)
    evaluate.add_argument("--out", type=Path, help="write one result line per item here")

    serve = commands.add_parser("serve", parents=[common, model], help="run the chat UI")
    serve.add_argument("--corpus", type=Path, help="folder indexed on first run (default corpus/)")
    serve.add_argument("--host", help="bind address (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default 7860)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the ``klaster`` command; returns the exit status."""
    offline_environment()
    args = _parser().parse_args(argv)
    from .service import Assistant

    try:
        settings = load_settings(index=args.index, chroma_url=args.chroma_url,
                                 corpus=getattr(args, "corpus", None),
                                 host=getattr(args, "host", None), port=getattr(args, "port", None),
                                 llm=getattr(args, "llm", None))
        assistant = Assistant(settings)
        return _COMMANDS[args.command](assistant, args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the edge: one clear line, no traceback
        if isinstance(exc, (ValueError, RuntimeError, OSError)):
            print(f"klaster: error: {exc}", file=sys.stderr)
            return 1
        raise


PARTIAL = 3


def _ingest(assistant: Assistant, args: argparse.Namespace) -> int:
    report = assistant.ingest(args.paths or None, rebuild=args.rebuild, progress=not args.quiet)
    print(report.summary())
    if report.failed:
        print(f"klaster: {len(report.failed)} file(s) skipped, see 'failed:' above",
              file=sys.stderr)
        return PARTIAL
    return 0


def _ready(assistant: Assistant) -> None:
    """Questions need an index; building one is left to ``ingest`` and ``serve``."""
    if assistant.store.count() == 0:
        raise RuntimeError(f"the index at {assistant.settings.index} is empty; run "
                           "'klaster ingest [PATH ...]' first")


def _ask(assistant: Assistant, args: argparse.Namespace) -> int:
    _ready(assistant)
    if args.json:
        answer = assistant.ask(args.question, sources=args.source)
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        show(assistant.stream(args.question, sources=args.source))
    return 0


def show(pieces: Iterable[str | Answer]) -> None:
    """Print a streamed answer as it arrives; when the guard or a failing server replaces the
    streamed text, the answer shown instead follows a rule, then the sources."""
    streamed: list[str] = []
    for piece in pieces:
        if isinstance(piece, str):
            streamed.append(piece)
            print(piece, end="", flush=True)
            continue
        if not streamed:
            print(format_answer(piece))
        elif "".join(streamed).strip() == piece.text:  # the guard let it stand
            print()
            print(format_answer(piece, text=False))
        else:  # replaced by the extractive answer
            print("\n" + "─" * 40)
            print(format_answer(piece))

def _chat(assistant: Assistant, args: argparse.Namespace) -> int:
    from .chain import Conversation

    _ready(assistant)
    conversation = Conversation()
    print("Klaster — tanya apa saja tentang dokumen (kosong untuk keluar, /baru untuk mulai lagi)")
    while True:
        try:
            question = input("> ").strip()
        except EOFError:
            return 0
        if not question:
            return 0
        if question == "/baru":
            conversation.clear()
            continue
        show(assistant.stream(question, conversation))


def _eval(assistant: Assistant, args: argparse.Namespace) -> int:
    from .evaluate import evaluate, load_items

    _ready(assistant)
    report = evaluate(assistant, load_items(args.file), args.out)
    print(report.summary())
    return 0


def _serve(assistant: Assistant, args: argparse.Namespace) -> int:
    from .ui import serve

    serve(assistant)
    return 0


def format_answer(answer: Answer, text: bool = True) -> str:
    """An answer with its numbered sources, for the terminal (only the sources when ``text``
    is false)."""
    lines = [answer.text] if text else []
    for c in answer.citations:
        lines.append(f"[{c.n}] {c.label} · {c.location} ({c.source})" if c.location
                     else f"[{c.n}] {c.label} ({c.source})")
    return "\n".join(lines)


_COMMANDS = {"ingest": _ingest, "ask": _ask, "chat": _chat, "eval": _eval, "serve": _serve}
