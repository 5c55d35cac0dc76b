"""Short turns of a question-and-answer exchange take their topic from the turns before them
(search-only context; the quote stays the passage), over a small made-up hearing."""

from __future__ import annotations

from pathlib import Path

import pytest

from stenogram.retrieval.answers import answer as answer_module
from stenogram.retrieval.answers import exchange as exchange_module
from stenogram.retrieval.answers.answer import AMOUNT, Answerer
from stenogram.retrieval.answers.exchange import Exchanges
from stenogram.retrieval.documents.corpus import Corpus, load_corpus
from stenogram.retrieval.questions.query import parse_query
from stenogram.retrieval.search.bm25 import RankBM25Retriever

try:
    from small import answerer_over
except ImportError:  # pragma: no cover - when tests/ is imported as a package
    from tests.small import answerer_over

try:
    from small import answerer_over
except ImportError:  # pragma: no cover - when tests/ is imported as a package
    from tests.small import answerer_over

HEARING = """\
Hearing on the harbour accounts

Mr. Dahl: Good morning. We begin with the harbour budget for the coming year and the repairs.

Ms. Holm: Good morning.

Mr. Dahl: The harbour budget was signed by the finance council in January?

Ms. Holm: Yes, it was.

Mr. Dahl: Now let us turn to the lighthouse contract with the ministry.

Ms. Holm: Certainly.

Mr. Dahl: It was discussed at length during the spring?

Ms. Holm: At length.

Mr. Dahl: Anna Berg signed it?

Ms. Holm: She did.

Mr. Dahl: The board approved the ferry loan at its spring meeting; right?

Ms. Holm: Yes.

Mr. Dahl: That was March 3, 2019; correct?

Ms. Holm: Correct.

Mr. Dahl: Thank you. Nothing further on the ferry.
"""
SPEECH = """\
Address on the harbour

Anna Berg: The lighthouse will be repaired this year, and the ministry pays for it.

The contract was signed in the autumn after a long debate.
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    folder: Path = tmp_path_factory.mktemp("hearing")
    (folder / "hearing.txt").write_text(HEARING, encoding="utf-8")
    return load_corpus(folder)


@pytest.fixture(scope="module")
def answerer(corpus: Corpus) -> Answerer:
    return Answerer(corpus, RankBM25Retriever.from_corpus(corpus))


def passage(corpus: Corpus, text: str):
    return next(p for p in corpus.passages if p.text.startswith(text))


def test_a_short_question_turn_is_indexed(corpus):
    # Three content words, a whole turn that asks: in an examination the facts are in questions.
    assert passage(corpus, "Anna Berg signed it?").indexed


def test_context_is_the_turns_before_and_followers_the_short_turns_after(corpus):
    signed = passage(corpus, "Anna Berg signed it?")
    before = [p.text for p in Exchanges(corpus).context_before(signed)]
    assert before[0] == "At length." and any("lighthouse contract" in t for t in before)
    loan = passage(corpus, "The board approved the ferry loan")
    after = [p.text for p in Exchanges(corpus).followers(loan)]
    assert "That was March 3, 2019; correct?" in after


def test_only_the_context_makes_a_short_turn_an_answer(answerer, monkeypatch):
    question = "Who signed the lighthouse contract?"
    quoted = [q.text for q in answerer.ask(question).quotes]
    # Quoted with its short reply as one unit (see asked.py).
    assert any(t.startswith("Anna Berg signed it?") for t in quoted)
    for q in answerer.ask(question).quotes:  # verbatim at the cited position
        text = q.citation.path.read_text(encoding="utf-8")
        assert text[q.citation.span.start : q.citation.span.end] == q.text
    monkeypatch.setattr(answer_module, "CONTEXT_CREDIT", 0.0)
    monkeypatch.setattr(answer_module, "CONTEXT_WEIGHT", 0.0)
    fresh = Answerer(answerer.corpus, answerer.retriever)
    assert not any(q.text.startswith("Anna Berg signed it?") for q in fresh.ask(question).quotes)


def test_a_paragraph_of_a_speech_takes_no_context(tmp_path):
    (tmp_path / "speech.txt").write_text(SPEECH, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    first = corpus.passages[0]  # two paragraphs of one turn
    second = passage(corpus, "The contract was signed")
    assert Exchanges(corpus).context_before(second) == []
    assert Exchanges(corpus).followers(first) == []


def test_question_types_and_amounts_in_words(answerer):
    assert answerer.read("Who signed the lighthouse contract?").wants_name
    assert not answerer.read("Why was the contract signed?").wants_name
    assert answerer.read("How big was the harbour budget?").wants_figure  # a measure: a figure
    assert answerer.read("how far is the lighthouse").wants_figure
    assert not answerer.read("How did the big ferry sail?").wants_figure
    assert AMOUNT.search("only forty-four per cent of ours")
    assert AMOUNT.search("a dollar twenty-five cent minimum wage")
    assert not AMOUNT.search("plenty of boats, a dozenth time")
    # A small number in words is an amount with a unit after it, a quantity without one.
    assert AMOUNT.search("About three point five miles, and a bus")
    assert AMOUNT.search("two and a half hours late") and AMOUNT.search("a five-year plan")
    assert not AMOUNT.search("three of the ferries and two captains")


def test_a_reply_stating_an_amount_in_words_answers_how_far(tmp_path):
    answerer = answerer_over(
        tmp_path,
        "hearing.md",
        "MS. DAHL: The district moves four hundred pupils to the new school in August.\n\n"
        "MS. DAHL: How far is the longest new commute to the school?\n\n"
        "MR. VIK: About three point five miles, and every pupil gets a bus.\n\n"
        "MS. DAHL: Siblings can stay together on request, as the policy says.\n",
    )
    answer = answerer.ask("how far is the longest commute")
    assert not answer.abstained and "three point five miles" in answer.quotes[0].text


FILLER = " ".join(
    f"The {w} committee met again on the matter and heard the usual reports from the staff."
    for w in "first second third fourth fifth sixth seventh eighth ninth tenth eleventh".split()
)
LONG = f"""\
Report on the ferries

