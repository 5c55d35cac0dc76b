"""HTML pages and fragments: the main text, parsed with lxml, as paragraphs; page furniture dropped.

lxml (libxml2's HTML parser) reads real-world markup, broken or XHTML, in any declared encoding.
The main-content step is small and explicit, because transcripts need what generic article
extractors (trafilatura, readability) are free to drop or restyle: every short turn ("Question:",
"Yes."), bold speaker labels and the order of paragraphs. It takes the element marked as the
article body (schema.org `articleBody`, `<article>`, `<main>`), else the whole body, minus
scripts, styles, navigation, forms, figures, footers and anything hidden (tooltips, `hidden`).
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from lxml import etree

from ...errors import CorpusError
from .base import LABEL_START, Converted, TextBuilder, decode_markup, squash

FORMAT = "html"
SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx", ".jsp", ".cfm"}
_MARKUP = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|p|div|br|b|strong|cite|span|table)[\s>/]", re.I
)
_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "address",
    "hr",
    "center",
    "fieldset",
    "details",
    "summary",
    "body",
    "html",
    "font-block",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_CELLS = {"td", "th"}
_LABEL_TAGS = {"b", "strong", "cite"}
_DROP = {
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "textarea",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "audio",
    "video",
    "img",
    "picture",
    "map",
    "figure",
    "figcaption",
    "head",
    "title",
    "meta",
    "link",
    "input",
}
_DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "dialog"}
_HIDDEN_CLASSES = {
    "hidden",
    "hide",
    "sr-only",
    "visually-hidden",
    "visuallyhidden",
    "d-none",
    "screen-reader-text",
    "invisible",
    "noprint",
}
_FURNITURE = (
    "nav",
    "menu",
    "breadcrumb",
    "footer",
    "sidebar",
    "share",
    "social",
    "cookie",
    "tooltip",
    "popover",
    "advert",
    "banner",
    "skip",
    "player",
    "disclaimer",  # "NPR transcripts are created on a rush deadline …"
    "copyright",
    "metadata",  # a catalogue's fields ("Database: House Hansard", "Speaker: Callaway, Stuart")
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CLOCK = re.compile(r"^\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?$")
_NUMBER = re.compile(r"^(?:Q?\d{1,4}[.)]?|\[\d{1,4}\])$")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MAX_LABEL_WORDS = 12
# After a line break inside a paragraph, another turn: a reporter's bare "Q" and spaces, or a
# label in capitals ("MS. HALVORSEN:") — the press office's transcripts join their lines so.
_TURN_AFTER_BREAK = re.compile(
    r"[ \t\n\u00a0]*(?:Q[ \t\u00a0]{2,}\S|(?:MR|MS|MRS|DR)\.?[ \t\u00a0]+[A-Z][A-Z'’-]+:"
    r"|\((?:Cross-?talk|Laughter|Applause)\.?\))"
)
_SPEAKER_CLASS = re.compile(r"^(?:.*[-_])?speaker(?:[-_]?name)?$")  # not "speaker-text"
# A contribution's byline, as Hansard's pages mark it: `<a class="attributed-to-details">` holding
# the name and, beside it, the seat and party or the office ("(Thirsk and Malton) (Con)").
_ATTRIBUTED_CLASS = re.compile(r"^attributed(?:[-_]to)?(?:[-_]details)?$|^attribution$")
_LINK_LISTS = {"div", "ul", "ol", "header", "section", "table", "td", "p", "span"}
LINK_COUNT = 3  # a block with at least this many links …
LINK_SHARE = 0.6  # … making up this share of its text is navigation


def accepts(path: Path, head: bytes) -> bool:
    """Web page extensions (`.php` pages too), or markup at the start of an unknown file."""
    return path.suffix.lower() in SUFFIXES or bool(_MARKUP.search(head.lstrip()[:1024]))


def convert(path: Path, data: bytes) -> Converted:
    """The page's main text as paragraphs, a bold or cited speaker label leading its paragraph."""
    text = decode_markup(data)
    parser = lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True
    )
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise CorpusError(f"not readable as HTML ({exc})") from None
    title, date = _title(root), _date(root)
    walker = _Walker()
    walker.block(_main(root))
    builder = walker.builder
    return Converted(
        builder.text(),
        FORMAT,
        tuple(builder.locations),
        title,
        date,
        emphasised=tuple(walker.emphasised),
    )


