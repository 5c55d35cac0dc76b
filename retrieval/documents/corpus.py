"""Load a corpus directory: read each file safely, attach metadata, parse turns and passages."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from ..errors import CorpusError
from ..model import Document, DocumentMeta, Passage, Span, Speaker, Turn
from ..search.incremental import Records, rebuild, record, replay, text_digest
from ..search.library import Source
from . import ahead
from .dedupe import duplicate_groups
from .files import check_directory, corpus_files
from .frontmatter import DATE, DAY_FIRST, front_matter, header_field, heading_text
from .labels import looks_like_label
from .language import detect
from .manifest import MANIFEST_NAME, ManifestEntry, read_manifest
from .parsing import count_labels, document_labels, is_heading, parse
from .parsing import paragraphs as document_paragraphs
from .readers import Converted, read_document, skip_reason
from .speakers import TITLE_WORDS, SpeakerRegistry, slug

PROGRESS_EVERY = 100
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,100}")


@dataclass(frozen=True)
class Corpus:
    """Every document, speaker, turn and passage of one directory, plus what went wrong loading it.

    It is the in-memory Library (see library.py); an index on disk is the other one.
    """

    directory: Path
    documents: dict[str, Document]
    speakers: dict[str, Speaker]
    turns: tuple[Turn, ...]
    passages: tuple[Passage, ...]
    duplicates: dict[str, tuple[str, ...]] = field(default_factory=dict)
    problems: tuple[str, ...] = ()  # one line each: unreadable files, manifest errors
    skipped: tuple[str, ...] = ()  # one line each: files that are not documents, and why

    @cached_property
    def sources(self) -> dict[str, Source]:
        """Each document's metadata, file and warnings, by document id."""
        return {
            d.meta.id: Source(d.meta, d.path, d.warnings, d.original, d.format, d.locations)
            for d in self.documents.values()
        }

    @property
    def passage_count(self) -> int:
        """How many passages, indexed or not."""
        return len(self.passages)

    @cached_property
    def speaker_turns(self) -> dict[str, int]:
        """How many turns each speaker id has."""
        counts: dict[str, int] = {}
        for t in self.turns:
            counts[t.speaker_id] = counts.get(t.speaker_id, 0) + 1
        return counts

    def said_with(self, speaker_ids: set[str]) -> dict[str, int]:
        """Library.said_with, from the passages in memory."""
        docs = {p.doc_id for p in self.passages if p.speaker_id in speaker_ids}
        said: dict[str, int] = {}
        for p in self.passages:
            if p.doc_id in docs and p.speaker_id not in speaker_ids:
                said[p.speaker_id] = said.get(p.speaker_id, 0) + p.span.end - p.span.start
        return said

    def passage(self, passage_id: str) -> Passage:
        """The passage with this id; KeyError if there is none."""
        return self._by_id[passage_id]

    def by_ref(self, ref: str) -> Passage | None:
        """The passage with this short reference (see Passage.ref), or None."""
        return self._by_ref.get(ref)

    def turn_passages(self, doc_id: str, turn_index: int) -> list[Passage]:
        """The passages of one turn, in order."""
        return self._by_turn.get((doc_id, turn_index), [])

    def may_take_context(self, passage: Passage) -> bool:
        """True: a corpus in memory looks at each passage's exchange (exchange.py)."""
        return True

    def stored_terms(self, passage: Passage) -> list[str] | None:
        """None: a corpus in memory keeps no terms (the caller tokenises the text)."""
        return None

    def turn_layout(self, doc_id: str, turn_index: int) -> list[tuple[str, Span, int]]:
        """Each passage of one turn as (id, span, length in characters), in order."""
        return [(p.id, p.span, len(p.text)) for p in self.turn_passages(doc_id, turn_index)]

    # Lookup tables, built on first use; cached_property writes to __dict__, so frozen is fine.
    @cached_property
    def _by_id(self) -> dict[str, Passage]:
        return {p.id: p for p in self.passages}

    @cached_property
    def _by_ref(self) -> dict[str, Passage]:
        return {p.ref: p for p in self.passages}

    @cached_property
    def _by_turn(self) -> dict[tuple[str, int], list[Passage]]:
        turns: dict[tuple[str, int], list[Passage]] = {}
        for p in self.passages:
            turns.setdefault((p.doc_id, p.turn_index), []).append(p)
        return turns


