"""Converted formats end to end: the shared real files, a mixed folder, and verbatim quotes
through the persisted index, whose extracted text on disk is what every citation points into."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from stenogram.bot.render import to_json
from stenogram.retrieval.answers.answer import Answerer, citation
from stenogram.retrieval.documents.corpus import document_files, load_corpus
from stenogram.retrieval.documents.readers import read_document
from stenogram.retrieval.model import location_at
from stenogram.retrieval.search.index import IndexStore

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "real"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpora/real is not here")
CONVERTED = {"html", "xml", "pdf-xml", "pdf", "srt", "vtt"}


def real_folders() -> list[Path]:
    """The shared folders holding at least one file of a converted format."""
    if not REAL.is_dir():
        return []
    return [
        d
        for d in sorted(REAL.iterdir())
        if d.is_dir() and any(read_document(p).extracted for p in document_files(d))
    ]


def real_questions() -> list[dict]:
    path = REAL / "questions.jsonl"
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@needs_real
def test_every_real_folder_of_another_format_is_found():
    names = {d.name for d in real_folders()}
    assert {
        "hansard-uk",
        "irancontra-poindexter",
        "kremlin-en-2018-04-04",
        "podcast-subtitles",
        "un-ga-2005-a60-pv25",
    } <= names


@needs_real
@pytest.mark.parametrize("folder", real_folders(), ids=lambda d: d.name)
def test_real_gold_passages_are_in_the_extracted_text(folder):
    """Every answer the folder's questions expect is readable, whole, in the extracted text."""
    texts = [read_document(p).text for p in document_files(folder)]
    golds = [
        q["gold_any"] for q in real_questions() if q["corpus"] == folder.name and q["gold_any"]
    ]
    assert golds
    missing = [g for g in golds if not any(s in t for s in g for t in texts)]
    assert missing == []


@needs_real
@pytest.mark.parametrize("folder", real_folders(), ids=lambda d: d.name)
def test_real_extracted_text_has_the_reader_shape(folder):
    """Paragraphs one blank line apart, no carriage returns, no runs of spaces, no markup."""
    for path in document_files(folder):
        got = read_document(path)
        if not got.extracted:
            continue
        assert got.format in CONVERTED
        assert "\r" not in got.text and "\n\n\n" not in got.text and "  " not in got.text
        assert "<" not in got.text.replace("< ", "") or got.format == "pdf-xml"
        assert all(p == p.strip() and p for p in got.text.rstrip("\n").split("\n\n"))


@needs_real
def test_real_structural_speakers_lead_their_paragraphs():
    """A speaker the format marks (XML attribute, <v> tag, bold or cited label) opens a paragraph."""

    def starts(name: str, path: Path) -> int:
        return sum(p.startswith(name) for p in read_document(path).text.split("\n\n"))

    hansard = REAL / "hansard-uk" / "westminster2009-10-29a.xml"
    assert starts("Paddy Tipping: ", hansard) >= 5
    for name in ("example.vtt", "example.srt", "example.html"):
        path = REAL / "podcast-subtitles" / name
        assert [starts(f"{who}: ", path) > 0 for who in ("Travis", "Sarah", "Gilon")] == [True] * 3
    assert starts("Mr. POINDEXTER: ", REAL / "irancontra-poindexter" / "jp-1.php") >= 5
    assert starts("Vladimir Putin: ", REAL / "kremlin-en-2018-04-04" / "57201-print.html") >= 2
    assert (
        starts("Mr. Kazykhanov (Kazakhstan): ", REAL / "un-ga-2005-a60-pv25" / "N0553261.xml") == 1
    )


