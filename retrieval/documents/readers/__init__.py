"""Readers: turn each document format into plain text in the shape the transcript parser reads.

One module per format, each with a cheap `accepts(path, head)` (extension and the first bytes)
and a `convert(path, data)` that returns a Converted. Plain text and Markdown pass through
untouched; HTML, XML speeches, pdftohtml XML, PDF and subtitles are converted: paragraphs one
blank line apart, a speaker the format marks written as `Name: ` at the start of a paragraph.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from ...errors import CorpusError
from ...model import Location, location_at
from . import plain
from .base import Converted
from .skip import skip_reason

MAX_FILE_BYTES = 50 * 1024 * 1024
HEAD_BYTES = 4096

__all__ = ["Converted", "Location", "location_at", "read_document", "skip_reason", "sniff"]


class Reader(Protocol):
    """What each reader module provides (a module satisfies it by its two functions)."""

    def accepts(self, path: Path, head: bytes) -> bool: ...

    def convert(self, path: Path, data: bytes) -> Converted: ...


def _readers() -> tuple[Reader, ...]:
    """Every converting reader, most specific first (imported on first use)."""
    from . import html, pdf, pdfxml, subtitles, xmlspeech

    return (pdf, subtitles, pdfxml, xmlspeech, html)


def sniff(path: Path, head: bytes) -> Reader:
    """The reader for a file, from its extension and first bytes."""
    if path.suffix.lower() in plain.SUFFIXES:
        from . import captions

        if captions.accepts(path, head):
            return captions  # a video's transcript: time stamps on lines of their own
        from . import numbered

        if numbered.accepts(path, head):
            return numbered  # a court reporter's pages: lines numbered in the margin
        from . import paged

        if paged.accepts(path, head):
            return paged  # pdftotext's pages: form feeds, running heads and feet
        return plain  # text and Markdown are never converted, whatever markup they hold
    for reader in _readers():
        if reader.accepts(path, head):
            return reader
    return plain


def read_document(path: Path) -> Converted:
    """A document's text, or a CorpusError whose message says in one line why it cannot be used."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(
            f"cannot be read ({exc.strerror or exc}); check its permissions"
        ) from None
    if len(data) > MAX_FILE_BYTES:
        raise CorpusError(f"larger than {MAX_FILE_BYTES // 2**20} MiB; split it into smaller files")
    reader = sniff(path, data[:HEAD_BYTES])
    converted = reader.convert(path, data)
    if not converted.text.strip():
        what = "" if reader is plain else f" (read as {converted.format})"
        raise CorpusError(f"empty file{what}" if reader is plain else f"no text found in it{what}")
    return converted