def read_text(path: Path) -> str:
    """A document's text (extracted, for a converted format), or a CorpusError whose message
    says in one line why it cannot be used."""
    return read_document(path).text


def document_files(directory: Path, listed: Collection[str] = ()) -> list[Path]:
    """The document files below a corpus directory, in a stable order: every file but those
    that are not documents (see readers.skip_reason), unless `listed` (the manifest) names them."""
    return [
        p
        for p in corpus_files(directory)
        if _skipped(p.relative_to(directory).as_posix(), listed) == ""
    ]


def _skipped(name: str, listed: Collection[str]) -> str:
    """Why a file is not read as a document; "" if it is one (or the manifest lists it)."""
    return "" if name in listed else skip_reason(name)


def infer_meta(file_id: str, text: str, emphasised: tuple[int, ...] = ()) -> DocumentMeta:
    """Metadata for a document the manifest does not describe, from the document itself.

    Title and date come from YAML front matter, else `Title:`/`Date:` lines or the first heading
    (a Markdown heading included) — never from a speaker's turn, a separator or a stage direction.
    `emphasised`: where the reader saw paragraphs wholly in bold (Converted.emphasised).
    """
    title, date = _inferred_title_and_date(file_id, text)
    kind = _inferred_kind(text, emphasised)
    return DocumentMeta(
        id=file_id,
        title=title,
        kind=kind,
        speaker="" if kind == "transcript" else _self_introduced(text),
        date=date,
        language=_inferred_language(text),
    )


_WEB_ADDRESS = re.compile(r"\bwww\.|https?://")
# A first line whose colon is followed by a short title, not speech ("Bus Services:
# Nottinghamshire", a debate's title as Hansard's page gives it).
_TITLED_AFTER_COLON = re.compile(r"[^:\n]{2,60}:[ \t]+(?:[A-Z][\w'’-]*[ \t]*){1,4}$")


def _inferred_title_and_date(file_id: str, text: str) -> tuple[str, str]:
    """infer_meta()'s title and date."""
    fields, _ = front_matter(text)
    first_label = min((lb.start for lb in document_labels(text, (), "")), default=len(text))
    paragraphs = [b for b in document_paragraphs(text)[:12] if b.span.start < first_label]
    found: dict[str, str] = {}
    for b in paragraphs[:5]:
        field = header_field(b.text(text))
        if field:
            found.setdefault(*field)
    headings = []
    for b, after in zip(paragraphs[:5], [*paragraphs[1:6], None], strict=False):
        p = b.text(text)
        if _CHROME.match(p) or _WEB_ADDRESS.search(p):
            continue  # "Skip to main content", a web address: a page's or a provider's chrome
        continued = after is not None and after.text(text)[:1].islower()  # a wrapped sentence
        if (
            is_heading(p)
            and any(c.isalpha() for c in p)
            and not p.startswith(("(", "["))
            and not header_field(p)
            and not continued
            # "NCAA MEN'S BASKETBALL CHAMPIONSHIP: SECOND ROUND": a first line in capitals with
            # no sentence after its colon is the title, not a speaker's words.
            and not (
                looks_like_label(text, b.span)
                and not (b is paragraphs[0] and (p.isupper() or _TITLED_AFTER_COLON.match(p)))
            )
        ):
            lines = p.split("\n")
            while len(lines) > 1 and _dateline(lines[-1]):
                lines.pop()  # "Interview with …" over "Published 12 March 2024": the date apart
            headings.append(heading_text("\n".join(lines)))
        elif b is paragraphs[0] and "\n" in p:
            # The title on the first line over a site's section and a date ("Remarks by President
            # Halvorsen at …" / "Briefings & Statements" / "May 6, 2026"): the first line alone.
            line = p.split("\n", 1)[0]
            if (
                is_heading(line)
                and len(line.split()) >= 3
                and (not looks_like_label(text, b.span) or _TITLED_AFTER_COLON.match(line))
            ):
                headings.append(heading_text(line))
    # A letter-spaced heading ("У К А З", "R E P O R T") or a one-word one names the genre; a
    # heading of several words after it is the title.
    named = [h for h in headings if len(h.split()) >= 3 and not all(len(w) == 1 for w in h.split())]
    # "PRESIDENT OF …" is a running head beside a title; "Aired March 5, 2023 - 09:00 ET" a
    # dateline and "S. Hrg. 117-512" a document number: each yields to a title beside it.
    named.sort(key=lambda h: (_dateline(h), h.isupper()))
    title = _text(fields.get("title")) or found.get("title") or (named or headings or [""])[0]
    if not title:
        title = file_id.replace("-", " ").replace("_", " ")
    date = _text(fields.get("date")) or found.get("date", "")
    if not date:
        opening = "\n".join(b.text(text) for b in document_paragraphs(text)[:10])
        match = DATE.search(opening) or DAY_FIRST.search(opening)  # "14/10/2025", "12.03.2025"
        date = match.group(0) if match else ""
    return " ".join(title.split())[:200], date  # a wrapped heading is one line of metadata


