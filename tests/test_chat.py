"""Chat-style answers: three outcomes (answer, closest passages, nothing) in the core, the CLI's
text and JSON and Telegram's HTML; figures across sources; follow-ups through
Answerer.ask(previous=…); the eval report. Over small made-up corpora."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stenogram.bot.render import CLOSEST, to_json, to_text
from stenogram.bot.telegram_html import answer_messages
from stenogram.retrieval.answers.answer import Answerer
from stenogram.retrieval.answers.evaluate import evaluate
from stenogram.retrieval.documents.corpus import load_corpus
from stenogram.retrieval.model import Answer
from stenogram.retrieval.search.bm25 import RankBM25Retriever

TRANSCRIPT = """\
Meeting on the river floods
* * *
President of Ruritania Anna Berg: The flood destroyed 1,200 homes along the river, and the water reached the old bridge.
We thank the engineers who kept the dam open during the night.
Prime Minister of Ruritania Otto Brenner: The reconstruction of the bridge will begin in March and cost the treasury a great deal.
The railway line to the capital reopened after the water receded.
President of Osteria Carla Mendes: Our rescue teams evacuated the villages near the border when the flood came.
The hospital in the valley treated dozens of injured people.
"""  # noqa: E501 - a turn is one line of the document, as transcripts print it
REPORT = """\
River report
* * *
Reporter Jon Hale: According to the provincial office, the flood destroyed 1,150 homes along the river.
"""


def make(folder: Path, files: dict[str, str]) -> Answerer:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    corpus = load_corpus(folder)
    return Answerer(corpus, RankBM25Retriever.from_corpus(corpus))


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    return make(
        tmp_path_factory.mktemp("floods"), {"meeting.txt": TRANSCRIPT, "report.txt": REPORT}
    )


def verbatim(answerer: Answerer, answer: Answer) -> None:
    for quote in answer.quotes + answer.closest:
        passage = answerer.corpus.passage(quote.citation.passage_id)
        text = answerer.corpus.sources[passage.doc_id].path.read_text(encoding="utf-8")
        span = quote.citation.span
        assert text[span.start : span.end] == quote.text


# ---------------------------------------------------------------- three outcomes


def test_confident_answer(answerer):
    answer = answerer.ask("when will the bridge reconstruction begin")
    assert answer.quotes and not answer.closest and not answer.abstained
    assert "begin in March" in answer.quotes[0].text
    verbatim(answerer, answer)


def test_closest_passages_when_nothing_answers_directly(answerer):
    # The documents speak of the bridge and of cost, not of the bridge's price in euros.
    answer = answerer.ask("how many euros did the new bridge toll gate cost")
    assert answer.abstained and not answer.quotes
    assert answer.closest, answer
    assert "bridge" in answer.closest[0].text
    verbatim(answerer, answer)
    data = to_json(answer)
    assert data["abstained"] is True and data["answers"] == []
    assert data["closest"] and data["closest"][0]["quote"] == answer.closest[0].text
    assert set(data["closest"][0]) == {
        "quote",
        "speaker",
        "role",
        "asked_by",
        "document",
        "file",
        "original",
        "line_start",
        "line_end",
        "also_in",
        "score",
    }
    assert CLOSEST in to_text(answer)
    html = "\n".join(answer_messages(answer, "StenogramBot"))
    assert CLOSEST in html and "bridge" in html


def test_nothing_when_nothing_shares_the_meaning(answerer):
    answer = answerer.ask("what is the recipe for apple strudel")
    assert answer.abstained and answer.closest == ()
    assert to_json(answer)["closest"] == []
    assert CLOSEST not in to_text(answer)
    assert "Not in my documents" in answer_messages(answer, "StenogramBot")[0]


def test_a_confident_answer_has_no_closest_key_content(answerer):
    data = to_json(answerer.ask("who kept the dam open"))
    assert data["answers"] and data["closest"] == []


# ---------------------------------------------------------------- figures across sources


def test_differing_figures_are_set_side_by_side_with_citations(answerer):
    answer = answerer.ask("how many homes did the flood destroy", k=3)
    docs = {q.citation.doc_id for q in answer.quotes}
    assert len(docs) == 2, answer
    [note] = [n for n in answer.notes if "different figures" in n]
    assert "1,200" in note and "1,150" in note
    assert all(q.speaker.name in note for q in answer.quotes) and "line 3" in note
    assert note in to_text(answer)


def test_agreeing_figures_get_no_note(tmp_path):
    same = REPORT.replace("1,150", "1,200")
    answer = make(tmp_path, {"meeting.txt": TRANSCRIPT, "report.txt": same}).ask(
        "how many homes did the flood destroy"
    )
    assert len({q.citation.doc_id for q in answer.quotes}) == 2
    assert not any("different figures" in n for n in answer.notes)


# ---------------------------------------------------------------- follow-ups


def test_follow_up_replaces_the_speaker_and_keeps_the_topic(answerer):
    first = answerer.ask("what did berg say about the flood")
    assert first.quotes and first.quotes[0].speaker.name == "Anna Berg"
    assert first.read_as == "what did berg say about the flood"
    second = answerer.ask("and mendes?", previous=first.read_as)
    assert second.quotes and second.quotes[0].speaker.name == "Carla Mendes"
    assert "and mendes?" in second.read_as and "flood" in second.read_as
    # Without the context, the fragment names a speaker and nothing to search for.
    assert not answerer.ask("and mendes?").quotes


def test_follow_up_pronoun_is_the_previous_speaker(answerer):
    first = answerer.ask("what did the ruritanian president say")
    he = answerer.read("who did she thank", previous=first.read_as)
    assert [answerer.corpus.speakers[s].name for s in he.speaker_ids] == ["Anna Berg"]
    answer = answerer.ask("who did she thank", previous=first.read_as)
    assert answer.quotes and "engineers" in answer.quotes[0].text


def test_follow_up_fragment_carries_the_topic(answerer):
    first = answerer.ask("when did the railway line reopen")
    assert first.quotes and "railway" in first.quotes[0].text
    answer = answerer.ask("what about the hospital?", previous=first.read_as)
    # The fragment's own word leads; the railway context alone does not make a passage relevant.
    shown = answer.quotes or answer.closest
    assert shown and "hospital" in shown[0].text
    assert all("railway" not in q.text for q in shown)


FLOOD = """\
Press conference on the flood
* * *
MAYOR DAHL: The river peaked at six metres last night, the highest level since records began.
REPORTER: How many people were evacuated?
MAYOR DAHL: About fourteen hundred residents from the lower districts, most staying with family.
REPORTER: When will the schools reopen?
MAYOR DAHL: Schools outside the flood zone reopen on Monday, the others after an inspection.
"""


def test_a_follow_ups_own_word_must_be_in_the_passage_not_only_around_it(tmp_path):
    """ "what about the river?" after a question about evacuations: the short question "How
    many people were evacuated?" has the river only in the turn before it (its exchange), so
    it is no answer to the follow-up; the passage about the river is."""
    answerer = make(tmp_path, {"flood.txt": FLOOD})
    first = answerer.ask("how many people were evacuated")
    assert first.quotes and "fourteen hundred" in first.quotes[0].text
    answer = answerer.ask("what about the river?", previous=first.read_as)
    shown = answer.quotes or answer.closest
    assert shown and shown[0].text.startswith("The river peaked")
    assert all("evacuated" not in q.text for q in shown)


BRIDGE = """\
Council on the old bridge
* * *
Mayor Lena Dahl: The old bridge will close in May, and the ferry will carry the cars across the river meanwhile.
The bridge must close because the piers cracked after the winter floods.
Engineer Tomas Berg: The repairs of the bridge will take two years and cost the town a great deal.
The bridge needs new beams because the old steel has rusted through.
"""  # noqa: E501 - a turn is one line of the document, as transcripts print it


@pytest.fixture(scope="module")
def council(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    return make(tmp_path_factory.mktemp("bridge"), {"council.txt": BRIDGE})


def test_a_bare_question_word_follows_up_the_previous_question(council):
    first = council.ask("what did dahl say about the bridge")
    assert first.quotes and first.quotes[0].speaker.name == "Lena Dahl"
    # Alone, "why?" has nothing to search; after a question it asks that question's "why".
    assert council.ask("why?").problem
    why = council.ask("why?", previous=first.read_as)
    assert not why.problem and "why?" in why.read_as and "bridge" in why.read_as
    shown = why.quotes + why.closest
    # The same statement: the previous speaker's reason, not the other speaker's.
    assert shown and shown[0].speaker.name == "Lena Dahl" and "piers cracked" in shown[0].text


def test_a_follow_up_of_a_follow_up_keeps_both_contexts(council):
    first = council.ask("what did dahl say about the bridge")
    second = council.ask("and berg?", previous=first.read_as)
    assert second.quotes and second.quotes[0].speaker.name == "Tomas Berg"
    query = council.read("why?", previous=second.read_as)
    # "why?" after "and berg?" is about Berg and the bridge, not about Berg alone.
    assert [council.corpus.speakers[s].name for s in query.speaker_ids] == ["Tomas Berg"]
    assert "bridg" in query.terms and query.wants_reason
    why = council.ask("why?", previous=second.read_as)
    shown = why.quotes + why.closest
    assert shown and "rusted through" in shown[0].text
    # At most two questions back: the reading kept for the next message does not grow.
    assert len(why.read_as.split(" | ")) == 3
    again = council.ask("why?", previous=why.read_as)
    assert len(again.read_as.split(" | ")) == 3


def test_a_new_full_question_is_not_a_follow_up(answerer):
    first = answerer.ask("when did the railway line reopen")
    query = answerer.read("who evacuated the villages near the border", previous=first.read_as)
    assert "railway" not in query.terms
    assert query.read_as == "who evacuated the villages near the border"


# ---------------------------------------------------------------- eval


def test_eval_asks_follow_ups_in_context_and_counts_closest(answerer):
    questions = [
        {
            "id": "A",
            "question": "what did berg say about the flood",
            "expect": "answer",
            "gold_any": ["1,200 homes"],
            "speaker": "Berg",
        },
        {
            "id": "B",
            "question": "and mendes?",
            "follows": "A",
            "expect": "answer",
            "gold_any": ["evacuated the villages"],
        },
        {
            "id": "C",
            "question": "how many euros did the new bridge toll gate cost",
            "expect": "answer",
            "gold_any": ["reconstruction of the bridge"],
        },
        {"id": "D", "question": "what is the recipe for apple strudel", "expect": "abstain"},
        {"id": "E", "question": "who treated the injured", "expect": "abstain"},
    ]
    report = evaluate(answerer, questions)
    assert (report.answerable, report.hit1, report.follow_ups, report.follow_ups_right) == (
        3,
        3,
        1,
        1,
    )
    assert report.confident1 == 2  # C is found among the closest passages only
    assert report.wrongly_abstained == ("C",) and report.nothing == ()
    assert report.answered_abstain == ("E",) and report.abstain_right == 1
    assert report.speaker1 == 1
    text = "\n".join(report.lines())
    assert "follow-ups right: 1.000 (1/1)" in text and "confident hit@1: 0.667 (2/3)" in text
    json.dumps(report.lines())


def test_a_paragraph_number_is_not_a_figure():
    from stenogram.retrieval.answers.figures import figure_in

    text = "14. The flood destroyed 1,150 homes along the river."
    assert figure_in(text, ["flood", "home"]) == "1,150"
    assert figure_in("The flood of 14. March destroyed homes", ["flood"]) == "14"
