"""Labels printed over two lines, joined into one span before labels are looked for.

A reader splits a document into lines; a few label shapes run over two of them: a label wrapped
inside its brackets ("THE MINISTER OF … AFFAIRS (SHRI HARISH CHANDRA" / "GOYAL): Hon. Speaker,
…"), a delegate's label wrapped before its note ("Mr. Quispe Mamani (Plurinational State of
Bolivia)" / "(spoke in Spanish): …"), and Hansard's web page copied as text ("Helen Marsh" /
"(Ashfield) (Lab)", the speech below). Each pair becomes one span of two lines, its line
numbers both kept, so the label is seen whole and its words are cited from where they start.
"""

from __future__ import annotations

import re

from ..model import Span

__all__ = ["labels_unwrapped"]

# The rest of a label wrapped inside its brackets, on the line after: "GOYAL): Hon. Speaker".
_CLOSES_LABEL = re.compile(r"[^():\n]{1,80}\)[ \t]*:")


_NOTE_THEN_COLON = re.compile(r"\([^()\n]{2,40}\)[ \t]*:")  # "(spoke in Spanish):"
_NAME_LINE = re.compile(r"(?:[A-Z][\w.'’-]*[ \t]+){1,4}[A-Z][\w'’-]+")  # "Sir Edward Leigh"
_SEAT_LINE = re.compile(r"\([^()\n]{2,80}\)(?:[ \t]*\([^()\n]{1,30}\))?")  # "(Ashfield) (Lab)"


def labels_unwrapped(text: str, spans: list[Span | None]) -> tuple[Span | None, ...]:
    """The lines, a label wrapped inside its brackets joined into one span of two lines ("THE
    MINISTER OF … AFFAIRS (SHRI HARISH CHANDRA" / "GOYAL): Hon. Speaker, …"): a line with a
    bracket left open and no colon, and the next line closing it before a colon; so is a name
    alone over a line of its seat and party in brackets ("Helen Marsh" / "(Ashfield) (Lab)")."""
    if "(" not in text:
        return tuple(spans)
    out: list[Span | None] = []
    skip = False
    for span, after in zip(spans, [*spans[1:], None], strict=True):
        if skip:
            skip = False
            continue
        if (
            span is not None
            and after is not None
            and text[after.start : after.start + 1] == "("
            and _NAME_LINE.fullmatch(text, span.start, span.end)
            and _SEAT_LINE.fullmatch(text, after.start, after.end)
        ):
            # Hansard's web page copied as text: "Helen Marsh" over "(Ashfield) (Lab)", the
            # speech below: one label of two lines.
            out.append(Span(span.start, after.end, span.line_start, after.line_end))
            skip = True
            continue
        if (
            span is not None
            and after is not None
            and text.find("(", span.start, span.end) != -1
            and text[span.end - 1 : span.end] not in ".?!"
        ):
            line = text[span.start : span.end]
            if ":" not in line and (
                (
                    line.count("(") > line.count(")")
                    and _CLOSES_LABEL.match(text, after.start, after.end)
                )
                # "Mr. Quispe Mamani (Plurinational State of Bolivia)" / "(spoke in Spanish): …"
                or (
                    line.endswith(")")
                    and _NAME_LINE.match(line)
                    and _NOTE_THEN_COLON.match(text, after.start, after.end)
                )
            ):
                out.append(Span(span.start, after.end, span.line_start, after.line_end))
                skip = True
                continue
        out.append(span)
    return tuple(out)
