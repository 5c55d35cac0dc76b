"""Stenogram itself, measured like the peers: `stenogram index`, then load and answer in a fresh process.

Build: `STENOGRAM_CORPUS_DIR=DIR STENOGRAM_ENGINE=E STENOGRAM_INDEX_DIR=IDX stenogram index`,
its wall time and the child's peak RSS. Serve (this module's command line, its own process):
`build_answerer(load_settings(corpus_dir=DIR, engine=E, index_dir=IDX))` is the load time, then
`answerer.prepare()` as the bot calls it when it starts (untimed); each question is timed from
`answerer.ask(q)` to the rendered Telegram HTML (`answer_messages`). Also here: `stenogram ask`
as a whole process, and `stenogram eval` on the development questions.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .measure import (
    capped,
    dir_mb,
    peak_mib,
    percentile,
    rss_mib,
    run_child,
    steady_mib,
    time_queries,
    write_result,
)
from .queries import read_questions

ENGINES = ("rank-bm25", "tantivy")
BOT_USERNAME = "StenogramBenchBot"
STENOGRAM = Path(sys.executable).parent / "stenogram"
ASK_QUESTION = "What did Putin say about colour revolutions?"
_FIGURE = re.compile(r"^(hit@1|hit@3|speaker@1|abstentions right|answerable but abstained): (.*)$")


def engine_setting_exists() -> bool:
    """Whether the project's settings know STENOGRAM_ENGINE and STENOGRAM_INDEX_DIR yet."""
    from stenogram.bot.settings import Settings

    return {"engine", "index_dir"} <= set(Settings.model_fields)


def index_command_exists() -> bool:
    """Whether `stenogram index` is a command of this checkout."""
    return run_child([str(STENOGRAM), "index", "--help"], timeout=60).returncode == 0


def engine_env(corpus: Path, engine: str, index: Path) -> dict[str, str]:
    """The environment that points the CLI at a corpus, an engine and an index directory."""
    return {
        **os.environ,
        "STENOGRAM_CORPUS_DIR": str(corpus),
        "STENOGRAM_ENGINE": engine,
        "STENOGRAM_INDEX_DIR": str(index),
    }


def build_index(
    corpus: Path, engine: str, index: Path, timeout: float | None = None
) -> dict[str, Any]:
    """Run `stenogram index` in a fresh directory: wall time, peak RSS, index size."""
    shutil.rmtree(index, ignore_errors=True)
    child = run_child(
        [str(STENOGRAM), "index"], env=engine_env(corpus, engine, index), timeout=timeout
    )
    if child.returncode != 0:
        tail = " | ".join(child.stderr.strip().splitlines()[-3:])
        return {"error": f"stenogram index exit {child.returncode}: {tail[-400:]}"}
    return {
        "build_s": round(child.wall_s, 3),
        "build_peak_mib": round(child.peak_mib, 1),
        "index_mb": round(dir_mb(index), 1) if index.exists() else None,
    }


def load_answerer(corpus: Path, engine: str, index: Path) -> Any:
    """The answerer as the bot builds it; with no engine setting yet, only rank-bm25 is possible."""
    from stenogram.bot.service import build_answerer
    from stenogram.bot.settings import load_settings

    if engine_setting_exists():
        return build_answerer(load_settings(corpus_dir=corpus, engine=engine, index_dir=index))
    if engine != "rank-bm25":
        raise RuntimeError(
            f"STENOGRAM_ENGINE is not a setting of this checkout: no {engine} engine"
        )
    return build_answerer(load_settings(corpus_dir=corpus))


def serve(corpus: Path, engine: str, index: Path, questions: list[dict]) -> dict[str, Any]:
    """Load (timed), steady memory, then the full answer path per question."""
    import time

    from stenogram.bot.telegram_html import answer_messages

    began = time.perf_counter()
    answerer = load_answerer(corpus, engine, index)
    load_s = time.perf_counter() - began
    answerer.prepare()  # as the bot does when it starts (bot/app.py): not in the load time
    steady = steady_mib()
    outcome: dict[int, str] = {}  # by question position: warm-up repeats are counted once

    def ask(q: dict) -> None:
        answer = answerer.ask(q["question"])
        answer_messages(answer, BOT_USERNAME)
        outcome[id(q)] = (
            f"{q.get('category', 'all')}:{'answered' if answer.quotes else 'abstained'}"
        )

    latency = time_queries(ask, questions)
    outcomes = Counter(outcome.values())
    return {
        "engine": engine,
        "load_s": round(load_s, 3),
        "steady_mib": round(steady, 1),
        "latency": asdict(latency),
        "after_queries_mib": round(rss_mib(), 1),
        "serve_peak_mib": round(peak_mib(), 1),
        "outcomes": dict(sorted(outcomes.items())),
        "engine_setting": engine_setting_exists(),
    }


