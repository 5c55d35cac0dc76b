"""The peers, each measured in its own process on the same passages: rank-bm25, bm25s, tantivy, SQLite FTS5.

`python -m bench.peers --engine tantivy --phase build --passages P.txt --index DIR --result R.json`
then `--phase serve --queries Q.jsonl` for the engines that persist an index. rank-bm25 keeps
nothing on disk, so its build phase also answers the queries.

Every peer gets the same query words: the question's lower-case words minus the project's stop
words and question-framing words. Each engine then analyses them its own way (rank-bm25: none,
as used naively; bm25s: its English stop words and Snowball stemmer; tantivy: `en_stem`;
FTS5: `porter unicode61`). Top 10 per query, one query at a time.
"""

from __future__ import annotations

import argparse
import gc
import re
import shutil
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from stenogram.retrieval.tokenize import QUESTION_WORDS, STOP_WORDS

from .measure import (
    capped,
    dir_mb,
    peak_mib,
    read_lines,
    rss_mib,
    steady_mib,
    time_queries,
    write_result,
)
from .queries import read_questions

TOP_K = 10
_WORD = re.compile(r"[a-z0-9]+")
Search = Callable[[list[str]], list[int]]


def query_words(question: str) -> list[str]:
    """The words every peer searches for: lower-case, without stop words and question framing."""
    return [
        w
        for w in _WORD.findall(question.lower())
        if w not in STOP_WORDS and w not in QUESTION_WORDS
    ]


class Peer(Protocol):
    """One engine as its own documentation shows it being used."""

    persistent: bool

    def build(self, texts: list[str], index: Path) -> Search | None:
        """Index the texts (into `index` when persistent); a non-persistent peer returns its search."""
        ...

    def load(self, index: Path) -> Search:
        """Open a persisted index and return its search function."""
        ...


class RankBM25Naive:
    """rank-bm25's BM25Okapi over lower-cased words, scoring every passage (get_scores + argsort)."""

    persistent = False

    def build(self, texts: list[str], index: Path) -> Search:
        """Tokenise and index in memory."""
        from rank_bm25 import BM25Okapi

        bm25 = BM25Okapi([_WORD.findall(t.lower()) for t in texts])

        def search(words: list[str]) -> list[int]:
            scores = bm25.get_scores(words)
            return np.argsort(scores)[::-1][:TOP_K].tolist()

        return search

    def load(self, index: Path) -> Search:
        """rank-bm25 has no index on disk."""
        raise NotImplementedError("rank-bm25 keeps its index in memory only")


class Bm25s:
    """bm25s with its numpy backend, its English stop words and PyStemmer's English stemmer."""

    persistent = True

    def __init__(self) -> None:
        """The stemmer both indexing and querying use."""
        import Stemmer

        self._stemmer = Stemmer.Stemmer("english")

    def build(self, texts: list[str], index: Path) -> None:
        """Tokenise, index and save."""
        import bm25s

        tokens = bm25s.tokenize(texts, stopwords="en", stemmer=self._stemmer, show_progress=False)
        retriever = bm25s.BM25(backend="numpy")
        retriever.index(tokens, show_progress=False)
        retriever.save(str(index), show_progress=False)

    def load(self, index: Path) -> Search:
        """Load the saved index into memory (no mmap, the library's default)."""
        import bm25s

        retriever = bm25s.BM25.load(str(index), show_progress=False)

        def search(words: list[str]) -> list[int]:
            query = bm25s.tokenize(
                " ".join(words),
                stopwords="en",
                stemmer=self._stemmer,
                return_ids=False,
                show_progress=False,
            )
            found = retriever.retrieve(
                query, k=TOP_K, show_progress=False, n_threads=1, backend_selection="numpy"
            )
            return found.documents[0].tolist()

        return search


class TantivyDirect:
    """tantivy-py with its `en_stem` tokenizer (positions indexed, its default); ids stored."""

    persistent = True
    heap = 256_000_000

    def build(self, texts: list[str], index: Path) -> None:
        """Index every passage with one writer (two threads, the machine's cores) and commit."""
        import tantivy

        builder = tantivy.SchemaBuilder()
        builder.add_unsigned_field("id", stored=True)
        builder.add_text_field("body", tokenizer_name="en_stem")
        idx = tantivy.Index(builder.build(), path=str(index))
        writer = idx.writer(heap_size=self.heap)
        for i, text in enumerate(texts):
            writer.add_document(tantivy.Document(id=i, body=text))
        writer.commit()
        writer.wait_merging_threads()

    def load(self, index: Path) -> Search:
        """Open the index and one searcher."""
        import tantivy

        idx = tantivy.Index.open(str(index))
        searcher = idx.searcher()

        def search(words: list[str]) -> list[int]:
            if not words:
                return []
            # count=False, as Stenogram searches: no count of every match, so tantivy may skip
            # blocks that cannot reach the top hits (the same hits either way).
            query = idx.parse_query(" ".join(words), ["body"])
            hits = searcher.search(query, TOP_K, count=False).hits
            return [searcher.doc(address)["id"][0] for _, address in hits]

        return search


