"""Reading a question as people type it: typos, chat filler, lay words, speakers by role or
nationality, words the documents never use. Over a small made-up corpus (no seed words)."""

from __future__ import annotations

from pathlib import Path

import pytest

from stenogram.retrieval.answers.answer import Answerer
from stenogram.retrieval.documents.corpus import load_corpus
from stenogram.retrieval.questions.places import country
from stenogram.retrieval.questions.question import SEPARATOR, _shares_piece
from stenogram.retrieval.questions.spelling import common_word
from stenogram.retrieval.search.bm25 import RankBM25Retriever

try:
    from small import answerer_over
except ImportError:  # pragma: no cover - when tests/ is imported as a package
    from tests.small import answerer_over

TRANSCRIPT = """\
Summit on the northern harbour
* * *
Prime Minister of Norway Ingrid Holm: Good morning. The harbour authority reported that the storm destroyed forty fishing boats and damaged the northern pier.
Our government will rebuild the pier before the winter season, and the fishermen will receive compensation.
President of Finland Matti Ek: We sent two hundred troops to help clear the debris from the harbour.
The weapons depot near the coast was secured by the police during the emergency.
Foreign Minister of Norway Lars Vik: We informed the neighbouring governments about the evacuation of the coastal villages.
Secretary General of the Nordic Council Eva Lund: The council will finance a new lighthouse on the island.
President of Finland Matti Ek: Education matters too: the coastal students attended lessons in temporary classrooms.
"""  # noqa: E501 - a turn is one line of the document, as transcripts print it


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    folder: Path = tmp_path_factory.mktemp("nordic")
    (folder / "summit.txt").write_text(TRANSCRIPT, encoding="utf-8")
    corpus = load_corpus(folder)
    return Answerer(corpus, RankBM25Retriever.from_corpus(corpus))


def names(answerer: Answerer, question: str) -> set[str]:
    return {answerer.corpus.speakers[s].name for s in answerer.read(question).speaker_ids}


# ---------------------------------------------------------------- spelling


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("harbor", "harbour"),
        ("compensaton", "compens"),
        ("lighthose", "lighthous"),
        ("evacuaton", "evacu"),
    ],
)
def test_misspelt_words_are_corrected_to_the_corpus_spelling(answerer, typed, meant):
    query = answerer.read(f"what about the {typed}")
    assert any(t.startswith(meant) for t in query.terms), query.terms
    assert query.corrections and query.corrections[0][0] == typed
    assert not query.unknown


def test_a_typo_no_longer_sinks_a_good_answer(answerer):
    answer = answerer.ask("how many fishing boats did the storm destoy")
    assert answer.quotes, answer
    assert "forty fishing boats" in answer.quotes[0].text


def test_a_real_word_is_not_corrected_into_another(answerer):
    # "shut" is an English word: it is not read as the corpus's "shot" or anything else.
    query = answerer.read("did they shut the pier")
    assert all(typed != "shut" for typed, _ in query.corrections)


def test_a_typo_of_an_english_word_the_documents_never_use_is_read_as_that_word(answerer):
    # "soldiers" is no corpus word and "soldeirs" no typo of one: it is the English word, a lay
    # word matched by meaning, not a name the documents never mention.
    query = answerer.read("how many soldeirs were sent")
    assert ("soldeirs", "soldiers") in query.corrections and not query.unknown
    assert "troop" in dict(query.alternatives.get("soldier", ()))
    assert "two hundred troops" in answerer.ask("how many soldeirs were sent").quotes[0].text


@pytest.mark.parametrize(
    "typed, meant",
    [("recieve", "receive"), ("vilage", "village"), ("begining", "beginning"), ("kowalczyk", "")],
)
def test_common_word_typos(typed, meant):
    assert common_word(typed) == meant


def test_a_word_sharing_only_a_piece_is_no_neighbour_in_meaning():
    # Word vectors built from word pieces put "arrest" near "unrest"; that is spelling, not meaning.
    assert _shares_piece("unrest", "arrested") and _shares_piece("sum", "summit")
    assert not _shares_piece("troops", "soldiers") and not _shares_piece("police", "cops")
    # Words that open alike are one family, whose nearness in meaning is kept.
    assert not _shares_piece("decision", "decide") and not _shares_piece("economic", "economy")


