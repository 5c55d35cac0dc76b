"""Subtitles, WebVTT and SRT (parsed by webvtt-py): cues joined into one paragraph per speaker turn.

A turn starts at a voice tag naming a new speaker (`<v Travis>`, written `Travis: `), at a cue
whose text opens with a speaker prefix (`Gilon: `, `>> `, `- `, or a name in brackets as
subtitles for the deaf write it, `[ANNA] `, written `ANNA: `), and continues over unlabelled
cues (a cue that is only a sound note, `[THEME MUSIC]`, is left out); within a turn a new
paragraph starts after a pause of PAUSE seconds, or after a sentence once the paragraph is LONG
— or, in captions without sentence ends (automatic captions), at the cue boundary past 2 × LONG.
Every cue's start time is kept as the location of its text.

Warnings for the corpus report: text with (almost) no sentence punctuation, and cues skipped
because their time range could not be read (webvtt-py drops such a cue without a word, or, in
SRT, runs its lines into the cue before: they are cut from there).
"""

from __future__ import annotations

import html
import io
import re
from itertools import pairwise
from pathlib import Path

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError
from webvtt.models import Timestamp
from webvtt.srt import SRTCueBlock
from webvtt.vtt import WebVTTCueBlock

from ...errors import CorpusError
from .base import Converted, TextBuilder, decode_markup, squash, unpunctuated

_SRT_HEAD = re.compile(rb"^\s*\d+\s*\r?\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->")
_TAG = re.compile(r"<[^>]*>|\{\\[^}]*\}")  # voice, class, italic, karaoke-time and {\an8} tags
_SENTENCE_END = re.compile(r"[.?!…][\"”’)\]]?$")
LONG = 1200  # a turn longer than this many characters is broken after a cue that ends a sentence
# … and past twice this, at a cue boundary, when no cue ends a sentence (automatic captions)
UNPUNCTUATED_LONG = 2 * LONG
PAUSE = 3.0  # seconds of silence between cues that end a paragraph
# A cue opening with "Name:" (1-4 words, capitalised) or a speaker-change mark starts a turn.
_PREFIX = re.compile(
    r"^(?:>>|[-–—]\s|[A-ZА-ЯЁ][\w.'’-]*(?:\s+[A-ZА-ЯЁ][\w.'’-]*){0,3}(?:\s*\([^()]{1,40}\))?:\s)"
)
# A line inside a cue that opens with a speaker's name in capitals and a colon ("DR SHAH: Hello,
# Margaret."), as subtitles write a second speaker in one cue.
_NAMED_LINE = re.compile(
    r"^[A-ZА-ЯЁ][A-ZА-ЯЁ.'’-]+(?:\s+[A-ZА-ЯЁ][A-ZА-ЯЁ.'’-]+){0,3}(?:\s*\([^()]{1,40}\))?:\s"
)
# Automatic captions mark a change of speaker inside a line: "… actually start >> thanks maria".
_CHANGE_INSIDE = re.compile(r"\s+(?=>>\s)")
# A line of a cue opening with a dash: another speaker's words in the same cue ("- How much?" /
# "- About four roubles."), as subtitles mark a change of speaker.
_DASH_LINE = re.compile(r"^[-–—]\s")
# Subtitles for the deaf name a speaker in brackets before their words ("[ANNA] Good evening",
# "(MARK) Yes."): one to three capitalised words, a new turn written as "ANNA: Good evening".
_BRACKETED = re.compile(r"^[\[(]([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})[\])]\s+(?=\S)")
# … unless the brackets hold a sound ("[THEME MUSIC]", "(LAUGHTER)"): a cue that is only such a
# note is left out of the text, since nobody says it.
_SOUNDS = frozenset(
    """music theme applause laughter laughs laughing cheering cheers silence inaudible
    crosstalk noise sighs sighing chuckles chuckling coughs coughing ringing beeping indistinct
    background static gasps whispers whispering bell phone door footsteps singing sings upbeat
    dramatic intro outro jingle sound sounds playing plays continues speaking speaks foreign
    language translated translation laugh chuckle cheer groans groaning screams screaming yelling
    shouting clapping siren sirens gunfire explosion thunder wind rain beep beeps музыка
    аплодисменты смех смеётся смеется смеются шум тишина вздыхает кашляет звонок
    неразборчиво""".split()
)
_NOTE = re.compile(r"^(?:[\[(][^\])]*[\])]\s*)+$|^♪[^\w]*♪?$|^♪[^♪]*♪$")  # "♪ music fades ♪"
# A line meant as a cue's time range: an arrow after a time ("00:01:02,500 --> …", also "->").
_RANGE_LIKE = re.compile(r"^\s*\S*\d\S*\s*-+>")
_SHOWN_LINES = 5  # line numbers named in the warning about unreadable time ranges


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
    source = decode_markup(data, fallback="cp1252").lstrip("\ufeff")
    fmt = "vtt" if source.startswith("WEBVTT") else "srt"
    try:
        captions = webvtt.from_buffer(io.StringIO(source), format=fmt)
    except (MalformedFileError, ValueError, IndexError) as exc:
        raise CorpusError(
            f"not a readable {fmt.upper()} file ({' '.join(str(exc).split())})"
        ) from None
    builder = TextBuilder()
    voices: dict[str, None] = {}  # the voice tags' names, in order
    speaker = None
    length, last_end = 0, None
    cues = [_cue_lines(caption.raw_text) for caption in captions.captions]
    rolling = _rolling(cues)
    shown = ""  # the last line of text kept (rolling captions repeat it in the next cue)
    # (caption, lines, whether a cue shared by several speakers ends here: whoever speaks in
    # the next cue is not known to be its last speaker, so a paragraph ends)
    pieces: list[tuple[webvtt.Caption, list[str], bool]] = []
    for caption, cue_lines in zip(captions.captions, cues, strict=True):
        if rolling:
            while cue_lines and cue_lines[0] == shown:
                cue_lines = cue_lines[1:]
        if cue_lines:
            shown = cue_lines[-1]
        parts = _speakers_lines(cue_lines)
        # (A change mark opening the last part says who goes on: its speaker, until the next.)
        pieces += [
            (caption, part, len(parts) > 1 and i == len(parts) - 1 and part[0][:2] != ">>")
            for i, part in enumerate(parts)
        ]
    for caption, cue_lines, shared in pieces:
        cue = " ".join(cue_lines)
        if not cue:
            continue
        if _NOTE.match(cue) and _sound(cue):
            continue  # "[THEME MUSIC]": a sound, not speech
        named = _BRACKETED.match(cue)
        if named and not _sound(named.group(1)):
            cue = f"{named.group(1)}: {cue[named.end() :]}"  # "[ANNA] Good evening": a turn
        voice = squash(caption.voice or "") or None
        if voice:
            voices[voice] = None
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
        if (length > LONG and _SENTENCE_END.search(cue)) or length > UNPUNCTUATED_LONG:
            builder.end()  # a long monologue: paragraphs of a few sentences, like a transcript's
            length = 0
        elif shared:
            builder.end()
            length = 0
    text = builder.text()
    warnings = []
    if unpunctuated(text):
        warnings.append(
            "no sentence punctuation (automatic captions?): paragraphs are cut at cues about "
            f"every {UNPUNCTUATED_LONG:,} characters and passages between words, so quotes may "
            "start or end mid-sentence"
        )
    unreadable = unreadable_ranges(source, fmt)
    if unreadable:
        lines = ", ".join(map(str, unreadable[:_SHOWN_LINES]))
        more = ", …" if len(unreadable) > _SHOWN_LINES else ""
        warnings.append(
            f"{len(unreadable)} cue(s) with a time range that could not be read were skipped "
            f"(line{'s' if len(unreadable) > 1 else ''} {lines}{more})"
        )
    return Converted(
        text,
        fmt,
        tuple(builder.locations),
        _file_title(path),
        warnings=tuple(warnings),
        speakers=tuple(voices),
    )


