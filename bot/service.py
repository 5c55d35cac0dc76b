"""Build the answering service from settings: the persisted index, its library and the answerer."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Protocol

from stenogram.retrieval.answers.answer import Answerer
from stenogram.retrieval.search.index import IndexInfo, IndexStore, Progress
from stenogram.retrieval.search.library import Library

from .examples import EXAMPLES, examples


class AnswerSettings(Protocol):
    """What building an answerer reads of the settings: AnswerSettings has it, and so has
    ask_settings.AskSettings (read without the settings machinery)."""

    @property
    def corpus_dir(self) -> Path: ...

    @property
    def index_dir(self) -> Path | None: ...

    @property
    def engine(self) -> str: ...

    @property
    def answers(self) -> int: ...


log = logging.getLogger(__name__)


def log_problems(library: Library) -> None:
    """Log what loading the documents noticed: skipped files, manifest errors, warnings."""
    for problem in library.problems:
        log.warning("corpus: %s", problem)
    for line in library.skipped:
        log.info("corpus: %s", line)
    for source in library.sources.values():
        for warning in source.warnings:
            log.warning("corpus: %s: %s", (source.original or source.path).name, warning)


def index_store(settings: AnswerSettings) -> IndexStore:
    """The index directory the settings name (or the default one for the corpus)."""
    return IndexStore(settings.corpus_dir, settings.index_dir)


def open_index(
    settings: AnswerSettings, progress: Progress | None = None
) -> tuple[Answerer, IndexInfo]:
    """An answerer over an up-to-date index, built first if missing or stale; CorpusError if none."""
    store = index_store(settings)
    try:
        library, retriever, info = store.open(settings.engine, progress or log.info)
    except PermissionError as exc:
        # A read-only image or volume must not stop the bot: index into a private temp dir.
        fallback = Path(tempfile.mkdtemp(prefix="stenogram-index-"))
        log.warning(
            "index directory %s is not writable (%s); using %s for this run",
            store.index_dir,
            exc.strerror,
            fallback,
        )
        store = IndexStore(settings.corpus_dir, fallback)
        library, retriever, info = store.open(settings.engine, progress or log.info)
    log_problems(library)
    answerer = Answerer(library, retriever, k=settings.answers, cache=info.directory)
    answerer.example_source = lambda: first_example(answerer)
    return answerer, info


def first_example(answerer: Answerer) -> str:
    """The first example question made from the answerer's own documents ("" if none): what a
    refusal ("Your question has no words I can search for") offers instead of a bundled one."""
    made = examples(answerer, EXAMPLES)
    return made[0] if made else ""


def build_answerer(settings: AnswerSettings, progress: Progress | None = None) -> Answerer:
    """The answerer the settings describe (see open_index)."""
    return open_index(settings, progress)[0]