# ---------------------------------------------------------------- chat filler and lay words


def test_chat_filler_is_not_content(answerer):
    query = answerer.read("anyone know actually what happened to the pier lol")
    assert query.terms == ("pier",)


def test_chat_abbreviations_are_expanded(answerer):
    assert "peopl" in answerer.read("how many ppl were evacuated").terms


def test_more_chat_abbreviations_are_read_as_their_words(answerer):
    query = answerer.read("wat abt the pier thx")
    assert query.terms == ("pier",) and not query.unknown


def test_chat_spellings_of_function_words_are_no_topic_and_no_name(answerer):
    """ "shud", "w/" and a misspelt filler word ("actualy") are read as the words they stand
    for, which are no topic: none of them is "a name my documents never mention"."""
    for question in (
        "what shud i know about the pier",
        "what happened w/ the pier",
        "what happened w/o the pier",
        "what actualy happened to the pier",
    ):
        query = answerer.read(question)
        assert query.terms == ("pier",) and not query.unknown, question
    # A word no list explains is still a name: the note stays.
    assert answerer.read("what did kowalczyk say about the pier").unknown


def test_chat_shorthand_is_no_name_the_documents_never_mention(answerer):
    """ "rn", "smth", "vs" (no vowel), "wats", "op" and a figure with a unit's letters ("2br")
    are how people type in a chat: none of them is "a name my documents never mention", which
    would leave the reply with nothing. A word no rule explains is still a name."""
    for question in (
        "how many troops r at the harbour rn",
        "did the police secure the weapons depot or smth",
        "wats the pier plan",
        "the pier vs the lighthouse",
        "was the evacuation op on the coast",
        "how many 2br classrooms for the coastal students",
    ):
        query = answerer.read(question)
        assert not query.unknown, (question, query.unknown)
        assert answerer.ask(question).quotes or answerer.ask(question).closest, question
    assert "oper" in answerer.read("was the evacuation op on the coast").terms
    assert answerer.read("what did kowalczyk say rn").unknown == ("kowalczyk",)


def test_a_model_name_typed_without_its_hyphen_finds_the_documents_spelling(tmp_path):
    """ "f16s" and "sm2s" are how chat types "F-16s" and "SM-2s": the pieces the documents use
    are searched, not "a name my documents never mention"."""
    answerer = answerer_over(
        tmp_path,
        "briefing.md",
        "MR. KIRBY: The F-16s for Turkey are not linked to Sweden's membership in NATO.\n\n"
        "GEN. CAINE: The destroyer fired four SM-2s at the incoming drones.\n",
    )
    for question, word in (("are the f16s tied to sweden", "16s"), ("how many sm2s", "2s")):
        query = answerer.read(question)
        assert word in query.terms and not query.unknown, question
    assert "F-16s" in answerer.ask("are the f16s tied to sweden").quotes[0].text
    assert answerer.read("what did they say about the zx81").unknown == ("zx81",)


def test_a_small_number_typed_in_figures_finds_it_spelt_out(answerer):
    """ "2 hundred troops" is "two hundred": a small number the documents spell out is no
    figure they never mention; one they never give still is."""
    query = answerer.read("did finland send 2 hundred troops")
    assert "two" in query.terms and not query.unknown
    assert answerer.read("did finland send 27 troops").unknown == ("27",)


def test_a_lone_percent_sign_is_the_word(tmp_path):
    """ "tax cut for wat % of ppl": the sign stands for "percent" (the transcript says "95
    percent"); "95%" stays a figure."""
    answerer = answerer_over(
        tmp_path,
        "debate.md",
        "OBAMA: I want to provide a tax cut for 95 percent of working Americans.\n\n"
        "MCCAIN: I want to cut the capital gains tax for every family in America.\n",
    )
    assert "percent" in answerer.read("obama tax cut for wat % of ppl").terms
    assert "percent" not in answerer.read("a tax cut for 95% of people").terms
    assert "95 percent" in answerer.ask("obama tax cut for wat % of ppl").quotes[0].text