def _file_title(path: Path) -> str:
    """A caption file's title: its name ("can-local-news-be-saved-panel.en.vtt": "can local news
    be saved panel"), since every line of its text is speech (unpunctuated automatic captions
    read like headings), its language code dropped."""
    stem = re.sub(r"\.[a-z]{2}(?:-[A-Za-z]{2})?$", "", path.stem)
    return " ".join(re.split(r"[-_.\s]+", stem)).strip()


def _speakers_lines(lines: list[str]) -> list[list[str]]:
    """A cue's lines parted where a line after the first opens with a dash, a name in capitals
    and a colon, or a change mark (">>", also inside a line): each speaker's words in the cue
    apart ("- Сколько?" / "- Около трёх миллиардов.", "CALLER (MARGARET, LEEDS): Morning." /
    "DR SHAH: Hello, Margaret.", "… start >> thanks maria")."""
    parts: list[list[str]] = [[]]
    pieces = (piece for line in lines for piece in _CHANGE_INSIDE.split(line) if piece)
    for piece in pieces:
        if parts[-1] and (_DASH_LINE.match(piece) or _NAMED_LINE.match(piece) or piece[:2] == ">>"):
            parts.append([])
        parts[-1].append(piece)
    return parts


def _sound(note: str) -> bool:
    """Whether a bracketed note names a sound ("THEME MUSIC", "(laughs)"), not a speaker."""
    return any(w in _SOUNDS for w in re.findall(r"[^\W\d_]+|♪", note.lower()))


def _cue_lines(raw: str) -> list[str]:
    """A cue's lines of text, markup and word timings removed, blank lines dropped."""
    own = (squash(html.unescape(_TAG.sub(" ", line))) for line in _own_lines(raw).split("\n"))
    return [line for line in own if line]


def _rolling(lines: list[list[str]]) -> bool:
    """Whether captions roll, as YouTube's automatic ones do: a cue repeats the previous cue's
    last line as its first (and a cue of a few milliseconds holds that line alone). Then each
    line is kept once. Told by the file: at least a third of the cues, and two, open that way."""
    repeats = sum(1 for before, cue in pairwise(lines) if before and cue[:1] == before[-1:])
    return repeats >= 2 and repeats * 3 >= len(lines)


def _own_lines(raw: str) -> str:
    """A cue's own text: SRT runs the lines of a cue whose time range it cannot read into the
    cue before ("2", "00:00:03,000 -> 00:00:05,000", its text); they are cut off there."""
    lines = raw.split("\n")
    for i, line in enumerate(lines):
        if _RANGE_LIKE.search(line):
            end = i - 1 if i and lines[i - 1].strip().isdigit() else i
            return "\n".join(lines[:end])
    return raw


def unreadable_ranges(text: str, fmt: str) -> list[int]:
    """The line numbers (1-based) of the time ranges webvtt-py cannot read: their cues are
    skipped. The same pattern as the library's, and for WebVTT the same check of each time."""
    pattern = (SRTCueBlock if fmt == "srt" else WebVTTCueBlock).CUE_TIMINGS_PATTERN
    out = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not _RANGE_LIKE.search(line):
            continue
        found = pattern.match(line)
        if found is None or (fmt == "vtt" and not _vtt_times(found.group(1), found.group(2))):
            out.append(n)
    return out


def _vtt_times(*times: str) -> bool:
    """Whether WebVTT times are valid (webvtt-py skips a cue with "00:75:00.000")."""
    try:
        for t in times:
            Timestamp.from_string(t)
    except MalformedCaptionError:
        return False
    return True
