"""A video's transcript copied as text: each caption under its time stamp on a line of its own.

YouTube's "Show transcript" (and players like it) copy as "0:07", then "hi I'm Dana Okafor I'm
the lead planner for", then "0:11", …: automatic captions, mostly without punctuation, under a
title line. Read as plain text every caption is a paragraph of a few words with no sentence end,
and none is worth quoting. This reader turns the lines into the WebVTT cues they are (each cue
lasting until the next time stamp) and reads those as subtitles.py reads any captions: joined
into paragraphs, sound notes ("[Music]") left out, each caption's time kept as its location.
The first line before any time stamp is the title.
"""

from __future__ import annotations

import re
from pathlib import Path

from .base import Converted, decode_markup
from .subtitles import convert as convert_subtitles

FORMAT = "captions"
SUFFIXES = {".txt", ".text", ".md"}
MIN_STAMPS = 5  # time stamp lines the head must hold …
STAMP_SHARE = 0.3  # … making up this share of its lines at least
_STAMP = re.compile(r"^[ \t]*(?:(\d{1,2}):)?(\d{1,2}):(\d{2})[ \t]*$")


def accepts(path: Path, head: bytes) -> bool:
    """A text file whose head is mostly time stamps on lines of their own between captions."""
    if path.suffix.lower() not in SUFFIXES:
        return False
    lines = [ln for ln in head.decode("utf-8", "replace").splitlines()[:-1] if ln.strip()]
    stamps = sum(1 for ln in lines if _STAMP.match(ln))
    return stamps >= MIN_STAMPS and stamps >= STAMP_SHARE * len(lines)


def convert(path: Path, data: bytes) -> Converted:
    """The captions as subtitles (see the module's note), with the title line as the title."""
    text = decode_markup(data).lstrip("\ufeff")
    title = ""
    cues: list[tuple[int, list[str]]] = []
    for line in text.splitlines():
        stamp = _STAMP.match(line)
        if stamp:
            hours, minutes, seconds = (int(g or 0) for g in stamp.groups())
            cues.append((hours * 3600 + minutes * 60 + seconds, []))
        elif line.strip() and cues:
            cues[-1][1].append(line.strip())
        elif line.strip() and not title:
            title = line.strip()
    vtt = ["WEBVTT", ""]
    for i, (start, lines) in enumerate(cues):
        if not lines:
            continue
        end = cues[i + 1][0] if i + 1 < len(cues) and cues[i + 1][0] > start else start + 5
        vtt += [f"{_time(start)} --> {_time(end)}", *lines, ""]
    read = convert_subtitles(path.with_suffix(".vtt"), "\n".join(vtt).encode("utf-8"))
    return Converted(read.text, FORMAT, read.locations, title, read.date, read.warnings)


def _time(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}.000"
