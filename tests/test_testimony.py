"""A question about a witness is answered by the question put to them with their short reply,
quoted as one unit (see retrieval/answers/testimony.py), over a small made-up examination."""

from __future__ import annotations

from pathlib import Path

import pytest

from stenogram.retrieval.answers.answer import Answerer
from stenogram.retrieval.documents.corpus import Corpus, load_corpus
from stenogram.retrieval.search.bm25 import RankBM25Retriever

try:
    from small import answerer_over
except ImportError:  # pragma: no cover - when tests/ is imported as a package
    from tests.small import answerer_over

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


def test_without_a_named_speaker_the_question_is_quoted_with_its_short_reply(loaded):
    """No speaker named: the asked question still yields to its exchange (see asked.py)."""
    _, answerer = loaded
    first = answerer.ask("Where was the harbour lease signed?").quotes[0]
    assert first.text.startswith("You signed the harbour lease at the town hall; correct?")
    assert first.text.endswith("MS. HOLM: Yes.") and first.speaker.name == "Holm"


INTERVIEW = """\
Harbour radio, episode 12

Jon Dahl: Welcome back. Our guest today is Anna Berg, who speaks at the maritime fair next week.
Her talk there is titled "Ships in the Night", and I cannot wait to hear it. Before we start,
a word of thanks to the harbour office for the studio and to all of you who wrote in this week.
Anna, how did you start sailing?

Anna Berg: Thank you for having me. I have sailed these waters for thirty years, mostly on the
old ferries between the islands, and I still love the early crossings in winter.

Jon Dahl: Tell us about the winter crossings.

Anna Berg: They are cold and quiet, and the ferries run on time even in storms.
"""


def test_what_was_said_to_the_speaker_answers_when_they_said_nothing_matching(tmp_path):
    answerer = answerer_over(tmp_path, "interview.txt", INTERVIEW)
    answer = answerer.ask("What is the title of Berg's talk at the maritime fair?")
    first = answer.quotes[0]
    assert first.speaker.name == "Jon Dahl" and '"Ships in the Night"' in first.text
    assert answer.notes == ("Nothing Anna Berg said matches; showing what was put to them.",)
    # Her own words come first when they answer.
    own = answerer.ask("What did Berg say about the winter crossings?").quotes[0]
    assert own.speaker.name == "Anna Berg"


STORM = """\
Council meeting after the storm

Anna Berg: The storm last night broke two windows at the school, and the children stay home today.

Jon Dahl: The storm damaged the pier, the harbour crane, the fuel depot and the ferry ramp.

Anna Berg: We thank the volunteers who cleared the roads before dawn, the bakery that fed them,
and the school caretaker who opened the gym as a shelter for the families from the lower street
until the water went down in the morning.

Jon Dahl: Repairs to the pier start on Monday.
"""


def test_a_named_speakers_nearest_passage_comes_before_other_peoples(tmp_path):
    answerer = answerer_over(tmp_path, "storm.txt", STORM)
    answer = answerer.ask("What did Berg say about the storm damage to the crane and the ramp?")
    assert not answer.quotes
    first = answer.closest[0]  # her words, though they hold little of the question
    assert first.speaker.name == "Anna Berg" and first.text.startswith("The storm last night")
