"""The persisted index and the tantivy engine: same answers, filters in the engine, rebuilds, verbatim."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from test_answers import check_answer, random_questions

from stenogram.retrieval.answers.answer import Answerer
from stenogram.retrieval.answers.evaluate import evaluate
from stenogram.retrieval.documents.corpus import load_corpus
from stenogram.retrieval.questions.questionfile import load_question_file
from stenogram.retrieval.search import incremental as incremental_module
from stenogram.retrieval.search import index as index_module
from stenogram.retrieval.search.incremental import load_records
from stenogram.retrieval.search.index import AUTO_LIMIT, CURRENT, IndexStore, choose_engine
from stenogram.retrieval.search.stored import StoredLibrary
from stenogram.retrieval.search.tantivy_engine import TantivyRetriever
from stenogram.retrieval.tokenize import tokens

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev.jsonl"
HELDOUT = Path(__file__).resolve().parent / "data" / "heldout.jsonl"
NEW_PARAGRAPH = (
    "Alexander Lukashenko: The zeppelin hangar near the lighthouse must be repaired "
    "before the winter storms reach the harbour.\n"
)


def questions() -> list[dict]:
    """The development questions when ../shared is present, and our held-out ones always."""
    return (load_question_file(DEV) if DEV.exists() else []) + load_question_file(HELDOUT)


@pytest.fixture(scope="module")
def answerers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Answerer]:
    """Both engines over the seeds, each opened from its own persisted index."""
    out = {}
    for engine in ("rank-bm25", "tantivy"):
        store = IndexStore(SEEDS, tmp_path_factory.mktemp(engine))
        library, retriever, info = store.open(engine)
        assert info.engine == engine and isinstance(library, StoredLibrary)
        out[engine] = Answerer(library, retriever)
    return out


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A private copy of the seeds that a test may change."""
    return Path(shutil.copytree(SEEDS, tmp_path / "corpus"))


def test_engines_agree_on_the_questions(answerers: dict[str, Answerer]) -> None:
    """Same top-3 passages for every question, up to a near tie at the cut-off (each engine's
    three are among the other's four); their order may differ on near ties.

    The order can differ because tantivy's BM25 uses k1=1.2 and Lucene's IDF, rank-bm25 k1=1.5
    and its own IDF; on the seeds that swaps near-tied quotes of a few questions out of 53 (one
    third quote, 8.56 against 8.55, swaps with the fourth).
    """
    reference, large = answerers["rank-bm25"], answerers["tantivy"]
    same_order = 0
    for q in questions():
        a, b = reference.ask(q["question"]), large.ask(q["question"])
        ids_a = [x.citation.passage_id for x in a.quotes]
        ids_b = [x.citation.passage_id for x in b.quotes]
        if q.get("expect") != "abstain":
            four_a = {x.citation.passage_id for x in reference.ask(q["question"], k=4).quotes}
            four_b = {x.citation.passage_id for x in large.ask(q["question"], k=4).quotes}
            assert set(ids_a) <= four_b and set(ids_b) <= four_a, q["question"]
        assert a.abstained == b.abstained, q["question"]
        same_order += ids_a == ids_b
    assert same_order >= 0.9 * len(questions())
    for name in (DEV, HELDOUT):
        if name.exists():
            scores = [evaluate(answerers[e], load_question_file(name)).lines() for e in answerers]
            assert scores[0] == scores[1]


def test_tantivy_quotes_are_verbatim(answerers: dict[str, Answerer]) -> None:
    answerer = answerers["tantivy"]
    library = answerer.corpus
    asked = [q["question"] for q in questions()] + random_questions(load_corpus(SEEDS))
    quoted = 0
    for question in asked:
        answer = answerer.ask(question)
        check_answer(library, answer)
        quoted += len(answer.quotes)
    assert quoted > 100


def test_stored_library_reads_back_every_passage(answerers: dict[str, Answerer]) -> None:
    corpus = load_corpus(SEEDS)
    library = answerers["tantivy"].corpus
    assert library.passage_count == len(corpus.passages)
    assert library.speakers == corpus.speakers and library.sources == corpus.sources
    assert dict(library.duplicates) == corpus.duplicates
    assert dict(library.speaker_turns) == corpus.speaker_turns
    for p in corpus.passages:
        assert library.passage(p.id) == p
        assert library.by_ref(p.ref) == p
        assert library.turn_passages(p.doc_id, p.turn_index) == corpus.turn_passages(
            p.doc_id, p.turn_index
        )
    assert library.by_ref("00000000_0_0") is None
    with pytest.raises(KeyError):
        library.passage("no-such-doc:0.0")


