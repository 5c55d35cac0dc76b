"""An interview printed as a dash dialogue (retrieval/documents/dialogue.py): the questions are
the journalist's, the answers the interviewee's, as the lead and the byline name them."""

from __future__ import annotations

try:
    from test_labels import people
except ImportError:  # pragma: no cover - when tests/ is imported as a package
    from tests.test_labels import people

INTERVIEW = """\
Глава порта: причал сдадим в декабре

Начальник морского порта Мурманск Иван Петров в интервью агентству рассказал о ремонте причалов.

— Иван Сергеевич, когда сдадут второй причал?

— Второй причал сдадим в декабре, работы идут по графику.

Подрядчик уже завез сваи и начал бетонирование.

— То есть задержек не будет?

— Задержек не ожидаем, деньги выделены полностью: четыре миллиарда рублей.

— Но ведь в прошлом году сроки срывались.

— Срывались из-за поставок металла, сейчас металл на складе.

Беседовала Анна Смирнова
"""


def test_dashes_alternate_journalist_and_interviewee():
    got = people(INTERVIEW)
    role = "Начальник морского порта Мурманск"
    assert got == [
        ("G", "publisher"),
        ("Анна Смирнова", "journalist"),
        ("Иван Петров", role),
        ("Анна Смирнова", "journalist"),
        ("Иван Петров", role),
        # A question with no question mark, in its turn of the alternation.
        ("Анна Смирнова", "journalist"),
        ("Иван Петров", role),
    ]


def test_without_a_byline_the_questions_are_a_voice_and_english_leads_name_the_interviewee():
    english = (
        "Harbour chief on the new pier\n\n"
        "In an interview with Jane Holm, the harbour master explained the works.\n\n"
        "— When will the pier open?\n\n— In December, on schedule.\n\n"
        "— And the cost?\n\n— Four million pounds, all of it funded.\n"
    )
    assert [n for n, _ in people(english)] == [
        "G",
        "Question",
        "Jane Holm",
        "Question",
        "Jane Holm",
    ]


def test_a_story_quoting_people_with_dashes_is_no_interview():
    """Nobody, or two people, named as interviewed in the lead: the dashes are left as text."""
    story = INTERVIEW.replace("в интервью агентству рассказал", "сообщил")
    assert [n for n, _ in people(story)] == ["G"]
    two = INTERVIEW.replace(
        "рассказал о ремонте причалов.",
        "рассказал о ремонте причалов, а Олег Смирнов в беседе добавил о кранах.",
    )
    assert [n for n, _ in people(two)] == ["G"]
