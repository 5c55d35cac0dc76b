"""Plain text and Markdown: read as they are, UTF-8, never converted."""

from __future__ import annotations

from pathlib import Path

from ...errors import CorpusError
from .base import Converted

SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
FORMAT = "text"


def accepts(path: Path, head: bytes) -> bool:
    """Plain text is what every other reader declined."""
    return True


def convert(path: Path, data: bytes) -> Converted:
    """The file's text exactly as it is (BOM and line ends included)."""
    if b"\x00" in data:
        raise CorpusError("binary file (contains NUL bytes); save the document as plain UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        raise CorpusError(
            f"not UTF-8 text (byte 0x{bad:02x} at offset {exc.start}); re-save it as UTF-8"
        ) from None
    return Converted(text, SUFFIXES.get(path.suffix.lower(), FORMAT))
