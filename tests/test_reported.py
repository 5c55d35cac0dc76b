"""Who a news report quotes (retrieval/documents/reported.py): a paragraph quoting one named
person is theirs, with the office the report gives them; the rest stays the publisher's."""

from __future__ import annotations

from stenogram.retrieval.documents.parsing import parse
from stenogram.retrieval.documents.reported import reported_speakers
from stenogram.retrieval.documents.speakers import SpeakerRegistry

REPORT = """\
Nurses' unions reject pay framework

GENEVA, March 4 (Reuters) - European nurses' unions rejected a pay framework on Tuesday.

"We will not accept this," said Anna Berg, the president of the nursing federation.

Sweden's health minister, Tomas Lind, spoke after the talks in Geneva on Tuesday evening.

"We are not closing hospitals, but we are closing beds," Lind told reporters.

Berg added that the federation would meet again on March 11.

"It sounds like a big number," said Rahul Mehta. "Not for us," said Anna Berg.

He said the talks would go on.
"""

RU_REPORT = """\
Минстрой направит регионам 48,3 млрд рублей

МОСКВА, 4 марта. /ТАСС/. Минстрой направит регионам средства на расселение.

«Регионы получат 48,3 млрд рублей в этом году», - заявил министр строительства Иван Петров.

«Наибольшие сложности сохраняются в трёх регионах», - пояснил глава фонда Дмитрий Соколов.

По словам Петрова, «программа будет продлена до 2030 года».
"""


def _turns(text: str) -> list[tuple[str, str]]:
    registry = SpeakerRegistry()
    parsed = parse("r", text, "article", registry.publisher("Reuters").id, registry)
    for p in parsed.passages:
        assert text[p.span.start : p.span.end] == p.text  # verbatim, at the cited place
    return [
        (registry.get(t.speaker_id).name, registry.get(t.speaker_id).role) for t in parsed.turns
    ]


def test_a_paragraph_quoting_one_named_person_is_theirs():
    """ "…," said Anna Berg, the president of …; "…" Lind told reporters (the report named him
    in full before, with his office: "Sweden's health minister, Tomas Lind, spoke …"); a
    paraphrase, a paragraph quoting two people and "He said" stay the publisher's."""
    got = _turns(REPORT)
    assert got == [
        ("Reuters", "publisher"),
        ("Anna Berg", "president of the nursing federation"),
        ("Reuters", "publisher"),
        ("Tomas Lind", "Sweden's health minister"),
        ("Reuters", "publisher"),
    ]


def test_a_russian_report_credits_the_quote_to_its_sayer_in_the_nominative():
    paragraphs = []
    start = 0
    for block in RU_REPORT.split("\n\n"):
        paragraphs.append((start, start + len(block)))
        start += len(block) + 2
    found = reported_speakers(RU_REPORT, paragraphs)
    assert found == {
        2: ("Иван Петров", "министр строительства"),
        3: ("Дмитрий Соколов", "глава фонда"),
        4: ("Иван Петров", ""),  # "По словам Петрова" (genitive), the name given before
    }


def test_a_report_quoting_nobody_by_name_is_one_turn_of_its_publisher():
    text = (
        'Storm hits coast\n\n"It was terrible," one resident said.\n\nPower returned on Monday.\n'
    )
    assert _turns(text) == [("Reuters", "publisher")]


def test_a_title_before_the_name_is_the_role_unless_the_report_gives_one():
    """ "said President Ana Lima, the country's leader" is Ana Lima with the report's office;
    "said President Ana Lima." has the title as role."""
    text = (
        'Talks end\n\n"We will sign it next week," said President Ana Lima, the country\'s '
        'leader.\n\n"The rest can wait until the spring," said Minister Joao Reis.\n'
    )
    assert _turns(text) == [("Ana Lima", "country's leader"), ("Joao Reis", "Minister")]


def test_an_opening_quotation_mark_never_closed_costs_one_reading():
    """A long paragraph with an opening mark and no closing one (a PDF's lost quote) is read
    in one pass: no backtracking over every way to split it into words."""
    import time

    text = '"' + "word and more words here, " * 4000
    began = time.perf_counter()
    assert reported_speakers(text, [(0, len(text))]) == {}
    assert time.perf_counter() - began < 1.0  # it took 0.5 s at 5,000 characters before


def test_an_office_given_anywhere_in_the_report_goes_with_the_quotes():
    """Who a person is may be said in a paragraph of the report's own words, before or after
    their quote: "Rahul Mehta, a health economist at …, said the gap …"; "France's deputy health
    minister, Sophie Durand, said …"."""
    report = (
        "Economists say the gap is small. Rahul Mehta, a health economist at the Geneva "
        "Graduate Institute, put it at 3% of payroll.\n\n"
        '"It sounds like a big number until you compare it with agency bills," Mehta said.\n\n'
        '"France will keep recruiting abroad, with consent," Sophie Durand told reporters.\n\n'
        "France's deputy health minister, Sophie Durand, said Paris spent 1.4 billion euros.\n"
    )
    assert _turns(report) == [
        ("Reuters", "publisher"),
        ("Rahul Mehta", "health economist at the Geneva Graduate Institute"),
        ("Sophie Durand", "France's deputy health minister"),
        ("Reuters", "publisher"),
    ]
