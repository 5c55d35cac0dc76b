"""Each reader on a small file made here: the text shape, speakers as `Name: `, pages and times."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stenogram.retrieval.documents.corpus import load_corpus
from stenogram.retrieval.documents.readers import read_document, skip_reason
from stenogram.retrieval.errors import CorpusError
from stenogram.retrieval.model import location_at


def paragraphs(text: str) -> list[str]:
    return text.rstrip("\n").split("\n\n")


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_plain_text_and_markdown_pass_through_untouched(tmp_path):
    raw = "\ufeffTitle\r\n\r\nAnna Smith:\u00a0Good  morning.\r\n"
    for name, fmt in (("a.txt", "text"), ("b.md", "markdown")):
        got = read_document(write(tmp_path, name, raw))
        assert (got.text, got.format, got.extracted, got.locations) == (raw, fmt, False, ())


def test_markdown_with_markup_is_still_markdown(tmp_path):
    got = read_document(write(tmp_path, "notes.md", "<p><b>Ann:</b> hello there</p>\n"))
    assert got.format == "markdown" and got.text.startswith("<p>")


HTML_PAGE = """<!doctype html><html><head><meta charset="windows-1252">
<title>Briefing \u2013 Site</title><script>var x = "Nobody: said this";</script>
<style>p { color: red }</style></head><body>
<nav><a href="/">Home</a> <a href="/news">News: all of it</a></nav>
<div class="sidebar">Related: other briefings</div>
<article itemprop="articleBody">
<h1>Press briefing on harbours</h1>
<time datetime="2023-05-31T10:00">May 31</time>
<p><b>Vladimir Putin: </b>We discussed the harbour
dredging plan in detail.</p>
<p>It will start in March.</p>
<p><strong>Mr. LIMAN</strong>: Who paid for it?</p>
<p><b>President of Turkey <a href="/p/1">Recep Erdogan<span class="read__tooltip hidden">
Recep Erdogan biography card</span></a>:</b> The state paid.</p>
<p><b>Question</b> <i>(retranslated)</i><b>:</b> And the port?</p>
<figure><img src="x.jpg"><figcaption>Photo: the port at dawn</figcaption></figure>
<p style="display:none">Hidden: never shown</p>
</article>
<footer>Copyright: the publisher</footer></body></html>"""


def test_html_keeps_the_article_with_labels_leading_their_paragraphs(tmp_path):
    got = read_document(write(tmp_path, "page.html", HTML_PAGE.encode("cp1252")))
    assert got.format == "html" and got.extracted
    assert paragraphs(got.text) == [
        "Press briefing on harbours",
        "May 31",
        "Vladimir Putin: We discussed the harbour dredging plan in detail.",
        "It will start in March.",
        "Mr. LIMAN: Who paid for it?",
        "President of Turkey Recep Erdogan: The state paid.",
        "Question (retranslated): And the port?",
    ]
    assert got.title == "Press briefing on harbours" and got.date == "2023-05-31"


def test_html_fragment_with_br_turns_and_a_php_extension(tmp_path):
    page = (
        '<div><font class="transcript">\n<strong>Mr. LIMAN</strong>: Do you recall who\n'
        "was present?\n<br/><br/><strong>Mr. POINDEXTER</strong>: No, I don't. I recall\n"
        "it was a day later.<br/><br/>\nMr. McFarlane resigned on the 30th.<br/><br/></font></div>"
    )
    got = read_document(write(tmp_path, "jp-1.php", page))
    assert got.format == "html"
    assert paragraphs(got.text) == [
        "Mr. LIMAN: Do you recall who was present?",
        "Mr. POINDEXTER: No, I don't. I recall it was a day later.",
        "Mr. McFarlane resigned on the 30th.",
    ]


def test_html_cite_label_and_time_lead_the_next_paragraph(tmp_path):
    page = (
        "<html><body><cite>Travis:</cite><time>0:00</time><p>Welcome to the show.</p>"
        "<cite>Sarah:</cite><time>0:53</time><p>Good audio &amp; good content.</p></body></html>"
    )
    got = read_document(write(tmp_path, "episode.html", page))
    assert paragraphs(got.text) == [
        "Travis: Welcome to the show.",
        "Sarah: Good audio & good content.",
    ]
    second = got.text.index("Sarah")
    assert location_at(got.locations, second).time == "0:53"
    assert location_at(got.locations, second - 3).time == "0:00"


def test_html_question_number_before_a_label_is_its_own_paragraph(tmp_path):
    page = (
        "<html><body><p>1. <b>Mr David Hanson (Delyn) (Lab):</b> When will he go?</p></body></html>"
    )
    got = read_document(write(tmp_path, "q.htm", page))
    assert paragraphs(got.text) == ["1.", "Mr David Hanson (Delyn) (Lab): When will he go?"]


def test_html_encoding_from_xml_declaration(tmp_path):
    page = (
        '<?xml version="1.0" encoding="ISO-8859-1"?><!DOCTYPE html><html><body>'
        "<p><b>Mr Hague:</b> Caf\xe9 society.</p></body></html>"
    ).encode("latin-1")
    got = read_document(write(tmp_path, "x.html", page))
    assert paragraphs(got.text) == ["Mr Hague: Café society."]


TWFY = """<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE publicwhip [ <!ENTITY mdash "&#8212;"> ]>
<publicwhip>
<major-heading id="uk.org.publicwhip/debate/2009-10-29a.1.0">Oil and Gas</major-heading>
<speech id="s1" nospeaker="true"><p>Motion made&mdash;and Question proposed.</p></speech>
<speech id="s2" speakername="Paddy Tipping"><p pid="a">I am delighted to speak.</p>
<p pid="b">The industry employs about 350,000 people.</p></speech>
<speech id="s3" speakername="Simon Hughes"><p>Will the hon. Gentleman give way?</p></speech>
</publicwhip>"""


def test_xml_speaker_attribute_leads_the_first_paragraph_of_its_speech(tmp_path):
    got = read_document(write(tmp_path, "debate.xml", TWFY.encode("latin-1")))
    assert got.format == "xml"
    assert paragraphs(got.text) == [
        "Oil and Gas",
        "Motion made\u2014and Question proposed.",
        "Paddy Tipping: I am delighted to speak.",
        "The industry employs about 350,000 people.",
        "Simon Hughes: Will the hon. Gentleman give way?",
    ]
    assert got.title == "Oil and Gas" and got.date == "2009-10-29"


@pytest.mark.parametrize(
    "xml, expected",
    [
        (
            '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div><head>Act I</head>'
            '<sp who="#hamlet"><speaker>Hamlet</speaker><l>To be, or not to be.</l></sp>'
            '<sp who="#ophelia"><speaker>Ophelia</speaker><p>Good my lord.</p></sp>'
            "</div></body></text></TEI>",
            ["Act I", "Hamlet: To be, or not to be.", "Ophelia: Good my lord."],
        ),
        (
            "<akomaNtoso><debate><debateBody><debateSection><heading>Questions</heading>"
            '<speech by="#MrSmith"><from>Mr. Smith</from><p>First point.</p><p>Second point.</p></speech>'
            "</debateSection></debateBody></debate></akomaNtoso>",
            ["Questions", "Mr. Smith: First point.", "Second point."],
        ),
        (
            '<transcript><u who="Anna Smith">Hello there.</u><u who="Bob">Hi.</u></transcript>',
            ["Anna Smith: Hello there.", "Bob: Hi."],
        ),
    ],
)
def test_xml_speech_formats_tei_and_akoma_ntoso(tmp_path, xml, expected):
    got = read_document(write(tmp_path, "speech.xml", xml))
    assert paragraphs(got.text) == expected


AKN_QUESTIONS = """<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><debate name="hansard">
<meta><identification source="#rec">
<FRBRWork><FRBRdate date="2031-03-04" name="Generation"/></FRBRWork>
<FRBRManifestation><FRBRdate date="2031-03-09" name="Transform"/></FRBRManifestation>
</identification><references source="#rec">
<TLCPerson eId="okoro-bt" href="/ontology/person/x/okoro-bt" showAs="Mrs B T Okoro"/>
<TLCPerson eId="lindqvist-e" href="/ontology/person/x/lindqvist-e" showAs="Hon. E Lindqvist"/>
</references></meta>
<preface><p><docDate date="2031-03-04">WEDNESDAY, 4 MARCH 2031</docDate></p></preface>
<debateBody><debateSection name="questions"><heading>Questions on fisheries</heading>
<narrative>The Council met at <recordedTime time="2031-03-04T14:00:00">14:00</recordedTime>.</narrative>
<questions>
<question by="#okoro-bt" to="#minister"><from>Mrs B T Okoro</from>
<p>asked the Minister of Fisheries:</p><p>How many trawler licences were issued?</p></question>
<answer by="#lindqvist-e" as="#minister"><from>The MINISTER OF FISHERIES (Hon. E Lindqvist):</from>
<p>Forty-two licences were issued, six fewer than last season.</p></answer>
<scene>(Applause.)</scene>
<speech by="#okoro-bt"><from>Mrs B T OKORO:</from><p>Will the hake quota be cut again?</p></speech>
<answer by="#lindqvist-e"><from>The MINISTER OF FISHERIES:</from>
<p>The hake quota stays as it is <scene>[Interjections.]</scene> until the survey reports.</p></answer>
</questions>
<narrative>The Council rose at 15:30.</narrative>
</debateSection></debateBody></debate></akomaNtoso>"""


def test_xml_akoma_ntoso_questions_answers_narration_listed_names_and_date(tmp_path):
    """Question time in Akoma Ntoso: a question and its answer are speeches; the narration
    between speeches is kept as paragraphs of its own (inside a speech it stays where it is);
    each speaker is written as the record's list of persons spells them, with the office
    `<from>` gives; the record is dated by its cover's `<docDate>`, else its work's `<FRBRdate>`."""
    got = read_document(write(tmp_path, "sitting.xml", AKN_QUESTIONS))
    assert paragraphs(got.text) == [
        "Questions on fisheries",
        "The Council met at 14:00.",
        "Mrs B T Okoro: asked the Minister of Fisheries:",
        "How many trawler licences were issued?",
        "The MINISTER OF FISHERIES (Hon. E Lindqvist): Forty-two licences were issued, six fewer "
        "than last season.",
        "(Applause.)",
        "Mrs B T Okoro: Will the hake quota be cut again?",
        "The MINISTER OF FISHERIES (Hon. E Lindqvist): The hake quota stays as it is "
        "[Interjections.] until the survey reports.",
        "The Council rose at 15:30.",
    ]
    assert got.date == "2031-03-04"
    opening = [got.text[n:].partition("\n")[0] for n in got.narration]
    assert opening == ["The Council met at 14:00.", "(Applause.)", "The Council rose at 15:30."]
    work_dated = AKN_QUESTIONS.replace('<docDate date="2031-03-04">', "<docDate>")
    assert read_document(write(tmp_path, "undated.xml", work_dated)).date == "2031-03-04"


@pytest.mark.parametrize(
    "said, label",
    [
        ("<from>Mrs B T OKORO:</from>", "Mrs B T Okoro"),
        ("<from>Mrs OKORO (Greens):</from>", "Mrs Okoro (Greens)"),
        ("<from>The MINISTER OF FISHERIES:</from>", "The MINISTER OF FISHERIES (Mrs B T Okoro)"),
        ("", "Mrs B T Okoro"),
    ],
)
def test_xml_akoma_ntoso_speaker_as_the_list_of_persons_spells_them(tmp_path, said, label):
    """The listed spelling of the name `<from>` writes, what else it says kept; a `<from>` with
    an office alone is followed by the listed name, and a speech without one takes it alone."""
    xml = (
        '<akomaNtoso><debate><meta><references><TLCPerson eId="okoro-bt" showAs="Mrs B T Okoro"/>'
        f'</references></meta><debateBody><speech by="#okoro-bt">{said}<p>Hake is scarce.</p>'
        "</speech></debateBody></debate></akomaNtoso>"
    )
    got = read_document(write(tmp_path, "speech.xml", xml))
    assert paragraphs(got.text) == [f"{label}: Hake is scarce."]


def test_xml_akoma_ntoso_speakers_are_named_in_full_with_their_initials(tmp_path):
    """ "Mrs B T Okoro" is B T Okoro, not "T Okoro" with the role "B"; the minister's office is
    her role."""
    write(tmp_path, "sitting.xml", AKN_QUESTIONS)
    corpus = load_corpus(tmp_path)
    people = {s.name: s.role for s in corpus.speakers.values() if not s.is_publisher}
    assert people == {"B T Okoro": "", "E Lindqvist": "The MINISTER OF FISHERIES"}


def test_xml_akoma_ntoso_narration_after_a_speech_is_nobodys(tmp_path):
    """ "The Council rose at 15:30." follows the minister's answer with no label of its own: the
    record's narration, the document's own text, not more of her answer."""
    write(tmp_path, "sitting.xml", AKN_QUESTIONS)
    corpus = load_corpus(tmp_path)
    (rose,) = [p for p in corpus.passages if p.text == "The Council rose at 15:30."]
    assert corpus.speakers[rose.speaker_id].is_publisher


def test_xml_questions_and_answers_naming_nobody_are_text(tmp_path):
    """An FAQ's <question> and <answer> name no speaker: the file is read as its text."""
    xml = "<faq><title>Ferries</title><question>Do ferries sail in winter?</question>"
    xml += "<answer>Four of them do.</answer></faq>"
    got = read_document(write(tmp_path, "faq.xml", xml))
    assert paragraphs(got.text) == ["Ferries", "Do ferries sail in winter?", "Four of them do."]