def compile_package() -> None:
    """Write the bytecode of Stenogram's modules, as installing its wheel does (pip compiles what
    it installs; so does the image's build). An editable checkout has none until a process
    writes it, and with PYTHONDONTWRITEBYTECODE set (this workplace, the image) no process does:
    every `stenogram ask` would compile the package's modules again, ~0.1 s of it. A stale
    file is never used (Python checks each source's size and modification time)."""
    import compileall

    import stenogram

    package = Path(stenogram.__file__).resolve().parent
    # compileall does not follow the checkout's links (stenogram/bot -> ../bot): each by itself.
    compileall.compile_dir(package, maxlevels=0, quiet=1)
    for sub in sorted(package.iterdir()):
        if sub.is_dir() and (sub / "__init__.py").is_file():
            compileall.compile_dir(sub.resolve(), quiet=1)


def ask_process(engine: str, index: Path | None, corpus: Path, runs: int = 5) -> dict[str, Any]:
    """`stenogram ask` as a whole process on `corpus`: wall time of each of `runs` runs, with
    the package compiled first (compile_package)."""
    compile_package()
    env = (
        engine_env(corpus, engine, index)
        if index
        else {**os.environ, "STENOGRAM_CORPUS_DIR": str(corpus)}
    )
    times = []
    for _ in range(runs):
        child = run_child([str(STENOGRAM), "ask", ASK_QUESTION], env=env, timeout=300)
        if child.returncode != 0:
            return {
                "error": f"stenogram ask exit {child.returncode}: {child.stderr.strip()[-300:]}"
            }
        times.append(child.wall_s * 1000)
    return {
        "question": ASK_QUESTION,
        "runs": runs,
        "p50_ms": round(percentile(times, 50), 1),
        "max_ms": round(max(times), 1),
        "peak_mib": round(child.peak_mib, 1),
    }


def ask_stdin(engine: str, index: Path, corpus: Path, questions: list[str]) -> dict[str, Any]:
    """`stenogram ask --json` with `questions` on standard input, one process: the time per
    question after start-up is the time from the first answer line to the last, over the
    answers between them (each line is flushed as it is answered); start-up is the time to the
    first line, the first answer included."""
    import subprocess
    import time

    if len(questions) < 2:
        return {"error": "at least two questions are needed"}
    compile_package()
    stamps: list[float] = []
    began = time.perf_counter()
    proc = subprocess.Popen(
        [str(STENOGRAM), "ask", "--json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=engine_env(corpus, engine, index),
    )
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    # Every question at once (a few KB, within a pipe's buffer): the process never waits for one.
    proc.stdin.write("".join(q.replace("\n", " ") + "\n" for q in questions))
    proc.stdin.close()
    answered = 0
    for line in proc.stdout:
        stamps.append(time.perf_counter())
        answered += line.startswith("{")
    error = proc.stderr.read()
    if proc.wait() != 0 or answered != len(questions):
        return {
            "error": f"stenogram ask --json exit {proc.returncode}, {answered} of "
            f"{len(questions)} answers: {error.strip()[-300:]}"
        }
    return {
        "questions": len(questions),
        "startup_ms": round((stamps[0] - began) * 1000, 1),
        "per_question_ms": round((stamps[-1] - stamps[0]) * 1000 / (len(stamps) - 1), 3),
        "wall_s": round(stamps[-1] - began, 3),
    }


def eval_quality(engine: str, index: Path | None, corpus: Path, questions: Path) -> dict[str, Any]:
    """`stenogram eval` on a question file: its figure lines, parsed."""
    env = (
        engine_env(corpus, engine, index)
        if index
        else {**os.environ, "STENOGRAM_CORPUS_DIR": str(corpus)}
    )
    child = run_child([str(STENOGRAM), "eval", str(questions)], env=env, timeout=600)
    if child.returncode != 0:
        return {"error": f"stenogram eval exit {child.returncode}: {child.stderr.strip()[-300:]}"}
    figures = {}
    for line in child.stdout.splitlines():
        match = _FIGURE.match(line.strip())
        if match:
            figures[match.group(1)] = match.group(2)
    return {"file": str(questions), "figures": figures}


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: the serve phase of one engine; figures go to --result as JSON."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.stenogram_rows", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--engine", choices=ENGINES, required=True)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--queries", type=Path, required=True, help="questions, JSON lines")
    parser.add_argument("--max-queries", type=int, default=None, help="time only the first N")
    parser.add_argument("--result", type=Path, required=True)
    args = parser.parse_args(argv)
    questions = capped(read_questions(args.queries), args.max_queries)
    write_result(args.result, serve(args.corpus, args.engine, args.index, questions))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
