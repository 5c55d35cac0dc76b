"""Parsing: speaker turns, labels, front and back matter, passages with exact file positions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stenogram.retrieval.documents.corpus import Corpus, load_corpus
from stenogram.retrieval.documents.labels import classify
from stenogram.retrieval.documents.parsing import blocks, double_spaced, lines, parse
from stenogram.retrieval.documents.speakers import SpeakerRegistry, same_person, split_label
from stenogram.retrieval.model import Passage

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
KREMLIN_FILE = SEEDS / "001_f494a2eb6378dd6b.txt"
KREMLIN = "kremlin-transcript"


def raw_text(path: Path) -> str:
    """The file exactly as stored: UTF-8, line endings untranslated."""
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def file_line(path: Path, number: int) -> str:
    """Line `number` (1-based) of a file, without its terminator."""
    return raw_text(path).split("\n")[number - 1].rstrip("\r")


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(SEEDS)


@pytest.fixture(scope="module")
def kremlin_turns(corpus):
    """The labelled turns (the narration before the first label is the publisher's, not a turn)."""
    return [
        t
        for t in corpus.turns
        if t.doc_id == KREMLIN and not corpus.speakers[t.speaker_id].is_publisher
    ]


@pytest.fixture(scope="module")
def kremlin_passages(corpus) -> list[Passage]:
    return [p for p in corpus.passages if p.doc_id == KREMLIN]


# ---------------------------------------------------------------- the Kremlin transcript


def test_kremlin_transcript_is_the_expected_file(corpus):
    doc = corpus.documents[KREMLIN]
    assert doc.path.resolve() == KREMLIN_FILE.resolve()
    assert doc.meta.kind == "transcript"
    assert doc.text == raw_text(KREMLIN_FILE)


def test_kremlin_turn_order_and_speakers(corpus, kremlin_turns):
    expected = [
        "Pashinyan",
        "Tokayev",
        "Pashinyan",
        "Zas",
        "Pashinyan",
        "Lukashenko",
        "Pashinyan",
        "Putin",
        "Pashinyan",
        "Rahmon",
        "Pashinyan",
        "Japarov",
        "Pashinyan",
        "Putin",
        "Pashinyan",
    ]
    assert len(kremlin_turns) == 15
    assert [t.index for t in kremlin_turns] == list(range(1, 16))
    surnames = [corpus.speakers[t.speaker_id].name.split()[-1] for t in kremlin_turns]
    assert surnames == expected
    assert len({t.speaker_id for t in kremlin_turns}) == 7


def test_kremlin_turns_start_at_their_labels(kremlin_turns):
    starts = [t.span.line_start for t in kremlin_turns]
    assert starts == [16, 30, 74, 77, 96, 99, 122, 125, 149, 152, 178, 181, 204, 216, 222]
    assert kremlin_turns[-1].span.line_end == 223
    for turn in kremlin_turns:
        assert ":" in file_line(KREMLIN_FILE, turn.span.line_start)


def test_japarov_is_akylbek_not_sadyr(corpus, kremlin_turns):
    japarov = corpus.speakers[kremlin_turns[11].speaker_id]
    assert japarov.name == "Akylbek Japarov"
    assert not any("Sadyr" in n for n in (japarov.name, *japarov.aliases))
    assert japarov.role.endswith("Kyrgyzstan")


def test_putin_name_and_role(corpus, kremlin_turns):
    putin = corpus.speakers[kremlin_turns[7].speaker_id]
    assert putin.id == "vladimir-putin"
    assert putin.name == "Vladimir Putin"
    assert putin.role == "President of Russia"


def test_short_label_is_the_same_speaker_as_the_long_label(kremlin_turns):
    long_turn, short_turn = kremlin_turns[7], kremlin_turns[13]
    assert file_line(KREMLIN_FILE, long_turn.span.line_start).startswith(
        "President of Russia Vladimir Putin:"
    )
    assert file_line(KREMLIN_FILE, short_turn.span.line_start).startswith("Vladimir Putin:")
    assert short_turn.speaker_id == long_turn.speaker_id == "vladimir-putin"
    # Pashinyan's short labels ("Nikol Pashinyan:") merge with his long one too.
    assert {kremlin_turns[i].speaker_id for i in range(0, 15, 2)} == {"nikol-pashinyan"}


def test_rakhmon_variant_is_rahmon(corpus):
    assert "Mr Rakhmon" in raw_text(KREMLIN_FILE)
    assert same_person("Rakhmon", "Emomali Rahmon")
    assert same_person("Emomali Rahmon", "Rakhmon")
    registry = SpeakerRegistry()
    rahmon = registry.person("Emomali Rahmon", "President of Tajikistan")
    assert registry.person("Rakhmon").id == rahmon.id
    assert "emomali-rahmon" in corpus.speakers


@pytest.mark.parametrize(
    "a, b",
    [
        ("Sadyr Japarov", "Akylbek Japarov"),
        ("Rahmon", "Lukashenko"),
        ("Putin", "Pashinyan"),
        ("Zas", "Zaz"),
    ],
)
def test_different_people_are_not_merged(a, b):
    assert not same_person(a, b)


def test_prose_with_a_colon_is_not_a_label(kremlin_passages, corpus):
    line = file_line(KREMLIN_FILE, 105)
    assert "reached an inexorable conclusion: many" in line
    assert not _named(line.split(":")[0])
    assert not _named("Publication date")
    # The colon did not open a turn: the paragraph is Lukashenko's, whole.
    [p] = [p for p in kremlin_passages if "inexorable conclusion: many" in p.text]
    assert p.speaker_id == "alexander-lukashenko"
    assert p.span.line_start == p.span.line_end == 105
    assert p.text == line


def test_front_and_back_matter_are_in_no_passage(kremlin_passages):
    # The header (title, standfirst, date, time, place, participant list) is in none; the
    # narration after the dateline is the publisher's.
    narration = [p for p in kremlin_passages if p.span.line_start < 16]
    assert narration and all(p.speaker_id.startswith("publisher-") for p in narration)
    assert min(p.span.line_start for p in narration) == 8
    assert not any(p.span.line_start in (1, 2, 3, 4, 5, 6, 7, 10, 11, 12) for p in kremlin_passages)
    assert max(p.span.line_end for p in kremlin_passages) == 223
    text = raw_text(KREMLIN_FILE)
    for heading in (
        "See also",
        "Topics",
        "Persons",
        "Publication status",
        "Text version",
        "Publication date: January 10",
        "Novo-Ogaryovo",
        "Taking part in the meeting",
    ):
        assert heading in text
        assert not any(heading in p.text for p in kremlin_passages), heading


def test_stage_direction_is_in_no_passage(kremlin_passages):
    assert file_line(KREMLIN_FILE, 19) == "(Minute of silence)"
    assert not any("Minute of silence" in p.text for p in kremlin_passages)
    assert not any(p.span.line_start <= 19 <= p.span.line_end for p in kremlin_passages)


@pytest.mark.parametrize(
    "courtesy",
    [
        "Thank you, Mr Zas.",
        "Thank you, Mr Lukashenko.",
        "Please, Mr Putin.",
        "Thank you for your attention.",
        "Colleagues,",
    ],
)
def test_courtesies_are_passages_but_not_indexed(kremlin_passages, courtesy):
    found = [p for p in kremlin_passages if p.text == courtesy]
    assert found
    assert all(not p.indexed for p in found)


def test_content_paragraphs_are_indexed(kremlin_passages):
    [p] = [p for p in kremlin_passages if "terrorist sleeper cells in Central Asia" in p.text]
    assert p.indexed
    assert sum(p.indexed for p in kremlin_passages) > 100


def test_every_kremlin_passage_is_exact(kremlin_passages):
    text = raw_text(KREMLIN_FILE)
    for p in kremlin_passages:
        assert p.text == text[p.span.start : p.span.end]
        assert p.span.line_start == text.count("\n", 0, p.span.start) + 1
        assert p.span.line_end == text.count("\n", 0, p.span.end) + 1


def test_turn_head_after_label_is_the_first_passage(corpus, kremlin_turns):
    zas = kremlin_turns[3]
    first = corpus.turn_passages(KREMLIN, zas.index)[0]
    assert first.text == "Mr Chairman and members of the Collective Security Council,"
    assert first.span.line_start == zas.span.line_start
    assert first.id == f"{KREMLIN}:4.0"


# ---------------------------------------------------------------- labels


@pytest.mark.parametrize(
    "label, name, role",
    [
        (
            "Secretary General of the Collective Security Treaty Organisation Stanislav Zas",
            "Stanislav Zas",
            "Secretary General of the Collective Security Treaty Organisation",
        ),
        ("President Putin", "Putin", "President"),
        ("President of Russia Vladimir Putin", "Vladimir Putin", "President of Russia"),
        ("Vladimir Putin", "Vladimir Putin", ""),
        (
            "Prime Minister of Armenia Nikol Pashinyan",
            "Nikol Pashinyan",
            "Prime Minister of Armenia",
        ),
        ("Ursula von der Leyen", "Ursula von der Leyen", ""),
        (
            "President of the European Commission Ursula von der Leyen",
            "Ursula von der Leyen",
            "President of the European Commission",
        ),
        ("Chief Justice Roberts", "Roberts", "Chief Justice"),  # a court's offices are titles
        ("Judge Okafor", "Okafor", "Judge"),
        ("Howard K. Smith", "Howard K. Smith", ""),
        # Initials as Hansards print them, without full stops: a given name, never a role.
        ("B T Okoro", "B T Okoro", ""),
        ("Senator B T Okoro", "B T Okoro", "Senator"),
        ("Senator K. Smith", "K. Smith", "Senator"),
    ],
)
def test_split_label(label, name, role):
    assert split_label(label) == (name, role)


@pytest.mark.parametrize(
    "label",
    [
        "Secretary General of the Collective Security Treaty Organisation Stanislav Zas",
        "President Putin",
        "Ursula von der Leyen",
        "Vladimir Putin",
        "President of Kazakhstan Kassym-Jomart Tokayev",
        "Putin",  # one word: a label shape, accepted where the document repeats it
        "Mr. Smith",
    ],
)
def test_label_shapes_are_named_labels(label):
    assert _named(label)


@pytest.mark.parametrize(
    "text",
    [
        "Publication date",
        "Published in sections",
        "I would like to note once again that we have reached an inexorable conclusion",
        "Agenda item 3",
        "Ursula von der",
        "He said",
        "Note (draft)",
        " ".join(["Word"] * 23),
    ],
)
def test_prose_is_not_a_named_label(text):
    assert not _named(text)


def _named(text: str) -> bool:
    """Whether the label rule the reader uses (labels.classify) reads text as a named speaker."""
    got = classify(text)
    return got is not None and got[0] == "named"


# ---------------------------------------------------------------- a made-up transcript

TRANSCRIPT_LINES = [
    "Meeting of the Harbour Board",
    "Prime Minister of Freedonia Anna Smith: Good morning, colleagues. Today we discuss the "
    "harbour dredging plan and its costs.",
    "(Applause)",
    "The dredging will start in March and will take about six months to complete.",
    "President John Brown: Thank you, Madam Prime Minister.",
    "",
    "Our engineers have reviewed the harbour dredging plan and found the budget realistic.",
    "Anna Smith: Thank you.",
    "",
]
# (passage text, line) in order; the heading and the stage direction are in none.
TRANSCRIPT_PASSAGES = [
    ("Good morning, colleagues. Today we discuss the harbour dredging plan and its costs.", 2),
    ("The dredging will start in March and will take about six months to complete.", 4),
    ("Thank you, Madam Prime Minister.", 5),
    ("Our engineers have reviewed the harbour dredging plan and found the budget realistic.", 7),
    ("Thank you.", 8),
]


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_made_up_transcript(newline):
    text = newline.join(TRANSCRIPT_LINES)
    registry = SpeakerRegistry()
    parsed = parse("harbour", text, "transcript", "publisher-x", registry)
    assert parsed.warnings == ()
    assert [t.speaker_id for t in parsed.turns] == ["anna-smith", "john-brown", "anna-smith"]
    assert [(t.span.line_start, t.span.line_end) for t in parsed.turns] == [(2, 4), (5, 7), (8, 8)]
    assert registry.get("anna-smith").role == "Prime Minister of Freedonia"
    assert registry.get("john-brown").role == "President"
    assert [(p.text, p.span.line_start) for p in parsed.passages] == TRANSCRIPT_PASSAGES
    assert [p.id for p in parsed.passages] == [
        "harbour:0.0",
        "harbour:0.1",
        "harbour:1.0",
        "harbour:1.1",
        "harbour:2.0",
    ]
    for p in parsed.passages:
        assert p.text == text[p.span.start : p.span.end]
        assert "\r" not in p.text and "\n" not in p.text
        assert p.span.line_start == p.span.line_end
        assert p.span.line_start == text.count("\n", 0, p.span.start) + 1
    for t in parsed.turns:
        assert t.span.line_start == text.count("\n", 0, t.span.start) + 1
        assert t.span.line_end == text.count("\n", 0, t.span.end) + 1
    assert [p.indexed for p in parsed.passages] == [True, True, True, True, False]


def test_label_alone_on_its_line():
    """A label whose speech starts on the next line ("Name:" then a new line) still opens a turn."""
    long_tail = " ".join(["and the harvest will be good this year"] * 4)
    text = (
        f"Prime Minister Anna Smith: Good morning, colleagues, we discuss the harvest. {long_tail}\n"
        "President John Brown:\n"
        f"Thank you for the invitation to speak today about the harvest. {long_tail}\n"
    )
    parsed = parse("x", text, "transcript", "publisher-x", SpeakerRegistry())
    assert [t.speaker_id for t in parsed.turns] == ["anna-smith", "john-brown"]
    last = parsed.passages[-1]
    assert last.speaker_id == "john-brown"
    assert last.text.startswith("Thank you for the invitation")
    assert last.span.line_start == 3


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_label_alone_on_its_line_in_a_short_line_transcript(newline):
    """The same in a hard-wrapped file: John Brown's words must not go to the previous speaker."""
    text = (
        "Harbour Board minutes\n"
        "\n"
        "Prime Minister Anna Smith: Good morning, colleagues.\n"
        "We discuss the harbour today.\n"
        "\n"
        "President John Brown:\n"
        "Thank you very much for the invitation\n"
        "to speak today about the harbour.\n"
        "\n"
        "Anna Smith: Thank you.\n"
    ).replace("\n", newline)
    parsed = parse("x", text, "transcript", "publisher-x", SpeakerRegistry())
    assert [t.speaker_id for t in parsed.turns] == ["anna-smith", "john-brown", "anna-smith"]
    for p in parsed.passages:
        assert p.text == text[p.span.start : p.span.end]
        assert p.span.line_start == text.count("\n", 0, p.span.start) + 1
        assert p.span.line_end == text.count("\n", 0, p.span.end) + 1
    [brown] = [p for p in parsed.passages if "invitation" in p.text]
    assert brown.speaker_id == "john-brown"
    assert "President John Brown:" not in brown.text
    assert (brown.span.line_start, brown.span.line_end) == (7, 8)


def test_byte_order_mark_does_not_hide_the_first_label():
    """A UTF-8 file saved with a BOM: the first speaker's turn is still found."""
    text = (
        "\ufeffPrime Minister Anna Smith: Good morning, colleagues, and welcome to the harbour.\n"
        "President John Brown: Thank you very much for the invitation to speak today.\n"
    )
    parsed = parse("x", text, "transcript", "publisher-x", SpeakerRegistry())
    assert [t.speaker_id for t in parsed.turns] == ["anna-smith", "john-brown"]
    first = parsed.passages[0]
    assert first.text == "Good morning, colleagues, and welcome to the harbour."
    assert first.text == text[first.span.start : first.span.end]


def test_lines_keep_exact_offsets_with_crlf():
    text = "ab\r\n\r\ncd\nef"
    assert [(s.start, s.end, s.line_start) for s in lines(text)] == [
        (0, 2, 1),
        (4, 4, 2),
        (6, 8, 3),
        (9, 11, 4),
    ]


# ---------------------------------------------------------------- hard-wrapped prose

WRAPPED = [
    "The council met on Monday to discuss",
    "the situation in the northern provinces",
    "and agreed on a common plan of action.",
    "",
    "Delegates from five countries attended",
    "the session, which lasted three hours",
    "and ended with a joint statement.",
    "",
    "A follow-up meeting is planned for",
    "the spring, when ministers will review",
    "the progress made since January.",
    "",
]


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_hard_wrapped_prose_is_one_passage_per_paragraph(newline):
    text = newline.join(WRAPPED)
    assert len(blocks(text)) == 3
    registry = SpeakerRegistry()
    owner = registry.publisher("Harbour Gazette")
    parsed = parse("wrapped", text, "article", owner.id, registry)
    assert [(p.span.line_start, p.span.line_end) for p in parsed.passages] == [
        (1, 3),
        (5, 7),
        (9, 11),
    ]
    for p, first in zip(parsed.passages, (0, 4, 8), strict=True):
        assert p.text == text[p.span.start : p.span.end]
        assert p.text == newline.join(WRAPPED[first : first + 3])
        assert p.speaker_id == owner.id
        assert p.indexed
    assert len(parsed.turns) == 1


def test_long_line_prose_is_one_passage_per_line(corpus):
    speech = [p for p in corpus.passages if p.doc_id == "tokayev-speech"]
    assert len(speech) > 40
    assert all(p.span.line_start == p.span.line_end for p in speech)
    assert speech[0].text == "Dear Colleagues!"  # the dateline above it is a heading


# ---------------------------------------------------------------- real-world text shapes

SENTENCE = "The harbour board agreed on the new ferry timetable after a long debate. "


def _check_verbatim(text, parsed):
    for p in parsed.passages:
        assert text[p.span.start : p.span.end] == p.text
        assert p.span.line_start == text.count("\n", 0, p.span.start) + 1
        assert p.span.line_end == text.count("\n", 0, p.span.end) + 1
        assert (
            "\r" not in p.text and "\n" not in p.text.strip("\n")
        ) or p.span.line_end > p.span.line_start


def _paragraph_lines(text: str) -> list[tuple[int, int]]:
    """The first and last line of each passage of `text` read as an article (checked verbatim)."""
    registry = SpeakerRegistry()
    parsed = parse("w", text, "article", registry.publisher("G").id, registry)
    _check_verbatim(text, parsed)
    return [(p.span.line_start, p.span.line_end) for p in parsed.passages]


def test_one_line_document_is_split_into_sentence_windows():
    text = SENTENCE * 60  # 4,400 characters, no line break at all
    registry = SpeakerRegistry()
    parsed = parse("one", text, "article", registry.publisher("G").id, registry)
    assert len(parsed.passages) > 3
    assert all(len(p.text) <= 1300 for p in parsed.passages)
    assert all(p.text.endswith(".") for p in parsed.passages)
    _check_verbatim(text, parsed)
    assert "".join(p.text for p in parsed.passages).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("gap", [" ", "\n" + " " * 40], ids=["spaces", "line break and indent"])
def test_text_without_sentence_ends_is_cut_into_windows_between_words(gap):
    # Unpunctuated speech-to-text (no full stop, no line break), or a decree's list of names in a
    # fixed-width layout: a cut falls between words, never inside the gap between them.
    line = "and then the council talked about the ferry tolls for the winter"
    text = gap.join([line] * 75)
    registry = SpeakerRegistry()
    parsed = parse("raw", text, "article", registry.publisher("G").id, registry)
    assert len(parsed.passages) > 3
    assert all(550 <= len(p.text) <= 1200 for p in parsed.passages)
    assert all(p.text == p.text.strip() for p in parsed.passages)
    _check_verbatim(text, parsed)
    assert " ".join(p.text for p in parsed.passages).split() == text.split()
    # Sentence ends, where there are some, still decide the cut.
    mixed = text[:2000] + ". " + text[2000:]
    parsed = parse("mixed", mixed, "article", registry.publisher("G").id, registry)
    assert any(p.text.endswith(".") for p in parsed.passages)
    _check_verbatim(mixed, parsed)


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_bom_crlf_and_nbsp_change_nothing(newline):
    lines_ = [
        "\ufeffMS. BERG:\u00a0 Good afternoon, everyone, and welcome to the harbour briefing.",
        "",
        "Q\u00a0\u00a0 Will the ferry run all winter, and who will pay for it?",
        "",
        "MS. BERG:\tThe ferry runs all winter and the county pays for the crossings.",
        "",
    ]
    text = newline.join(lines_)
    registry = SpeakerRegistry()
    parsed = parse("b", text, "transcript", registry.publisher("G").id, registry)
    assert [registry.get(t.speaker_id).name for t in parsed.turns] == ["Berg", "Q", "Berg"]
    assert (
        parsed.passages[0].text == "Good afternoon, everyone, and welcome to the harbour briefing."
    )
    _check_verbatim(text, parsed)


def test_wrapping_is_decided_per_stretch_one_long_line_flips_nothing():
    wrapped = (
        "The council met on Monday to discuss\nthe situation in the northern provinces\n"
        "and agreed on a common plan of action.\n\n"
    )
    long_line = "A single very long line " + "that goes on " * 20 + "and ends.\n\n"
    text = wrapped + long_line + wrapped.replace("Monday", "Friday")
    registry = SpeakerRegistry()
    parsed = parse("w", text, "article", registry.publisher("G").id, registry)
    assert [(p.span.line_start, p.span.line_end) for p in parsed.passages] == [
        (1, 3),
        (5, 5),
        (7, 9),
    ]
    _check_verbatim(text, parsed)


def test_an_indented_first_line_opens_a_paragraph_in_hard_wrapped_text():
    """GPO style: no blank lines, each paragraph's first line indented, the rest flush; a
    bracketed note on its own indented line is not part of the speech before it."""
    text = (
        "Harbour hearing\n\n"
        "    The council met on Monday to discuss the situation in\n"
        "the northern provinces and agreed on a common plan.\n"
        "    A follow-up meeting is planned for the spring, when\n"
        "ministers will review the progress made since January.\n"
        "    [Whereupon, at 11:42 a.m., the meeting was adjourned.]\n"
    )
    assert _paragraph_lines(text) == [(3, 4), (5, 6)]
    # Indented throughout: the indent marks nothing, the stretch is one paragraph.
    flat = "Harbour hearing\n\n" + "".join(
        "    " + line.strip() + "\n" for line in text.split("\n")[2:6]
    )
    assert _paragraph_lines(flat) == [(3, 6)]
    # One indented line under a flush one (a centred note's second line) opens nothing.
    note = (
        "Harbour rules\n\n   (As amended by the decrees of the harbour board on pilots\n"
        "      of 20 March 2007 No. 372 and of 16 July 2009 No. 814)\n"
    )
    assert _paragraph_lines(note) == [(3, 4)]


def test_short_answer_is_indexed_as_its_own_turn():
    text = (
        "Q Will the ferry keep running in winter when the harbour freezes over?\n\n"
        "MR. DAHL: Anything is possible here. Why not?\n\n"
        "Q And the bridge over the north channel, when will it be built?\n\n"
        "MR. DAHL: In spring, after the council votes on the budget for the bridge.\n\n"
        "MR. DAHL: Thank you.\n"
    )
    registry = SpeakerRegistry()
    parsed = parse("s", text, "transcript", registry.publisher("G").id, registry)
    short = next(p for p in parsed.passages if p.text.startswith("Anything"))
    assert short.indexed and short.text == "Anything is possible here. Why not?"
    assert not next(p for p in parsed.passages if p.text == "Thank you.").indexed


def test_stage_directions_are_never_quoted_or_speakers():
    text = (
        "SCHIEFFER: Good evening and welcome to the debate on the economy tonight.\n"
        "(APPLAUSE)\n[CROSSTALK]\nMCCAIN: Thank you, Bob, it is good to be here in New York.\n"
        "(inaudible)\nOBAMA: Thank you to Hofstra and to all of you for being here tonight.\n"
        "SCHIEFFER: Let us begin.\nMCCAIN: Fine.\nOBAMA: Sure.\n"
    )
    registry = SpeakerRegistry()
    parsed = parse("sd", text, "transcript", registry.publisher("G").id, registry)
    assert not any(p.text.startswith(("(", "[")) for p in parsed.passages)
    assert {registry.get(t.speaker_id).name for t in parsed.turns} == {
        "Schieffer",
        "Mccain",
        "Obama",
    }


def test_lines_broken_mid_sentence_join_without_blank_lines():
    text = (
        "Mr. LIMAN: Do you recall who was present when the President signed\n"
        "the Finding that day in the Oval Office?\n"
        "Mr. POINDEXTER: No, I don't. One of the things that I think my recollection\n"
        "is very poor on are the circumstances of the signing.\n"
        "I simply can't remember that.\n"
        "Mr. LIMAN: Thank you.\nMr. POINDEXTER: Yes.\n"
    )
    registry = SpeakerRegistry()
    parsed = parse("m", text, "transcript", registry.publisher("G").id, registry)
    spans = [(p.span.line_start, p.span.line_end) for p in parsed.passages]
    assert spans[:3] == [(1, 2), (3, 4), (5, 5)]
    _check_verbatim(text, parsed)


RECORD = """\
S6421  CONGRESSIONAL RECORD — SENATE  November 14, 2026
RURAL WATER SYSTEMS RESILIENCE ACT
The PRESIDING OFFICER. The Senator from Illinois.
Mr. HALLORAN. Mr. President, I rise today in support
of the motion to proceed to S. 2914, the Rural Water
Systems Resilience Act of 2026. A transmission main
failed under Washington Avenue, and 1,700 people
were under a boil order for 19 days.
Cairo is not unusual. Illinois has roughly 1,750
community water systems, and more than 1,100 of them
serve fewer than 3,300 people.
When the bill comes to the floor, I will offer
amendment No. 3127. It would allow States to use up to
$310 million of the authorization for grants to
households with contaminated private wells.
Mr. President, I yield the floor.
The PRESIDING OFFICER. The Senator from Maine.
∑ Ms. ABERNATHY. Mr. President, today I wish to
recognize Edna Fournier, who ran the water plant in
Bingham for 41 years without a single violation.
DEAR SENATOR ABERNATHY: On behalf of our 146 member
utilities, we write in support of your amendment.
"""


def test_a_document_filled_to_a_width_with_no_blank_line_loses_no_line():
    """PDF text with no blank line between paragraphs, wrapped at ~54 characters: each paragraph
    runs on until a sentence ends short of the width, so no line is dropped as a "heading"
    ("$310 million of the authorization for grants to"); the Presiding Officer is a speaker, a
    bullet before a label ("∑ Ms. ABERNATHY.") does not hide it, and a letter's salutation
    ("DEAR SENATOR ABERNATHY:") names no speaker."""
    registry = SpeakerRegistry()
    parsed = parse("d", RECORD, "transcript", registry.publisher("G").id, registry)
    kept = "\n".join(p.text for p in parsed.passages)
    for line in RECORD.splitlines()[2:]:
        label = re.match(r"(?:∑ )?(?:The PRESIDING OFFICER|M[rs]\. [A-Z]+|DEAR [A-Z ]+)[.:] ", line)
        assert line[label.end() if label else 0 :] in kept, line
    who = [(registry.get(p.speaker_id).name, p.text.split()[0]) for p in parsed.passages]
    assert who[:5] == [
        ("The Presiding Officer", "The"),
        ("Halloran", "Mr."),
        ("Halloran", "Cairo"),
        ("Halloran", "When"),
        ("Halloran", "Mr."),
    ]
    assert ("Abernathy", "Mr.") in who and ("The Presiding Officer", "The") in who[5:]
    assert [n for n, first in who if first == "On"] == ["G"]  # the letter: not her speech


PRESS_CONFERENCE = """\
                 Transcript of Chair Ostrova's Press Conference

                               May 6, 2026

CHAIR OSTROVA. Good afternoon. My colleagues and I decided today to hold the

policy rate where it is, at 3-1/2 to 3-3/4 percent, and to keep reducing our

holdings of securities at the pace we set in March.

       Inflation has come down a long way from its peak, but it remains above our

longer-run goal of 2 percent, and the labor market is still tight.

ANNA FELL. Ben.

BEN ORTIZ. Thanks. Ben Ortiz, Ledger. Chair Ostrova, are you done raising rates

for this year, or is another increase still on the table?

CHAIR OSTROVA. We have not decided anything about the June meeting, and we will

look at every report between now and then before we do.

ANNA FELL. Maya.

MAYA LUND. Thank you. Maya Lund, Courier. How worried are you about the housing

market, where prices fell again in April?

CHAIR OSTROVA. Housing is weak, and higher mortgage rates are part of the reason.

ANNA FELL. Thank you.
"""


def test_a_double_spaced_transcript_reads_as_its_paragraphs_and_labels():
    """`pdftotext -layout` of a double-spaced transcript: a blank line after every line parts
    lines, not paragraphs; an indented first line opens a paragraph; full names in capitals
    with a full stop ("BEN ORTIZ.") are labels in a dialogue of such names."""
    registry = SpeakerRegistry()
    parsed = parse("pc", PRESS_CONFERENCE, "transcript", registry.publisher("G").id, registry)
    _check_verbatim(PRESS_CONFERENCE, parsed)
    who = [registry.get(t.speaker_id).name for t in parsed.turns]
    asked = ["Anna Fell", "Ben Ortiz", "Ostrova", "Anna Fell", "Maya Lund", "Ostrova"]
    assert who == ["Ostrova", *asked, "Anna Fell"]
    opening = [p.text for p in parsed.passages if p.turn_index == 0]
    assert len(opening) == 2  # two paragraphs of six lines, not six passages
    assert opening[0].startswith("Good afternoon.") and opening[0].endswith("in March.")
    assert opening[1].startswith("Inflation has come down")
    assert double_spaced(PRESS_CONFERENCE)
    # One-line paragraphs a blank line apart (a web page's text) end their sentences: not
    # double-spaced, each line its own paragraph.
    web = "".join(f"{SENTENCE.strip()} Item {i}.\n\n" for i in range(12))
    assert not double_spaced(web)
    assert len(_paragraph_lines(web)) == 12


def test_capitals_and_a_full_stop_open_no_label_outside_a_dialogue_of_names():
    """ "THANK YOU. …" opening lines of a text set in capitals is speech, not a speaker."""
    text = (
        "NOTICE TO MEMBERS\n\n"
        "THANK YOU. THE MEETING OF THE HARBOUR BOARD WILL BE HELD ON MONDAY.\n\n"
        "THANK YOU. THE AGENDA AND THE MINUTES WILL BE SENT TO ALL MEMBERS.\n\n"
        "GOOD MORNING. PLEASE BRING THE BUDGET PAPERS TO THE MEETING.\n"
    )
    registry = SpeakerRegistry()
    parsed = parse("n", text, "transcript", registry.publisher("G").id, registry)
    assert {registry.get(t.speaker_id).name for t in parsed.turns} == {"G"}