def test_xml_entities_from_outside_are_never_fetched(tmp_path):
    secret = write(tmp_path, "secret.txt", "TOP SECRET")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<d><speech speakername="A"><p>before &x; after</p></speech></d>'
    )
    try:
        got = read_document(write(tmp_path, "evil.xml", xml))
    except CorpusError:
        return  # refusing the file is fine too
    assert "TOP SECRET" not in got.text


def _pdf2xml_line(top: int, left: int, width: int, text: str, height: int = 14) -> str:
    return (
        f'<text top="{top}" left="{left}" width="{width}" height="{height}" font="1">{text}</text>'
    )


def test_pdftohtml_xml_columns_paragraphs_running_heads_and_pages(tmp_path):
    pages = []
    for number in (1, 2):
        left_col = [
            _pdf2xml_line(80, 90, 60, "<b>A/60/PV.25</b>"),
            _pdf2xml_line(1080, 90, 8, f"<b>{number}</b>"),
            _pdf2xml_line(130, 126, 324, f"<b>Mr. Kazykhanov</b> (Kazakhstan): On page {number} I"),
            _pdf2xml_line(148, 90, 360, "speak about peace-"),
            _pdf2xml_line(166, 90, 360, "building and the Confidence-"),
            _pdf2xml_line(184, 90, 200, "Building Measures."),
            _pdf2xml_line(211, 126, 324, "A new paragraph starts"),
            _pdf2xml_line(229, 90, 300, "here, with an indent."),
        ]
        right_col = [
            _pdf2xml_line(130, 468, 360, "The right column follows"),
            _pdf2xml_line(148, 468, 200, "the left one."),
        ]
        pages.append(
            f'<page number="{number}" top="0" left="0" height="1188" width="918">'
            + "".join(left_col + right_col)
            + "</page>"
        )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><pdf2xml producer="poppler">'
        + "".join(pages)
        + "</pdf2xml>"
    )
    got = read_document(write(tmp_path, "record.xml", xml))
    assert got.format == "pdf-xml"
    paras = paragraphs(got.text)
    assert paras[0] == (
        "Mr. Kazykhanov (Kazakhstan): On page 1 I speak about peace-building and "
        "the Confidence-Building Measures."
    )
    assert (
        paras[1]
        == "A new paragraph starts here, with an indent. The right column follows the left one."
    )
    assert "A/60/PV.25" not in got.text and "\n2\n" not in got.text
    second = got.text.index("On page 2")
    assert location_at(got.locations, second).page == 2
    assert location_at(got.locations, 0).page == 1


