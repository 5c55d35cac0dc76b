"""Offices named in other words ("the judge" is `THE COURT:`, "the Minister" any minister) over
small made-up transcripts; and the office a ParlParse XML speech gives its speaker."""

from __future__ import annotations

import pytest

from stenogram.retrieval.documents.corpus import load_corpus
from stenogram.retrieval.model import Speaker
from stenogram.retrieval.questions.roles import by_office, holds

try:
    from small import answerer_over
except ImportError:  # pragma: no cover - when tests/ is imported as a package
    from tests.small import answerer_over

TRIAL = """\
Hearing on the harbour lease

THE COURT: Good morning. I have read the motion about the harbour lease and I deny it.

MS. HALVORSEN: Thank you, Judge. We call Mr. Lund.

COURT OFFICER: Witness entering.

THE COURT: You may proceed with the lease questions.

MS. HALVORSEN: Mr. Lund, who signed the harbour lease?

MR. LUND: The mayor signed the harbour lease in May.

MS. HALVORSEN: Nothing further about the lease.
"""

DEBATE = """<?xml version="1.0"?>
<publicwhip>
<major-heading>Island services</major-heading>
<speech speakername="Ola Brekke" speakeroffice="The Parliamentary Under-Secretary of State for Transport">
<p>indicated assent.</p></speech>
<speech speakername="Kari Moen"><p>Will the Minister say how many ferries sail in winter?</p></speech>
<speech speakername="Ola Brekke"><p>Four ferries sail in winter, and six in summer.</p></speech>
<speech speakername="Kari Moen"><p>Four ferries in winter are not enough for the islands.</p></speech>
</publicwhip>
"""


def test_an_office_is_held_by_role_or_by_a_name_that_is_the_office():
    court = Speaker("the-court", "The Court")
    officer = Speaker("court-officer", "Court Officer")
    minister = Speaker("ola", "Ola Brekke", role="The Parliamentary Under-Secretary of State")
    assert holds(court, ("court",)) and not holds(officer, ("court",))
    assert holds(minister, ("under secretary",)) and not holds(court, ("under secretary",))
    found = by_office(["the", "minister", "said"], [court, officer, minister])
    assert found is not None and found[0] == ("ola",) and "minister" in found[1]
    assert by_office(["the", "mayor", "said"], [court, officer, minister]) is None


def test_the_judge_is_the_court(tmp_path):
    answerer = answerer_over(tmp_path, "trial.txt", TRIAL)
    query = answerer.read("What did the judge say about the motion?")
    assert query.speaker_ids == ("the-court",)
    assert "judg" not in query.terms  # the word named the speaker: it is not searched
    first = answerer.ask("What did the judge say about the motion?").quotes[0]
    assert first.speaker.name == "The Court"
    assert answerer.read("What did the witness say about the lease?").speaker_ids == ()


def test_the_minister_is_the_speaker_holding_the_office(tmp_path):
    answerer = answerer_over(tmp_path, "debate.xml", DEBATE)
    speakers = answerer.corpus.speakers
    assert speakers["ola-brekke"].role == "The Parliamentary Under-Secretary of State for Transport"
    assert answerer.read(
        "How many ferries sail in winter, according to the Minister?"
    ).speaker_ids == ("ola-brekke",)
    first = answerer.ask("How many ferries sail in winter, according to the Minister?").quotes[0]
    assert first.text.startswith("Four ferries sail in winter")


