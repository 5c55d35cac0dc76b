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
from collections.abc import Collection, Iterable, Sequence
from itertools import pairwise

from ..model import Span
from .calls import offices_called
from .changes import caption_changes
from .covers import cover_offices, witness_named
from .dialogue import dialogue_labels, emphasis_labels
from .fullnames import full_names
from .namecase import document_casing
from .shapes import (
    HONORIFICS,
    Candidate,
    Label,
    candidate,
    classify,
    features,
    key,
    strip_honorific,
    title_case,
)
from .speakers import CONNECTORS, TITLE_WORDS, same_person
from .voices import askers_named, given_names_in_full, named_voices, presenters_named

_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC = re.compile("[А-ЯЁ]")
_DASH_ROLE = re.compile(r"[ \t\u00a0]+(?:--|—|–)[ \t\u00a0]+")
_TRAILING_TIME = re.compile(r"[ \t\u00a0]+\(?[0-9]{1,2}(?::[0-9]{2}){1,2}\)?[ \t\u00a0]*$")
_LOWER_WORD = re.compile(r"\b[a-zа-яё][a-zа-яё'’-]*\b")
LABELLED_SPEAKERS = 3  # people a document names in labels before lines alone need to be one
_ACTION = re.compile(r"^(?:rose|indicated (?:assent|dissent))\W*$", re.IGNORECASE)

__all__ = [
    "Label",
    "MidLine",
    "classify",
    "find_labels",
    "is_action",
    "looks_like_label",
    "rejected_labels",
]


