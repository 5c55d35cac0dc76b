"""The shared real transcripts (../shared/corpora/real): counts as a careful reader makes them, and
every passage verbatim at its span. Skipped where the shared folder is not present."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from stenogram.retrieval.documents.corpus import Corpus, load_corpus

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "real"
# The plain-text folders (HTML, XML and subtitles need the format converters first).
TEXT_FOLDERS = [
    "debate-1960-first",
    "debate-2008-third",
    "court-people-v-trump-2024-04-26",
    "wh-briefing-2023-05-31",
    "changelog-podcast-221",
    "kremlin-acts-ru",
]

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="shared real corpora not present")


def load(folder: str, tmp: Path) -> Corpus:
    for path in (REAL / folder).iterdir():
        if path.is_file() and path.name != "SOURCE.md":
            shutil.copy(path, tmp)
    return load_corpus(tmp)


@pytest.fixture(scope="module")
def careful() -> dict:
    out = subprocess.run(
        [sys.executable, str(REAL / "count_turns.py"), "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)


@pytest.mark.parametrize("folder", TEXT_FOLDERS)
def test_speakers_and_turns_as_a_careful_reader_counts(folder, careful, tmp_path):
    corpus = load(folder, tmp_path)
    want = careful[folder]
    named = {s.id for s in corpus.speakers.values() if not s.is_publisher and not s.anonymous}
    turns = [t for t in corpus.turns if not corpus.speakers[t.speaker_id].is_publisher]
    assert len(named) == want["n_named_speakers"]
    assert abs(len(turns) - want["turns"]) <= max(1, 0.05 * want["turns"])


@pytest.mark.parametrize("folder", TEXT_FOLDERS)
def test_every_passage_is_verbatim_at_its_span(folder, tmp_path):
    corpus = load(folder, tmp_path)
    for p in corpus.passages:
        text = corpus.documents[p.doc_id].text
        assert text[p.span.start : p.span.end] == p.text
        assert p.span.line_start == text.count("\n", 0, p.span.start) + 1
        assert p.span.line_end == text.count("\n", 0, p.span.end) + 1
        assert "\r" not in p.text and p.text == p.text.strip()


def test_court_questions_are_the_examining_counsel_and_answers_the_witness(tmp_path):
    corpus = load("court-people-v-trump-2024-04-26", tmp_path)
    by_text = {p.text: corpus.speakers[p.speaker_id].name for p in corpus.passages}
    assert by_text["Good morning, Mr. Pecker."] == "Bove"
    assert by_text["Good morning."] == "David Pecker"
    assert not any(p.text.startswith("CONTINUED CROSS") for p in corpus.passages)


def test_debate_mid_line_label_starts_a_turn(tmp_path):
    corpus = load("debate-2008-third", tmp_path)
    text = next(iter(corpus.documents.values())).text
    for p in corpus.passages:
        assert not any(f". {name}: " in p.text for name in ("OBAMA", "MCCAIN", "SCHIEFFER"))
    assert ". OBAMA: " in text


@pytest.mark.parametrize("folder", TEXT_FOLDERS)
def test_every_quote_given_for_the_folder_questions_is_verbatim_at_its_citation(folder, tmp_path):
    from stenogram.retrieval.answers.answer import Answerer
    from stenogram.retrieval.search.bm25 import RankBM25Retriever

    corpus = load(folder, tmp_path)
    answerer = Answerer(corpus, RankBM25Retriever.from_corpus(corpus), k=5)
    questions = [
        json.loads(line)
        for line in (REAL / "questions.jsonl").read_text().splitlines()
        if line.strip() and json.loads(line)["corpus"] == folder
    ]
    assert questions
    quoted = 0
    for q in questions:
        answer = answerer.ask(q["question"])
        for quote in (*answer.quotes, *answer.closest):  # closest passages are quotes too
            text = corpus.documents[quote.citation.doc_id].text
            span = quote.citation.span
            assert text[span.start : span.end] == quote.text
            assert span.line_start == text.count("\n", 0, span.start) + 1
            quoted += 1
    assert quoted > 0
