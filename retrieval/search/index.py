"""The persisted index: build it into a directory, detect a changed corpus, open it for answering.

An index directory holds generations (`gen-*`), each complete and never modified, and a file
CURRENT naming the one in use. A build writes a new generation beside the others and then
replaces CURRENT in one rename, so a reader sees the old index or the new one, never half of one.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import pickle
import secrets
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypedDict

from ..documents.files import check_directory, corpus_files
from ..documents.manifest import MANIFEST_NAME
from ..errors import CorpusError
from .bm25 import RankBM25Retriever, Retriever
from .incremental import Records, load_records, reader_digest, save_records
from .library import Library
from .stored import TEXT_DIR, StoredLibrary

if TYPE_CHECKING:
    from ..documents.corpus import Corpus

log = logging.getLogger(__name__)

Engine = Literal["auto", "rank-bm25", "tantivy"]
ENGINES: tuple[str, ...] = ("rank-bm25", "tantivy")
# "auto" picks rank-bm25 up to this many indexed passages, tantivy above. rank-bm25 scores every
# passage for each question: measured (bench/results/20261124-134444.json) the whole answer path
# has p50 1.2 ms on the 270 seed passages (tantivy 1.3 ms) but 20 ms at 10k (tantivy 3.3 ms),
# growing with the corpus; 5k keeps it near 10 ms.
AUTO_LIMIT = 5_000
# Bump when parsing or tokenising changes what an index holds: older indexes are then rebuilt.
FORMAT = 7  # 2: converted formats with their text in the generation; 3: the general label reader;
# 4: a turn of one short question is indexed like a short answer; 5: per-document records
# (incremental.py), the passage table built in columns; 6: each passage's term ids (termstore.py);
# 7: the table's spans as gaps and lengths in narrow dtypes, term counts not starts, records'
# rows as differences
CURRENT = "CURRENT"
STALE_BUILD_SECONDS = 24 * 3600  # a .build-* directory this old belongs to no running build
META = "index.json"
Progress = Callable[[str], None]


class IndexMeta(TypedDict):
    """index.json: what build() writes into a generation and current() reads back."""

    format: int
    reader: str  # incremental.reader_digest() of the code that built it
    engine: str
    documents: int
    passages: int
    indexed: int
    content_hash: str
    built_at: float
    build_seconds: float
    files: dict[str, list[int]]


@dataclass(frozen=True)
class IndexInfo:
    """What one generation of the index holds and how it was built."""

    directory: Path
    engine: str
    documents: int
    passages: int
    indexed: int
    content_hash: str
    built_at: float
    build_seconds: float
    # Size and mtime of each file at build time: the quick staleness check compares them.
    files: dict[str, list[int]] = field(default_factory=dict, compare=False, repr=False)


def default_index_dir(corpus_dir: Path) -> Path:
    """Where the index of a corpus lives unless STENOGRAM_INDEX_DIR says otherwise."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    resolved = corpus_dir.resolve()
    tag = hashlib.sha1(str(resolved).encode("utf-8")).hexdigest()[:10]
    return cache / "stenogram" / f"{resolved.name or 'corpus'}-{tag}"


def choose_engine(engine: str, indexed: int) -> str:
    """The engine to use: the one asked for, or by corpus size for "auto"."""
    if engine == "auto":
        return "rank-bm25" if indexed <= AUTO_LIMIT else "tantivy"
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; use one of auto, {', '.join(ENGINES)}")
    return engine


def file_stats(corpus_dir: Path) -> dict[str, list[int]]:
    """Size and modification time of every file an index depends on, by relative path.

    Files that are not documents count too: the index lists them as skipped.
    """
    files = corpus_files(corpus_dir)
    manifest = corpus_dir / MANIFEST_NAME
    if manifest.is_file():
        files.append(manifest)
    stats = {}
    for path in files:
        st = path.stat()
        stats[path.relative_to(corpus_dir).as_posix()] = [st.st_size, st.st_mtime_ns]
    return stats


def content_hash(corpus_dir: Path, names: list[str]) -> str:
    """SHA-256 over the names and bytes of the given files: equal iff the corpus is unchanged."""
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    for name in sorted(names):
        digest.update(name.encode("utf-8") + b"\0")
        with (corpus_dir / name).open("rb") as f:
            digest.update(hashlib.file_digest(f, "sha256").digest())
    return digest.hexdigest()