def find_labels(
    text: str,
    spans: Sequence[Span],
    known: Iterable[str] = (),
    pattern: str = "",
    emphasised: Collection[int] = (),
) -> list[Label]:
    """The labels of a document, one per labelled line, decided from the whole document.

    `spans` are its non-blank lines; `known` are speaker names the manifest lists; `pattern` is
    the manifest's label_pattern, which replaces the reader's own judgement when given;
    `emphasised` where the reader saw paragraphs wholly in bold (an interview's questions).
    """
    if pattern:
        labels = _pattern_labels(text, spans, re.compile(pattern, re.MULTILINE))  # ^ at each line
        return document_casing(text, labels)
    cands = [c for c in (candidate(text, s) for s in spans) if c is not None]
    if (
        cands
        and spans
        and cands[0].start == spans[0].start
        and _title_line(text, spans[0], cands[0], cands[1:])
    ):
        cands = cands[1:]  # "CNN SENATE DEBATE: OHIO": the document's title, not a speaker
    counts = Counter(key(c.name or c.raw) for c in cands)
    known = [k for k in known if k]
    # "MR. SMITH:" then "MR. JONES:": two names written the same honorific way confirm each other.
    honorific_shapes = Counter(
        frozenset(features(c.shape))
        for c in cands
        if c.kind == "named"
        and not c.quoted
        and "honorific" in c.shape
        and ";" not in text[c.start : c.end]
    )
    # "Name, role. – Words" (a parliament's verbatim report): a shape prose hardly takes, so two
    # such openings confirm each other, as a speaker may speak once in a debate.
    dashed = sum(1 for c in cands if c.kind == "named" and c.shape.endswith("full stop and dash"))
    voices = sum(1 for c in cands if "numbered" in c.shape)
    # "CHAIR ANNA KOWALSKI — Words": a dialogue of such openings (three or more, two names or
    # more, at least half of them by people who speak again) is labelled throughout; one or two
    # are a dateline, and a list of names ("ИВАНОВА Марию Петровну - майора") names each once.
    dash_names = Counter(key(c.name) for c in cands if c.shape.endswith(", dash"))
    recurring_dashes = sum(n for n in dash_names.values() if n >= 2)
    dash_dialogue = (
        sum(dash_names.values()) >= 3
        and len(dash_names) >= 2
        and recurring_dashes * 2 >= sum(dash_names.values())  # a list names each one once
    )
    # "DEREK VOSS. Thank you.": a full name in capitals and a full stop, which a sentence in
    # capitals may open with too ("THANK YOU. …"), is a label in a dialogue: two such names or
    # more that recur, or one beside a titled label with a full stop that recurs ("CHAIR
    # OSTROVA."); then those that speak once are labels too.
    stop_names = Counter(key(c.name) for c in cands if c.shape.endswith("name and full stop"))
    titled_stops = Counter(
        key(c.name) for c in cands if c.kind == "named" and c.shape.endswith(", full stop")
    )
    recurring_stops = sum(1 for n in stop_names.values() if n >= 2)
    stop_dialogue = recurring_stops >= 2 or (
        recurring_stops == 1 and any(n >= 2 for n in titled_stops.values())
    )
    accepted: dict[int, Candidate] = {}
    for c in cands:
        if c.kind in ("qa", "heading"):
            continue
        if c.shape.endswith(", dash"):
            if dash_dialogue:
                accepted[c.start] = c
            continue
        if c.shape.endswith("name and full stop"):
            if stop_dialogue:
                accepted[c.start] = c
            continue
        recurs = counts[key(c.name or c.raw)] >= 2
        listed = c.name and any(same_person(c.name, k) for k in known)
        alike = honorific_shapes[frozenset(features(c.shape))] >= 2 or (
            dashed >= 2 and c.shape.endswith("full stop and dash")
        )
        plain = c.kind != "nonspeech" and ";" not in text[c.start : c.end]
        if (c.strong and not c.quoted) or listed or alike or (recurs and plain):
            accepted[c.start] = c
    recurring = [c for c in accepted.values() if counts[key(c.name or c.raw)] >= 2]
    shapes = {c.shape.split(", semicolon")[0] for c in recurring}
    used = {f for c in recurring for f in features(c.shape)}
    # … and those of a shape many labels share though each speaks once, as delegates do in a
    # UN record ("Mr. Wood (United States of America):"): a briefer's "Ms. Salvador:" is alike.
    used |= {
        f
        for c in accepted.values()
        if honorific_shapes[frozenset(features(c.shape))] >= 2
        for f in features(c.shape)
    }
    grown = True
    while grown:  # a label accepted late can confirm an earlier one ("GOV. X SANDERS" by "SANDERS")
        grown = False
        names = list(
            dict.fromkeys(c.name for c in accepted.values() if c.name and c.kind == "named")
        )
        keys = {key(c.name or c.raw) for c in accepted.values()}
        for c in cands:
            if (
                c.start in accepted
                or c.kind in ("qa",)
                or c.shape.endswith((", dash", "name and full stop"))
            ):
                continue
            if c.kind in ("heading", "nonspeech"):
                if accepted or c.kind == "heading":
                    accepted[c.start] = c
                continue
            if c.quoted:
                continue
            if c.shape == "typo" or ";" in text[c.start : c.end]:
                if key(c.name or c.raw) in keys:
                    accepted[c.start] = c
                continue
            alike = c.shape in shapes or bool(features(c.shape) & used)
            same = _personal(c.name) and any(same_person(c.name, n) for n in names)
            # "Reporter 1:", "Speaker 2 (00:31):": a numbered voice is a shape prose does not
            # take, so beside a named speaker (or another numbered voice) it is a label.
            numbered = "numbered" in c.shape and (alike or bool(names) or voices >= 2)
            if (
                key(c.name or c.raw) in keys
                or same
                or (alike and c.kind == "named")
                or (c.kind == "anonymous" and (len(names) >= 2 or numbered))
            ):
                accepted[c.start] = c
                grown = grown or (c.kind == "named" and c.name not in names)
    stops = [c for c in accepted.values() if ", full stop" in c.shape]
    if len(stops) == 1 and counts[key(stops[0].name or stops[0].raw)] == 1:
        # One "Professor Ingrid Haugland. You have the floor" among labels with colons: a
        # sentence calling the next speaker, not a label of a shape the document never uses.
        del accepted[stops[0].start]
    labels = [_label(c) for c in sorted(accepted.values(), key=lambda c: c.start)]
    labels += _qa_labels(text, cands, labels)
    labels += _names_alone(
        text,
        spans,
        {c.start for c in cands if c.start in accepted or not c.shape.endswith(", dash")},
        known + names,
        len({key(n) for n in names}) >= LABELLED_SPEAKERS,
    )
    labels = sorted([*labels, *caption_changes(text, spans, labels)], key=lambda lb: lb.start)
    labels = cover_offices(text, labels)
    named = full_names(text, named_voices(text, labels))
    named = presenters_named(text, askers_named(text, named, TITLE_WORDS | HONORIFICS))
    named = given_names_in_full(text, offices_called(text, named))
    if sum(1 for lb in named if lb.kind in ("named", "anonymous")) < 2:
        # No dialogue of labels (one alone may be a headline, "Глава Росрыболовства: …"): an
        # interview printed as "— Вопрос?" "— Ответ." or with its questions in bold may be one
        # (dialogue.py).
        named = (
            dialogue_labels(text, spans)
            or full_names(text, emphasis_labels(text, spans, emphasised))
            or named
        )
    return sorted(document_casing(text, named), key=lambda lb: lb.start)


