"""Split a document's text into paragraphs, speaker turns and passages with exact file positions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from ..model import Passage, Span, Turn
from ..tokenize import has_content
from .frontmatter import DATE, front_matter
from .labels import Label, MidLine, find_labels, is_action
from .opening import statement_first
from .reported import reported_speakers
from .speakers import TITLE_WORDS, SpeakerRegistry, role_case, split_label
from .wrapped import labels_unwrapped

# Every Unicode space (NBSP, EM SPACE, …), line and paragraph separators, and a byte-order mark.
_BLANK = "".join(chr(c) for c in range(0x3001) if chr(c).isspace()) + "\ufeff\u200b"
_STAGE_DIRECTION = re.compile(r"^[(\[].*[)\]]$|^\\\[.*\\\]$", re.S)
# … or, as Australia's Hansard prints one, "Honourable members interjecting—".
_INTERJECTING = re.compile(r"^[^\n]{0,60}\binterjecting\W{0,2}$")
_ASCII_LETTER = re.compile("[A-Za-z]")  # one is enough to know a paragraph has a letter
_TERMINAL_CHARS = ".!?…:;,"
_CLOSERS = "\"'”’»)]*"
# Headings that open a transcript page's back matter: everything from one of them on is metadata.
BACK_MATTER = frozenset(
    """see also|topics|persons|publication status|text version|related|related news|tags|share|
    discuss|print version|comments|read more|more on this topic|source""".replace("\n", "")
    .replace("    ", "")
    .split("|")
)
MIN_CONTENT_TOKENS = 4  # fewer content words: a courtesy ("Thank you, Mr Zas."), never a quote
SHORT_ANSWER_TOKENS = 2  # ... unless it is a whole turn: a short answer ("Anything is possible.")
WRAP_WIDTH = 120  # lines at most this long, in a run between blank lines, may be hard-wrapped
FILLED_LINES = 8  # a document with no blank line is read as filled to a width from this many lines
DOUBLE_SHARE = 0.6  # lines followed by one blank line in a double-spaced text (page ends aside)
_CLOSING_CHARS = '.!?…:;"”’)]'  # a line ending in one of these may end its paragraph
WINDOW_CHARS = 1200  # a paragraph longer than this is indexed as windows of whole sentences
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)\]]*\s+(?=\S)")
# Where text without sentence ends is cut into windows: a whole run of spaces between words.
_WORD_GAP = re.compile(r"(?<=\S)\s+(?=\S)")


@dataclass(frozen=True)
class Block:
    """A paragraph of the file: one line, or a run of lines in a hard-wrapped stretch."""

    span: Span

    def text(self, doc: str) -> str:
        """The block's exact characters."""
        return doc[self.span.start : self.span.end]


def lines(text: str) -> list[Span]:
    """Every line's span without its line terminator; blank lines included, 1-based numbers."""
    return list(_lines(text))


@lru_cache(maxsize=4)
def _lines(text: str) -> tuple[Span, ...]:
    out, start = [], 0
    for number, raw in enumerate(text.split("\n"), start=1):
        content = raw.rstrip("\r")
        out.append(Span(start, start + len(content), number, number))
        start += len(raw) + 1
    return tuple(out)


def paragraphs(text: str) -> tuple[Block, ...]:
    """The document's paragraphs, a line opening with a speaker label always starting one."""
    return blocks(text, frozenset(lb.start for lb in document_labels(text, (), "")))


def _strip(text: str, span: Span) -> Span | None:
    """The span narrowed to its non-blank characters, or None for a blank line."""
    chunk = text[span.start : span.end]
    if chunk and chunk[0] not in _BLANK and chunk[-1] not in _BLANK:
        return span  # nothing to strip (most lines): the same span
    if not chunk.strip(_BLANK):
        return None
    lead = len(chunk) - len(chunk.lstrip(_BLANK))
    trail = len(chunk) - len(chunk.rstrip(_BLANK))
    # Leading or trailing newlines move the first or last line, so the lines stay exact.
    first = span.line_start + chunk.count("\n", 0, lead)
    last = span.line_end - chunk.count("\n", len(chunk) - trail)
    return Span(span.start + lead, span.end - trail, first, last)


@lru_cache(maxsize=4)
def filled_lines(text: str) -> tuple[Span, ...]:
    """The non-blank lines after any front matter, each narrowed to its visible characters."""
    return tuple(s for s in _stripped(text) if s is not None)