def test_pdf_text_layer_with_pages(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.set_title("Hearing on widgets")
    topics = ["the widget inventory", "the budget for sprockets", "the audit of gear factories"]
    for page, topic in enumerate(topics, start=1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.cell(0, 8, "Committee Hearing Record", new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(
            0,
            6,
            f"Mr. SMITH: Today we discuss {topic} in considerable detail, because "
            "these numbers matter a great deal to everyone who pays for them.",
        )
        pdf.ln(4)
        pdf.multi_cell(
            0,
            6,
            f"Ms. JONES: I agree with the gentleman about {topic} and the "
            "procedures that count them in each of our regional offices.",
        )
        pdf.cell(0, 8, str(page), new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "hearing.pdf"
    pdf.output(str(path))
    got = read_document(path)
    assert got.format == "pdf" and got.title == "Hearing on widgets"
    paras = paragraphs(got.text)
    assert len(paras) == 6 and "Committee Hearing Record" not in got.text
    assert paras[3].startswith(
        "Ms. JONES: I agree with the gentleman about the budget for sprockets"
    )
    assert paras[3].endswith("regional offices.")
    for page, topic in enumerate(topics, start=1):
        assert location_at(got.locations, got.text.index(topic)).page == page


VTT = (
    "\ufeffWEBVTT\r\n\r\n00:00:00.179 --> 00:00:02.399\r\n<v Travis> When you first get\r\n"
    "started, it&#39;s hard\r\n\r\n00:00:02.400 --> 00:00:04.799\r\nto make <i>good</i> audio.\r\n\r\n"
    "00:00:04.800 --> 00:00:06.000\r\n<v Sarah>Audio matters.\r\n\r\n"
    "00:00:06.000 --> 00:00:08.000\r\nGilon: So is there an ideal\r\nlength? Nope.\r\n\r\n"
    "00:00:08.000 --> 00:00:09.000\r\nShort is fine.\r\n"
)


def test_vtt_with_bom_and_crlf_joins_cues_per_speaker(tmp_path):
    got = read_document(write(tmp_path, "episode.vtt", VTT))
    assert got.format == "vtt" and "\r" not in got.text and "\ufeff" not in got.text
    assert paragraphs(got.text) == [
        "Travis: When you first get started, it's hard to make good audio.",
        "Sarah: Audio matters.",
        "Gilon: So is there an ideal length? Nope. Short is fine.",
    ]
    assert location_at(got.locations, got.text.index("good audio")).time == "00:00:02.400"
    assert location_at(got.locations, got.text.index("Short")).time == "00:00:08.000"


def test_srt_speaker_prefixes_and_times(tmp_path):
    srt = (
        "1\r\n00:00:00,179 --> 00:00:02,399\r\nTravis: When you first get\r\nstarted.\r\n\r\n"
        "2\r\n00:00:02,400 --> 00:00:04,799\r\nStill Travis here.\r\n\r\n"
        "3\r\n00:00:05,000 --> 00:00:06,000\r\nSarah: My turn.\r\n\r\n"
        "4\r\n00:00:16,000 --> 00:00:17,000\r\nAfter a long pause.\r\n"
    )
    got = read_document(write(tmp_path, "episode.srt", srt))
    assert got.format == "srt"
    assert paragraphs(got.text) == [
        "Travis: When you first get started. Still Travis here.",
        "Sarah: My turn.",
        "After a long pause.",
    ]
    assert location_at(got.locations, got.text.index("Still")).time == "00:00:02.400"
    assert location_at(got.locations, got.text.index("After")).time == "00:00:16.000"


def test_srt_for_the_deaf_names_speakers_in_brackets_and_drops_sound_notes(tmp_path):
    """ "[ANNA] Good evening" is a turn of ANNA's, as "ANNA: Good evening" would be; a cue that
    is only a sound ("[THEME MUSIC]", "(LAUGHTER)") is no one's words and is left out; a sound
    note before words ("[MUSIC] Welcome") names nobody."""
    srt = (
        "1\n00:00:00,500 --> 00:00:04,200\n[THEME MUSIC]\n\n"
        "2\n00:00:04,900 --> 00:00:09,100\n[ANNA] Good evening and welcome\nto the show.\n\n"
        "3\n00:00:09,300 --> 00:00:11,000\nORTIZ: Thanks for having me.\n\n"
        "4\n00:00:11,000 --> 00:00:12,000\n(LAUGHTER)\n\n"
        "5\n00:00:12,000 --> 00:00:14,000\n[ANNA] What started the fire?\n\n"
        "6\n00:00:14,000 --> 00:00:16,000\n[MUSIC] A power line, in the wind.\n\n"
        "7\n00:00:16,000 --> 00:00:18,000\n[SPEAKING SPANISH] Gracias.\n"
    )
    got = read_document(write(tmp_path, "interview.srt", srt))
    assert paragraphs(got.text) == [
        "ANNA: Good evening and welcome to the show.",
        "ORTIZ: Thanks for having me.",
        "ANNA: What started the fire? [MUSIC] A power line, in the wind. [SPEAKING SPANISH] "
        "Gracias.",
    ]
    assert location_at(got.locations, got.text.index("What started")).time == "00:00:12.000"


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("broken.xml", b"<speech speakername='A'><p>never closed", "not well-formed XML"),
        ("empty.html", b"<html><body><script>x()</script></body></html>", "no text found"),
        ("bad.pdf", b"%PDF-1.4 garbage that is no pdf", "PDF"),
        ("bad.html", b'<meta charset="no-such-codec"><p>x</p>', "unknown encoding"),
    ],
)
def test_unreadable_converted_files_fail_with_one_line(tmp_path, name, data, words):
    with pytest.raises(CorpusError) as info:
        read_document(write(tmp_path, name, data))
    assert words in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize(
    "name, skipped",
    [
        ("README.md", True),
        ("SOURCE.md", True),
        ("LICENSE", True),
        ("questions.jsonl", True),
        ("count_turns.py", True),
        ("photo.JPG", True),
        ("bundle.tar.gz", True),
        ("data.json", True),
        ("sub/readme.txt", True),
        ("speech.txt", False),
        ("page.html", False),
        ("talk.vtt", False),
        ("record.pdf", False),
        ("sources-of-law.txt", True),
        ("resource.txt", False),
    ],
)
def test_skip_reason(name, skipped):
    assert bool(skip_reason(name)) is skipped


def test_html_pre_block_keeps_its_turns_apart(tmp_path):
    page = (
        "<html><body><pre>HEARING OF THE COMMITTEE\n\nMR. SMITH: Good morning, we begin\n"
        "with the budget.\nMS. JONES: Thank you. The budget\nis late.\n\n(Recess)\n</pre>"
        "</body></html>"
    )
    got = read_document(write(tmp_path, "hearing.html", page))
    assert paragraphs(got.text) == [
        "HEARING OF THE COMMITTEE",
        "MR. SMITH: Good morning, we begin with the budget.",
        "MS. JONES: Thank you. The budget is late.",
        "(Recess)",
    ]


def test_xml_utterance_with_mixed_content_keeps_every_word(tmp_path):
    xml = (
        '<TEI><text><body><u who="Anna">Hello <pause/> there <gap reason="inaudible"/>'
        ' friends.</u><u who="Bob"><seg>One.</seg><seg>Two.</seg></u></body></text></TEI>'
    )
    got = read_document(write(tmp_path, "talk.xml", xml))
    assert paragraphs(got.text) == ["Anna: Hello there friends.", "Bob: One.", "Two."]


@pytest.mark.parametrize(
    "body",
    [
        '<p><span class="speaker">ANNA SMITH</span> Hello there.</p><p><span class="speaker">BOB</span>'
        " Good morning.</p><p>Still Bob.</p>",
        "<dl><dt>ANNA SMITH</dt><dd>Hello there.</dd><dt>BOB:</dt><dd>Good morning.</dd></dl>"
        "<p>Still Bob.</p>",
    ],
)
def test_html_speaker_classes_and_definition_lists_become_labels(tmp_path, body):
    got = read_document(write(tmp_path, "t.html", f"<html><body>{body}</body></html>"))
    assert paragraphs(got.text) == ["ANNA SMITH: Hello there.", "BOB: Good morning.", "Still Bob."]


def test_html_hansard_bylines_become_labels_with_seat_and_party(tmp_path):
    """hansard.parliament.uk marks each contribution's speaker as a byline: a link of class
    "attributed-to-details" holding the name and, in a second element, the seat and party or
    the office. Its parts are kept apart ("Tobias Fenwick (Thirsk and Malton) (Con):"), and a
    share link beside it is furniture."""

    def contribution(name: str, second: str, speech: str) -> str:
        return (
            '<div class="contribution"><div class="header">'
            '<a class="attributed-to-details" href="/search/MemberContributions?memberId=1">'
            '<div class="image-container"><img src="t.jpg" alt="Photo"></div>'
            f'<div class="details"><div class="primary-text">{name}</div>{second}</div></a>'
            '<div class="contribution-actions"><a class="share-link" href="#c">Share this '
            f'contribution</a></div></div><div class="content"><p>{speech}</p></div></div>'
        )

    body = (
        contribution(
            "Tobias Fenwick",
            '<div class="secondary-text">(Thirsk and Malton) (Con)</div>',
            "I beg to move the motion.",
        )
        + contribution(
            "The Secretary of State for Transport (Helen Marchant)", "", "I thank him for it."
        )
        + '<div class="attributed-to-details"><div class="primary-text">Mr Speaker</div></div>'
        + "<p>Order.</p>"
    )
    got = read_document(write(tmp_path, "debate.html", f"<html><body>{body}</body></html>"))
    assert paragraphs(got.text) == [
        "Tobias Fenwick (Thirsk and Malton) (Con): I beg to move the motion.",
        "The Secretary of State for Transport (Helen Marchant): I thank him for it.",
        "Mr Speaker: Order.",
    ]


def test_html_disclaimers_are_furniture(tmp_path):
    """NPR's transcripts end with a copyright and a "created on a rush deadline" notice marked
    class="disclaimer": page furniture, not the last speaker's words."""
    body = (
        "<p>SARAH MCCAMMON, BYLINE: Thank you, Steve.</p>"
        '<p class="disclaimer">Copyright © 2026 NPR. All rights reserved.</p>'
        '<p class="disclaimer">NPR transcripts are created on a rush deadline.</p>'
    )
    got = read_document(write(tmp_path, "npr.html", f"<html><body>{body}</body></html>"))
    assert paragraphs(got.text) == ["SARAH MCCAMMON, BYLINE: Thank you, Steve."]


def test_html_blocks_of_links_are_navigation(tmp_path):
    page = (
        '<html><body><div><a href="/">Home</a> | <a href="/a">About us</a> | <a href="/n">News'
        '</a> | <a href="/c">Contact</a></div><p><b>Anna:</b> The report on <a href="/r">the '
        'harbour</a> is ready, and <a href="/b">the budget</a> too, as <a href="/p">planned'
        "</a> last year by the whole board.</p></body></html>"
    )
    got = read_document(write(tmp_path, "nav.html", page))
    assert paragraphs(got.text) == [
        "Anna: The report on the harbour is ready, and the budget too,"
        " as planned last year by the whole board."
    ]


def test_html_speaker_text_class_is_not_a_label(tmp_path):
    page = (
        '<html><body><p><span class="speaker-name">ANNA</span>'
        '<span class="speaker-text">Yes, I agree.</span></p></body></html>'
    )
    got = read_document(write(tmp_path, "t.html", page))
    assert paragraphs(got.text) == ["ANNA: Yes, I agree."]


@pytest.mark.parametrize(
    "title, kept",
    [("Microsoft Word - draft3.docx", ""), ("minutes.pdf", ""), ("A/60/PV.25", "A/60/PV.25")],
)
def test_pdf_title_from_metadata_unless_it_is_a_file_name(tmp_path, title, kept):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "The harbour board approved the dredging budget on Monday.")
    path = tmp_path / "t.pdf"
    pdf.output(str(path))
    assert read_document(path).title == kept


def test_html_column_marker_is_dropped_and_the_cut_paragraph_rejoined(tmp_path):
    page = (
        "<html><body><p><b>Ms Berg:</b> The harbour dues rose twice this year, and the</p>"
        "<p><b>3 May 2012 : Column 88</b></p><p>fishermen paid both rises in full.</p>"
        "<p>Page 4 of 9</p><p>The council will review them.</p></body></html>"
    )
    got = read_document(write(tmp_path, "h.html", page))
    assert paragraphs(got.text) == [
        "Ms Berg: The harbour dues rose twice this year, and the fishermen paid both rises in full.",
        "The council will review them.",  # a capitalised paragraph after a marker is its own
    ]


CAPTIONS = """\
Castlebridge Flood Defence Scheme Explained
0:00
[Music]
0:07
hi I'm Dana Okafor I'm the lead planner for
0:11
the castlebridge flood defence scheme here at the city council
0:16
and in the next 12 minutes or so I want to walk you
0:22
through what we're planning to build along the river
0:27
the walls will cost 48 million pounds in total
1:02
and the work starts next spring
"""


def test_a_video_transcript_copied_as_text_is_read_as_captions(tmp_path):
    """YouTube's "Show transcript" copied as text: time stamps on lines of their own between
    unpunctuated captions. Each caption was a paragraph of a few words, none worth quoting (the
    whole document was refused); they are read as subtitles are, the title line as the title,
    each caption's time as its location, and the presenter who introduces themselves speaks."""
    from stenogram.retrieval.documents.corpus import load_corpus

    got = read_document(write(tmp_path, "flood.txt", CAPTIONS))
    assert got.format == "captions" and got.extracted
    assert got.title == "Castlebridge Flood Defence Scheme Explained"
    assert "[Music]" not in got.text and "0:07" not in got.text
    assert "hi I'm Dana Okafor I'm the lead planner for the castlebridge flood" in got.text
    at = got.text.index("the walls will cost")
    assert location_at(got.locations, at).time.startswith("00:00:27")
    corpus = load_corpus(tmp_path)
    assert {corpus.speakers[p.speaker_id].name for p in corpus.passages} == {"Dana Okafor"}
    # A text with a few times in it is still plain text.
    plain = "Minutes\n\n10:30\n\nThe meeting opened.\n\n11:00\n\nIt closed.\n"
    assert read_document(write(tmp_path, "minutes.txt", plain)).format == "text"


def _reporter_page(number: int, lines: list[str], low: bool = False) -> str:
    """One page of a court reporter's transcript: "Page N" at its head, 25 numbered lines (the
    text at the page's foot when `low`), the firm's name and telephone at its foot, a form feed
    after it."""
    blank = [""] * (25 - len(lines))
    body = [
        f"{i:2}  {line}".rstrip()
        for i, line in enumerate(blank + lines if low else lines + blank, 1)
    ]
    head = f"{'':50}Page {number}"
    foot = ["", "        HARBOUR COURT REPORTING, INC.", "        (555) 555-0100"]
    return "\n".join([head, "", *body, *foot]) + "\n\f"


DEPOSITION_PAGES = _reporter_page(
    4,
    [
        "            MR. LUND: Good morning.",
        "      Q.   Where were you on the night of the",
        "flood at the harbour warehouse?",
        "      A.   At the pump house. I started my shift at",
        "10 p.m.",
        "      Q.   What did you see?",
        "      A.   The water came over the north wall at",
    ],
    low=True,
) + _reporter_page(
    5,
    [
        "about 11:40, and the pumps failed ten minutes",
        "later.",
        "            MS. HARTE: Objection; form.",
    ],
)


def test_a_court_reporters_numbered_pages_are_read_without_their_margin(tmp_path):
    """Line numbers, the page head and foot are no text; an answer runs on over the page break
    as one paragraph; each page's printed number is its location."""
    got = read_document(write(tmp_path, "depo.txt", DEPOSITION_PAGES))
    assert got.format == "numbered" and got.extracted
    assert "REPORTING" not in got.text and "Page" not in got.text
    assert not re.search(r"(?m)^ ?\d{1,2}  ", got.text)  # no " 7  " margin left
    assert "wall at\nabout 11:40" in got.text  # the page break joins the answer's lines
    at = got.text.index("about 11:40")
    assert location_at(got.locations, at).page == 5
    assert location_at(got.locations, got.text.index("Good morning")).page == 4
    # The indent past the margin stays: "Q." and "A." open their paragraphs.
    assert "\n      Q.   What did you see?\n" in got.text
    # A text file whose lines are not numbered is plain text, untouched.
    plain = read_document(write(tmp_path, "plain.txt", "1 apple\n2 pears\n\nNotes.\n"))
    assert plain.format == "text"


def test_a_witness_the_cover_names_answers_under_that_full_name(tmp_path):
    from stenogram.retrieval.documents.corpus import load_corpus

    cover = _reporter_page(
        3,
        [
            "            WHEREUPON, MARTA ANN SOLBERG, called as a",
            "witness herein, having been first duly sworn, was",
            "examined and testified as follows:",
        ],
    )
    write(tmp_path, "depo.txt", cover + DEPOSITION_PAGES)
    corpus = load_corpus(tmp_path)
    names = {corpus.speakers[p.speaker_id].name for p in corpus.passages if "pump" in p.text}
    assert names == {"Marta Ann Solberg"}
    doc = next(iter(corpus.documents.values()))
    for p in corpus.passages:
        assert doc.text[p.span.start : p.span.end] == p.text
        assert not re.search(r"(?m)^ ?\d{1,2}  ", p.text)


def test_html_a_bold_heading_with_a_colon_over_a_labelled_paragraph_stays_a_heading(tmp_path):
    """ "<strong>Из ответов на вопросы:</strong>" alone, then "<strong>Вопрос:</strong> …": the
    heading does not lead the question, whose own label opens its paragraph."""
    page = (
        "<html><body><p><strong>Из ответов на вопросы:</strong></p>"
        "<p><strong>Вопрос:</strong> Как Москва ответит на санкции?</p>"
        "<p><strong>Travis:</strong></p><p>Welcome to the show.</p></body></html>"
    )
    got = read_document(write(tmp_path, "briefing.html", page))
    assert paragraphs(got.text) == [
        "Из ответов на вопросы:",
        "Вопрос: Как Москва ответит на санкции?",
        "Travis: Welcome to the show.",
    ]


def test_pdftohtml_xml_one_column_keeps_short_last_lines_and_drops_feet_written_first(tmp_path):
    """A one-column hearing: a paragraph's short last line is no column of its own; a page's
    foot that pdftohtml writes before the body is still dropped; a letter-spaced label is read
    as its words."""
    pages = []
    for number in (1, 2):
        lines = [
            _pdf2xml_line(1098, 440, 38, f"Page {number}"),  # the foot, written first
            _pdf2xml_line(67, 135, 240, "<i>Joint Committee on Harbours</i>"),
            _pdf2xml_line(
                135, 135, 648, "<b>M A R T A   S O L B E R G:</b> Thank you, Madam Chair. The"
            ),
            _pdf2xml_line(153, 135, 648, "harbour lost power for three days, and our crews"),
            _pdf2xml_line(171, 135, 120, f"worked nights {number}."),
            _pdf2xml_line(198, 171, 612, "<b>CHAIR LUND:</b> Thank you for coming to the"),
            _pdf2xml_line(216, 135, 200, "committee today."),
        ]
        pages.append(
            f'<page number="{number}" top="0" left="0" height="1188" width="918">'
            + "".join(lines)
            + "</page>"
        )
    xml = '<?xml version="1.0"?><pdf2xml producer="poppler">' + "".join(pages) + "</pdf2xml>"
    got = read_document(write(tmp_path, "hearing.xml", xml))
    paras = paragraphs(got.text)
    assert paras[0] == (
        "MARTA SOLBERG: Thank you, Madam Chair. The harbour lost power for three days, and our "
        "crews worked nights 1."
    )
    assert paras[1] == "CHAIR LUND: Thank you for coming to the committee today."
    assert "Page" not in got.text and "Joint Committee" not in got.text


def test_pdftohtml_xml_bold_label_wrapped_over_two_lines_is_one_label(tmp_path):
    """A witness's long title wraps: the bold label's first line ends inside its bracket and the
    next line begins with the rest of it in bold. One paragraph, so one label; a bold heading
    closed on its own line still starts a paragraph of its own."""
    lines = [
        _pdf2xml_line(100, 126, 300, "<b>BRIDGE SAFETY</b>"),
        _pdf2xml_line(
            127, 126, 406, "<b>Mr. Desmond Aucoin (President and Chief Executive Officer,</b>"
        ),
        _pdf2xml_line(145, 90, 427, "<b>Northern Shore Rail)</b>: Thank you, Madam Chair. On"),
        _pdf2xml_line(163, 90, 300, "the night of August 9 the span fell."),
        _pdf2xml_line(190, 126, 300, "<b>The Chair</b>: Thank you."),
    ]
    page = '<page number="1" top="0" left="0" height="1188" width="918">' + "".join(lines)
    xml = '<?xml version="1.0"?><pdf2xml producer="poppler">' + page + "</page></pdf2xml>"
    path = write(tmp_path, "evidence.xml", xml)
    paras = paragraphs(read_document(path).text)
    assert paras[:2] == [
        "BRIDGE SAFETY",
        "Mr. Desmond Aucoin (President and Chief Executive Officer, Northern Shore Rail): Thank "
        "you, Madam Chair. On the night of August 9 the span fell.",
    ]
    corpus = load_corpus(tmp_path)
    speaker = next(s for s in corpus.speakers.values() if s.name == "Desmond Aucoin")
    assert speaker.role == "President and Chief Executive Officer, Northern Shore Rail"


def test_a_roll_heading_is_no_speaker():
    from stenogram.retrieval.documents.shapes import classify

    for heading in ("MEMBERS OF COMMITTEE PRESENT", "Senators absent", "ALSO PRESENT"):
        assert classify(heading)[0] == "nonspeech"


def test_srt_dashes_part_the_speakers_of_one_cue_and_russian_labels_and_sounds(tmp_path):
    """ "- Сколько?" / "- Около четырёх." in one cue are two speakers: two paragraphs, and the
    cue after them starts another (who speaks there is not known); "Ведущий: …" opens a turn
    as a Latin label does; "[музыка]" alone is a sound."""
    srt = (
        "1\n00:00:04,200 --> 00:00:07,200\n[музыка]\n\n"
        "2\n00:00:07,317 --> 00:00:10,913\nВедущий: Добрый вечер, в эфире\nпрограмма «Вопрос».\n\n"
        "3\n00:00:11,000 --> 00:00:14,000\nСколько будет стоить\nпроезд по дороге?\n\n"
        "4\n00:00:14,100 --> 00:00:16,000\n- Давайте я скажу честно.\n- Давайте.\n\n"
        "5\n00:00:16,100 --> 00:00:19,000\nОколо четырёх рублей\nза километр.\n"
    )
    got = read_document(write(tmp_path, "interview.srt", srt))
    assert paragraphs(got.text) == [
        "Ведущий: Добрый вечер, в эфире программа «Вопрос». Сколько будет стоить проезд по дороге?",
        "- Давайте я скажу честно.",
        "- Давайте.",
        "Около четырёх рублей за километр.",
    ]
    assert location_at(got.locations, got.text.index("- Давайте.")).time == "00:00:14.100"


def test_vtt_a_phone_ins_callers_and_a_second_speaker_inside_one_cue(tmp_path):
    """ "CALLER (MARGARET, LEEDS): Morning." then "DR SHAH: Hello, Margaret." in one cue are
    two turns, each with its label."""
    vtt = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nPRESENTER: Good morning, I'm Claire Ashby.\n\n"
        "00:00:04.500 --> 00:00:07.000\nCALLER (MARGARET, LEEDS): Morning.\nDR SHAH: Hello, Margaret.\n\n"
        "00:00:07.500 --> 00:00:09.000\nHow long have you waited?\n"
    )
    got = read_document(write(tmp_path, "phonein.vtt", vtt))
    assert paragraphs(got.text) == [
        "PRESENTER: Good morning, I'm Claire Ashby.",
        "CALLER (MARGARET, LEEDS): Morning.",
        "DR SHAH: Hello, Margaret.",
        "How long have you waited?",
    ]