class IndexStore:
    """The index directory of one corpus: which generation is current, building, opening."""

    def __init__(self, corpus_dir: Path, index_dir: Path | None = None) -> None:
        check_directory(corpus_dir)
        self.corpus_dir = corpus_dir
        self.index_dir = index_dir or default_index_dir(corpus_dir)

    def current(self) -> IndexInfo | None:
        """The generation CURRENT names, if it exists and is complete."""
        try:
            name = (self.index_dir / CURRENT).read_text(encoding="utf-8").strip()
            meta = json.loads((self.index_dir / name / META).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if meta.get("format") != FORMAT or meta.get("reader") != reader_digest():
            return None  # built by another version of the reader: its turns may differ
        return _info(self.index_dir / name, meta)

    def stale_reason(
        self, info: IndexInfo | None, engine: str, stats: dict[str, list[int]] | None = None
    ) -> str:
        """Why the current index cannot serve this corpus with this engine; "" if it can.

        `stats` are the corpus's file_stats() when the caller has them already.
        """
        if info is None:
            return "no index yet (or one built by another version of Stenogram)"
        if engine != "auto" and engine != info.engine:
            return f"the index uses {info.engine}, {engine} was asked for"
        if choose_engine(engine, info.indexed) != info.engine:
            return f"the corpus size now calls for {choose_engine(engine, info.indexed)}"
        stats = file_stats(self.corpus_dir) if stats is None else stats
        if stats == info.files:
            return ""
        if sorted(stats) == sorted(info.files) and (
            content_hash(self.corpus_dir, list(stats)) == info.content_hash
        ):
            return ""  # files touched (copied, restored) but their content is the same
        return "the documents changed since the index was built"

    def build(
        self,
        engine: str = "auto",
        progress: Progress | None = None,
        reason: str = "rebuild asked for",
        only_if_stale: bool = False,
    ) -> IndexInfo:
        """Parse the corpus and write a new generation; it becomes current when complete.

        Builds of one index directory take turns (a lock file): with `only_if_stale`, a build
        that waited for another one returns that one's result if it is up to date.
        """
        self.index_dir.mkdir(parents=True, exist_ok=True)
        with self._lock():
            current = self.current()
            if only_if_stale and current and not self.stale_reason(current, engine):
                return current
            return self._build(engine, progress, reason)

    def _build(self, engine: str, progress: Progress | None, reason: str) -> IndexInfo:
        """build() once the lock is held."""
        # The document readers and the build are imported by a build only: opening an index
        # to answer never loads them.
        from ..documents.corpus import load_corpus
        from ..documents.dedupe import duplicate_groups
        from .build import passage_features
        from .stored import write_library
        from .termstore import TERMS_DIR, save_terms

        say = progress or (lambda message: None)
        started = time.monotonic()
        stats = file_stats(self.corpus_dir)
        # Hashed before reading: a file changed while the build runs then fails the next check
        # and is indexed again, instead of passing for what was indexed.
        digest = content_hash(self.corpus_dir, list(stats))
        # Nothing is said before the corpus proves loadable: a bad one fails in one line.
        work = Path(tempfile.mkdtemp(prefix=".build-", dir=self.index_dir))
        try:
            # The text extracted from converted formats goes into the generation: quotes are
            # verbatim in those files, and the passage table's offsets point into them.
            # Documents unchanged since the current generation are not parsed again; a large
            # corpus is parsed ahead on every core (ahead.py).
            before = self.current()
            records = Records(load_records(before.directory) if before else {})
            corpus = load_corpus(
                self.corpus_dir,
                lambda n, total: say(f"read {n:,} of {total:,} files"),
                text_dir=work / TEXT_DIR,
                duplicates=False,
                records=records,
                parallel=True,
            )
            save_records(records.current, work)
            indexed = sum(p.indexed for p in corpus.passages)
            chosen = choose_engine(engine, indexed)
            parsed = len(corpus.documents) - records.reused
            say(
                f"index {self.index_dir}: {reason}; building the {chosen} index of "
                f"{len(corpus.documents):,} documents, {len(corpus.passages):,} passages "
                f"({indexed:,} indexed; {parsed:,} documents parsed, "
                f"{records.reused:,} unchanged ones reused)"
            )
            # Each passage's words are split once, on every core, for the terms and duplicates.
            known = records.known_features()
            records.features.clear()  # `known` holds them alone now: freed once they are joined
            features = passage_features(corpus.passages, known=known)
            del known
            terms, term_ids = features.terms, features.term_ids
            # The engine's index is written in a thread meanwhile: tantivy indexes in its own
            # (Rust) thread, on the core the duplicates and the library leave free.
            with ThreadPoolExecutor(1) as engine_thread:
                indexing = engine_thread.submit(_write_engine, chosen, corpus, work, say, terms)
                corpus = replace(
                    corpus, duplicates=duplicate_groups(corpus.passages, features.sketches)
                )
                del features  # its sketches are used: not held through tantivy's build
                write_library(corpus, work)
                save_terms(term_ids, work / TERMS_DIR)
                del term_ids
                indexing.result()
            meta: IndexMeta = {
                "format": FORMAT,
                "reader": reader_digest(),
                "engine": chosen,
                "documents": len(corpus.documents),
                "passages": len(corpus.passages),
                "indexed": indexed,
                "content_hash": digest,
                "built_at": time.time(),
                "build_seconds": time.monotonic() - started,
                "files": stats,
            }
            (work / META).write_text(json.dumps(meta), encoding="utf-8")
            # Unique even for two builds of one corpus in one second: a generation in use by a
            # running bot must never be replaced in place.
            final = self.index_dir / (
                f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{digest[:12]}-{secrets.token_hex(3)}"
            )
            work.rename(final)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        previous = self.current()
        self._switch(final.name)
        self._prune(keep={final, previous.directory if previous else final})
        say(f"index ready in {meta['build_seconds']:.1f} s: {final}")
        return _info(final, meta)

    def open(
        self, engine: str = "auto", progress: Progress | None = None
    ) -> tuple[Library, Retriever, IndexInfo]:
        """The library and retriever of an up-to-date index, building it first if needed."""
        stats = file_stats(self.corpus_dir)  # one walk of the corpus per start-up or reload
        if not set(stats) - {MANIFEST_NAME}:
            raise CorpusError(
                f"no readable documents in {self.corpus_dir} (the directory has no "
                "files); add documents or set STENOGRAM_CORPUS_DIR"
            )
        info = self.current()
        reason = self.stale_reason(info, engine, stats)
        if reason:
            info = self.build(engine, progress, reason, only_if_stale=True)
        assert info is not None
        try:
            library, retriever = open_generation(info, self.corpus_dir)
        except (OSError, ValueError, KeyError, EOFError, pickle.UnpicklingError) as exc:
            # A damaged generation (disk full, files removed by hand) is rebuilt, not fatal.
            log.warning("index %s cannot be read (%s); rebuilding it", info.directory, exc)
            info = self.build(engine, progress, "the index could not be read")
            library, retriever = open_generation(info, self.corpus_dir)
        return library, retriever, info

    @contextmanager
    def _lock(self) -> Iterator[None]:
        """Hold the index directory's build lock (released if the process dies)."""
        with (self.index_dir / ".lock").open("a") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)

    def _switch(self, name: str) -> None:
        """Point CURRENT at a generation in one atomic rename."""
        tmp = self.index_dir / f".{CURRENT}.{os.getpid()}"
        tmp.write_text(name + "\n", encoding="utf-8")
        os.replace(tmp, self.index_dir / CURRENT)

    def _prune(self, keep: set[Path]) -> None:
        """Delete generations other than `keep` (the new one and the one a running bot may use),
        and what builds killed midway left behind."""
        for path in self.index_dir.glob("gen-*"):
            if path not in keep:
                shutil.rmtree(path, ignore_errors=True)
        for path in self.index_dir.glob(".build-*"):
            if time.time() - path.stat().st_mtime > STALE_BUILD_SECONDS:
                shutil.rmtree(path, ignore_errors=True)