Ms. Holm: The northern ferry contract with the ministry was debated for months. {FILLER} \
{FILLER[:500]}. In the end it was signed by Anna Berg in May.

Mr. Dahl: The harbour budget was approved by the council in January after a short debate on repairs.

Ms. Holm: The lighthouse was repaired in the spring by the harbour authority and its workers.

Mr. Dahl: Thank you all for the reports on the ferries and the harbour this morning.
"""


def test_windows_of_one_long_paragraph_lend_each_other_their_words(tmp_path, monkeypatch):
    (tmp_path / "report.txt").write_text(LONG, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    turn = corpus.turn_passages(corpus.passages[0].doc_id, 0)
    assert len(turn) == 2  # the paragraph was split into windows for indexing
    last = turn[-1]
    assert "signed by Anna Berg" in last.text and "ferry" not in last.text
    assert Exchanges(corpus).windows_around(last) == [turn[-2]]
    answerer = Answerer(corpus, RankBM25Retriever.from_corpus(corpus))
    answer = answerer.ask("Who signed the northern ferry contract?")
    assert any("signed by Anna Berg" in q.text for q in answer.quotes)
    assert Exchanges(corpus).windows_around(corpus.passages[-1]) == []  # a paragraph of its own
    monkeypatch.setattr(answer_module, "CONTEXT_CREDIT", 0.0)
    fresh = Answerer(corpus, answerer.retriever)
    quoted = fresh.ask("Who signed the northern ferry contract?").quotes
    assert not any("signed by Anna Berg" in q.text for q in quoted)


RELEASE = """\
Harbour office release

3. The ferries carried passengers across the bay during the storm.

4. The harbour office counted the ledgers of the week after the storm: the ferries carried 4,000 \
passengers across the bay, most of them workers of the northern shipyards and their families.
"""


def test_a_figure_question_prefers_a_figure_beside_its_words_not_a_list_number(tmp_path):
    answerer = answerer_over(tmp_path, "release.txt", RELEASE)
    answer = answerer.ask("How many passengers did the ferries carry?")
    assert "4,000 passengers" in answer.quotes[0].text


FERRY = """\
Harbour board minutes

Ms. Holm: The ferry was stopped in the harbour for the winter, and the winter ferry timetable was \
stopped too.

Mr. Dahl: The board stopped the ferry because the ice in the northern channel had damaged its hull \
twice in one month, and the board would not risk a third time before the spring inspection.
"""


def test_a_why_question_prefers_a_passage_giving_a_reason(tmp_path):
    answerer = answerer_over(tmp_path, "minutes.txt", FERRY)
    assert answerer.read("Why was the ferry stopped for the winter?").wants_reason
    assert not answerer.read("When was the ferry stopped?").wants_reason
    answer = answerer.ask("Why was the ferry stopped in the harbour for the winter?")
    assert "because the ice" in answer.quotes[0].text


BOARD = """\
Harbour board minutes