def make_mixed_folder(directory: Path) -> Path:
    """One small file of every format, plus files that are not documents."""
    directory.mkdir(parents=True)
    (directory / "speech.txt").write_text(
        "Anna Smith: The harbour dredging plan starts in March and costs four million.\n",
        encoding="utf-8",
    )
    (directory / "notes.md").write_text(
        "# Notes\n\nThe harbour board met on Monday to approve "
        "the budget for the lighthouse repairs.\n",
        encoding="utf-8",
    )
    (directory / "page.html").write_text(
        "<html><body><p><b>Bob Jones:</b> The lighthouse repairs will finish before the winter "
        "storms arrive.</p></body></html>",
        encoding="utf-8",
    )
    (directory / "debate.xml").write_text(
        '<debate><speech speakername="Carla Diaz"><p>The ferry timetable changes in April for '
        "the summer season.</p></speech></debate>",
        encoding="utf-8",
    )
    (directory / "talk.vtt").write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Dana>The fishing quotas were raised\n\n"
        "00:00:03.000 --> 00:00:05.000\nfor the northern fleet this year.\n",
        encoding="utf-8",
    )
    (directory / "talk2.srt").write_text(
        "1\n00:00:01,000 --> 00:00:03,000\nEve: The museum reopens its maritime\n\n"
        "2\n00:00:03,000 --> 00:00:05,000\ngallery after the renovation.\n",
        encoding="utf-8",
    )
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(
        0, 6, "Frank Lee: The customs office extends its opening hours for the container terminal."
    )
    pdf.output(str(directory / "minutes.pdf"))
    (directory / "README.md").write_text("# About these files\n", encoding="utf-8")
    (directory / "questions.jsonl").write_text('{"q": 1}\n', encoding="utf-8")
    (directory / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    return directory


def test_mixed_folder_loads_every_format_and_skips_the_rest(tmp_path):
    directory = make_mixed_folder(tmp_path / "mixed")
    corpus = load_corpus(directory)
    formats = sorted(d.format for d in corpus.documents.values())
    assert formats == ["html", "markdown", "pdf", "srt", "text", "vtt", "xml"]
    assert corpus.problems == ()
    assert sorted(corpus.skipped) == [
        "README.md: skipped: not a document (a note about the folder)",
        "photo.png: skipped: not a document (an image)",
        "questions.jsonl: skipped: not a document (data)",
    ]
    for doc in corpus.documents.values():
        assert (doc.original is None) == (doc.format in ("text", "markdown"))
        assert doc.original is None or doc.original.parent == directory


def test_manifest_listing_a_skipped_name_reads_it(tmp_path):
    directory = make_mixed_folder(tmp_path / "mixed")
    (directory / "manifest.toml").write_text('[[document]]\nfile = "README.md"\n', encoding="utf-8")
    corpus = load_corpus(directory)
    assert "readme" in corpus.documents
    assert not any(line.startswith("README.md") for line in corpus.skipped)


def test_cli_corpus_prints_one_skip_line_each_and_succeeds(tmp_path, capsys):
    from stenogram.bot.cli import main

    directory = make_mixed_folder(tmp_path / "mixed")
    code = main(["--corpus", str(directory), "corpus"])
    out = capsys.readouterr().out
    assert code == 0
    for name in ("README.md", "photo.png", "questions.jsonl"):
        assert sum(line.strip().startswith(f"{name}: skipped") for line in out.splitlines()) == 1


def test_mixed_folder_answers_cite_the_original_and_its_location(tmp_path):
    directory = make_mixed_folder(tmp_path / "mixed")
    library, retriever, info = IndexStore(directory, tmp_path / "index").open()
    answerer = Answerer(library, retriever)
    answer = answerer.ask("When is the northern fleet fishing quota raised?")
    assert answer.quotes
    quote = answer.quotes[0]
    assert quote.citation.original == directory / "talk.vtt"
    assert quote.citation.time == "00:00:01.000"
    assert quote.citation.path.is_relative_to(info.directory)
    assert quote.text in quote.citation.path.read_text(encoding="utf-8")
    data = to_json(answer, cwd=tmp_path)["answers"][0]
    assert data["original"] == {"file": "mixed/talk.vtt", "time": "00:00:01.000"}
    assert Path(tmp_path / data["file"]) == quote.citation.path
    plain = answerer.ask("When does the harbour dredging plan start?").quotes[0]
    assert plain.citation.original is None
    assert (
        to_json(answerer.ask("When does the harbour dredging plan start?"))["answers"][0][
            "original"
        ]
        is None
    )
    pdf = answerer.ask("Which office extends its opening hours for the container terminal?")
    assert pdf.quotes[0].citation.page == 1
    assert to_json(pdf)["answers"][0]["original"]["page"] == 1


@needs_real
@pytest.mark.parametrize("folder", real_folders(), ids=lambda d: d.name)
def test_every_real_passage_is_verbatim_in_the_text_on_disk_at_its_citation(folder, tmp_path):
    """Through the persisted index: each passage's text is the cited span and lines of the file
    its citation names, and the page or cue time is the one the original gives that offset."""
    library, _, _ = IndexStore(folder, tmp_path / "index").open()
    texts: dict[Path, str] = {}
    checked = 0
    for row in range(library.passage_count):
        passage = library.row(row)
        assert passage is not None
        source = library.sources[passage.doc_id]
        cite = citation(source, passage.span, passage.id)
        text = texts.setdefault(cite.path, cite.path.read_bytes().decode("utf-8"))
        span = cite.span
        assert text[span.start : span.end] == passage.text
        lines = text.split("\n")[span.line_start - 1 : span.line_end]
        assert passage.text.split("\n")[0] in lines[0] and passage.text.split("\n")[-1] in lines[-1]
        if cite.original is None:
            continue
        assert cite.original.parent == folder
        expected = location_at(read_document(cite.original).locations, span.start)
        assert (cite.page, cite.time) == (
            (expected.page, expected.time) if expected else (None, "")
        )
        checked += 1
    assert checked > 0


@needs_real
def test_real_subtitle_quote_gives_its_cue_time(tmp_path):
    folder = shutil.copytree(REAL / "podcast-subtitles", tmp_path / "podcast")
    (folder / "example.html").unlink()
    (folder / "example.srt").unlink()
    library, retriever, _ = IndexStore(folder, tmp_path / "index").open()
    answer = Answerer(library, retriever).ask(
        "What is the number one best practice for show notes?"
    )
    quote = answer.quotes[0]
    assert quote.citation.original == folder / "example.vtt" and quote.citation.time
    vtt = (folder / "example.vtt").read_text(encoding="utf-8-sig")
    assert f"{quote.citation.time} -->" in vtt


def test_text_and_telegram_citations_name_the_original_and_its_page_or_time(tmp_path):
    from stenogram.bot.render import to_text
    from stenogram.bot.telegram_html import quote_html

    directory = make_mixed_folder(tmp_path / "mixed")
    library, retriever, _ = IndexStore(directory, tmp_path / "index").open()
    answerer = Answerer(library, retriever)
    vtt = answerer.ask("When is the northern fleet fishing quota raised?")
    text = to_text(vtt, cwd=tmp_path)
    assert "mixed/talk.vtt, at 00:00:01.000" in text
    assert "text: index/gen-" in text and "talk.txt, line " in text
    assert "talk.vtt, at 00:00:01.000, line " in quote_html(vtt.quotes[0], "stenobot")
    pdf = answerer.ask("Which office extends its opening hours for the container terminal?")
    assert "mixed/minutes.pdf, page 1" in to_text(pdf, cwd=tmp_path)
    assert "minutes.pdf, page 1, line " in quote_html(pdf.quotes[0], "stenobot")
    plain = answerer.ask("When does the harbour dredging plan start?")
    assert "mixed/speech.txt, line 1" in to_text(plain, cwd=tmp_path)


def test_telegram_passage_view_names_the_original(tmp_path):
    from stenogram.bot.telegram_html import passage_messages

    directory = make_mixed_folder(tmp_path / "mixed")
    library, retriever, _ = IndexStore(directory, tmp_path / "index").open()
    quote = (
        Answerer(library, retriever)
        .ask("When is the northern fleet fishing quota raised?")
        .quotes[0]
    )
    shown = "\n".join(
        passage_messages(library, library.passage(quote.citation.passage_id), "StenogramBot")
    )
    assert "talk.vtt, at 00:00:01.000" in shown


def test_a_folder_of_only_non_documents_says_why_nothing_loads(tmp_path):
    from stenogram.retrieval.errors import CorpusError

    (tmp_path / "README.md").write_text("# notes\n", encoding="utf-8")
    (tmp_path / "data.json").write_text("{}", encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        load_corpus(tmp_path)
    assert "README.md: skipped: not a document" in str(info.value)
    assert "data.json: skipped" in str(info.value)


def test_an_id_from_the_manifest_never_leads_the_extracted_text_out_of_the_index(tmp_path):
    directory = tmp_path / "corpus"
    directory.mkdir()
    (directory / "page.html").write_text(
        "<p><b>Anna:</b> The lighthouse repairs finish before the winter storms.</p>",
        encoding="utf-8",
    )
    (directory / "manifest.toml").write_text(
        '[[document]]\nfile = "page.html"\nid = "../../escaped"\n', encoding="utf-8"
    )
    library, _, info = IndexStore(directory, tmp_path / "index").open()
    written = library.sources["../../escaped"].path
    assert written.parent == info.directory / "text"
    assert not list(tmp_path.rglob("escaped.txt"))


# Automatic captions: no sentence punctuation at all, one short line per cue.
_CAPTION_WORDS = (
    "so the harbour board met again this week and the ferry crews asked about winter pay "
    "while the fishermen wanted a new quay before the storms and the council said the money "
    "would come from the summer tolls on the island crossing"
).split()


def _auto_captions(cues: int, fmt: str = "srt") -> str:
    """`cues` numbered cues of eight words each, two seconds apart, never a full stop."""
    sep = "," if fmt == "srt" else "."
    blocks = [] if fmt == "srt" else ["WEBVTT\n"]
    for i in range(cues):
        words = [_CAPTION_WORDS[(i * 8 + j) % len(_CAPTION_WORDS)] for j in range(8)]
        start, end = 2 * i, 2 * i + 2
        blocks.append(
            f"{i + 1}\n00:{start // 60:02d}:{start % 60:02d}{sep}000 --> "
            f"00:{end // 60:02d}:{end % 60:02d}{sep}000\n{' '.join(words)}\n"
        )
    return "\n".join(blocks)


@pytest.mark.parametrize("fmt", ["srt", "vtt"])
def test_unpunctuated_captions_give_passages_of_a_sensible_length(tmp_path, fmt):
    (tmp_path / f"auto.{fmt}").write_text(_auto_captions(300, fmt), encoding="utf-8")
    corpus = load_corpus(tmp_path)
    (doc,) = corpus.documents.values()
    paragraphs = doc.text.strip().split("\n\n")
    # A paragraph ends at the cue boundary past 2 x LONG characters, not at the end of the file.
    assert len(paragraphs) > 1 and all(len(p) <= 2400 + 60 for p in paragraphs)
    # Passages are windows cut between words: none longer than a window, none cutting a word.
    assert len(corpus.passages) > len(paragraphs)
    assert all(200 <= len(p.text) <= 1200 for p in corpus.passages)
    words = set(_CAPTION_WORDS)
    assert all(set(p.text.split()) <= words for p in corpus.passages)
    for p in corpus.passages:
        assert doc.text[p.span.start : p.span.end] == p.text
    assert any(w.startswith("no sentence punctuation") for w in doc.warnings)


ROLLING = """WEBVTT
Kind: captions
Language: en

00:00:00.000 --> 00:00:02.990 align:start position:0%
~
welcome<00:00:00.480><c> back</c><00:00:00.840><c> to</c><00:00:01.020><c> the</c> harbour show

00:00:02.990 --> 00:00:03.000 align:start position:0%
welcome back to the harbour show
~

00:00:03.000 --> 00:00:06.110 align:start position:0%
welcome back to the harbour show
we<00:00:03.240><c> are</c><00:00:03.480><c> looking</c> at the new harbour bridge

00:00:06.110 --> 00:00:06.120 align:start position:0%
we are looking at the new harbour bridge
~

00:00:06.120 --> 00:00:09.350 align:start position:0%
we are looking at the new harbour bridge
which<00:00:06.480><c> cost</c> about four hundred million euros
""".replace("~", " ")  # YouTube writes a line of one space


def test_rolling_automatic_captions_keep_each_line_once(tmp_path):
    """YouTube's automatic captions repeat each line in the next cue (and in a cue of ten
    milliseconds): the text holds every line once, each at the time it first appears."""
    (tmp_path / "auto.vtt").write_text(ROLLING, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    (doc,) = corpus.documents.values()
    assert (
        doc.text.split()
        == (
            "welcome back to the harbour show we are looking at the new harbour bridge "
            "which cost about four hundred million euros"
        ).split()
    )
    at = doc.text.index("which cost")
    assert location_at(doc.locations, at).time.startswith("00:00:06.120")
    # Ordinary subtitles that repeat a line once ("No." … "No.") keep both.
    plain = "1\n00:00:01,000 --> 00:00:02,000\nNo.\n\n2\n00:00:02,500 --> 00:00:03,000\nNo.\n"
    (tmp_path / "auto.vtt").unlink()
    (tmp_path / "talk.srt").write_text(plain, encoding="utf-8")
    from stenogram.retrieval.documents.readers import subtitles

    assert subtitles.convert(tmp_path / "talk.srt", plain.encode()).text.split() == ["No.", "No."]


def test_punctuated_captions_carry_no_unpunctuated_warning(tmp_path):
    punctuated = _auto_captions(300).replace("storms\n", "storms.\n").replace("pay\n", "pay.\n")
    punctuated = "\n".join(
        line + "." if line and line[0].isalpha() else line for line in punctuated.split("\n")
    )
    (tmp_path / "talk.srt").write_text(punctuated, encoding="utf-8")
    (doc,) = load_corpus(tmp_path).documents.values()
    assert not any(w.startswith("no sentence punctuation") for w in doc.warnings)


@pytest.mark.parametrize(
    ("fmt", "broken"),
    [
        ("srt", "00:00:1x,000 --> 00:00:12,000"),  # webvtt-py drops the cue
        ("srt", "00:00:10,000 -> 00:00:12,000"),  # … runs its lines into the cue before
        ("vtt", "00:00:10.000 -> 00:00:12.000"),
        ("vtt", "00:75:10.000 --> 00:75:12.000"),  # a minute past 59
    ],
    ids=["srt digit", "srt arrow", "vtt arrow", "vtt minutes"],
)
def test_a_cue_whose_time_range_cannot_be_read_is_named_not_lost_silently(tmp_path, fmt, broken):
    text = _auto_captions(12, fmt)
    sep = "," if fmt == "srt" else "."
    good = f"00:00:10{sep}000 --> 00:00:12{sep}000"
    assert good in text
    (tmp_path / f"talk.{fmt}").write_text(text.replace(good, broken), encoding="utf-8")
    (doc,) = load_corpus(tmp_path).documents.values()
    line = text.splitlines().index(good) + 1
    assert f"1 cue(s) with a time range that could not be read were skipped (line {line})" in (
        doc.warnings
    )
    # Its index and time range never become quoted text.
    assert "->" not in doc.text and "\n6\n" not in doc.text and " 6 " not in doc.text
    (tmp_path / f"talk.{fmt}").write_text(text, encoding="utf-8")
    (doc,) = load_corpus(tmp_path).documents.values()
    assert not any("could not be read" in w for w in doc.warnings)


PROBES = Path(__file__).resolve().parent / "data" / "probes"


@pytest.mark.parametrize(
    "folder",
    sorted(p for p in PROBES.iterdir() if p.is_dir() and p.name != "questions"),
    ids=lambda d: d.name,
)
def test_every_probe_passage_is_verbatim_in_the_text_on_disk_at_its_citation(folder, tmp_path):
    """The probes' shapes (an SRT whose "[ANNA]" opens a turn, line-numbered court pages, a UN
    record from a PDF, an HTML interview, …), through the persisted index: each passage's text
    is the cited span of the file its citation names, on the cited lines."""
    corpus = shutil.copytree(folder, tmp_path / "corpus")
    library, _, _ = IndexStore(corpus, tmp_path / "index").open()
    texts: dict[Path, str] = {}
    assert library.passage_count > 10
    for row in range(library.passage_count):
        passage = library.row(row)
        assert passage is not None
        cite = citation(library.sources[passage.doc_id], passage.span, passage.id)
        text = texts.setdefault(cite.path, cite.path.read_bytes().decode("utf-8"))
        assert text[cite.span.start : cite.span.end] == passage.text
        lines = text.split("\n")[cite.span.line_start - 1 : cite.span.line_end]
        assert passage.text.split("\n")[0] in lines[0] and passage.text.split("\n")[-1] in lines[-1]


def test_windows_line_ends_are_quoted_exactly_and_shown_as_line_ends(tmp_path):
    """A text saved on Windows (CR LF): the quote is the file's text, CRs included, at its
    place; a terminal shows each CR LF as a line end, not as "\\x0d"."""
    from stenogram.bot.render import to_text

    corpus = tmp_path / "crlf"
    corpus.mkdir()
    raw = (
        "Council meeting\r\n\r\n"
        "MAYOR HOLLIS: The harbour dredging plan starts in March\r\n"
        "and costs four million dollars.\r\n\r\n"
        "COUNCILMEMBER ORTIZ: The ferry pier closes for repairs in May.\r\n"
    )
    (corpus / "minutes.txt").write_bytes(raw.encode())
    library, retriever, _ = IndexStore(corpus, tmp_path / "index").open()
    answer = Answerer(library, retriever).ask("When does the harbour dredging plan start?")
    quote = answer.quotes[0]
    span = quote.citation.span
    assert "\r\n" in quote.text and raw[span.start : span.end] == quote.text
    shown = to_text(answer, cwd=tmp_path)
    assert "\\x0d" not in shown and "starts in March and costs" in " ".join(shown.split())
