"""The passage table, built a column at a time, holds each passage's exact bytes and position."""

from __future__ import annotations

import zlib
from pathlib import Path

import numpy as np
import pytest

from stenogram.retrieval.bounded import Bounded
from stenogram.retrieval.documents.corpus import load_corpus
from stenogram.retrieval.model import Passage
from stenogram.retrieval.search import table as table_module
from stenogram.retrieval.search.table import COLUMNS, PassageTable

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "real"


def non_ascii_corpus(tmp_path: Path) -> Path:
    """Documents whose text has two-, three- and four-byte characters before and inside passages."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ru.txt").write_text(
        "Заседание Совета\n\nВладимир Путин: Добрый день, уважаемые коллеги, начнём работу.\n\n"
        "Мы обсудим бюджет регионов — и налоги 😀 на следующий год, это важно.\n\n"
        "Анна Иванова: Спасибо, Владимир Владимирович, бюджет регионов готов к обсуждению.\n",
        encoding="utf-8",
    )
    (corpus / "en.txt").write_text(
        "Café hearing\n\nJane Doe: The naïve budget — “really” — covered every région this year.\n\n"
        "John Roe: The €40 million fund paid for schools, roads and the harbour in 2024.\n",
        encoding="utf-8",
    )
    return corpus


@pytest.mark.parametrize("which", ["seeds", "non-ascii", "real"])
def test_table_rows_are_the_passages_bytes(which: str, tmp_path: Path) -> None:
    if which == "real" and not REAL.is_dir():
        pytest.skip("the shared real documents are not here")
    directory = {"seeds": SEEDS, "non-ascii": non_ascii_corpus(tmp_path), "real": REAL}[which]
    corpus = load_corpus(directory)
    doc_index = {d: i for i, d in enumerate(corpus.documents)}
    speaker_index = {s: i for i, s in enumerate(corpus.speakers)}
    table = PassageTable.build(corpus.passages, corpus.documents, doc_index, speaker_index)
    table.save(tmp_path / "table")
    loaded = PassageTable.load(tmp_path / "table")
    c = loaded.columns
    assert len(loaded) == len(corpus.passages) > 0
    for row, p in enumerate(corpus.passages):
        text = corpus.documents[p.doc_id].text
        b0 = len(text[: p.span.start].encode("utf-8"))
        b1 = b0 + len(p.text.encode("utf-8"))
        assert (int(c["byte_start"][row]), int(c["byte_end"][row])) == (b0, b1)
        assert int(c["crc"][row]) == zlib.crc32(p.text.encode("utf-8"))
        assert int(c["doc"][row]) == doc_index[p.doc_id]
        assert int(c["speaker"][row]) == speaker_index[p.speaker_id]
        assert bool(c["indexed"][row]) == p.indexed
        doc = corpus.documents[p.doc_id]
        if doc.original is None:  # a converted document's text is not in a file here
            assert loaded.read(row, p.doc_id, doc.path, p.speaker_id) == p
    if which == "non-ascii":
        assert any(c["byte_start"] != c["start"])  # the multi-byte path was taken


def test_rows_read_together_are_the_rows_read_one_at_a_time(tmp_path: Path) -> None:
    """read_rows() (each file opened once for many rows, in any order) gives what read() gives
    row by row, and None for a row whose file no longer holds its text."""
    corpus = load_corpus(non_ascii_corpus(tmp_path))
    doc_ids, speaker_ids = list(corpus.documents), list(corpus.speakers)
    table = PassageTable.build(
        corpus.passages,
        corpus.documents,
        {d: i for i, d in enumerate(doc_ids)},
        {s: i for i, s in enumerate(speaker_ids)},
    )
    paths = [corpus.documents[d].path for d in doc_ids]
    order = [*range(len(table) - 1, -1, -1), 0]  # across documents, backwards, one row twice
    assert table.read_rows(order, doc_ids, speaker_ids, paths) == [
        corpus.passages[r] for r in order
    ]
    known: Bounded[int, tuple[bytes, Passage]] = Bounded(100)
    first = table.read_rows(order, doc_ids, speaker_ids, paths, known)
    again = table.read_rows(order, doc_ids, speaker_ids, paths, known)
    assert first == again == [corpus.passages[r] for r in order]
    assert all(a is b for a, b in zip(first, again, strict=True))  # remembered, not rebuilt
    changed = next(i for i, p in enumerate(corpus.passages) if "harbour" in p.text)
    path = corpus.documents[corpus.passages[changed].doc_id].path
    path.write_text(path.read_text(encoding="utf-8").replace("harbour", "harbor!"), "utf-8")
    for remembered in (None, known):  # a remembered passage is never served for changed bytes
        got = table.read_rows(order, doc_ids, speaker_ids, paths, remembered)
        assert got == [None if r == changed else corpus.passages[r] for r in order]
    assert table.read_rows([], doc_ids, speaker_ids, paths) == []


def test_columns_are_stored_small_and_load_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """save() codes each span as a gap and a length in the narrowest dtype that holds them;
    load() gives back every column exactly, in its own dtype, even past 4 GB into a file and
    for rows that overlap (a negative gap)."""
    rng = np.random.default_rng(7)
    monkeypatch.setattr(table_module, "_BLOCK", 1_000)  # rows coded in blocks, documents across two
    n = 3_000
    docs = np.sort(rng.integers(0, 40, n)).astype(np.int32)
    lengths = rng.integers(1, 2_000, n)
    gaps = rng.integers(-5, 300, n)
    starts = np.zeros(n, np.int64)
    for row in range(n):  # a document's rows follow one another, the first one far into it
        before = starts[row - 1] + lengths[row - 1] if row and docs[row] == docs[row - 1] else 0
        starts[row] = max(0, before + gaps[row]) + (5 << 30 if before == 0 and row % 2 else 0)
    columns = {name: rng.integers(0, 1_000, n).astype(dtype) for name, dtype in COLUMNS.items()}
    columns["doc"], columns["crc"] = docs, rng.integers(0, 2**32, n).astype(np.uint32)
    columns["indexed"] = rng.integers(0, 2, n).astype(np.bool_)
    for a, b in (("start", "end"), ("byte_start", "byte_end")):
        columns[a], columns[b] = starts, starts + lengths
    columns["line_start"] = (starts // 50).astype(np.int32)
    columns["line_end"] = ((starts + lengths) // 50).astype(np.int32)
    table = PassageTable(columns)
    table.save(tmp_path / "t")
    loaded = PassageTable.load(tmp_path / "t").columns
    for name, dtype in COLUMNS.items():
        assert loaded[name].dtype == dtype and np.array_equal(loaded[name], columns[name]), name
    assert np.load(tmp_path / "t" / "end.npy").dtype == np.uint16  # lengths under 65,536
    assert np.load(tmp_path / "t" / "start.npy").dtype == np.int64  # gaps past 4 GB
    assert np.load(tmp_path / "t" / "doc.npy").dtype == np.uint8
    empty = PassageTable({name: np.zeros(0, dtype) for name, dtype in COLUMNS.items()})
    empty.save(tmp_path / "e")
    assert len(PassageTable.load(tmp_path / "e")) == 0


def test_a_real_table_takes_about_twenty_bytes_a_passage(tmp_path: Path) -> None:
    corpus = load_corpus(SEEDS)
    table = PassageTable.build(
        corpus.passages,
        corpus.documents,
        {d: i for i, d in enumerate(corpus.documents)},
        {s: i for i, s in enumerate(corpus.speakers)},
    )
    table.save(tmp_path / "t")
    payload = sum(np.load(f).nbytes for f in (tmp_path / "t").glob("*.npy"))
    assert payload <= 24 * len(table)  # the columns' own dtypes: 57 bytes a passage
