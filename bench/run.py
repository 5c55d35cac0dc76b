"""Run the whole benchmark: corpora (cached), peers and Stenogram per size, throughput; a table, a JSON file.

`python -m bench.run --sizes 10000 100000` (what `make bench` runs; `make bench SIZES="1000000"`).
Every figure is measured in a child process of its own; see bench/README.md for what each means.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from . import peers, seeds_rows, stenogram_rows
from .generate import PASSAGES_FILE, SIDECAR, read_report
from .measure import python_module, run_child, run_json, write_result
from .queries import make_questions, read_questions, write_questions

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = (10_000, 100_000)
DEFAULT_OUT = PROJECT_ROOT / "bench" / "out"
DEFAULT_RESULTS = PROJECT_ROOT / "bench" / "results"
SEEDS = PROJECT_ROOT / "seeds"
DEV_QUESTIONS = PROJECT_ROOT.parent / "shared" / "eval" / "dev.jsonl"
PEER_LABELS = {
    "rank-bm25": "rank-bm25 naive",
    "bm25s": "bm25s (numpy)",
    "tantivy": "tantivy direct",
    "sqlite-fts5": "SQLite FTS5",
}
SLOW = {"peer rank-bm25", "stenogram rank-bm25"}  # score every passage per query
REFERENCE = "peer tantivy"
CHILD_TIMEOUT = 4 * 3600.0


def log(message: str) -> None:
    """Progress on stderr, with the time of day."""
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Dataset:
    """The passages and questions one group of rows is measured on."""

    name: str  # "seeds" or the passage count
    corpus: Path
    passages_file: Path  # the indexed passages, one per line, for the peers
    queries: Path
    passages: int  # indexed passages
    generated: dict[str, Any] | None = None  # the generator's report


def generated_dataset(size: int, seed: int, out: Path) -> Dataset:
    """A generated corpus of `size` passages (written once, then reused) and its questions."""
    corpus = out / f"corpus-{size}-s{seed}"
    report = read_report(corpus)
    if report is None or report.passages != size or report.seed != seed:
        shutil.rmtree(corpus, ignore_errors=True)
        log(f"generating {size:,} passages into {corpus}")
        child = run_child(
            python_module(
                "bench.generate", "--passages", str(size), "--out", str(corpus), "--seed", str(seed)
            ),
            timeout=CHILD_TIMEOUT,
        )
        if child.returncode != 0:
            raise RuntimeError(f"bench.generate failed: {child.stderr.strip()[-500:]}")
        report = read_report(corpus)
        assert report is not None
    queries = corpus / SIDECAR / "queries.jsonl"
    write_questions(make_questions(corpus, seed), queries)
    return Dataset(
        str(size), corpus, corpus / SIDECAR / PASSAGES_FILE, queries, report.indexed, asdict(report)
    )


def seeds_dataset(out: Path) -> Dataset:
    """The bundled seeds with the development questions; the peers get its indexed passages."""
    from stenogram.retrieval.documents.corpus import load_corpus

    texts = [p.text.replace("\n", " ") for p in load_corpus(SEEDS).passages if p.indexed]
    passages = out / "seeds" / PASSAGES_FILE
    passages.parent.mkdir(parents=True, exist_ok=True)
    passages.write_text("\n".join(texts) + "\n", encoding="utf-8")
    return Dataset("seeds", SEEDS, passages, DEV_QUESTIONS, len(texts))


def query_cap(row: str, data: Dataset, slow_queries: int | None) -> int | None:
    """How many questions a row times: all, except for engines that score every passage."""
    if row not in SLOW or data.passages <= 20_000:
        return None
    if slow_queries is not None:
        return slow_queries
    return 50 if data.passages <= 200_000 else 20


def peer_row(engine: str, data: Dataset, scratch: Path, cap: int | None) -> dict[str, Any]:
    """Build (and, when it persists, serve) one peer in child processes; merged figures."""
    index, result = scratch / f"peer-{engine}", scratch / f"peer-{engine}.json"
    common = [
        "--engine",
        engine,
        "--queries",
        str(data.queries),
        "--index",
        str(index),
        "--result",
        str(result),
    ] + (["--max-queries", str(cap)] if cap else [])
    built = run_json(
        python_module(
            "bench.peers", "--phase", "build", "--passages", str(data.passages_file), *common
        ),
        result,
        timeout=CHILD_TIMEOUT,
    )
    row = {"row": f"peer {engine}", "label": PEER_LABELS[engine], **built}
    if "error" not in built and peers.PEERS[engine].persistent:
        served = run_json(
            python_module("bench.peers", "--phase", "serve", *common), result, timeout=CHILD_TIMEOUT
        )
        row.update({k: v for k, v in served.items() if k != "child_peak_mib"})
        row["serve_child_peak_mib"] = served.get("child_peak_mib")
        row["error"] = served.get("error") or row.get("error")
    shutil.rmtree(index, ignore_errors=True)
    return _clean(row)


def stenogram_row(engine: str, data: Dataset, scratch: Path, cap: int | None) -> dict[str, Any]:
    """`stenogram index`, then load and the full answer path in a fresh child process."""
    index, result = scratch / f"stenogram-{engine}", scratch / f"stenogram-{engine}.json"
    row: dict[str, Any] = {"row": f"stenogram {engine}", "label": f"Stenogram {engine}"}
    row.update(stenogram_rows.build_index(data.corpus, engine, index, timeout=CHILD_TIMEOUT))
    if "error" in row:
        return row
    served = run_json(
        python_module(
            "bench.stenogram_rows",
            "--engine",
            engine,
            "--corpus",
            str(data.corpus),
            "--index",
            str(index),
            "--queries",
            str(data.queries),
            "--result",
            str(result),
            *(["--max-queries", str(cap)] if cap else []),
        ),
        result,
        timeout=CHILD_TIMEOUT,
    )
    row.update(served)
    return _clean(row)


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    """Drop empty error entries."""
    if not row.get("error"):
        row.pop("error", None)
    return row


def seeds_extras(engines: Sequence[str], scratch: Path) -> dict[str, Any]:
    """On the seeds, per engine: `stenogram ask` as a whole process and `stenogram eval` on dev."""
    out: dict[str, Any] = {}
    for engine in engines:
        index = scratch / f"stenogram-{engine}"
        log(f"seeds: stenogram ask and eval with {engine}")
        out[engine] = {
            "ask_process": stenogram_rows.ask_process(engine, index, SEEDS),
            "eval_dev": stenogram_rows.eval_quality(engine, index, SEEDS, DEV_QUESTIONS),
        }
    return out


def cli_row(data: Dataset, rows: list[dict[str, Any]], scratch: Path) -> dict[str, Any]:
    """`stenogram ask --json` with the dataset's questions on standard input, on the index its
    tantivy row built, against tantivy direct's mean time per question in the same run."""
    built = next((r for r in rows if r["row"] == "stenogram tantivy"), None)
    index = scratch / "stenogram-tantivy"
    if built is None or "error" in built or not index.is_dir():
        return {"error": "no Stenogram tantivy index in this run (--engines tantivy builds it)"}
    questions = [q["question"] for q in read_questions(data.queries)]
    log(f"{data.name}: stenogram ask --json, {len(questions)} questions on stdin")
    out = stenogram_rows.ask_stdin("tantivy", index, data.corpus, questions)
    peer = next((r for r in rows if r["row"] == REFERENCE and "latency" in r), None)
    if "per_question_ms" in out and peer is not None and peer["latency"]["mean_ms"]:
        out["tantivy_mean_ms"] = peer["latency"]["mean_ms"]
        out["vs_tantivy"] = round(out["per_question_ms"] / peer["latency"]["mean_ms"], 2)
    return out