def test_vtt_a_phone_ins_presenter_is_who_they_say_and_callers_are_named(tmp_path):
    from stenogram.retrieval.documents.corpus import load_corpus

    vtt = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nPRESENTER: Good morning, I'm Claire Ashby,\n"
        "and this is the phone-in about buses.\n\n"
        "00:00:04.500 --> 00:00:07.000\nCALLER (MARGARET, LEEDS): Morning. My bus was late\n"
        "every day this week, forty minutes.\n\n"
        "00:00:07.500 --> 00:00:09.000\nPRESENTER: Forty minutes, every day this week?\n\n"
        "00:00:09.500 --> 00:00:12.000\nMARGARET: Every single day, on the number 14 route.\n"
    )
    write(tmp_path, "phonein.vtt", vtt)
    corpus = load_corpus(tmp_path)
    people = {(s.name, s.role) for s in corpus.speakers.values() if not s.is_publisher}
    assert people == {("Claire Ashby", "Presenter"), ("Margaret", "Leeds")}


def test_paged_text_drops_running_heads_and_joins_a_sentence_over_the_page_break(tmp_path):
    """pdftotext's pages: a form feed, then the running head ("Town Hall   Page 2", the date);
    a sentence cut by the break is one paragraph again; each page's number is its location."""
    head = "Ward 3 Town Hall                                  Page {n}\nOctober 15, 2024\n\n"
    text = (
        head.format(n=1)
        + "MAYOR HART: Welcome, everyone, to the town hall about the budget.\n\n"
        + "CITY MANAGER LEE: Thank you, Mayor. The fiscal year\n\n\f"
        + head.format(n=2)
        + "2025 general fund budget is $412.6 million, up 3.1 percent.\n\n"
        + "MAYOR HART: Thank you. Questions, please.\n\n\f"
        + head.format(n=3)
        + "RESIDENT: When will the streetlights be fixed?\n"
    )
    got = read_document(write(tmp_path, "townhall.txt", text))
    assert got.format == "paged" and got.extracted
    assert "Ward 3 Town Hall" not in got.text and "October 15" not in got.text
    assert "The fiscal year\n2025 general fund budget" in got.text
    assert "Thank you. Questions, please.\n\nRESIDENT:" in got.text  # a sentence's end: a break
    assert location_at(got.locations, got.text.index("2025 general")).page == 2
    assert location_at(got.locations, got.text.index("RESIDENT")).page == 3
    # One page break only: plain text, as it is.
    one = read_document(write(tmp_path, "short.txt", "Page one.\n\fPage two.\n"))
    assert one.format == "text"


