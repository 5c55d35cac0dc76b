"""A question asked in a document yields to its answer (see retrieval/answers/asked.py), over a small
made-up briefing: the reader's question repeats a reporter's, and the reply is what answers it."""

from __future__ import annotations

from pathlib import Path

from stenogram.retrieval.answers.answer import Answerer
from stenogram.retrieval.answers.asked import asks

try:
    from small import answerer_over
except ImportError:  # pragma: no cover - when tests/ is imported as a package
    from tests.small import answerer_over

BRIEFING = """\
Harbour board press briefing

MS. HOLM: Good afternoon. I have one announcement about the winter ferry timetable, and then I
will take your questions about the harbour works.

QUESTION: How many containers did the harbour handle last year, and is the new crane working?

MS. HOLM: The terminal handled a record volume: the port authority counted more than 410,000
containers over the year, most of them through the northern quay, which reopened in March after
the dredging was finished, and the new crane has worked since the first week of October.

QUESTION: Will the ferry fares rise in January?

MS. HOLM: By two percent.

QUESTION: And the lighthouse museum?

MS. HOLM: It reopens in May with a new exhibition about the old fishing fleet and the storms.
"""


def _answerer(tmp_path: Path) -> Answerer:
    return answerer_over(tmp_path, "briefing.txt", BRIEFING)


def test_asks_reads_the_closing_question_mark():
    assert asks("And the lighthouse museum?") and asks("Are we close?” ")
    assert not asks("Are we close? We are.")


def test_the_reply_answers_in_place_of_the_question_it_repeats(tmp_path):
    answer = _answerer(tmp_path).ask("how many containers did the harbour handle last year")
    first = answer.quotes[0]
    assert first.speaker.name == "Holm"
    assert "410,000" in first.text and "QUESTION" not in first.text
    # The question itself is no confident answer: it is not among the quotes at all.
    assert not any(q.text.startswith("How many containers") for q in answer.quotes)


def test_a_short_reply_is_quoted_with_its_question_as_one_unit(tmp_path):
    answerer = _answerer(tmp_path)
    answer = answerer.ask("will the ferry fares rise in january")
    first = answer.quotes[0]
    assert first.text.startswith("Will the ferry fares rise in January?")
    assert first.text.endswith("By two percent.") and first.speaker.name == "Holm"
    doc = answerer.corpus.sources[first.citation.doc_id]
    text = doc.path.read_text(encoding="utf-8")
    assert text[first.citation.span.start : first.citation.span.end] == first.text


def test_asking_what_was_asked_quotes_the_question(tmp_path):
    answer = _answerer(tmp_path).ask("what did the reporters ask about the lighthouse museum")
    shown = answer.quotes or answer.closest
    assert shown[0].text == "And the lighthouse museum?"


def test_a_speaker_and_no_topic_gives_their_fullest_passages(tmp_path):
    """ "What did Holm say?" asks for no topic: her passages of substance, not a greeting."""
    answerer = _answerer(tmp_path)
    answer = answerer.ask("what did holm say")
    assert answer.quotes and all(q.speaker.name == "Holm" for q in answer.quotes)
    # "ask" frames a question as "say" does: no topic either.
    assert answerer.ask("what did holm ask").quotes == answer.quotes
    assert "410,000" in answer.quotes[0].text  # her longest statement leads
    assert not any(q.text == "By two percent." for q in answer.quotes[:1])
    assert answer.notes == ("No topic asked: the fullest passages of Holm.",)
    # "Who is Holm?" asks who she is: the note says it as the documents name her.
    who = answerer.ask("who is holm?")
    assert who.quotes == answer.quotes
    role = who.quotes[0].speaker.role
    assert who.notes == (
        f"In my documents: Holm{', ' + role if role else ''}. Their fullest passages:",
    )


def test_a_how_much_question_is_answered_by_the_unit_whose_reply_states_the_amount(tmp_path):
    answer = _answerer(tmp_path).ask("how much will the ferry fares rise in january")
    assert answer.quotes, answer.closest  # confident: the reply states the amount
    assert answer.quotes[0].text.endswith("By two percent.")


def test_an_address_opening_the_reply_is_not_its_answer(tmp_path):
    """ "Уважаемый Владимир Владимирович!" or "Mr Chairman, colleagues," alone on the first line of
    a reply only addresses the asker: the reply's next paragraph answers the question."""
    from stenogram.retrieval.answers.asked import is_address

    assert is_address("Уважаемый Владимир Владимирович! Уважаемые коллеги!")
    assert is_address("Mr Chairman, colleagues,") and is_address("Ladies and gentlemen,")
    assert not is_address("Absolutely, Mr Chairman.") and not is_address("Yes!")
    assert not is_address("Уважаемый Владимир Владимирович! Одно дополнение по паводку.")
    answerer = answerer_over(
        tmp_path,
        "meeting.txt",
        "Meeting on the harbour works\n\n"
        "MR. BERG: How many containers did the harbour handle last year?\n\n"
        "MS. HOLM: Mr Chairman, colleagues,\n\n"
        "The port authority counted more than 410,000 containers over the year.\n\n"
        "MR. BERG: Thank you. We turn to the ferries now and the winter timetable.\n",
    )
    first = answerer.ask("how many containers did the harbour handle last year").quotes[0]
    # A short reply: quoted with its question as one unit, which now runs to the answer.
    assert first.text.endswith("more than 410,000 containers over the year.")
    assert first.speaker.name == "Holm"