def _clause(line: str) -> bool:
    """A short line that starts a sentence going on ("I beg to move,", a long line below it),
    not a name in a list: three words or more, one in lower case, ending in a comma or a colon."""
    words = line.split()
    return line[-1:] in ",:" and len(words) >= 3 and any(w[:1].islower() for w in words[1:])


def _personal(name: str) -> bool:
    """Whether a name has a word that is not a title ("President" alone names nobody)."""
    return any(w.lower().strip(".") not in TITLE_WORDS | CONNECTORS for w in name.split())


def _names_alone(
    text: str, spans: Sequence[Span], taken: set[int], known: list[str], labelled: bool = False
) -> list[Label]:
    """A speaker's name alone on a line, the words below it ("JOHN SMITH" / "Good evening…"),
    also as a Markdown heading ("### Jane Lee") or with a time after it ("Jane Lee  0:03", Zoom's
    "[Jane Lee] 10:02:11").

    Accepted when two or more such names each recur (a dialogue; an anonymous voice such as
    "REPORTER" counts beside at least one name), or the name is a speaker the document or
    manifest already knows; a recurring section heading alone is not enough. In a document
    `labelled` already (LABELLED_SPEAKERS people or more with "Name: words" labels), a line
    alone is a speaker's only when it names one of them: "Housing", the topic a parliament's
    report heads its questions with and heads again, is no dialogue of names.
    """
    found: list[tuple[Span, str, str, str, str]] = []
    for i, (span, after) in enumerate(pairwise(spans)):
        line = text[span.start : span.end]
        if span.start in taken or len(line) > 72 or after.line_start > span.line_end + 2:
            continue
        if line[-1:] in '.!?,;:"”…':
            continue
        if line.isupper() and _CYRILLIC.search(line):
            continue  # "ПРЕЗИДЕНТА РОССИЙСКОЙ ФЕДЕРАЦИИ", "ОРДЕНОМ ПОЧЕТА": a Russian act's headings
        below = text[after.start : after.end]
        then = spans[i + 2] if i + 2 < len(spans) else None
        going_on = then is not None and then.end - then.start > 60 and _clause(below)
        if len(below) <= 60 and below[-1:] not in '.!?…"”' and not going_on:
            continue  # a list of names ("Persons" in back matter), not a name over its words
        bare = _TRAILING_TIME.sub("", line).lstrip("# ").strip("*_ ")  # Otter, Markdown
        if bare != line and bare[:1] == "[" and bare[-1:] == "]":
            bare = bare[1:-1].strip()  # Zoom's "[Jane Lee] 10:02:11"
        # An earnings call's "Jane Lee -- Chief Executive Officer", "Ann Ng -- Acme Bank --
        # Analyst": the name, then its role after dashes.
        name_part, *dashed = _DASH_ROLE.split(bare)
        dash_role = ", ".join(d.strip() for d in dashed) if all(dashed) else ""
        got = classify(name_part if dash_role else bare)
        if not got or got[0] not in ("named", "anonymous") or len(got[1].split()) > 5:
            continue
        # A role only in brackets, as a parliament's report prints its members: "Jane Lee
        # (Richmond Park) (LD)", "The Minister for Energy (Tom Dahl)"; no other words.
        bracketed = "role in brackets" in got[3]
        noted = "note in brackets" in got[3]  # "Sir Edward Leigh (in the Chair)"
        if (got[2] and not bracketed) or (line.endswith(")") and not bracketed and not noted):
            continue
        if not bracketed and len((name_part if dash_role else line).split()) > 6:
            continue
        if dash_role:
            found.append((span, got[0], got[1], dash_role[:80], got[3] + ", role after a dash"))
            continue
        found.append((span, got[0], got[1], got[2] if bracketed else "", got[3]))
    counts = Counter(key(name) for _, _, name, _, _ in found)
    named = {
        key(name) for _, kind, name, _, _ in found if kind == "named" and counts[key(name)] >= 2
    }
    recurring = sum(1 for n in counts.values() if n >= 2)
    # Two names that recur make a dialogue; so does one beside two more people's full names (a
    # short panel: the moderator speaks again, each guest once) — a heading seldom recurs.
    full = {
        key(name) for _, kind, name, _, _ in found if kind == "named" and len(name.split()) >= 2
    }
    dialogue = bool(named) and (recurring >= 2 or (recurring == 1 and len(full) >= 3))
    # Otter's "Jane Lee  1:05": when every recurring name carries a time after it, so does a
    # speaker who speaks once; a name and a time alone on a line is no heading or prose.
    timed = {span.start for span, *_ in found if _TRAILING_TIME.search(text[span.start : span.end])}
    all_timed = dialogue and all(s.start in timed for s, _, n, _, _ in found if counts[key(n)] >= 2)
    # A guest who speaks once: a full name whose words the document never writes in lower case
    # (a person's name, not a heading such as "Closing remarks" or "Key Findings").
    lower = set(_LOWER_WORD.findall(text)) if dialogue else set()
    if labelled:
        dialogue = all_timed = False
    out = []
    for span, kind, name, role, shape in found:
        if (
            (dialogue and counts[key(name)] >= 2)
            or (all_timed and span.start in timed)
            or (
                dialogue
                and kind == "named"
                and 2 <= len(name.split()) <= 4
                and not any(w.lower() in lower for w in name.split())
            )
            or (kind == "named" and any(same_person(name, k) for k in known))
        ):
            out.append(
                Label(
                    span.start,
                    span.end,
                    text[span.start : span.end],
                    name,
                    role,
                    kind,
                    shape + ", alone on its line",
                )
            )
    return out


