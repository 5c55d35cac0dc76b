"""Who and where questions (retrieval/answers/answer_kinds.py): "who is …?" favours where a
transcript introduces the person (the earliest passage naming them), "who" a person's name,
"where" a name after a preposition of place; over made-up debates and meetings."""

from __future__ import annotations

from pathlib import Path

from stenogram.retrieval.answers.answer import Answerer
from stenogram.retrieval.answers.answer_kinds import (
    PERSON,
    PLACE,
    defines,
    name_asked,
    names_in,
    names_other,
)
from stenogram.retrieval.tokenize import without_framing

try:
    from small import answerer_over
except ImportError:  # pragma: no cover - when tests/ is imported as a package
    from tests.small import answerer_over

DEBATE = """\
Debate on the island ferry

MS. VALE: Mr. Brandt, the ferry. Your plan?

MR. BRANDT: Last week on the pier I met a woman who is a skipper, her name is Petra Lund.

MS. VALE: Mrs. Dahl, your answer?

MRS. DAHL: The ferry needs a new engine before it needs a new captain.

MR. BRANDT: The skipper keeps telling me the ferry can keep running all winter.

MR. BRANDT: We keep talking about the skipper. Keep the skipper, keep the ferry.

MRS. DAHL: Talking is cheap, and so is a skipper without an engine.

MRS. DAHL: The harbour wall was repaired in the spring with stone from the old quarry.

MRS. DAHL: Our bakery sells bread to the mainland every morning on the early boat.

MRS. DAHL: The school roof leaks, and the council has not answered our letters.

MRS. DAHL: Fishermen pay the same harbour fees as the tourist yachts, which is unfair.

MRS. DAHL: The lighthouse needs a new lamp, and the keeper retires next year.

MRS. DAHL: We should plant trees along the coast road before the storms come.

MR. BRANDT: The skipper agrees with Mayor Berg about the winter crossings.

MR. BRANDT: A good skipper, says Mayor Berg, is what the island needs.
"""

WHO = "Who is the skipper?"


def shown(answerer: Answerer, question: str) -> list[str]:
    answer = answerer.ask(question)
    return [q.text for q in answer.quotes + answer.closest]


def test_a_who_is_question_prefers_where_the_person_is_introduced(tmp_path: Path):
    answerer = answerer_over(tmp_path, "debate.txt", DEBATE)
    # Every passage naming the skipper answers; the long one introducing her comes first,
    # above the short later ones that BM25 favours.
    assert "her name is Petra Lund" in shown(answerer, WHO)[0]


def test_the_bonus_goes_to_the_person_asked_about_not_another_word(tmp_path: Path):
    answerer = answerer_over(tmp_path, "debate.txt", DEBATE)
    texts = shown(answerer, "What about the skipper?")
    # Not a "who is" question: the passages repeating the question's words lead.
    assert not texts[0].startswith("Last week on the pier")


ADVISERS = (
    "On the harbour budget and the ferry accounts, I listen to Anna Berg and to the former "
    "treasurer of the county, Jon Dahl, who kept the books for twenty years."
)
MEETING = f"""\
Council meeting on the harbour budget

MS. VALE: Mr. Brandt, the harbour budget.

MR. BRANDT: On the harbour budget I listen to Brussels and to Oslo.

MS. VALE: And the schools?

MS. VALE: The school roof leaks, and the council has not answered our letters.

MS. VALE: Fishermen pay the same harbour fees as the tourist yachts, which is unfair.

MS. VALE: The lighthouse needs a new lamp, and the keeper retires next year.

MS. VALE: We should plant trees along the coast road before the storms come.

MR. BRANDT: {ADVISERS}
"""


def test_a_who_question_prefers_a_passage_naming_a_person(tmp_path: Path):
    answerer = answerer_over(tmp_path, "meeting.txt", MEETING)
    texts = shown(answerer, "Who does Brandt listen to on the harbour budget?")
    assert "Anna Berg" in texts[0]  # a person's full name, not places


