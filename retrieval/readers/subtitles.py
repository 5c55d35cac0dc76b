"""Subtitles, WebVTT and SRT (parsed by webvtt-py): cues joined into one paragraph per speaker turn.

A turn starts at a voice tag naming a new speaker (`<v Travis>`, written `Travis: `), at a cue
whose text opens with a speaker prefix (`Gilon: `, `>> `, `- `), and continues over unlabelled
cues; within a turn a new paragraph starts after a pause of PAUSE seconds, or after a sentence
once the paragraph is LONG. Every cue's start time is kept as the location of its text.
"""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import webvtt
from webvtt.errors import MalformedFileError

from ..errors import CorpusError
from .base import Converted, TextBuilder, decode_markup, squash

_SRT_HEAD = re.compile(rb"^\s*\d+\s*\r?\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->")
_TAG = re.compile(r"<[^>]*>|\{\\[^}]*\}")  # voice, class, italic, karaoke-time and {\an8} tags
_SENTENCE_END = re.compile(r"[.?!…][\"”’)\]]?$")
LONG = 1200  # a turn longer than this many characters is broken after a cue that ends a sentence
PAUSE = 3.0  # seconds of silence between cues that end a paragraph
# A cue opening with "Name:" (1-4 words, capitalised) or a speaker-change mark starts a turn.
_PREFIX = re.compile(r"^(?:>>|-\s|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}:\s)")


def accepts(path: Path, head: bytes) -> bool:
    """`.vtt`/`.srt`, a file starting with WEBVTT, or a numbered cue with a time range."""
    body = head.removeprefix(b"\xef\xbb\xbf")
    return (
        path.suffix.lower() in (".vtt", ".srt")
        or body.startswith(b"WEBVTT")
        or bool(_SRT_HEAD.match(body))
    )


def convert(path: Path, data: bytes) -> Converted:
    """One paragraph per speaker turn; the location of each cue's text is its start time."""
    text = decode_markup(data, fallback="cp1252")
    fmt = "vtt" if text.lstrip("\ufeff").startswith("WEBVTT") else "srt"
    try:
        captions = webvtt.from_buffer(io.StringIO(text.lstrip("\ufeff")), format=fmt)
    except (MalformedFileError, ValueError, IndexError) as exc:
        raise CorpusError(
            f"not a readable {fmt.upper()} file ({' '.join(str(exc).split())})"
        ) from None
    builder = TextBuilder()
    speaker = None
    length, last_end = 0, None
    for caption in captions.captions:
        cue = squash(html.unescape(_TAG.sub(" ", caption.raw_text)))
        if not cue:
            continue
        voice = squash(caption.voice or "") or None
        if voice and voice != speaker:
            builder.end()
            cue = f"{voice}: {cue}"
            speaker = voice
            length = 0
        elif _PREFIX.match(cue):
            builder.end()
            speaker = None
            length = 0
        elif last_end is not None and caption.start_in_seconds - last_end >= PAUSE:
            builder.end()  # a long silence: the same speaker, a new paragraph
            length = 0
        builder.append(cue, time=caption.start)
        length += len(cue) + 1
        last_end = caption.end_in_seconds
        if length > LONG and _SENTENCE_END.search(cue):
            builder.end()  # a long monologue: paragraphs of a few sentences, like a transcript's
            length = 0
    return Converted(builder.text(), fmt, tuple(builder.locations))
