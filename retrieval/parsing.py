"""Split a document's text into paragraphs, speaker turns and passages with exact file positions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .model import Passage, Span, Turn
from .speakers import SpeakerRegistry, is_label, split_label
from .tokenize import has_content

_LABEL = re.compile(r"(?P<label>[^:\n]{2,240}?):(?:[ \t]+|(?=\r?\n)|$)")
_BLANK = " \t\r\n\ufeff\u00a0\u2028\u2029\x0b\x0c"  # whitespace, and a byte-order mark
_STAGE_DIRECTION = re.compile(r"^[(\[].*[)\]]$")
_TERMINAL = re.compile(r"[.!?…:;,]$")
_CLOSERS = "\"'”’»)]*"
# Headings that open a transcript page's back matter: everything from one of them on is metadata.
BACK_MATTER = frozenset(
    """see also|topics|persons|publication status|text version|related|related news|tags|share|
    discuss|print version|comments|read more|more on this topic|source""".replace("\n", "")
    .replace("    ", "").split("|")
)
MIN_CONTENT_TOKENS = 4  # fewer content words: a courtesy ("Thank you, Mr Zas."), never a quote


@dataclass(frozen=True)
class Block:
    """A paragraph of the file: one line, or a run of lines in a hard-wrapped document."""

    span: Span

    def text(self, doc: str) -> str:
        """The block's exact characters."""
        return doc[self.span.start : self.span.end]


def lines(text: str) -> list[Span]:
    """Every line's span without its line terminator; blank lines included, 1-based numbers."""
    out, start = [], 0
    for number, raw in enumerate(text.split("\n"), start=1):
        content = raw.rstrip("\r")
        out.append(Span(start, start + len(content), number, number))
        start += len(raw) + 1
    return out


def _strip(text: str, span: Span) -> Span | None:
    """The span narrowed to its non-blank characters, or None for a blank line."""
    chunk = text[span.start : span.end]
    if not chunk.strip(_BLANK):
        return None
    lead = len(chunk) - len(chunk.lstrip(_BLANK))
    trail = len(chunk) - len(chunk.rstrip(_BLANK))
    # Leading or trailing newlines move the first or last line, so the lines stay exact.
    first = span.line_start + chunk.count("\n", 0, lead)
    last = span.line_end - chunk.count("\n", len(chunk) - trail)
    return Span(span.start + lead, span.end - trail, first, last)