def test_a_question_quoted_with_its_reply_says_who_asked(tmp_path):
    """The unit of a named member's question and a minister's short reply is the minister's
    answer, and says who asked it: in the quote, the text, the Telegram HTML and the JSON; an
    unnamed asker ("QUESTION:") shows in the quote itself and is not named again."""
    from stenogram.bot.render import to_json, to_text
    from stenogram.bot.telegram_html import answer_messages

    answerer = answerer_over(
        tmp_path,
        "committee.txt",
        "Island ferries committee\n\n"
        "Rhoda Grant (Highlands and Islands) (Lab): Ten thousand pounds will not go far for a "
        "hotel that has lost a season. Will the minister look again at the compensation cap?\n\n"
        "The Minister for Transport (Fiona Hyslop): Yes, in March.\n\n"
        "Rhoda Grant (Highlands and Islands) (Lab): Thank you. I turn now to the harbour works "
        "and the winter timetable for the northern isles.\n",
    )
    answer = answerer.ask("will the minister look again at the compensation cap")
    first = answer.quotes[0]
    assert first.text.startswith("Ten thousand pounds") and first.text.endswith("Yes, in March.")
    assert first.speaker.name == "Fiona Hyslop" and first.asked_by is not None
    assert first.asked_by.name == "Rhoda Grant"
    said = "Fiona Hyslop, The Minister for Transport, replying to Rhoda Grant"
    assert said in to_text(answer)
    assert said in answer_messages(answer, "StenogramTestBot")[0]
    assert to_json(answer)["answers"][0]["asked_by"] == "Rhoda Grant"
    unnamed = _answerer(tmp_path).ask("will the ferry fares rise in january").quotes[0]
    assert unnamed.text.startswith("Will the ferry fares") and unnamed.asked_by is None


def test_a_chair_giving_the_floor_between_a_question_and_its_answer_is_passed_over(tmp_path):
    """In a stenogram the chair gives the floor after each question ("Пожалуйста, Павел
    Андреевич.", "Minister, please."): the answer is the turn after it, not the chair's line."""
    from stenogram.retrieval.answers.asked import gives_floor

    assert gives_floor("Пожалуйста, Павел Андреевич.") and gives_floor("Minister, please.")
    assert gives_floor("Thank you. The floor is yours, Mr Holm.")
    assert not gives_floor("Please, no more questions on the ferries today.")
    assert not gives_floor("Yes.") and not gives_floor("Thank you. Is that agreed?")
    answerer = answerer_over(
        tmp_path,
        "stenogram.txt",
        "Harbour committee sitting\n\n"
        "The CHAIRMAN. We turn to questions on the harbour bill.\n\n"
        "Mr. BERG. How many containers did the harbour handle last year?\n\n"
        "The CHAIRMAN. Minister, please.\n\n"
        "Mr. HOLM. The port authority counted more than 410,000 containers over the year, most "
        "of them through the northern quay.\n\n"
        "The CHAIRMAN. Thank you. We turn to the ferries now and the winter timetable.\n",
    )
    first = answerer.ask("how many containers did the harbour handle last year").quotes[0]
    assert first.speaker.name == "Holm" and "410,000" in first.text


def test_a_statement_ending_in_a_question_is_no_question_for_its_short_reply(tmp_path):
    """A chair's action items ending "Shirin, can you work with Dev on it?", then "Happy to.":
    asked about the action items, the chair's words are the answer, credited to the chair, not a
    unit signed by who said "Happy to."."""
    answerer = answerer_over(
        tmp_path,
        "meeting.txt",
        "Finance committee\n\n"
        "PRIYA RAMAN: Okay, action items. Marcus, two versions of the budget for the hearing. "
        "Helen, a start date for the new route. Shirin, can you work with Dev on the fare "
        "language?\n\n"
        "SHIRIN ABADI: Happy to.\n\n"
        "PRIYA RAMAN: Thank you all, we meet again on the ninth of December at the depot.\n",
    )
    first = answerer.ask("what are the action items").quotes[0]
    assert first.speaker.name == "Priya Raman" and first.asked_by is None
    assert "Happy to" not in first.text


DEPOSITION = """\
Deposition of Ruth Okafor

MR. LINDQVIST: Did you agree with the decision to cancel the maintenance contract?

MS. HARTE: Objection; form.

THE WITNESS: No, I did not, and I told him so.

MR. LINDQVIST: Did you tell him in writing?

THE WITNESS: Yes, in an email in June.

MR. LINDQVIST: Who made the decision to cancel the contract for the freezers?

MS. HARTE: Objection. Calls for speculation.

MR. DRAKE: Sustained.

MR. LINDQVIST: I will rephrase the question about the freezers later.
"""


