"""The passage table of an index: one row of numbers per passage; the text stays in the source files.

Storing offsets instead of text keeps an index of a million passages small and its memory low,
and makes every quote a read of the cited bytes of the cited file. A CRC of those bytes, taken
when the index was built, proves at read time that the file still holds the indexed text.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .model import Document, Passage, Span

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
        """The table of `passages`, which must be in document, turn and paragraph order."""
        rows: dict[str, list[int]] = {name: [] for name in COLUMNS}
        for doc_id, group in _by_document(passages):
            text = documents[doc_id].text
            byte_at = _byte_offsets(text, group)
            for p in group:
                b0, b1 = byte_at[p.span.start], byte_at[p.span.end]
                values = (
                    doc_index[doc_id],
                    p.turn_index,
                    p.paragraph,
                    speaker_index[p.speaker_id],
                    p.span.start,
                    p.span.end,
                    b0,
                    b1,
                    p.span.line_start,
                    p.span.line_end,
                    zlib.crc32(p.text.encode("utf-8")),
                    p.indexed,
                )
                for name, value in zip(COLUMNS, values, strict=True):
                    rows[name].append(value)
        table = cls({name: np.array(rows[name], dtype) for name, dtype in COLUMNS.items()})
        if len(table) and (
            table.columns["turn"].max() >= 1 << _TURN_BITS
            or table.columns["para"].max() >= 1 << _PARA_BITS
        ):
            raise ValueError("a document has more than a million turns or paragraphs in a turn")
        return table

    def save(self, directory: Path) -> None:
        """Write one .npy file per column."""
        directory.mkdir(parents=True, exist_ok=True)
        for name, array in self.columns.items():
            np.save(directory / f"{name}.npy", array)

    @classmethod
    def load(cls, directory: Path) -> PassageTable:
        """Read the columns written by save() (about 50 bytes a passage)."""
        # Plain arrays, not memory maps: reading one element of a memmap costs ten times more,
        # and answering reads ten columns of fifty rows per question.
        return cls({name: np.load(directory / f"{name}.npy") for name in COLUMNS})

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
        turn, para = int(c["turn"][row]), int(c["para"][row])
        span = Span(
            int(c["start"][row]),
            int(c["end"][row]),
            int(c["line_start"][row]),
            int(c["line_end"][row]),
        )
        return Passage(
            f"{doc_id}:{turn}.{para}",
            doc_id,
            turn,
            para,
            speaker_id,
            span,
            data.decode("utf-8"),
            bool(c["indexed"][row]),
        )


def _by_document(passages: Sequence[Passage]) -> list[tuple[str, list[Passage]]]:
    """Consecutive passages grouped by document, in order."""
    groups: list[tuple[str, list[Passage]]] = []
    for p in passages:
        if not groups or groups[-1][0] != p.doc_id:
            groups.append((p.doc_id, []))
        groups[-1][1].append(p)
    return groups


def _byte_offsets(text: str, passages: list[Passage]) -> dict[int, int]:
    """UTF-8 byte offset of every passage boundary (character offset) in `text`."""
    marks = sorted({x for p in passages for x in (p.span.start, p.span.end)})
    out: dict[int, int] = {}
    char, byte = 0, 0
    for m in marks:
        byte += len(text[char:m].encode("utf-8"))
        char = m
        out[m] = byte
    return out