Ms. Holm: The fishermen were paid for the lost boats by the harbour board after the storm.

Mr. Dahl: The ferry company was paid 300 crowns for the repairs of the pier.
"""


def test_a_how_many_question_is_answered_only_by_a_passage_stating_a_quantity(tmp_path):
    answerer = answerer_over(tmp_path, "minutes.txt", BOARD)
    answer = answerer.ask("How much were the fishermen paid for the lost boats?")
    assert answer.abstained and any("fishermen were paid" in q.text for q in answer.closest)
    assert answerer.ask("How much was the ferry company paid for the repairs?").quotes
    assert answerer.ask("Were the fishermen paid for the lost boats?").quotes


DEBATE = """\
Debate on the harbour

Ms. Holm: Mr. Dahl, the fishermen say the new harbour fees will ruin the small boats. What would
you change about the harbour fees?

Mr. Dahl: Well, I would halve the fees for every boat under ten metres, and pay for it from the cruise
ships that dock in summer. The council can afford that.

Our roads need repair as well, and the bridge toll should end in the autumn when it is paid off.

Ms. Holm: Mrs. Lind, the bridge toll. Will it end?

Mrs. Lind: It ends in October. The cruise ships pay for the roads already.
"""


def test_the_first_paragraph_of_a_reply_takes_the_question_put_before_it(tmp_path, monkeypatch):
    (tmp_path / "debate.txt").write_text(DEBATE, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    reply = passage(corpus, "Well, I would halve the fees")
    second = passage(corpus, "Our roads need repair")
    exchanges = Exchanges(corpus)
    asked = exchanges.question_before(reply)
    assert len(asked) == 1 and asked[0].text.startswith("Mr. Dahl, the fishermen")
    assert exchanges.question_before(second) == []  # a later paragraph is the speaker's own point
    answerer = Answerer(corpus, RankBM25Retriever.from_corpus(corpus), semantic=False)
    question = "What did Dahl say about the harbour fees for the fishermen?"
    assert answerer.ask(question).quotes[0].text.startswith("Well, I would halve the fees")
    monkeypatch.setattr(answer_module, "QUESTION_CREDIT", 0.0)
    monkeypatch.setattr(answer_module, "CONTEXT_WEIGHT", 0.0)
    fresh = Answerer(corpus, answerer.retriever, semantic=False)
    assert not [q for q in fresh.ask(question).quotes if q.text.startswith("Well, I would")]


def test_a_turn_that_asks_nothing_gives_no_context(tmp_path):
    told = DEBATE.replace("the bridge toll. Will it end?", "the bridge toll now, please.")
    (tmp_path / "debate.txt").write_text(told, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert Exchanges(corpus).question_before(passage(corpus, "It ends in October")) == []


INTERVIEW = """\
Harbour talk, episode 5

Jorunn Vik: Tor, the ferry tolls are back in the news this week. So who is pushing for the new
ferry tolls?

Tor Brandt: Do you remember the lunch we had at the pier last week?

Jorunn Vik: Our listeners missed that part, so go ahead and tell them.

Tor Brandt: Well, the council, the shipping company and the tourist board, those are the ones
pushing for it, and they have been for years. They want the money for a bigger quay, and they say
the summer visitors can afford it.

Jorunn Vik: And the fishermen, what do they think about the tolls on the island?

Tor Brandt: The fishermen hate the ferry tolls, because every crate of fish pays twice on the
island crossing.