def _tag(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""  # comments, processing instructions
    return tag.rpartition("}")[2].lower()


def _dropped(el: etree._Element) -> bool:
    """Page furniture and hidden content: never part of the text."""
    tag = _tag(el)
    if not tag or tag in _DROP:
        return True
    get = el.get
    if get("hidden") is not None or get("aria-hidden") == "true":
        return True
    if (get("role") or "").lower() in _DROP_ROLES or _HIDDEN_STYLE.search(get("style") or ""):
        return True
    names = (get("class") or "").lower().split() + (get("id") or "").lower().split()
    if any(n in _HIDDEN_CLASSES or n.startswith(_FURNITURE) or "tooltip" in n for n in names):
        return True
    return tag in _LINK_LISTS and _mostly_links(el)


def _mostly_links(el: etree._Element) -> bool:
    """A menu by its shape: several links that make up most of the element's text."""
    links = el.findall(".//a")
    if len(links) < LINK_COUNT:
        return False
    text = len(squash(el.text_content()))
    linked = sum(len(squash(a.text_content())) for a in links)
    return text > 0 and linked >= LINK_SHARE * text


def _main(root: etree._Element) -> etree._Element:
    """The element holding the page's main text: the marked article body, else the body."""
    for xpath in ('//*[@itemprop="articleBody"]', "//article", "//main", '//*[@role="main"]'):
        found = [el for el in root.xpath(xpath) if not _dropped(el)]
        if len(found) == 1 and squash(found[0].text_content()):
            return found[0]
    body = root.find("body")
    return body if body is not None else root


def _title(root: etree._Element) -> str:
    for xpath in ("//h1", "//title", "//h2"):
        for el in root.xpath(xpath):
            text = squash(el.text_content())
            if text and (xpath != "//h1" or len(text.split()) > 1):
                return text[:200]  # (a heading of one word, "Hansard", names the site)
    return ""


def _date(root: etree._Element) -> str:
    values = root.xpath(
        '//time/@datetime | //meta[@property="article:published_time"]/@content'
        ' | //*[@itemprop="datePublished"]/@content'
    )
    for value in values:
        found = _ISO_DATE.search(str(value))
        if found:
            return found.group(0)
    return ""


# A printed column or page marker standing as a paragraph ("19 July 2011 : Column 772", "Column
# 148WH", "Page 3 of 12"): page furniture, and the paragraph it cut continues after it.
_MARKER = re.compile(
    r"^(?:\d{1,2}\s+\w+\s+\d{4}\s*:\s*)?(?:Column|Col\.)\s*\d+[A-Z]{0,3}$"
    r"|^(?:Page|p\.)\s*:?\s*\d+(?:\s+of\s+\d+)?$",
    re.IGNORECASE,
)


class _Walker:
    """Walks the main element in document order, building paragraphs."""

    def __init__(self) -> None:
        self.builder = TextBuilder()
        self.buf: list[str] = []
        self.label_chars = 0  # characters of the open paragraph inside <b>/<strong>/<cite>
        self.in_label = 0
        self.breaks = 0  # <br> seen since the last text
        self.pending_label = ""  # a paragraph that was only a speaker label: leads the next one
        self.pending_time = ""
        self.cut = False  # a column or page marker was dropped: a lower-case paragraph continues
        self.emphasised: list[int] = []  # where paragraphs wholly in bold begin (Converted)
        self.opens_label = False  # the open paragraph opens with a bold label of its own

    def block(self, el: etree._Element) -> None:
        """A block element: its content is a paragraph (or several) of its own."""
        self.flush()
        self.content(el)
        self.flush(heading=_tag(el) in _HEADINGS)

    def content(self, el: etree._Element) -> None:
        """The text and children of an element, in order."""
        if el.text:
            self.text(el.text)
        for child in el:
            if not _dropped(child):
                self.element(child)
            if child.tail:
                self.text(child.tail)

    def element(self, el: etree._Element) -> None:
        tag = _tag(el)
        if _names_speaker(el):
            self.flush()  # <span class="speaker">ANNA</span> or <dt>Anna</dt><dd>…</dd>
            name = _label_text(el)
            self.pending_label = name if name.endswith(":") else f"{name}:"
        elif tag in _BLOCKS or tag in _HEADINGS:
            self.block(el)
        elif tag == "pre":
            self.flush()
            for paragraph in preformatted(el.text_content()):
                self.builder.paragraph(paragraph)
        elif tag == "br":
            if _TURN_AFTER_BREAK.match(el.tail or ""):
                # "…detained in —<br>Q   Dana —<br>MS. HALVORSEN: …": a turn on each line
                self.flush()
            else:
                self.breaks += 1
                self.buf.append(" ")
        elif tag == "time" and _CLOCK.match(squash(el.text_content())):
            self.flush()  # a time stamp before a paragraph is where it starts, not its text
            self.pending_time = squash(el.text_content())
        elif tag in _CELLS:
            self.buf.append(" ")
            self.content(el)
            self.buf.append(" ")
        elif tag in _LABEL_TAGS:
            if not "".join(self.buf).strip() and _looks_label(el):
                self.opens_label = True  # "<strong>Вопрос:</strong> …": its own label
            self.label_start(el)
            self.in_label += 1
            self.content(el)
            self.in_label -= 1
        else:
            self.content(el)

    def label_start(self, el: etree._Element) -> None:
        """Before bold or cited text: a break or a question number before a label ends a paragraph."""
        if self.breaks and squash(el.text_content()):
            self.flush()
        elif _NUMBER.match(squash("".join(self.buf))) and _looks_label(el):
            self.flush()  # "1. <b>Name (Place):</b> …": the number is a paragraph of its own

    def text(self, s: str) -> None:
        if not s.strip():
            self.buf.append(s)
            return
        if self.breaks >= 2:
            self.flush()
        self.breaks = 0
        self.buf.append(s)
        if self.in_label:
            self.label_chars += len(s.strip())

    def flush(self, heading: bool = False) -> None:
        """End the open paragraph."""
        text = squash("".join(self.buf))
        labelled, own_label = self.label_chars, self.opens_label
        self.buf, self.label_chars, self.breaks, self.opens_label = [], 0, 0, False
        if not text:
            return
        if _MARKER.match(text):
            self.cut = True  # "19 July 2011 : Column 772" between two halves of a paragraph
            return
        cut, self.cut = self.cut, False
        if cut and text[:1].islower() and not self.pending_label:
            self.builder.reopen()
            self.builder.append(text)
            self.builder.end()
            return
        bold = labelled >= len(text.replace(" ", "")) - 2
        if not heading and text.endswith(":") and bold and len(text.split()) <= _MAX_LABEL_WORDS:
            self.pending_label = text  # "<cite>Travis:</cite>" alone: names the next paragraph
            return
        if self.pending_label and own_label:
            # "<strong>Из ответов на вопросы:</strong>" then "<strong>Вопрос:</strong> …": a
            # heading ending in a colon over a paragraph that names its own speaker.
            self.builder.paragraph(self.pending_label)
            self.pending_label = ""
        if self.pending_label:
            text, bold = f"{self.pending_label} {text}", False
            self.pending_label = ""
        start = self.builder.paragraph(text, time=self.pending_time)
        if bold and not heading and start >= 0:
            self.emphasised.append(start)
        self.pending_time = ""


def preformatted(text: str) -> list[str]:
    """The paragraphs of a `<pre>` block (a plain-text transcript inside a page): blocks between
    blank lines, and within a block a line opening with a speaker label starts a paragraph."""
    out: list[str] = []
    for block in re.split(r"\n[ \t\r\u00a0]*\n", text):
        current: list[str] = []
        for line in block.splitlines():
            if current and LABEL_START.match(line.strip()):
                out.append(squash(" ".join(current)))
                current = []
            current.append(line)
        out.append(squash(" ".join(current)))
    return [p for p in out if p]


def _names_speaker(el: etree._Element) -> bool:
    """An element that holds only a speaker's name: a class naming it so, or a term of a
    definition list whose description follows; a byline (_ATTRIBUTED_CLASS) may hold the
    speaker's seat or office as well."""
    classes = [*(el.get("class") or "").lower().split(), (el.get("itemprop") or "").lower()]
    following = el.getnext()
    byline = any(_ATTRIBUTED_CLASS.match(c) for c in classes)
    if not (
        byline
        or any(_SPEAKER_CLASS.match(c) for c in classes)
        or (_tag(el) == "dt" and following is not None and _tag(following) == "dd")
    ):
        return False
    name = _label_text(el)
    return bool(name) and len(name.split()) <= (
        _MAX_LABEL_WORDS if byline else _MAX_LABEL_WORDS // 2
    )


def _label_text(el: etree._Element) -> str:
    """An element's text with its parts apart ("<div>Name</div><div>(Seat) (Party)</div>")."""
    return squash(" ".join(el.itertext()))


def _looks_label(el: etree._Element) -> bool:
    """Bold text that ends in a colon, or is followed by one."""
    return squash(el.text_content()).endswith(":") or (el.tail or "").lstrip().startswith(":")
