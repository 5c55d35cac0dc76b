"""A small corpus of one document written for a test, answered lexically (rank-bm25, no word
vectors): the shape most answering tests share."""

from __future__ import annotations

from pathlib import Path

from stenogram.retrieval.answers.answer import Answerer
from stenogram.retrieval.documents.corpus import load_corpus
from stenogram.retrieval.search.bm25 import RankBM25Retriever


def answerer_over(folder: Path, name: str, text: str) -> Answerer:
    """Write `text` as `folder/name`, load the folder as a corpus and answer over it."""
    (folder / name).write_text(text, encoding="utf-8")
    corpus = load_corpus(folder)
    return Answerer(corpus, RankBM25Retriever.from_corpus(corpus), semantic=False)
