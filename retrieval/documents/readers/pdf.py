"""PDF files: the text layer, extracted page by page with pypdf, printed lines into paragraphs.

A paragraph ends at a blank line, or at a short line that ends a sentence; a line that opens
with a speaker label (`Name:`, `Q.`, `A:`) starts one. Running heads, feet and page numbers
(lines recurring at the top or bottom of the pages) are dropped. Scanned pages without a text
layer give no text: the document is reported, not guessed at.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
from pathlib import Path

from ...errors import CorpusError
from .base import LABEL_START, Converted, TextBuilder, squash
from .lines import Paragraphs, furniture, shape, vocabulary

FORMAT = "pdf"
_JUNK_TITLE = re.compile(r"^(?:microsoft \w+ - |untitled)|\.[a-z]{2,4}$", re.I)
SHORT = 0.8  # a line shorter than this share of the page's usual line can end a paragraph
_SENTENCE_END = re.compile(r"[.?!:;\"”’)\]]$")


def accepts(path: Path, head: bytes) -> bool:
    """A PDF file (its magic number)."""
    return head.startswith(b"%PDF-") or path.suffix.lower() == ".pdf"


def convert(path: Path, data: bytes) -> Converted:
    """The text layer as paragraphs, each line's page kept as its location."""
    from pypdf import PdfReader  # imported only when a PDF is read

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are about the file's form
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise CorpusError("encrypted PDF; save an unencrypted copy")
        pages = [
            [squash(x) for x in (page.extract_text() or "").splitlines()] for page in reader.pages
        ]
        meta = reader.metadata
        title = squash(str(meta.title)) if meta and meta.title else ""
        if _JUNK_TITLE.search(title):
            title = ""  # "Microsoft Word - draft3.docx": the producer's, not the document's
    except CorpusError:
        raise
    except Exception as exc:
        # pypdf reports a damaged file with assorted exceptions (KeyError, ValueError, struct
        # errors, …): any of them makes this one document unreadable, never the whole corpus.
        detail = " ".join(str(exc).split())[:160] or type(exc).__name__
        raise CorpusError(f"not a readable PDF ({detail})") from None
    drop = furniture([[x for x in lines if x] for lines in pages])
    paragraphs = Paragraphs(vocabulary(x for lines in pages for x in lines))
    previous = ""
    for number, lines in enumerate(pages, start=1):
        kept = [x for x in lines if x]
        edges = set(kept[:2] + kept[-2:])
        usual = statistics.median([len(x) for x in kept]) if kept else 0
        for line in lines:
            if not line:
                paragraphs.end()
                previous = ""
                continue
            if line in edges and shape(line) in drop:
                continue
            new = (
                not previous
                or bool(LABEL_START.match(line))
                or (_SENTENCE_END.search(previous) is not None and len(previous) < SHORT * usual)
            )
            paragraphs.add(line, number, new)
            previous = line
    builder = TextBuilder()
    paragraphs.write(builder)
    return Converted(builder.text(), FORMAT, tuple(builder.locations), title[:200])
