"""Parsing in worker processes (ahead.py) loads exactly what the sequential loader does."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from stenogram.retrieval.documents import ahead, corpus
from stenogram.retrieval.documents.corpus import Corpus, load_corpus
from stenogram.retrieval.search.incremental import DocRecord, Records

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "real"

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="workers are forked"
)


def loaded(directory: Path, parallel: bool) -> tuple[Corpus, dict[str, DocRecord], int]:
    """The corpus, its records and how many documents this process parsed itself."""
    records = Records()
    parsed = 0
    original = corpus.parse

    def counting(*args: Any, **kwargs: Any) -> Any:
        nonlocal parsed
        parsed += 1
        return original(*args, **kwargs)

    corpus.parse = counting  # type: ignore[assignment]
    try:
        found = load_corpus(directory, duplicates=False, records=records, parallel=parallel)
    finally:
        corpus.parse = original
    return found, records.current, parsed


def assert_same(a: tuple[Corpus, dict[str, DocRecord], int], b: Any) -> None:
    (one, one_records, _), (two, two_records, _) = a, b
    assert one.documents == two.documents and one.speakers == two.speakers
    assert one.turns == two.turns and one.passages == two.passages
    assert (one.problems, one.skipped) == (two.problems, two.skipped)
    assert one_records.keys() == two_records.keys()
    for name, mine in one_records.items():
        theirs = two_records[name]
        assert (mine.calls, mine.meta, mine.kind, mine.speaker_ids, mine.warnings) == (
            theirs.calls,
            theirs.meta,
            theirs.kind,
            theirs.speaker_ids,
            theirs.warnings,
        )
        assert np.array_equal(mine.passages, theirs.passages)
        assert np.array_equal(mine.turns, theirs.turns)


@pytest.mark.parametrize("run", [1, 3])
def test_workers_load_the_seeds_and_real_corpora_as_one_process_does(
    monkeypatch: pytest.MonkeyPatch, run: int
) -> None:
    monkeypatch.setattr(ahead, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setattr(ahead, "RUN", run)
    directories = [
        SEEDS,
        *(sorted(p for p in REAL.iterdir() if p.is_dir()) if REAL.is_dir() else []),
    ]
    parsed_here = documents = 0
    for directory in directories:
        sequential = loaded(directory, parallel=False)
        parallel = loaded(directory, parallel=True)
        assert_same(parallel, sequential)
        assert sequential[2] == len(sequential[1])  # every document parsed in this process
        parsed_here += parallel[2]
        documents += len(parallel[1])
    assert parsed_here < documents / 2  # the workers' parses were taken


def test_a_speaker_resolved_by_an_earlier_file_is_parsed_again_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ahead, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setattr(ahead, "RUN", 1)  # each file alone in a worker, with a registry of its own
    directory = tmp_path / "corpus"
    directory.mkdir()
    say = "the harbour budget will be spent on the new ferry terminal and its quay"
    (directory / "a.txt").write_text(
        f"Meeting\n\nVladimir Putin: First, {say}.\n\nAnna Smith: Then {say}.\n", encoding="utf-8"
    )
    # "Putin" alone is the Vladimir Putin of a.txt for the sequential loader; a worker that
    # never saw a.txt makes him a speaker "putin" of his own.
    (directory / "b.txt").write_text(
        f"Meeting\n\nPutin: Again, {say}.\n\nAnna Smith: Yes, {say}.\n\nPutin: Indeed.\n",
        encoding="utf-8",
    )
    shutil.copy(directory / "a.txt", directory / "c.txt")
    sequential, parallel = loaded(directory, False), loaded(directory, True)
    assert_same(parallel, sequential)
    assert {t.speaker_id for t in parallel[0].turns if t.doc_id == "b"} == {
        "vladimir-putin",
        "anna-smith",
    }
    assert parallel[2] == 1  # b.txt, parsed again here; a.txt and c.txt taken from the workers
