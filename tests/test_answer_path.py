"""The answer path's mechanics: what an index answers from its tables instead of reading text."""

from __future__ import annotations

from pathlib import Path

import pytest

from stenogram.retrieval.corpus import Corpus, load_corpus
from stenogram.retrieval.index import IndexStore
from stenogram.retrieval.query import _named_speakers
from stenogram.retrieval.questionfile import load_question_file
from stenogram.retrieval.speaker_lookup import SpeakerLookup
from stenogram.retrieval.stored import StoredLibrary
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
