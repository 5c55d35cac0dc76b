"""The `stenogram` command line: ask, chat, corpus, index, eval and run, over one answering core."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from stenogram.retrieval.errors import StenogramError

# Each command imports what it needs when it runs (`stenogram ask` never loads the document
# readers, the evaluation or Telegram): a process that answers one question starts faster.
if TYPE_CHECKING:
    from stenogram.retrieval.answers.evaluate import EvalReport

    from .service import AnswerSettings
    from .settings import Settings

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
READING_COMMANDS = frozenset({"ask", "chat", "eval", "run"})  # they read questions
MAX_QUOTES = 10  # -k and STENOGRAM_ANSWERS: 1 to this
# `eval --min-…` thresholds: option name, what the report line calls it, (hits, out of) counts.
THRESHOLDS: dict[str, tuple[str, Callable[[EvalReport], tuple[int, int]]]] = {
    "hit1": ("hit@1", lambda r: (r.hit1, r.answerable)),
    "hit3": ("hit@3", lambda r: (r.hit3, r.answerable)),
    "speaker1": ("speaker@1", lambda r: (r.speaker1, r.with_speaker)),
    "abstain": ("abstentions right", lambda r: (r.abstain_right, r.abstain_expected)),
}


def stenogram_version() -> str:
    """The installed distribution's version ("unknown" when run from a bare source tree)."""
    from importlib.metadata import PackageNotFoundError, version  # only for --version: 0.1 s

    try:
        return version("stenogram")
    except PackageNotFoundError:
        return "unknown"


def _quote_count(text: str) -> int:
    """argparse type of -k: a whole number from 1 to MAX_QUOTES."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= MAX_QUOTES:
        raise argparse.ArgumentTypeError(f"{value} is out of range; give 1 to {MAX_QUOTES}")
    return value


def _rate(text: str) -> float:
    """argparse type of the --min-… thresholds: a rate from 0 to 1."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{value} is out of range; give a rate from 0 to 1")
    return value


class _Version(argparse.Action):
    """--version, the version looked up only when asked for (argparse's own action needs it
    before the command line is read, and the lookup costs every command a tenth of a second)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        print(f"{parser.prog} {stenogram_version()}")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stenogram",
        description="Answer questions about a set of documents with verbatim, cited quotes.",
    )
    parser.add_argument("--version", action=_Version, help="show the version and exit")
    parser.add_argument(
        "--corpus",
        type=Path,
        help="corpus directory (default: $STENOGRAM_CORPUS_DIR or the bundled seeds/)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    ask = sub.add_parser("ask", help="answer one question (or one per stdin line with --json)")
    ask.add_argument("question", nargs="?", help="the question; omit with --json to read stdin")
    ask.add_argument("--json", action="store_true", help="print JSON (one object per line)")
    ask.add_argument(
        "-k",
        type=_quote_count,
        default=None,
        metavar="N",
        help=f"how many quotes at most, 1 to {MAX_QUOTES} (default: $STENOGRAM_ANSWERS, 3)",
    )
    sub.add_parser("chat", help="interactive local chat over the corpus")
    corpus = sub.add_parser("corpus", help="validate the corpus and describe each document")
    corpus.add_argument(
        "--json", action="store_true", help="print the report as one JSON object (see README)"
    )
    ev = sub.add_parser("eval", help="score a question file (JSON lines; README: question files)")
    ev.add_argument("file", type=Path)
    for name, (label, _) in THRESHOLDS.items():
        ev.add_argument(
            f"--min-{name}",
            type=_rate,
            metavar="RATE",
            help=f"exit 1 when {label} is below RATE (0 to 1)",
        )
    index = sub.add_parser("index", help="build the search index (only if the documents changed)")
    index.add_argument(
        "--engine",
        choices=("auto", "rank-bm25", "tantivy"),
        help="search engine (default: $STENOGRAM_ENGINE or auto by corpus size)",
    )
    index.add_argument("--force", action="store_true", help="rebuild even if up to date")
    index.add_argument(
        "--check",
        action="store_true",
        help="only say whether the index is up to date (exit 1 if not)",
    )
    sub.add_parser("run", help="run the Telegram bot (local chat when no token is set)")
    sub.add_parser("health", help="exit 0 if the running bot is healthy (never calls Telegram)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `stenogram` and `python -m stenogram`; returns the process exit code."""
    args = _parser().parse_args(argv)
    program = argv is None  # the process's own command line: set up the process (oneshot.py)
    if args.command == "ask" and program:
        from .oneshot import starting

        starting(one_question=args.question is not None)
    if args.command in READING_COMMANDS:
        # The word-embedding model loads natively, beside the imports and the index opening.
        from stenogram.retrieval.questions.semantic import preload

        preload()
    try:
        overrides = {"corpus_dir": args.corpus} if args.corpus else {}
        if args.command == "ask":  # without the settings machinery when it can (ask_settings.py)
            from .ask_settings import ask_settings

            answering = ask_settings(**overrides)
            _log_warnings()
            return cmd_ask(args, answering)
        from .settings import load_settings

        settings = load_settings(**overrides)
        _log_warnings()
        return COMMANDS[args.command](args, settings)
    except StenogramError as exc:
        print(f"stenogram: {exc}", file=sys.stderr)
        # A health check may only say 1 (Docker reserves 2), even when the settings are bad.
        return EXIT_FAIL if args.command == "health" else EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_FAIL
    except BrokenPipeError:
        # `stenogram ask … | head`: the reader left; say nothing more (stdout is gone).
        sys.stdout = None  # no flush error at exit
        return EXIT_OK
    finally:
        if args.command == "ask":
            from .oneshot import finished

            finished()


