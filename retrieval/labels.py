"""Speaker labels decided from a document's own evidence: shapes, recurrence, known speakers.

A candidate is any line that opens like a label (`NAME:`, `Mr. NORTH:`, `**Name:**`,
`[00:12:31] Name:`, `Name, role:`, `Name (Country):`, `Q`, `A.` …). Strong shapes (two or more
capitalised words, as most transcripts write full names) are accepted on sight; weak ones
(one word, ALL CAPS, a role after a comma or in brackets, a full stop instead of the colon,
bare Q/A markers) only when the document confirms them: the label recurs, names a speaker
the manifest lists, is the same person as an accepted label, or has the shape of labels the
document already uses. A phrase followed by a quotation (`The United Kingdom: “Secession…`)
that appears once is prose. Typos (`MR. NIXON;`, `MR. SM1TH:`) count only when they read as an
accepted label.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .model import Span
from .speakers import CONNECTORS, same_person

# Lower-case particles inside names: "Ursula von der Leyen", "Ebtesam al-Ketbi".
PARTICLES = CONNECTORS | frozenset("bin ibn ben dos das du zu ter hon".split())
# Honorifics written before a name; "Mr. NORTH" is North.
HONORIFICS = frozenset(
    """mr mrs ms miss dr sir dame lord lady prof professor senator sen rep representative gov
    governor judge justice chairman chairwoman admiral general gen col colonel ambassador
    hon rev father mme mlle господин госпожа""".split()
)
# Labels that stand for a voice nobody names: turns, but not named speakers.
ANONYMOUS_WORDS = frozenset(
    """q question questions remark voice voices reporter reporters journalist journalists audience
    member members participant participants several hon unidentified unknown male female man
    woman speaker crowd interpreter off mic вопрос реплика голос""".split()
)
# First words of labels that are not speech: descriptions, breaks, notes, captions.
NONSPEECH_WORDS = frozenset(
    """audio video description break note notes photo photograph caption source sources editor
    music sponsor advertisement ad commercial transcript recess update updated date time
    location subject title tags topics related copyright disclaimer correction end""".split()
)
_EXAMINATION = re.compile(
    r"^(?:(?:continued|further)\s+)?(?:direct|cross|redirect|recross|re-direct|re-cross)"
    r"[- ]?examination\b(?:.*?\bby\s+(?P<who>[^:]+?))?[\s:.]*$", re.IGNORECASE)
_WITNESS = re.compile(
    r"\bthe witness,\s+(?P<a>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){1,3}),"
    r"|(?P<b>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){1,3}),?\s+(?:having been|called as a witness)")
_ACTION = re.compile(r"^(?:rose|indicated (?:assent|dissent))\W*$", re.IGNORECASE)

_SPACE = "[ \t\u00a0\u2009\u202f]"
_STAMP = r"(?:\\?\[\\?\\?\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?\\?\]" + _SPACE + r"*)"
_LEAD = re.compile(rf"[\ufeff \t\u00a0]*{_STAMP}?(?P<bold>\*\*|__)?")
# Everything up to a colon or semicolon, the colon possibly inside the bold markers.
_COLON = re.compile(rf"(?P<label>[^\n:;*]{{1,200}}?)(?P<b1>\*\*|__)?(?P<punct>[:;])(?P<b2>\*\*|__)?"
                    rf"(?:{_SPACE}+|(?=\r?\n)|$)")
# The GPO style: "Mr. NIELDS. Text", an honorific and an ALL-CAPS surname ending in a full stop.
_STOP = re.compile(rf"(?P<label>(?:[A-Z][a-z]{{1,8}}\.?{_SPACE})?[A-Z][A-Z'-]+(?:{_SPACE}[A-Z][A-Z'-]+)?)"
                   rf"(?P<punct>\.){_SPACE}+(?=\S)")
_QA = re.compile(rf"(?P<label>Q|A)(?P<punct>[.:]?)(?:{_SPACE}+)(?=\S)")
_STOP_START = re.compile(r"(?:[A-Z][a-z]{1,8}\.?[ \t\u00a0])?[A-Z][A-Z'-]+[ .]")
_DIGIT_LETTERS = str.maketrans("105", "IOS")
_STAMP_AFTER = re.compile(rf"{_SPACE}*{_STAMP}")
_QUOTE_OPEN = "\"“«„'‘"
_BAD = re.compile(r"[!?\"“”«»…=<>{}\[\]|/\\@#$%^&+~]")
_INITIAL = re.compile(r"^(?:[^\W\d_]\.)+(?:[^\W\d_][\w'’-]*)?$")
_WORD = re.compile(r"^[^\W\d_][\w'’.-]*$")


@dataclass(frozen=True)
class Label:
    """A label accepted at the start of a paragraph (or mid-line after a sentence)."""

    start: int  # where the label (with any time stamp or bold marker) begins
    end: int  # where the speech after it begins
    raw: str  # the label as written, without punctuation: "MR. BOVE", "Q"
    name: str  # the person; an anonymous voice's words ("Question"); "" for non-speech
    role: str = ""
    kind: str = "named"  # named | anonymous | nonspeech | heading
    shape: str = ""  # a short description of the label's form, for the corpus report


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    raw: str
    name: str
    role: str
    kind: str
    shape: str
    strong: bool
    quoted: bool  # the speech after it opens with a quotation mark


def _words_ok(words: list[str]) -> bool:
    """Each word capitalised (or an initial, a particle, a hyphenated particle-name)."""
    if not words:
        return False
    for i, w in enumerate(words):
        if w.rstrip(".").lower() in PARTICLES and 0 < i < len(words) - 1:
            continue
        head, _, tail = w.partition("-")
        if head.lower() in PARTICLES and tail[:1].isupper():
            continue  # al-Ketbi
        if _INITIAL.match(w):
            continue
        if not _WORD.match(w) or not w[0].isupper():
            return False
    return True


def _strip_honorific(words: list[str]) -> tuple[list[str], str]:
    """("MR.", "BOVE") -> (["BOVE"], "MR."): honorifics are not part of a name."""
    lead = []
    while len(words) > 1 and words[0].rstrip(".").lower() in HONORIFICS and words[1][:1].isupper():
        lead.append(words.pop(0))
    return words, " ".join(lead)


@lru_cache(maxsize=8192)
def classify(label: str) -> tuple[str, str, str, str, bool] | None:
    """(kind, name, role, shape, strong) for text that reads as a label, else None."""
    label = " ".join(label.replace("\u00a0", " ").split())
    if not label or len(label) > 200:
        return None
    first = re.split(r"[\s.,(]", label, maxsplit=1)[0].lower()
    if first in NONSPEECH_WORDS:
        return ("nonspeech", "", "", "non-speech", False)
    exam = _EXAMINATION.match(label)
    if exam:
        return ("heading", (exam.group("who") or "").strip(), "", "examination heading", False)
    if _BAD.search(label) or re.search(r"\d", label):
        return None
    name, role, shape = label, "", []
    brackets = re.match(r"^(?P<a>[^()]+?)\s*(?P<rest>(?:\([^()]*\)\s*)+)$", label)
    if brackets:
        outside = brackets.group("a")
        inner = [b.strip() for b in re.findall(r"\(([^()]*)\)", brackets.group("rest"))]
        named = [b for b in inner if _words_ok(b.split()) and len(b.split()) >= 2
                 and not any(w.lower() in HONORIFICS for w in outside.split()[:1])]
        if named and len(outside.split()) >= 3:
            name, role = named[-1], outside  # "The Parliamentary Under-Secretary … (Alistair Burt)"
        else:
            name, role = outside, ", ".join(b for b in inner if b)
        shape.append("role in brackets")
    elif "," in label:
        name, _, role = label.partition(",")
        name, role = name.strip(), role.strip()
        shape.append("role after a comma")
    words, honorific = _strip_honorific(name.split())
    if honorific:
        shape.append("honorific")
    if not _words_ok(words) or len(words) > 22:
        return None
    letters = [c for c in " ".join(words) if c.isalpha()]
    caps = bool(letters) and all(c.isupper() for c in letters)
    if {w.lower().rstrip(".") for w in words} <= ANONYMOUS_WORDS or (
            honorific.lower().startswith("hon") and words[-1].lower() in ANONYMOUS_WORDS):
        voice = " ".join(_title(w) if caps else w for w in [honorific, *words] if w)
        return ("anonymous", voice, role, "anonymous", len(words) >= 2 and not caps)
    if any(_INITIAL.match(w) for w in words):
        shape.append("initials")
    shape.insert(0, "ALL CAPS" if caps else ("one word" if len(words) == 1 else "Name"))
    strong = not caps and len(words) >= 2 and not role
    person = " ".join(words)
    if caps:
        person = " ".join(_title(w) for w in words)
    return ("named", person, role, ", ".join(shape), strong)


def _title(word: str) -> str:
    """An ALL-CAPS name word as a name is usually written: "JEAN-PIERRE" -> "Jean-Pierre"."""
    return "-".join(p[:1] + p[1:].lower() for p in word.split("-"))


def _candidate(text: str, span: Span) -> _Candidate | None:
    """The label-like opening of one line, if it has one."""
    head = text[span.start : span.start + 240]
    if ":" not in head and ";" not in head and not (head[:1] in "QA" or _STOP_START.match(head)):
        return None  # most lines: no colon near the start, not Q/A, not "Mr. NORTH."
    lead = _LEAD.match(text, span.start, span.end)
    pos = lead.end() if lead else span.start
    stamp = "time stamp, " if lead and "[" in lead.group() else ""
    bold = lead.group("bold") if lead else None
    for pattern in (_QA, _COLON, _STOP):
        m = pattern.match(text, pos, span.end)
        if not m:
            continue
        raw = m.group("label").strip()
        punct = m.group("punct")
        if raw in ("Q", "A") and punct == ":":
            pattern = _QA
        if pattern is _QA:
            kind, name, role, shape, strong = ("qa", "", "", f"{raw}{punct or ' (bare)'}", False)
        else:
            got = classify(raw)
            if got is None and re.search(r"[015]", raw):
                # "MR. SM1TH": read as letters, accepted only if it then matches a known label
                got = classify(raw.translate(_DIGIT_LETTERS))
                got = got and (got[0], got[1], got[2], "typo", False)
            if got is None:
                continue
            kind, name, role, shape, strong = got
            if pattern is _STOP:
                if kind != "named":
                    continue
                shape += ", full stop"
            elif punct == ";":
                shape += ", semicolon"
        if bold:
            shape = "bold " + shape
        end = m.end()
        if bold and text.startswith(bold, end):
            end += len(bold)  # "**Name**: " leaves nothing; "**Name:** " is handled by b2
        stamp_after = _STAMP_AFTER.match(text, end, span.end)
        end = stamp_after.end() if stamp_after else end
        rest = text[end:span.end].lstrip(" \t\u00a0")
        return _Candidate(span.start, end, raw, name, role, kind, stamp + shape,
                          strong and punct == ":", bool(rest) and rest[0] in _QUOTE_OPEN)
    return None


def _features(shape: str) -> set[str]:
    """The structural parts of a label's shape (honorific, role in brackets, …), not its case."""
    return set(shape.split(", ")[1:]) - {"initials", "semicolon", "full stop"}