# A web page's chrome at the top of its text copy: never a title.
_CHROME = re.compile(
    r"^(?:skip to (?:main )?content|skip navigation|print this page|share|menu|search|sign in"
    r"|log in|home\s*[>›»/])"
    # … or a breadcrumb trail: "Президент России / Документы / Банк документов", "Home › News"
    r"|^[^\n/›»]{2,40}(?:\s[/›»]\s[^\n/›»]{2,40}){2,}$",
    re.IGNORECASE,
)


def _inferred_kind(text: str, emphasised: tuple[int, ...] = ()) -> str:
    """infer_meta()'s kind."""
    return "transcript" if count_labels(text, (), emphasised) >= 2 else "article"


def _inferred_language(text: str) -> str:
    """infer_meta()'s language."""
    return _text(front_matter(text)[0].get("language")) or detect(text)


# A speaker introducing themselves in a text nobody labels: "hi I'm Dana Okafor, the lead
# planner", "My name is Priya Natarajan", "Меня зовут Анна Белова".
_SELF = re.compile(
    r"(?:\bI'm|\bI am|\b[Mm]y name is|\b[Мм]еня зовут)[ \t]+"
    r"(?P<name>[A-ZА-ЯЁ][\w'’-]+[ \t]+[A-ZА-ЯЁ][\w'’-]+)\b"
)
SELF_CHARS = 800  # how far into a text its speaker introduces themselves


def _self_introduced(text: str) -> str:
    """The person a text without labels opens by introducing, or ""."""
    m = _SELF.search(text[:SELF_CHARS])
    if m is None or any(w.lower() in TITLE_WORDS for w in m.group("name").split()):
        return ""
    return m.group("name")


def _dateline(heading: str) -> bool:
    """Whether a heading is a date, a time or a number with at most two words beside it."""
    words = re.findall(r"[^\W\d_]{2,}", DATE.sub(" ", heading))
    return len(words) <= 2 and any(c.isdigit() for c in heading)


def _text(value: object) -> str:
    """A front-matter value as one line of text ("" for a list or nothing)."""
    return value if isinstance(value, str) else ""


def _meta(
    entry: ManifestEntry | None, file_id: str, text: str, emphasised: tuple[int, ...] = ()
) -> DocumentMeta:
    """Manifest fields where given, inferred ones elsewhere (only those are inferred: a large
    archive's manifest names title, date and kind, and reading them from the text cost a tenth
    of parsing)."""
    if entry is None:
        return infer_meta(file_id, text, emphasised)
    title, date = entry.title, entry.date
    if not (title and date):
        inferred_title, inferred_date = _inferred_title_and_date(file_id, text)
        title, date = title or inferred_title, date or inferred_date
    return DocumentMeta(
        id=entry.id or file_id,
        title=title,
        kind=entry.kind
        or (
            "speech"
            if entry.speaker
            else "transcript"
            if entry.speakers or entry.label_pattern
            else _inferred_kind(text, emphasised)
        ),
        source=entry.source,
        date=date,
        url=entry.url,
        speaker=entry.speaker,
        language=entry.language or _inferred_language(text),
    )