def throughput(
    data: Dataset, engine: str | None, index: Path | None, scratch: Path
) -> dict[str, Any]:
    """Answered questions per second through the bot, with and without its rate limiter."""
    out: dict[str, Any] = {}
    for limited in (True, False):
        result = scratch / f"throughput-{limited}.json"
        args = [
            "--corpus",
            str(data.corpus),
            "--questions",
            str(data.queries),
            "--result",
            str(result),
        ]
        args += ["--engine", engine] if engine else []
        args += ["--index", str(index)] if index else []
        args += [] if limited else ["--no-rate-limit"]
        log(f"{data.name}: throughput, rate limiter {'on' if limited else 'off'}")
        out["rate_limited" if limited else "unlimited"] = run_json(
            python_module("bench.throughput", *args), result, timeout=CHILD_TIMEOUT
        )
    return out


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gib": round(mem / 1024 / 1024, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "sqlite": sqlite3.sqlite_version,
        "packages": _versions(),
        "git": _git(),
    }


def _versions() -> dict[str, str]:
    """Versions of the measured libraries."""
    out = {}
    for name in (
        "tantivy",
        "bm25s",
        "rank-bm25",
        "numpy",
        "PyStemmer",
        "wordfreq",
        "python-telegram-bot",
    ):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "not installed"
    return out