def _key(raw: str) -> str:
    """A label's identity for counting: case, spacing and typo digits folded."""
    folded = raw.casefold().replace("1", "i").replace("0", "o").replace("5", "s")
    return " ".join(folded.replace(".", ". ").split())


def find_labels(text: str, spans: Sequence[Span], known: Iterable[str] = (),
                pattern: str = "") -> list[Label]:
    """The labels of a document, one per labelled line, decided from the whole document.

    `spans` are its non-blank lines; `known` are speaker names the manifest lists; `pattern` is
    the manifest's label_pattern, which replaces the reader's own judgement when given.
    """
    if pattern:
        return _pattern_labels(text, spans, re.compile(pattern))
    cands = [c for c in (_candidate(text, s) for s in spans) if c is not None]
    counts = Counter(_key(c.name or c.raw) for c in cands)
    known = [k for k in known if k]
    # "MR. SMITH:" then "MR. JONES:": two names written the same honorific way confirm each other.
    honorific_shapes = Counter(frozenset(_features(c.shape)) for c in cands
                               if c.kind == "named" and not c.quoted and "honorific" in c.shape
                               and ";" not in text[c.start:c.end])
    accepted: dict[int, _Candidate] = {}
    for c in cands:
        if c.kind in ("qa", "heading"):
            continue
        recurs = counts[_key(c.name or c.raw)] >= 2
        listed = c.name and any(same_person(c.name, k) for k in known)
        if (c.strong and not c.quoted) or listed or honorific_shapes[frozenset(_features(c.shape))] >= 2 or (recurs and c.kind != "nonspeech" and ";" not in
                                                     text[c.start:c.end]):
            accepted[c.start] = c
    recurring = [c for c in accepted.values() if counts[_key(c.name or c.raw)] >= 2]
    shapes = {c.shape.split(", semicolon")[0] for c in recurring}
    features = {f for c in recurring for f in _features(c.shape)}
    names = list(dict.fromkeys(c.name for c in accepted.values() if c.name and c.kind == "named"))
    keys = {_key(c.name or c.raw) for c in accepted.values()}
    for c in cands:
        if c.start in accepted or c.kind in ("qa",):
            continue
        if c.kind in ("heading", "nonspeech"):
            if accepted or c.kind == "heading":
                accepted[c.start] = c
            continue
        if c.quoted:
            continue
        if c.shape == "typo" or ";" in text[c.start:c.end]:
            if _key(c.name or c.raw) in keys:
                accepted[c.start] = c
            continue
        alike = c.shape in shapes or bool(_features(c.shape) & features)
        if _key(c.name or c.raw) in keys or (c.name and any(same_person(c.name, n) for n in names)) or (
                alike and c.kind == "named") or (c.kind == "anonymous" and len(names) >= 2):
            accepted[c.start] = c
    labels = [_label(c) for c in sorted(accepted.values(), key=lambda c: c.start)]
    labels += _qa_labels(text, cands, labels)
    labels += _names_alone(text, spans, {c.start for c in cands}, known + names)
    witness = _witness(text) if any(lb.name.casefold() == "the witness" for lb in labels) else ""
    if witness:  # "THE WITNESS:" is the witness the document names
        labels = [Label(lb.start, lb.end, lb.raw, witness, "witness", lb.kind, lb.shape)
                  if lb.name.casefold() == "the witness" else lb for lb in labels]
    return sorted(labels, key=lambda lb: lb.start)