VILLAGE = """\
Council meeting on the new residents

MS. VALE: Tell us about the new harbour master.

MR. BRANDT: Anna Berg has lived with her family in Tromsdal since the winter, near the old ferry pier.

MR. BRANDT: Anna Berg lived quietly, a friend of Mayor Holm.

MS. VALE: The school roof leaks, and the council has not answered our letters.

MS. VALE: Fishermen pay the same harbour fees as the tourist yachts, which is unfair.

MS. VALE: The lighthouse needs a new lamp, and the keeper retires next year.
"""


def test_a_where_question_prefers_a_name_after_a_preposition_of_place(tmp_path: Path):
    answerer = answerer_over(tmp_path, "village.txt", VILLAGE)
    texts = shown(answerer, "Where has Anna Berg lived?")
    assert "in Tromsdal" in texts[0]  # a place, not the mayor she knows


HARBOUR = """\
Harbour meeting

MRS. DAHL: The charge for mooring a boat in the harbour went up again this spring.

MRS. DAHL: The bakery sells bread to the mainland every morning on the early boat.

MR. BRANDT: The school roof leaks, and the council has not answered our letters.

MR. BRANDT: Since the spring Captain Petra Lund is in charge of the harbour, and she answers to the council for every boat that moors there.
"""  # noqa: E501 - a turn is one line of the document, as transcripts print it


def test_who_is_in_charge_asks_for_the_holder_not_the_first_mention(tmp_path: Path):
    # "who's in charge of …" is no "who is X?": the earliest passage holding "charge" is not
    # where a person is introduced; the passage naming the holder answers.
    answerer = answerer_over(tmp_path, "meeting.txt", HARBOUR)
    assert "Petra Lund is in charge" in shown(answerer, "who's in charge of the harbour")[0]


def test_the_question_forms_and_the_names_that_answer_them():
    assert (
        defines("Who is the skipper?")
        and defines("so who's the skipper")
        and defines("Who was she?")
    )
    assert not defines("Who did Brandt thank?") and not defines("What is a skipper?")
    # Before a preposition "who is" asks whoever holds a post or did a deed, not who someone is.
    assert not defines("who's in charge of the harbour") and not defines("Who is behind it?")
    assert name_asked("Where had she worked?") is PLACE
    assert name_asked("And who does he listen to?") is PERSON
    asked = {"anna", "berg"}
    assert names_other(names_in("I listen to Anna Berg and to Jon Dahl.", PERSON), asked)
    assert not names_other(
        names_in("I listen to Anna Berg and to Oslo.", PERSON), asked
    )  # hers; a place
    assert names_other(names_in("She worked at Lindqvist Partners.", PLACE), asked)
    assert not names_other(names_in("She did some work for Lindqvist.", PLACE), asked)


def test_how_the_speaker_mentions_someone_is_not_the_topic(tmp_path: Path):
    """ "keeps bringing up" says how often Brandt names the skipper: the passages saying "keep"
    do not outrank the one introducing her."""
    answerer = answerer_over(tmp_path, "debate.txt", DEBATE)
    texts = shown(answerer, "Who is the skipper Brandt keeps bringing up?")
    assert "her name is Petra Lund" in texts[0]
    assert answerer.read("Who is the skipper Brandt keeps bringing up?").terms == ("skipper",)


def test_framing_verb_phrases_are_dropped_and_the_same_verbs_elsewhere_kept():
    assert without_framing("who is the man she kept referring to".split()) == [
        "who",
        "is",
        "the",
        "man",
        "she",
        "to",
    ]
    assert without_framing("what did he bring up about taxes".split()) == [
        "what",
        "did",
        "he",
        "up",
        "about",
        "taxes",
    ]
    kept = "will they keep the troops and bring food".split()
    assert without_framing(kept) == kept
