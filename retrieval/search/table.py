"""The passage table of an index: one row of numbers per passage; the text stays in the source files.

Storing offsets instead of text keeps an index of a million passages small and its memory low,
and makes every quote a read of the cited bytes of the cited file. A CRC of those bytes, taken
when the index was built, proves at read time that the file still holds the indexed text.
"""

from __future__ import annotations

import itertools
import os
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..bounded import Bounded
from ..model import Document, Passage, Span

# Row key = doc << 40 | turn << 20 | paragraph: rows are sorted by it, so lookups are bisections.
_TURN_BITS, _PARA_BITS = 20, 20
COLUMNS = {
    "doc": np.int32,
    "turn": np.int32,
    "para": np.int32,
    "speaker": np.int32,
    "start": np.int64,
    "end": np.int64,
    "byte_start": np.int64,
    "byte_end": np.int64,
    "line_start": np.int32,
    "line_end": np.int32,
    "crc": np.uint32,
    "indexed": np.bool_,
}


def row_key(doc: int, turn: int, para: int) -> int:
    """The sort key of a passage's row."""
    return (doc << (_TURN_BITS + _PARA_BITS)) | (turn << _PARA_BITS) | para


@dataclass(frozen=True)
class PassageTable:
    """Column arrays (memory-mapped when loaded), one row per passage, in document order."""

    columns: dict[str, np.ndarray]

    def __len__(self) -> int:
        return len(self.columns["doc"])

    @classmethod
    def build(
        cls,
        passages: Sequence[Passage],
        documents: dict[str, Document],
        doc_index: dict[str, int],
        speaker_index: dict[str, int],
    ) -> PassageTable:
        """The table of `passages`, which must be in document, turn and paragraph order.

        Built a column at a time: each field is gathered once over all passages into a numpy
        array, byte offsets come from one cumulative sum per document, and the only per-passage
        work left in Python is the CRC of its bytes (one C call on a slice, no copy).
        """
        n = len(passages)
        spans = [p.span for p in passages]

        def column(values: Iterable[int], dtype: type) -> np.ndarray:
            return np.fromiter(values, dtype, n)

        c = {
            "doc": column(map(doc_index.__getitem__, (p.doc_id for p in passages)), np.int32),
            "turn": column((p.turn_index for p in passages), np.int32),
            "para": column((p.paragraph for p in passages), np.int32),
            "speaker": column(
                map(speaker_index.__getitem__, (p.speaker_id for p in passages)), np.int32
            ),
            "start": column((s.start for s in spans), np.int64),
            "end": column((s.end for s in spans), np.int64),
            "line_start": column((s.line_start for s in spans), np.int32),
            "line_end": column((s.line_end for s in spans), np.int32),
            "indexed": column((p.indexed for p in passages), np.bool_),
        }
        c["byte_start"] = np.zeros(n, np.int64)
        c["byte_end"] = np.zeros(n, np.int64)
        c["crc"] = np.zeros(n, np.uint32)
        for lo, hi in _document_runs(c["doc"]):
            data = documents[passages[lo].doc_id].text.encode("utf-8")
            byte_at = _byte_offsets(documents[passages[lo].doc_id].text, len(data))
            b0 = c["byte_start"][lo:hi] = byte_at[c["start"][lo:hi]]
            b1 = c["byte_end"][lo:hi] = byte_at[c["end"][lo:hi]]
            view = memoryview(data)
            c["crc"][lo:hi] = [
                zlib.crc32(view[a:b]) for a, b in zip(b0.tolist(), b1.tolist(), strict=True)
            ]
        table = cls({name: c[name] for name in COLUMNS})
        if len(table) and (
            table.columns["turn"].max() >= 1 << _TURN_BITS
            or table.columns["para"].max() >= 1 << _PARA_BITS
        ):
            raise ValueError("a document has more than a million turns or paragraphs in a turn")
        return table

    def save(self, directory: Path) -> None:
        """Write one .npy file per column, coded small (see _SPANS): about 20 bytes a passage
        where the columns' dtypes take 60."""
        directory.mkdir(parents=True, exist_ok=True)
        c = self.columns
        first = _document_starts(c["doc"])
        coded = set()
        for start, end in _SPANS:
            gaps, lengths = _gaps_and_lengths(c[start], c[end], first)
            np.save(directory / f"{start}.npy", _narrowest(gaps))
            np.save(directory / f"{end}.npy", _narrowest(lengths))
            coded |= {start, end}
        for name, array in c.items():
            if name not in coded:
                np.save(directory / f"{name}.npy", _narrowest(array))

    @classmethod
    def load(cls, directory: Path) -> PassageTable:
        """Read the columns written by save(), each in its COLUMNS dtype again."""
        # Plain arrays, not memory maps: reading one element of a memmap costs ten times more,
        # and answering reads ten columns of fifty rows per question.
        c = {
            name: np.load(directory / f"{name}.npy").astype(COLUMNS[name], copy=False)
            for name in COLUMNS
        }
        first = _document_starts(c["doc"])
        for start, end in _SPANS:
            c[start], c[end] = _starts_and_ends(c[start], c[end], first, COLUMNS[start])
        return cls(c)

    @property
    def keys(self) -> np.ndarray:
        """Each row's key (see row_key), ascending."""
        c = self.columns
        return (
            (c["doc"].astype(np.int64) << (_TURN_BITS + _PARA_BITS))
            | (c["turn"].astype(np.int64) << _PARA_BITS)
            | c["para"].astype(np.int64)
        )

    def read(self, row: int, doc_id: str, path: Path, speaker_id: str) -> Passage | None:
        """The passage of a row, its text read from the file; None if the file no longer holds it."""
        c = self.columns
        start, end = int(c["byte_start"][row]), int(c["byte_end"][row])
        try:
            fd = os.open(path, os.O_RDONLY)  # os-level calls: half the cost of path.open()
            try:
                data = os.pread(fd, end - start, start)
            finally:
                os.close(fd)
        except OSError:
            return None
        if zlib.crc32(data) != int(c["crc"][row]):
            return None
        return _passage(
            doc_id,
            int(c["turn"][row]),
            int(c["para"][row]),
            speaker_id,
            Span(
                int(c["start"][row]),
                int(c["end"][row]),
                int(c["line_start"][row]),
                int(c["line_end"][row]),
            ),
            data,
            bool(c["indexed"][row]),
        )

    def read_rows(
        self,
        rows: Sequence[int],
        doc_ids: Mapping[int, str] | Sequence[str],
        speaker_ids: Mapping[int, str] | Sequence[str],
        paths: Mapping[int, Path] | Sequence[Path],
        known: Bounded[int, tuple[bytes, Passage]] | None = None,
    ) -> list[Passage | None]:
        """read() for several rows at once, in their order: each column is gathered once for
        all of them and each file opened once. `doc_ids`, `speaker_ids` and `paths` give the id
        (and file) of each number in the doc and speaker columns. A row whose file no longer
        holds its text (or cannot be read) is None.

        `known` remembers the passage built from a row's bytes: every row is still read and
        checked, and a row whose bytes are the very bytes remembered gives the same passage
        without decoding and building it again."""
        if not len(rows):
            return []
        at = np.asarray(rows, dtype=np.int64)
        c = {name: self.columns[name][at].tolist() for name in COLUMNS}
        out: list[Passage | None] = [None] * len(at)
        by_doc: dict[int, list[int]] = {}
        for i, doc in enumerate(c["doc"]):
            by_doc.setdefault(doc, []).append(i)
        for doc, items in by_doc.items():
            try:
                fd = os.open(paths[doc], os.O_RDONLY)  # os-level calls: half the cost of open()
            except OSError:
                continue
            try:
                for i in items:
                    start, end = c["byte_start"][i], c["byte_end"][i]
                    data = os.pread(fd, end - start, start)
                    if zlib.crc32(data) != c["crc"][i]:
                        continue
                    seen = known.get(rows[i]) if known is not None else None
                    if seen is not None and seen[0] == data:
                        out[i] = seen[1]
                        continue
                    passage = out[i] = _passage(
                        doc_ids[doc],
                        c["turn"][i],
                        c["para"][i],
                        speaker_ids[c["speaker"][i]],
                        Span(c["start"][i], c["end"][i], c["line_start"][i], c["line_end"][i]),
                        data,
                        c["indexed"][i],
                    )
                    if known is not None:
                        known.put(rows[i], (data, passage))
            except OSError:
                continue
            finally:
                os.close(fd)
        return out


