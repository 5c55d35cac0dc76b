"""Incremental builds: unchanged documents are not parsed again, and the index is the full build's."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from test_answers import random_questions

from stenogram.retrieval.answers.answer import Answer, Answerer
from stenogram.retrieval.documents.corpus import load_corpus
from stenogram.retrieval.questions.questionfile import load_question_file
from stenogram.retrieval.search.incremental import Records, load_records, save_records
from stenogram.retrieval.search.index import IndexStore
from stenogram.retrieval.search.stored import CATALOG, StoredLibrary

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev.jsonl"
PARAGRAPH = (
    "The zeppelin hangar near the lighthouse must be repaired before the winter storms "
    "reach the harbour, and the ferry timetable published again."
)


def built(
    corpus: Path, index_dir: Path, engine: str, asked: list[str]
) -> tuple[list[str], dict[str, Any]]:
    """Build (or rebuild) the index; what it said, and everything it holds and answers."""
    said: list[str] = []
    store = IndexStore(corpus, index_dir)
    store.build(engine, said.append)
    library, retriever, info = store.open(engine)
    assert isinstance(library, StoredLibrary)
    answers: list[Answer] = [Answerer(library, retriever).ask(q) for q in asked]
    content = {
        "catalog": json.loads((info.directory / CATALOG).read_text(encoding="utf-8")),
        "table": {k: v.tolist() for k, v in library.table.columns.items()},
        "answers": answers,
    }
    return said, content


def parsed_count(said: list[str]) -> str:
    """The "N documents parsed, M unchanged ones reused" part of the build's line."""
    line = next(s for s in said if "documents parsed" in s)
    return line[line.index("; ") + 2 :].split("; ", 1)[1].rstrip(")")


def questions(corpus: Path) -> list[str]:
    asked = [q["question"] for q in load_question_file(DEV)] if DEV.exists() else []
    return asked + random_questions(load_corpus(corpus), 60)


@pytest.mark.parametrize("engine", ["tantivy", "rank-bm25"])
def test_changed_added_and_removed_documents(tmp_path: Path, engine: str) -> None:
    corpus = Path(shutil.copytree(SEEDS, tmp_path / "corpus"))
    asked = questions(corpus)
    said, _ = built(corpus, tmp_path / "incremental", engine, asked)
    assert parsed_count(said) == "5 documents parsed, 0 unchanged ones reused"
    said, _ = built(corpus, tmp_path / "incremental", engine, asked)  # nothing changed: forced
    assert parsed_count(said) == "0 documents parsed, 5 unchanged ones reused"

    changed = next(corpus.glob("002_*.txt"))
    changed.write_text(changed.read_text(encoding="utf-8") + "\n" + PARAGRAPH + "\n", "utf-8")
    next(corpus.glob("004_*.txt")).unlink()
    (corpus / "zz_added.txt").write_text(
        f"Harbour works\n\n{PARAGRAPH}\n\nThe council approved the budget for the new "
        "breakwater and the dredging of the northern channel this spring.\n",
        encoding="utf-8",
    )
    said, incremental = built(corpus, tmp_path / "incremental", engine, asked)
    assert parsed_count(said) == "2 documents parsed, 3 unchanged ones reused"
    _, full = built(corpus, tmp_path / "full", engine, asked)
    assert incremental == full
    assert any(a.quotes for a in full["answers"])


def hearing(turns: list[tuple[str, str]]) -> str:
    """A transcript with a title and `Label: text` turns."""
    return "Committee hearing\n\n" + "".join(f"{who}: {text}\n\n" for who, text in turns)


def test_a_change_that_moves_speaker_identities_reparses_the_documents_it_affects(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    said_a = "The harbour budget covers the breakwater, the dredging and the new ferry pier."
    said_b = "Our committee reviewed every contract for the northern channel and its lighthouse."
    (corpus / "a.txt").write_text(
        hearing([("John Smith", said_a), ("Mary Jones", said_b), ("John Smith", said_b)]),
        encoding="utf-8",
    )
    # "Smith" here is John Smith of a.txt while a.txt names him; another speaker once it does not.
    (corpus / "b.txt").write_text(
        hearing([("Smith", said_b), ("Jones", said_a), ("Smith", said_a)]), encoding="utf-8"
    )
    (corpus / "c.txt").write_text(
        hearing([("Anna Brown", said_a), ("Carl White", said_b), ("Anna Brown", said_b)]),
        encoding="utf-8",
    )
    asked = [
        "What did Smith say about the harbour budget?",
        "What did John Smith say about the lighthouse?",
        "Who spoke about the ferry pier?",
        "What did Jones say about the dredging?",
    ]
    said, before = built(corpus, tmp_path / "incremental", "tantivy", asked)
    assert "john-smith" in {s["id"] for s in before["catalog"]["speakers"]}
    assert "smith" not in {s["id"] for s in before["catalog"]["speakers"]}

    (corpus / "a.txt").write_text(
        hearing([("Peter Green", said_a), ("Mary Jones", said_b), ("Peter Green", said_b)]),
        encoding="utf-8",
    )
    said, incremental = built(corpus, tmp_path / "incremental", "tantivy", asked)
    # a.txt changed; b.txt's "Smith" now resolves to someone else, so it is parsed again too.
    assert parsed_count(said) == "2 documents parsed, 1 unchanged ones reused"
    _, full = built(corpus, tmp_path / "full", "tantivy", asked)
    assert incremental == full
    assert "smith" in {s["id"] for s in full["catalog"]["speakers"]}


def test_records_read_back_as_they_were_written(tmp_path: Path) -> None:
    """save_records() writes each record's rows as differences from the row before;
    load_records() gives back the very rows, in the very dtype, and the rest of the record."""
    records = Records()
    load_corpus(SEEDS, records=records)
    made = records.current
    assert made and any(len(r.passages) > 1 for r in made.values())
    save_records(made, tmp_path)
    back = load_records(tmp_path)
    assert list(back) == list(made)
    for name, r in made.items():
        b = back[name]
        for rows, again in ((r.turns, b.turns), (r.passages, b.passages)):
            assert rows.dtype == again.dtype and np.array_equal(rows, again)
        assert replace(b, turns=r.turns, passages=r.passages) == r
