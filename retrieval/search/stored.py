"""The Library of an index on disk: a JSON catalog and the passage table, no document text in memory."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..answers.exchange import may_take_context
from ..bounded import Bounded
from ..model import Document, DocumentMeta, Location, Passage, Span, Speaker, passage_ref
from .library import Source
from .table import PassageTable, row_key
from .termstore import TERMS_DIR, StoredTerms

if TYPE_CHECKING:
    from ..documents.corpus import Corpus

CATALOG = "catalog.json"
TABLE = "passages"
CONTEXT = "context.npy"  # in TABLE: per row, whether its passage may take exchange context
KNOWN_ROWS = 5_000  # passages kept with the bytes they were built from
ROWS_AT_ONCE = 10_000  # rows whose columns are gathered together (bounds the memory it takes)
TEXT_DIR = "text"  # extracted text of converted documents, `<doc id>.txt`


def write_library(corpus: Corpus, directory: Path) -> None:
    """Store what a StoredLibrary needs from a loaded corpus in `directory`."""
    doc_ids = list(corpus.documents)
    speaker_ids = list(corpus.speakers)
    catalog = {
        "documents": [
            _document_json(d, corpus.directory, directory) for d in corpus.documents.values()
        ],
        "speakers": [asdict(s) for s in corpus.speakers.values()],
        "speaker_turns": corpus.speaker_turns,
        "duplicates": corpus.duplicates,
        "problems": list(corpus.problems),
        "skipped": list(corpus.skipped),
    }
    directory.mkdir(parents=True, exist_ok=True)
    (directory / CATALOG).write_text(json.dumps(catalog, ensure_ascii=False), encoding="utf-8")
    table = PassageTable.build(
        corpus.passages,
        corpus.documents,
        {d: i for i, d in enumerate(doc_ids)},
        {s: i for i, s in enumerate(speaker_ids)},
    )
    table.save(directory / TABLE)
    asks = np.fromiter(
        (p.text.rstrip().endswith("?") for p in corpus.passages), np.bool_, len(corpus.passages)
    )
    np.save(directory / TABLE / CONTEXT, may_take_context(table.columns, asks))


def _document_json(doc: Document, corpus_dir: Path, directory: Path) -> dict[str, Any]:
    """A document's catalog entry; a converted one names its text file inside the generation."""
    entry: dict[str, Any] = {
        "meta": asdict(doc.meta),
        "warnings": list(doc.warnings),
        "format": doc.format,
    }
    if doc.original is None:
        entry["path"] = doc.path.relative_to(corpus_dir).as_posix()
        return entry
    if not doc.path.is_relative_to(directory):
        raise ValueError(
            f"the extracted text of {doc.meta.id} is not in {directory}; "
            "load the corpus with text_dir inside the generation"
        )
    entry["path"] = doc.original.relative_to(corpus_dir).as_posix()
    entry["text"] = doc.path.relative_to(directory).as_posix()
    entry["locations"] = [[loc.start, loc.page, loc.time] for loc in doc.locations]
    return entry


def _source(entry: dict[str, Any], index_dir: Path, corpus_dir: Path) -> Source:
    """The Source of a catalog entry written by _document_json()."""
    meta = DocumentMeta(**entry["meta"])
    warnings = tuple(entry["warnings"])
    fmt = entry.get("format", "text")
    if "text" not in entry:
        return Source(meta, corpus_dir / entry["path"], warnings, None, fmt)
    locations = tuple(
        Location(int(a), b if b is None else int(b), str(c)) for a, b, c in entry["locations"]
    )
    return Source(
        meta, index_dir / entry["text"], warnings, corpus_dir / entry["path"], fmt, locations
    )