@lru_cache(maxsize=4)
def _stripped(text: str) -> tuple[Span | None, ...]:
    """Each line after any front matter narrowed to its visible characters, None when blank; in
    a transcript that numbers its lines in the margin, the number is margin, not text."""
    body = front_matter(text)[1]
    raws = [raw for raw in _lines(text) if raw.start >= body]
    if not numbered_lines(text):
        return labels_unwrapped(text, [_strip(text, raw) for raw in raws])
    # The text is on the numbered lines; a line without a number is the page's head or foot
    # ("Page 13", the reporter's name): it separates paragraphs and is never text.
    return tuple(_strip(text, m) if (m := _past_margin(text, raw)) else None for raw in raws)


# A line number in the margin: one or two digits, then spaces (a list's "1." is no margin).
_MARGIN = re.compile(r"[ \t]*(\d{1,2})(?:[ \t]+|$)")
MIN_NUMBERED = 10  # lines a transcript numbers before its margin counts as one
# A line that starts with a 1 (`^[ \t]*1[ \t]` in multiline mode), at the text's start or after a
# newline: the newline is a literal the regex engine finds fast, where `^` is tried at every
# character of a long text.
_ONE_AT_START = re.compile(r"[ \t]*1[ \t]")
_ONE_AFTER_NEWLINE = re.compile(r"\n[ \t]*1[ \t]")


@lru_cache(maxsize=4)
def numbered_lines(text: str) -> bool:
    """Whether a transcript numbers its lines in the margin (a court reporter's " 1   Q. …",
    "25   A. …", then 1 again on the next page): most of its lines begin with a number, and the
    numbers count up by one, starting again at 1 on a new page."""
    if not (
        text[:400].lstrip()[:1].isdigit()
        or _ONE_AT_START.match(text)
        or _ONE_AFTER_NEWLINE.search(text)
    ):
        return False
    numbers: list[int | None] = []
    for raw in _lines(text):
        line = text[raw.start : raw.end]
        if line.strip():
            m = _MARGIN.match(line)
            numbers.append(int(m.group(1)) if m else None)
    counted = [n for n in numbers if n is not None]
    if len(counted) < MIN_NUMBERED or len(counted) < 0.6 * len(numbers):
        return False
    steps = sum(1 for a, b in pairwise(counted) if b == a + 1 or (b == 1 and a >= 10))
    return steps >= 0.8 * (len(counted) - 1)


def _past_margin(text: str, raw: Span) -> Span | None:
    """A line's span past its margin number; None for a line with no number."""
    m = _MARGIN.match(text, raw.start, raw.end)
    return Span(m.end(), raw.end, raw.line_start, raw.line_end) if m else None


@lru_cache(maxsize=4)
def document_labels(
    text: str, known: tuple[str, ...] = (), pattern: str = "", emphasised: tuple[int, ...] = ()
) -> tuple[Label, ...]:
    """The labels the document's own evidence supports (see labels.py), cached per text;
    `emphasised`: where the reader saw paragraphs wholly in bold (Converted.emphasised)."""
    return tuple(find_labels(text, filled_lines(text), known, pattern, emphasised))


