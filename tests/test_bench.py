"""The benchmark harness at a tiny size: generator, question set and the runner's JSON (seconds)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip(
    "wordfreq", reason="bench dependencies absent: `make bench` installs requirements-bench.lock"
)

from bench.generate import PASSAGES_FILE, SIDECAR, generate
from bench.peers import available
from bench.queries import CATEGORIES, make_questions
from bench.speakers import speaker_pool
from stenogram.retrieval.documents.corpus import load_corpus
from stenogram.retrieval.documents.speakers import SpeakerRegistry, same_person

ROOT = Path(__file__).resolve().parent.parent
TINY = 500


def digest(directory: Path) -> str:
    """One hash over every file below a directory, names included."""
    h = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        if path.name != "meta.json":  # it records the seconds taken
            h.update(path.relative_to(directory).as_posix().encode() + path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    generate(TINY, out, seed=7)
    return out


def test_generation_is_deterministic_by_seed(corpus: Path, tmp_path: Path) -> None:
    generate(TINY, tmp_path / "again", seed=7)
    generate(TINY, tmp_path / "other", seed=8)
    assert digest(tmp_path / "again") == digest(corpus)
    assert digest(tmp_path / "other") != digest(corpus)


def test_generated_corpus_parses_into_the_requested_passages(corpus: Path) -> None:
    loaded = load_corpus(corpus)
    assert not loaded.problems
    assert all(not s.warnings for s in loaded.sources.values())
    assert len(loaded.passages) == TINY
    indexed = [p.text for p in loaded.passages if p.indexed]
    # The peers index the sidecar's texts: exactly the passages the project indexes.
    assert indexed == (corpus / SIDECAR / PASSAGES_FILE).read_text(encoding="utf-8").splitlines()
    words = [len(t.split()) for t in indexed]
    assert 75 <= sum(words) / len(words) <= 105
    assert all(s.role for s in loaded.speakers.values())


def test_several_files_and_a_manifest_at_larger_sizes(tmp_path: Path) -> None:
    report = generate(3000, tmp_path, seed=1)
    assert report.files == 3 and report.passages == 3000
    assert len(load_corpus(tmp_path).passages) == 3000


def test_speaker_pool_stays_apart_under_fuzzy_matching() -> None:
    pool = speaker_pool()
    registry = SpeakerRegistry()
    for person in pool:
        registry.person(person.name, person.role)
    assert len(registry.all()) == len(pool)
    assert not [
        (a.name, b.name) for a in pool for b in pool if a != b and same_person(a.name, b.name)
    ]


def test_question_set_has_its_categories(corpus: Path) -> None:
    questions = make_questions(corpus, seed=1)
    assert len(questions) == 200
    assert Counter(q.category for q in questions) == Counter(CATEGORIES)
    assert all(q.question.endswith("?") and q.question[0].isupper() for q in questions)
    named = [q for q in questions if q.category == "speaker"]
    assert all(q.speaker for q in named) and not any(q.speaker for q in questions if q not in named)
    assert make_questions(corpus, seed=1) == questions


def test_runner_writes_a_well_formed_result(tmp_path: Path) -> None:
    installed = [p for p in ("rank-bm25", "bm25s", "tantivy", "sqlite-fts5") if available(p)]
    cmd = [
        sys.executable,
        "-m",
        "bench.run",
        "--sizes",
        str(TINY),
        "--no-seeds",
        "--no-throughput",
        "--engines",
        *(["tantivy"] if "tantivy" in installed else []),
        "--peers",
        *installed,
        "--out",
        str(tmp_path / "out"),
        "--results",
        str(tmp_path / "results"),
    ]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    [path] = (tmp_path / "results").glob("*.json")
    result = json.loads(path.read_text())
    assert result["machine"]["cores"] >= 1 and result["machine"]["python"]
    engines = {"stenogram tantivy"} if "tantivy" in installed else set()
    assert {r["row"] for r in result["rows"]} == {f"peer {p}" for p in installed} | engines
    for row in result["rows"]:
        assert "error" not in row, row
        assert row["build_s"] >= 0 and row["steady_mib"] > 0 and row["latency"]["timed"] == 200
        assert row["latency"]["p50_ms"] <= row["latency"]["p95_ms"]
    if "tantivy" in installed:
        assert (
            next(r for r in result["rows"] if r["row"] == "peer tantivy")["p50_vs_tantivy"] == 1.0
        )
    assert "| size" in done.stdout and "Machine:" in done.stdout
    cli = result["cli"][str(TINY)]
    if "tantivy" in installed:
        # `stenogram ask --json` on stdin, on the index the tantivy row built, as a ratio.
        assert cli["questions"] == 200 and cli["per_question_ms"] > 0, cli
        assert cli["vs_tantivy"] == round(cli["per_question_ms"] / cli["tantivy_mean_ms"], 2)
        assert "questions on stdin" in done.stdout


def test_plot_draws_build_time_and_p50_per_row(tmp_path: Path) -> None:
    from bench.plot import plot, series

    rows = []
    for name, size in (("seeds", 270), ("10000", 9800), ("100000", 98000)):
        for row, label in (("peer tantivy", "tantivy direct"), ("stenogram tantivy", "Stenogram")):
            rows.append(
                {
                    "row": row,
                    "label": label,
                    "dataset": name,
                    "build_s": size / 1000,
                    "latency": {"p50_ms": size / 10000},
                    "capped": name == "100000" and row.startswith("peer"),
                }
            )
    result = {
        "started": "now",
        "machine": {"cpu": "test", "cores": 2},
        "rows": rows,
        "datasets": {
            name: {"indexed_passages": size}
            for name, size in (("seeds", 270), ("10000", 9800), ("100000", 98000))
        },
    }
    found = series(result, "p50_ms")
    assert found["tantivy direct"] == [(270, 0.027, False), (9800, 0.98, False), (98000, 9.8, True)]
    assert [x for x, _, _ in series(result, "build_s")["Stenogram"]] == [270, 9800, 98000]
    png = plot(result, tmp_path / "run.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000


def test_the_ask_process_is_timed_over_compiled_modules() -> None:
    """`stenogram ask` is timed as an installed wheel runs it: every module of the package has
    its bytecode, current for its source (otherwise, with PYTHONDONTWRITEBYTECODE set, each
    process would compile them again)."""
    import importlib.util

    from bench.stenogram_rows import compile_package

    compile_package()
    sources = [p for folder in ("bot", "retrieval") for p in (ROOT / folder).rglob("*.py")]
    sources += sorted((ROOT / "stenogram").glob("*.py"))
    assert len(sources) > 50
    stale = []
    for source in sources:
        compiled = Path(importlib.util.cache_from_source(str(source)))
        # A bytecode file's header holds its source's mtime (bytes 8-12) and size (12-16).
        header = compiled.read_bytes()[:16] if compiled.is_file() else b""
        stat = source.stat()
        expected = (int(stat.st_mtime) & 0xFFFFFFFF).to_bytes(4, "little")
        if header[8:12] != expected or header[12:16] != (stat.st_size & 0xFFFFFFFF).to_bytes(
            4, "little"
        ):
            stale.append(source.relative_to(ROOT).as_posix())
    assert stale == []


def test_ask_on_stdin_times_each_question_after_start_up(tmp_path: Path) -> None:
    """The CLI row: one `stenogram ask --json` process answers every question on its standard
    input; the time per question excludes start-up, which the first answer carries."""
    from bench.stenogram_rows import ask_stdin, build_index

    index = tmp_path / "index"
    built = build_index(ROOT / "seeds", "tantivy", index)
    assert "error" not in built, built
    questions = [
        "What did Putin say about colour revolutions?",
        "How many peacekeepers were sent?",
        "what did lukashenko say",
        "Who chaired the session?",
    ]
    out = ask_stdin("tantivy", index, ROOT / "seeds", questions)
    assert "error" not in out, out
    assert out["questions"] == 4
    assert 0 < out["per_question_ms"] < out["startup_ms"] < out["wall_s"] * 1000
    assert "error" in ask_stdin("tantivy", index, ROOT / "seeds", questions[:1])
    # A process that cannot answer (no corpus there) is an error, not a figure.
    assert "error" in ask_stdin("tantivy", index, tmp_path / "missing", questions)