class StoredLibrary:
    """A corpus as stored by write_library(): metadata in memory, passages read on demand."""

    def __init__(self, index_dir: Path, corpus_dir: Path) -> None:
        catalog: dict[str, Any] = json.loads((index_dir / CATALOG).read_text(encoding="utf-8"))
        self.directory = corpus_dir
        self.sources = {
            d["meta"]["id"]: _source(d, index_dir, corpus_dir) for d in catalog["documents"]
        }
        self.speakers = {s["id"]: _speaker(s) for s in catalog["speakers"]}
        self.duplicates = {k: tuple(v) for k, v in catalog["duplicates"].items()}
        self.problems = tuple(catalog["problems"])
        self.skipped = tuple(catalog.get("skipped", ()))
        self._speaker_turns: dict[str, int] = catalog["speaker_turns"]
        self._doc_ids = list(self.sources)
        self._doc_index = {d: i for i, d in enumerate(self._doc_ids)}
        self._speaker_ids = list(self.speakers)
        self._paths = [self.sources[d].path for d in self._doc_ids]
        # The passages last built from their rows' bytes (see PassageTable.read_rows).
        self._known: Bounded[int, tuple[bytes, Passage]] = Bounded(KNOWN_ROWS)
        # The row each passage read lately came from: a candidate's stored terms and context
        # flag are looked up by it without searching the table's keys again (see _row_of).
        self._read_rows: Bounded[str, int] = Bounded(KNOWN_ROWS)
        self.table = PassageTable.load(index_dir / TABLE)
        self._terms = StoredTerms(index_dir / TERMS_DIR)
        self._context: np.ndarray = np.load(index_dir / TABLE / CONTEXT)
        if not len(self._terms) == len(self._context) == len(self.table):
            raise ValueError(
                f"{index_dir}: stored terms or context flags do not match the passages"
            )

    @property
    def passage_count(self) -> int:
        """How many passages, indexed or not."""
        return len(self.table)

    @property
    def speaker_turns(self) -> dict[str, int]:
        """How many turns each speaker id has."""
        return self._speaker_turns

    def said_with(self, speaker_ids: set[str]) -> dict[str, int]:
        """Library.said_with, from the passage table's columns."""
        c = self.table.columns
        wanted = [i for i, s in enumerate(self._speaker_ids) if s in speaker_ids]
        docs = np.unique(c["doc"][np.isin(c["speaker"], wanted)])
        rows = np.isin(c["doc"], docs) & ~np.isin(c["speaker"], wanted)
        said = np.bincount(
            c["speaker"][rows],
            weights=c["end"][rows] - c["start"][rows],
            minlength=len(self._speaker_ids),
        )
        return {self._speaker_ids[i]: int(n) for i, n in enumerate(said) if n > 0}

    def row(self, row: int) -> Passage | None:
        """The passage of a table row, or None if its file changed since indexing."""
        c = self.table.columns
        doc_id = self._doc_ids[int(c["doc"][row])]
        speaker_id = self._speaker_ids[int(c["speaker"][row])]
        return self.table.read(row, doc_id, self.sources[doc_id].path, speaker_id)

    def rows(self, rows: Sequence[int]) -> list[Passage | None]:
        """row() of several rows, in their order, reading each file once per ROWS_AT_ONCE rows
        (see PassageTable.read_rows)."""
        out: list[Passage | None] = []
        for lo in range(0, len(rows), ROWS_AT_ONCE):
            out += self.table.read_rows(
                rows[lo : lo + ROWS_AT_ONCE],
                self._doc_ids,
                self._speaker_ids,
                self._paths,
                self._known,
            )
        remember = self._read_rows.put
        for row, passage in zip(rows, out, strict=True):
            if passage is not None:
                remember(passage.id, int(row))
        return out

    def may_take_context(self, passage: Passage) -> bool:
        """False if the build found that the passage takes no exchange context (see
        exchange.may_take_context); True for one that is not one of this library's."""
        row = self._row_of(passage)
        return row is None or bool(self._context[row])

    def _row_of(self, passage: Passage) -> int | None:
        """The table row of a passage of this library, or None."""
        row = self._read_rows.get(passage.id)
        if row is not None:
            return row
        doc = self._doc_index.get(passage.doc_id)
        if doc is None:
            return None
        return self._find(row_key(doc, passage.turn_index, passage.paragraph))

    def stored_terms(self, passage: Passage) -> list[str] | None:
        """The index terms the build stored for an indexed passage read from this library
        (tokenize.tokens of its text), or None: not indexed, or not one of its passages."""
        row = self._row_of(passage) if passage.indexed else None
        return None if row is None else self._terms.of(row)

    def passage(self, passage_id: str) -> Passage:
        """The passage with this id; KeyError if there is none (or its file changed)."""
        doc_id, _, position = passage_id.rpartition(":")
        turn, _, para = position.partition(".")
        if doc_id not in self._doc_index or not (turn.isdigit() and para.isdigit()):
            raise KeyError(passage_id)
        found = self._find(row_key(self._doc_index[doc_id], int(turn), int(para)))
        passage = self.row(found) if found is not None else None
        if passage is None:
            raise KeyError(passage_id)
        return passage

    def by_ref(self, ref: str) -> Passage | None:
        """The passage with this short reference (see Passage.ref), or None."""
        digest, _, position = ref.partition("_")
        doc_id = self._by_digest.get(digest)
        if doc_id is None:
            return None
        try:
            return self.passage(f"{doc_id}:{position.replace('_', '.')}")
        except KeyError:
            return None

    def turn_passages(self, doc_id: str, turn_index: int) -> list[Passage]:
        """The passages of one turn, in order (those whose file changed are left out)."""
        if doc_id not in self._doc_index:
            return []
        lo, hi = self._turn_rows(self._doc_index[doc_id], turn_index)
        return [p for p in self.rows(range(lo, hi)) if p is not None]

    def turn_layout(self, doc_id: str, turn_index: int) -> list[tuple[str, Span, int]]:
        """Each passage of one turn as (id, span, length in characters), in order, from the
        passage table alone (no file is read; a changed file shows here, not in the passage)."""
        if doc_id not in self._doc_index:
            return []
        lo, hi = self._turn_rows(self._doc_index[doc_id], turn_index)
        c = self.table.columns
        # Slices to Python ints at once: indexing numpy arrays element by element costs more.
        paras, starts, ends, firsts, lasts = (
            c[name][lo:hi].tolist() for name in ("para", "start", "end", "line_start", "line_end")
        )
        return [
            (f"{doc_id}:{turn_index}.{para}", Span(start, end, first, last), end - start)
            for para, start, end, first, last in zip(
                paras, starts, ends, firsts, lasts, strict=True
            )
        ]

    def _turn_rows(self, doc: int, turn_index: int) -> tuple[int, int]:
        """The rows [lo, hi) of one turn."""
        lo, hi = np.searchsorted(
            self._keys, [row_key(doc, turn_index, 0), row_key(doc, turn_index + 1, 0)]
        ).tolist()
        return int(lo), int(hi)

    def _find(self, key: int) -> int | None:
        """The row with this key, if any."""
        i = int(self._keys.searchsorted(key))
        return i if i < len(self._keys) and int(self._keys[i]) == key else None

    @cached_property
    def _keys(self) -> np.ndarray:
        return self.table.keys

    @cached_property
    def _by_digest(self) -> dict[str, str]:
        # passage_ref() hashes the document id; invert it once for the documents we have.
        return {passage_ref(f"{d}:0.0").partition("_")[0]: d for d in self._doc_ids}


def _speaker(fields: dict[str, Any]) -> Speaker:
    """A Speaker from its JSON form (aliases come back as a list)."""
    return Speaker(**{**fields, "aliases": tuple(fields["aliases"])})
