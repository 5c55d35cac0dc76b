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


BOLD_INTERVIEW = """<html><head><title>Mara Quist: ‘We will open the bridge in May’</title></head>
<body><article>
<h1>Mara Quist: ‘We will open the bridge in May’</h1>
<p>The transport secretary on tolls, delays and the ferry.</p>
<p>Interview by Owen Hale</p>
<p>Sat 14 Mar 2026 07.00 GMT</p>
<p>Mara Quist has been the secretary for transport for two years. Quist, 52, keeps a ferry
timetable pinned above her desk, and Quist says she reads it every morning.</p>
<p><strong>The bridge is a year late. Why?</strong></p>
<p>Because the steel came late from the mill, and we would not open a bridge with a single
untested girder in it.</p>
<p><strong>Will drivers pay a toll?</strong></p>
<p>No toll for residents of the county, and four pounds for everyone else.</p>
<p>That money pays for the maintenance and nothing else.</p>
<p><strong>Four pounds is a lot.</strong></p>
<p>It is less than the ferry charges today for a car and two passengers.</p>
<p><strong>What happens to the ferry?</strong></p>
<p>It keeps running for foot passengers until the end of next year at least.</p>
</article></body></html>
"""


def _loaded(tmp_path, html: str):
    from stenogram.retrieval.documents.corpus import load_corpus

    (tmp_path / "interview.html").write_text(html, encoding="utf-8")
    return load_corpus(tmp_path)


def test_bold_questions_are_the_journalists_and_plain_answers_the_interviewees(tmp_path):
    """A newspaper interview: questions wholly in bold (one a statement), answers plain, the
    interviewee named in the headline and the lead, the journalist in the byline."""
    corpus = _loaded(tmp_path, BOLD_INTERVIEW)
    turns = [(corpus.speakers[t.speaker_id].name, t) for t in corpus.turns]
    who = [name for name, _ in turns if not corpus.speakers[_.speaker_id].is_publisher]
    assert who == ["Owen Hale", "Mara Quist"] * 4
    quist = next(s for s in corpus.speakers.values() if s.name == "Mara Quist")
    assert quist.role == "secretary for transport"  # "has been the …", "for two years" cut
    doc = next(iter(corpus.documents.values()))
    by_speaker = {}
    for p in corpus.passages:
        assert doc.text[p.span.start : p.span.end] == p.text  # verbatim, at the cited place
        by_speaker.setdefault(corpus.speakers[p.speaker_id].name, []).append(p.text)
    assert "Four pounds is a lot." in by_speaker["Owen Hale"]  # a statement, still the question
    assert any(t.startswith("No toll for residents") for t in by_speaker["Mara Quist"])
    assert any(t.startswith("That money pays") for t in by_speaker["Mara Quist"])  # runs on
    # The standfirst is the header's, above "Sat 14 Mar 2026" (a month as newspapers shorten it).
    assert not any(p.text.startswith("The transport secretary") for p in corpus.passages)
    assert doc.meta.date in ("2026-03-14", "14 Mar 2026")


def test_bold_section_headings_make_no_interview(tmp_path):
    """Bold paragraphs that ask nothing are headings of a statement, and a lead that names
    nobody often enough names no interviewee: no labels either way."""
    headings = BOLD_INTERVIEW
    for q in (
        "The bridge is a year late. Why?",
        "Will drivers pay a toll?",
        "What happens to the ferry?",
    ):
        headings = headings.replace(q, "On the works")
    corpus = _loaded(tmp_path, headings)
    assert {s.name for s in corpus.speakers.values() if not s.is_publisher} == set()
    nobody = BOLD_INTERVIEW.replace("Mara Quist", "The secretary").replace("Quist", "She")
    (tmp_path / "interview.html").unlink()
    corpus = _loaded(tmp_path, nobody)
    assert {s.name for s in corpus.speakers.values() if not s.is_publisher} == set()
