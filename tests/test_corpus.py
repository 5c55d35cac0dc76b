"""Loading a corpus directory: bad files become one-line problems, good ones load, duplicates merge."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from stenogram.retrieval.documents.corpus import Corpus, load_corpus, read_text
from stenogram.retrieval.errors import CorpusError

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_IDS = {"tokayev-speech", "kremlin-transcript", "kz-press-release", "gsv-tass", "sputnik"}

BAD_FILES = {
    "latin1.txt": (b"caf\xe9 au lait\n", "UTF-8"),
    "zero_bytes.txt": (b"", "empty file"),
    "blob.bin": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01", "binary"),
}
EXTRA_NAME = "005_unlisted_transcript.txt"
EXTRA_TEXT = (
    "Meeting of the Harbour Board\n"
    "Prime Minister of Freedonia Anna Smith: Good morning, colleagues. Today we discuss the "
    "harbour dredging plan and its costs.\n"
    "President John Brown: Our engineers have reviewed the harbour dredging plan and found the "
    "budget realistic.\n"
    "Anna Smith: Thank you, the dredging will start in March and will take six months.\n"
)
LOOTED = "more than 100 shopping centres and banks looted"


def copy_seeds(target: Path) -> Path:
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture(scope="module")
def messy(tmp_path_factory) -> Corpus:
    """The seeds plus three unusable files and one good transcript the manifest does not list."""
    directory = copy_seeds(tmp_path_factory.mktemp("messy") / "corpus")
    for name, (data, _) in BAD_FILES.items():
        (directory / name).write_bytes(data)
    (directory / EXTRA_NAME).write_text(EXTRA_TEXT, encoding="utf-8")
    return load_corpus(directory)


@pytest.fixture(scope="module")
def seeds() -> Corpus:
    return load_corpus(SEEDS)


def test_seed_corpus_loads_cleanly(seeds):
    assert set(seeds.documents) == SEED_IDS
    assert seeds.problems == ()
    assert all(doc.warnings == () for doc in seeds.documents.values())
    kinds = {doc_id: doc.meta.kind for doc_id, doc in seeds.documents.items()}
    assert kinds == {
        "tokayev-speech": "speech",
        "kremlin-transcript": "transcript",
        "kz-press-release": "press-release",
        "gsv-tass": "article",
        "sputnik": "article",
    }


def test_good_documents_load_beside_bad_files(messy):
    assert set(messy.documents) >= SEED_IDS
    assert len(messy.documents) == len(SEED_IDS) + 1
    paths = {doc.path.name for doc in messy.documents.values()}
    assert EXTRA_NAME in paths
    assert not paths & set(BAD_FILES)
    assert {p.doc_id for p in messy.passages} == set(messy.documents)


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_bad_file_is_one_problem_line(messy, name):
    reason = BAD_FILES[name][1]
    mentions = [line for line in messy.problems if name in line]
    assert len(mentions) == 1
    [line] = mentions
    assert "\n" not in line and "\r" not in line
    assert reason.casefold() in line.casefold()
    assert "skipped" in line


def test_only_the_bad_files_are_problems(messy):
    assert len(messy.problems) == len(BAD_FILES)
    assert all("\n" not in line for line in messy.problems)


def test_unlisted_document_loads_with_a_manifest_warning(messy):
    [doc] = [d for d in messy.documents.values() if d.path.name == EXTRA_NAME]
    assert any("manifest.toml" in w for w in doc.warnings)
    assert all("\n" not in w for w in doc.warnings)
    assert doc.meta.kind == "transcript"
    assert doc.meta.title == "Meeting of the Harbour Board"
    turns = [t for t in messy.turns if t.doc_id == doc.meta.id]
    assert [t.speaker_id for t in turns] == ["anna-smith", "john-brown", "anna-smith"]
    listed = [d for d in messy.documents.values() if d.meta.id in SEED_IDS]
    assert all(d.warnings == () for d in listed)


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_read_text_rejects_bad_files_with_one_line(tmp_path, name):
    data, reason = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CorpusError) as info:
        read_text(path)
    message = str(info.value)
    assert message and "\n" not in message
    assert reason.casefold() in message.casefold()


def test_read_text_keeps_crlf(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("Caf\u00e9 one.\r\nTwo.\r\n".encode("utf-8"))
    assert read_text(path) == "Caf\u00e9 one.\r\nTwo.\r\n"


def test_invalid_manifest_is_a_problem_and_documents_still_load(tmp_path):
    directory = copy_seeds(tmp_path / "corpus")
    (directory / "manifest.toml").write_text('[[document]\nfile = "000.txt\n', encoding="utf-8")
    corpus = load_corpus(directory)
    manifest_lines = [line for line in corpus.problems if "manifest.toml" in line]
    assert len(manifest_lines) == 1
    assert "\n" not in manifest_lines[0]
    assert len(corpus.documents) == 5
    assert all(any("manifest.toml" in w for w in d.warnings) for d in corpus.documents.values())
    assert sum(p.indexed for p in corpus.passages) > 200


def test_manifest_entry_without_file_is_a_problem(tmp_path):
    directory = copy_seeds(tmp_path / "corpus")
    with open(directory / "manifest.toml", "a", encoding="utf-8") as fh:
        fh.write('\n[[document]]\nfile = "999_missing.txt"\nkind = "article"\n')
    corpus = load_corpus(directory)
    assert len(corpus.problems) == 1
    assert "999_missing.txt" in corpus.problems[0]
    assert len(corpus.documents) == 5


def test_nonexistent_directory_is_a_corpus_error(tmp_path):
    missing = tmp_path / "no-such-corpus"
    with pytest.raises(CorpusError) as info:
        load_corpus(missing)
    message = str(info.value)
    assert "\n" not in message
    assert "no-such-corpus" in message


def test_directory_of_only_bad_files_is_a_corpus_error(tmp_path):
    for name, (data, _) in BAD_FILES.items():
        (tmp_path / name).write_bytes(data)
    with pytest.raises(CorpusError) as info:
        load_corpus(tmp_path)
    message = str(info.value)
    assert "\n" not in message
    for name in BAD_FILES:
        assert name in message


def test_empty_directory_is_a_corpus_error(tmp_path):
    with pytest.raises(CorpusError) as info:
        load_corpus(tmp_path)
    assert "\n" not in str(info.value)


def test_speech_and_transcript_paragraph_are_duplicates(seeds):
    [speech] = [p for p in seeds.passages if p.doc_id == "tokayev-speech" and LOOTED in p.text]
    [turn] = [p for p in seeds.passages if p.doc_id == "kremlin-transcript" and LOOTED in p.text]
    assert turn.speaker_id == speech.speaker_id == "kassym-jomart-tokayev"
    assert seeds.duplicates[speech.id] == (turn.id,)
    assert seeds.duplicates[turn.id] == (speech.id,)


def test_whole_speech_is_linked_to_tokayevs_turn(seeds):
    speech = [p for p in seeds.passages if p.doc_id == "tokayev-speech" and p.indexed]
    turn = [
        p
        for p in seeds.passages
        if p.doc_id == "kremlin-transcript" and p.turn_index == 2 and p.indexed
    ]
    assert len(speech) == len(turn) > 30
    for a, b in zip(speech, turn, strict=True):
        assert seeds.duplicates[a.id] == (b.id,)
        assert a.text == b.text


def test_duplicates_link_other_documents_only(seeds):
    by_id = {p.id: p for p in seeds.passages}
    assert seeds.duplicates
    for pid, others in seeds.duplicates.items():
        assert by_id[pid].indexed
        for other in others:
            assert by_id[other].doc_id != by_id[pid].doc_id
            assert pid in seeds.duplicates[other]  # the relation is symmetric


def test_unrelated_paragraphs_are_not_duplicates(seeds):
    lukashenko = [p for p in seeds.passages if p.speaker_id == "alexander-lukashenko"]
    assert lukashenko
    assert not any(p.id in seeds.duplicates for p in lukashenko)


def test_passage_lookup(seeds):
    first = seeds.passages[0]
    assert seeds.passage(first.id) is first
    with pytest.raises(KeyError):
        seeds.passage("kremlin-transcript:99.99")


def test_documents_without_a_quotable_paragraph_are_a_corpus_error(tmp_path):
    (tmp_path / "a.txt").write_text("hi\n\nThank you.\n", encoding="utf-8")
    with pytest.raises(
        CorpusError, match=r"none of the 1 documents .* has a paragraph worth quoting"
    ):
        load_corpus(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every directory")
def test_unreadable_directory_says_permission_denied(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    corpus.chmod(0o300)  # enterable, not listable: rglob would silently find nothing
    try:
        with pytest.raises(CorpusError, match="cannot be read \\(permission denied\\)"):
            load_corpus(corpus)
    finally:
        corpus.chmod(0o755)


# ---------------------------------------------------------------- the corpus report


def test_corpus_json_report_is_the_documented_interface(tmp_path, capsys):
    import json

    from stenogram.bot.cli import main

    (tmp_path / "debate.txt").write_text(
        "Town debate\n\nANNA BERG: Good evening, and welcome to the harbour debate tonight.\n\n"
        "Q Will the ferry run all winter, and who pays for it?\n\n"
        "ANNA BERG: The ferry runs all winter; the county pays for the extra crossings.\n\n"
        "Q And the bridge over the north channel?\n\n"
        "JON DAHL: The bridge is planned for the spring, after the council votes on it.\n\n"
        "JON DAHL: One more thing about the bridge and its cost to the town budget.\n",
        encoding="utf-8",
    )
    (tmp_path / "notes.md").write_text(
        "---\ntitle: Harbour notes\ndate: 2024-05-01\n---\n\n# Ignored heading\n\n"
        "The harbour board met on Monday and agreed on the new ferry timetable for winter.\n",
        encoding="utf-8",
    )
    main(["--corpus", str(tmp_path), "corpus", "--json"])  # exit 1: files missing from the manifest
    report = json.loads(capsys.readouterr().out)
    docs = {d["file"]: d for d in report["documents"]}
    assert set(docs["debate.txt"]) == {
        "file",
        "id",
        "kind",
        "format",
        "language",
        "speakers",
        "turns",
        "passages",
        "labelled_share",
        "warnings",
    }
    debate = docs["debate.txt"]
    assert (debate["kind"], debate["format"], debate["language"]) == ("transcript", "text", "en")
    assert debate["speakers"] == 2  # the anonymous "Q" is not a named speaker ...
    assert debate["turns"] == 6  # ... but its turns count
    assert debate["labelled_share"] == 1.0
    notes = docs["notes.md"]
    assert (notes["format"], notes["turns"], notes["speakers"]) == ("markdown", 0, 0)
    assert notes["labelled_share"] == 0.0
    assert isinstance(report["problems"], list) and isinstance(report["skipped"], list)


def test_front_matter_gives_title_and_date_and_is_never_quoted(tmp_path):
    (tmp_path / "notes.md").write_text(
        "---\ntitle: Harbour notes\ndate: 2024-05-01\n---\n\n# Ignored heading\n\n"
        "The harbour board met on Monday and agreed on the new ferry timetable for winter.\n",
        encoding="utf-8",
    )
    corpus = load_corpus(tmp_path)
    doc = corpus.documents["notes"]
    assert (doc.meta.title, doc.meta.date) == ("Harbour notes", "2024-05-01")
    assert all("title:" not in p.text and "---" not in p.text for p in corpus.passages)


def test_title_is_never_a_turn_or_a_stage_direction(tmp_path):
    (tmp_path / "t.txt").write_text(
        "(APPLAUSE)\n\nMR. SMITH: Good evening and welcome to the debate about the harbour.\n\n"
        "MR. JONES: Thank you, it is good to be here to talk about the harbour.\n",
        encoding="utf-8",
    )
    meta = load_corpus(tmp_path).documents["t"].meta
    assert meta.title == "t" and meta.kind == "transcript"


@pytest.mark.parametrize(
    ("header", "title"),
    [
        ("S. Hrg. 117-512\n\nTHE HARBOUR FERRY INQUIRY", "THE HARBOUR FERRY INQUIRY"),
        ("HARBOUR TALK WEEKLY\n\nAired March 5, 2023 - 09:00 ET", "HARBOUR TALK WEEKLY"),
        ("Harbour Board Briefing – March 1, 2022", "Harbour Board Briefing – March 1, 2022"),
        # A date on the line under the heading is the date, not part of the title.
        (
            "Interview with the harbour master on the ferry timetable for the summer\n"
            "Published 12 March 2024",
            "Interview with the harbour master on the ferry timetable for the summer",
        ),
        # A centred heading wrapped over two lines is one title, not its second line.
        (
            "                 D E C R E E\n\n"
            "         On the approval of the general rules of\n"
            "            conduct of the harbour pilots",
            "On the approval of the general rules of conduct of the harbour pilots",
        ),
        # A debate's title with a colon, as Hansard's page gives it, is a title, not a label.
        (
            "Bus Services: Nottinghamshire\nVolume 741: debated on Tuesday 14 November 2023",
            "Bus Services: Nottinghamshire",
        ),
        # A breadcrumb trail is the site's, not the document's title.
        (
            "Harbour Office / Documents / Records\n\nOrder of the Harbour Master No. 241",
            "Order of the Harbour Master No. 241",
        ),
        # A caption provider's credit with its web address is no title.
        (
            "CITY OF LINDEN FALLS\nTUESDAY, FEBRUARY 10, 2026\n\nServices provided by:\n"
            "Western Realtime Captioning, LLC\nwww.westernrealtimecaptioning.com",
            "CITY OF LINDEN FALLS",
        ),
    ],
)
def test_a_dateline_or_document_number_yields_to_the_title(tmp_path, header, title):
    (tmp_path / "t.txt").write_text(
        f"{header}\n\nMR. SMITH: Good evening and welcome to the talk about the harbour.\n\n"
        "MR. JONES: Thank you, it is good to be here to talk about the harbour.\n",
        encoding="utf-8",
    )
    assert load_corpus(tmp_path).documents["t"].meta.title == title


def test_a_date_in_capitals_is_the_date(tmp_path):
    (tmp_path / "t.txt").write_text(
        "CITY COUNCIL REGULAR MEETING\nTUESDAY, FEBRUARY 10, 2026\n\n"
        ">> MAYOR: THE MEETING WILL COME TO ORDER. THE HARBOUR FERRY IS THE FIRST ITEM.\n"
        ">> CLERK: ALL MEMBERS ARE PRESENT TONIGHT.\n>> MAYOR: THANK YOU.\n",
        encoding="utf-8",
    )
    assert load_corpus(tmp_path).documents["t"].meta.date == "FEBRUARY 10, 2026"


def test_report_warns_when_little_text_is_in_labelled_turns(tmp_path):
    from stenogram.bot.report import document_reports

    text = "\n\n".join(
        ["The harbour board met again to discuss the ferry and the bridge costs."] * 8
    )
    (tmp_path / "t.txt").write_text(
        "ANNA BERG: Welcome to the meeting about the harbour and the ferry.\n\n"
        "JON DAHL: Thank you, we start with the ferry timetable for the winter.\n\n" + text,
        encoding="utf-8",
    )
    (tmp_path / "manifest.toml").write_text('[[document]]\nfile = "t.txt"\nkind = "transcript"\n')
    [report] = document_reports(load_corpus(tmp_path))
    assert report.labelled_share < 0.5
    assert any("labelled turns" in w for w in report.warnings)


def test_report_names_lines_that_look_like_labels_but_were_not_accepted(tmp_path):
    from stenogram.bot.report import document_reports

    filler = "we talked about the harbour and the ferry and the bridge for a long time"
    (tmp_path / "t.txt").write_text(
        f"ANNA BERG: Welcome, {filler}.\n\nJON DAHL: Thanks, {filler}.\n\n"
        f"ANNA BERG: Next, {filler}.\n\nJON DAHL: Yes, {filler}.\n\n"
        f"Anna: one, {filler}.\n\nBert: two, {filler}.\n\nCarl: three, {filler}.\n",
        encoding="utf-8",
    )
    [report] = document_reports(load_corpus(tmp_path))
    [warning] = [w for w in report.warnings if "open like a label" in w]
    assert "3 line(s)" in warning and "'Anna' (line 9)" in warning


def test_manifest_new_fields_are_checked(tmp_path):
    (tmp_path / "t.txt").write_text(
        "<<Anna Berg>> Hello and welcome to the harbour meeting tonight.\n"
        "<<Jon Dahl>> Thank you, it is good to be at the harbour.\n",
        encoding="utf-8",
    )
    (tmp_path / "manifest.toml").write_text(
        '[[document]]\nfile = "t.txt"\nlanguage = "en"\nspeakers = "Anna Berg"\n'
        "label_pattern = '^<<(?P<name>[^>]+)>>'\n",
        encoding="utf-8",
    )
    corpus = load_corpus(tmp_path)
    assert any("speakers must be a list" in p for p in corpus.problems)
    assert corpus.documents["t"].meta.kind == "transcript"
    assert {s.name for s in corpus.speakers.values()} == {"Anna Berg", "Jon Dahl"}
    (tmp_path / "manifest.toml").write_text(
        '[[document]]\nfile = "t.txt"\nlabel_pattern = "^<<("\n', encoding="utf-8"
    )
    assert any(
        "label_pattern is not a regular expression" in p for p in load_corpus(tmp_path).problems
    )