# Each pair of (start, end) columns is stored as the gap from the end of the document's row
# before (from 0 on its first row) and the length: small numbers where the positions themselves
# grow to the size of a document (over 4 GB for a large file, where narrower types would not do).
_SPANS = (("start", "end"), ("byte_start", "byte_end"), ("line_start", "line_end"))
# The dtypes a stored column may take, narrowest first: the first that holds all its values.
_NARROW = (np.uint8, np.int8, np.uint16, np.int16, np.uint32, np.int32, np.int64)
_BLOCK = 1 << 16  # rows coded at a time


def _narrowest(values: np.ndarray) -> np.ndarray:
    """`values` in the narrowest integer dtype that holds them all (booleans as they are)."""
    if values.dtype == np.bool_ or not len(values):
        return values
    low, high = int(values.min()), int(values.max())
    for dtype in _NARROW:
        info = np.iinfo(dtype)
        if info.min <= low and high <= info.max:
            return values.astype(dtype, copy=False)
    return values  # past int64: cannot happen for the columns' own dtypes


def _document_starts(docs: np.ndarray) -> np.ndarray:
    """Per row, whether it is the first row of its document."""
    first = np.ones(len(docs), np.bool_)
    np.not_equal(docs[1:], docs[:-1], out=first[1:])
    return first


