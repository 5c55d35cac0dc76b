"""Incremental loading: what loading each document produced, kept in the index for the next build.

An unchanged document (same text, same manifest entry, same id) is not parsed again: its
metadata, turns and passages come back from its record. Speakers are resolved across documents
in order (speakers.SpeakerRegistry), so one label can name another speaker once an earlier
document changed; a record therefore also keeps every call its document made to the registry,
with the id each call returned. Reusing a record replays those calls on the registry as it is
now. Parsing reads nothing from the registry but those ids, so if every call returns the id it
returned before, a fresh parse would give the same turns and passages and leave the registry in
the same state: the result is the sequential full load's, exactly. If any id differs, the
registry is put back as it was and the document is parsed again.
"""

from __future__ import annotations

import hashlib
import pickle
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..documents.manifest import ManifestEntry
from ..documents.speakers import Call, SpeakerRegistry
from ..model import DocumentMeta, Passage, Span, Turn

if TYPE_CHECKING:
    from .build import Features

RECORDS = "documents.pickle"  # in a generation: {relative file name: DocRecord}
_TURN_COLUMNS = 5  # speaker, start, end, line_start, line_end
_PASSAGE_COLUMNS = 8  # turn, paragraph, speaker, start, end, line_start, line_end, indexed


@dataclass(frozen=True)
class DocRecord:
    """One document as the loader left it, and what it asked of the speaker registry."""

    text_digest: str  # SHA-256 of the text parsed
    entry: ManifestEntry | None  # its manifest entry
    file_id: str  # the id proposed before the manifest's (slug of the name, made unique)
    meta: DocumentMeta  # from the entry, the text and the format, before the kind rule below
    # known + the speakers of earlier documents, when the loader checked whether an inferred
    # article is one clip of a hearing (corpus.load_corpus); None when it did not check.
    rule_input: tuple[str, ...] | None
    kind: str  # the kind the document was parsed as
    calls: tuple[Call, ...]  # the registry calls of its owner and its parse, in order
    warnings: tuple[str, ...]  # the parse's warnings
    speaker_ids: tuple[str, ...]  # the speakers its turns and passages name, by position
    turns: np.ndarray  # integer rows of _TURN_COLUMNS (int32 when they fit)
    passages: np.ndarray  # integer rows of _PASSAGE_COLUMNS


@dataclass
class Records:
    """The records an incremental load reuses (`previous`) and the ones it leaves (`current`)."""

    previous: dict[str, DocRecord] = field(default_factory=dict)
    current: dict[str, DocRecord] = field(default_factory=dict)
    reused: int = 0  # documents whose record was reused, not parsed
    # Records of this build's documents made by worker processes (ahead.py), by file name.
    ahead: Callable[[str], DocRecord | None] | None = None
    # The features (build.py) the workers computed of the documents of the records they made,
    # by file name with that record: good for a document whose current record is that one.
    features: dict[str, tuple[DocRecord, Features]] = field(default_factory=dict)

    def usable(
        self, name: str, digest: str, entry: ManifestEntry | None, file_id: str
    ) -> DocRecord | None:
        """The previous record of a file if its text, manifest entry and proposed id are the same;
        else the one a worker made, on the same condition."""
        for found in (self.previous.get(name), self.ahead(name) if self.ahead else None):
            if found is not None and (found.text_digest, found.entry, found.file_id) == (
                digest,
                entry,
                file_id,
            ):
                return found
        return None

    def known_features(self) -> dict[str, Features]:
        """The features computed with the documents, by document id: those of the documents
        whose record is the one a worker made (so their passages are the ones it parsed)."""
        return {
            made.meta.id: found
            for name, (made, found) in self.features.items()
            if self.current.get(name) is made
        }