def test_speaker_filter_is_applied_inside_the_engine(answerers: dict[str, Answerer]) -> None:
    retriever = answerers["tantivy"].retriever
    assert isinstance(retriever, TantivyRetriever)
    corpus = load_corpus(SEEDS)
    top = {h.passage.speaker_id for h in retriever.search({"kazakhstan": 1.0}, None, 3)}
    mentions: dict[str, list[str]] = {}
    for p in corpus.passages:
        if p.indexed and "kazakhstan" in tokens(p.text):
            mentions.setdefault(p.speaker_id, []).append(p.id)
    # A speaker absent from the unfiltered top 3: filtering those 3 afterwards would find nothing.
    speaker = max((s for s in mentions if s not in top), key=lambda s: len(mentions[s]))
    theirs = [corpus.passage(pid) for pid in mentions[speaker]]
    hits = retriever.search({"kazakhstan": 1.0}, [speaker], 100)
    assert {h.passage.id for h in hits} == {p.id for p in theirs} and len(theirs) >= 3
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert retriever.search({"kazakhstan": 1.0}, [], 10) == []
    assert retriever.search({"zzzunseen": 1.0}, None, 10) == []


def test_index_is_reused_while_the_documents_are_unchanged(
    corpus_copy: Path, tmp_path: Path
) -> None:
    store = IndexStore(corpus_copy, tmp_path / "index")
    first = store.open()[2]
    again = store.open()[2]
    assert again == first  # same generation: nothing rebuilt
    os.utime(corpus_copy / "manifest.toml")  # touched, content unchanged
    assert store.stale_reason(store.current(), "auto") == ""
    assert store.open()[2] == first


def test_changed_documents_rebuild_the_index(corpus_copy: Path, tmp_path: Path) -> None:
    store = IndexStore(corpus_copy, tmp_path / "index")
    old = store.open("tantivy")[2]
    doc = sorted(corpus_copy.glob("*.txt"))[0]
    doc.write_text(doc.read_text(encoding="utf-8") + "\n" + NEW_PARAGRAPH, encoding="utf-8")
    assert "changed" in store.stale_reason(store.current(), "tantivy")
    library, retriever, new = store.open("tantivy")
    assert new.directory != old.directory and new.content_hash != old.content_hash
    assert (tmp_path / "index" / CURRENT).read_text().strip() == new.directory.name
    answer = Answerer(library, retriever).ask("What about the zeppelin hangar?")
    assert "zeppelin hangar" in answer.quotes[0].text
    check_answer(library, answer)
    assert old.directory.exists()  # kept for answers still running on it
    store.build("tantivy")
    assert not old.directory.exists()  # two generations back: pruned
    assert len(list((tmp_path / "index").glob("gen-*"))) == 2


def test_a_file_changed_behind_the_index_is_never_misquoted(
    corpus_copy: Path, tmp_path: Path
) -> None:
    library, retriever, _ = IndexStore(corpus_copy, tmp_path / "index").open("tantivy")
    answerer = Answerer(library, retriever)
    before = answerer.ask("How many shopping centres and banks were looted?")
    cited = before.quotes[0].citation
    text = cited.path.read_text(encoding="utf-8")
    cited.path.write_text(text.replace("shopping centres", "shopping malls!"), encoding="utf-8")
    after = answerer.ask("How many shopping centres and banks were looted?")
    assert cited.passage_id not in {q.citation.passage_id for q in after.quotes}
    check_answer(library, after)
    with pytest.raises(KeyError):
        library.passage(cited.passage_id)