def _git() -> str:
    """The checkout's commit, marked when the work tree has changes."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True
        ).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + (" (uncommitted changes)" if git("status", "--porcelain") else "")


def ratios(rows: list[dict[str, Any]]) -> None:
    """Each row's p50 divided by tantivy-direct's p50 on the same data, in the same run."""
    reference = {
        r["dataset"]: r["latency"]["p50_ms"]
        for r in rows
        if r["row"] == REFERENCE and "latency" in r
    }
    for r in rows:
        base = reference.get(r["dataset"])
        if "latency" in r and base:
            r["p50_vs_tantivy"] = round(r["latency"]["p50_ms"] / base, 2)


COLUMNS = (
    "size",
    "engine",
    "build s",
    "peak MiB",
    "steady MiB",
    "index MB",
    "load s",
    "p50 ms",
    "p95 ms",
    "p50 ×tantivy",
    "timed",
)


def table_row(r: dict[str, Any]) -> list[str]:
    """One printed row."""
    if "error" in r:
        return [r["dataset"], r["label"], "error: " + str(r["error"])[:90]] + [""] * (
            len(COLUMNS) - 3
        )
    lat = r.get("latency", {})
    peak = max(v for v in (r.get("build_peak_mib"), r.get("serve_peak_mib")) if v is not None)
    return [
        r["dataset"],
        r["label"],
        _fmt(r.get("build_s"), 2),
        _fmt(peak, 0),
        _fmt(r.get("steady_mib"), 0),
        _fmt(r.get("index_mb"), 1),
        _fmt(r.get("load_s"), 3),
        _fmt(lat.get("p50_ms"), 3),
        _fmt(lat.get("p95_ms"), 3),
        _fmt(r.get("p50_vs_tantivy"), 2),
        f"{lat.get('timed', 0)}" + (" (capped)" if r.get("capped") else ""),
    ]


def _fmt(value: float | None, digits: int) -> str:
    """A number with thousands separators, or a dash."""
    return "–" if value is None else f"{value:,.{digits}f}"


def render_table(rows: list[dict[str, Any]]) -> str:
    """The rows as a Markdown table."""
    cells = [list(COLUMNS)] + [table_row(r) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(COLUMNS))]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        for row in cells
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def render_extras(result: dict[str, Any]) -> str:
    """Seeds figures (ask process, dev eval) and throughput, one line each."""
    lines = []
    for engine, extra in result.get("seeds", {}).items():
        ask, ev = extra["ask_process"], extra["eval_dev"]
        lines.append(
            f"seeds, {engine}: `stenogram ask` process p50 {ask.get('p50_ms', '?')} ms "
            f"(max {ask.get('max_ms', '?')} ms, {ask.get('runs', 0)} runs)"
            f"{' ' + ask['error'] if 'error' in ask else ''}; dev eval "
            + ", ".join(f"{k} {v}" for k, v in ev.get("figures", {}).items())
            + (f" {ev['error']}" if "error" in ev else "")
        )
    lines += seeds_rows.render(result.get("seeds_path", {}), result.get("seeds", {}))
    for name, cli in result.get("cli", {}).items():
        detail = cli.get("error") or (
            f"{cli['per_question_ms']} ms per question after start-up"
            + (
                f" (×{cli['vs_tantivy']} of tantivy direct's mean {cli['tantivy_mean_ms']} ms)"
                if "vs_tantivy" in cli
                else ""
            )
            + f", first answer after {cli['startup_ms']} ms"
        )
        lines.append(
            f"{name}: `stenogram ask --json`, {cli.get('questions', '?')} questions on stdin: {detail}"
        )
    for name, runs in result.get("throughput", {}).items():
        for mode, t in runs.items():
            detail = t.get("error") or (
                f"{t['answered_per_s']} answered/s ({t['answered']}/{t['questions']} "
                f"questions, {t['chats']} chats, {t['seconds']} s, reply p50 "
                f"{t['reply_p50_ms']} ms, p95 {t['reply_p95_ms']} ms)"
            )
            lines.append(
                f"throughput {name} [{t.get('engine', '?')}], {mode.replace('_', ' ')}: {detail}"
            )
    return "\n".join(lines)


def render_machine(m: dict[str, Any]) -> str:
    """One line about the machine."""
    return (
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gib']} GiB RAM; Python {m['python']}; "
        f"SQLite {m['sqlite']}; "
        + ", ".join(f"{k} {v}" for k, v in m["packages"].items())
        + f"; git {m['git']}"
    )


def measure_dataset(data: Dataset, args: argparse.Namespace, scratch: Path) -> list[dict[str, Any]]:
    """Every peer and Stenogram engine on one dataset, one after another."""
    rows = []
    for engine in args.peers:
        if not peers.available(engine):
            rows.append(
                {"row": f"peer {engine}", "label": PEER_LABELS[engine], "error": "not installed"}
            )
            continue
        cap = query_cap(f"peer {engine}", data, args.slow_queries)
        log(f"{data.name}: {PEER_LABELS[engine]}" + (f" (first {cap} questions)" if cap else ""))
        rows.append({**peer_row(engine, data, scratch, cap), "capped": cap is not None})
    for engine in args.engines:
        cap = query_cap(f"stenogram {engine}", data, args.slow_queries)
        log(f"{data.name}: Stenogram {engine}" + (f" (first {cap} questions)" if cap else ""))
        rows.append({**stenogram_row(engine, data, scratch, cap), "capped": cap is not None})
    for r in rows:
        r["dataset"] = data.name
    return rows


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The runner's options."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="*",
        default=list(DEFAULT_SIZES),
        help="passage counts of the generated corpora (default: 10000 100000)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--peers", nargs="*", default=list(peers.PEERS), choices=list(peers.PEERS))
    parser.add_argument(
        "--engines",
        nargs="*",
        default=list(stenogram_rows.ENGINES),
        choices=list(stenogram_rows.ENGINES),
        help="Stenogram engines",
    )
    parser.add_argument(
        "--slow-queries",
        type=int,
        default=None,
        help="questions timed for rank-bm25 rows above 20k passages (default 50, 20 above 200k)",
    )
    parser.add_argument("--no-seeds", action="store_true", help="skip the bundled seeds")
    parser.add_argument(
        "--throughput-size",
        type=int,
        default=None,
        help="generated size for the throughput run (default: the largest; 0: none)",
    )
    parser.add_argument("--throughput-engine", default="tantivy")
    parser.add_argument("--no-throughput", action="store_true")
    parser.add_argument(
        "--no-cli",
        action="store_true",
        help="skip `stenogram ask --json` with each generated size's questions on stdin",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="corpora and scratch indexes")
    parser.add_argument("--results", type=Path, default=DEFAULT_RESULTS, help="where the JSON goes")
    return parser.parse_args(argv)


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Measure everything the options ask for; the result as one JSON-ready dict."""
    began = time.perf_counter()
    result: dict[str, Any] = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "sizes": args.sizes,
        "seed": args.seed,
        "rows": [],
        "datasets": {},
        "seeds": {},
        "throughput": {},
        "cli": {},
    }
    datasets = [] if args.no_seeds else [seeds_dataset(args.out)]
    datasets += [generated_dataset(size, args.seed, args.out) for size in args.sizes]
    tp_size = (
        args.throughput_size if args.throughput_size is not None else max(args.sizes, default=0)
    )
    for data in datasets:
        scratch = args.out / "scratch" / data.name
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir(parents=True)
        result["datasets"][data.name] = {
            "corpus": str(data.corpus),
            "indexed_passages": data.passages,
            "queries": str(data.queries),
            "generated": data.generated,
        }
        rows = measure_dataset(data, args, scratch)
        result["rows"] += rows
        if data.name != "seeds" and not args.no_cli:
            result["cli"][data.name] = cli_row(data, rows, scratch)
        if data.name == "seeds":
            result["seeds"] = seeds_extras(args.engines, scratch)
            log("seeds: answer path on the dev and chat questions")
            result["seeds_path"] = seeds_rows.measure(args.engines, scratch)
        if not args.no_throughput and data.name in ("seeds", str(tp_size)):
            # The seeds run with the project's default engine; its index goes to scratch too.
            engine = None if data.name == "seeds" else args.throughput_engine
            index = scratch / (
                f"stenogram-{engine}" if engine in args.engines else "throughput-index"
            )
            result["throughput"][data.name] = throughput(data, engine, index, scratch)
        shutil.rmtree(scratch, ignore_errors=True)
    ratios(result["rows"])
    result["seconds"] = round(time.perf_counter() - began, 1)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: run, print the table, write bench/results/<timestamp>.json."""
    args = parse_args(argv)
    result = run(args)
    path = args.results / f"{datetime.now():%Y%m%d-%H%M%S}.json"
    write_result(path, result)
    from .plot import plot  # matplotlib is imported only when a run is complete

    picture = plot(result, path.with_suffix(".png"))
    print(render_machine(result["machine"]))
    print(render_table(result["rows"]))
    print(render_extras(result))
    print(f"Figures written to {path}, the plot to {picture} ({result['seconds']} s in all)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