def known_speakers(entry: ManifestEntry | None, text: str) -> tuple[str, ...]:
    """The speakers a document's manifest entry or front matter names."""
    listed = front_matter(text)[0].get("speakers")
    names = list(entry.speakers) if entry else []
    names += listed if isinstance(listed, list) else []
    return tuple(names)


def load_corpus(
    directory: Path,
    progress: Callable[[int, int], None] | None = None,
    text_dir: Path | None = None,
    duplicates: bool = True,
    records: Records | None = None,
    only: Collection[str] | None = None,
    parallel: bool = False,
) -> Corpus:
    """Load every readable document below `directory`; unreadable ones become problems, not errors.

    `progress(done, total)` is called every PROGRESS_EVERY documents read, for long loads.
    The text of a converted format (HTML, XML, PDF, subtitles) is written to `text_dir/<id>.txt`
    when given, and that file becomes the document's path (quotes are verbatim in it); without
    `text_dir` it stays in memory and the path is the original file's. With `duplicates` false
    the duplicate groups are left empty (an index build finds them with its own per-passage work).
    With `records`, an unchanged document whose record is in `records.previous` is not parsed
    again (see incremental.py), and every document's record goes into `records.current`.
    With `parallel` too, a large corpus's documents are parsed ahead in worker processes (see
    ahead.py); the result is the same. `only`: the files (relative names) to load, the others
    left out unmentioned.
    """
    check_directory(directory)
    entries, problems = read_manifest(directory)
    registry = SpeakerRegistry()
    documents: dict[str, Document] = {}
    turns: list[Turn] = []
    passages: list[Passage] = []
    skipped: list[str] = []
    files = corpus_files(directory)
    seen: dict[str, None] = {}  # named speakers of the documents read so far
    with ahead.parsing(directory, files, records if parallel else None):
        for n, path in enumerate(files, start=1):
            if progress and documents and n % PROGRESS_EVERY == 0:
                progress(n, len(files))
            name = path.relative_to(directory).as_posix()
            if only is not None and name not in only:
                continue
            reason = _skipped(name, entries)
            if reason:
                skipped.append(f"{name}: skipped: {reason}")
                continue
            try:
                converted = read_document(path)
            except CorpusError as exc:
                problems.append(f"{name}: skipped: {exc}")
                continue
            text = converted.text
            entry = entries.pop(name, None)
            file_id = _unique_id(slug(path.stem)[:40], documents)
            emphasised, narration = converted.emphasised, converted.narration
            # A record is of the text and of where the reader saw bold paragraphs and narration.
            parsed_from = f"{text}\x00{emphasised}" if emphasised else text
            parsed_from += f"\x00{narration}" if narration else ""
            digest = text_digest(parsed_from) if records is not None else ""
            reuse = records.usable(name, digest, entry, file_id) if records is not None else None
            meta = (
                reuse.meta
                if reuse
                else _format_meta(_meta(entry, file_id, text, emphasised), entry, converted)
            )
            if meta.id in documents:
                problems.append(
                    f"{name}: skipped: id {meta.id!r} is already used by another document"
                )
                continue
            known = (*known_speakers(entry, text), *converted.speakers)
            parsed_meta, rule_input = meta, None
            if meta.kind == "article" and not (entry and entry.kind) and seen:
                # One clip of a hearing split over files: a label naming a speaker of the documents
                # read before ("Chairman HAMILTON:") makes a transcript even when it appears once.
                rule_input = known + tuple(seen)
                if reuse and reuse.rule_input == rule_input:
                    meta = replace(meta, kind=reuse.kind)
                elif count_labels(text, rule_input, emphasised):
                    meta = replace(meta, kind="transcript")
                if meta.kind == "transcript":
                    known = rule_input
            if reuse and (reuse.rule_input, reuse.kind) != (rule_input, meta.kind):
                reuse = None
            warnings = (
                []
                if entry
                else [f"not in {MANIFEST_NAME}; inferred kind={meta.kind}, title={meta.title!r}"]
            )
            registry.calls = [] if records is not None else None
            if reuse and not replay(reuse, registry):
                reuse, registry.calls = None, []  # another speaker now: parse it again
            if reuse and records is not None:
                records.reused += reuse is records.previous.get(name)  # not a worker's
                doc_turns, doc_passages = rebuild(reuse, meta.id, text)
                parse_warnings: tuple[str, ...] = reuse.warnings
            else:
                parsed = parse(
                    meta.id,
                    text,
                    meta.kind,
                    _owner(meta, entry, registry).id,
                    registry,
                    known,
                    entry.label_pattern if entry else "",
                    emphasised,
                    narration,
                )
                doc_turns, doc_passages = list(parsed.turns), list(parsed.passages)
                parse_warnings = parsed.warnings
            if records is not None:
                records.current[name] = reuse or record(
                    digest,
                    entry,
                    file_id,
                    parsed_meta,
                    rule_input,
                    meta.kind,
                    registry.calls or (),
                    parse_warnings,
                    doc_turns,
                    doc_passages,
                )
            registry.calls = None
            for t in doc_turns:
                sp = registry.get(t.speaker_id)
                if not sp.is_publisher and not sp.anonymous:
                    seen.setdefault(sp.name, None)
            warnings += converted.warnings + parse_warnings
            if not doc_passages:
                warnings.append("no quotable paragraphs found")
            documents[meta.id] = _document(meta, path, converted, tuple(warnings), text_dir)
            turns += doc_turns
            passages += doc_passages
    problems += [f"{MANIFEST_NAME}: {name}: listed but no such file" for name in entries]
    if not documents:
        detail = "; ".join(problems + skipped) or "the directory has no files"
        raise CorpusError(f"no readable documents in {directory} ({detail})")
    if not any(p.indexed for p in passages):
        raise CorpusError(
            f"none of the {len(documents)} documents in {directory} has a paragraph "
            "worth quoting (at least 4 content words); add real documents"
        )
    used = {t.speaker_id for t in turns}  # a transcript's publisher owns no turn: not a speaker
    speakers = {s.id: s for s in registry.all() if s.id in used}
    return Corpus(
        directory,
        documents,
        speakers,
        tuple(turns),
        tuple(passages),
        duplicate_groups(passages) if duplicates else {},
        tuple(problems),
        tuple(skipped),
    )


