"""A question about a witness is answered by the question put to them with their short reply,
quoted as one unit (see retrieval/testimony.py), over a small made-up examination."""

from __future__ import annotations

from pathlib import Path

import pytest

from stenogram.retrieval.answer import Answerer
from stenogram.retrieval.bm25 import RankBM25Retriever
from stenogram.retrieval.corpus import Corpus, load_corpus

EXAMINATION = """\
Examination on the harbour lease

MR. DAHL: Good morning, Ms. Holm. We begin with the harbour accounts for the coming year.

MS. HOLM: Good morning.

MR. DAHL: You signed the harbour lease at the town hall; correct?

MS. HOLM: Yes.

MR. DAHL: And the ferry company paid the first rent in cash?

MS. HOLM: It did.

MR. DAHL: Thank you. Nothing further on the accounts, for now.

MS. HOLM: Thank you, Mr. Dahl, I am glad we could settle the accounts before the winter storms.
"""


@pytest.fixture()
def loaded(tmp_path: Path) -> tuple[Corpus, Answerer]:
    (tmp_path / "examination.txt").write_text(EXAMINATION, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    return corpus, Answerer(corpus, RankBM25Retriever.from_corpus(corpus), semantic=False)


def test_the_question_put_to_the_speaker_and_the_reply_are_one_quote(loaded):
    corpus, answerer = loaded
    answer = answerer.ask("Where did Holm sign the harbour lease?")
    first = answer.quotes[0]
    assert first.speaker.name == "Holm"
    assert first.text == "You signed the harbour lease at the town hall; correct?\n\nMS. HOLM: Yes."
    text = corpus.documents[first.citation.doc_id].text
    span = first.citation.span
    assert text[span.start : span.end] == first.text  # verbatim at its citation, label included
    assert (span.line_start, span.line_end) == (7, 9)


def test_the_speakers_own_words_come_first(loaded):
    _, answerer = loaded
    first = answerer.ask("What did Holm say about the winter storms?").quotes[0]
    assert first.text.startswith("Thank you, Mr. Dahl") and first.speaker.name == "Holm"


def test_a_file_changed_since_loading_gives_the_question_alone(loaded, tmp_path):
    _, answerer = loaded
    (tmp_path / "examination.txt").write_text(
        EXAMINATION.replace("MS. HOLM: Yes.", "MS. HOLM: No.")
    )
    first = answerer.ask("Where did Holm sign the harbour lease?").quotes[0]
    assert first.text == "You signed the harbour lease at the town hall; correct?"
    assert first.speaker.name != "Holm"  # credited to whoever said it, never a wrong quote


def test_without_a_named_speaker_nothing_changes(loaded):
    _, answerer = loaded
    first = answerer.ask("Where was the harbour lease signed?").quotes[0]
    assert first.text == "You signed the harbour lease at the town hall; correct?"
