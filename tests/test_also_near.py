"""Fewer confident quotes than asked for: the next nearest passages follow them as closest
passages, marked as no direct answer (answer.py, render.py, telegram_html.py), over a made-up
hearing where one passage answers and others come near."""

from __future__ import annotations

from pathlib import Path

import pytest

from stenogram.bot.render import ALSO, CLOSEST, to_text
from stenogram.bot.telegram_html import answer_keyboard, answer_messages
from stenogram.retrieval.answers.answer import Answerer

try:
    from small import answerer_over
except ImportError:  # pragma: no cover - when tests/ is imported as a package
    from tests.small import answerer_over

IDLE = (
    "The cider press stood idle through the autumn, and nobody could pay the wages of the "
    "pickers, the drivers or the carpenters who had mended the barn roof in the summer after "
    "the great storm that flattened the fences."
)
HEARING = f"""\
Hearing on the orchard cooperative

MS. VALE: Good morning. What happened at the orchard this year?

MR. BRANDT: The cooperative closed the cider press because the orchard lost its apples to frost.

MS. VALE: And the bakery?

MR. BRANDT: The bakery stayed open all winter, and the baker sold bread in the village square.

MS. VALE: What about the old mill by the river?

MR. BRANDT: The mill by the river needs a new roof before the spring floods, the engineers said.

MS. VALE: Thank you, that is helpful.

MR. BRANDT: {IDLE}
"""

QUESTION = "Did the cooperative close the cider press?"


@pytest.fixture()
def answerer(tmp_path: Path) -> Answerer:
    return answerer_over(tmp_path, "hearing.txt", HEARING)


def test_a_narrow_answer_is_followed_by_the_next_nearest_passages(answerer):
    answer = answerer.ask(QUESTION, k=3)
    assert answer.quotes and not answer.abstained
    assert len(answer.quotes) < 3 and answer.closest  # room left, filled by what comes near
    assert len(answer.quotes) + len(answer.closest) <= 3
    quoted = {q.citation.passage_id for q in answer.quotes}
    assert not quoted & {q.citation.passage_id for q in answer.closest}
    assert all(q.score < answer.quotes[0].score for q in answer.closest)


def test_enough_confident_quotes_leave_no_room(answerer):
    answer = answerer.ask(QUESTION, k=1)
    assert len(answer.quotes) == 1 and answer.closest == ()


def test_a_page_after_the_quotes_continues_with_the_closest_passages(answerer):
    whole = answerer.ask(QUESTION, k=3)
    later = answerer.ask(QUESTION, k=2, offset=len(whole.quotes))
    assert later.quotes == ()
    assert [q.text for q in later.closest][:1] == [whole.closest[0].text]


def test_the_renderers_mark_them_as_no_direct_answer(answerer):
    answer = answerer.ask(QUESTION, k=3)
    text = to_text(answer)
    assert CLOSEST not in text  # there is a direct answer
    near = answer.closest[0].text
    assert text.index("cider press because") < text.index(ALSO) < text.index(near[:30])
    html = "\n".join(answer_messages(answer, "StenogramBot"))
    assert html.index("because the orchard") < html.index(ALSO) < html.index(near.split()[-1])
    keyboard = answer_keyboard(answer, 0, 3)
    assert keyboard is not None
    assert len(keyboard.inline_keyboard[0]) == len(answer.quotes) + len(answer.closest)