def test_failed_build_leaves_the_current_index(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = IndexStore(corpus_copy, tmp_path / "index")
    good = store.open("rank-bm25")[2]

    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(index_module, "_write_engine", broken)
    with pytest.raises(OSError):
        store.build("rank-bm25")
    assert store.current() == good
    assert sorted(p.name for p in (tmp_path / "index").iterdir()) == sorted(
        [CURRENT, ".lock", good.directory.name]
    )  # and no half-written generation


def test_engine_choice() -> None:
    assert choose_engine("auto", AUTO_LIMIT) == "rank-bm25"
    assert choose_engine("auto", AUTO_LIMIT + 1) == "tantivy"
    assert choose_engine("tantivy", 10) == "tantivy"
    with pytest.raises(ValueError, match="unknown engine"):
        choose_engine("lucene", 10)


def test_index_written_for_another_format_is_rebuilt(corpus_copy: Path, tmp_path: Path) -> None:
    store = IndexStore(corpus_copy, tmp_path / "index")
    old = store.open()[2]
    meta_path = old.directory / index_module.META
    meta = json.loads(meta_path.read_text())
    meta_path.write_text(json.dumps({**meta, "format": meta["format"] - 1}))
    assert store.current() is None
    assert store.open()[2].directory != old.directory


def test_index_built_by_another_version_of_the_reader_is_rebuilt(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An upgrade that changes how documents are read rebuilds the index, parsing every
    document again instead of reusing the old turns of unchanged files."""
    store = IndexStore(corpus_copy, tmp_path / "index")
    old = store.open()[2]
    assert store.current() is not None
    monkeypatch.setattr(index_module, "reader_digest", lambda: "another reader")
    assert store.current() is None
    assert "another version" in store.stale_reason(store.current(), "auto")
    assert load_records(old.directory)  # the old records are still there …
    monkeypatch.setattr(incremental_module, "reader_digest", lambda: "another reader")
    assert load_records(old.directory) == {}  # … but not for another reader
    assert store.open()[2].directory != old.directory


def test_cli_index_builds_once_and_checks(
    corpus_copy: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from stenogram.bot.cli import main

    monkeypatch.setenv("STENOGRAM_INDEX_DIR", str(tmp_path / "index"))
    args = ["--corpus", str(corpus_copy), "index"]
    assert main([*args, "--engine", "tantivy"]) == 0
    out = capsys.readouterr().out
    assert "no index yet" in out and "tantivy index of 5 documents and 310 passages" in out
    assert main([*args, "--engine", "tantivy"]) == 0
    assert capsys.readouterr().out.startswith("index up to date (tantivy, 310 passages")
    (corpus_copy / "extra.txt").write_text(NEW_PARAGRAPH, encoding="utf-8")
    assert main([*args, "--engine", "tantivy", "--check"]) == 1
    assert "out of date: the documents changed" in capsys.readouterr().out
    monkeypatch.setenv("STENOGRAM_ENGINE", "tantivy")
    assert (
        main(["--corpus", str(corpus_copy), "ask", "--json", "Where is the zeppelin hangar?"]) == 0
    )
    reply = json.loads(capsys.readouterr().out)
    assert "zeppelin hangar" in reply["answers"][0]["quote"]


def test_concurrent_opens_build_once(corpus_copy: Path, tmp_path: Path) -> None:
    """A bot starting while `stenogram index` runs: one build, both get the same generation."""
    from concurrent.futures import ThreadPoolExecutor

    stores = [IndexStore(corpus_copy, tmp_path / "index") for _ in range(4)]
    with ThreadPoolExecutor(4) as pool:
        infos = list(pool.map(lambda store: store.open("tantivy")[2], stores))
    assert len({info.directory for info in infos}) == 1
    assert len(list((tmp_path / "index").glob("gen-*"))) == 1


@pytest.mark.parametrize(
    "engine, damaged", [("rank-bm25", "bm25.pickle"), ("tantivy", "tantivy/meta.json")]
)
def test_a_damaged_index_is_rebuilt(
    corpus_copy: Path, tmp_path: Path, engine: str, damaged: str
) -> None:
    store = IndexStore(corpus_copy, tmp_path / "index")
    old = store.open(engine)[2]
    (old.directory / damaged).write_bytes(b"\x00garbage")
    library, retriever, new = store.open(engine)
    assert new.directory != old.directory
    answer = Answerer(library, retriever).ask("How many shopping centres and banks were looted?")
    check_answer(library, answer)
    assert answer.quotes