class SqliteFts5:
    """SQLite FTS5 (the standard library's sqlite3), `porter unicode61`, ranked by bm25()."""

    persistent = True
    file = "fts5.sqlite"

    def build(self, texts: list[str], index: Path) -> None:
        """Insert every passage in one transaction, then merge the index (FTS5 'optimize')."""
        con = sqlite3.connect(index / self.file)
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("PRAGMA synchronous=OFF")
        con.execute("CREATE VIRTUAL TABLE p USING fts5(body, tokenize='porter unicode61')")
        with con:
            con.executemany("INSERT INTO p(rowid, body) VALUES (?, ?)", enumerate(texts))
        with con:
            con.execute("INSERT INTO p(p) VALUES ('optimize')")
        con.close()

    def load(self, index: Path) -> Search:
        """Open the database."""
        con = sqlite3.connect(index / self.file)

        def search(words: list[str]) -> list[int]:
            if not words:
                return []
            match = " OR ".join(f'"{w}"' for w in words)
            rows = con.execute(
                "SELECT rowid FROM p WHERE p MATCH ? ORDER BY bm25(p) LIMIT ?", (match, TOP_K)
            )
            return [r[0] for r in rows]

        return search


PEERS: dict[str, type[Peer]] = {
    "rank-bm25": RankBM25Naive,
    "bm25s": Bm25s,
    "tantivy": TantivyDirect,
    "sqlite-fts5": SqliteFts5,
}
MODULES = {
    "rank-bm25": "rank_bm25",
    "bm25s": "bm25s",
    "tantivy": "tantivy",
    "sqlite-fts5": "sqlite3",
}


def available(engine: str) -> bool:
    """Whether the peer's library can be imported here."""
    import importlib.util

    return importlib.util.find_spec(MODULES[engine]) is not None


def build_phase(
    engine: str, passages: Path, index: Path, queries: list[list[str]]
) -> dict[str, Any]:
    """Read the texts, build (timed), then drop the texts; a non-persistent peer answers here too."""
    peer = PEERS[engine]()
    texts = read_lines(passages)
    baseline = rss_mib()
    shutil.rmtree(index, ignore_errors=True)
    index.mkdir(parents=True)
    began = time.perf_counter()
    search = peer.build(texts, index)
    build_s = time.perf_counter() - began
    count = len(texts)
    del texts
    out: dict[str, Any] = {
        "engine": engine,
        "passages": count,
        "build_s": round(build_s, 3),
        "texts_mib": round(baseline, 1),
        "build_peak_mib": round(peak_mib(), 1),
        "steady_mib": round(steady_mib(), 1),
    }
    if peer.persistent:
        out["index_mb"] = round(dir_mb(index), 1)
    elif search is not None:
        out.update(serve(search, queries))
    return out


def serve_phase(engine: str, index: Path, queries: list[list[str]]) -> dict[str, Any]:
    """Open the persisted index (timed), note the memory it keeps, then answer the queries."""
    peer = PEERS[engine]()
    began = time.perf_counter()
    search = peer.load(index)
    load_s = time.perf_counter() - began
    out: dict[str, Any] = {
        "engine": engine,
        "load_s": round(load_s, 3),
        "steady_mib": round(steady_mib(), 1),
    }
    out.update(serve(search, queries))
    out["serve_peak_mib"] = round(peak_mib(), 1)
    return out


def serve(search: Search, queries: list[list[str]]) -> dict[str, Any]:
    """Time the queries and note the memory after them."""
    latencies = time_queries(search, queries)
    return {"latency": asdict(latencies), "after_queries_mib": round(rss_mib(), 1)}


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: one phase of one peer; figures go to --result as JSON."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.peers", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--engine", choices=sorted(PEERS), required=True)
    parser.add_argument("--phase", choices=("build", "serve"), required=True)
    parser.add_argument("--passages", type=Path, help="one passage per line (build phase)")
    parser.add_argument("--queries", type=Path, required=True, help="questions, JSON lines")
    parser.add_argument("--max-queries", type=int, default=None, help="time only the first N")
    parser.add_argument("--index", type=Path, required=True, help="index directory (scratch)")
    parser.add_argument("--result", type=Path, required=True)
    args = parser.parse_args(argv)
    questions = capped(read_questions(args.queries), args.max_queries)
    queries = [query_words(q["question"]) for q in questions]
    if args.phase == "build":
        data = build_phase(args.engine, args.passages, args.index, queries)
    else:
        data = serve_phase(args.engine, args.index, queries)
    gc.collect()
    write_result(args.result, data)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