def test_automatic_captions_change_speaker_at_chevrons_inside_a_line(tmp_path):
    """YouTube's automatic captions mark a new speaker with ">>" anywhere in a line: the turn
    ends there, and the cues after it, unmarked, go on with the new speaker's words. Every line
    is speech, so the title is the file's name (its language code dropped)."""
    vtt = (
        "WEBVTT\nKind: captions\nLanguage: en\n\n"
        "00:00:01.000 --> 00:00:03.000\nwelcome everyone so david let's start\n\n"
        "00:00:03.000 --> 00:00:05.000\nwith you &gt;&gt; thanks maria so we launched\n\n"
        "00:00:05.000 --> 00:00:07.000\nin march of 2019\n\n"
        "00:00:07.000 --> 00:00:09.000\n&gt;&gt; and where does the money come from\n"
    )
    got = read_document(write(tmp_path, "local-news-panel.en.vtt", vtt))
    assert paragraphs(got.text) == [
        "welcome everyone so david let's start with you",
        ">> thanks maria so we launched in march of 2019",
        ">> and where does the money come from",
    ]
    assert got.title == "local news panel"


def test_a_hansard_page_without_its_catalogue_fields_page_marks_or_site_heading(tmp_path):
    """Australia's ParlInfo page: a metadata panel of fields ("Database" / "House Hansard") is
    the catalogue's, "Page: 5401" a page mark, and the one-word heading "Hansard" names the
    site (the page's title names the debate)."""
    html = (
        "<html><head><title>ParlInfo - QUESTIONS WITHOUT NOTICE : Housing</title></head><body>"
        "<h1>Hansard</h1><p class='pageNo'>Page: 5401</p>"
        "<div id='metadataPanel' class='metadata'><dl>"
        "<dt>Database</dt><dd>House Hansard</dd><dt>Speaker</dt><dd>Callaway, Stuart, MP</dd>"
        "</dl></div>"
        "<p><b>Ms O'HALLORAN</b> (Corangamite North—Minister for Housing, Minister for "
        "Homelessness and Minister for Small Business) (14:10): We will keep building.</p>"
        "<p>Mr Fenwick interjecting—</p>"
        "<p><b>The SPEAKER:</b> Order! The member for Barcoo.</p>"
        "<p><b>Mr FENWICK</b> (Barcoo) (14:12): Is the target out of reach?</p>"
        "<p><b>Ms O'HALLORAN:</b> No, the target is not out of reach.</p></body></html>"
    )
    path = write(tmp_path, "qwn.html", html)
    got = read_document(path)
    assert "Database" not in got.text and "Page: 5401" not in got.text
    assert got.title == "ParlInfo - QUESTIONS WITHOUT NOTICE : Housing"
    corpus = load_corpus(tmp_path)
    people = {s.name: s.role for s in corpus.speakers.values() if not s.is_publisher}
    assert people["O'Halloran"] == (
        "Corangamite North—Minister for Housing, Minister for Homelessness and Minister for "
        "Small Business"
    )
    assert not any("interjecting" in p.text for p in corpus.passages)