Tor Brandt: The ferries themselves are old, and the island needs a new quay before winter.
"""
PUSHING = "Who does Brandt say is pushing for the ferry tolls on the island?"


def test_a_question_stays_open_across_a_short_aside(tmp_path, monkeypatch):
    """The guest's answer comes after an aside between the two of them: it still takes the
    host's question as its context, which counts for more than a neighbouring turn."""
    (tmp_path / "talk.txt").write_text(INTERVIEW, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    exchanges = Exchanges(corpus)
    reply = passage(corpus, "Well, the council")
    assert [p.text[:20] for p in exchanges.question_before(reply)] == ["Tor, the ferry tolls"]
    # A new question after the answer is no reply to the question before it.
    assert exchanges.question_before(passage(corpus, "And the fishermen")) == []
    answerer = Answerer(corpus, RankBM25Retriever.from_corpus(corpus), semantic=False)
    assert any(q.text.startswith("Well, the council") for q in answerer.ask(PUSHING).quotes)
    # At a neighbouring turn's credit the question's words leave the answer under the bar …
    monkeypatch.setattr(answer_module, "QUESTION_CREDIT", answer_module.CONTEXT_CREDIT)
    fresh = Answerer(corpus, answerer.retriever, semantic=False)
    assert not any(q.text.startswith("Well, the council") for q in fresh.ask(PUSHING).quotes)
    # … and without the aside crossed it has no context at all.
    monkeypatch.undo()
    monkeypatch.setattr(exchange_module, "ASIDE_TURNS", 0)
    assert Exchanges(corpus).question_before(reply) == []


@pytest.mark.parametrize(
    ("aside", "with_it"),
    [
        ("Jorunn Vik: Our listeners missed that part", "Anna Berg: Our listeners missed that part"),
        ("so go ahead and tell them.", "so go ahead and tell them. " + "We have time. " * 30),
        (
            "so go ahead and tell them.",
            "so go ahead and tell them.\n\nTor Brandt: Right.\n\nJorunn Vik: Go on.",
        ),
    ],
    ids=["a third speaker", "a long turn", "a second aside"],
)
def test_an_aside_of_another_speaker_or_a_long_one_closes_the_question(tmp_path, aside, with_it):
    (tmp_path / "talk.txt").write_text(INTERVIEW.replace(aside, with_it), encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert Exchanges(corpus).question_before(passage(corpus, "Well, the council")) == []


NOTICES = {
    "pier.md": "# Closure of the northern ferry pier\n\nFrom Monday it is shut for repairs; boats use "
    "the southern quay until June.\n",
    "fees.md": "# Harbour fees for the summer season\n\nThe northern car park is free on Sundays, and "
    "the ferry timetable is unchanged.\n",
}


def test_the_title_of_a_text_nobody_speaks_is_its_passages_context(tmp_path, monkeypatch):
    for name, text in NOTICES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert all(corpus.speakers[p.speaker_id].is_publisher for p in corpus.passages)
    answerer = Answerer(corpus, RankBM25Retriever.from_corpus(corpus), semantic=False)
    question = "Until when is the northern ferry pier shut?"
    assert answerer.ask(question).quotes[0].text.startswith("From Monday it is shut")
    monkeypatch.setattr(answer_module, "TITLE_CREDIT", 0.0)
    monkeypatch.setattr(answer_module, "CONTEXT_WEIGHT", 0.0)
    fresh = Answerer(corpus, answerer.retriever, semantic=False)
    assert not [q for q in fresh.ask(question).quotes if q.text.startswith("From Monday")]


AWARDS = {
    "award.md": "# On honouring the lighthouse keepers of the rocky northern coast\n\n"
    "For courage in the winter storm, the following are honoured with the medal:\n\n"
    "Anna Berg, of the Skarv light.\n",
    "list.md": "# Staff of the coast service\n\nThe office of the rocky northern coast keeps a "
    "list of its lighthouse keepers and their postings.\n",
}


def test_a_title_counts_for_more_than_a_neighbouring_turn(tmp_path, monkeypatch):
    # The title says what all of a decree is about: five of the question's six words lie in it,
    # the sixth in the passage; at a turn's half credit it would fall short of an answer.
    for name, text in AWARDS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    answerer = Answerer(corpus, RankBM25Retriever.from_corpus(corpus), semantic=False)
    question = "Why were the lighthouse keepers of the rocky northern coast honoured?"
    found = [q.text for q in answerer.ask(question).quotes]
    assert any(t.startswith("For courage in the winter storm") for t in found)
    monkeypatch.setattr(answer_module, "TITLE_CREDIT", answer_module.CONTEXT_CREDIT)
    fresh = Answerer(corpus, answerer.retriever, semantic=False)
    found = [q.text for q in fresh.ask(question).quotes]
    assert not any(t.startswith("For courage in the winter storm") for t in found)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Which harbour fee is the new one?", "fee"),  # the noun before "is", not its modifier
        ("What security guarantees were discussed?", "guarante"),
        ("What share of the dues goes to the ferry?", "share"),
        ("What countries signed the deal?", "countri"),  # a verb follows: the first word
        ("Which boats sailed in winter?", "boat"),
    ],
)
def test_the_answer_type_is_the_noun_the_question_asks_for(question, kind):
    assert parse_query(question, []).answer_types == (kind,)