def text_digest(text: str) -> str:
    """The digest a record keeps of the text it was parsed from."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def record(
    digest: str,
    entry: ManifestEntry | None,
    file_id: str,
    meta: DocumentMeta,
    rule_input: tuple[str, ...] | None,
    kind: str,
    calls: Sequence[Call],
    warnings: Sequence[str],
    turns: Sequence[Turn],
    passages: Sequence[Passage],
) -> DocRecord:
    """The record of a document just parsed."""
    ids: dict[str, int] = {}
    for t in turns:
        ids.setdefault(t.speaker_id, len(ids))
    for p in passages:
        ids.setdefault(p.speaker_id, len(ids))
    turn_rows = np.array([(ids[t.speaker_id], *_span(t.span)) for t in turns], np.int64).reshape(
        -1, _TURN_COLUMNS
    )
    passage_rows = np.array(
        [
            (p.turn_index, p.paragraph, ids[p.speaker_id], *_span(p.span), p.indexed)
            for p in passages
        ],
        np.int64,
    ).reshape(-1, _PASSAGE_COLUMNS)
    turn_rows, passage_rows = _narrow(turn_rows), _narrow(passage_rows)
    return DocRecord(
        digest,
        entry,
        file_id,
        meta,
        rule_input,
        kind,
        tuple(calls),
        tuple(warnings),
        tuple(ids),
        turn_rows,
        passage_rows,
    )


def replay(rec: DocRecord, registry: SpeakerRegistry) -> bool:
    """Make the record's registry calls again; True if each returned the same id as before.

    On False the registry is as it was before the call.
    """
    state = registry.snapshot()
    for method, args, returned in rec.calls:
        if getattr(registry, method)(*args).id != returned:
            registry.restore(state)
            return False
    return True


def rebuild(rec: DocRecord, doc_id: str, text: str) -> tuple[list[Turn], list[Passage]]:
    """The turns and passages of a recorded document, from its record and its (unchanged) text."""
    names = rec.speaker_ids
    turns = [
        Turn(doc_id, k, names[who], Span(a, b, la, lb))
        for k, (who, a, b, la, lb) in enumerate(rec.turns.tolist())
    ]
    passages = [
        Passage(
            f"{doc_id}:{turn}.{para}",
            doc_id,
            turn,
            para,
            names[who],
            Span(a, b, la, lb),
            text[a:b],
            bool(indexed),
        )
        for turn, para, who, a, b, la, lb, indexed in rec.passages.tolist()
    ]
    return turns, passages


@lru_cache(maxsize=1)
def reader_digest() -> str:
    """A digest of the code that reads documents (every module of the retrieval package): a
    record made by other code (an upgrade, a fix to the reader) is not reused."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def save_records(records: dict[str, DocRecord], directory: Path) -> None:
    """Write the records into a generation, with the digest of the reader that made them.

    Each record's integer rows are written as their differences from the row before (two
    bytes where offsets into a long document take four), which compress better and faster: at
    a million passages 8.9 MB in 0.8 s where the rows as they are took 17.7 MB in 1.2 s."""
    coded = {
        name: replace(r, turns=_differences(r.turns), passages=_differences(r.passages))
        for name, r in records.items()
    }
    data = pickle.dumps((reader_digest(), coded), protocol=pickle.HIGHEST_PROTOCOL)
    (directory / RECORDS).write_bytes(zlib.compress(data, 1))


def load_records(directory: Path) -> dict[str, DocRecord]:
    """The records of a generation; none if it has none, they cannot be read, or another
    version of the reader made them."""
    try:
        data = zlib.decompress((directory / RECORDS).read_bytes())
        found = pickle.loads(data)  # written by this program into a directory only it writes
    except (OSError, zlib.error, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return {}  # no records (a generation of an older build) or damaged: parse everything
    if not (isinstance(found, tuple) and len(found) == 2 and found[0] == reader_digest()):
        return {}  # made by other code: parse everything again
    if not isinstance(found[1], dict):
        return {}
    return {
        name: replace(r, turns=_sums(r.turns), passages=_sums(r.passages))
        for name, r in found[1].items()
    }


def _span(span: Span) -> tuple[int, int, int, int]:
    return span.start, span.end, span.line_start, span.line_end


def _narrow(rows: np.ndarray) -> np.ndarray:
    """The rows as 32-bit integers when every value fits (a text under 2 G characters)."""
    if not rows.size or (rows.min() >= -(2**31) and rows.max() < 2**31):
        return rows.astype(np.int32)
    return rows


def _differences(rows: np.ndarray) -> np.ndarray:
    """Each row less the row before (the first as it is), in the narrowest signed dtype."""
    if not len(rows):
        return rows
    wide = rows.astype(np.int64)
    steps = np.diff(wide, axis=0, prepend=np.zeros((1, wide.shape[1]), np.int64))
    for dtype in (np.int8, np.int16, np.int32):
        if np.iinfo(dtype).min <= steps.min() and steps.max() <= np.iinfo(dtype).max:
            return steps.astype(dtype)
    return steps


def _sums(steps: np.ndarray) -> np.ndarray:
    """The rows _differences() was given, in the dtype record() gave them."""
    if not len(steps):
        return steps
    return _narrow(np.cumsum(steps, axis=0, dtype=np.int64))