def looks_like_label(text: str, span: Span) -> bool:
    """Whether a line opens like a speaker label (accepted or not): never a title."""
    c = candidate(text, span)
    return c is not None and not c.shape.endswith(", dash")  # "Briefing – March 1" is a title


def rejected_labels(
    text: str, spans: Sequence[Span], labels: Sequence[Label]
) -> list[tuple[str, int]]:
    """(label, line) of the lines that open like a named label but were not accepted."""
    taken = {lb.start for lb in labels}
    out = []
    for c in (candidate(text, s) for s in spans):
        if (
            c is not None
            and c.start not in taken
            and c.kind == "named"
            and not c.quoted
            and not c.shape.endswith(", dash")  # a dash in prose ("What I — what I …")
        ):
            out.append((c.raw, text.count("\n", 0, c.start) + 1))
    return out


def _pattern_labels(text: str, spans: Sequence[Span], pattern: re.Pattern[str]) -> list[Label]:
    """Labels where the manifest's regex matches at a line start: group "name" (or 1) the speaker."""
    out = []
    for span in spans:
        m = pattern.match(text, span.start, span.end)
        if not m or m.end() == m.start():
            continue
        raw = (
            m.group("name")
            if "name" in pattern.groupindex
            else m.group(1)
            if pattern.groups
            else m.group(0)
        ).strip(" :")
        got = classify(raw)
        kind, name, role = (got[0], got[1], got[2]) if got else ("named", raw, "")
        end = m.end()
        while end < span.end and text[end] in " \t\u00a0":
            end += 1
        out.append(Label(span.start, end, raw, name, role, kind, "manifest label_pattern"))
    return out


