"""`stenogram corpus`: what the reader made of each document, as text or as one JSON object.

Per document: format, language, named speakers and labelled turns, the share of its text that lies
in attributed turns, the label shapes found, and warnings naming the likely problem when a
document looks misread.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from stenogram.retrieval.documents.corpus import Corpus
from stenogram.retrieval.documents.labels import Label, rejected_labels
from stenogram.retrieval.documents.language import name as language_name
from stenogram.retrieval.documents.parsing import document_labels, filled_lines
from stenogram.retrieval.model import Document, Speaker

from .render import terminal_safe

LOW_SHARE = 0.5  # a transcript with less of its text in labelled turns is probably misread
FORMATS = {".md": "markdown", ".markdown": "markdown"}


@dataclass(frozen=True)
class DocumentReport:
    """The figures the report shows for one document."""

    file: str
    id: str
    kind: str
    format: str
    language: str
    title: str
    speakers: tuple[str, ...]  # named speakers, in order of first turn
    anonymous: tuple[str, ...]  # anonymous voices ("Q", "Question")
    turns: int  # labelled turns, anonymous ones included; publisher text is not a turn
    passages: int
    labelled_share: float  # share of the passages' characters in labelled turns
    shapes: tuple[tuple[str, int], ...]  # label shapes found, most used first
    warnings: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        """The documented JSON object of one document (see README, "The corpus report")."""
        return {
            "file": self.file,
            "id": self.id,
            "kind": self.kind,
            "format": self.format,
            "language": self.language,
            "speakers": len(self.speakers),
            "turns": self.turns,
            "passages": self.passages,
            "labelled_share": round(self.labelled_share, 3),
            "warnings": list(self.warnings),
        }


def document_reports(corpus: Corpus) -> list[DocumentReport]:
    """One report per document, in one pass over turns and passages."""
    turns: dict[str, list[str]] = {}
    for t in corpus.turns:
        turns.setdefault(t.doc_id, []).append(t.speaker_id)
    chars: Counter[tuple[str, bool]] = Counter()
    passages: Counter[str] = Counter()
    for p in corpus.passages:
        passages[p.doc_id] += 1
        chars[p.doc_id, not corpus.speakers[p.speaker_id].is_publisher] += len(p.text)
    return [
        _report(
            corpus,
            doc,
            turns.get(doc.meta.id, []),
            passages[doc.meta.id],
            chars[doc.meta.id, True],
            chars[doc.meta.id, False],
        )
        for doc in corpus.documents.values()
    ]


def _report(
    corpus: Corpus,
    doc: Document,
    speaker_ids: list[str],
    passages: int,
    labelled: int,
    unlabelled: int,
) -> DocumentReport:
    people = [corpus.speakers[s] for s in speaker_ids]
    labelled_turns = [s for s in people if not s.is_publisher]
    named = tuple(dict.fromkeys(s.name for s in labelled_turns if not s.anonymous))
    anonymous = tuple(dict.fromkeys(s.name for s in labelled_turns if s.anonymous))
    share = labelled / (labelled + unlabelled) if labelled + unlabelled else 0.0
    transcript = doc.meta.kind == "transcript"
    labels = document_labels(doc.text, (), "") if transcript else ()
    shapes = Counter(lb.shape for lb in labels)
    warnings = list(doc.warnings)
    if transcript:
        warnings += _warnings(corpus, doc, people, share, labels)
    # A converted format (HTML, PDF, …) names its original file; a text file is its own original.
    original = getattr(doc, "original", None) or doc.path
    fmt = getattr(doc, "format", "") or "text"
    if fmt == "text":
        fmt = FORMATS.get(original.suffix.lower(), "text")
    try:
        file = original.relative_to(corpus.directory).as_posix()
    except ValueError:
        file = original.name
    return DocumentReport(
        file=file,
        id=doc.meta.id,
        kind=doc.meta.kind,
        format=fmt,
        language=doc.meta.language,
        title=doc.meta.title,
        speakers=named,
        anonymous=anonymous,
        turns=len(labelled_turns),
        passages=passages,
        labelled_share=share,
        shapes=tuple(shapes.most_common()),
        warnings=tuple(warnings),
    )


def _warnings(
    corpus: Corpus, doc: Document, people: list[Speaker], share: float, labels: Sequence[Label]
) -> list[str]:
    """The likely problems of a transcript that looks misread."""
    out = []
    if share < LOW_SHARE:
        out.append(
            f"only {share:.0%} of the text is in labelled turns: its speaker labels may be "
            "of a shape the reader does not accept; list the speakers in the manifest "
            "(`speakers = [...]`) or give a `label_pattern`"
        )
    # A speaker seen once, for one short paragraph, between two turns of the same person: most
    # likely a name quoted inside that person's turn ("… he told me. Smith: we will …").
    counts = Counter(s.id for s in people)
    for i in range(1, len(people) - 1):
        sp = people[i]
        if (
            counts[sp.id] == 1
            and not (sp.is_publisher or sp.anonymous)
            and people[i - 1].id == people[i + 1].id
            and len(corpus.turn_passages(doc.meta.id, i)) <= 1
            and len(counts) >= 3
        ):
            out.append(
                f"{sp.name!r} speaks once, briefly, inside {people[i - 1].name}'s turns: "
                "check that this is a speaker and not prose"
            )
    rejected = rejected_labels(doc.text, filled_lines(doc.text), labels)
    if len(rejected) >= 3:  # a few colon phrases are prose; a pattern of them is a label shape
        sample = ", ".join(f"{raw!r} (line {line})" for raw, line in rejected[:3])
        out.append(
            f"{len(rejected)} line(s) open like a label but were not accepted: {sample}; "
            "if they are speakers, list them in the manifest"
        )
    return out


def describe_corpus(corpus: Corpus) -> str:
    """The report `stenogram corpus` prints."""
    reports = document_reports(corpus)
    speakers = {s for s in corpus.speakers.values() if not s.is_publisher and not s.anonymous}
    out = [
        f"Corpus {corpus.directory}: {len(corpus.documents)} documents, "
        f"{len(corpus.passages)} passages, {len(speakers)} speakers"
    ]
    for r in reports:
        out.append(f"\n{r.id}  ({r.file})")
        out.append(f"  title:    {terminal_safe(r.title)}")
        out.append(
            f"  kind:     {r.kind}   format: {r.format}   language: "
            f"{language_name(r.language) if r.language else '-'}"
        )
        out.append(
            f"  turns:    {r.turns}   passages: {r.passages}   in labelled turns: "
            f"{r.labelled_share:.0%}"
        )
        unnamed = f"   unnamed: {', '.join(r.anonymous)}" if r.anonymous else ""
        out.append(terminal_safe(f"  speakers: {', '.join(r.speakers) or '-'}{unnamed}"))
        if r.shapes:
            shapes = ", ".join(f"{shape} ×{n}" for shape, n in r.shapes)
            out.append(f"  labels:   {terminal_safe(shapes)}")
        out += [f"  warning:  {terminal_safe(w)}" for w in r.warnings]
    skipped = getattr(corpus, "skipped", ())
    if skipped:
        out.append("\nSkipped (not documents; list a file in manifest.toml to read it):")
        out += [f"  {terminal_safe(line)}" for line in skipped]
    if corpus.problems:
        out.append("\nProblems (files that could not be read, and why):")
        out += [f"  {terminal_safe(p)}" for p in corpus.problems]
    return "\n".join(out)


def corpus_json(corpus: Corpus) -> str:
    """`stenogram corpus --json`: {"documents": [...], "skipped": [...], "problems": [...]}."""
    return json.dumps(
        {
            "documents": [r.as_json() for r in document_reports(corpus)],
            "skipped": list(getattr(corpus, "skipped", ())),
            "problems": list(corpus.problems),
        },
        ensure_ascii=False,
    )
