"""Render an Answer as plain text for a terminal, or as the stable JSON interface."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from stenogram.retrieval.model import Answer, Citation, DocumentMeta, Quote, Span, Speaker

NOT_FOUND = "Not in my documents: nothing in them answers that."
CLOSEST = "Nothing in my documents answers this directly. The closest passages:"
ALSO = "Also near the question, not a direct answer:"  # closest passages after the answer


class _Shown:
    """How the files of one answer are shown: relative to the current directory when they lie
    below it, else absolute; the directory resolved once, each file once (resolving is a system
    call per path component)."""

    def __init__(self, cwd: Path | None = None) -> None:
        self.base = (cwd or Path.cwd()).resolve()
        self.shown: dict[Path, str] = {}

    def __call__(self, path: Path) -> str:
        shown = self.shown.get(path)
        if shown is None:
            resolved = path.resolve()
            try:
                shown = resolved.relative_to(self.base).as_posix()
            except ValueError:
                shown = resolved.as_posix()
            self.shown[path] = shown
        return shown


def lines_label(span: Span) -> str:
    """ "line 12" or "lines 12–14"."""
    if span.line_start == span.line_end:
        return f"line {span.line_start}"
    return f"lines {span.line_start}\u2013{span.line_end}"


def location_label(citation: Citation) -> str:
    """ "page 3" or "at 00:01:23.450" for a quote from a converted file; "" otherwise."""
    if citation.page is not None:
        return f"page {citation.page}"
    return f"at {citation.time}" if citation.time else ""


def original_label(citation: Citation) -> str:
    """ "N0553261.xml, page 3": the original file of a converted document and where in it."""
    if citation.original is None:
        return ""
    return ", ".join(x for x in (citation.original.name, location_label(citation)) if x)


def _original_json(citation: Citation, show: _Shown) -> dict[str, Any] | None:
    """The "original" object of the JSON output: null for plain text files."""
    if citation.original is None:
        return None
    out: dict[str, Any] = {"file": show(citation.original)}
    if citation.page is not None:
        out["page"] = citation.page
    if citation.time:
        out["time"] = citation.time
    return out


def speaker_label(sp: Speaker) -> str:
    """ "Vladimir Putin, President of Russia", or the publisher's name for reported prose."""
    if sp.is_publisher or not sp.role:
        return sp.name
    return f"{sp.name}, {sp.role}"


def quote_speaker_label(quote: Quote) -> str:
    """Who a quote is by: its speaker, and for a question quoted with its reply, who asked
    ("Fiona Hyslop, Minister for Transport, replying to Rhoda Grant")."""
    label = speaker_label(quote.speaker)
    if quote.asked_by is None:
        return label
    return f"{label}, replying to {quote.asked_by.name}"


def source_label(doc: DocumentMeta) -> str:
    """Document title, publisher and date, as far as they are known."""
    return " · ".join(x for x in (doc.title, doc.source, doc.date) if x)


def to_text(answer: Answer, cwd: Path | None = None, width: int = 100) -> str:
    """The answer as a person reads it in a terminal."""
    if answer.problem:
        return answer.problem
    out = [*answer.notes]
    show = _Shown(cwd)
    if answer.abstained and not answer.closest:
        out.append(NOT_FOUND + " Run `stenogram corpus` to see what they cover.")
        return "\n".join(out)
    if answer.abstained:
        out.append(CLOSEST)
    for n, quote in enumerate(answer.quotes + answer.closest, start=1):
        if answer.quotes and n == len(answer.quotes) + 1:
            out.append(ALSO)
        body = textwrap.fill(
            f"\u201c{terminal_safe(quote.text)}\u201d",
            width,
            initial_indent=f"{n}. ",
            subsequent_indent="   ",
        )
        out.append(body)
        out.append(f"   \u2014 {quote_speaker_label(quote)}")
        out.append(f"     {source_label(quote.document)}")
        if quote.citation.original is not None:
            out.append(
                f"     {show(quote.citation.original)}"
                + (f", {location_label(quote.citation)}" if location_label(quote.citation) else "")
            )
            out.append(
                f"     text: {show(quote.citation.path)}, {lines_label(quote.citation.span)}"
            )
        else:
            out.append(f"     {show(quote.citation.path)}, {lines_label(quote.citation.span)}")
        for other in quote.also_in:
            out.append(f"     also in {show(other.path)}, {lines_label(other.span)}")
        out.append("")
    return "\n".join(out).rstrip()


def to_json(answer: Answer, cwd: Path | None = None) -> dict[str, Any]:
    """The documented JSON object for one answer (see README, "JSON output")."""
    show = _Shown(cwd)
    return {
        "question": answer.question,
        "abstained": answer.abstained,
        "problem": answer.problem or None,
        "notes": list(answer.notes),
        "answers": [_quote_json(q, show) for q in answer.quotes],
        "closest": [_quote_json(q, show) for q in answer.closest],
    }


def _quote_json(quote: Quote, show: _Shown) -> dict[str, Any]:
    doc = quote.document
    return {
        "quote": quote.text,
        "speaker": quote.speaker.name,
        "role": quote.speaker.role,
        "asked_by": quote.asked_by.name if quote.asked_by is not None else None,
        "document": {
            "id": doc.id,
            "title": doc.title,
            "source": doc.source,
            "date": doc.date,
            "url": doc.url,
        },
        "file": show(quote.citation.path),
        "line_start": quote.citation.span.line_start,
        "line_end": quote.citation.span.line_end,
        "original": _original_json(quote.citation, show),
        "also_in": [
            {
                "document": c.doc_id,
                "file": show(c.path),
                "line_start": c.span.line_start,
                "line_end": c.span.line_end,
                "original": _original_json(c, show),
            }
            for c in quote.also_in
        ],
        "score": round(quote.score, 4),
    }


def terminal_safe(text: str) -> str:
    """Text with control characters made visible, so a document cannot drive the terminal; a
    Windows line end (CR LF) is a line end, as a lone LF is."""
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    if text.isprintable() or text.replace("\n", " ").replace("\t", " ").isprintable():
        return text  # the usual case, checked in C rather than character by character
    return "".join(c if c.isprintable() or c in "\n\t" else f"\\x{ord(c):02x}" for c in text)