def open_generation(info: IndexInfo, corpus_dir: Path) -> tuple[Library, Retriever]:
    """Load one generation's library and engine."""
    library = StoredLibrary(info.directory, corpus_dir)
    if info.engine == "tantivy":
        from .tantivy_engine import TantivyRetriever  # the native module is loaded only if used

        return library, TantivyRetriever(info.directory / "tantivy", library)
    with (info.directory / "bm25.pickle").open("rb") as f:
        bm25 = pickle.load(f)  # written by this program into a directory only it writes
    rows = library.rows(range(library.passage_count))
    if any(p is None for p in rows):
        raise CorpusError("a document changed while the index was loading; run stenogram index")
    return library, RankBM25Retriever([p for p in rows if p is not None], bm25)


def _write_engine(
    engine: str, corpus: Corpus, directory: Path, say: Progress, terms: list[str]
) -> None:
    """The engine part of a generation; `terms` are each passage's (see build.Features)."""
    if engine == "tantivy":
        from .tantivy_engine import build_tantivy

        total = len(corpus.passages)
        build_tantivy(
            corpus.passages,
            directory / "tantivy",
            lambda done, _: say(f"indexed {done:,} of {total:,} passages") if done else None,
            terms,
        )
        return
    retriever = RankBM25Retriever.from_corpus(corpus)
    with (directory / "bm25.pickle").open("wb") as f:
        pickle.dump(retriever.bm25, f, protocol=pickle.HIGHEST_PROTOCOL)


def _info(directory: Path, meta: IndexMeta) -> IndexInfo:
    return IndexInfo(
        directory,
        str(meta["engine"]),
        int(meta["documents"]),
        int(meta["passages"]),
        int(meta["indexed"]),
        str(meta["content_hash"]),
        float(meta["built_at"]),
        float(meta["build_seconds"]),
        dict(meta["files"]),
    )
