"""Any script: language detection, per-script stemming, transliterated ids, questions by language."""

from __future__ import annotations

from pathlib import Path

from stenogram.retrieval.answers.answer import Answerer
from stenogram.retrieval.documents.corpus import load_corpus
from stenogram.retrieval.documents.language import detect
from stenogram.retrieval.documents.speakers import slug
from stenogram.retrieval.questions.query import check_question
from stenogram.retrieval.search.bm25 import RankBM25Retriever
from stenogram.retrieval.tokenize import query_tokens, tokens

DECREE = (
    "О награждении государственными наградами\n\n"
    "За мужество и самоотверженность, проявленные при спасении людей и ликвидации "
    "последствий стихийного бедствия, наградить орденом Мужества военнослужащих.\n\n"
    "Государственные служащие призваны соблюдать общие принципы служебного поведения "
    "и противодействовать коррупции в органах власти.\n"
)


def test_detect_by_script():
    assert detect(DECREE) == "ru"
    assert detect("The harbour board met on Monday.") == "en"
    assert detect("Η συνεδρίαση του λιμενικού συμβουλίου") == "greek"
    assert detect("1234 -- !!") == ""


def test_russian_words_are_stemmed_as_russian_and_stop_words_dropped():
    assert tokens("наградить орденом")[0] == query_tokens("Кого наградили?")[0]
    assert "и" not in tokens("мужество и самоотверженность")
    assert tokens("принципы коррупции") == tokens("принципов коррупция")
    assert tokens("running harbours") == ["run", "harbour"]  # English unchanged


def test_ids_are_transliterated_never_unknown():
    assert slug("Владимир Путин") == "vladimir-putin"
    assert slug("Указ 18454") == "ukaz-18454"
    assert slug("İlkin") == "ilkin"


def test_a_russian_question_over_russian_documents_is_answered(tmp_path: Path):
    (tmp_path / "ukaz.txt").write_text(DECREE, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    doc = corpus.documents["ukaz"]
    assert doc.meta.language == "ru"
    assert doc.meta.title == "О награждении государственными наградами"
    answerer = Answerer(corpus, RankBM25Retriever.from_corpus(corpus))
    answer = answerer.ask("За что наградили военнослужащих?")
    assert not answer.problem
    assert answer.quotes and "мужество" in answer.quotes[0].text
    refused = answerer.ask("Who was awarded the order?")
    assert refused.problem == "My documents are in Russian; please ask your question in Russian."


BRIEFING_RU = """\
Д.Песков: Добрый день. Завтра Президент проведёт совещание по развитию транспортной инфраструктуры.

Вопрос: Будет ли обсуждаться строительство новой трассы до Казани?

Д.Песков: Да, этот вопрос есть в повестке, первый участок откроют в следующем году.

Вопрос: А сколько будет стоить проект?

Д.Песков: По предварительным оценкам, речь идёт о нескольких сотнях миллиардов рублей.
"""


def test_a_russian_verb_of_saying_frames_the_question_and_is_no_typo(tmp_path: Path):
    """ "что сказал X о Y": "сказал" is dropped like "said", never corrected into "Казани"."""
    (tmp_path / "briefing.txt").write_text(BRIEFING_RU, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    answerer = Answerer(corpus, RankBM25Retriever.from_corpus(corpus), semantic=False)
    query = answerer.read("что сказал Песков о трассе")
    assert query.terms == ("трасс",) and query.speaker_ids
    answer = answerer.ask("что сказал Песков о трассе")
    assert not answer.abstained and "первый участок" in answer.quotes[0].text


def test_check_question_names_the_documents_languages():
    assert check_question("Кто сказал о трассе?", ["en", "ru"]) == ""
    assert "English and Russian" in check_question("Τι είπε;", ["en", "ru"])
    assert "English" in check_question("Кто это сказал?")  # without languages: English only
