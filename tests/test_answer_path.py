"""The answer path's mechanics: what an index answers from its tables instead of reading text."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from stenogram.retrieval.answers.answer import Answerer
from stenogram.retrieval.documents.corpus import Corpus, load_corpus
from stenogram.retrieval.model import Answer
from stenogram.retrieval.questions import spelling
from stenogram.retrieval.questions.query import _named_speakers
from stenogram.retrieval.questions.questionfile import load_question_file
from stenogram.retrieval.questions.speaker_lookup import SpeakerLookup
from stenogram.retrieval.search.index import IndexStore
from stenogram.retrieval.search.stored import StoredLibrary
from stenogram.retrieval.tokenize import words

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
REAL = ROOT.parent / "shared" / "corpora" / "real"
QUESTION_FILES = [
    ROOT.parent / "shared" / "eval" / "dev.jsonl",
    ROOT.parent / "shared" / "eval" / "chat.jsonl",
    ROOT / "tests" / "data" / "heldout.jsonl",
    REAL / "questions.jsonl",
]


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Corpus, StoredLibrary]:
    library, _, _ = IndexStore(SEEDS, tmp_path_factory.mktemp("index")).open("tantivy")
    assert isinstance(library, StoredLibrary)
    return load_corpus(SEEDS), library


def test_turn_layout_is_the_turn_without_its_text(seeds: tuple[Corpus, StoredLibrary]) -> None:
    corpus, library = seeds
    turns = {(p.doc_id, p.turn_index) for p in corpus.passages}
    for doc_id, turn in sorted(turns):
        expected = [(p.id, p.span, len(p.text)) for p in corpus.turn_passages(doc_id, turn)]
        assert library.turn_layout(doc_id, turn) == expected
        assert corpus.turn_layout(doc_id, turn) == expected
    assert library.turn_layout("no-such-document", 0) == []
    last = max(t for d, t in turns if d == corpus.passages[0].doc_id)
    assert library.turn_layout(corpus.passages[0].doc_id, last + 1) == []


def _question_word_lists(corpus: Corpus) -> list[list[str]]:
    """Word lists that name speakers in every way (and that do not): each speaker's names and
    roles, misspelt, lower-cased, beside the question files' questions."""
    out: list[list[str]] = []
    for sp in corpus.speakers.values():
        for n in (sp.name, *sp.aliases, sp.role):
            ws = words(n)
            out.append(ws)
            out.append(["what", "did", *ws, "say", "about", "troops"])
            for w in ws:
                if len(w) >= 5:  # a letter dropped, a letter doubled: spelling-tolerant matches
                    out.append(["did", w[:2] + w[3:], "speak"])
                    out.append(["did", w[:3] + w[2:], "speak"])
    for path in QUESTION_FILES:
        if path.is_file():
            out += [words(q["question"]) for q in load_question_file(path)]
    return out


def test_speaker_lookup_names_whom_the_loop_over_speakers_names() -> None:
    corpora = [SEEDS, *(p for p in sorted(REAL.glob("*")) if p.is_dir())]
    compared = named = 0
    for folder in corpora:
        corpus = load_corpus(folder)
        speakers = list(corpus.speakers.values())
        lookup = SpeakerLookup(speakers)
        for ws in _question_word_lists(corpus):
            found = lookup.named(ws)
            assert found == _named_speakers(ws, speakers), ws
            compared += 1
            named += bool(found)
    assert compared > 1000 and named > 300


def _answers(answerer: Answerer, questions: list[dict]) -> list[Answer]:
    read_as: dict[str, str] = {}
    out = []
    for q in questions:
        previous = read_as.get(q["follows"]) if q.get("follows") else None
        out.append(answerer.ask(q["question"], previous=previous))
        read_as[q["id"]] = out[-1].read_as
    return out