def _log_warnings() -> None:
    """Warnings and errors to standard error, as one line each."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def _progress() -> Callable[[str], None] | None:
    """Index build progress: a bar for a person at a terminal, nothing in scripts and pipes."""
    from .progress import terminal_progress

    return terminal_progress(sys.stderr)


def cmd_ask(args: argparse.Namespace, settings: AnswerSettings) -> int:
    """Answer the question argument, or with --json every line of standard input."""
    from .oneshot import started
    from .render import to_json, to_text
    from .service import build_answerer

    started()  # every module is imported: the garbage collector runs again (see oneshot.py)
    answerer = build_answerer(settings, _progress())
    if args.question is None:
        if not args.json:
            print(
                "stenogram: give a question, or use --json to read questions from stdin",
                file=sys.stderr,
            )
            return EXIT_USAGE
        for line in sys.stdin:
            question = line.rstrip("\n")
            if question.strip():
                print(
                    json.dumps(to_json(answerer.ask(question, k=args.k)), ensure_ascii=False),
                    flush=True,
                )
        return EXIT_OK
    answer = answerer.ask(args.question, k=args.k)
    if args.json:
        print(json.dumps(to_json(answer), ensure_ascii=False, indent=2))
    else:
        print(to_text(answer))
    return EXIT_USAGE if answer.problem else EXIT_OK


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    """A local conversation through the bot's own handlers; an empty line or Ctrl-D ends it."""
    from .service import build_answerer
    from .shim import run_chat  # Telegram is loaded only by the commands that need it

    return run_chat(build_answerer(settings, _progress()), input, print)