SUBTITLE_WORDS = 10  # words a title's subtitle may have after its colon


def _title_line(text: str, line: Span, c: Candidate, rest: list[Candidate]) -> bool:
    """Whether the document's first line, read as a label, is its title: a few words after the
    colon and no sentence ("CNN SENATE DEBATE: OHIO", "Hearing: Water Rates"); up to
    SUBTITLE_WORDS of them when the label never comes again ("Town and Gown: Student Housing and
    the Northside Neighborhood")."""
    after = text[c.end : line.end].strip()
    words = len(after.split())
    again = any(key(o.name or o.raw) == key(c.name or c.raw) for o in rest)
    return (
        0 < words <= (3 if again else SUBTITLE_WORDS)
        and after[-1:] not in ".!?…)]"  # a sentence, or a time stamp: "Dana Okafor: (00:04)"
        and _LETTER.search(after) is not None
        and "," not in after  # "Name: Yes, and …": a reply
    )


def _label(c: Candidate) -> Label:
    return Label(c.start, c.end, c.raw, c.name, c.role, c.kind, c.shape)


def _qa_labels(text: str, cands: list[Candidate], labels: list[Label]) -> list[Label]:
    """Q and A markers: the examining counsel or an anonymous questioner asks, the witness answers."""
    qa = [c for c in cands if c.kind == "qa"]
    count = Counter(c.raw for c in qa)
    if count["Q"] < 2 and not any(lb.kind == "named" for lb in labels):
        return []  # one "Q" is a marker only in a document that has speaker labels
    witness = witness_named(text) if count["A"] >= 2 and count["Q"] >= 2 else ""
    role = "witness"
    if not witness and count["A"] >= 2:
        first_q = min((c.start for c in qa if c.raw == "Q"), default=0)
        witness, role = _interviewee(text, first_q)
    headings = [lb for lb in labels if lb.kind == "heading"]
    out = []
    for c in qa:
        if c.raw == "A" and (count["A"] < 2 or count["Q"] < 2):
            continue  # "A" opens many sentences: a marker only in a document of Qs and As
        if c.raw == "Q":
            before = [h for h in headings if h.start < c.start and h.name]
            if before:
                words, _ = strip_honorific(before[-1].name.split())
                out.append(
                    Label(
                        c.start,
                        c.end,
                        c.raw,
                        " ".join(title_case(w) if w.isupper() else w for w in words),
                        "examining counsel",
                        "named",
                        "Q/A " + c.shape,
                    )
                )
            else:
                out.append(Label(c.start, c.end, c.raw, "", "", "anonymous", "Q/A " + c.shape))
        else:
            out.append(
                Label(
                    c.start,
                    c.end,
                    c.raw,
                    witness or "The Witness",
                    role,
                    "named",
                    "Q/A " + c.shape,
                )
            )
    return out


_INTERVIEW = re.compile(
    r"\b(?i:interview|conversation|q\s*&\s*a|q and a|talks?|speaks?)\s+with\s+"
    r"(?P<who>[A-Z][\w.'’-]*(?:[ \t\u00a0]+(?:[A-Z][\w.'’-]*|de|van|von|der|al|bin)){1,5})"
)


# An introduction presenting someone: "Dr. Abena Mensah is a hydrologist at …".
_PRESENTED = re.compile(
    r"(?:\b(?:Dr|Mr|Ms|Mrs|Prof|Professor)\.?[ \t\u00a0]+)?"
    r"(?P<who>[A-Z][\w'’-]+(?:[ \t\u00a0]+[A-Z][\w'’-]+){1,3})[ \t\u00a0]+(?:is|was)[ \t\u00a0]+"
    r"(?:a|an|the)[ \t\u00a0]"
)
_COURTESY = frozenset("mr mrs ms miss dr sir dame prof professor".split())