def _names_alone(text: str, spans: Sequence[Span], taken: set[int], known: list[str]) -> list[Label]:
    """A speaker's name alone on a line, the words below it ("JOHN SMITH" / "Good evening…").

    Accepted when two or more such names each recur (a dialogue), or the name is a speaker the
    document or manifest already knows; a recurring section heading alone is not enough.
    """
    found: list[tuple[Span, str, str]] = []
    for span, after in zip(spans, spans[1:]):
        line = text[span.start:span.end]
        if span.start in taken or len(line) > 60 or after.line_start > span.line_end + 2:
            continue
        if line[-1:] in ".!?,;:\"”…)" or len(line.split()) > 5:
            continue
        below = text[after.start:after.end]
        if len(below) <= 60 and below[-1:] not in ".!?…\"”":
            continue  # a list of names ("Persons" in back matter), not a name over its words
        got = classify(line.strip("*_ "))
        if got and got[0] == "named" and not got[2]:
            found.append((span, got[1], got[3]))
    counts = Counter(_key(name) for _, name, _ in found)
    dialogue = sum(1 for n in counts.values() if n >= 2) >= 2
    out = []
    for span, name, shape in found:
        if (dialogue and counts[_key(name)] >= 2) or any(same_person(name, k) for k in known):
            out.append(Label(span.start, span.end, text[span.start:span.end], name, "", "named",
                             shape + ", alone on its line"))
    return out


