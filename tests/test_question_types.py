"""Question types weigh what BM25 cannot see: a "when" question favours a passage stating a date
beside its words, even over a shorter passage that repeats the question's words (made-up
documents; see Answerer._candidates)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stenogram.retrieval.answers import answer as answer_module
from stenogram.retrieval.answers.answer import Answerer
from stenogram.retrieval.answers.answer_kinds import REFERENCE, kind_asked

try:
    from small import answerer_over
except ImportError:  # pragma: no cover - when tests/ is imported as a package
    from tests.small import answerer_over

DATED = (
    "1. On 4 May 2021, strikes against the rise in water tariffs for the farms of the valley began"
    " in the town of Orsk. The farmers demanded the old tariffs back and help with the harvest."
)
REPORT = f"""\
Report on the unrest in the northern province

{DATED}

2. After the first talks in Orsk, strikes with the same demands began in every town of the province.

3. The governor met the farmers' union and promised a review of the water tariffs.

4. The harbour was closed for repairs and the ferry ran only on Sundays.

5. The new school in the capital opened its library to the public in the evenings.

6. Road works on the coastal highway will last until the autumn, the ministry said.

7. The national museum received a collection of old maps from a private donor.

8. Fishermen reported a good season for herring and a poor one for cod.

9. The railway company ordered twelve new carriages for the night trains.

10. A festival of folk music drew visitors from the neighbouring countries.
"""


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    folder: Path = tmp_path_factory.mktemp("province")
    return answerer_over(folder, "report.txt", REPORT)


def test_a_when_question_prefers_the_passage_stating_the_date(answerer, monkeypatch):
    question = "When did the strikes begin?"
    assert "On 4 May 2021" in answerer.ask(question).quotes[0].text
    # With the date weighing no more than any figure, the short passage repeating "strikes …
    # began" comes first: the test can fail.
    monkeypatch.setattr(answer_module, "DATE_BONUS", answer_module.FIGURE_BONUS)
    assert answerer.ask(question).quotes[0].text.startswith("2. After the first talks")


LISTS = """\
Notes of the harbour board

The board will compare the offers for the new roads and bridges of the province next week.

The minister said the province is like Chile, Peru, Norway and Spain.

The board approved the new crane for the eastern quay.

The ferry timetable changes in the spring, the board said.

The fishermen asked for a longer season and lower fees.

The board thanked the volunteers who cleaned the beach.

The lighthouse keeper retired after thirty years of service.

A storm damaged the pier in the night; nobody was hurt.

Sailors from many countries moored in the harbour for the regatta.
"""


def test_a_which_kind_question_prefers_the_passage_listing_names(tmp_path, monkeypatch):
    answerer = answerer_over(tmp_path, "notes.txt", LISTS)
    question = "Which countries did they compare the province with?"

    def first() -> str:
        answer = answerer.ask(question)
        return (answer.quotes or answer.closest)[0].text

    assert "Chile, Peru, Norway and Spain" in first()
    # Without the bonus for a list, the passage repeating the question's words comes first.
    monkeypatch.setattr(answer_module, "LIST_BONUS", 0.0)
    assert "compare the offers" in first()


DECREE = """\
Decree on the harbour fees for fishing boats

(In the wording of the decrees on fishing boats
   No. 12 of 3 March 2019; No. 40 of 9 July 2021)

1. The harbour fees for fishing boats: every fishing boat pays the harbour fees in spring.

2. The harbour fees for fishing boats are half the fees for the tourist boats and yachts.

3. The harbour master collects the harbour fees of the boats every month.

4. The harbour fees paid by the boats are spent on the piers and the lights.

5. This decree comes into force on the day of its publication.
"""

LIBRARIES = """\
Order on the school libraries

1. Every school of the province keeps a library open to its pupils after the lessons.

2. The libraries buy new books each spring from the budget of the province.

3. A librarian in each school lends the books and keeps the list of readers.

4. The schools report the number of readers to the education office every year.
"""


def test_a_which_kind_question_prefers_the_passage_citing_acts_by_number(tmp_path, monkeypatch):
    (tmp_path / "libraries.txt").write_text(LIBRARIES, encoding="utf-8")
    answerer = answerer_over(tmp_path, "decree.txt", DECREE)
    question = "Which decrees amended the decree on harbour fees for fishing boats?"

    def shown() -> list[str]:
        answer = answerer.ask(question)
        return [q.text for q in answer.quotes + answer.closest]

    assert any("No. 12 of 3 March 2019" in text for text in shown()[:3])
    # Without the bonus for a numbered act, the passages repeating the question's words lead.
    monkeypatch.setattr(answer_module, "REFERENCE", re.compile(r"(?!)"))
    assert not any("No. 12" in text for text in shown()[:3])


def test_the_kind_asked_and_acts_cited_by_number():
    assert kind_asked("Which decrees amended it?") == kind_asked("which decree") != ""
    assert kind_asked("Какими указами изменялся указ?") == kind_asked("каким указом") != ""
    assert kind_asked("What did the governor say?") == kind_asked("What is the fee?") == ""
    for cited in ("в редакции указов N 372", "указ № 814", "Decree No. 12", "law Nr.5"):
        assert REFERENCE.search(cited), cited
    for plain in ("No, 12 boats", "NATO 2030", "Room 12", "page N12a"):
        assert not REFERENCE.search(plain), plain


RULES = """\
Interview on the ferry rules

MS. VALE: Tell us about the ferry rules.

MR. BRANDT: The first rule in a storm is that the captain alone decides what the passengers do.

MR. BRANDT: The second rule is that every passenger wears a life jacket on the open deck.

MS. VALE: And the passengers who complain about the timetable?

MR. BRANDT: First of all, in a storm the captain keeps the passengers below deck, storm or no storm.

MR. BRANDT: The harbour cafe sells hot soup to the passengers waiting for the ferry in a storm.

MR. BRANDT: The new pier was built last year with stone from the quarry.
"""


def test_an_ordinal_counts_only_beside_the_word_it_numbers(tmp_path, monkeypatch):
    answerer = answerer_over(tmp_path, "rules.txt", RULES)
    question = "What is the first rule for passengers in a storm?"

    def confident() -> list[str]:
        return [q.text for q in answerer.ask(question).quotes]

    assert confident()[0].startswith("The first rule in a storm")
    assert not any(text.startswith("First of all") for text in confident())
    # Without the rule, "first of all" holds "first" and is a confident answer.
    monkeypatch.setattr(answer_module, "ORDINALS", frozenset())
    assert any(text.startswith("First of all") for text in confident())
