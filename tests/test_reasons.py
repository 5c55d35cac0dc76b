"""Why-questions favour a passage that states a reason ("because …", "so that …"), over a small
made-up council meeting (see retrieval/answers/reasons.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from stenogram.retrieval.answers import answer as answer_module
from stenogram.retrieval.answers.answer import Answerer
from stenogram.retrieval.answers.reasons import asks_reason, gives_reason

try:
    from small import answerer_over
except ImportError:  # pragma: no cover - when tests/ is imported as a package
    from tests.small import answerer_over

MEETING = """\
Town council meeting on the river crossing

Ms. Lind: The council closed the old bridge in March: the old bridge by the river.

Mr. Ekberg: What happens to the ferry now?

Ms. Lind: The council closed the old bridge because its pillars were cracking under the lorries.

Mr. Ekberg: Thank you. The ferry will run on Sundays as well.
"""


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    folder: Path = tmp_path_factory.mktemp("council")
    return answerer_over(folder, "meeting.txt", MEETING)


@pytest.mark.parametrize(
    "question",
    [
        "Why did they leave?",
        "How come the vote failed?",
        "What was the reason for the delay?",
        "Почему закрыли мост?",
        "Зачем нужен паром?",
    ],
)
def test_reason_questions_are_recognised(question):
    assert asks_reason(question)


@pytest.mark.parametrize("question", ["When did they leave?", "Who closed the bridge?"])
def test_other_questions_are_not(question):
    assert not asks_reason(question)


def test_reason_connectives_are_found():
    assert gives_reason("We stopped because it rained.")
    assert gives_reason("It was shut so that nobody would fall.")
    assert gives_reason("Мост закрыли, потому что опоры треснули.")
    assert not gives_reason("The bridge was closed in March.")
    assert not gives_reason("We have met since March.")  # "since" as time, not as cause


def test_a_why_question_prefers_the_passage_giving_the_reason(answerer, monkeypatch):
    question = "Why did the council close the old bridge?"
    first = answerer.ask(question).quotes[0].text
    assert first.startswith("The council closed the old bridge because")
    # Without the bonus the passage repeating the question's words comes first: the test can fail.
    monkeypatch.setattr(answer_module, "REASON_BONUS", 0.0)
    assert answerer.ask(question).quotes[0].text.startswith("The council closed the old bridge in")


def test_the_bonus_is_for_why_questions_only(answerer):
    first = answerer.ask("When did the council close the old bridge?").quotes[0].text
    assert first.startswith("The council closed the old bridge in")


def test_the_quick_check_of_a_reason_decides_as_the_pattern_does() -> None:
    """gives_reason() settles ASCII text without a connective by substring searches; on every
    passage of the seeds and the real corpora, as written and with its letters' case scrambled,
    it decides as the pattern itself."""
    import random

    from stenogram.retrieval.answers.reasons import _GIVES
    from stenogram.retrieval.documents.corpus import load_corpus

    root = Path(__file__).resolve().parent.parent
    texts = [p.text for p in load_corpus(root / "seeds").passages]
    texts += [
        "We left BECAUSE it rained.",
        "It was closed Due To the storm.",
        "Since The war began",
        "since  they came",  # two spaces: \\s+
        "sincerely yours",  # no word boundary after 'since …'
        "So\tthat is all",  # a tab is not the pattern's space
        "THAT'S WHY",
        "the reasonable man",
        "purposeful",
        "Потому что",
        "İN ORDER TO",  # not ASCII: the pattern decides
    ]
    rnd = random.Random(7)
    texts += [
        "".join(c.upper() if rnd.random() < 0.5 else c.lower() for c in t) for t in texts[:300]
    ]
    decided = [gives_reason(t) for t in texts]
    assert decided == [bool(_GIVES.search(t)) for t in texts]
    assert 0 < sum(decided) < len(texts)
