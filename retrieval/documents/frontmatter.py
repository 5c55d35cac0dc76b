"""A document's own metadata: YAML front matter, a Markdown heading, `Title:`/`Date:` lines."""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

_FENCE = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(?P<body>.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)
_MARKDOWN_HEADING = re.compile(r"^#{1,3}[ \t]+(?P<text>\S.*?)[ \t#]*$")
# A dateline: "2022-01-10", "January 10, 2022", "10 January 2022", as newspapers abbreviate
# the month ("Sat 14 Mar 2026", "Sept. 5, 2025").
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
    # … or in capitals, as a caption file's or a court record's header writes it
    r"|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)"
)
DATE = re.compile(
    rf"\b(?:\d{{4}}-\d{{2}}-\d{{2}}|{_MONTHS}\s+\d{{1,2}},\s+\d{{4}}|\d{{1,2}}\s+{_MONTHS}\s+\d{{4}})\b"
)
# Day first with dots or slashes: the document's date when nothing above gives one (not a
# dateline: a court record's "ордер № 047 от 11.03.2024" is no place where the header ends).
DAY_FIRST = re.compile(r"\b(?:0?[1-9]|[12]\d|3[01])([./])(?:0?[1-9]|1[0-2])\1(?:19|20)\d{2}\b")
_FIELD = re.compile(
    r"^(?P<key>title|date|speaker|speakers|language)[ \t]*:[ \t]*(?P<value>\S.*)$", re.IGNORECASE
)


@lru_cache(maxsize=8)
def front_matter(text: str) -> tuple[dict[str, str | list[str]], int]:
    """The YAML front matter's scalar and list fields as strings, and where the body starts.

    Text that opens with `---` but is not a YAML mapping has no front matter (offset 0).
    """
    m = _FENCE.match(text)
    if not m:
        return {}, 0
    try:
        data = yaml.safe_load(m.group("body"))
    except yaml.YAMLError:
        return {}, 0
    if not isinstance(data, dict):
        return {}, 0
    out: dict[str, str | list[str]] = {}
    for key, value in data.items():
        if isinstance(value, list):
            out[str(key).lower()] = [str(v) for v in value if v is not None]
        elif value is not None and not isinstance(value, dict):
            out[str(key).lower()] = " ".join(str(value).split())
    return out, m.end()


def heading_text(chunk: str) -> str:
    """A Markdown heading's words ("# Title" -> "Title"), else the chunk unchanged."""
    m = _MARKDOWN_HEADING.match(chunk)
    return m.group("text") if m else chunk


def header_field(chunk: str) -> tuple[str, str] | None:
    """("title", "…") for a `Title: …` or `Date: …` line at the top of a plain-text document."""
    m = _FIELD.match(chunk)
    return (m.group("key").lower(), m.group("value").strip()) if m else None
