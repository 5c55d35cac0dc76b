"""A question asking for a date by name ("on what date", "what year") is answered by a passage
stating one; in an examination the date often stands alone in counsel's short question, its topic
in the turns before (see answer.py DATE_TYPES, figures.stated), over a made-up examination."""

from __future__ import annotations

from pathlib import Path

import pytest

from stenogram.retrieval.answers.answer import Answerer
from stenogram.retrieval.answers.figures import DATE, DAY, stated

try:
    from small import answerer_over
except ImportError:  # pragma: no cover - when tests/ is imported as a package
    from tests.small import answerer_over

EXAMINATION = """\
Examination on the lighthouse

MR. DAHL: Good morning, Ms. Holm. We begin with your work for the maritime board.

MS. HOLM: Good morning.

MR. DAHL: You inspected the lighthouse for the maritime board; right?

MS. HOLM: Yes.

MR. DAHL: And that was also in March of 2019; correct?

MS. HOLM: Yes.

MR. DAHL: March 3, 2019; does that sound right?

MS. HOLM: Yes.

MR. DAHL: And the keeper was there with you?

MS. HOLM: He was, with his two dogs.

MR. DAHL: Thank you. Let us turn to the harbour accounts and the ferry company's rent.

MS. HOLM: Of course, I kept the harbour accounts myself.
"""


@pytest.fixture()
def answerer(tmp_path: Path) -> Answerer:
    return answerer_over(tmp_path, "examination.txt", EXAMINATION)


def shown_texts(answerer: Answerer, question: str) -> list[str]:
    answer = answerer.ask(question)
    return [q.text for q in answer.quotes or answer.closest]


def test_a_date_question_is_not_answered_by_a_passage_stating_no_date(answerer):
    answer = answerer.ask("On what date did Holm inspect the lighthouse for the maritime board?")
    assert all(stated(q.text, DATE) for q in answer.quotes)
    assert not any(
        q.text.startswith("You inspected the lighthouse") for q in answer.quotes
    )  # every question word, no date: at most one of the closest passages


def test_the_short_turn_stating_the_day_is_found_through_its_exchange(answerer):
    texts = shown_texts(
        answerer, "On what date did Holm inspect the lighthouse for the maritime board?"
    )
    day = next(i for i, t in enumerate(texts) if t.startswith("March 3, 2019"))
    month = [i for i, t in enumerate(texts) if "March of 2019" in t]
    assert not month or day < month[0]  # "what date" asks for a day, not a month
    # Every question word but no date: below the passage that states the day.
    words = next(i for i, t in enumerate(texts) if t.startswith("You inspected the lighthouse"))
    assert day < words


def test_a_when_question_still_takes_an_answer_without_a_date(answerer):
    # "When" is often answered by a condition or an event, not a date: no date is required.
    answer = answerer.ask("When did Holm keep the harbour accounts?")
    assert answer.quotes and "kept the harbour accounts" in answer.quotes[0].text


def test_a_day_is_a_day_of_a_month_and_list_numbers_are_no_figure():
    assert stated("August 13, 2018; does that sound right?", DAY) == "August 13"
    assert stated("on the 21st of November, because", DAY) == "21st of November"
    assert stated("And that was also in August of 2018; correct?", DAY) == ""
    assert stated("And that was also in August of 2018; correct?", DATE) == "August"
    assert stated("14. The peacekeepers left", DATE) == ""


HARBOUR = """\
Council meeting on the harbour

MR. DAHL: The harbour is big enough, and all the boats of the island fit in the harbour.

MS. HOLM: The new harbour covers some forty thousand square metres of water, and the pier is long.

MR. DAHL: The school roof leaks, and the council has not answered our letters.

MS. HOLM: Fishermen pay the same fees as the tourist yachts, which is unfair.

MR. DAHL: The lighthouse needs a new lamp, and the keeper retires next year.
"""


def test_a_measure_is_stated_by_an_amount_not_a_quantifier(tmp_path: Path):
    answerer = answerer_over(tmp_path, "harbour.txt", HARBOUR)
    answer = answerer.ask("How big is the harbour?")
    assert "forty thousand square metres" in answer.quotes[0].text
    assert not any("all the boats" in q.text for q in answer.quotes)  # at most a closest one
    # "How many" is still answered by a quantifier ("all the boats").
    assert "all the boats" in shown_texts(answerer, "How many boats fit in the harbour?")[0]