def _format_meta(
    meta: DocumentMeta, entry: ManifestEntry | None, converted: Converted
) -> DocumentMeta:
    """Title and date from the format's own metadata (an HTML title, XML attributes) where the
    manifest gives none."""
    title = converted.title if converted.title and not (entry and entry.title) else meta.title
    date = converted.date if converted.date and not (entry and entry.date) else meta.date
    return replace(meta, title=title, date=date)


def _document(
    meta: DocumentMeta,
    path: Path,
    converted: Converted,
    warnings: tuple[str, ...],
    text_dir: Path | None,
) -> Document:
    """The Document of a file read; a converted format's text is written to `text_dir`."""
    if not converted.extracted:
        return Document(meta, path, converted.text, warnings, converted.format)
    where = path
    if text_dir is not None:
        text_dir.mkdir(parents=True, exist_ok=True)
        where = text_dir / _text_name(meta.id)
        with where.open("w", encoding="utf-8", newline="") as f:
            f.write(converted.text)
    return Document(
        meta, where, converted.text, warnings, converted.format, path, converted.locations
    )


def _owner(meta: DocumentMeta, entry: ManifestEntry | None, registry: SpeakerRegistry) -> Speaker:
    """Who the unlabelled text of a document belongs to: its speaker, else its publisher."""
    if meta.speaker:
        return registry.person(meta.speaker, entry.speaker_role if entry else "")
    aliases = entry.source_aliases if entry else ()
    return registry.publisher(meta.source or meta.title, aliases)


def _text_name(doc_id: str) -> str:
    """A safe file name for a document's extracted text: its id, or (for an id from the manifest
    with other characters) a slug of it with a digest that keeps ids apart."""
    if _SAFE_NAME.fullmatch(doc_id):
        return f"{doc_id}.txt"
    digest = hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:8]
    return f"{slug(doc_id)[:40] or 'document'}-{digest}.txt"


def _unique_id(base: str, taken: dict[str, Document]) -> str:
    """`base`, or `base-2`, `base-3`, … when another document already has it."""
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate
