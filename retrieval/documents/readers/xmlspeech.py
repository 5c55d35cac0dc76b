"""XML records of speeches where the speaker is markup, not text (parsed with lxml).

Speech elements and how they name the speaker, in the formats this reads:
ParlParse/TheyWorkForYou `<speech speakername="…">`, TEI `<sp who="…"><speaker>…</speaker>` and
`<u who="…">`, Akoma Ntoso `<speech by="…"><from>…</from>` (and its `<question>`/`<answer>`).
The first paragraph of a speech is written `Name: …`, later ones follow unlabelled; headings and
the record's narration between speeches (Akoma Ntoso `<narrative>`/`<scene>`, TEI `<stage>`) are
paragraphs of their own. An XML file with no speech elements is read as its text, one paragraph
per text-bearing element.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from ...errors import CorpusError
from ..labels import is_action
from .base import Converted, TextBuilder, squash

FORMAT = "xml"
_SPEECHES = {"speech", "sp", "u"}
# Akoma Ntoso's speeches of question time: a member's question and a minister's answer. Speeches
# only where they name who speaks (`by`, `<from>`): an FAQ's <question> names nobody and is text.
_QUESTION_ANSWER = {"question", "answer"}
# The record's own words between speeches ("The House met at 10:00.", "(Applause.)"): kept as
# paragraphs of their own, part of no speech; inside a speech they stay where they are.
_NARRATION = {"narrative", "scene", "summary", "stage"}
_NAME_ATTRIBUTES = ("speakername", "speaker", "name", "who", "by", "person")
_NAME_CHILDREN = {"speaker", "from"}
_OFFICE_ATTRIBUTES = ("speakeroffice", "office", "role", "position")  # the speaker's office
_HEADINGS = re.compile(
    r"^(?:major-heading|minor-heading|oral-heading|heading|head|title|"
    r"doctitle|h[1-6])$"
)
_PARAGRAPHS = {"p", "para", "l", "line", "ab", "seg"}
# "[Sir Nicholas Winterton in the Chair]", "[Mr Speaker in the Chair]": who presides a sitting.
_CHAIR_NOTE = re.compile(r"\[\s*([^\[\]]+?)\s+in\s+the\s+chair\s*\]", re.IGNORECASE)
_SKIP = {"note", "fontspec", "script", "style"}
_DATE_ATTRIBUTES = ("date", "when", "datetime", "id")  # ParlParse ids hold the date
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Akoma Ntoso dates its record in the body, not on the root: the date its cover prints
# (`<docDate date=…>`), else the work's (`<FRBRdate>`, the work's first, before the dates of
# its expression and of the file's making).
_DATE_ELEMENTS = ("docdate", "frbrdate")


def accepts(path: Path, head: bytes) -> bool:
    """`.xml`, or an XML declaration that is not XHTML."""
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1024].lower()
    if b"<html" in start:
        return False
    return path.suffix.lower() == ".xml" or start.startswith(b"<?xml")


def parse_xml(data: bytes) -> etree._Element:
    """The root element; entities of the document's own DTD resolved, nothing fetched."""
    parser = etree.XMLParser(
        resolve_entities="internal",
        no_network=True,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
        recover=False,
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise CorpusError(f"not well-formed XML ({' '.join(str(exc).split())})") from None


def local(el: etree._Element) -> str:
    """An element's tag without namespace, lower-case ("" for comments and the like)."""
    return el.tag.rpartition("}")[2].lower() if isinstance(el.tag, str) else ""


def convert(path: Path, data: bytes) -> Converted:
    """Headings and speeches in document order, each speech led by its speaker's name."""
    root = parse_xml(data)
    builder = TextBuilder()
    title = ""
    narration: list[int] = []  # where the record's narration begins (Converted.narration)
    speeches = [el for el in root.iter() if _is_speech(el)]
    listed = _listed(root)
    offices: dict[str, str] = {}  # speaker -> office, until written on a speech of theirs
    for el in speeches:
        if _speaker(el, listed) and _office(el):
            offices.setdefault(_speaker(el, listed), _office(el))
    if speeches:
        names = {_speaker(el, listed) for el in speeches} - {""}
        for el in root.iter():
            tag = local(el)
            if _HEADINGS.match(tag) and not _inside_speech(el):
                heading = squash("".join(el.itertext()))
                builder.paragraph(heading)
                chair, topic = chair_note(heading)
                for name in names:  # "Sir Nicholas Winterton" presides: "Nicholas Winterton"
                    if chair and (chair == name or chair.endswith(" " + name)):
                        offices.setdefault(name, "Chair")
                title = title or topic
            elif _is_speech(el) and not _inside_speech(el):
                _speech(el, builder, offices, listed)
            elif tag in _NARRATION and not _inside_speech(el):
                narration.append(builder.paragraph(squash("".join(el.itertext()))))
    else:
        for el in root.iter():
            tag = local(el)
            if tag in _SKIP or _inside(el, _SKIP):
                continue
            own = squash((el.text or "") if len(el) else "".join(el.itertext()))
            if own and not _inside_paragraph(el):
                builder.paragraph(
                    own if not len(el) or tag not in _PARAGRAPHS else "".join(el.itertext())
                )
                if not title and _HEADINGS.match(tag):
                    title = squash(own)
    return Converted(
        builder.text(),
        FORMAT,
        tuple(builder.locations),
        title[:200],
        _date(root),
        narration=tuple(n for n in narration if n >= 0),
    )


def chair_note(heading: str) -> tuple[str, str]:
    """Who a heading says presides ("[Sir Nicholas Winterton in the Chair] — Oil and Gas"), and
    the heading without that note ("Oil and Gas"): a note of the sitting, not its subject."""
    found = _CHAIR_NOTE.search(heading)
    if not found:
        return "", heading
    rest = (heading[: found.start()] + heading[found.end() :]).strip(" —–-:;,")
    return found.group(1).strip(), rest


def _speaker(el: etree._Element, listed: dict[str, str]) -> str:
    """The name a speech element gives its speaker ("" for procedural text)."""
    if el.get("nospeaker") == "true":
        return ""
    said = ""
    for child in el:
        if local(child) in _NAME_CHILDREN:
            said = squash("".join(child.itertext())).rstrip(":")
            if said:
                break
    person = listed.get((el.get("by") or "").lstrip("#"), "")
    if person:
        return _as_listed(said, person)
    if said:
        return said
    for attribute in _NAME_ATTRIBUTES:
        value = squash(el.get(attribute) or "")
        if value:
            # TEI and Akoma Ntoso refer to a person by id ("#Paddy_Tipping"): make it readable.
            return value.lstrip("#").replace("_", " ") if value.startswith("#") else value
    return ""


def _listed(root: etree._Element) -> dict[str, str]:
    """Akoma Ntoso's list of the people a record refers to: id -> the name as it is to be shown
    (`<TLCPerson eId="lee-ab" showAs="Ms A B Lee"/>`, `by="#lee-ab"` on each of her speeches)."""
    listed: dict[str, str] = {}
    for el in root.iter():
        if local(el) == "tlcperson":
            ident, shown = el.get("eId") or el.get("id"), squash(el.get("showAs") or "")
            if ident and shown:
                listed[ident] = shown
    return listed


def _as_listed(said: str, person: str) -> str:
    """The label of a speech by a listed person: one spelling of their name throughout the
    record, the list's, where `<from>` may shout the surname ("Ms A B LEE") or give only an
    office. The longest ending of the listed name that `<from>` writes is replaced ("Ms LEE" ->
    "Ms Lee") and what else it says (an office, a party) stays; a `<from>` naming only an office
    ("The MINISTER OF HEALTH") is followed by the name in brackets, as Hansards print it."""
    if not said:
        return person
    words = person.split()
    for n in range(len(words)):
        tail = " ".join(words[n:])
        found = re.search(rf"(?<!\w){re.escape(tail)}(?!\w)", said, re.IGNORECASE)
        if found:
            return said[: found.start()] + tail + said[found.end() :]
    return f"{said} ({person})"


def _office(el: etree._Element) -> str:
    """The office a speech element gives its speaker ("The Parliamentary Under-Secretary …")."""
    for attribute in _OFFICE_ATTRIBUTES:
        value = squash(el.get(attribute) or "")
        if any(c.isalpha() for c in value) and not value.startswith("#"):
            return value.replace("(", "[").replace(")", "]")
    return ""


def _speech(
    el: etree._Element, builder: TextBuilder, offices: dict[str, str], listed: dict[str, str]
) -> None:
    """One speech: its paragraphs, the first led by `Name: `. The speaker's office, where the
    markup gives it (ParlParse's `speakeroffice`: the role a question names, "the Minister"), is
    written once, on their first speech that is not an action note: `Name (office): `."""
    name = _speaker(el, listed)
    if any(local(child) in _PARAGRAPHS for child in el):
        parts = [
            squash("".join(child.itertext()))
            for child in el
            if local(child) not in _NAME_CHILDREN and local(child) not in _SKIP
        ]
    else:  # the speech is one paragraph of mixed content: <u who="A">Hello <pause/> there</u>
        pieces = [el.text or ""]
        for child in el:
            if local(child) not in _NAME_CHILDREN and local(child) not in _SKIP:
                pieces.append("".join(child.itertext()))
            pieces.append(child.tail or "")
        parts = [squash(" ".join(pieces))]
    parts = [p for p in parts if p]
    if name in offices and parts and not is_action(parts[0]):
        name = f"{name} ({offices.pop(name)})"
    for n, text in enumerate(parts):
        builder.paragraph(f"{name}: {text}" if name and n == 0 else text)


def _is_speech(el: etree._Element) -> bool:
    """A speech element, or an Akoma Ntoso question or answer that names its speaker."""
    tag = local(el)
    if tag in _QUESTION_ANSWER:
        return bool(el.get("by")) or any(local(child) == "from" for child in el)
    return tag in _SPEECHES


def _inside_speech(el: etree._Element) -> bool:
    parent = el.getparent()
    while parent is not None:
        if _is_speech(parent):
            return True
        parent = parent.getparent()
    return False


def _inside_paragraph(el: etree._Element) -> bool:
    return _inside(el, _PARAGRAPHS)


def _inside(el: etree._Element, tags: set[str]) -> bool:
    parent = el.getparent()
    while parent is not None:
        if local(parent) in tags:
            return True
        parent = parent.getparent()
    return False


def _date(root: etree._Element) -> str:
    """The date of the record: an attribute of the root or of an element at its top (ParlParse,
    TEI), else the first of an Akoma Ntoso record's dates in the order of _DATE_ELEMENTS."""
    for el in (root, *root[:3]):
        for attribute in _DATE_ATTRIBUTES:
            found = _ISO_DATE.search(el.get(attribute) or "")
            if found:
                return found.group(0)
    dated: dict[str, str] = {}
    for el in root.iter():
        tag = local(el)
        found = _ISO_DATE.match(el.get("date") or "") if tag in _DATE_ELEMENTS else None
        if found:
            dated.setdefault(tag, found.group(0))
    return next((dated[tag] for tag in _DATE_ELEMENTS if tag in dated), "")