def test_a_verbatim_record_with_numbered_lines_after_its_cover_and_footnotes(tmp_path):
    """A court's verbatim record from pdftotext: an unnumbered cover, then pages numbering their
    lines in the margin, a running head ("- 8 -"), and footnotes under a rule at a page's foot.
    Each numbered line is written past its number; the footnotes wait until the sentence that
    runs over the page break ends, and are still cited at their own page."""
    bench = "\n".join(f"                Judge{' ' * 10}Member {i} of the Court" for i in range(30))
    cover = f"CR 2026/7\n\nPublic sitting\n\nPresident Halvorsen presiding\n\nPresent:\n{bench}\n"
    page = "                         - {n} -\n\n{lines}\n"

    def numbered(lines: list[str]) -> str:
        return "\n".join(f"{i:2d}   {x}" for i, x in enumerate(lines, start=1))

    first = [
        "      The PRESIDENT: I now call Mr. Paul Reinholt. You have the floor.",
        "      Mr. REINHOLT: 1. It is a privilege to appear before you for the",
        "first time. I will address the harm that the dam has caused.",
        "      2. Start with the rice growers of the delta. The area planted fell",
        *["the river carried less water every year and the farmers moved away" for _ in range(8)],
        "      3. The planted area of the delta fell further",
        "      ___________________",
        "      Hexagon Water Partners, Impact Assessment, July 2020.",
    ]
    second = [
        "from 86,000 hectares in 2022 to 51,500 hectares in 2025.",
        "      4. Then the salt. Saline water was measured 27 kilometres inland.",
        *[
            "and the wells of the coast turned brackish in the dry season of the year"
            for _ in range(8)
        ],
    ]
    third = ["      The PRESIDENT: I thank Mr. Reinholt. The sitting is closed."] + [
        "and the Court will meet again tomorrow at ten in the morning as announced"
        for _ in range(8)
    ]
    text = "\f".join(
        [cover]
        + [page.format(n=n, lines=numbered(p)) for n, p in ((8, first), (9, second), (10, third))]
    )
    got = read_document(write(tmp_path, "CR_2026_07.txt", text))
    assert got.format == "paged"
    assert "\n 2   " not in got.text and "the 40" not in got.text
    whole = "The planted area of the delta fell further\nfrom 86,000 hectares in 2022"
    assert whole in got.text
    note = got.text.index("Hexagon Water Partners")
    assert got.text.index("51,500 hectares in 2025.") < note < got.text.index("4. Then the salt")
    assert location_at(got.locations, note).page == 2  # the cover is page 1, "- 8 -" page 2


