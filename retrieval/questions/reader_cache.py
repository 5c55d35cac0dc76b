"""The question reader's corpus tables, saved in the index generation and loaded at start-up.

The speller's dictionary (each frequent index term with its readable word) and the word vectors
of the vocabulary (10,000 x 256 floats) depend only on the index's vocabulary, yet building them
took most of a process's start-up (the English word list, a stem per candidate word, 10,000
words embedded). The first process that opens a generation builds them and saves them into it
(`reader-<digest of the vocabulary>.*`, each written under a temporary name and renamed, so a
reader sees all of a file or none); every later start loads them: the same values, read back exactly. A
generation that cannot be written (a read-only volume) is served as before, built in memory.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, TypeVar

import numpy as np

from .semantic import Neighbours, model_files
from .spelling import Speller, dictionary_file

log = logging.getLogger(__name__)

VERSION = 1  # bump when what is saved, or how it is computed, changes
Vocabulary = tuple[tuple[str, int], ...]
T = TypeVar("T")


def cache_file(generation: Path, vocabulary: Vocabulary, kind: str) -> Path:
    """Where one table of this vocabulary lives inside a generation (named by a digest of the
    vocabulary and of the data files its tables come from: another model's vectors never load)."""
    key = [VERSION, _sources(), vocabulary]
    digest = hashlib.sha256(json.dumps(key).encode("utf-8")).hexdigest()
    return generation / f"reader-{digest[:16]}.{kind}"


@lru_cache(maxsize=1)
def _sources() -> list[str]:
    """The data files the tables are computed from (the English word list, the model's tokenizer
    and weights), each as name, size and modification time: a library installed again, or in
    another version, makes new tables. Their stat() replaces the libraries' versions, which
    importlib.metadata looked up in ~20 ms of every start."""
    out = []
    try:
        files = [dictionary_file(), *model_files()]
    except ImportError:
        return ["wordllama absent"]
    for path in files:
        try:
            found = path.stat()
        except OSError:
            out.append(f"{path.name} absent")
            continue
        out.append(f"{path.name} {found.st_size} {found.st_mtime_ns}")
    return out


def speller(vocabulary: Vocabulary, generation: Path | None = None) -> Speller:
    """The speller of a vocabulary: loaded from the generation, else built (and saved there)."""

    def load(path: Path) -> Speller:
        entries = json.loads(path.read_text(encoding="utf-8"))
        return Speller(entries=[(str(w), str(t), int(n)) for w, t, n in entries])

    def write(found: Speller, f: BinaryIO) -> None:
        f.write(json.dumps(found.entries, ensure_ascii=False).encode())

    return _kept(
        cache_file(generation, vocabulary, "speller.json") if generation else None,
        load,
        lambda: _built_speller(vocabulary),
        write,
    )


def neighbours(vocabulary: Vocabulary, generation: Path | None = None) -> Neighbours:
    """The word vectors of a vocabulary: loaded from the generation, else built (and saved)."""

    def load(path: Path) -> Neighbours:
        with np.load(path, allow_pickle=False) as saved:
            terms, words, vectors = saved["terms"], saved["words"], saved["vectors"]
        if not len(terms) == len(words) == len(vectors):
            raise ValueError("the saved word vectors do not match their terms")
        return Neighbours(saved=([str(t) for t in terms], [str(w) for w in words], vectors))

    def write(found: Neighbours, f: BinaryIO) -> None:
        np.savez(
            f,
            terms=np.array(found.terms, dtype=str),
            words=np.array(found.words, dtype=str),
            vectors=found._vectors(),
        )

    return _kept(
        cache_file(generation, vocabulary, "neighbours.npz") if generation else None,
        load,
        lambda: _built_neighbours(vocabulary),
        write,
    )


def nearest(
    found: Neighbours,
    vocabulary: Vocabulary,
    generation: Path | None = None,
    extra: Sequence[str] = (),
) -> None:
    """Give a vocabulary's word vectors their table of nearest terms (Neighbours.precompute),
    with the rows of the `extra` words: loaded from the generation, else computed (and saved
    there). A saved table of other extra words is computed again."""

    def load(path: Path) -> tuple[np.ndarray, np.ndarray]:
        with np.load(path, allow_pickle=False) as saved:
            words = [str(w) for w in saved["extra"]]
            if words != found.extra_words(extra):
                raise ValueError("the saved nearest terms are of other words")
            found.take_nearest(saved["rows"], saved["similarities"], words)
        return found.precompute()  # the table just taken

    def write(table: tuple[np.ndarray, np.ndarray], f: BinaryIO) -> None:
        words = np.array(found.tabled_extra(), dtype=str)
        np.savez(f, rows=table[0], similarities=table[1], extra=words)

    _kept(
        cache_file(generation, vocabulary, "nearest.npz") if generation else None,
        load,
        lambda: found.precompute(extra),
        write,
        worth_saving=lambda table: len(table[0]) > 0,  # too small a vocabulary has none
    )


# What a missing, partly written or foreign file raises when it is read back.
_UNREADABLE = (OSError, ValueError, TypeError, KeyError, zipfile.BadZipFile)


def _kept(
    path: Path | None,
    load: Callable[[Path], T],
    build: Callable[[], T],
    write: Callable[[T, BinaryIO], None],
    worth_saving: Callable[[T], bool] = lambda _: True,
) -> T:
    """A table loaded from `path` in a generation; else built, and saved there (no path: built)."""
    if path is not None:
        try:
            return load(path)
        except _UNREADABLE:
            pass
    found = build()
    if path is not None and worth_saving(found):
        _save(path, lambda f: write(found, f))
    return found


def _save(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write a file into a generation under a temporary name, then rename it into place (best
    effort: a generation that cannot be written is served without it)."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".reader-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                write(f)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        log.debug("question reader table not saved as %s: %s", path, exc)


# A reload reopens the same or nearly the same documents: one speller and one set of word vectors
# per vocabulary, for the last few vocabularies (both are read-only once built).
@lru_cache(maxsize=4)
def _built_speller(vocabulary: Vocabulary) -> Speller:
    return Speller(vocabulary)


@lru_cache(maxsize=4)
def _built_neighbours(vocabulary: Vocabulary) -> Neighbours:
    return Neighbours(vocabulary)
