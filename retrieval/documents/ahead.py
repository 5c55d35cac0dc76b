"""Documents parsed ahead in worker processes, for the loader to take as it takes unchanged ones.

Speakers are resolved across documents in file order (speakers.SpeakerRegistry), so documents
cannot simply be parsed apart. Instead, forked workers (they inherit the corpus's state; only
compact records travel back) each load runs of consecutive files with a registry of their own
and return each document's record (incremental.py): its turns and passages as integer rows and
its registry calls with the ids they returned. The parent loads the corpus in file order as
always and treats a worker's record like a previous build's: it replays the calls on the real
registry, and if every id comes back the same, the document parses as the worker parsed it;
if one does not (a label the worker's registry resolved otherwise), or the worker had no record
of it, the parent parses it itself. The result is the sequential load's, exactly.

The same workers then compute the index terms and duplicate sketches of the passages they
parsed (build.py), one document at a time: a document whose record the parent takes has its
features ready (Records.features), so a build needs no second pool of workers for them.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from multiprocessing.pool import Pool
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import CorpusError
from ..search.incremental import DocRecord, Records

if TYPE_CHECKING:
    from ..search.build import Features

PARALLEL_FROM_BYTES = 16_000_000  # a smaller corpus loads faster in one process
RUN = 4  # consecutive files per task at least: a worker's registry sees their predecessors
TASKS = 32  # tasks at most: each reads the manifest and lists the corpus again

_JOB: list[tuple[Path, dict[str, DocRecord]]] = []  # what forked workers read, never pickled


class Ahead:
    """Records of documents parsed by worker processes, handed out in file order."""

    def __init__(
        self, directory: Path, names: Sequence[str], records: Records, workers: int
    ) -> None:
        size = max(RUN, -(-len(names) // TASKS))
        runs = [list(names[k : k + size]) for k in range(0, len(names), size)]
        self._run_of = {name: k for k, run in enumerate(runs) for name in run}
        self._found: dict[str, tuple[DocRecord, Features | None]] = {}
        self._received = 0
        self._records = records
        _JOB[:] = [(directory, records.previous)]
        try:
            self._pool: Pool | None = multiprocessing.get_context("fork").Pool(workers)
        finally:
            _JOB.clear()  # the workers have their copy
        self._results: Iterator[dict[str, tuple[DocRecord, Features | None]]] = self._pool.imap(
            _load_run, runs
        )

    def get(self, name: str) -> DocRecord | None:
        """The record a worker made of file `name`, waiting for it if need be; None if none.
        Its features, if the worker computed them, go into the records' `features`."""
        run = self._run_of.get(name)
        while run is not None and self._received <= run:
            self._found.update(next(self._results))
            self._received += 1
        found = self._found.pop(name, None)
        if found is None:
            return None
        made, features = found
        if features is not None:
            self._records.features[name] = (made, features)
        return made

    def close(self) -> None:
        """Stop the workers (those still parsing are not waited for)."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


@contextmanager
def parsing(directory: Path, files: Sequence[Path], records: Records | None) -> Iterator[None]:
    """While in the block, `records.ahead` gives the records of `files` that workers parsed
    (one per core) if there are records, the corpus is large enough for workers to pay and the
    platform can fork; else it stays None."""
    workers = os.cpu_count() or 1
    if (
        records is None
        or workers < 2
        or "fork" not in multiprocessing.get_all_start_methods()
        or sum(p.stat().st_size for p in files) < PARALLEL_FROM_BYTES
    ):
        yield
        return
    names = [p.relative_to(directory).as_posix() for p in files]
    running = Ahead(directory, names, records, workers)
    records.ahead = running.get
    try:
        yield
    finally:
        records.ahead = None
        running.close()


def _load_run(names: list[str]) -> dict[str, tuple[DocRecord, Features | None]]:
    """A worker's task: load the files `names` alone; the records of those it parsed, each with
    its document's features (None where the load kept no document)."""
    from ..search.build import document_features
    from .corpus import load_corpus  # the loader imports this module

    directory, previous = _JOB[0]
    records = Records(previous)
    features: dict[str, Features] = {}
    # CorpusError: no document worth quoting among these; the records made are still good.
    with suppress(CorpusError):
        loaded = load_corpus(directory, duplicates=False, records=records, only=frozenset(names))
        features = document_features(loaded.passages)
    return {
        n: (r, features.get(r.meta.id))
        for n, r in records.current.items()
        if previous.get(n) is not r
    }