def cmd_corpus(args: argparse.Namespace, settings: Settings) -> int:
    """Validate the corpus: per document kind, turns, speakers, passages and warnings."""
    from stenogram.retrieval.documents.corpus import load_corpus

    from .report import corpus_json, describe_corpus

    # The report states every problem and warning itself; no index is needed to validate.
    corpus = load_corpus(settings.corpus_dir)
    print(corpus_json(corpus) if args.json else describe_corpus(corpus))
    return EXIT_FAIL if corpus.problems else EXIT_OK


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    """Score a question file and print hit@1, hit@3, speaker@1 and abstentions; exit 1 when a
    figure is below its --min-… threshold."""
    from stenogram.retrieval.answers.evaluate import evaluate
    from stenogram.retrieval.questions.questionfile import load_question_file

    from .service import build_answerer

    try:
        questions = load_question_file(args.file)
    except StenogramError as exc:
        print(f"stenogram: {exc}", file=sys.stderr)
        return EXIT_USAGE
    report = evaluate(build_answerer(settings, _progress()), questions)
    print(f"{len(questions)} questions from {args.file}")
    print("\n".join(report.lines()))
    missed = missed_thresholds(report, args)
    for line in missed:
        print(f"stenogram: {line}", file=sys.stderr)
    return EXIT_FAIL if missed else EXIT_OK


def missed_thresholds(report: EvalReport, args: argparse.Namespace) -> list[str]:
    """One line per --min-… threshold the report misses (a figure with nothing to count: n/a,
    which misses any threshold above 0)."""
    out = []
    for name, (label, counts) in THRESHOLDS.items():
        wanted = getattr(args, f"min_{name}", None)
        if wanted is None:
            continue
        hits, total = counts(report)
        if total == 0 and wanted > 0:
            out.append(f"{label} n/a (no question counts for it), below --min-{name} {wanted:g}")
        elif total and hits / total < wanted:
            out.append(f"{label} {hits / total:.3f} is below --min-{name} {wanted:g}")
    return out


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    """Run the Telegram bot; with no token configured, fall back to the local chat."""
    if settings.telegram_token is None:
        if not sys.stdin.isatty():
            # In a container the chat would read EOF and exit 0 at once: a silent restart loop.
            print(
                "stenogram: STENOGRAM_TELEGRAM_TOKEN is not set; set it to run the bot "
                "(the local chat starts only on a terminal)",
                file=sys.stderr,
            )
            return EXIT_USAGE
        print("No STENOGRAM_TELEGRAM_TOKEN configured: starting the local chat instead.")
        return cmd_chat(args, settings)
    from .runner import run_bot  # imported here so the core commands never load Telegram

    return run_bot(settings)


def cmd_health(args: argparse.Namespace, settings: Settings) -> int:
    """Is the bot running here healthy? One line; exit 0 or 1 (for Docker's HEALTHCHECK)."""
    from .health import check

    verdict = check(settings)
    print(verdict.line())
    return EXIT_OK if verdict.healthy else EXIT_FAIL


def cmd_index(args: argparse.Namespace, settings: Settings) -> int:
    """Build the persisted index if it is missing or stale (or always with --force)."""
    # The index alone: the answering modules `service` imports are not needed to build (0.2 s).
    from stenogram.retrieval.search.index import IndexStore

    store = IndexStore(settings.corpus_dir, settings.index_dir)
    engine = args.engine or settings.engine
    current = store.current()
    reason = store.stale_reason(current, engine)
    if args.check or (current and not reason and not args.force):
        state = f"out of date: {reason}" if reason else "up to date"
        where = (
            f"{current.engine}, {current.passages:,} passages, {current.directory}"
            if current
            else str(store.index_dir)
        )
        print(f"index {state} ({where})")
        return EXIT_FAIL if args.check and reason else EXIT_OK
    # A bar on a terminal; in a script or log, the plain progress lines on stdout.
    progress = _progress() or (lambda line: print(line, flush=True))
    info = store.build(engine, progress, reason or "--force")
    print(
        f"{info.engine} index of {info.documents:,} documents and {info.passages:,} passages "
        f"built in {info.build_seconds:.1f} s"
    )
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
    "ask": cmd_ask,
    "chat": cmd_chat,
    "corpus": cmd_corpus,
    "eval": cmd_eval,
    "run": cmd_run,
    "health": cmd_health,
    "index": cmd_index,
}