def test_the_office_is_written_on_the_first_speech_that_is_not_an_action(tmp_path):
    (tmp_path / "debate.xml").write_text(DEBATE, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    text = next(iter(corpus.documents.values())).text
    labelled = [t for t in corpus.turns if t.speaker_id == "ola-brekke"]
    assert len(labelled) == 1  # the action note is no turn
    assert "Ola Brekke (The Parliamentary Under-Secretary of State for Transport): Four" in text


@pytest.mark.parametrize("word", ["judge", "minister", "moderator"])
def test_an_office_nobody_holds_names_nobody(word):
    people = [Speaker("anna-berg", "Anna Berg", role="Mayor of Sund")]
    assert by_office(["what", "did", "the", word, "say"], people) is None


HARBOUR_DEBATE = """<?xml version="1.0"?>
<publicwhip>
<major-heading>Island freight</major-heading>
<speech speakername="Kari Moen"><p>The Minister will know that the ferries from Denmark carry all
the timber the island burns in winter, and that the island depends on them.</p></speech>
<speech speakername="Ola Brekke" speakeroffice="The Parliamentary Under-Secretary of State for Transport">
<p>We buy 5 per cent. of our timber from Denmark each year, and the rest from the mainland
mills.</p></speech>
<speech speakername="Kari Moen"><p>The mainland mills close in winter, as the Minister knows.</p>
</speech>
</publicwhip>
"""


def test_a_country_elsewhere_in_the_question_does_not_qualify_the_office(tmp_path):
    answerer = answerer_over(tmp_path, "debate.xml", HARBOUR_DEBATE)
    asked = "How much of the island's winter timber comes from Denmark, according to the Minister?"
    assert answerer.read(asked).speaker_ids == ("ola-brekke",)
    # Beside the office, the country names another office: no speaker here holds it.
    assert answerer.read("What did the Danish minister say about timber?").speaker_ids == ()
    assert answerer.read("What did the minister of Denmark say about timber?").speaker_ids == ()


def test_a_speech_naming_the_office_is_no_report_of_its_holder(tmp_path):
    answerer = answerer_over(tmp_path, "debate.xml", HARBOUR_DEBATE)
    answer = answerer.ask(
        "How much of the island's winter timber comes from Denmark, according to the Minister?"
    )
    shown = answer.quotes or answer.closest
    assert shown, "the Minister's own words are shown"
    assert shown[0].speaker.name == "Ola Brekke"
    assert all(q.speaker.name == "Ola Brekke" for q in answer.quotes)


ORAL = """\
Oral answers: island ferries

Mrs Kari Moen (Sundby North) (Lab): Will the Minister say how many ferries sail to the islands \
in winter?

Mr Per Lid (Transport Minister): Four ferries sail to the islands in winter, and six in summer.

Mr Jon Dahl (Vik and Strand) (Con): The harbour at Vik needs a new pier before the ferries can \
dock in storms.

Ms Eva Rud (Fisheries Minister): The pier at Vik will be repaired with the fisheries fund next \
spring.

Mrs Kari Moen (Sundby North) (Lab): The islands thank the Minister for the winter ferries.

Mr Jon Dahl (Vik and Strand) (Con): The fishermen of Vik also ask for a second pier.
"""


def test_a_member_is_named_by_seat(tmp_path):
    answerer = answerer_over(tmp_path, "oral.txt", ORAL)
    query = answerer.read("What did the hon. Member for Sundby North say about ferries?")
    assert query.speaker_ids == ("kari-moen",)
    assert not query.unknown and set(query.terms) == {"ferri"}  # the seat is no topic
    assert answerer.read("What did the member for Vik and Strand ask?").speaker_ids == ("jon-dahl",)
    first = answerer.ask("What did the member for Vik say about the pier?").quotes[0]
    assert first.speaker.name == "Jon Dahl"
    assert answerer.read("What did the member for Oslo say?").speaker_ids == ()
    isle = ORAL.replace("(Vik and Strand)", "(The Isle of Vik)")
    (tmp_path / "isle").mkdir()
    answerer = answerer_over(tmp_path / "isle", "oral.txt", isle)
    assert answerer.read("What did the member for the Isle of Vik say?").speaker_ids == (
        "jon-dahl",
    )


def test_a_qualified_office_names_the_holder_whose_role_it_is(tmp_path):
    answerer = answerer_over(tmp_path, "oral.txt", ORAL)
    assert answerer.read("What did the Minister say about the pier?").speaker_ids == (
        "per-lid",
        "eva-rud",
    )
    assert answerer.read("What did the fisheries minister say about the pier?").speaker_ids == (
        "eva-rud",
    )
    query = answerer.read("What did the Minister for Transport say about winter?")
    assert query.speaker_ids == ("per-lid",) and query.terms == ("winter",)
    first = answerer.ask("What did the fisheries minister say about the pier?").quotes[0]
    assert first.text.startswith("The pier at Vik will be repaired")


CHAIRED = """<?xml version="1.0"?>
<publicwhip>
<minor-heading nospeaker="true">[Mrs Anne Lund in the Chair] &#8212; Island Ferries</minor-heading>
<speech speakername="Anne Lund"><p>Order. Members will keep their remarks on the ferries short.</p>
</speech>
<speech speakername="Kari Moen"><p>The ferries to the islands are late every winter.</p></speech>
</publicwhip>
"""


def test_who_presides_holds_the_chair_and_the_note_is_no_title(tmp_path):
    answerer = answerer_over(tmp_path, "sitting.xml", CHAIRED)
    corpus = answerer.corpus
    assert [s.meta.title for s in corpus.sources.values()] == ["Island Ferries"]
    assert corpus.speakers["anne-lund"].role == "Chair"
    query = answerer.read("What did the chair say about remarks?")
    assert query.speaker_ids == ("anne-lund",) and query.terms == ("remark",)
    first = answerer.ask("What did the chairman say about the remarks?").quotes[0]
    assert first.text.startswith("Order. Members will keep their remarks")


BRIEFING = """\
Press Briefing by Press Secretary Dana Okafor and Harbour Coordinator for Ferries Ben Lindqvist

MS. OKAFOR: Good afternoon. The ferry budget passed this morning with a large majority.

Q Thank you. When will the new ferries sail?

MR. LINDQVIST: The new ferries sail in March, once the crews are trained.

Q And the budget vote?

MS. OKAFOR: The budget vote was ninety to four, and the ferries are funded.
"""


def test_an_office_written_before_a_name_in_the_title_names_its_holder(tmp_path):
    """ "Press Briefing by Press Secretary Dana Okafor": the label "MS. OKAFOR:" is Dana Okafor,
    Press Secretary, so "the press secretary" in a question names her; the other office of the
    title (a coordinator's, after "and") is its holder's."""
    answerer = answerer_over(tmp_path, "briefing.txt", BRIEFING)
    speakers = {s.name: s.role for s in answerer.corpus.speakers.values()}
    assert speakers["Dana Okafor"] == "Press Secretary"
    assert speakers["Ben Lindqvist"] == "Harbour Coordinator for Ferries"
    query = answerer.read("what did the press secretary say about the budget vote")
    assert query.speaker_ids == ("dana-okafor",)
    first = answerer.ask("what did the press secretary say about the budget vote").quotes[0]
    assert first.text.startswith("The budget vote was ninety to four")


HEARING = """\
HEARING ON RURAL WATER

    STATEMENT OF DALE HENNING, GENERAL MANAGER, CASS COUNTY RURAL WATER
                      DISTRICT, NORTH DAKOTA

    Mr. HENNING. Thank you, Mr. Chairman. We had to raise rates 14 percent last year to
repay the loan for the new pipes.

    STATEMENT OF ANNA BERG, DIRECTOR, OFFICE OF WATER, U.S. ENVIRONMENTAL PROTECTION
                      AGENCY

    Ms. BERG. Our rates rose 3 percent last year, and the pipes are half replaced.
"""


def test_an_office_with_a_comma_names_its_holder_by_the_place_after_it(tmp_path):
    """ "General Manager, Cass County Rural Water District, North Dakota": the office, then
    where it is held. "The North Dakota guy" and "the general manager" name Henning; a place
    nobody's office holds names nobody."""
    answerer = answerer_over(tmp_path, "hearing.txt", HEARING)
    assert answerer.read("how much did the north dakota guy raise rates").speaker_ids == (
        "dale-henning",
    )
    assert answerer.read("what did the general manager say about rates").speaker_ids == (
        "dale-henning",
    )
    assert answerer.read("what did the texas guy say about rates").speaker_ids == ()
    # A body's initials name the holder of an office in it: "the epa lady".
    assert answerer.read("what did the epa lady say about rates").speaker_ids == ("anna-berg",)
    assert answerer.read("what did the epa say about rates").speaker_ids == ()  # no person
    first = answerer.ask("how much did the north dakota guy raise rates").quotes[0]
    assert first.text.startswith("Thank you, Mr. Chairman. We had to raise rates 14 percent")


def test_the_initials_of_a_body_in_an_office():
    from stenogram.retrieval.questions.question import _acronyms

    role = "Director, Office of Water, U.S. Environmental Protection Agency"
    assert _acronyms(role) == {"epa", "usepa"}
    assert _acronyms("Secretary General, Collective Security Treaty Organization") == {"csto"}
    assert _acronyms("President of Russia") == set() and _acronyms("Chairman") == set()


CHAMBER = """\
Rural Affairs Committee

The Convener (Finlay Carson): Good morning. We take evidence on the island ferries today.

Rhoda Grant (Highlands and Islands) (Lab): How many sailings were cancelled this winter?

Ariane Burgess (Highlands and Islands) (Green): When will the small ferries be electric?

The Minister for Transport (Fiona Hyslop): The first electric ferries sail in 2027.
"""


def test_a_member_is_named_by_party_and_chamber_word(tmp_path):
    """ "the green msp" is the one member whose bracketed party is Green; "msp", "mp" and
    "member" are person words, never a name the documents do not mention."""
    answerer = answerer_over(tmp_path, "committee.txt", CHAMBER)
    assert answerer.read("what did the green msp ask").speaker_ids == ("ariane-burgess",)
    assert answerer.read("what did the green mp ask").speaker_ids == ("ariane-burgess",)
    query = answerer.read("what did the highlands msp ask")  # two of them: neither
    assert query.speaker_ids == () and not query.unknown


def test_a_company_officer_is_named_by_the_usual_initials(tmp_path):
    """ "the ceo", "the cfo": the speaker whose role is "Chief Executive Officer", "Chief
    Financial Officer"; initials no speaker's role holds name nobody."""
    text = (
        "Acme earnings call\n\n"
        "Jane Lee -- Chief Executive Officer\n\nRevenue grew 11% and the Rotterdam hub opened.\n\n"
        "Tom Dahl -- Chief Financial Officer\n\nFuel cost us 11 million dollars this quarter.\n\n"
        "Jane Lee -- Chief Executive Officer\n\nRotterdam will reach full capacity next year.\n\n"
        "Tom Dahl -- Chief Financial Officer\n\nWe raise the dividend by 8% this year.\n"
    )
    answerer = answerer_over(tmp_path, "call.txt", text)
    assert answerer.read("what did the ceo say about rotterdam").speaker_ids == ("jane-lee",)
    assert answerer.read("how much did fuel cost, says the cfo").speaker_ids == ("tom-dahl",)
    assert answerer.read("what did the cto say about rotterdam").speaker_ids == ()


def test_an_office_before_a_comma_is_held_and_a_deputy_holds_it_only_when_asked():
    """ "Prime Minister, Lib." holds the office ("the Prime Minister"); "Deputy Prime Minister and
    Minister of Finance" holds it only when the question says "deputy"."""
    chief = Speaker("ann", "Ann Lee", role="Prime Minister, Lib.")
    deputy = Speaker("bo", "Bo Dahl", role="Deputy Prime Minister and Minister of Finance, Lib.")
    housing = Speaker("cy", "Cy Moe", role="Minister of Housing, Lib.")
    people = [chief, deputy, housing]
    assert holds(chief, ("minister",))
    found = by_office("what did the prime minister say about farms".split(), people)
    assert found is not None and found[0] == ("ann",)
    found = by_office("what did the deputy prime minister say about rebates".split(), people)
    assert found is not None and found[0] == ("bo",)
    found = by_office("what did the minister say about rents".split(), people)
    assert found is not None and set(found[0]) == {"ann", "bo", "cy"}
