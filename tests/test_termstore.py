"""What an index stores for the answer path equals what the answer path would compute: each
passage's term ids are the terms tokenising its text gives; its context flag is False only where
the exchange context is empty."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from test_build import corpora, with_copies

from stenogram.retrieval.answers.exchange import Exchanges, may_take_context
from stenogram.retrieval.documents.corpus import load_corpus
from stenogram.retrieval.model import Passage
from stenogram.retrieval.search import build
from stenogram.retrieval.search.index import IndexStore
from stenogram.retrieval.search.stored import StoredLibrary
from stenogram.retrieval.search.table import PassageTable
from stenogram.retrieval.search.termstore import TERMS_DIR, StoredTerms, TermIds, save_terms
from stenogram.retrieval.tokenize import tokens


def expected(passages: list[Passage]) -> list[list[str]]:
    """What the answer path computed before: each indexed passage's text tokenised."""
    return [tokens(p.text) if p.indexed else [] for p in passages]


def spelled(ids: TermIds) -> list[list[str]]:
    """Each passage's terms, spelled out from its ids."""
    starts = np.concatenate([[0], np.cumsum(ids.counts)]).tolist()
    flat = [ids.vocabulary[i] for i in ids.ids.tolist()]
    return [flat[a:b] for a, b in itertools.pairwise(starts)]


@pytest.mark.parametrize("workers", [1, 2])
def test_build_term_ids_are_the_tokens(
    tmp_path: Path, workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "CHUNK", 97)  # many chunks, each with a vocabulary of its own
    for directory in corpora(tmp_path):
        passages = list(load_corpus(directory).passages)
        ids = build.passage_features(passages, workers=workers).term_ids
        assert len(ids.vocabulary) == len(set(ids.vocabulary))  # one id per term
        assert spelled(ids) == expected(passages)


def test_the_plain_path_stores_the_same_term_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    from stenogram.retrieval.search import batchwords

    passages = list(load_corpus(Path(__file__).parent.parent / "seeds").passages)[:300]
    monkeypatch.setattr(batchwords, "_keys", lambda points, starts, ends: starts * 0)
    ids = build.passage_features(passages, workers=1).term_ids
    assert spelled(ids) == expected(passages) and any(ids.counts)


def test_stored_terms_read_back_as_tokens(tmp_path: Path) -> None:
    corpus_dir = with_copies(tmp_path)
    library, _, info = IndexStore(corpus_dir, tmp_path / "index").open("tantivy")
    assert isinstance(library, StoredLibrary)
    passages = list(load_corpus(corpus_dir).passages)
    got = [library.stored_terms(library.passage(p.id)) for p in passages]
    assert got == [tokens(p.text) if p.indexed else None for p in passages]
    assert sum(t is None for t in got) == sum(not p.indexed for p in passages) > 0
    assert len(StoredTerms(info.directory / TERMS_DIR)) == library.passage_count


def test_a_large_vocabulary_is_stored_in_wider_ids(tmp_path: Path) -> None:
    vocabulary = [f"w{i}" for i in range(70_000)]
    ids = TermIds(vocabulary, np.array([69_999, 0, 65_536], np.int64), np.array([2, 0, 1]))
    save_terms(ids, tmp_path)
    stored = StoredTerms(tmp_path)
    assert [stored.of(r) for r in range(3)] == [["w69999", "w0"], [], ["w65536"]]


@pytest.mark.parametrize(
    ("most", "dtype"), [(255, np.uint8), (256, np.uint16), (70_000, np.uint32)]
)
def test_counts_are_stored_in_the_narrowest_dtype(tmp_path: Path, most: int, dtype: type) -> None:
    """Each row's count of ids takes one byte while no row has more than 255, and the rows still
    start where the counts before them say."""
    counts = np.array([3, 0, most, 1], np.int64)
    ids = TermIds(["a", "b", "c"], np.arange(counts.sum()) % 3, counts)
    save_terms(ids, tmp_path)
    assert np.load(tmp_path / "counts.npy").dtype == dtype
    stored = StoredTerms(tmp_path)
    assert [stored.of(r) for r in (0, 1, 3)] == [
        ["a", "b", "c"],
        [],
        [["a", "b", "c"][(most + 3) % 3]],
    ]
    assert len(stored.of(2)) == most


def test_the_stored_context_flags_leave_out_only_passages_without_context(tmp_path: Path) -> None:
    """exchange.may_take_context, as the build stores it, is False only for passages whose
    exchange context (Exchanges.around) is empty, on the seeds and every shared real corpus;
    and it leaves out most passages (else it would save nothing)."""
    taking, flagged, total = 0, 0, 0
    for directory in corpora(tmp_path):
        corpus = load_corpus(directory)
        table = PassageTable.build(
            corpus.passages,
            corpus.documents,
            {d: i for i, d in enumerate(corpus.documents)},
            {s: i for i, s in enumerate(corpus.speakers)},
        )
        asks = np.array([p.text.rstrip().endswith("?") for p in corpus.passages], np.bool_)
        maybe = may_take_context(table.columns, asks).tolist()
        exchanges = Exchanges(corpus)
        around = [any(exchanges.around(p)) for p in corpus.passages]
        assert not [p.id for p, a, m in zip(corpus.passages, around, maybe, strict=True) if a > m]
        taking, flagged, total = taking + sum(around), flagged + sum(maybe), total + len(maybe)
    assert 0 < taking <= flagged < total / 2


def test_an_index_answers_from_its_context_flags(tmp_path: Path) -> None:
    corpus_dir = with_copies(tmp_path)
    library, _, _ = IndexStore(corpus_dir, tmp_path / "index").open("tantivy")
    corpus = load_corpus(corpus_dir)
    in_memory, stored = Exchanges(corpus), Exchanges(library)
    for p in corpus.passages:
        assert stored.around(library.passage(p.id)) == in_memory.around(p)


def test_joined_ids_take_two_bytes_until_the_vocabulary_needs_four() -> None:
    """The build holds 45 million ids at a million passages: uint16 while the vocabulary allows,
    uint32 once it grows past 65,536 terms, the earlier runs' ids unchanged."""
    from stenogram.retrieval.search.termstore import Joiner, TermIds

    small = TermIds(["ferry", "harbour"], np.array([1, 0, 1], np.int32), np.array([2, 1]))
    alone = Joiner()
    alone.add(small)
    assert alone.joined().ids.dtype == np.uint16
    joiner = Joiner()  # joined() hands its runs over: one Joiner, one join
    joiner.add(small)
    many = [f"w{i}" for i in range(70_000)]
    joiner.add(TermIds(many, np.array([69_999, 0], np.int32), np.array([2])))
    joined = joiner.joined()
    assert joined.ids.dtype == np.uint32
    words = [joined.vocabulary[i] for i in joined.ids.tolist()]
    assert words == ["harbour", "ferry", "harbour", "w69999", "w0"]
    assert joined.counts.tolist() == [2, 1, 2]
