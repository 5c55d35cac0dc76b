"""The answer path's mechanics: what an index answers from its tables instead of reading text."""

from __future__ import annotations

from pathlib import Path

import pytest

from stenogram.retrieval.corpus import Corpus, load_corpus
from stenogram.retrieval.index import IndexStore
from stenogram.retrieval.stored import StoredLibrary

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


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