def test_a_russian_name_in_another_case_is_no_name_never_mentioned(tmp_path):
    """ "Китаем" beside the document's "Китая": Snowball cuts them "кита" and "кит"; the name is
    mentioned all the same, while one the documents never use still is not."""
    answerer = answerer_over(
        tmp_path,
        "line.md",
        "В.Путин: Товарооборот России и Китая в прошлом году превысил 240 миллиардов долларов.\n\n"
        "Вопрос: Спасибо. А что с мостом через Лену, когда его построят?\n",
    )
    assert answerer.read("Какой товарооборот между Россией и Китаем?").unknown == ()
    assert answerer.read("Какой товарооборот с Бразилией?").unknown == ("Бразилией",)


def test_a_chat_spelling_the_documents_use_is_read_as_written(tmp_path):
    """ "op" stands for "operation" only where the documents do not use the word itself."""
    answerer = answerer_over(
        tmp_path, "talk.md", "MS. DAHL: The op was cancelled, and the orchestra played no op.\n"
    )
    assert "op" in answerer.read("what happened to the op").terms


def test_how_much_per_thing_is_a_fragment_that_follows_up(answerer):
    """ "how much per pier" after a question holds one topic word: "per" frames the rate asked
    for, so the message is read as a follow-up of the question before it."""
    assert answerer.read("how much per pier").terms == ("pier",)
    before = answerer.ask("what did the harbour master say about the budget")
    assert SEPARATOR in answerer.read("how much per pier", before.read_as).read_as


def test_a_question_of_everyday_words_alone_follows_up(answerer):
    """ "how many went back" names no topic of its own ("go", "back" are among the commonest
    English words): after a question it is read in that question's context; "how many boats
    sank" names one and stands alone."""
    before = answerer.ask("how many fishing boats did the storm destroy")
    assert SEPARATOR in answerer.read("how many went back", before.read_as).read_as
    assert SEPARATOR not in answerer.read("how many troops were sent", before.read_as).read_as


def test_a_noun_in_the_other_number_finds_the_corpus_word(tmp_path):
    """Snowball stems "buses" to "buse" and "crises" to "crise": the question's form is read as
    the form the documents use when only that one is in them."""
    answerer = answerer_over(
        tmp_path,
        "hearing.md",
        "MS. DAHL: Every pupil who lives beyond two miles of the school gets a bus.\n\n"
        "MR. VIK: We have weathered three crises in the harbour fund since the war.\n",
    )
    assert "bus" in answerer.read("what about the buses for pupils").terms
    assert "crise" in answerer.read("how many crisis in the harbour fund").terms
    assert answerer.ask("what did dahl say about buses").quotes[0].text.endswith("gets a bus.")


def test_lay_word_matches_a_corpus_word_by_meaning(answerer):
    query = answerer.read("how many soldiers were sent")
    assert "troop" in dict(query.alternatives.get("soldier", ()))
    answer = answerer.ask("how many soldiers were sent")
    assert answer.quotes and "two hundred troops" in answer.quotes[0].text


def test_unknown_name_gets_no_confident_answer(answerer):
    answer = answerer.ask("what did kowalczyk say about the harbour")
    assert answer.abstained and not answer.quotes
    assert any("kowalczyk" in n for n in answer.notes)


def test_a_subject_never_mentioned_gets_the_note_alone(answerer):
    # "harbour" and "boats" are everywhere, Kowalczyk nowhere: no closest passages either.
    answer = answerer.ask("How many boats did Kowalczyk lose in the harbour?")
    assert not answer.quotes and not answer.closest
    assert answer.notes == ("My documents never mention Kowalczyk.",)
    # Without the unknown name the same words find the passage.
    assert answerer.ask("How many boats were lost in the harbour?").quotes


@pytest.mark.parametrize(
    "question, word",
    [
        ("How many boats did the NHA say the storm destroyed?", "NHA"),  # an acronym
        ("what did the ceo say about the storm and the boats", "ceo"),  # an office
        ("how many boats were destroyd in the shuting storm", "shuting"),  # shutting? shouting?
        ("how many boats did the NHA's report say the storm destroyed", "NHA's"),  # possessive
    ],
)
def test_a_word_that_may_be_no_name_keeps_the_closest_passages(answerer, question, word):
    # Never an answer (the word may be a name they lack), but not a bare note either: the
    # acronym may stand for words the documents write out, the typo for a word they use.
    answer = answerer.ask(question)
    assert answer.notes == (f"My documents never mention {word}.",)
    assert not answer.quotes
    assert answer.closest and "forty fishing boats" in answer.closest[0].text