def test_reader_tables_saved_in_the_generation_give_the_same_answers(tmp_path: Path) -> None:
    library, retriever, info = IndexStore(SEEDS, tmp_path / "index").open("tantivy")
    built = Answerer(library, retriever, cache=info.directory)
    assert built.reader and not list(info.directory.glob(".reader-*"))
    saved = sorted(p.name for p in info.directory.glob("reader-*"))
    assert len(saved) == 2  # the speller's dictionary and the word vectors
    loaded = Answerer(library, retriever, cache=info.directory)
    a, b = built.reader, loaded.reader
    assert a.speller.entries == b.speller.entries and a.speller.terms == b.speller.terms
    assert a.neighbours is not None and b.neighbours is not None
    assert a.neighbours.terms == b.neighbours.terms and a.neighbours.words == b.neighbours.words
    assert np.array_equal(a.neighbours._vectors(), b.neighbours._vectors())
    plain = Answerer(library, retriever)  # built in memory, nothing saved
    questions = [q for f in QUESTION_FILES[:3] if f.is_file() for q in load_question_file(f)]
    assert _answers(loaded, questions) == _answers(plain, questions)
    assert any(a.corrections for a in map(loaded.read, (q["question"] for q in questions)))


def test_a_generation_that_cannot_be_written_is_served_without_its_tables(tmp_path: Path) -> None:
    library, retriever, _ = IndexStore(SEEDS, tmp_path / "index").open("tantivy")
    blocked = tmp_path / "not-a-directory"  # every read and write below it fails, even for root
    blocked.write_text("", encoding="utf-8")
    answerer = Answerer(library, retriever, cache=blocked)
    answer = answerer.ask("What did Zas conclude about the peacekeeping mechanism?")
    assert answer.quotes and answerer.reader.speller.terms
    assert blocked.read_text(encoding="utf-8") == ""


def test_reader_tables_are_named_by_the_data_files_they_come_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another English word list or model (a library installed again, or in another version)
    makes new tables: their name digests each data file's name, size and modification time."""
    from stenogram.retrieval.questions import reader_cache
    from stenogram.retrieval.questions.spelling import dictionary_file

    vocabulary = (("harbour", 3), ("pier", 2))
    name = reader_cache.cache_file(tmp_path, vocabulary, "speller.json")
    assert reader_cache.cache_file(tmp_path, vocabulary, "speller.json") == name
    assert name.parent == tmp_path and name.name.startswith("reader-")
    other = tmp_path / dictionary_file().name
    other.write_bytes(dictionary_file().read_bytes()[:-1])  # one byte short: another list
    monkeypatch.setattr(reader_cache, "dictionary_file", lambda: other)
    reader_cache._sources.cache_clear()
    try:
        assert reader_cache.cache_file(tmp_path, vocabulary, "speller.json") != name
    finally:
        reader_cache._sources.cache_clear()


def test_the_seeds_answer_path_row_times_every_question(tmp_path: Path) -> None:
    from bench import seeds_rows

    files = [f for f in QUESTION_FILES[:2] if f.is_file()]
    if not files:
        pytest.skip("../shared/eval is not beside the checkout")
    row = seeds_rows.serve("rank-bm25", tmp_path / "index", files)
    assert row["questions"] == sum(len(load_question_file(f)) for f in files)
    assert 0 < row["cpu_p50_ms"] <= row["cpu_p95_ms"] and 0 < row["p50_ms"] <= row["p95_ms"]
    line = seeds_rows.render({"rank-bm25": row}, {"rank-bm25": {"ask_process": {"p50_ms": 1}}})
    assert line[0].startswith("seeds answer path, rank-bm25") and "p50 1 ms" in line[0]


def test_prepare_builds_what_a_first_question_would_wait_for(tmp_path: Path) -> None:
    library, retriever, info = IndexStore(SEEDS, tmp_path / "index").open("tantivy")
    assert Answerer(library, retriever, cache=info.directory).reader  # saves the reader's tables
    answerer = Answerer(library, retriever, cache=info.directory)
    assert answerer.reader.speller._sym is None  # loaded from the generation: built on demand
    spelling._alphabetical.cache_clear()  # the word list surface() searches, sorted once
    answerer.prepare()
    assert answerer.reader.speller._sym is not None
    assert spelling._alphabetical.cache_info().currsize == 1
    assert answerer.read("emergancy").corrections == (("emergancy", "emergency"),)