def _gaps_and_lengths(
    starts: np.ndarray, ends: np.ndarray, first: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per row, its start less the previous row's end (its start on a document's first row), and
    its end less its start; either may be negative in principle. Computed _BLOCK rows at a time,
    each block in its narrowest dtype: no int64 copy of a whole column is made (the build's peak
    memory falls while the table is written)."""
    gaps: list[np.ndarray] = []
    lengths: list[np.ndarray] = []
    for lo in range(0, len(starts), _BLOCK):
        hi = min(lo + _BLOCK, len(starts))
        s, e = starts[lo:hi].astype(np.int64), ends[lo:hi].astype(np.int64)
        before = np.empty(hi - lo, np.int64)  # each row's previous row's end
        before[0] = ends[lo - 1] if lo else 0
        before[1:] = e[:-1]
        before[first[lo:hi]] = 0
        gaps.append(_narrowest(s - before))
        lengths.append(_narrowest(e - s))
    if not gaps:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(gaps), np.concatenate(lengths)


def _starts_and_ends(
    gaps: np.ndarray, lengths: np.ndarray, first: np.ndarray, dtype: type
) -> tuple[np.ndarray, np.ndarray]:
    """The starts and ends _gaps_and_lengths() was given: a running sum of gaps and lengths,
    started again on each document's first row."""
    lengths = lengths.astype(np.int64, copy=False)
    steps = gaps.astype(np.int64)  # a copy, summed in place
    steps[1:] += np.where(first[1:], 0, lengths[:-1])
    total = np.cumsum(steps)
    before = (total - steps)[first]  # the running sum before each document's first row
    starts = total - np.repeat(before, np.diff(np.flatnonzero(np.append(first, True))))
    return starts.astype(dtype, copy=False), (starts + lengths).astype(dtype, copy=False)


def _passage(
    doc_id: str, turn: int, para: int, speaker_id: str, span: Span, data: bytes, indexed: bool
) -> Passage:
    """A passage read from its row's bytes."""
    return Passage(
        f"{doc_id}:{turn}.{para}",
        doc_id,
        turn,
        para,
        speaker_id,
        span,
        data.decode("utf-8"),
        indexed,
    )


def _document_runs(docs: np.ndarray) -> list[tuple[int, int]]:
    """(first, past-last) row of each run of rows of one document, in order."""
    cuts = np.flatnonzero(docs[1:] != docs[:-1]) + 1
    bounds = [0, *cuts.tolist(), len(docs)] if len(docs) else []
    return list(itertools.pairwise(bounds))


def _byte_offsets(text: str, size: int) -> np.ndarray:
    """UTF-8 byte offset of every character offset 0..len(text) of `text` (`size` bytes)."""
    if size == len(text):  # ASCII: one byte a character
        return np.arange(len(text) + 1, dtype=np.int64)
    points = np.frombuffer(text.encode("utf-32-le"), np.uint32)
    width = 1 + (points >= 0x80) + (points >= 0x800) + (points >= 0x10000)
    return np.concatenate([np.zeros(1, np.int64), np.cumsum(width, dtype=np.int64)])