def test_a_body_named_whole_names_the_speaker_for_it(answerer):
    assert names(answerer, "What will the Nordic Council finance?") == {"Eva Lund"}
    assert names(answerer, "what did the council finance") == set()  # one word of it: a topic


def test_each_unknown_word_is_named_once_as_typed(answerer):
    # A capitalised name is both an unknown word and an unknown entity: one mention, as typed.
    query = answerer.read("How much did the harbour authority pay Kowalczyk, and why kowalczyk?")
    assert [w.casefold() for w in query.unknown].count("kowalczyk") == 1
    assert "Kowalczyk" in query.unknown
    note = " ".join(answerer.ask("How much did the harbour pay Kowalczyk?").notes)
    assert note.count("owalczyk") == 1, note


@pytest.mark.parametrize(
    "question",
    [
        "What did Lund tell Ingrid Holm about the lighthouse?",  # another speaker named as a topic
        "couldn't the pier be rebuilt before the winter?",  # what is left of "n't"
        "What did the Council's Lighthouse-Island plan cost?",  # hyphen and possessive
    ],
)
def test_words_the_documents_use_are_not_unknown(answerer, question):
    assert answerer.read(question).unknown == ()


def test_a_country_the_documents_never_name_gets_no_confident_answer(answerer):
    answer = answerer.ask("did brazil help with the harbour")  # lower case, still a country
    assert answer.abstained
    assert any("brazil" in n for n in answer.notes)


# ---------------------------------------------------------------- speakers


@pytest.mark.parametrize(
    "question, who",
    [
        ("what did the norwegian pm say about the pier", "Ingrid Holm"),
        ("what did the finnish president say about the harbour", "Matti Ek"),
        ("finland president on the harbour", "Matti Ek"),
        ("what did the finnish guy say about troops", "Matti Ek"),
        ("what did the finnish envoy say about troops", "Matti Ek"),
        ("what did the finnish ambassador say about troops", "Matti Ek"),
        ("norway fm on the evacuation", "Lars Vik"),
        ("what did the sec gen say about the lighthouse", "Eva Lund"),
        ("holm on the pier", "Ingrid Holm"),
        ("what did ek say about troops", "Matti Ek"),  # a two-letter surname, unambiguous
    ],
)
def test_speakers_by_surname_role_country_and_abbreviation(answerer, question, who):
    assert names(answerer, question) == {who}


def test_a_demonym_alone_does_not_name_a_speaker(answerer):
    assert names(answerer, "what happened to the norwegian fishermen") == set()


def test_countries_from_names_demonyms_and_codes():
    assert {country(w) for w in ("kz", "kazakh", "kazakhstani", "kazakhstan")} == {"kazakhstan"}
    assert country("belarusian") == "belarus" and country("pm") == ""
    assert country("us") == ""  # an English word first


def test_word_vectors_load_from_the_wheel_without_network(monkeypatch):
    import socket

    from stenogram.retrieval.questions import semantic

    def refuse(*args, **kwargs):
        raise AssertionError("network touched")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    semantic.model.cache_clear()
    vectors = semantic.model().embed(["soldiers", "troops", "weather"], norm=True)
    assert vectors.shape == (3, 256)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]  # the model's meanings, not noise