def looks_like_label(text: str, span: Span) -> bool:
    """Whether a line opens like a speaker label (accepted or not): never a title."""
    return _candidate(text, span) is not None


def rejected_labels(text: str, spans: Sequence[Span], labels: Sequence[Label]) -> list[tuple[str, int]]:
    """(label, line) of the lines that open like a named label but were not accepted."""
    taken = {lb.start for lb in labels}
    out = []
    for c in (_candidate(text, s) for s in spans):
        if c is not None and c.start not in taken and c.kind == "named" and not c.quoted:
            out.append((c.raw, text.count("\n", 0, c.start) + 1))
    return out


def _pattern_labels(text: str, spans: Sequence[Span], pattern: re.Pattern[str]) -> list[Label]:
    """Labels where the manifest's regex matches at a line start: group "name" (or 1) the speaker."""
    out = []
    for span in spans:
        m = pattern.match(text, span.start, span.end)
        if not m or m.end() == m.start():
            continue
        raw = (m.group("name") if "name" in pattern.groupindex
               else m.group(1) if pattern.groups else m.group(0)).strip(" :")
        got = classify(raw)
        kind, name, role = (got[0], got[1], got[2]) if got else ("named", raw, "")
        end = m.end()
        while end < span.end and text[end] in " \t\u00a0":
            end += 1
        out.append(Label(span.start, end, raw, name, role, kind, "manifest label_pattern"))
    return out


