"""The rank-bm25 engine scores from postings: the numbers must be rank-bm25's own, to the bit."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from stenogram.retrieval.documents.corpus import load_corpus
from stenogram.retrieval.search.bm25 import RankBM25Retriever

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def retriever() -> RankBM25Retriever:
    return RankBM25Retriever.from_corpus(load_corpus(SEEDS))


def test_term_scores_equal_rank_bm25s_to_the_bit(retriever: RankBM25Retriever) -> None:
    bm25 = retriever.bm25
    everyone = np.arange(len(retriever.passages))
    some = everyone[::3]
    # Every term of the seeds: common ones (whose BM25Okapi idf is floored) and rare ones.
    for term in sorted(retriever._df):
        full = retriever._term_scores(term, everyone, True)
        assert full.tobytes() == np.asarray(bm25.get_scores([term])).tobytes(), term
        part = retriever._term_scores(term, some, False)
        assert part.tobytes() == np.asarray(bm25.get_batch_scores([term], some.tolist())).tobytes()


def test_search_ranks_as_rank_bm25_does(retriever: RankBM25Retriever) -> None:
    bm25 = retriever.bm25
    query = {"troop": 1.0, "kazakhstan": 0.5, "peacekeep": 2.0, "colour": 1.0}
    hits = retriever.search(query, None, 20)
    expected = sum(
        (w * np.asarray(bm25.get_scores([t])) for t, w in query.items()),
        np.zeros(len(retriever.passages)),
    )
    holds = [any(d.get(t) for t in query) for d in bm25.doc_freqs]
    order = [i for i in np.argsort(-expected, kind="stable") if holds[i]][:20]
    assert [h.passage for h in hits] == [retriever.passages[i] for i in order]
    assert [h.score for h in hits] == [float(expected[i]) for i in order]
    assert len(hits) == 20