def test_loading_the_word_vectors_leaves_logging_alone():
    """Importing wordllama calls logging.basicConfig(INFO); the bot's log level must not change
    (at INFO, httpx would log request URLs holding the bot token)."""
    import subprocess
    import sys

    script = (
        "import logging, sys\nfrom retrieval.questions import semantic\nsemantic.model()\n"
        "root = logging.getLogger()\n"
        "print(root.level, len(root.handlers), 'wordllama' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.split() == ["30", "0", "False"]  # WARNING, no handler: as Python starts


def test_static_embedding_is_wordllamas():
    """Reading wordllama's files directly gives the vectors wordllama itself computes."""
    import numpy as np
    import wordllama
    from wordllama.inference import WordLlamaInference

    from stenogram.retrieval.questions import semantic

    ours = semantic.model()
    theirs = WordLlamaInference(
        ours.vectors,
        ours.tokenizer.__class__.from_file(
            str(Path(wordllama.__file__).parent.joinpath(*semantic.TOKENIZER))
        ),
    )
    texts = ["soldiers", "The CSTO peacekeepers left Kazakhstan.", "x", "Ruritania's harbour"]
    assert np.allclose(ours.embed(texts), theirs.embed(texts, norm=True), atol=1e-5)


def test_a_role_of_stop_words_names_nobody():
    # A label misread as name "Acting President", role "The": "the" in a question names nobody.
    from stenogram.retrieval.model import Speaker
    from stenogram.retrieval.questions.question import QuestionReader

    speakers = [
        Speaker("acting-president", "Acting President", role="The"),
        Speaker("ingrid-holm", "Ingrid Holm", role="Prime Minister of Norway"),
    ]
    vocabulary = [("meet", 3), ("order", 2), ("call", 2), ("time", 2)]
    reader = QuestionReader(
        speakers, vocabulary, lambda t: 1.0 if t in dict(vocabulary) else 9.0, semantic=False
    )
    assert reader.read("At what time was the meeting called to order?").speaker_ids == ()
    assert reader.read("what did the norwegian pm say").speaker_ids == ("ingrid-holm",)


# ---------------------------------------------------------------- roles no speaker holds

ROLES = """\
Harbour summit
* * *
President of Finland Matti Ek: Norway sent two ships to the harbour, and the Prime Minister of Norway visited the pier yesterday.
Anna Berg: The pier needs money for repairs, and so do the fishermen of the northern coast.
"""  # noqa: E501 - a turn is one line of the document, as transcripts print it


@pytest.fixture(scope="module")
def roles(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    folder: Path = tmp_path_factory.mktemp("roles")
    return answerer_over(folder, "summit.txt", ROLES)


def test_a_role_the_documents_never_name_gets_the_note_alone(roles):
    # Norway and presidents are both in the documents; a president of Norway is not.
    assert roles.read("who is the president of norway").role is not None
    answer = roles.ask("who is the new president of norway")
    assert not answer.quotes and not answer.closest
    assert answer.notes == ("My documents never mention a president of Norway.",)
    # Of a country they never name, the note names the country alone.
    assert roles.ask("who is the president of brazil").notes == (
        "My documents never mention brazil.",
    )


def test_a_role_named_in_a_passage_is_mentioned(roles):
    answer = roles.ask("did the norwegian pm visit the pier")
    assert not answer.notes  # the documents name the role: no "never mention" note
    assert "Prime Minister of Norway" in (answer.quotes or answer.closest)[0].text


def test_a_role_a_speaker_holds_names_the_speaker_and_is_not_checked(roles):
    query = roles.read("what did the finnish president say about the ships")
    assert query.role is None and query.speaker_ids
    assert roles.ask("what did the finnish president say about the ships").quotes


SUMMIT = """\
Ferry summit
* * *
Prime Minister of Sweden Lars Holm: The ferries to the islands will sail all winter.
Anna Berg: The pier needs money for repairs.
Lars Holm: We will pay for the pier in the spring.
"""


def test_an_office_of_another_country_is_not_the_speaker_holding_it_here(tmp_path):
    answerer = answerer_over(tmp_path, "summit.txt", SUMMIT)
    assert answerer.read("what did the prime minister say about the pier").speaker_ids == (
        "lars-holm",
    )
    # Of a country the documents name nowhere as his: not Sweden's prime minister.
    query = answerer.read("who is the new prime minister of norway")
    assert query.speaker_ids == ()
    assert not answerer.ask("who is the new prime minister of norway").quotes


LOCKUP = """\
Briefing on the night of the riots
* * *
Chief Inspector Alma Reyes: The unrest spread from the market square to the station after midnight, and the unrest continued until dawn.
Chief Inspector Alma Reyes: Our officers detained three hundred people in the old town before the curfew.
Mayor Tomas Berg: The city will repair the station and the market stalls by the end of the month.
"""  # noqa: E501 - a turn is one line of the document, as transcripts print it


def test_a_lay_word_whose_only_near_word_is_a_piece_takes_its_nearest_below_the_bar(
    tmp_path, monkeypatch
):
    # "arrested" is never used; its nearest corpus word, "unrest", is a word piece, not a
    # meaning, and nothing else reaches MIN_SIMILARITY: "detained" (0.42) counts for it.
    from stenogram.retrieval.questions import question as question_module

    (tmp_path / "briefing.txt").write_text(LOCKUP, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    answerer = Answerer(corpus, RankBM25Retriever.from_corpus(corpus))
    alternatives = dict(answerer.read("how many people were arrested").alternatives)
    assert "detain" in dict(alternatives.get("arrest", ()))
    answer = answerer.ask("how many people were arrested")
    assert answer.quotes and "detained three hundred people" in answer.quotes[0].text
    # Without the lower bar nothing counts for "arrested", and the passage is no confident answer.
    monkeypatch.setattr(question_module, "LAST_RESORT_SIMILARITY", 1.0)
    bare = Answerer(corpus, RankBM25Retriever.from_corpus(corpus))
    assert not bare.read("how many people were arrested").alternatives.get("arrest")
    assert not bare.ask("how many people were arrested").quotes


RIOT = """\
City briefing on the bridge riot
* * *
Commissioner Lena Dahl: Eleven members of law enforcement were injured during the riot on the bridge.
Mayor Tomas Berg: The police station on the square will reopen on Monday after the repairs.
Mayor Tomas Berg: The CSC audit of 2021 found the second bridge sound, and the CSTO delegation agreed.
"""


def test_a_known_word_counts_the_documents_word_near_it_at_the_lay_bar(tmp_path, monkeypatch):
    # "police" is a word of the documents, but the answer calls them "law enforcement"
    # (0.48 apart): at the lay words' bar (0.45) "enforcement" counts for "police" at half its
    # similarity, and the passage stating the figure is the answer.
    from stenogram.retrieval.questions import question as question_module

    (tmp_path / "briefing.txt").write_text(RIOT, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    answerer = Answerer(corpus, RankBM25Retriever.from_corpus(corpus))
    assert "enforc" in dict(answerer.read("how many police were injured").alternatives["polic"])
    answer = answerer.ask("how many police were injured")
    assert answer.quotes and "Eleven members of law enforcement" in answer.quotes[0].text
    # At the former bar (0.6) nothing counts for "police", and no passage answers confidently.
    monkeypatch.setattr(question_module, "SYNONYM_SIMILARITY", 0.6)
    strict = Answerer(corpus, RankBM25Retriever.from_corpus(corpus))
    assert not strict.read("how many police were injured").alternatives.get("polic")
    assert not strict.ask("how many police were injured").quotes


def test_a_year_or_an_acronym_has_no_near_synonyms(tmp_path):
    # Word vectors know no meaning of "2021" or "CSTO", only their pieces ("second", "CSC").
    (tmp_path / "briefing.txt").write_text(RIOT, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    answerer = Answerer(corpus, RankBM25Retriever.from_corpus(corpus))
    query = answerer.read("what did the csto audit find in 2021")
    assert {"csto", "2021"} <= set(query.terms)
    assert "csto" not in query.alternatives and "2021" not in query.alternatives


NETWORK = """\
Briefing on the blackout
* * *
Minister Ada Holm: Our international partners sent engineers to the capital on Tuesday.
Minister Ada Holm: The ministry concluded its review of the power grid.
Engineer Jon Rask: The internet came back in the evening, after the cables were repaired.
"""


def test_a_shared_prefix_is_a_family_only_when_the_words_are_near_in_meaning(tmp_path):
    # "intern" opens "internet" and "international": no family ("what did Holm say about the
    # internet" is not answered by her international partners); "concluded" and "conclusion"
    # are one.
    (tmp_path / "briefing.txt").write_text(NETWORK, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    answerer = Answerer(corpus, RankBM25Retriever.from_corpus(corpus))
    assert answerer.retriever.variants("internet") == ["internat"]
    assert not answerer.ask("what did holm say about the internet").quotes
    conclusion = answerer.ask("what did holm say about the conclusion of the review")
    assert conclusion.quotes and "concluded its review" in conclusion.quotes[0].text
    # Without word vectors the shared prefix alone makes the family, as before.
    lexical = Answerer(corpus, RankBM25Retriever.from_corpus(corpus), semantic=False)
    assert (
        "international partners"
        in lexical.ask("what did holm say about the internet").quotes[0].text
    )


def test_a_word_of_another_script_keeps_its_prefix_family(tmp_path, monkeypatch):
    # The vectors rank Cyrillic words less well: "государств" and "государствен" stay one family
    # by their shared letters alone, the vectors not asked (here they would say no to all).
    from stenogram.retrieval.answers import answer as answer_module

    monkeypatch.setattr(answer_module, "kin", lambda word, others: [False] * len(others))
    (tmp_path / "ukaz.txt").write_text(
        "О государственной службе\n\n1. Государство обеспечивает защиту государственных"
        " служащих.\n\n2. Служащий соблюдает правила поведения на службе.\n",
        encoding="utf-8",
    )
    corpus = load_corpus(tmp_path)
    answerer = Answerer(corpus, RankBM25Retriever.from_corpus(corpus))
    assert answerer._family("государств") == {"государствен"}


PODCAST = """\
Harbour talk, episode 3

Jorunn Vik: Welcome to the show. Today our guest is Tor Brandt, who builds ferries.

Tor Brandt: Thanks, Jorunn. Ferries for cold harbours need thick steel hulls.

Mark Dahl: And the crews, Tor? Who pays them in winter?

Tor Brandt: The harbour board pays the crews before the ice comes.

Tor Olsen: I build the piers, and the piers need oak.
"""


def test_a_given_name_names_the_one_speaker_who_has_it(tmp_path):
    answerer = answerer_over(tmp_path, "episode.md", PODCAST)
    query = answerer.read("What did Jorunn say about the guest?")
    assert query.speaker_ids == ("jorunn-vik",) and query.terms == ("guest",)
    assert answerer.read("what did jorunn say about ferries").speaker_ids == ("jorunn-vik",)
    assert answerer.read("What did Tor say about hulls?").speaker_ids == ()  # two speakers
    # A common word that is also a speaker's given name names them only written as a name.
    assert answerer.read("Mark the day the crews are paid").speaker_ids == ()  # first word
    assert answerer.read("on what mark are the crews paid").speaker_ids == ()
    assert answerer.read("What did Mark say about the crews?").speaker_ids == ("mark-dahl",)
    first = answerer.ask("What did Mark say about the crews?").quotes[0]
    assert first.speaker.name == "Mark Dahl"


MOORINGS = """\
Harbour talk, episode 4

Jorunn Vik: What should listeners know about moorings?

Tor Brandt: If you own a boat, you pay the harbour board for a mooring.

Tor Brandt: Boats and more boats fill the harbour all summer.

Jorunn Vik: And the ferries, Tor? Are they ready for the winter crossings?

Tor Brandt: The ferries get new engines and thicker hulls before the ice comes.

Jorunn Vik: Thank you, Tor. Next week we talk about lighthouses and their keepers.
"""


def test_own_is_the_verb_unless_it_stresses_a_possessive(tmp_path):
    answerer = answerer_over(tmp_path, "episode.md", MOORINGS)
    assert answerer.read("What about the boats people own?").terms == ("boat", "peopl", "own")
    # "their own" stresses whose: no word to search for (and none in "on its own").
    assert "own" not in answerer.read("What about their own boats?").terms
    assert "own" not in answerer.read("Can a boat sail on its own?").terms
    # The verb counts: the passage saying "if you own a boat" answers first, above the shorter
    # one that only says "boats" (as a stop word, "own" left that one first).
    answer = answerer.ask("What about the boats you own?")
    assert answer.quotes and answer.quotes[0].text.startswith("If you own a boat")


RUSSIAN = """\
Совещание по паводковой ситуации

В.Путин: Добрый день, уважаемые коллеги! Начнём с подготовки к весеннему паводку.

Д.Патрушев: В прошлом году расчищено 412 километров русел рек, на этот год – 530 километров.

В.Путин: Хорошо. А что с жильём в опасных районах?

М.Хуснуллин: Мы предлагаем запретить выдачу разрешений на строительство жилья в зонах затопления.

В.Путин: Спасибо. Прошу подготовить поручения по итогам совещания.
"""


def test_a_russian_word_family_keeps_five_letters(tmp_path):
    """Snowball's Russian stems keep alternations a sixth letter would split ("расчист" for
    "расчистить", "расчищ" for "расчищено"; "предлож", "предлаг"): a Russian term's family
    is its first five letters, so such a question gets a confident answer."""
    from stenogram.retrieval.search.bm25 import prefix_length, prefix_variants

    assert prefix_length("расчист") == 5 and prefix_length("conclud") == 6
    assert prefix_variants(["расчищ", "расчист", "русл"], "расчист") == ["расчищ"]
    assert prefix_variants(["conclud", "conclus", "concret"], "conclud") == ["conclus"]
    answerer = answerer_over(tmp_path, "meeting.txt", RUSSIAN)
    answer = answerer.ask("Сколько километров русел рек планируют расчистить?")
    assert answer.quotes and "530 километров" in answer.quotes[0].text
    answer = answerer.ask("Что предложил Хуснуллин о строительстве в зонах затопления?")
    assert answer.quotes and answer.quotes[0].text.startswith("Мы предлагаем запретить")


def test_russian_framing_and_chat_words_are_no_topic(tmp_path):
    """ "в отношении", "насчёт" frame a Russian question as "regarding" frames an English one;
    "скок" is "сколько" as chat types it."""
    answerer = answerer_over(tmp_path, "meeting.txt", RUSSIAN)
    query = answerer.read("Что Хуснуллин сказал в отношении строительства?")
    assert not {"отношен", "отношени"} & set(query.terms) and query.terms
    assert (
        answerer.read("скок километров расчистили").terms
        == answerer.read("сколько километров расчистили").terms
    )


SENEDD = """\
Plenary, 14 October 2025

The Llywydd (Ffion Harries): The leader of the Welsh Conservatives, Tomos Pritchard.

Tomos Pritchard: First Minister, 21,400 people have waited over two years for treatment.

The First Minister (Non Prydderch): Two-year waits have fallen for nine months in a row.

The Llywydd (Ffion Harries): The business statement. The Trefnydd.

The Trefnydd and Chief Whip (Angharad Pugh): Rural broadband reaches 92 per cent of premises.

The Cabinet Secretary for Health and Social Care (Huw Bevan-Thomas): Social care beds are funded.

Tomos Pritchard: And the minor injuries unit in Tregaron closes overnight.
"""


def test_an_office_joined_to_another_and_an_office_the_chair_calls_name_the_speaker(tmp_path):
    """ "The Trefnydd and Chief Whip" holds two offices, each of which names her; a member
    labelled by name alone holds the office the Llywydd calls him by; a part of an office
    without an office's word ("social care") is a topic."""
    (tmp_path / "plenary.txt").write_text(SENEDD, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    answerer = Answerer(corpus, RankBM25Retriever.from_corpus(corpus))
    assert names(answerer, "what did the trefnydd say about broadband") == {"Angharad Pugh"}
    assert names(answerer, "the chief whip on broadband?") == {"Angharad Pugh"}
    welsh_tories = "what did the leader of the welsh conservatives say about waits"
    assert names(answerer, welsh_tories) == {"Tomos Pritchard"}
    assert names(answerer, "what was said about social care") == set()


def test_a_russian_speaker_named_in_another_case_is_no_unknown_name(tmp_path):
    """ "Путину", "Голиковой": the speakers В.Путин and Т.Голикова in the dative and genitive,
    a name the documents use (in their labels), not one they never mention; "че" is chat."""
    (tmp_path / "meeting.txt").write_text(
        "Совещание с членами Правительства\n\n"
        "В.Путин: Татьяна Алексеевна, как идёт проверка пищеблоков в школах?\n\n"
        "Т.Голикова: Проверка пищеблоков завершится до 20 мая во всех регионах.\n\n"
        "В.Путин: Михаил Владимирович, что с выделением средств Курганской области?\n\n"
        "М.Мишустин: Распоряжение о выделении средств будет подписано в пятницу.\n",
        encoding="utf-8",
    )
    corpus = load_corpus(tmp_path)
    answerer = Answerer(corpus, RankBM25Retriever.from_corpus(corpus))
    for question in ("Что ответил Мишустин Путину?", "че Путин спросил у Голиковой"):
        query = answerer.read(question)
        assert not query.unknown, question
        assert "че" not in query.terms
    answer = answerer.ask("Что ответил Мишустин Путину?")
    assert answer.quotes and "подписано в пятницу" in answer.quotes[0].text


def test_chat_spellings_of_small_words_are_no_names(answerer):
    for typed in ("how many boats did the storm destroy b4 the pier", "wher did they pull em out"):
        assert not answerer.read(typed).unknown, typed
