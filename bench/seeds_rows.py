"""The seeds' answer path, as issues #11 and #14 set its target: p50 and p95 in-process over the
development and chat questions, follow-ups asked in the context of the line they follow.

Child process (this module's command line): `build_answerer(load_settings(corpus_dir=seeds,
engine=E, index_dir=IDX))` over the index `stenogram index` wrote for the seeds' Stenogram row,
then `answerer.prepare()` as the bot calls it when it starts; three questions untimed, then
every question once, each timed from `answerer.ask(q)` to the rendered Telegram HTML
(`answer_messages`): wall time, and the process's CPU time (every thread), the figure a loaded
machine disturbs least.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .measure import WARMUP, percentile, python_module, run_json, write_result
from .queries import read_questions

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT_ROOT / "seeds"
QUESTION_FILES = tuple(
    PROJECT_ROOT.parent / "shared" / "eval" / name for name in ("dev.jsonl", "chat.jsonl")
)
TARGET_P50_MS = 2.0  # issue #14 (issue #11: 3 ms)
BOT_USERNAME = "StenogramBenchBot"


def serve(engine: str, index: Path, files: Sequence[Path]) -> dict[str, Any]:
    """Time the answer path on every question of `files`, in order."""
    from stenogram.bot.service import build_answerer
    from stenogram.bot.settings import load_settings
    from stenogram.bot.telegram_html import answer_messages

    questions = [q for f in files if f.is_file() for q in read_questions(f)]
    if not questions:
        raise ValueError(f"no questions in {', '.join(map(str, files))}")
    answerer = build_answerer(load_settings(corpus_dir=SEEDS, engine=engine, index_dir=index))
    answerer.prepare()  # as the bot does when it starts (bot/app.py)
    read_as: dict[str, str] = {}

    def ask(q: dict[str, Any]) -> None:
        previous = read_as.get(q["follows"]) if q.get("follows") else None
        answer = answerer.ask(q["question"], previous=previous)
        answer_messages(answer, BOT_USERNAME)
        read_as[str(q.get("id"))] = answer.read_as

    for q in questions[:WARMUP]:
        ask(q)
    wall, cpu = [], []
    for q in questions:
        began, began_cpu = time.perf_counter(), time.process_time()
        ask(q)
        cpu.append((time.process_time() - began_cpu) * 1000)
        wall.append((time.perf_counter() - began) * 1000)
    return {
        "engine": engine,
        "questions": len(questions),
        "files": [f.name for f in files if f.is_file()],
        "p50_ms": round(percentile(wall, 50), 3),
        "p95_ms": round(percentile(wall, 95), 3),
        "cpu_p50_ms": round(percentile(cpu, 50), 3),
        "cpu_p95_ms": round(percentile(cpu, 95), 3),
        "target_p50_ms": TARGET_P50_MS,
    }


def measure(engines: Sequence[str], scratch: Path, timeout: float = 1800.0) -> dict[str, Any]:
    """The seeds' answer path per engine, each in a child process of its own, over the index
    the seeds' Stenogram row built in `scratch` (`stenogram-<engine>`)."""
    out: dict[str, Any] = {}
    for engine in engines:
        result = scratch / f"seeds-path-{engine}.json"
        out[engine] = run_json(
            python_module(
                "bench.seeds_rows",
                "--engine",
                engine,
                "--index",
                str(scratch / f"stenogram-{engine}"),
                "--result",
                str(result),
            ),
            result,
            timeout=timeout,
        )
    return out


def render(found: dict[str, Any], seeds: dict[str, Any]) -> list[str]:
    """One line per engine, with the `stenogram ask` process time from the seeds extras."""
    lines = []
    for engine, row in found.items():
        ask = seeds.get(engine, {}).get("ask_process", {})
        if "error" in row:
            lines.append(f"seeds answer path, {engine}: {row['error']}")
            continue
        lines.append(
            f"seeds answer path, {engine} ({row['questions']} questions of "
            f"{' + '.join(row['files'])}): p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms "
            f"(CPU p50 {row['cpu_p50_ms']} ms, p95 {row['cpu_p95_ms']} ms; target p50 ≤ "
            f"{row['target_p50_ms']:g} ms); `stenogram ask` process p50 "
            f"{ask.get('p50_ms', '?')} ms (target ≤ 500 ms)"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: the in-process phase for one engine; figures go to --result as JSON."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.seeds_rows", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--engine", required=True)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--result", type=Path, required=True)
    parser.add_argument("questions", type=Path, nargs="*", default=list(QUESTION_FILES))
    args = parser.parse_args(argv)
    write_result(args.result, serve(args.engine, args.index, args.questions))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