def _label(c: _Candidate) -> Label:
    return Label(c.start, c.end, c.raw, c.name, c.role, c.kind, c.shape)


def _qa_labels(text: str, cands: list[_Candidate], labels: list[Label]) -> list[Label]:
    """Q and A markers: the examining counsel or an anonymous questioner asks, the witness answers."""
    qa = [c for c in cands if c.kind == "qa"]
    count = Counter(c.raw for c in qa)
    if count["Q"] < 2 and not any(lb.kind == "named" for lb in labels):
        return []  # one "Q" is a marker only in a document that has speaker labels
    witness = _witness(text) if count["A"] >= 2 else ""
    headings = [lb for lb in labels if lb.kind == "heading"]
    out = []
    for c in qa:
        if c.raw == "A" and count["A"] < 2:
            continue
        if c.raw == "Q":
            before = [h for h in headings if h.start < c.start and h.name]
            if before:
                words, _ = _strip_honorific(before[-1].name.split())
                out.append(Label(c.start, c.end, c.raw, " ".join(_title(w) if w.isupper() else w
                                                                   for w in words),
                                 "examining counsel", "named", "Q/A " + c.shape))
            else:
                out.append(Label(c.start, c.end, c.raw, "", "", "anonymous", "Q/A " + c.shape))
        else:
            out.append(Label(c.start, c.end, c.raw, witness or "The Witness", "witness", "named",
                             "Q/A " + c.shape))
    return out


def _witness(text: str) -> str:
    """The witness the document names ("the witness, David Pecker, having been sworn")."""
    m = _WITNESS.search(text)
    return (m.group("a") or m.group("b")) if m else ""


def is_action(speech: str) -> bool:
    """Hansard's notes of an action ("rose—", "indicated assent."): nobody speaks."""
    bare = speech.strip()
    return bool(bare) and bool(_ACTION.match(bare.rstrip("—-–").strip() or "rose"))


class MidLine:
    """Finds accepted named labels that open a new turn after a sentence end inside one line
    ("... Joe the plumber. OBAMA: ..."); built once per document."""

    def __init__(self, labels: Sequence[Label]) -> None:
        self._model = {lb.raw: lb for lb in labels
                       if lb.kind == "named" and lb.name and lb.raw not in ("Q", "A")}

    def __call__(self, text: str, span: Span) -> list[Label]:
        """The mid-line labels inside one paragraph (found from its colons: they are few)."""
        out: list[Label] = []
        if not self._model:
            return out
        colon = text.find(":", span.start + 1, span.end)
        while colon != -1:
            after = text[colon + 1 : colon + 2]
            if after and after in " \t\u00a0\u2009\u202f":
                for raw, lb in self._model.items():
                    start = colon - len(raw)
                    if start > span.start + 1 and text.startswith(raw, start) and \
                            _SENTENCE_BEFORE.search(text, max(span.start, start - 3), start):
                        end = colon + 1
                        while end < span.end and text[end] in " \t\u00a0\u2009\u202f":
                            end += 1
                        out.append(Label(start, end, lb.raw, lb.name, lb.role, lb.kind,
                                         lb.shape + ", mid-line"))
                        break
            colon = text.find(":", colon + 1, span.end)
        return out


_SENTENCE_BEFORE = re.compile(r"[.?!…][\"”’)]? $")
