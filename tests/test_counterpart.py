"""Speakers named as chat names them in a debate: by party ("the democrat", "the tory guy"), and
"the other guy" after a question about one of them (question.py _OTHER, Answerer._counterparts)."""

from __future__ import annotations

try:
    from small import answerer_over
except ImportError:  # pragma: no cover - when tests/ is imported as a package
    from tests.small import answerer_over

DEBATE = """\
OHIO SENATE DEBATE

DANA BASH, CNN ANCHOR: Good evening. Tonight the candidates meet: Democratic Congresswoman Renata
Okafor and Republican former Governor Glenn Harstad. Congresswoman, the first question is about taxes.

OKAFOR: I would keep the child tax credit and close the carried interest loophole for hedge funds.

BASH: Thank you both for being here tonight in Cleveland, in front of this audience, on the night
before early voting opens across the state. Mr. Harstad, should the United States keep sending
military aid to Ukraine?

HARSTAD: I'd send aid that's paid for and has an end point, and Europe should pay as much as we do.

BASH: Congresswoman, the same question on Ukraine.

OKAFOR: Walking away from Ukraine would tell every dictator that America's word expires.

HARSTAD: On taxes, I would cut the income tax rate for every family earning under ninety thousand.
"""


def test_a_party_names_its_candidate_and_the_other_guy_is_the_one_they_face(tmp_path):
    """The one they face: who says the most in their documents besides them, the anchor who
    puts the questions left out (she says more than either candidate here)."""
    answerer = answerer_over(tmp_path, "debate.txt", DEBATE)
    democrat = answerer.ask("what did the democrat say about ukraine")
    assert democrat.quotes[0].speaker.name == "Renata Okafor"
    assert "Walking away from Ukraine" in democrat.quotes[0].text
    other = answerer.ask("and the other guy?", previous=democrat.read_as)
    # Harstad never says "Ukraine": his reply to the question put to him about it is his answer.
    assert other.quotes and other.quotes[0].speaker.name == "Glenn Harstad"
    assert "HARSTAD: I'd send aid" in other.quotes[0].text  # quoted with the question put
    assert other.quotes[0].asked_by is not None and other.quotes[0].asked_by.name == "Dana Bash"
    republican = answerer.ask("what did the republican say about taxes")
    assert republican.quotes[0].speaker.name == "Glenn Harstad"
    back = answerer.ask("what about the other candidate", previous=republican.read_as)
    assert back.quotes[0].speaker.name == "Renata Okafor"
    assert "child tax credit" in back.quotes[0].text


def test_a_fact_about_someone_put_to_them_is_still_the_question_that_states_it(tmp_path):
    """ "What is the title of X's keynote?" is no question about what X said: the host's
    question stating the title is the answer, not X's reply."""
    answerer = answerer_over(
        tmp_path,
        "podcast.txt",
        'Adam: Your keynote at the conference is titled "How You Got Here". Why that title?\n\n'
        "Cory: Because my daughter was born in a flat in London, and I wanted to tell her story.\n\n"
        "Adam: Thanks, Cory, we will be right back after the break with more.\n\n"
        "Cory: Sure, happy to be here and to talk about all of this with you today.\n",
    )
    answer = answerer.ask("what is the title of cory's keynote")
    assert answer.quotes and "How You Got Here" in answer.quotes[0].text


def test_party_words_name_members_by_the_party_in_their_role(tmp_path):
    answerer = answerer_over(
        tmp_path,
        "commons.txt",
        "Tobias Fenwick (Thirsk and Malton) (Con): The railway timetable collapsed this autumn "
        "and passengers were stranded.\n\n"
        "Ravi Sandhu (Huddersfield) (Lab): Will he admit his party cut the rail budget first?\n\n"
        "Tobias Fenwick (Thirsk and Malton) (Con): No. The rail budget grew in every year.\n",
    )
    assert answerer.read("what did the tory guy say about the timetable").speaker_ids == (
        "tobias-fenwick",
    )
    assert answerer.read("the labour mp on the rail budget").speaker_ids == ("ravi-sandhu",)
