"""Example questions come from the loaded documents and are answered by them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stenogram.bot import telegram_html as th
from stenogram.bot.examples import examples, make_examples
from stenogram.bot.service import build_answerer
from stenogram.bot.settings import load_settings

# A corpus unlike the bundled one: a town council meeting, three named speakers.
MEETING = "\n".join(
    [
        "Riverside Town Council, regular meeting",
        "",
        "Maria Lopez: Good evening. The first item is the flood barrier on the east bank, which "
        "the engineers inspected last month after the spring storms damaged two of its gates and "
        "flooded the market square.",
        "The flood barrier needs new gates before the autumn rains; the engineers estimate the "
        "repair at four hundred thousand pounds, and the county grant covers half of it.",
        "Tom Baker: Thank you, Chair.",
        "Tom Baker: On the library budget, the reading rooms have been closed on Mondays since "
        "January, and the library budget for next year must restore the opening hours that "
        "families rely on.",
        "The library budget also has to pay for the roof, because rainwater reached the archive "
        "shelves twice this winter and soaked the parish registers.",
        "Maria Lopez: The flood barrier and the roof are both urgent; I suggest we vote on the "
        "flood barrier first and return to the library budget next week with the treasurer's "
        "figures.",
        "Anika Shah: Before the vote, the cycle lanes on Station Road are still unfinished, and "
        "the cycle lanes were promised to the school two years ago, when the council approved the"
        " safer routes plan.",
        "The contractor says the cycle lanes need three more weeks of work, but only if the "
        "council releases the money held back since the audit in March.",
        "",
    ]
)
MANIFEST = """[[document]]
file = "meeting.txt"
id = "council"
title = "Riverside Town Council, regular meeting"
kind = "transcript"
"""


@pytest.fixture
def answerer(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "meeting.txt").write_text(MEETING, encoding="utf-8")
    (corpus / "manifest.toml").write_text(MANIFEST, encoding="utf-8")
    return build_answerer(load_settings(corpus_dir=corpus, index_dir=tmp_path / "index"))


def test_examples_are_questions_these_documents_answer(answerer) -> None:
    made = examples(answerer, 3)
    assert len(made) == 3 and len(set(made)) == 3
    speakers = {sp.name for sp in answerer.corpus.speakers.values()}
    corpus_words = set(re.findall(r"\w+", MEETING.lower()))
    for question in made:
        named = re.fullmatch(r"What did (.+) say about (.+)\?", question)
        assert named, question
        assert named[1] in speakers
        assert set(named[2].lower().split()) <= corpus_words
        answer = answerer.ask(question)
        assert not answer.abstained
        assert answer.quotes[0].speaker.name == named[1]
        assert named[2].lower() in answer.quotes[0].text.lower()
    # Different people first: the examples show the range of the documents.
    assert len({re.match(r"What did (.+) say", q)[1] for q in made}) == 3


def test_a_refusal_offers_an_example_from_these_documents(answerer, tmp_path: Path) -> None:
    """ "Your question has no words I can search for" offers the first example made from the
    loaded documents, never a question about the bundled ones."""
    first = examples(answerer, 3)[0]
    for asked in ("???", "the of and", "   "):
        problem = answerer.ask(asked).problem
        assert problem.endswith(f'e.g. "{first}"'), problem
        assert "Putin" not in problem
    corpus = tmp_path / "plain"
    corpus.mkdir()
    (corpus / "note.txt").write_text("The office is closed today for repairs.\n", encoding="utf-8")
    bare = build_answerer(load_settings(corpus_dir=corpus, index_dir=tmp_path / "index2"))
    assert bare.ask("???").problem == "I need words to search for, not only punctuation or numbers."


def test_examples_are_made_once_per_answerer(answerer, monkeypatch) -> None:
    first = examples(answerer, 2)
    asked: list[str] = []
    monkeypatch.setattr(answerer, "ask", lambda q, *a, **k: asked.append(q))
    assert examples(answerer, 2) is first and asked == []


def test_a_corpus_without_substance_gives_no_examples_and_a_plain_greeting(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "note.txt").write_text("The office is closed today for repairs.\n", encoding="utf-8")
    answerer = build_answerer(load_settings(corpus_dir=corpus, index_dir=tmp_path / "index"))
    assert make_examples(answerer, 3) == []
    assert "try one of these" not in th.start_text(())
    assert "try one of these" in th.start_text(("What did A say about B?",))


def test_help_and_inline_hint_use_the_examples() -> None:
    made = ("What is said about cycle lanes?", "What did Tom <Baker> say about library budget?")
    help_text = th.help_text(made)
    assert "<i>What did Tom &lt;Baker&gt; say about library budget?</i>" in help_text
    assert "Lukashenko" not in help_text and "Lukashenko" not in th.help_text(())
    assert th.inline_hint_button(made).text == "e.g. What is said about cycle lanes?"
    assert th.inline_hint_button(()).text == th.INLINE_HINT


RUSSIAN = "\n".join(
    [
        "Брифинг пресс-секретаря",
        "",
        "Д.Песков: Добрый день. Газопровод в Китай будет достроен до конца года, поставки газа "
        "начнутся в декабре, как и планировалось по контракту с китайскими партнёрами.",
        "Вопрос: Будет ли визит в Пекин в этом году?",
        "Д.Песков: Визит в Пекин готовится, сроки визита согласуют дипломаты, и газопровод тоже "
        "будет обсуждаться во время визита, потому что это главный проект.",
        "Вопрос: Что с зерновой сделкой?",
        "Д.Песков: Зерновая сделка пока не продлена, и зерно идёт по другим маршрутам, через "
        "порты Черного моря, которые работают в обычном режиме всю осень.",
        "",
    ]
)


def test_a_refused_question_on_a_corpus_in_another_language_returns(tmp_path: Path) -> None:
    """A question in English on Russian documents is refused; the refusal asks for an example,
    whose making asks questions that are refused in turn: this once waited forever on the
    examples' own lock. It returns, and the examples are Russian questions the documents
    answer."""
    import threading

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "briefing.txt").write_text(RUSSIAN, encoding="utf-8")
    ru = build_answerer(load_settings(corpus_dir=corpus, index_dir=tmp_path / "index"))
    got: list[str] = []
    asking = threading.Thread(
        target=lambda: got.append(ru.ask("What did Peskov say about China?").problem),
        daemon=True,
    )
    asking.start()
    asking.join(timeout=60)
    assert got and "Russian" in got[0], got
    made = examples(ru, 3)
    assert made and all(q.startswith("Что ") and "на тему «" in q for q in made), made
    assert all(ru.ask(q).quotes for q in made)