def test_an_objection_between_a_question_and_its_answer_is_passed_over(tmp_path):
    """Counsel objects, then the witness answers: the witness's reply answers the question."""
    answerer = answerer_over(tmp_path, "deposition.txt", DEPOSITION)
    answer = answerer.ask("did she agree with cancelling the maintenance contract")
    first = answer.quotes[0] if answer.quotes else answer.closest[0]
    assert "No, I did not" in first.text
    assert first.speaker.name != "Harte"
    # No one else answers after an objection and a ruling: the question keeps no reply of
    # the asker's own ("I will rephrase" is Lindqvist again).
    answer = answerer.ask("who made the decision to cancel the contract for the freezers")
    shown = [*answer.quotes, *answer.closest]
    assert not any(q.text.startswith("I will rephrase") for q in shown[:1])


def test_a_compound_typed_as_one_word_finds_the_documents_hyphenated_one(tmp_path):
    """ "ringfenced" is "ring-fenced": the two corpus words, not a name never mentioned; a word
    whose parts the documents do not hold stays unknown."""
    text = (
        "Budget briefing\n\nMS. HOLM: Forty percent of the fund is ring-fenced for the northern "
        "harbours, and the rest goes to the ferries.\n\nQUESTION: And the lighthouse?\n\n"
        "MS. HOLM: The lighthouse gets nothing from this fund this year.\n"
    )
    answerer = answerer_over(tmp_path, "budget.txt", text)
    answer = answerer.ask("is the money ringfenced")
    shown = [*answer.quotes, *answer.closest]
    assert shown and "ring-fenced" in shown[0].text
    assert "zorbfenced" in " ".join(answerer.ask("is the money zorbfenced").notes).lower()


QUESTION_TIME = """\
Question time, 14 August

Ms BRANNIGAN (Lachlan Valley): My question is to the Prime Minister. The maternity unit at
Condobolin has been closed since February. Will the Commonwealth fund a rural obstetrics
program for the central west, as the state has asked?

Mr PRENDERGAST (Kurrajong—Prime Minister): I thank the member for Lachlan Valley for her question
and for the way she has raised this matter with me on a number of occasions.

I can inform the House that the Commonwealth will provide $18.5 million over four years for an
obstetrics training hub based in Parkes, which will train 24 rural generalists.

Mr CALLAWAY (Tallowood—Leader of the Opposition): My question is to the Prime Minister about
power bills, which have gone up for every family in my electorate this year.

Mr PRENDERGAST (Kurrajong—Prime Minister): Power bills are falling as the rebate flows through.
"""


def test_a_question_put_to_them_gives_the_passage_of_their_reply_that_answers(tmp_path):
    """Asked what the Prime Minister announced, when his words never say "announce", "fund" or
    "central west": the reply to the question put to him about it, and of that reply the
    passage with the question's words, not the thanks that open it."""
    answerer = answerer_over(tmp_path, "qt.txt", QUESTION_TIME)
    question = "What funding did the Prime Minister announce for obstetrics in the central west?"
    answer = answerer.ask(question)
    assert answer.notes and "showing the reply to a question put to them" in answer.notes[0]
    assert "$18.5 million" in answer.quotes[0].text


DEBATE = """\
Vice-presidential debate, 2028

CORDERO: Senator Hale, your infrastructure plan costs 900 billion dollars over ten years. How
would your ticket pay for the bridges and the rail lines you have promised?

HALE: Every dollar of it comes from selling the federal office space we don't use. The
government owns 7,000 buildings it has not opened in a decade, from Baltimore to Boise, and the
General Services Administration values them at 1.1 trillion dollars. We sell the ones nobody
needs, we lease the rest, and we put that money into the bridges first, because the bridges are
where people die.

CORDERO: Governor Okafor, Social Security's trust fund runs short in 2034. What is your plan?

OKAFOR: We apply the tax again to wages above 250,000 dollars, and that closes the gap. Today
a nurse pays the tax on every dollar she earns and a hedge fund manager stops paying it in
February. That is not fair, and it is not necessary: the actuaries say this one change keeps the
fund whole for another seventy-five years, with no cut to anyone's benefit.
"""


def test_asked_what_a_speaker_would_do_gives_their_reply_not_the_question(tmp_path):
    """ "How would Senator Hale pay for his infrastructure plan?" — his words never say "pay" or
    "infrastructure": the reply to the question put to him is quoted, not the question."""
    answerer = answerer_over(tmp_path, "debate.txt", DEBATE)
    for question, reply, who in (
        ("How would Senator Hale pay for his infrastructure plan?", "Every dollar of it", "HALE"),
        ("okafor plan for the social security trust fund?", "We apply the tax", "OKAFOR"),
    ):
        quote = answerer.ask(question).quotes[0]
        assert quote.text.startswith(reply[:10]) and quote.speaker.name.upper() == who, question
