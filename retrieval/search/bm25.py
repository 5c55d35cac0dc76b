"""The retriever interface and its reference engine: rank-bm25's Okapi BM25 over passages."""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

import numpy as np
from rank_bm25 import BM25Okapi

from ..model import Passage
from ..tokenize import tokens

if TYPE_CHECKING:
    from ..documents.corpus import Corpus


@dataclass(frozen=True)
class Hit:
    """A passage found for a query, with its engine score (comparable within one query only)."""

    passage: Passage
    score: float


class Retriever(Protocol):
    """What answer composition needs from a search engine; every engine implements it."""

    def search(
        self, terms: Mapping[str, float], speakers: Collection[str] | None, limit: int
    ) -> list[Hit]:
        """Best passages for the weighted terms, best first; `speakers` restricts to those ids."""
        ...

    def idf(self, term: str) -> float:
        """How informative a term is in this corpus; unseen terms get the maximum."""
        ...

    def variants(self, term: str) -> list[str]:
        """Other indexed terms of the same word family (shared prefix), for query expansion."""
        ...

    def vocabulary(self, limit: int) -> list[tuple[str, int]]:
        """The `limit` indexed terms found in most passages, with their passage counts."""
        ...


PREFIX = (
    6  # stems sharing this many leading letters are one family: conclud/conclus, terror/terrorist
)


CYRILLIC_PREFIX = (
    5  # Russian stems keep a changed consonant or vowel: расчист/расчищ, предлож/предлаг
)


def prefix_length(term: str) -> int:
    """How many leading letters make a word family: PREFIX, or CYRILLIC_PREFIX for a Russian
    term (Snowball leaves alternations in Russian stems that a sixth letter would split)."""
    return CYRILLIC_PREFIX if "\u0400" <= term[:1] <= "\u04ff" else PREFIX


def prefix_variants(vocabulary: list[str], term: str) -> list[str]:
    """Terms of a sorted vocabulary that share their first letters (prefix_length) with `term`."""
    size = prefix_length(term)
    if len(term) < size:
        return []
    head = term[:size]
    out = []
    for v in vocabulary[bisect_left(vocabulary, head) :]:
        if not v.startswith(head):
            break
        if v != term:
            out.append(v)
    return out


def evidence_idf(n_docs: int, df: int) -> float:
    """Always-positive IDF (Lucene's form) used to weigh evidence; BM25Okapi's can be 0 or negative."""
    return math.log(1 + (n_docs - df + 0.5) / (df + 0.5))


class RankBM25Retriever:
    """Okapi BM25 from rank-bm25 over the indexed passages; the reference engine for small corpora."""

    def __init__(
        self,
        passages: Sequence[Passage],
        bm25: BM25Okapi | None = None,
        k1: float = 1.5,
        b: float = 0.75,
    ) -> None:
        """Index `passages` (the indexed ones), or reuse `bm25` built over them by an earlier run."""
        self.passages = [p for p in passages if p.indexed]
        self._bm25 = bm25 or BM25Okapi([tokens(p.text) for p in self.passages], k1=k1, b=b)
        if len(self._bm25.doc_freqs) != len(self.passages):
            raise ValueError("the stored BM25 index does not match the passages")
        self._df = Counter(t for d in self._bm25.doc_freqs for t in d)
        bm = self._bm25
        # rank-bm25's length normalisation of every passage, as its get_scores computes it.
        self._norm = bm.k1 * (1 - bm.b + bm.b * np.array(bm.doc_len) / bm.avgdl)
        self._vocabulary = sorted(self._df)
        self._by_speaker: dict[str, list[int]] = defaultdict(list)
        for i, p in enumerate(self.passages):
            self._by_speaker[p.speaker_id].append(i)

    @classmethod
    def from_corpus(cls, corpus: Corpus) -> RankBM25Retriever:
        """The engine over a corpus loaded in memory."""
        return cls(corpus.passages)

    @property
    def bm25(self) -> BM25Okapi:
        """rank-bm25's index, to be stored and handed back to the constructor."""
        return self._bm25

    def idf(self, term: str) -> float:
        """Evidence weight of a term; unseen terms weigh as much as the rarest possible one."""
        return evidence_idf(len(self.passages), self._df.get(term, 0))

    def variants(self, term: str) -> list[str]:
        """Indexed terms sharing the term's first letters."""
        return prefix_variants(self._vocabulary, term)

    def vocabulary(self, limit: int) -> list[tuple[str, int]]:
        """The `limit` indexed terms found in most passages, with their passage counts."""
        return sorted(self._df.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]

    def search(
        self, terms: Mapping[str, float], speakers: Collection[str] | None, limit: int
    ) -> list[Hit]:
        """Top passages by weighted BM25 score among those that contain at least one query term."""
        query = {t: w for t, w in terms.items() if t in self._df}
        if not query or not self.passages:
            return []
        if speakers is None:
            ids = np.arange(len(self.passages))
        else:
            ids = np.array(sorted(i for s in speakers for i in self._by_speaker.get(s, [])), int)
            if not len(ids):
                return []
        # BM25 is a sum over terms, so a weighted query is the weighted sum of one-term scores.
        scores = sum(
            (w * self._term_scores(t, ids, speakers is None) for t, w in query.items()),
            np.zeros(len(ids)),
        )
        # A passage that shares no term with the query is not a hit, whatever its score says.
        # One pass over the passages' term counts per query term (as rank-bm25's own scoring
        # makes), not one per passage and term.
        holds = np.zeros(len(self.passages), dtype=bool)
        for t in query:
            holds[self._postings[t][0]] = True
        matched = holds[ids]
        ranked = np.argsort(-scores, kind="stable")
        order = ranked[matched[ranked]][:limit].tolist()
        return [Hit(self.passages[ids[j]], float(scores[j])) for j in order]

    def _term_scores(self, term: str, ids: np.ndarray, everyone: bool) -> np.ndarray:
        """rank-bm25's scores of one term for the passages `ids`: the very expression of its
        get_scores, evaluated only where the term occurs (elsewhere it is 0), so the numbers are
        the same to the bit (tests/test_bm25_postings.py) without a pass over every passage."""
        rows, counts = self._postings[term]
        bm = self._bm25
        scores = np.zeros(len(self.passages))
        scores[rows] = (bm.idf.get(term) or 0) * (
            counts * (bm.k1 + 1) / (counts + self._norm[rows])
        )
        return scores if everyone else scores[ids]

    def prepare(self) -> None:
        """Build the postings now rather than in the first question (a server's start-up)."""
        _ = self._postings

    @cached_property
    def _postings(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Each term's passages and its count in each: built once, on the first search."""
        rows: defaultdict[str, list[int]] = defaultdict(list)
        counts: defaultdict[str, list[int]] = defaultdict(list)
        for i, d in enumerate(self._bm25.doc_freqs):
            for t, c in d.items():
                rows[t].append(i)
                counts[t].append(c)
        return {t: (np.array(rows[t], np.int64), np.array(counts[t], np.int64)) for t in rows}