def _is_wrapped(text: str, spans: list[Span]) -> bool:
    """Hard-wrapped prose: short lines whose paragraphs are separated by blank lines."""
    filled = [s for s in spans if text[s.start : s.end].strip()]
    if len(filled) < 4 or len(filled) == len(spans):
        return False
    lengths = sorted(s.end - s.start for s in filled)
    return lengths[len(lengths) // 2] <= 100 and lengths[-1] <= 120


@lru_cache(maxsize=4)
def blocks(text: str) -> tuple[Block, ...]:
    """The file's paragraphs in order, each with exact character and line positions.

    Cached for the last few texts: loading calls it up to three times per document (metadata,
    transcript detection, parsing), and it dominated loading large archives.
    """
    raw = lines(text)
    spans = [_strip(text, s) for s in raw]
    if not _is_wrapped(text, raw):
        return tuple(Block(s) for s in spans if s is not None)
    out: list[Block] = []
    current: Span | None = None
    for span in spans:
        starts_turn = span is not None and _label_at(text, span) is not None
        if span is None or starts_turn or current is None:
            if current is not None:
                out.append(Block(current))
            current = span
        else:
            current = Span(current.start, span.end, current.line_start, span.line_end)
    if current is not None:
        out.append(Block(current))
    return tuple(out)


def _label_at(text: str, span: Span) -> str | None:
    """The speaker label opening this paragraph, if it has one."""
    match = _LABEL.match(text, span.start, span.end)
    if match and is_label(match.group("label").strip()):
        return match.group("label").strip()
    return None


def is_heading(chunk: str) -> bool:
    """A title, dateline or section heading: short and without closing punctuation."""
    bare = chunk.rstrip(_CLOSERS)
    return not _TERMINAL.search(bare) and len(chunk) <= 120 and len(chunk.split()) <= 16


def _quotable(chunk: str) -> bool:
    """Whether a paragraph is content at all (not a stage direction or a separator)."""
    return not _STAGE_DIRECTION.match(chunk) and any(c.isalpha() for c in chunk)


def count_labels(text: str) -> int:
    """How many paragraphs open with a speaker label (used to recognise transcripts)."""
    return sum(1 for b in blocks(text) if _label_at(text, b.span))


@dataclass(frozen=True)
class Parsed:
    """A document's turns and passages, plus anything odd worth telling the operator."""

    turns: tuple[Turn, ...]
    passages: tuple[Passage, ...]
    warnings: tuple[str, ...] = ()


def parse(doc_id: str, text: str, kind: str, speaker_id: str, registry: SpeakerRegistry) -> Parsed:
    """Turns and passages of one document; `speaker_id` owns the text when it has no labels."""
    paragraphs = blocks(text)
    if kind == "transcript":
        labelled = [i for i, b in enumerate(paragraphs) if _label_at(text, b.span)]
        if labelled:
            return _transcript(doc_id, text, paragraphs, labelled, registry)
        warning = "marked as a transcript but no 'Name: text' speaker labels were found"
        single = _single_turn(doc_id, text, paragraphs, speaker_id)
        return Parsed(single.turns, single.passages, (warning,))
    return _single_turn(doc_id, text, paragraphs, speaker_id)


def _transcript(
    doc_id: str, text: str, paragraphs: Sequence[Block], labelled: list[int], registry: SpeakerRegistry
) -> Parsed:
    """One turn per label, up to the next label or the back matter."""
    end = len(paragraphs)
    for j in range(labelled[-1] + 1, len(paragraphs)):
        if paragraphs[j].text(text).rstrip(":").strip().casefold() in BACK_MATTER:
            end = j
            break
    turns: list[Turn] = []
    passages: list[Passage] = []
    bounds = labelled + [end]
    for t, (first, stop) in enumerate(zip(bounds, bounds[1:])):
        label = _label_at(text, paragraphs[first].span) or ""
        speaker = registry.person(*split_label(label))
        match = _LABEL.match(text, paragraphs[first].span.start, paragraphs[first].span.end)
        assert match is not None
        head = _strip(text, Span(match.end(), *_tail(paragraphs[first].span)))
        spans = ([head] if head else []) + [b.span for b in paragraphs[first + 1 : stop]]
        last = paragraphs[stop - 1].span
        turn_span = Span(paragraphs[first].span.start, last.end, paragraphs[first].span.line_start,
                         last.line_end)
        turns.append(Turn(doc_id, t, speaker.id, turn_span))
        passages.extend(_passages(doc_id, t, speaker.id, text, spans))
    return Parsed(tuple(turns), tuple(passages))


def _tail(span: Span) -> tuple[int, int, int]:
    """The end fields of a span, for building the remainder of a label line."""
    return span.end, span.line_start, span.line_end


def _single_turn(doc_id: str, text: str, paragraphs: Sequence[Block], speaker_id: str) -> Parsed:
    """A document with no labels is one turn by its speaker or publisher."""
    passages = _passages(doc_id, 0, speaker_id, text, [b.span for b in paragraphs])
    if not passages:
        return Parsed((), ())
    first, last = passages[0].span, passages[-1].span
    turn = Turn(doc_id, 0, speaker_id, Span(first.start, last.end, first.line_start, last.line_end))
    return Parsed((turn,), tuple(passages))


def _passages(doc_id: str, turn: int, speaker_id: str, text: str, spans: list[Span]) -> list[Passage]:
    """The quotable paragraphs among `spans`; courtesies are kept for context but not indexed."""
    out: list[Passage] = []
    for span in spans:
        chunk = text[span.start : span.end]
        if not _quotable(chunk) or is_heading(chunk):
            continue
        out.append(
            Passage(
                id=f"{doc_id}:{turn}.{len(out)}",
                doc_id=doc_id,
                turn_index=turn,
                paragraph=len(out),
                speaker_id=speaker_id,
                span=span,
                text=chunk,
                indexed=has_content(chunk, MIN_CONTENT_TOKENS),
            )
        )
    return out