def _wrapped(text: str, run: list[Span]) -> bool:
    """A run of lines between blank lines is hard-wrapped prose: lines filled to a width."""
    if len(run) < 2:
        return False
    body = [s.end - s.start for s in run[:-1]]
    return max(body) <= WRAP_WIDTH and sorted(body)[len(body) // 2] >= 25


@lru_cache(maxsize=4)
def blocks(text: str, breaks: frozenset[int] = frozenset()) -> tuple[Block, ...]:
    """The file's paragraphs in order, each with exact character and line positions.

    A paragraph is a line, or in a hard-wrapped stretch (decided per run of lines between blank
    lines, so one long line changes only its own stretch) a run of lines; a line starting at one
    of `breaks` (a speaker label) always opens a paragraph. Cached for the last few texts.
    """
    runs: list[list[Span]] = [[]]
    spaced = double_spaced(text)
    blank = 0  # blank lines since the last line
    for span in _stripped(text):  # YAML front matter is metadata, never a paragraph
        if span is None:
            blank += 1
            if runs[-1] and not spaced:
                runs.append([])
        else:
            if spaced and runs[-1] and blank > 1:
                runs.append([])  # double-spaced: only two blank lines or more part runs
            blank = 0
            runs[-1].append(span)
    out: list[Block] = []
    # A numbered transcript is hard-wrapped throughout: labels and indents open paragraphs.
    numbered = numbered_lines(text)
    several = sum(1 for r in runs if r) > 1  # counted once, not again for each run
    for run in runs:
        wrapped = numbered or (several and _wrapped(text, run))
        fill = 0 if wrapped or several else _filled(text, run)
        indented = _first_line_indents(text, run) if wrapped and run else frozenset()
        current: Span | None = None
        note_before = False  # the line before was a stage direction alone
        for prev, span in zip([None, *run], run, strict=False):  # prev: the span before each
            joined = wrapped or (
                prev is not None
                and (_mid_sentence(text, prev, span) or (fill and _goes_on(text, prev, fill)))
            )
            # A line that is a stage direction alone ("(Recess taken, 10:06 a.m.)" between a
            # court reporter's numbered lines) is a paragraph of its own, as it would be unwrapped.
            note = wrapped and _is_stage_direction(text[span.start : span.end])
            if note or note_before:
                joined = False
            note_before = note
            if current is None or span.start in breaks or not joined or span.start in indented:
                if current is not None:
                    out.append(Block(current))
                current = span
            else:
                current = Span(current.start, span.end, current.line_start, span.line_end)
        if current is not None:
            out.append(Block(current))
    return tuple(out)


@lru_cache(maxsize=4)
def double_spaced(text: str) -> bool:
    """Whether a text is double-spaced, as `pdftotext -layout` gives a double-spaced transcript
    (a central bank's press conference, a deposition): its lines hard-wrapped to a width, one
    blank line after nearly every one, so that a blank line parts lines, not paragraphs.

    At least FILLED_LINES lines; DOUBLE_SHARE of them followed by exactly one blank line; at most
    WRAP_WIDTH wide (nine in ten); and a third or more ending mid-sentence, where one-line
    paragraphs set a blank line apart (text converted from a web page) end theirs."""
    spans = _stripped(text)
    lines = [i for i, s in enumerate(spans) if s is not None]
    if len(lines) < FILLED_LINES:
        return False
    single = sum(
        1 for i in lines if i + 2 < len(spans) and spans[i + 1] is None and spans[i + 2] is not None
    )
    if single < DOUBLE_SHARE * len(lines):
        return False
    widths = sorted(s.end - s.start for s in spans if s is not None)
    if widths[len(widths) * 9 // 10] > WRAP_WIDTH:
        return False
    open_ended = sum(1 for s in spans if s is not None and text[s.end - 1] not in _CLOSING_CHARS)
    return open_ended * 3 >= len(lines)


def _filled(text: str, run: list[Span]) -> int:
    """The width a document with no blank line at all is filled to (a PDF's columns as text
    extraction gives them, one paragraph running into the next), else 0: at least FILLED_LINES
    lines, nearly half of them within a quarter of the widest usual one."""
    if len(run) < FILLED_LINES:
        return 0
    widths = sorted(s.end - s.start for s in run)
    width = widths[len(widths) * 9 // 10]
    if not 30 <= width <= WRAP_WIDTH:
        return 0
    full = sum(1 for w in widths if w >= 0.75 * width)
    return width if full >= 0.45 * len(widths) else 0


def _goes_on(text: str, line: Span, fill: int) -> bool:
    """In a filled document (see _filled), whether the paragraph goes on past `line`: it does
    unless the line ends a sentence short of the width, as a paragraph's last line does."""
    closed = text[line.end - 1] in '.!?…:;"”’)]'
    return not closed or line.end - line.start >= 0.85 * fill


def _first_line_indents(text: str, run: list[Span]) -> frozenset[int]:
    """The lines of a hard-wrapped run that open a paragraph by their indent (GPO style: each
    paragraph's first line indented, the lines below it flush): indented beyond the run's
    margin, where most such lines have a flush line below them (an indented block quote is a
    run of indented lines, not first lines)."""
    indents = [s.start - text.rfind("\n", 0, s.start) - 1 for s in run]
    margin = min(indents)
    deep = [i >= margin + 2 for i in indents]
    if not any(deep):
        return frozenset()
    # A first line has a flush line below it (or, the run's last, a flush line above ending a
    # sentence: a page's last paragraph begun before a page break); two of them at least, or a
    # centred heading ("(As amended by the decrees\n   of 20.03.2007 N 372)") would be cut in two.
    firsts = sum(1 for i, d in enumerate(deep[:-1]) if d and not deep[i + 1])
    if len(deep) > 1 and deep[-1] and not deep[-2]:
        firsts += _terminal(text[run[-2].start : run[-2].end])
    if firsts < 2 or firsts * 3 < sum(deep) * 2:
        return frozenset()
    return frozenset(s.start for s, d in zip(run, deep, strict=True) if d)


def _mid_sentence(text: str, line: Span, after: Span) -> bool:
    """A line broken mid-sentence: long, no closing punctuation, the next line goes on in lower case
    (hard-wrapped text with no blank lines between its paragraphs)."""
    width = line.end - line.start
    return (
        50 <= width <= WRAP_WIDTH
        and text[line.end - 1] not in '.!?…:;"”’)]'
        and text[after.start].islower()
    )


def is_heading(chunk: str) -> bool:
    """A title, dateline or section heading: short and without closing punctuation."""
    if _terminal(chunk.rstrip(_CLOSERS)):
        return False  # most paragraphs: a sentence's end, whatever else they are
    if _STAGE_DIRECTION.match(chunk) and not _is_stage_direction(chunk):
        return False  # a long note in brackets ("(As amended by decrees … N 814)") is content
    words = chunk.split(None, 16)  # a 17th word is enough to know it is no heading
    return len(words) <= 16 and len(" ".join(words)) <= 120


def _terminal(bare: str) -> bool:
    """Whether text ends in closing punctuation (as `[.!?…:;,]$` finds it, without a regex
    scanning the whole text: `$` is the end or a last newline)."""
    if bare[-1:] == "\n":
        bare = bare[:-1]
    return bare[-1:] in _TERMINAL_CHARS and bare != ""


def _is_stage_direction(chunk: str) -> bool:
    """ "(APPLAUSE)", "[CROSSTALK]", "(Minute of silence)", "\\[laughs\\]": short and bracketed;
    "Mr Ryland interjecting—"."""
    if "interjecting" in chunk and _INTERJECTING.match(chunk):
        return True
    if not _STAGE_DIRECTION.match(chunk):
        return False
    # "(Whereupon, the witness enters the courtroom / and approaches the witness stand.)": a
    # court reporter's note is a stage direction however long.
    return len(chunk.split()) <= 8 or (chunk[1:11].lower() == "whereupon" and len(chunk) < 400)


def _quotable(chunk: str) -> bool:
    """Whether a paragraph is content at all (not a stage direction or a separator)."""
    return not _is_stage_direction(chunk) and (
        _ASCII_LETTER.search(chunk) is not None or any(c.isalpha() for c in chunk)
    )


# The reporter's note of a witness's oath: "DWAYNE KESSLER, called as a witness …, having been
# first duly sworn, was examined and testified as follows:" (margin numbers may interrupt it).
# It is the document's own narration, not the words of the speaker before it.
_SWORN = re.compile(
    r"\btestified[ \t]+(?:\n[ \t]*\d{0,2}[ \t]*)?as[ \t]+(?:\n[ \t]*\d{0,2}[ \t]*)?follows\b"
)


# A UN record's own narration, unbracketed: "The meeting rose at 11.50 a.m.", "Mr. Osei (Ghana),
# Vice-President, took the Chair.", "Draft resolution A/80/L.9, as orally revised, was adopted
# (resolution 80/14)." — the record's words, not the last speaker's.
_RECORD_NARRATION = re.compile(
    r"The meeting (?:rose|was (?:called to order|suspended|resumed|adjourned))\b"
    r"|(?:Mr|Mrs|Ms|Dr)\.?[ \t][^\n]{0,80}?\btook the Chair\.[ \t]*$"
    r"|(?:Draft )?(?:resolution|decision|amendment)s?[ \t][\s\S]{0,160}?\b(?:was|were)\s+adopted\b"
)


# A note that the sitting is over: "(The hearing concluded)", "[Whereupon, at 12:40 p.m., the
# hearing was adjourned.]". What follows (a transcriber's certificate) is no one's speech.
_ENDED = re.compile(
    r"[(\[][^()\[\]]{0,80}\b(?:concluded|adjourned|ended|closed|terminated|recessed)\b"
    r"[^()\[\]]{0,60}[)\]][ \t]*$"  # (a note wrapped over lines too: "… to recon-\nvene …]")
    # … or that a document is put in the record: "[Exhibit No. 34-6 follows:]", "(The
    # statement follows:)": what follows is the document's text, not the last speaker's words.
    r"|[(\[][^()\[\]\n]{0,80}\bfollows?:?[)\]][ \t]*$",
    re.IGNORECASE,
)


def count_labels(text: str, known: tuple[str, ...] = (), emphasised: tuple[int, ...] = ()) -> int:
    """How many paragraphs open with a speaker label (used to recognise transcripts)."""
    labels = document_labels(text, known, "", emphasised)
    return sum(1 for lb in labels if lb.kind in ("named", "anonymous"))


@dataclass(frozen=True)
class Parsed:
    """A document's turns and passages, plus anything odd worth telling the operator."""

    turns: tuple[Turn, ...]
    passages: tuple[Passage, ...]
    warnings: tuple[str, ...] = ()


def parse(
    doc_id: str,
    text: str,
    kind: str,
    speaker_id: str,
    registry: SpeakerRegistry,
    known: tuple[str, ...] = (),
    pattern: str = "",
    emphasised: tuple[int, ...] = (),
    narration: tuple[int, ...] = (),
) -> Parsed:
    """Turns and passages of one document; `speaker_id` owns the text no label gives to anyone.

    `known` are speaker names the manifest lists for the document (labels naming them are
    accepted even when they appear once); `pattern` the manifest's label regex, if any;
    `emphasised` where the reader saw paragraphs wholly in bold; `narration` where the reader
    saw the record's own narration begin (`speaker_id`'s, like the text before the first label).
    """
    if kind == "transcript":
        labels = document_labels(text, known, pattern, emphasised)
        if any(lb.kind in ("named", "anonymous") for lb in labels):
            return _transcript(doc_id, text, labels, speaker_id, registry, frozenset(narration))
        warning = "marked as a transcript but no 'Name: text' speaker labels were found"
        single = _single_turn(doc_id, text, paragraphs(text), speaker_id)
        return Parsed(single.turns, single.passages, (warning,))
    if kind in REPORTS:
        return _reported(doc_id, text, paragraphs(text), speaker_id, registry)
    return _single_turn(doc_id, text, paragraphs(text), speaker_id)


REPORTS = ("article", "press-release")  # kinds whose paragraphs may quote people (reported.py)


def _reported(
    doc_id: str, text: str, blocks: Sequence[Block], owner: str, registry: SpeakerRegistry
) -> Parsed:
    """A report's turns: each run of paragraphs quoting one person is that person's (see
    reported.py), the rest the owner's (its publisher)."""
    quoted = reported_speakers(text, [(b.span.start, b.span.end) for b in blocks])
    if not quoted:
        return _single_turn(doc_id, text, blocks, owner)
    runs: list[tuple[str, list[Span]]] = []
    for i, block in enumerate(blocks):
        who = registry.person(*quoted[i]).id if i in quoted else owner
        if not runs or runs[-1][0] != who:
            runs.append((who, []))
        runs[-1][1].append(block.span)
    turns: list[Turn] = []
    passages: list[Passage] = []
    for who, spans in runs:
        found = _passages(doc_id, len(turns), who, text, spans)
        if not found:
            continue
        first, last = found[0].span, found[-1].span
        span = Span(first.start, last.end, first.line_start, last.line_end)
        turns.append(Turn(doc_id, len(turns), who, span))
        passages += found
    return Parsed(tuple(turns), tuple(passages))


def _pieces(text: str, labels: Sequence[Label]) -> list[tuple[Span, Label | None]]:
    """The paragraphs, split again where a known speaker's label follows a sentence mid-line."""
    at = {lb.start: lb for lb in labels}
    out: list[tuple[Span, Label | None]] = []
    mid_line = MidLine(labels)
    for block in blocks(text, frozenset(at)):
        span = block.span
        cuts = mid_line(text, span)
        if not cuts:  # most paragraphs: one piece, the paragraph's own label if any
            lines = span.line_start + text.count("\n", span.start, span.end)
            piece = _strip(text, Span(span.start, span.end, span.line_start, lines))
            if piece is not None:
                out.append((piece, at.get(span.start)))
            continue
        bounds = [span.start] + [c.start for c in cuts] + [span.end]
        for i, (a, b) in enumerate(pairwise(bounds)):
            first = span.line_start + text.count("\n", span.start, a)
            piece = _strip(text, Span(a, b, first, first + text.count("\n", a, b)))
            if piece is not None:
                out.append((piece, cuts[i - 1] if i else at.get(span.start)))
    return out


def _transcript(
    doc_id: str,
    text: str,
    labels: Sequence[Label],
    owner: str,
    registry: SpeakerRegistry,
    narration: frozenset[int] = frozenset(),
) -> Parsed:
    """One turn per label up to the next label or the back matter; unlabelled text to `owner`,
    and so is the narration the reader saw from where it begins."""
    pieces = _pieces(text, labels)
    last_label = max(i for i, (_, lb) in enumerate(pieces) if lb is not None)
    end = len(pieces)
    for j in range(last_label + 1, len(pieces)):
        span = pieces[j][0]
        if text[span.start : span.end].rstrip(":").strip().casefold() in BACK_MATTER:
            end = j
            break
    # The header runs to the dateline: title, standfirst, date, time, place; narration after it.
    first_label = next(i for i, (_, lb) in enumerate(pieces) if lb is not None)
    dateline = max(
        (
            i
            for i in range(min(first_label, 12))
            if DATE.search(text, pieces[i][0].start, pieces[i][0].end)
        ),
        default=-1,
    )
    names = {lb.name for lb in labels if lb.kind == "named" and len(lb.name.split()) >= 2}
    # Names the document writes with their roles in brackets: all name, wherever they recur.
    bracketed = {lb.name for lb in labels if "role in brackets" in lb.shape}
    # (speaker id or None for the document's owner, spans); a heading opens an owner segment.
    segments: list[tuple[str | None, list[Span], Span]] = []
    seen_label = header = False
    for i, (span, label) in enumerate(pieces[:end]):
        if label is None:
            if not seen_label:  # after the first label no paragraph is the header's
                chunk = text[span.start : span.end]
                # A wrapped header line goes on in lower case or after punctuation; a paragraph
                # opening with a figure ("4 апреля в Душанбе …") under a heading is text.
                continued = header and not (chunk[0].isupper() or chunk[0].isdigit())
                header = (
                    i <= dateline
                    or is_heading(chunk)
                    or not _quotable(chunk)
                    or continued
                    or _participants(chunk, names)
                )
                if not header and _STAGE_DIRECTION.match(chunk):
                    header = True  # a note in brackets under the title belongs to the header
                if header:
                    continue  # the header: title, date, place, participants (a list may wrap)
            if not segments or (
                segments[-1][0] is not None
                and (
                    span.start in narration
                    or _SWORN.search(text, span.start, span.end)
                    or _ENDED.match(text, span.start, span.end)
                    or _RECORD_NARRATION.match(text, span.start, span.end)
                )
            ):
                segments.append((None, [], span))
            segments[-1][1].append(span)
            continue
        seen_label = True
        # (A label wrapped over two lines ends on the second: the words start on that line.)
        first = span.line_start + text.count("\n", span.start, label.end)
        head = _strip(text, Span(label.end, span.end, first, span.line_end))
        if label.kind == "heading":
            segments.append((None, [], span))
            continue
        speech = text[label.end : span.end]
        if label.kind == "nonspeech" or is_action(speech):
            who = None
        elif label.kind == "anonymous":
            who = registry.anonymous(label.name or label.raw).id
        else:
            name, role = split_label(label.name)
            if (
                (label.name in bracketed or label.role == "witness")
                and role
                and not TITLE_WORDS.intersection(role.lower().split())
            ):
                # "Jamie Halcro Johnston (Highlands and Islands) (Con)": the brackets hold the
                # role, so the words before the surname are a given name unless they are an
                # office ("Minister Lavrov (Russian Federation)"), and a later "Jamie Halcro
                # Johnston:" is the same name. So for a witness the cover names in full
                # ("DEBORAH ANN KOVACS, called as a witness").
                name, role = label.name, ""
            who = registry.person(name, role_case(label.role or role)).id
        if who is None and segments and segments[-1][0] is None:
            segments[-1][1].extend([head] if head else [])
            continue
        segments.append((who, [head] if head else [], span))
    segments = statement_first(text, segments, registry)
    turns: list[Turn] = []
    passages: list[Passage] = []
    asked = False  # the previous turn ended with a question
    for who, spans, opening in segments:
        # The words right after a label are speech, however short ("JUSTICE DELACROIX: So the
        # cost of the eight days is -- is --"): never a heading.
        spoken = (
            spans[0].start if who is not None and spans and spans[0].start < opening.end else -1
        )
        found = _passages(
            doc_id, len(turns), who or owner, text, spans, asked and who is not None, spoken
        )
        if who is None and not found:
            continue
        asked = bool(found) and found[-1].text.rstrip(_CLOSERS).endswith("?")
        last = spans[-1] if spans else opening
        turns.append(
            Turn(
                doc_id,
                len(turns),
                who or owner,
                Span(opening.start, last.end, opening.line_start, last.line_end),
            )
        )
        passages += found
    return Parsed(tuple(turns), tuple(passages))


def _participants(chunk: str, names: set[str]) -> bool:
    """A participant list: the paragraph names two or more of the document's speakers in full."""
    return sum(1 for n in names if n in chunk) >= 2


def _single_turn(doc_id: str, text: str, paragraphs: Sequence[Block], speaker_id: str) -> Parsed:
    """A document with no labels is one turn by its speaker or publisher."""
    passages = _passages(doc_id, 0, speaker_id, text, [b.span for b in paragraphs])
    if not passages:
        return Parsed((), ())
    first, last = passages[0].span, passages[-1].span
    turn = Turn(doc_id, 0, speaker_id, Span(first.start, last.end, first.line_start, last.line_end))
    return Parsed((turn,), tuple(passages))


def windows(text: str, span: Span) -> list[Span]:
    """A long paragraph as runs of whole sentences of about WINDOW_CHARS / 2, exact spans. A
    stretch longer than WINDOW_CHARS with no sentence end (automatic captions, unpunctuated
    speech-to-text) is cut between words about every WINDOW_CHARS / 2 instead."""
    if span.end - span.start <= WINDOW_CHARS:
        return [span]
    out, start = [], span.start
    for m in [*_SENTENCE_END.finditer(text, span.start, span.end), None]:
        stop = m.start() if m else span.end
        while stop - start > WINDOW_CHARS:
            gap = _WORD_GAP.search(text, start + WINDOW_CHARS // 2, stop)
            if gap is None:
                break  # one "word" longer than a window: it stays whole
            out.append(Span(start, gap.start(), 0, 0))
            start = gap.end()
        if m and m.start() - start >= WINDOW_CHARS // 2:
            out.append(Span(start, m.start(), 0, 0))
            start = m.end()
    out.append(Span(start, span.end, 0, 0))
    if len(out) > 1 and out[-1].end - out[-1].start < WINDOW_CHARS // 4:
        last = out.pop()
        out[-1] = Span(out[-1].start, last.end, 0, 0)
    fixed = []
    for w in out:
        first = span.line_start + text.count("\n", span.start, w.start)
        fixed.append(Span(w.start, w.end, first, first + text.count("\n", w.start, w.end)))
    return fixed


def _passages(
    doc_id: str,
    turn: int,
    speaker_id: str,
    text: str,
    spans: list[Span],
    answer: bool = False,
    spoken: int = -1,
) -> list[Passage]:
    """The quotable paragraphs among `spans`; courtesies are kept for context but not indexed.

    `answer`: the turn replies to a question; if it is one short paragraph ("Anything is possible
    here. Why not?") it is indexed with fewer content words than other paragraphs. So is a turn
    of one short question: in an examination the facts are in counsel's questions ("She had
    worked at Hiltzik Strategies?"). `spoken`: where a label's speech begins, which is no
    heading however it looks (a fragment cut off, kept but not indexed).
    """
    out: list[Passage] = []
    asks = len(spans) == 1 and text[spans[0].start : spans[0].end].rstrip(_CLOSERS).endswith("?")
    least = SHORT_ANSWER_TOKENS if (answer or asks) and len(spans) == 1 else MIN_CONTENT_TOKENS
    for span in (
        w for s in spans for w in ((s,) if s.end - s.start <= WINDOW_CHARS else windows(text, s))
    ):
        chunk = text[span.start : span.end]
        fragment = is_heading(chunk)
        if not _quotable(chunk) or (fragment and span.start != spoken):
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
                # A fragment cut off by the next speaker or a page ("Counsel, in"): kept, so
                # nothing said is lost and the turn reads whole, but not searched by itself.
                indexed=not fragment and has_content(chunk, least),
            )
        )
    return out