def _interviewee(text: str, first_q: int = 0) -> tuple[str, str]:
    """(name, role) of whom a Q and A interview is with, as its header says ("Interview with
    Ambassador Karin Holm on …": Karin Holm, Ambassador) or, failing that, as the introduction
    before the first question presents one person ("Dr. Abena Mensah is a hydrologist …");
    ("", "witness") if it says nobody."""
    m = _INTERVIEW.search(text[:600])
    if not m:
        introduced = {p.group("who") for p in _PRESENTED.finditer(text[: min(first_q, 3000)])}
        if len(introduced) == 1 and _personal(name := introduced.pop()):
            return name, "interviewee"
        return "", "witness"
    words = m.group("who").split()
    titles = []
    while len(words) > 2 and words[0].lower().strip(".") in TITLE_WORDS:
        titles.append(words.pop(0))
    if (
        words[0] in ("The", "A", "An")  # "an interview with The Guardian"
        or not _personal(" ".join(words))
        or any(w.lower().strip(".") in TITLE_WORDS for w in words)
    ):
        return "", "witness"
    offices = [t for t in titles if t.lower().strip(".") not in _COURTESY]
    return " ".join(words), " ".join(offices) or "interviewee"


def is_action(speech: str) -> bool:
    """Hansard's notes of an action ("rose—", "indicated assent."): nobody speaks."""
    bare = speech.strip()
    return bool(bare) and bool(_ACTION.match(bare.rstrip("—-–").strip() or "rose"))


class MidLine:
    """Finds accepted named labels that open a new turn after a sentence end inside one line
    ("... Joe the plumber. OBAMA: ...", "... the winter. Mr. OKAFOR. Thank you"), as a PDF's
    text layer or a pasted page runs turns together; built once per document."""

    def __init__(self, labels: Sequence[Label]) -> None:
        named = [lb for lb in labels if lb.kind == "named" and lb.name and lb.raw not in ("Q", "A")]
        self._model = {lb.raw: lb for lb in named}
        # In a document whose labels end in a full stop, any of its speakers' labels may end in
        # one; they are found by their own words (a colon search never meets them).
        stops = any("full stop" in lb.shape for lb in named)
        self._stops = {lb.raw: lb for lb in named if stops}

    def __call__(self, text: str, span: Span) -> list[Label]:
        """The mid-line labels inside one paragraph (found from its colons: they are few)."""
        out: list[Label] = []
        if self._model:
            colon = text.find(":", span.start + 1, span.end)
            while colon != -1:
                after = text[colon + 1 : colon + 2]
                if after and after in _GAP:
                    for raw, lb in self._model.items():
                        # _opens's own first tests, without a call for each speaker
                        start = colon - len(raw)
                        if (
                            start > span.start + 1
                            and text.startswith(raw, start)
                            and self._opens(text, span, start, colon, raw, lb, out)
                        ):
                            break
                colon = text.find(":", colon + 1, span.end)
        for raw, lb in self._stops.items():
            start = text.find(raw + ".", span.start + 2, span.end)
            while start != -1:
                stop = start + len(raw)
                if text[stop + 1 : stop + 2] in _GAP and text[stop + 1 : stop + 2]:
                    self._opens(text, span, start, stop, raw, lb, out)
                start = text.find(raw + ".", stop, span.end)
        return sorted(out, key=lambda lb: lb.start)

    @staticmethod
    def _opens(
        text: str, span: Span, start: int, punct: int, raw: str, lb: Label, out: list[Label]
    ) -> bool:
        """Adds the label at `start` (its punctuation at `punct`) if a sentence ends before it."""
        if not (
            start > span.start + 1
            and text.startswith(raw, start)
            and _SENTENCE_BEFORE.search(text, max(span.start, start - 3), start)
        ):
            return False
        end = punct + 1
        while end < span.end and text[end] in _GAP:
            end += 1
        out.append(Label(start, end, lb.raw, lb.name, lb.role, lb.kind, lb.shape + ", mid-line"))
        return True


_GAP = " \t\u00a0\u2009\u202f"
_SENTENCE_BEFORE = re.compile(r"[.?!…][\"”’)]? $")