def test_a_press_office_page_with_turns_joined_by_line_breaks(tmp_path):
    """whitehouse.gov joins some turns into one paragraph with <br>: a bare "Q" or a label in
    capitals after a line break opens a turn of its own."""
    html = (
        "<html><body><div class='entry-content'>"
        "<p>MS. HALVORSEN:&nbsp; Good afternoon, everybody. The storms left 14 counties without"
        " power.</p>"
        "<p>Q&nbsp;&nbsp;&nbsp; Admiral —<br>Q&nbsp;&nbsp;&nbsp; On the journalist who was"
        " detained in —<br>(Cross-talk.)<br>MS. HALVORSEN:&nbsp; Hold on, one at a time.</p>"
        "<p>Q&nbsp;&nbsp;&nbsp; Thanks. Was the journalist detained in Belarus last week?</p>"
        "<p>MS. HALVORSEN:&nbsp; I will let the Admiral take that one.</p>"
        "</div></body></html>"
    )
    got = read_document(write(tmp_path, "briefing.html", html))
    assert "Admiral —" in paragraphs(got.text)[1] and "Q" not in paragraphs(got.text)[1][1:]
    corpus = load_corpus(tmp_path)
    voices = [corpus.speakers[p.speaker_id].name for p in corpus.passages]
    assert voices.count("Q") >= 3 and "Hold on, one at a time." in [p.text for p in corpus.passages]


def test_a_voice_tag_of_one_word_names_a_speaker_and_a_music_cue_is_no_speech(tmp_path):
    vtt = (
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:04.000\n<v Maya Okafor>Welcome back to Gridlock and Gears.\n\n"
        "00:00:04.000 --> 00:00:08.000\n<v Dev Lindqvist>Today we restore a fire engine from 1912.\n\n"
        "00:00:08.000 --> 00:00:12.000\n<v Announcer>This episode is brought to you by Lumen and Co.\n\n"
        "00:00:12.000 --> 00:00:16.000\n<v Maya Okafor>And we are back with the fire engine.\n\n"
        "00:00:16.000 --> 00:00:18.000\n<i>♪ theme music fades ♪</i>\n"
    )
    write(tmp_path, "ep63.vtt", vtt)
    corpus = load_corpus(tmp_path)
    said = {p.text: corpus.speakers[p.speaker_id].name for p in corpus.passages}
    assert said["This episode is brought to you by Lumen and Co."] == "Announcer"
    assert not any("♪" in text for text in said)
