"""Speaker labels as real transcripts write them: each shape in a small document of its own."""

from __future__ import annotations

import pytest

from stenogram.retrieval.documents.labels import classify
from stenogram.retrieval.documents.parsing import numbered_lines, parse
from stenogram.retrieval.documents.speakers import SpeakerRegistry, same_person, slug

FILLER = "and we will keep working on the harbour budget together this year"


def turns_of(text: str, known: tuple[str, ...] = (), pattern: str = "") -> list[tuple[str, str]]:
    """(speaker name, the turn's first passage) per turn; the publisher is "PUBLISHER"."""
    registry = SpeakerRegistry()
    owner = registry.publisher("Gazette")
    parsed = parse("d", text, "transcript", owner.id, registry, known, pattern)
    for p in parsed.passages:
        assert text[p.span.start : p.span.end] == p.text
        assert p.span.line_start == text.count("\n", 0, p.span.start) + 1
        assert p.span.line_end == text.count("\n", 0, p.span.end) + 1
        assert "\r" not in p.text
    out = []
    for t in parsed.turns:
        sp = registry.get(t.speaker_id)
        first = [p.text for p in parsed.passages if p.turn_index == t.index]
        name = "PUBLISHER" if sp.is_publisher else ("ANON " + sp.name if sp.anonymous else sp.name)
        out.append((name, first[0] if first else ""))
    return out


def names(text: str, **kw) -> list[str]:
    return [n for n, _ in turns_of(text, **kw)]


def people(text: str) -> list[tuple[str, str]]:
    """(name, role) of each turn's speaker, the document parsed with a registry of its own."""
    registry = SpeakerRegistry()
    parsed = parse("d", text, "transcript", registry.publisher("G").id, registry)
    return [
        (registry.get(t.speaker_id).name, registry.get(t.speaker_id).role) for t in parsed.turns
    ]


def test_all_caps_surnames_recur():
    text = (
        f"SCHIEFFER: Good evening, {FILLER}.\nMCCAIN: Thank you, {FILLER}.\n"
        f"OBAMA: Thanks, {FILLER}.\nSCHIEFFER: Next question, {FILLER}.\n"
        f"MCCAIN: Again, {FILLER}.\nOBAMA: Well, {FILLER}.\n"
    )
    assert names(text) == ["Schieffer", "Mccain", "Obama", "Schieffer", "Mccain", "Obama"]


def test_all_caps_names_take_the_documents_own_mixed_case_spelling():
    """ "MCCAIN:" is shown as the prose writes it ("Senator McCain"), "OBAMA:" stays title-cased."""
    text = (
        f"SCHIEFFER: Senator McCain, {FILLER}.\nMCCAIN: Thank you, {FILLER}.\n"
        f"OBAMA: Senator McCain and I {FILLER}.\nMCCAIN: Again, {FILLER}.\n"
        f"MR. O'BRIEN: I asked Mr. O'Brien, {FILLER}.\n"
        f"MR. MCDONALD: Mr. McDONALD speaking, {FILLER}.\n"
        f"MR. MCDONALD: No, {FILLER}.\nMR. O'BRIEN: Yes, {FILLER}.\n"
    )
    assert names(text) == [
        "Schieffer",
        "McCain",
        "Obama",
        "McCain",
        "O'Brien",
        "Mcdonald",  # "McDONALD" is capitals again: no mixed-case spelling to take
        "Mcdonald",
        "O'Brien",
    ]


def test_a_name_word_written_lower_case_in_prose_keeps_its_title_case():
    """ "MR. YOUNG:" stays "Young" though the prose says "young people"; a mixed-case spelling
    rarer than the plain one does not win ("Mccoy" x2 beats a single "McCoy")."""
    text = (
        f"MR. YOUNG: The young people, {FILLER}.\nMS. MCCOY: Mccoy here, {FILLER}.\n"
        f"MR. YOUNG: Yes, young ones, {FILLER}.\nMS. MCCOY: I, Mccoy, not McCoy, {FILLER}.\n"
    )
    assert names(text) == ["Young", "Mccoy", "Young", "Mccoy"]


def test_one_caps_word_seen_once_is_not_a_label_alone():
    """A lone "NOTICE:" line in an article is not a speaker."""
    text = (
        f"The harbour board met on Monday, {FILLER}.\nIMPORTANT: the meeting is public, {FILLER}.\n"
    )
    assert names(text) == ["PUBLISHER"]


def test_honorifics_with_full_stop_and_role_labels():
    text = (
        f"MS. PSAKI: Good afternoon, {FILLER}.\nQ\u00a0 Thank you, {FILLER}?\n"
        f"MS. PSAKI:\u00a0 Sure, {FILLER}.\nQ\u00a0\u00a0 And the budget, {FILLER}?\n"
        f"MR. KIRBY:\tI would say {FILLER}.\n"
    )
    assert names(text) == ["Psaki", "ANON Q", "Psaki", "ANON Q", "Kirby"]


def test_the_president_and_audience_question():
    text = (
        f"THE PRESIDENT: Thank you all, {FILLER}.\nAUDIENCE QUESTION: What about {FILLER}?\n"
        f"THE PRESIDENT: A good question, {FILLER}.\nAUDIENCE QUESTION: And then {FILLER}?\n"
    )
    assert names(text) == [
        "The President",
        "ANON Audience Question",
        "The President",
        "ANON Audience Question",
    ]


def test_mixed_case_honorific_and_doctor():
    text = (
        f"Mr. NORTH: Yes, {FILLER}.\nMr. NIELDS: And then, {FILLER}?\nDr. Fauci: The virus, {FILLER}.\n"
        f"Mr. NORTH: No, {FILLER}.\nMr. NIELDS: Why, {FILLER}?\n"
    )
    assert names(text) == ["North", "Nields", "Fauci", "North", "Nields"]


def test_full_stop_instead_of_colon_throughout():
    text = (
        f"Mr. NIELDS. Did you, {FILLER}?\nMr. NORTH. I did, {FILLER}.\n"
        f"Mr. NIELDS. When, {FILLER}?\nMr. NORTH. In March, {FILLER}.\n"
    )
    assert names(text) == ["Nields", "North", "Nields", "North"]
    assert turns_of(text)[1][1].startswith("I did")


def test_role_after_a_comma_and_in_brackets():
    text = (
        f"Fyodor Lukyanov, moderator: Welcome, {FILLER}.\n"
        f"Mr. Nebenzia (Russian Federation): Thank you, {FILLER}.\n"
        f"Fyodor Lukyanov, moderator, Valdai Club: Next, {FILLER}.\n"
        f"Mr. Nebenzia (Russian Federation) (spoke in Russian): Again, {FILLER}.\n"
    )
    registry = SpeakerRegistry()
    parsed = parse("d", text, "transcript", registry.publisher("G").id, registry)
    speakers = [registry.get(t.speaker_id) for t in parsed.turns]
    assert [s.name for s in speakers] == [
        "Fyodor Lukyanov",
        "Nebenzia",
        "Fyodor Lukyanov",
        "Nebenzia",
    ]
    assert speakers[0].role == "moderator"
    assert speakers[1].role.startswith("Russian Federation")


def test_hansard_role_with_the_name_in_brackets():
    text = (
        f"Mr David Hanson (Delyn) (Lab): Will the Minister say {FILLER}?\n"
        "The Parliamentary Under-Secretary of State for Foreign and Commonwealth Affairs "
        f"(Alistair Burt): I can, {FILLER}.\nMr David Hanson (Delyn) (Lab): Thank you, {FILLER}.\n"
    )
    assert names(text) == ["David Hanson", "Alistair Burt", "David Hanson"]


def test_particles_hyphens_initials_and_cyrillic():
    text = (
        f"Ebtesam al-Ketbi: First, {FILLER}.\nUrsula von der Leyen: Second, {FILLER}.\n"
        f"MS. JEAN-PIERRE: Third, {FILLER}.\nV. Putin: Fourth, {FILLER}.\n"
        f"MS. JEAN-PIERRE: Fifth, {FILLER}.\n"
    )
    assert names(text) == [
        "Ebtesam al-Ketbi",
        "Ursula von der Leyen",
        "Jean-Pierre",
        "V. Putin",
        "Jean-Pierre",
    ]


def test_cyrillic_initial_resolves_to_the_full_name():
    text = (
        "Владимир Путин: Добрый день, уважаемые коллеги, мы обсудим бюджет порта.\n"
        "Вопрос: Как будет работать новый порт в следующем году?\n"
        "В.Путин: Порт будет работать круглый год, это уже решено правительством.\n"
        "Вопрос: Когда начнётся строительство второго причала?\n"
    )
    registry = SpeakerRegistry()
    parsed = parse("d", text, "transcript", registry.publisher("G").id, registry)
    ids = [t.speaker_id for t in parsed.turns]
    assert ids[0] == ids[2] == "vladimir-putin"
    assert registry.get(ids[1]).anonymous
    assert same_person("В.Путин", "Владимир Путин")
    assert not same_person("А.Путин", "Владимир Путин")
    assert slug("Владимир Путин") == "vladimir-putin"
    # A hyphenated surname alone is her surname, not a given name and a surname.
    assert same_person("Jean-Pierre", "Karine Jean-Pierre")
    assert not same_person("Jean-Pierre", "Karine Dupont")


def test_time_stamps_and_markdown_bold_labels():
    text = (
        f"**Cory Doctorow:** \\[03:55\\] I think {FILLER}.\n\n**Jerod Santo:** Right, {FILLER}.\n\n"
        f"[00:12:31] Cory Doctorow: Yes, {FILLER}.\n\n**Break:** \\[10:00\\] to \\[11:00\\]\n\n"
        f"**Jerod Santo:** We are back, {FILLER}.\n"
    )
    got = turns_of(text)
    assert [n for n, _ in got] == ["Cory Doctorow", "Jerod Santo", "Cory Doctorow", "Jerod Santo"]
    assert got[0][1].startswith("I think")  # the time stamp after the label is not the quote


def test_label_alone_on_a_line_then_the_words():
    text = f"Anna Smith:\nGood morning, {FILLER}.\n\nJohn Brown:\nThank you, {FILLER}.\n"
    assert turns_of(text) == [
        ("Anna Smith", f"Good morning, {FILLER}."),
        ("John Brown", f"Thank you, {FILLER}."),
    ]


def test_label_mid_line_after_a_sentence_when_known():
    text = (
        f"SCHIEFFER: Question, {FILLER}?\nMCCAIN: Joe the plumber, {FILLER}. OBAMA: No, {FILLER}.\n"
        f"SCHIEFFER: Thanks. Next.\nOBAMA: Fine, {FILLER}.\nMCCAIN: Sure, {FILLER}.\n"
    )
    got = turns_of(text)
    assert [n for n, _ in got] == ["Schieffer", "Mccain", "Obama", "Schieffer", "Obama", "Mccain"]
    assert got[2][1] == f"No, {FILLER}."


def test_typos_only_when_they_match_a_known_label():
    text = (
        f"MR. SMITH: Question, {FILLER}?\nMR. NIXON: Answer, {FILLER}.\nMR. SMITH: More, {FILLER}?\n"
        f"MR. NIXON; Answer two, {FILLER}.\nMR. SM1TH: Thanks, {FILLER}.\nMR. NIXON: Done, {FILLER}.\n"
        f"MR. J0NES; Not a speaker of this document, {FILLER}.\n"
    )
    assert names(text) == ["Smith", "Nixon", "Smith", "Nixon", "Smith", "Nixon"]


def test_court_q_and_a_under_an_examination_heading():
    text = (
        "THE COURT: Good morning. Get the witness, please, and the jury.\n\n"
        "AUDIO DESCRIPTION: Whereupon, the witness, David Pecker, having been previously duly "
        "sworn, resumes the witness stand.\n\n"
        "THE COURT: Mr. Bove, you may continue the examination of the witness.\n\n"
        "CONTINUED CROSS-EXAMINATION BY MR. BOVE:\n\n"
        f"Q Good morning, Mr. Pecker, {FILLER}?\n\nA Good morning.\n\n"
        f"Q Did you meet them in August, {FILLER}?\n\nA Yes, I did.\n\n"
        "THE WITNESS: May I see the document again, please, before I answer?\n"
    )
    got = names(text)
    assert got == [
        "The Court",
        "PUBLISHER",
        "The Court",
        "Bove",
        "David Pecker",
        "Bove",
        "David Pecker",
        "David Pecker",
    ]


def test_bare_q_without_a_heading_is_an_anonymous_questioner():
    text = (
        f"MS. JEAN-PIERRE: Go ahead, {FILLER}.\n\nQ Thank you, {FILLER}?\n\n"
        f"MS. JEAN-PIERRE: Well, {FILLER}.\n\nQ And one more, {FILLER}?\n"
    )
    assert names(text) == ["Jean-Pierre", "ANON Q", "Jean-Pierre", "ANON Q"]


def test_anonymous_and_non_speech_labels():
    text = (
        f"MR. SMITH: Good evening, {FILLER}.\nMR. KENNEDY: Thank you, {FILLER}.\n"
        f"VOICE: Louder, {FILLER}!\nMR. SMITH: Again, {FILLER}.\nMR. KENNEDY: Yes, {FILLER}.\n"
        f"Several hon. Members: Hear, hear, {FILLER}.\n"
    )
    got = names(text)
    assert got == [
        "Smith",
        "Kennedy",
        "ANON Voice",
        "Smith",
        "Kennedy",
        "ANON Several hon. Members",
    ]


def test_hansard_action_notes_are_not_turns():
    text = (
        f"Paddy Tipping: I beg to move, {FILLER}.\nCharles Hendry: rose—\n"
        f"Paddy Tipping: I give way, {FILLER}.\nCharles Hendry: I thank him, {FILLER}.\n"
    )
    assert [n for n in names(text) if n != "PUBLISHER"] == [
        "Paddy Tipping",
        "Paddy Tipping",
        "Charles Hendry",
    ]


def test_a_colon_phrase_followed_by_a_quotation_is_prose():
    text = (
        f"Anna Smith: We said {FILLER}.\n"
        "The United Kingdom: “Secession, or the union as it stands, is the choice we face.”\n"
        f"John Brown: I agree, {FILLER}.\n"
    )
    got = turns_of(text)
    assert [n for n, _ in got] == ["Anna Smith", "John Brown"]


def test_unlabelled_text_after_non_speech_goes_to_the_publisher_not_the_previous_speaker():
    text = (
        f"THE COURT: Good morning, {FILLER}.\n\nAUDIO DESCRIPTION: The jurors enter the room.\n\n"
        f"The jurors take their seats, {FILLER}.\n\nTHE COURT: Please be seated, {FILLER}.\n"
    )
    got = turns_of(text)
    assert [n for n, _ in got] == ["The Court", "PUBLISHER", "The Court"]
    assert (
        any("jurors take their seats" in p for n, p in got if n == "PUBLISHER")
        or "jurors take" not in got[0][1]
    )


def test_manifest_speakers_and_label_pattern_override():
    once = f"ANNA BERG: Welcome, {FILLER}.\nSome other line without a label, {FILLER}.\n"
    assert names(once) == ["PUBLISHER"]
    assert names(once, known=("Anna Berg",)) == ["Anna Berg"]
    odd = f"<<Anna Smith>> Hello, {FILLER}.\n<<John Brown>> Hi, {FILLER}.\n"
    assert names(odd, pattern=r"<<(?P<name>[^>]+)>>") == ["Anna Smith", "John Brown"]


@pytest.mark.parametrize(
    "label, kind",
    [
        ("TRUMP", "named"),
        ("Dr. Fauci", "named"),
        ("Q", "anonymous"),
        ("Question", "anonymous"),
        ("AUDIO DESCRIPTION", "nonspeech"),
        ("Break", "nonspeech"),
        ("CONTINUED CROSS-EXAMINATION BY MR. BOVE", "heading"),
        ("we reached a conclusion", None),
        ('He said "no"', None),
    ],
)
def test_classify_shapes(label, kind):
    got = classify(label)
    assert (got[0] if got else None) == kind


def test_un_record_each_delegate_speaks_once():
    """A UN verbatim record: every delegate once, written "Mr. Name (Country):"; the shape recurs."""
    text = (
        f"The Acting President: I now give the floor to the representative of Kazakhstan.\n\n"
        f"Mr. Kazykhanov (Kazakhstan): Thank you, {FILLER}.\n\n"
        f"The Acting President: I now call on the representative of China.\n\n"
        f"Mr. Zhang Yishan (China) (spoke in Chinese): China believes {FILLER}.\n\n"
        f"Mr. Sardenberg (Brazil): Brazil supports {FILLER}.\n"
    )
    assert names(text) == [
        "The Acting President",
        "Kazykhanov",
        "The Acting President",
        "Zhang Yishan",
        "Sardenberg",
    ]


def test_kremlin_question_retranslated_is_anonymous():
    text = (
        f"President of Russia Vladimir Putin: Colleagues, {FILLER}.\n\n"
        f"Question (retranslated): Mr President, {FILLER}?\n\nVladimir Putin: Yes, {FILLER}.\n\n"
        f"Remark: And the gas, {FILLER}?\n\nHassan Rouhani: Iran, {FILLER}.\n"
    )
    assert names(text) == [
        "Vladimir Putin",
        "ANON Question",
        "Vladimir Putin",
        "ANON Remark",
        "Hassan Rouhani",
    ]


def test_subtitle_speakers_then_unlabelled_cues_continue():
    text = (
        f"Travis: Welcome to the show, {FILLER}.\n\nSarah: Thanks, {FILLER}.\n\n"
        f"and the second cue goes on, {FILLER}.\n\nGilon: Hi both, {FILLER}.\n\n"
        f"Travis: So, {FILLER}.\n\nGilon: Right, {FILLER}.\n\nSarah: Bye, {FILLER}.\n"
    )
    assert names(text) == ["Travis", "Sarah", "Gilon", "Travis", "Gilon", "Sarah"]


def test_clip_with_one_label_of_a_speaker_known_from_other_files(tmp_path):
    """Hearing clips split over files: "Chairman HAMILTON:" once in a file is known from another."""
    from stenogram.retrieval.documents.corpus import load_corpus

    (tmp_path / "a.txt").write_text(
        f"Mr. LIMAN: Did you, {FILLER}?\n\nMr. POINDEXTER: I did, {FILLER}.\n\n"
        f"Chairman HAMILTON: Order, {FILLER}.\n\nMr. LIMAN: Then, {FILLER}?\n\n"
        f"Chairman HAMILTON: Proceed, {FILLER}.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        f"Chairman HAMILTON: Now all of us recognise, {FILLER}.\n\nAnd the committee, {FILLER}.\n",
        encoding="utf-8",
    )
    corpus = load_corpus(tmp_path)
    b = corpus.documents["b"]
    assert b.meta.kind == "transcript" and b.meta.title == "b"
    [turn] = [t for t in corpus.turns if t.doc_id == "b"]
    assert corpus.speakers[turn.speaker_id].name == "Hamilton"


def test_name_alone_on_its_line_with_the_words_below():
    text = (
        f"Harbour Radio, Monday\n\nANNA BERG\nGood evening, {FILLER}.\n\nJON DAHL\nThank you, {FILLER}.\n"
        f"And more, {FILLER}.\n\nANNA BERG\nSo, {FILLER}?\n\nJON DAHL\nYes, {FILLER}.\n"
    )
    got = turns_of(text)
    assert [n for n, _ in got] == ["Anna Berg", "Jon Dahl", "Anna Berg", "Jon Dahl"]
    assert got[0][1] == f"Good evening, {FILLER}."


def test_a_recurring_heading_alone_is_not_a_speaker():
    text = (
        f"ANNA BERG: Welcome, {FILLER}.\n\nSummary\nThe board agreed, {FILLER}.\n\n"
        f"JON DAHL: Thanks, {FILLER}.\n\nSummary\nThe board agreed again, {FILLER}.\n\n"
        f"ANNA BERG: Good, {FILLER}.\n\nJON DAHL: Yes, {FILLER}.\n"
    )
    assert "Summary" not in names(text)


def test_a_list_of_known_names_is_not_a_run_of_turns():
    text = (
        f"Vladimir Putin: Colleagues, {FILLER}.\n\nNikol Pashinyan: Thank you, {FILLER}.\n\n"
        "Persons\nVladimir Putin\nNikol Pashinyan\n"
    )
    assert names(text) == ["Vladimir Putin", "Nikol Pashinyan"]


def test_parliament_labels_with_constituency_and_party():
    text = (
        f"Mr David Hanson (Delyn) (Lab): Will the Minister say {FILLER}?\n\n"
        f"Stephen Twigg (Liverpool, West Derby) (Lab/Co-op): Does he agree {FILLER}?\n\n"
        f"Paul Flynn (Newport West) (Lab): And {FILLER}?\n\nMr Hague: I do, {FILLER}.\n\n"
        f"Mr Hague: Yes, {FILLER}.\n"
    )
    assert names(text) == ["David Hanson", "Stephen Twigg", "Paul Flynn", "Hague", "Hague"]


def test_a_note_in_brackets_is_not_a_role():
    text = (
        f"President of the Republic of Turkey Recep Tayyip Erdogan (retranslated): Friends, {FILLER}.\n\n"
        f"Chairman HAMILTON: Order, {FILLER}.\n"
    )
    registry = SpeakerRegistry()
    parsed = parse("d", text, "transcript", registry.publisher("G").id, registry)
    first = registry.get(parsed.turns[0].speaker_id)
    assert first.name == "Tayyip Erdogan" and "retranslated" not in first.role
    assert registry.get(parsed.turns[1].speaker_id).name == "Hamilton"


def test_several_members_rising_is_an_action_not_a_turn():
    text = (
        f"Paddy Tipping: I beg to move, {FILLER}.\n\nSeveral hon. Members: rose—\n\n"
        f"Nicholas Winterton: Order. {FILLER}.\n\nPaddy Tipping: Thank you, {FILLER}.\n"
    )
    assert [n for n in names(text) if n != "PUBLISHER"] == [
        "Paddy Tipping",
        "Nicholas Winterton",
        "Paddy Tipping",
    ]


def test_q_dot_and_a_dot_under_a_direct_examination_heading():
    text = (
        "JOHN DOE, called as a witness, having been first duly sworn, testified as follows:\n\n"
        "DIRECT EXAMINATION BY MR. NIELDS:\n\n"
        f"Q. Did you see the memorandum, {FILLER}?\n\nA. I did, {FILLER}.\n\n"
        f"Q: And the second one, {FILLER}?\n\nA. No, {FILLER}.\n"
    )
    got = names(text)
    assert got[-4:] == ["Nields", "John Doe", "Nields", "John Doe"]


def test_q_and_a_of_an_interview_credit_the_answers_to_whom_the_header_names():
    text = (
        "Interview with Ambassador Dana Okafor on the harbour treaty\nPublished 12 March 2024\n\n"
        f"Q: What changes, {FILLER}?\n\nA: The quotas, {FILLER}.\n\n"
        f"Q: Who was consulted, {FILLER}?\n\nA: The coastal towns, {FILLER}.\n"
    )
    registry = SpeakerRegistry()
    parsed = parse("d", text, "transcript", registry.publisher("G").id, registry)
    answerer = registry.get(parsed.turns[-1].speaker_id)
    assert (answerer.name, answerer.role) == ("Dana Okafor", "Ambassador")
    # Without such a header the answerer stays "The Witness", as before.
    assert names(text.split("\n\n", 1)[1])[-1] == "The Witness"


def test_q_and_a_credit_the_answers_to_the_one_person_the_introduction_presents():
    """No "interview with": the introduction before the first question presents one person
    ("Dr. Abena Mensah is a hydrologist …"), who answers; two presented, nobody is."""
    intro = (
        "We drilled the wrong wells\nBy Tom Halvorsen, 18 September 2024\n\n"
        "Dr. Abena Mensah is a hydrologist at the University of Ghana and led the survey.\n\n"
    )
    qa = (
        f"Q: Why did so many wells fail, {FILLER}?\n\nA: Nobody paid for pumps, {FILLER}.\n\n"
        f"Q: What should donors do, {FILLER}?\n\nA: Fund maintenance, {FILLER}.\n"
    )
    assert names(intro + qa)[-1] == "Abena Mensah"
    two = intro.replace("and led the survey.", "and Kofi Mensah is a driver there.")
    assert names(two + qa)[-1] == "The Witness"


def test_an_interview_with_a_newspaper_names_no_answerer():
    text = (
        "An interview with The Harbour Gazette\n\n"
        f"Q: What changes, {FILLER}?\n\nA: The quotas, {FILLER}.\n\n"
        f"Q: Who was consulted, {FILLER}?\n\nA: The coastal towns, {FILLER}.\n"
    )
    assert names(text)[-1] == "The Witness"


def test_an_office_before_a_name_is_the_speakers_role_a_courtesy_title_is_not():
    text = (
        f"GOVERNOR REYES: Good afternoon, {FILLER}.\nMR. NIELDS: Thank you, {FILLER}.\n"
        f"Sen. Dana Okafor: Again, {FILLER}.\nGOVERNOR REYES: Next, {FILLER}.\n"
    )
    registry = SpeakerRegistry()
    parsed = parse("d", text, "transcript", registry.publisher("G").id, registry)
    people = [
        (registry.get(t.speaker_id).name, registry.get(t.speaker_id).role) for t in parsed.turns
    ]
    assert people[:3] == [("Reyes", "Governor"), ("Nields", ""), ("Dana Okafor", "Senator")]


def test_dashes_in_speech_make_no_labels():
    """Only a dialogue of "NAME — words" openings is labelled: a dash in speech or one dateline
    is text."""
    text = (
        f"HOLT: Good evening, {FILLER}.\nWhat I — what I said was {FILLER}.\n"
        f"MADRID — Officials said {FILLER}.\nTRUMP: Thank you, {FILLER}.\n"
        f"Dana Okafor — the mayor — said {FILLER}.\nHOLT: Next, {FILLER}.\n"
    )
    assert names(text) == ["Holt", "Trump", "Holt"]


def test_a_capitalised_word_and_a_full_stop_opening_a_line_is_not_a_label():
    text = (
        f"HOLT: Good evening, {FILLER}.\nTRUMP: Thank you, {FILLER}.\nOK. We will see {FILLER}.\n"
        f"CLINTON: Well, {FILLER}.\nOK. And again {FILLER}.\nHOLT: Next, {FILLER}.\n"
    )
    assert names(text) == ["Holt", "Trump", "Clinton", "Holt"]


# Label shapes of real transcripts, each in a small document of its own: (the text, the speaker
# of each turn, and optionally (turn index, how that turn's words begin)).
SHAPES = [
    pytest.param(
        f"    The Chairman. The committee will come to order, {FILLER}.\n"
        f"    Senator Okafor. Thank you, Mr. Chairman, {FILLER}.\n"
        f"    Ms. Lindqvist. Thank you, Senator, {FILLER}.\n"
        f"    The Chairman. How many inspections, {FILLER}?\n"
        f"    Ms. Lindqvist. None, {FILLER}.\n"
        f"    Senator Okafor. And the Baltic states, {FILLER}?\n",
        ["The Chairman", "Okafor", "Lindqvist", "The Chairman", "Lindqvist", "Okafor"],
        (2, "Thank you, Senator"),
        id="GPO Senate: mixed-case labels with a full stop",
    ),
    pytest.param(
        f"The carmaker reported a loss, {FILLER}.\n"
        f"General Motors. The company said {FILLER}.\n"
        f"Analysts expected more, {FILLER}.\n",
        ["PUBLISHER"],
        None,
        id="one title-and-name with a full stop in prose is no label",
    ),
    pytest.param(
        f"Mr OKAFOR (Dickson—Leader of the Opposition) (14:01): My question, {FILLER}?\n"
        f"Ms LINDQVIST (Grayndler—Prime Minister) (14:02): I thank the member, {FILLER}.\n"
        f"Mr OKAFOR (Dickson—Leader of the Opposition) (14:05): Again, {FILLER}?\n",
        ["Okafor", "Lindqvist", "Okafor"],
        (1, "I thank the member"),
        id="Australian Hansard: a colon inside brackets belongs to the label",
    ),
    pytest.param(
        f"Speaker 1 (00:00):\nGood morning, {FILLER}.\n\n"
        f"Dana Okafor (00:12):\nThe span reopens Monday, {FILLER}.\n\n"
        f"Speaker 3 (00:31):\nHow much did it cost, {FILLER}?\n\n"
        f"Dana Okafor (00:35):\nFourteen million, {FILLER}.\n\n"
        f"Speaker 3 (01:02):\nAnd the south, {FILLER}?\n",
        ["ANON Speaker 1", "Dana Okafor", "ANON Speaker 3", "Dana Okafor", "ANON Speaker 3"],
        (3, "Fourteen million"),
        id="Rev: numbered voices and time stamps in brackets",
    ),
    pytest.param(
        f"Maya Okafor  0:03\nSo tell me, {FILLER}?\n\n"
        f"Ben Lindqvist  0:08\nBetter than expected, {FILLER}.\n\n"
        f"Maya Okafor  0:15\nWho led it, {FILLER}?\n\n"
        f"Ben Lindqvist  1:17\nA fund from Lisbon, {FILLER}.\n",
        ["Maya Okafor", "Ben Lindqvist", "Maya Okafor", "Ben Lindqvist"],
        None,
        id="Otter: a name and a time alone on a line",
    ),
    pytest.param(
        f"Maya Okafor  0:03\nSo tell me, {FILLER}?\n\n"
        f"Ben Lindqvist  0:08\nBetter than expected, {FILLER}.\n\n"
        f"Ines Duarte  0:12\nMay I add that {FILLER}.\n\n"
        f"Maya Okafor  0:15\nWho led it, {FILLER}?\n\n"
        f"Ben Lindqvist  1:17\nA fund from Lisbon, {FILLER}.\n",
        ["Maya Okafor", "Ben Lindqvist", "Ines Duarte", "Maya Okafor", "Ben Lindqvist"],
        (2, "May I add"),
        id="Otter: a speaker who speaks once has the time stamp every name has",
    ),
    pytest.param(
        f"[Maya Okafor] 10:02:11\nGood morning, {FILLER}.\n\n"
        f"[Ben Lindqvist] 10:02:25\nThe schedule moved, {FILLER}.\n\n"
        f"[Maya Okafor] 10:02:49\nWhat happened, {FILLER}?\n\n"
        f"[Ben Lindqvist] 10:02:55\nA fire at the supplier, {FILLER}.\n",
        ["Maya Okafor", "Ben Lindqvist", "Maya Okafor", "Ben Lindqvist"],
        (3, "A fire at the supplier"),
        id="Zoom: a name in brackets and a time alone on a line",
    ),
    pytest.param(
        f"00:00:05 Maya Okafor: Welcome, {FILLER}.\n00:00:19 Ben Lindqvist: The budget rises, {FILLER}.\n"
        f"00:00:41 Maya Okafor: And the branch, {FILLER}?\n(00:01:12) Ines Duarte: Approved, {FILLER}.\n",
        ["Maya Okafor", "Ben Lindqvist", "Maya Okafor", "Ines Duarte"],
        (3, "Approved"),
        id="a time without square brackets before the label",
    ),
    pytest.param(
        f"Maya Okafor [00:00:05]: Welcome, {FILLER}.\nBen Lindqvist [00:00:19]: It rises, {FILLER}.\n"
        f"Maya Okafor [00:00:41]: And the branch, {FILLER}?\n",
        ["Maya Okafor", "Ben Lindqvist", "Maya Okafor"],
        (1, "It rises"),
        id="a time in square brackets between the name and the colon",
    ),
    pytest.param(
        f"Maya Okafor - Welcome, {FILLER}.\n\nKarine Jean-Pierre - The budget rises, {FILLER}.\n\n"
        f"Maya Okafor - And the branch, {FILLER}?\n\nKarine Jean-Pierre - In March, {FILLER}.\n",
        ["Maya Okafor", "Karine Jean-Pierre", "Maya Okafor", "Karine Jean-Pierre"],
        (3, "In March"),
        id="a name and a hyphen, as a dialogue (a hyphenated name kept whole)",
    ),
    pytest.param(
        f"> **Maya Okafor:** Welcome, {FILLER}.\n\n> **Ben Lindqvist:** It rises, {FILLER}.\n\n"
        f">> MAYA OKAFOR: And the branch, {FILLER}?\n>> BEN LINDQVIST: In March, {FILLER}.\n",
        ["Maya Okafor", "Ben Lindqvist", "Maya Okafor", "Ben Lindqvist"],
        (3, "In March"),
        id="a Markdown quote or closed captions' >> before the label",
    ),
    pytest.param(
        "О награждении\n\nНаградить орденом Мужества\n\n"
        "ИВАНОВА Петра Сергеевича - майора, командира роты\n"
        "ПЕТРОВА Ивана Андреевича - капитана, заместителя командира\n"
        "СИДОРОВА Олега Павловича - старшего лейтенанта, командира взвода\n"
        "Наградить медалью За отвагу\n\n"
        "ИВАНОВА Петра Сергеевича - майора, командира роты\n"
        "КУЗНЕЦОВА Андрея Ильича - сержанта, командира отделения\n",
        ["PUBLISHER"],
        None,
        id="a list of names and dashes, one named twice, is no dialogue",
    ),
    pytest.param(
        f"Maya Okafor\n\nWelcome everyone to the panel, {FILLER}.\n\n"
        f"Ben Lindqvist\n\nWe should expand the terminal, {FILLER}.\n\n"
        f"Maya Okafor\n\nAnd what do the residents say, {FILLER}?\n\n"
        f"Ines Duarte\n\nThey are worried about noise at night, {FILLER}.\n\n"
        f"Closing remarks\n\nThe moderator thanked the guests and closed the panel, {FILLER}.\n",
        ["Maya Okafor", "Ben Lindqvist", "Maya Okafor", "Ines Duarte"],
        (3, "They are worried"),
        id="names alone over their words, guests speaking once, a heading in lower case",
    ),
    pytest.param(
        "ПУТИН В.В.: Уважаемые коллеги, сегодня мы обсудим строительство новых ледоколов.\n\n"
        "ЛИХАЧЁВ А.Е.: В этом году перевезено тридцать шесть миллионов тонн грузов.\n\n"
        "ПУТИН В.В.: Сколько ледоколов будет построено к тридцатому году?\n",
        ["Путин В.В.", "Лихачёв А.Е.", "Путин В.В."],
        (1, "В этом году"),
        id="a Russian surname in capitals with initials after it: the initials stay capitals",
    ),
    pytest.param(
        f"CHAIR DANA OKAFOR — The hearing is open, {FILLER}.\n\n"
        f"DIRECTOR BEN LINDQVIST — Thank you, {FILLER}.\n\n"
        f"CHAIR DANA OKAFOR — How far is the longest commute, {FILLER}?\n\n"
        f"RESIDENT INES DUARTE — Our street is split, {FILLER}.\n",
        ["Dana Okafor", "Ben Lindqvist", "Dana Okafor", "Ines Duarte"],
        (3, "Our street is split"),
        id="a name in capitals and a dash, as minutes print a dialogue",
    ),
    pytest.param(
        f"Dana Okafor: (00:04)\nGood afternoon, {FILLER}.\n\n"
        f"Dana Okafor: (00:19)\nCrews worked all night, {FILLER}.\n\n"
        f"Reporter 1: (00:36)\nHow old was the pipe, {FILLER}?\n\n"
        f"Dana Okafor: (00:39)\nIt was laid in 1952, {FILLER}.\n\n"
        f"Reporter 2: (00:47)\nWill residents be paid, {FILLER}?\n",
        ["Dana Okafor", "Dana Okafor", "ANON Reporter 1", "Dana Okafor", "ANON Reporter 2"],
        (2, "How old was the pipe"),
        id="Rev: numbered voices that speak once beside one named speaker",
    ),
    pytest.param(
        f"TAPPER: Welcome, {FILLER}.\nGOV. DANA OKAFOR (R-AR): We support it, {FILLER}.\n"
        f"TAPPER: And the economy, {FILLER}?\nOKAFOR: Look, {FILLER}.\n",
        ["Tapper", "Dana Okafor", "Tapper", "Dana Okafor"],
        None,
        id="a label accepted later confirms its fuller form earlier",
    ),
    pytest.param(
        f"# An interview\n\n### Sam Okafor\n\nWelcome, {FILLER}?\n\n### Lena Lindqvist\n\n"
        f"About two hundred, {FILLER}.\n\n### Sam Okafor\n\nWhat killed them, {FILLER}?\n\n"
        f"### Lena Lindqvist\n\nMostly mites, {FILLER}.\n",
        ["Sam Okafor", "Lena Lindqvist", "Sam Okafor", "Lena Lindqvist"],
        None,
        id="names alone as Markdown headings",
    ),
    pytest.param(
        f"ANNA OKAFOR\n\nThe deficit, {FILLER}.\n\nREPORTER\n\nWill pensions rise, {FILLER}?\n\n"
        f"ANNA OKAFOR\n\nBy four percent, {FILLER}.\n\nREPORTER\n\nAnd defence, {FILLER}?\n",
        ["Anna Okafor", "ANON Reporter", "Anna Okafor", "ANON Reporter"],
        None,
        id="names alone beside an anonymous voice",
    ),
    pytest.param(
        f"## Background\n\nThe harbour, {FILLER}.\n\n## Costs\n\nThe budget, {FILLER}.\n\n"
        f"## Background\n\nMore history, {FILLER}.\n",
        ["PUBLISHER"],
        None,
        id="recurring section headings alone are no dialogue",
    ),
    pytest.param(
        f"The CHAIRMAN. The committee will come to order, {FILLER}. Mr. OKAFOR. Thank you, "
        f"{FILLER}.\n\nMs. LINDQVIST. Forty new trains, {FILLER}.\n\n"
        f"Mr. OKAFOR. And the delays, {FILLER}?\n\nThe CHAIRMAN. Thank you, {FILLER}.\n",
        ["The Chairman", "Okafor", "Lindqvist", "Okafor", "The Chairman"],
        (1, "Thank you"),
        id="full-stop labels run together in one line (a PDF's text layer) open turns",
    ),
    pytest.param(
        f"The CHAIRMAN: Thank you, {FILLER}. Mr. OKAFOR. Go on, {FILLER}.\n"
        f"Mr. OKAFOR: Thank you, {FILLER}.\nThe CHAIRMAN: Next, {FILLER}.\n",
        ["The Chairman", "Okafor", "The Chairman"],
        None,
        id="where labels end in a colon, a name recognised by the chair stays in the turn",
    ),
    pytest.param(
        f"SPEAKER_00: Good morning, {FILLER}.\nSPEAKER_01: The dredging costs four million, "
        f"{FILLER}.\nSPEAKER_00: That is more, {FILLER}.\nSPEAKER_02: Half a million short, "
        f"{FILLER}.\n",
        ["ANON Speaker 00", "ANON Speaker 01", "ANON Speaker 00", "ANON Speaker 02"],
        (3, "Half a million"),
        id="a diarization tool's numbered voices (SPEAKER_00) stay apart",
    ),
    pytest.param(
        f"1. The harbour (debate)\n\nPresident. – The next item is the harbour, {FILLER}.\n\n"
        f"Dana Okafor, Member of the Commission. – Madam President, {FILLER}.\n\n"
        f"Ben Lindqvist, on behalf of the Green Group. – Madam President, {FILLER}.\n",
        ["President", "Dana Okafor", "Ben Lindqvist"],
        (1, "Madam President"),
        id="a parliament's verbatim report: 'Name, role. – Words', each speaking once",
    ),
    pytest.param(
        f"Harbour Fees\n\n11:32:00\nDana Okafor (Richmond Park) (LD)\nWhat will the fees be, "
        f"{FILLER}?\n\n11:33:00\nThe Minister for Harbours (Ben Lindqvist)\nThey stay as "
        f"they are, {FILLER}.\n\n11:34:00\nDana Okafor\nAnd next year, {FILLER}?\n\n"
        f"Ben Lindqvist\nThe same, {FILLER}.\n",
        ["Dana Okafor", "Ben Lindqvist", "Dana Okafor", "Ben Lindqvist"],
        (1, "They stay"),
        id="a parliament's web page: names alone with constituency or office in brackets",
    ),
    pytest.param(
        f"An interview with Dana Okafor (DO), harbour master, by Ben Lindqvist (BL).\n\n"
        f"BL: Thank you, {FILLER}?\n\nDO: The pier, {FILLER}.\n\nBL: And the cost?\n\n"
        f"DO: Four million, {FILLER}.\n",
        ["Ben Lindqvist", "Dana Okafor", "Ben Lindqvist", "Dana Okafor"],
        (3, "Four million"),
        id="initials as labels, spelled out where the speakers are introduced",
    ),
    pytest.param(
        "Председательствующий. Уважаемые коллеги, переходим к вопросу о бюджете порта.\n\n"
        "Иванов А. П., министр транспорта. На ремонт порта выделено четыре миллиарда рублей.\n\n"
        "Председательствующий. Вопросы есть? Петрова Мария Ивановна.\n\n"
        "Петрова М. И., фракция «Новые люди». Скажите, когда будет готов второй причал?\n\n"
        "Иванов А. П. Второй причал планируем сдать в конце следующего года.\n",
        [
            "Председательствующий",
            "Иванов А. П.",
            "Председательствующий",
            "Петрова М. И.",
            "Иванов А. П.",
        ],
        (4, "Второй причал"),
        id="a Russian stenogram: surname and initials (a role, a party in quotes) and a full stop",
    ),
]


@pytest.mark.parametrize(("text", "speakers", "opening"), SHAPES)
def test_label_shapes_of_real_transcripts(text, speakers, opening):
    assert names(text) == speakers
    if opening is not None:
        turn, words = opening
        assert turns_of(text)[turn][1].startswith(words)


DEPOSITION = """\
                                                            Page 12
 1             DANA OKAFOR, having been first duly sworn,
 2   was examined and testified as follows:
 3   BY MR. HALVORSEN:
 4        Q.   Ms. Okafor, where were you working in
 5   March of 2019?
 6        A.   At the harbour authority, in the
 7   finance office.
 8        Q.   Did Mr. Lindqvist ever ask you to move
 9   money between the maintenance accounts?
10        A.   Yes, twice. Once in April and once in
11   June.
12             MS. DAHL:  Objection.  Form.
13        Q.   How much was moved?
14        A.   About 1.2 million kronor in total.
                                                            Page 13
 1        Q.   Did you tell anyone?
 2        A.   I told the auditor in September.
"""


def test_a_transcript_numbering_its_lines_in_the_margin():
    """A court reporter's line numbers are margin: labels are found after them, a wrapped
    answer is one passage (the next line's number inside it, verbatim), a page head is no text."""
    turns = turns_of(DEPOSITION)
    assert [n for n, _ in turns] == [
        "PUBLISHER",
        "Halvorsen",
        "Dana Okafor",
        "Halvorsen",
        "Dana Okafor",
        "Dahl",
        "Halvorsen",
        "Dana Okafor",
        "Halvorsen",
        "Dana Okafor",
    ]
    assert turns[2][1] == "At the harbour authority, in the\n 7   finance office."
    assert turns[7][1] == "About 1.2 million kronor in total."
    # Without the numbers the same lines read the same way; one number per line is no margin.
    unnumbered = "\n".join(line[5:] for line in DEPOSITION.split("\n")[1:16])
    assert [n for n, _ in turns_of(unnumbered)][1:3] == ["Halvorsen", "Dana Okafor"]
    assert numbered_lines(DEPOSITION) and not numbered_lines(unnumbered)


def test_a_surname_label_takes_the_full_name_the_header_introduces():
    """ "MR PRICE:" is Ned Price, Department Spokesperson, as the header's participant line
    says; "MS. OKAFOR:" is Dana Okafor, Spokesperson, as the title names her (the office written
    before the name); a common word before a surname ("Communications Lindqvist") or two given
    names for one surname name nobody."""
    text = (
        "Briefing by Spokesperson Dana Okafor\n\nNed Price, Department Spokesperson\n"
        "Washington\n\n"
        f"MR PRICE: Good afternoon, {FILLER}.\n\nQUESTION: And the ferry, {FILLER}?\n\n"
        f"MS. OKAFOR: It runs in winter, {FILLER}.\n\nMR PRICE: Thank you, {FILLER}.\n"
    )
    assert [p for p in people(text) if p[0] != "Question"] == [
        ("Ned Price", "Department Spokesperson"),
        ("Dana Okafor", "Spokesperson"),
        ("Ned Price", "Department Spokesperson"),
    ]
    # A name in the title with no office before it, or only a place or a room: no role.
    for before in ("Briefing with", "Brady Press Briefing Room,", "Moscow Kremlin"):
        plain = text.replace("Briefing by Spokesperson", before)
        assert ("Dana Okafor", "") in people(plain), before
    common = (
        text.replace("Spokesperson Dana Okafor", "Communications Okafor") + "\nour communications"
    )
    assert "Okafor" in names(common)
    both = text.replace("Washington", "Washington, with Ben Okafor")
    assert "Okafor" in names(both)


def test_a_statement_heading_gives_the_next_speaker_full_name_and_office():
    """GPO hearings and court arguments introduce a speaker by a heading in capitals."""
    text = (
        f"    The Chairman. The committee will come to order, {FILLER}.\n"
        "    Senator Okafor.\n\n"
        "          STATEMENT OF HON. DANA R. OKAFOR, U.S. SENATOR FROM\n"
        "                          MAINE\n\n"
        f"    Senator Okafor. Thank you, Mr. Chairman, {FILLER}.\n\n"
        "   ORAL ARGUMENT OF BEN LINDQVIST ON BEHALF OF THE PETITIONERS\n\n"
        f"    Mr. Lindqvist. Thank you, {FILLER}.\n"
        f"    The Chairman. Thank you both, {FILLER}.\n"
    )
    registry = SpeakerRegistry()
    parsed = parse("d", text, "transcript", registry.publisher("G").id, registry)
    people = {
        registry.get(t.speaker_id).name: registry.get(t.speaker_id).role for t in parsed.turns
    }
    assert people["Dana R. Okafor"] == "U.S. Senator from Maine"
    assert people["Ben Lindqvist"] == "on behalf of the Petitioners"


def test_an_office_before_a_bracketed_name_is_its_holder_and_the_office_alone_is_them_too():
    """ "The Convener (Finlay Carson):" is Finlay Carson, The Convener, and so is a later bare
    "The Convener:" (until another holder is named); two "Public Speaker (…)" labels are two
    people, each with that role (they were one "Public Speaker" before, quoting one under the
    other's name). A name before the brackets stays the name ("Rhoda Grant (Highlands and
    Islands) (Lab)"), all of it ("Jamie Halcro Johnston (…) (Con)")."""
    text = (
        "Rural Affairs Committee\n\n"
        f"The Convener (Finlay Carson): Good morning, {FILLER}.\n\n"
        f"Rhoda Grant (Highlands and Islands) (Lab): Thank you, convener, {FILLER}.\n\n"
        f"The Convener: We move to the harbour fund, {FILLER}.\n\n"
        f"Public Speaker (Ruth Okonkwo): My son rides the ferry, {FILLER}.\n\n"
        f"Public Speaker (Gary Steele): I own the hardware shop, {FILLER}.\n\n"
        f"Jamie Halcro Johnston (Highlands and Islands) (Con): And the piers, {FILLER}?\n\n"
        f"The Convener: Briefly, {FILLER}.\n\n"
        f"Jamie Halcro Johnston: And the harbour, {FILLER}?\n"
    )
    assert people(text) == [
        ("Finlay Carson", "The Convener"),
        ("Rhoda Grant", "Highlands and Islands, Lab"),
        ("Finlay Carson", "The Convener"),
        ("Ruth Okonkwo", "Public Speaker"),
        ("Gary Steele", "Public Speaker"),
        # Three words before the brackets, none an office: a name, all of it.
        ("Jamie Halcro Johnston", "Highlands and Islands, Con"),
        ("Finlay Carson", "The Convener"),
        ("Jamie Halcro Johnston", "Highlands and Islands, Con"),  # the same name, bare
    ]
    # A second holder takes the chair: the office alone is the one named last before it, as
    # the Congressional Record notes a change ("The PRESIDING OFFICER (Mr. OKAFOR).") …
    second = text + (
        f"\nThe Convener (Ann Lee): I take the chair now, {FILLER}.\n\n"
        f"The Convener: Thank you all, {FILLER}.\n"
    )
    last = ["Finlay Carson", "Jamie Halcro Johnston", "Ann Lee", "Ann Lee"]
    assert [n for n, _ in people(second)][-4:] == last
    # … and before any holder is named, the office stays as written.
    record = (
        f"The PRESIDING OFFICER. The Senator from Maine.\n\nMs. ABERNATHY. Thank you, {FILLER}.\n"
        f"\nThe PRESIDING OFFICER (Mr. OKAFOR). The Senator from Wyoming.\n\n"
        f"Mr. VAN DYKE. Mr. President, {FILLER}.\n\nThe PRESIDING OFFICER. Without objection.\n"
    )
    assert [n for n, _ in people(record)] == [
        "The Presiding Officer",
        "Abernathy",
        "Okafor",
        "Van Dyke",
        "Okafor",
    ]


COURT = """\
                                                                    212
 1                  IN THE CIRCUIT COURT OF MARION COUNTY
 2
 3                  TRANSCRIPT OF PROCEEDINGS
 4         BEFORE THE HONORABLE MARGARET A. OKAFOR, CIRCUIT JUDGE
 5
 6   APPEARANCES:
 7   For the State:      Ms. Renata Vasquez, Deputy District Attorney
 8   For the Defendant:  Mr. Colin Dalton, Attorney at Law
 9
10             THE COURT: Good morning. Ms. Vasquez, you may call your
11   next witness to the stand this morning.
12             MS. VASQUEZ: Thank you, Your Honor. The State calls
13   Dwayne Kessler.

                                                                    213
 1                         DWAYNE KESSLER,
 2   called as a witness on behalf of the State, having been first
 3   duly sworn, was examined and testified as follows:
 4                        DIRECT EXAMINATION
 5   BY MS. VASQUEZ:
 6        Q.   Where were you on the night of October 14?
 7        A.   At the depot. I started my shift at 10 p.m. that night.
 8        Q.   Did you see the defendant that night at the depot?
 9        A.   Yes. He came in through the side gate at around 11:40.
10        Q.   How did he get in through the side gate?
11        A.   He had a key card. It was his old card from his job.
12             MR. DALTON: Objection, Your Honor, on relevance grounds.
13             THE COURT: Overruled. You may answer the question. And then we
14   are in recess until ten past ten this morning.
15                       (Recess taken, 10:06 a.m.)
16             THE COURT: We are back on the record in State versus Harlan.
"""


def test_a_court_transcript_names_its_judge_witness_and_no_caption_speakers():
    """The cover's "BEFORE THE HONORABLE …, CIRCUIT JUDGE" is who "THE COURT:" is (still the
    court by role); the witness heading with a margin number between the name and "called as a
    witness" names the witness, and that note of the oath is narration; "APPEARANCES:" and "For
    the State:" are no speakers; a stage direction alone on a numbered line ends the paragraph
    before it."""
    turns = turns_of(COURT)
    speakers = [n for n, _ in turns]
    assert "Appearances" not in speakers and not any("State" in n for n in speakers)
    assert speakers[0] == "Margaret A. Okafor" and speakers[-1] == "Margaret A. Okafor"
    assert "Dwayne Kessler" in speakers and "The Witness" not in speakers
    # The reporter's note of the oath is the document's narration, not counsel's words.
    assert [n for n, t in turns if "testified as follows" in t] == ["PUBLISHER"]
    assert people(COURT)[0] == ("Margaret A. Okafor", "The Court, Circuit Judge")
    # A stage direction alone on a numbered line is no part of the speech around it.
    assert turns_of(COURT)[-2][1].endswith("ten past ten this morning.")


def test_an_office_and_a_name_before_a_bracketed_country_is_the_name():
    """ "Minister Lavrov (Russian Federation):" is Lavrov, of the Russian Federation: two words
    before the brackets, the last a name, are an office and a name, not an office alone."""
    text = (
        f"The President: I give the floor to the Minister, {FILLER}.\n\n"
        f"Minister Lavrov (Russian Federation): Thank you, Madam President, {FILLER}.\n\n"
        f"Chairman Smith (Acme Holdings): We thank the Minister, {FILLER}.\n\n"
        f"Ms. Frazier (Malta): Malta thanks the President, {FILLER}.\n"
    )
    assert people(text)[1:3] == [("Lavrov", "Russian Federation"), ("Smith", "Acme Holdings")]


def test_a_briefer_among_delegates_who_each_speak_once_is_a_speaker():
    """A UN record: each delegate speaks once as "Mr. Wood (United States of America):", a
    shape many labels share; the briefer's "Ms. Salvador:" (no country) is a label too."""
    text = (
        f"The President: I give the floor to Ms. Salvador, {FILLER}.\n\n"
        f"Ms. Salvador: Since my last briefing the situation has worsened, {FILLER}.\n\n"
        f"The President: I thank Ms. Salvador, {FILLER}.\n\n"
        f"Mr. Wood (United States of America): We thank the briefer, {FILLER}.\n\n"
        f"Ms. Frazier (Malta): Malta is concerned, {FILLER}.\n\n"
        f"Mr. Bendjama (Algeria): Algeria supports the mission, {FILLER}.\n"
    )
    assert names(text) == [
        "The President",
        "Salvador",
        "The President",
        "Wood",
        "Frazier",
        "Bendjama",
    ]


def test_an_earnings_call_names_each_speaker_alone_on_a_line_with_a_role_after_dashes():
    """ "Jane Lee -- Chief Executive Officer" alone on a line, the words below it; an analyst's
    "Ann Ng -- Acme Bank -- Analyst"; the section headings ("Prepared Remarks:", "Questions and
    Answers:") are no speakers and the operator's words stay the operator's."""
    text = (
        "Acme Q3 2026 Earnings Call Transcript\n\nContents:\nPrepared Remarks\n\n"
        f"Prepared Remarks:\n\nOperator:\n\nGood morning and welcome, {FILLER}.\n\n"
        f"Jane Lee -- Chief Executive Officer\n\nThanks, operator. Revenue grew 11%, {FILLER}.\n\n"
        f"Tom Dahl -- Chief Financial Officer\n\nThank you, Jane. Free cash flow rose, {FILLER}.\n\n"
        f"Questions and Answers:\n\nOperator:\n\nOur first question, {FILLER}.\n\n"
        f"Ann Ng -- Acme Bank -- Analyst\n\nCongrats on the quarter. Is growth lasting, {FILLER}?\n\n"
        f"Jane Lee -- Chief Executive Officer\n\nMostly, yes. One contract was a one-off, {FILLER}.\n"
    )
    assert people(text) == [
        ("Operator", ""),
        ("Jane Lee", "Chief Executive Officer"),
        ("Tom Dahl", "Chief Financial Officer"),
        ("Operator", ""),
        ("Ann Ng", "Acme Bank, Analyst"),
        ("Jane Lee", "Chief Executive Officer"),
    ]


def test_european_parliament_labels_with_groups_and_a_role_after_the_brackets():
    """ "Name, on behalf of the S&D Group. –" and "Name (Verts/ALE), blue-card answer. –": a
    group's "&" or "/" is in the role, not the name; the words were the speaker before's."""
    text = (
        f"President. – The next item is the drought debate, {FILLER}.\n\n"
        f"Elena Moratinos, on behalf of the PPE Group. – Madam President, {FILLER}.\n\n"
        f"Pierre-Yves Castagnol, on behalf of the S&D Group. – (FR) Water is a common good, {FILLER}.\n\n"
        f"Tilly Vandermeer, on behalf of the Verts/ALE Group. – The wells are illegal, {FILLER}.\n\n"
        f"Elena Moratinos (PPE), blue-card question. – Ms Vandermeer, really, {FILLER}?\n\n"
        f"Tilly Vandermeer (Verts/ALE), blue-card answer. – No, Ms Moratinos, {FILLER}.\n\n"
        f"President. – The debate is closed, {FILLER}.\n"
    )
    assert [n for n, _ in people(text)] == [
        "President",
        "Elena Moratinos",
        "Pierre-Yves Castagnol",
        "Tilly Vandermeer",
        "Elena Moratinos",
        "Tilly Vandermeer",
        "President",
    ]
    assert people(text)[2][1] == "on behalf of the S&D Group"


def test_the_first_line_of_a_document_in_a_label_s_shape_is_its_title():
    """ "CNN SENATE DEBATE: OHIO" opens the page: a title, not a speaker "Senate Debate"; a
    first line with a sentence or a time stamp after the colon is a label ("Dana Okafor:
    (00:04)" in a Rev transcript)."""
    text = (
        "CNN SENATE DEBATE: OHIO\n\n"
        f"BASH: Good evening from Cleveland, {FILLER}.\n\nHARSTAD: Thank you, Dana, {FILLER}.\n\n"
        f"BASH: Your answer on tariffs, {FILLER}?\n\nOKAFOR: Tariffs cost jobs, {FILLER}.\n"
    )
    assert [n for n, _ in people(text)] == ["Bash", "Harstad", "Bash", "Okafor"]
    said = text.replace("CNN SENATE DEBATE: OHIO", "BASH: Welcome to the debate tonight.")
    assert [n for n, _ in people(said)][:2] == ["Bash", "Bash"]


def test_a_question_label_naming_the_journalist_is_that_journalist():
    """ "Вопрос (Анна Белова, ТАСС):", "QUESTION (Jane Doe, Reuters):": the person in brackets
    asks, for the outlet after the comma; a bare "Вопрос:" or "Q (inaudible):" stays a voice."""
    text = (
        f"Д.Песков: Добрый день, {FILLER}.\n\n"
        f"Вопрос (Анна Белова, ТАСС): Будет ли визит в Пекин, {FILLER}?\n\n"
        f"Д.Песков: Визит готовится, {FILLER}.\n\n"
        f"Вопрос: А сроки, {FILLER}?\n\nД.Песков: Пока нет, {FILLER}.\n"
    )
    assert people(text)[1] == ("Анна Белова", "ТАСС")
    assert people(text)[3][0] == "Вопрос"
    english = text.replace("Вопрос (Анна Белова, ТАСС)", "QUESTION (Jane Doe, Reuters)")
    assert people(english)[1] == ("Jane Doe", "Reuters")


REV = """\
Ep 147 - Who Owns the River?

Speaker 1 (00:00:04):
Welcome back to Public Works. I'm your host, Nadia Ferreira. Today I have two guests: Dr. Caleb
Honaker, a hydrologist, and Luisa Tsosie, who runs a tribal water utility.

Speaker 2 (00:00:31):
Thanks, Nadia. Great to be here.

Speaker 3 (00:00:33):
Thank you for having me.

Speaker 1 (00:00:35):
Caleb, let's start with the big picture. How bad is it on the Colorado right now?

Speaker 2 (00:00:41):
It's bad, but it's a slow bad. The natural flow has averaged about 12.4 million acre-feet.

Speaker 1 (00:01:36):
Your community gets its water differently. Can you explain, Luisa?

Speaker 3 (00:01:41):
Sure. About 30% of the homes we serve still don't have running water.
"""


def test_numbered_voices_take_the_names_the_transcript_gives_them():
    """A Rev transcript's "Speaker 1" introduces herself ("I'm your host, Nadia Ferreira"), is
    thanked by name by the next voice, and addresses the guests by given name before they speak:
    each voice is the person, the given name completed from the document ("Caleb Honaker")."""
    assert [n for n, _ in people(REV) if n != "G"] == [
        "Nadia Ferreira",
        "Caleb Honaker",
        "Luisa Tsosie",
        "Nadia Ferreira",
        "Caleb Honaker",
        "Nadia Ferreira",
        "Luisa Tsosie",
    ]
    # Two names for one voice (the host calls the next voice Caleb, then Luisa): it stays a voice.
    mixed = REV.replace(
        "Can you explain, Luisa?",
        "Can you explain, Luisa?\n\nSpeaker 2 (00:01:39):\nLet me add one thing.",
    )
    assert "Speaker 2" in [n for n, _ in people(mixed)]
    # An office or an honorific is no name: "Thank you, Mr Chairman." names nobody.
    chair = (
        "Speaker 1 (00:00:01):\nWelcome. Our chair today is Mr Chairman Jones.\n\n"
        "Speaker 2 (00:00:05):\nThank you, Mr Chairman. A question about the budget.\n\n"
        "Speaker 1 (00:00:09):\nGo ahead, the floor is yours on the budget.\n"
    )
    assert {n for n, _ in people(chair)} == {"Speaker 1", "Speaker 2"}


def test_a_surname_label_takes_the_full_name_the_opening_turn_introduces():
    """A debate's moderator introduces the candidates in the first turn, after the first label:
    "OKAFOR:" is Renata Okafor, Democratic Congresswoman, as introduced before her own first
    label."""
    text = (
        f"BASH: Good evening, {FILLER}. Tonight the two candidates meet: Democratic "
        "Congresswoman Renata Okafor and Republican former Lieutenant Governor Glenn Harstad.\n\n"
        f"OKAFOR: Thank you, Dana, {FILLER}.\n\nHARSTAD: Look, {FILLER}.\n\n"
        f"BASH: Your answer on tariffs, {FILLER}?\n\nOKAFOR: Tariffs cost jobs, {FILLER}.\n"
    )
    assert people(text)[1:3] == [
        ("Renata Okafor", "Democratic Congresswoman"),
        ("Glenn Harstad", "Republican former Lieutenant Governor"),
    ]
    un = (
        f"The President: I invite Ms. María Salvador, Special Representative, {FILLER}.\n\n"
        f"Ms. Salvador: Thank you, Mr. President, {FILLER}.\n\n"
        f"The President: I thank Ms. Salvador, {FILLER}.\n\nMs. Salvador: Yes, {FILLER}.\n"
    )
    assert people(un)[1][0] == "María Salvador"  # a given name of any alphabet
    # Two different given names before it in the opening turn: nobody in particular.
    both = text.replace("and Republican", "and her brother Paul Okafor and Republican")
    assert "Okafor" in names(both)


def test_a_title_line_may_have_a_long_subtitle_when_its_label_never_comes_again():
    """An Otter export opens "Town and Gown: Student Housing and the Northside Neighborhood":
    a title, not a speaker "and Gown"; a label that speaks again keeps the short bound."""
    text = (
        "Town and Gown: Student Housing and the Northside Neighborhood\n"
        "Thu, Oct 16, 2025 4:02PM\n\n"
        f"Marisol Vega: Okay, {FILLER}.\n\nRuth Lindqvist: Sure, {FILLER}.\n\n"
        f"Marisol Vega: Thank you, {FILLER}.\n"
    )
    assert [n for n, _ in people(text)] == ["Marisol Vega", "Ruth Lindqvist", "Marisol Vega"]
    # The same words as a label that comes again: the first line is that speaker's turn.
    again = text.replace("Marisol Vega: Thank you", "Town and Gown: Thank you")
    assert len(people(again)) == 4


def test_a_programme_s_header_fields_are_no_speakers():
    """A broadcast transcript's header ("TRANSMISSION: …", "REPEAT: …", "NOTICE: …"), an Otter
    export's "SUMMARY KEYWORDS" and a stenogram's "Результат: …" are no speakers …"""
    text = (
        "TRANSMISSION: WEDNESDAY 4 MARCH 2026 0900-0930\n\nREPEAT: SUNDAY 8 MARCH 2026\n\n"
        "PRODUCER: Tom Ebbage\n\nNOTICE: THIS TRANSCRIPT WAS TYPED FROM A RECORDING\n\n"
        f"JH: Good morning, {FILLER}.\n\nMR: Hello, {FILLER}.\n\nJH: Thanks, {FILLER}.\n"
    )
    assert [n for n, _ in people(text)][-3:] == ["Jh", "Mr", "Jh"]
    assert not {"Transmission", "Repeat", "Producer", "Notice"} & set(names(text))
    # The cast list spells the initials out: the full names, with the part each plays.
    cast = text.replace(
        "PRODUCER:",
        "PRESENTER: Jane Hollis (JH)\n\nCONTRIBUTORS: Marcus Reid (MR), reporter\n\nPRODUCER:",
    )
    assert people(cast)[-3:] == [
        ("Jane Hollis", "presenter"),
        ("Marcus Reid", "reporter"),
        ("Jane Hollis", "presenter"),
    ]
    ru = (
        f"Председательствующий. Уважаемые коллеги, {FILLER}.\n\nРезультат: кворум есть\n\n"
        f"Иванов А. П., министр транспорта. Уважаемые коллеги, {FILLER}.\n\n"
        f"Председательствующий. Вопросы есть? {FILLER}.\n\n"
        f"Иванов А. П. Второй причал сдадим, {FILLER}.\n\n"
        f"Из зала. Это позор!\n\nПредседательствующий. Коллеги, {FILLER}.\n"
    )
    # … and a stenogram's "Из зала." is a voice from the floor, not the previous speaker's words.
    assert turns_of(ru)[4:] == [
        ("ANON Из зала", "Это позор!"),
        ("Председательствующий", f"Коллеги, {FILLER}."),
    ]
    assert "Результат" not in names(ru)


def test_a_stenogram_label_keeps_its_initials_and_a_long_role_with_commas():
    """ "Петрова А. С., председатель Комитета … хозяйству, фракция «ЕДИНАЯ РОССИЯ»." is
    Петрова А. С. with that role (not "Петрова А." saying "С., председатель …"); and
    "Гаврилова Е. М. Людмила Николаевна, прошу …: …" is Гаврилова addressing the chair."""
    role = (
        "председатель Комитета Государственной Думы по строительству и жилищно-коммунальному "
        "хозяйству, фракция «ЕДИНАЯ РОССИЯ»"
    )
    text = (
        f"Председательствующий. Слово Петровой Анне Сергеевне, {FILLER}.\n\n"
        f"Петрова А. С., {role}. Уважаемые коллеги, {FILLER}.\n\n"
        f"Гаврилова Е. М., фракция КПРФ. Уважаемая Анна Сергеевна, {FILLER}?\n\n"
        f"Петрова А. С. Спасибо за вопрос, {FILLER}.\n\n"
        "Гаврилова Е. М. Людмила Николаевна, прошу поставить на голосование поручение: "
        f"направить запрос, {FILLER}.\n"
    )
    assert people(text)[1] == ("Петрова А. С.", role)
    assert [n for n, _ in people(text)][1:] == [
        "Петрова А. С.",
        "Гаврилова Е. М.",
        "Петрова А. С.",
        "Гаврилова Е. М.",
    ]


ARGUMENT = """\
 1                        C O N T E N T S
 2   ORAL ARGUMENT OF:                                PAGE:
 3   DANA R. HOLLOWAY, ESQ.
 4        On behalf of the Petitioner                  3

                          Heritage Reporting Corporation

 1                       P R O C E E D I N G S
 2             CHIEF JUSTICE HARTWELL: We'll hear
 3   argument first this morning in Case 25-814. Ms. Holloway.
 4                 ORAL ARGUMENT OF DANA R. HOLLOWAY
 5                    ON BEHALF OF THE PETITIONER
 6             MS. HOLLOWAY: Mr. Chief Justice, and may
 7   it please the Court: the Authority litigated this case for 19 months.
 8             JUSTICE DELACROIX: So the cost of the
 9   eight days is -- is --
10             MS. HOLLOWAY: Nothing, Justice Delacroix. Nothing at all.
11             CHIEF JUSTICE HARTWELL: Thank you, counsel.
12   General. Mr. Kessler.
13             JUSTICE BRANNIGAN: Counsel, in

                          Heritage Reporting Corporation

 1   what sense is the notice rule a condition of the suit?
"""


def test_an_oral_argument_s_contents_and_sentences_are_no_labels_and_no_word_is_lost():
    """A Supreme Court transcript: "ORAL ARGUMENT OF:" in the contents and "General. Mr.
    Kessler." are no labels; the argument's heading gives the advocate's full name, margin
    number and all; an interrupted turn ("So the cost of the eight days is -- is --") and a
    label's first words before a page break ("Counsel, in") are kept, as fragments not searched
    by themselves."""
    registry = SpeakerRegistry()
    parsed = parse("d", ARGUMENT, "transcript", registry.publisher("G").id, registry)
    speakers = {registry.get(t.speaker_id).name for t in parsed.turns}
    assert speakers == {"G", "Hartwell", "Dana R. Holloway", "Delacroix", "Brannigan"}
    by_text = {p.text: p for p in parsed.passages}
    cut = next(p for t, p in by_text.items() if t.startswith("So the cost of the"))
    assert cut.text.endswith("is -- is --") and not cut.indexed
    assert registry.get(cut.speaker_id).name == "Delacroix"
    assert any(t.endswith("Counsel, in") for t in by_text)


def test_a_select_committee_s_numbered_questions_and_its_chair():
    """UK select committee evidence numbers each question ("Q2\tChair: …", "Q7 John Glen: …"):
    the number does not hide the label; "Chair" is the member the header lists as "(Chair)";
    "Witnesses: … gave evidence." is no speaker."""
    text = (
        "Treasury Committee\n\n"
        "Members present: Dame Harriett Baldwin (Chair); Rachel Blake; John Glen.\n\n"
        "Witnesses: Andrew Bailey and Sarah Breeden gave evidence.\n\n"
        f"Q1\tChair: Good morning, {FILLER}.\n\nAndrew Bailey: Good morning, {FILLER}.\n\n"
        f"Q2 John Glen: Governor, the gilt market, {FILLER}?\n\n"
        f"Sarah Breeden: May I take that, {FILLER}.\n\nRachel Blake: So you would not, {FILLER}?\n\n"
        f"Sarah Breeden: No, {FILLER}.\n\nQ3\tChair: Thank you, {FILLER}.\n"
    )
    assert [n for n, _ in people(text)] == [
        "G",  # the header: the publisher's
        "Harriett Baldwin",
        "Andrew Bailey",
        "John Glen",
        "Sarah Breeden",
        "Rachel Blake",
        "Sarah Breeden",
        "Harriett Baldwin",
    ]
    assert people(text)[1][1] == "Chair"


def test_an_office_label_is_the_holder_the_title_names():
    """ "THE PRESIDENT:" in "Remarks by President Halvorsen at …" is Halvorsen, President; an
    office the header gives two names for stays the office."""
    text = (
        "Remarks by President Halvorsen at Signing of H.R. 2417\nBriefings & Statements\n"
        "May 6, 2026\n\nEast Room\n\n"
        f"THE PRESIDENT: Thank you very much, {FILLER}.\n\nQ Will you sign it today?\n\n"
        f"THE PRESIDENT: Yes, {FILLER}.\n"
    )
    assert [p for p in people(text) if p[0] not in ("Q", "G")] == [("Halvorsen", "President")] * 2
    two = text.replace("East Room", "East Room, with President Okafor of Ghana")
    assert "The President" in names(two)


def test_a_title_on_the_first_line_over_a_section_and_a_date_is_the_title(tmp_path):
    from stenogram.retrieval.documents.corpus import infer_meta

    text = (
        "Remarks by President Halvorsen at Signing of H.R. 2417, the Rural Hospital Lifeline Act\n"
        "Briefings & Statements\nMay 6, 2026\n\nEast Room\n\n2:14 P.M. EDT\n\n"
        f"THE PRESIDENT: Thank you very much, {FILLER}.\n\nTHE PRESIDENT: Thanks, {FILLER}.\n"
    )
    assert infer_meta("remarks", text).title.startswith("Remarks by President Halvorsen at")


def test_an_abbreviated_office_and_a_sentence_opening_like_a_label():
    """ "SEC. HEGSETH:" is Pete Hegseth, Secretary of Defense, as the header introduces him;
    "On Alaska: as of this morning, …" inside the general's turn is his speech, no label."""
    text = (
        "Secretary of Defense Pete Hegseth; Chairman of the Joint Chiefs Gen. Dan Caine\n\n"
        f"SEC. HEGSETH: Good morning, {FILLER}.\n\nGEN. CAINE: Thank you, sir, {FILLER}.\n\n"
        f"On Alaska: as of this morning, 640 guardsmen are on duty, {FILLER}.\n\n"
        f"SEC. HEGSETH: Questions, {FILLER}.\n"
    )
    assert people(text) == [
        ("Pete Hegseth", "Secretary of Defense"),
        ("Dan Caine", "General"),  # "On Alaska: …" goes on in his turn
        ("Pete Hegseth", "Secretary of Defense"),
    ]
    assert classify("On Alaska") is None and classify("Under Secretary Nuland") is not None


def test_a_russian_record_labels_speakers_by_their_procedural_part():
    """ "Государственный обвинитель:" is a speaker (a part of two words), "Защитник Петров:" is
    Петров, Защитник; "Звонок телезрителя:" a caller nobody names; "Суд, совещаясь на месте,
    определил: …" the court's decision as recorded, nobody's speech."""
    text = (
        f"Судья: Слушается дело, {FILLER}.\n\n"
        f"Государственный обвинитель: Прошу огласить показания, {FILLER}.\n\n"
        f"Защитник Петров: Возражаю, {FILLER}.\n\n"
        "Суд, совещаясь на месте, определил: ходатайство удовлетворить.\n\n"
        f"Звонок телезрителя: Добрый день, {FILLER}?\n\n"
        f"Свидетель Смирнова: Я видела машину, {FILLER}.\n"
    )
    assert people(text) == [
        ("Судья", ""),
        ("Государственный обвинитель", ""),
        ("Петров", "Защитник"),
        ("G", "publisher"),
        ("Звонок телезрителя", "unnamed"),
        ("Смирнова", "Свидетель"),
    ]


def test_an_estimates_hearing_s_attendance_lists_and_chair():
    """An Australian estimates hearing: "CHAIR (Senator Grogan):" is Grogan, Chair; "Senators
    Bragg, Canavan, …" gives no given name "Senators"; "Mr Chris Jordan AO, Commissioner of
    Taxation" gives Jordan his full name and office past the honorific and the post-nominals."""
    text = (
        "Members in attendance: Senators Bragg, Canavan, Grogan\n\n"
        "Mr Chris Jordan AO, Commissioner of Taxation\n\n"
        f"CHAIR (Senator Grogan): I declare open this hearing, {FILLER}.\n\n"
        f"Senator BRAGG: Commissioner, the tax gap, {FILLER}?\n\n"
        f"Mr Jordan: It is 6.5 per cent, {FILLER}.\n\nSenator BRAGG: And next year, {FILLER}?\n\n"
        f"Mr Jordan: Lower, {FILLER}.\n"
    )
    got = people(text)
    assert got[-5:] == [
        ("Grogan", "CHAIR"),
        ("Bragg", "Senator"),
        ("Chris Jordan", "Commissioner of Taxation"),
        ("Bragg", "Senator"),
        ("Chris Jordan", "Commissioner of Taxation"),
    ]


def test_lords_offices_with_a_comma_and_the_first_minister_by_office():
    """Hansard (Lords): "The Minister of State, Department for Transport (Lord Hendy) (Lab)" is
    Hendy, the holder in the first bracket ("(Lord Kennedy of Southwark) (Lab Co-op)" is
    Kennedy, not "Lab Co-op"); a "Share" line is no speaker. FMQs: "First Minister John Swinney:"
    then "The First Minister:" is one person."""
    lords = (  # as copied from the page: a label on its line, the speech below, then "Share"
        f"Lord Smith of Finsbury (Lab)\nTo ask His Majesty's Government, {FILLER}.\nShare\n"
        "The Minister of State, Department for Transport (Lord Hendy) (Lab)\n"
        f"My Lords, {FILLER}.\nShare\nBaroness Kramer (LD)\nMy Lords, {FILLER}?\nShare\n"
        f"Lord Smith of Finsbury (Lab)\nMy Lords, {FILLER}?\nShare\n"
        f"Lord Hendy (Lab)\nMy Lords, {FILLER}.\nShare\nBaroness Kramer (LD)\nAnd, {FILLER}?\n"
    )
    assert [n for n, _ in people(lords)] == [
        "Smith of Finsbury",
        "Hendy",
        "Baroness Kramer",
        "Smith of Finsbury",
        "Hendy",
        "Baroness Kramer",
    ]
    captain = "The Captain of the King’s Bodyguard (Lord Kennedy of Southwark) (Lab Co-op)"
    assert classify(captain)[1:3] == ("Kennedy of Southwark", "The Captain of the King’s Bodyguard")
    fmqs = (
        f"**Douglas Ross (Scottish Conservatives):** The trolley waits, {FILLER}?\n\n"
        f"**First Minister John Swinney:** I apologise, {FILLER}.\n\n"
        f"**Ross:** Will he resign, {FILLER}?\n\n**The First Minister:** No, {FILLER}.\n"
    )
    assert [n for n, _ in people(fmqs)] == ["Douglas Ross", "John Swinney"] * 2


def test_a_speaker_takes_the_role_a_reporter_presents_them_with():
    """ "Patrick Westfall is an agricultural economist at Iowa State University in Ames, and …"
    before he speaks: that is his role, shown with his quotes; a speaker presented two ways gets
    neither."""
    text = (
        f"SARAH MCCAMMON: Economists expect it. Patrick Westfall is an agricultural economist at "
        f"Iowa State University in Ames, and he has run the numbers, {FILLER}.\n\n"
        f"PATRICK WESTFALL: Prices fell by a quarter, {FILLER}.\n\n"
        f"SARAH MCCAMMON: Thank you, {FILLER}.\n\nPATRICK WESTFALL: Thanks, {FILLER}.\n"
    )
    assert people(text)[1] == (
        "Patrick Westfall",
        "agricultural economist at Iowa State University in Ames",
    )
    two = text.replace("and he has run", "Patrick Westfall was a farmer in Iowa, and he has run")
    assert people(two)[1] == ("Patrick Westfall", "")


COMMONS = f"""\
House of Commons Debates

Speaker: The Honourable Ann Lee

The House met at 2 p.m.

Housing

Hon. Tom Reed (Carleton, CPC): Mr. Speaker, rents are up again, {FILLER}.

Right Hon. Mia Holt (Prime Minister, Lib.): Mr. Speaker, we build homes, {FILLER}.

Some hon. members: Hear, hear!

The Speaker: Order. The hon. member for Carleton has the floor.

Housing

Hon. Tom Reed: Mr. Speaker, the housing plan builds nothing, {FILLER}.

An hon. member: It is about time.

Right Hon. Mia Holt: Mr. Speaker, the housing plan builds homes, {FILLER}.

Hon. Sam Vik (Minister of Finance, Lib.): Mr. Speaker, the budget pays for it, {FILLER}.
"""


def test_a_parliaments_report_names_its_speaker_in_a_header_field_and_calls_out_together():
    """ "Speaker: The Honourable Ann Lee" is a header field: "The Speaker:" is Ann Lee. "Some
    hon. members" call out together (a voice, not the last speaker's words); "Right Hon." is an
    honorific; a topic heading that recurs ("Housing") is no speaker in a labelled report."""
    got = turns_of(COMMONS)
    assert [n for n, _ in got] == [
        "PUBLISHER",
        "Tom Reed",
        "Mia Holt",
        "ANON Some hon. members",
        "Ann Lee",
        "Tom Reed",
        "ANON An hon. member",
        "Mia Holt",
        "Sam Vik",
    ]
    assert got[0][1] == "The House met at 2 p.m."  # the field's line is nobody's speech
    assert people(COMMONS)[4] == ("Ann Lee", "Speaker")


def test_a_moderator_named_in_a_header_field_is_that_person_but_not_when_calling_on_someone():
    text = (
        "Budget hearing\n\nModerator: Jane Doe\n\n"
        f"MODERATOR: Welcome to the hearing, {FILLER}.\n\nTOM REED: Thank you, {FILLER}.\n\n"
        f"MODERATOR: Go ahead then, {FILLER}.\n"
    )
    assert [n for n, _ in turns_of(text)] == ["Jane Doe", "Tom Reed", "Jane Doe"]
    # A moderator calling on a reporter by name after speaking is a turn, not a field.
    calls = (
        f"Budget hearing\n\nMODERATOR: Welcome to the hearing, {FILLER}.\n\n"
        "MODERATOR: Derek Voss\n\n"
        f"DEREK VOSS: Thank you, {FILLER}.\n"
    )
    assert [n for n, _ in turns_of(calls)] == ["Moderator", "Moderator", "Derek Voss"]


def test_irish_offices_and_surnames_and_an_office_with_a_comma():
    """ "An Ceann Comhairle" is an office ("an" is Irish for "the"), "Ó Laoire" a surname, and
    "Minister for Housing, Local Government and Heritage (Deputy Declan Fahy)" the office of the
    person in brackets; "Next Debate:" is a page's link, not a speaker."""
    text = (
        f"Leaders' Questions\n\nDeputy Donncha Ó Laoire: Rents are rising, {FILLER}.\n\n"
        f"An Ceann Comhairle: Thank you, Deputy, {FILLER}.\n\n"
        "Minister for Housing, Local Government and Heritage (Deputy Declan Fahy): It is true, "
        f"{FILLER}.\n\nDeputy Donncha Ó Laoire: It is not, {FILLER}.\n\n"
        f"An Ceann Comhairle: Order, {FILLER}.\n\n"
        "Next Debate: Questions on Promised Legislation\n"
    )
    assert people(text) == [
        ("Donncha Ó Laoire", "Deputy"),
        ("An Ceann Comhairle", ""),
        ("Declan Fahy", "Minister for Housing, Local Government and Heritage"),
        ("Donncha Ó Laoire", "Deputy"),
        ("An Ceann Comhairle", ""),
    ]


def test_a_web_pages_chrome_copied_with_its_text_is_no_title():
    from stenogram.retrieval.documents.corpus import infer_meta

    text = (
        "Skip to main content\nPrint this page\n\nDáil Éireann debate - Wednesday, 12 Mar 2025\n\n"
        f"Deputy Ann Lee: Rents are rising, {FILLER}.\n\nThe Taoiseach: They are not, {FILLER}.\n"
    )
    assert infer_meta("debate", text).title == "Dáil Éireann debate - Wednesday, 12 Mar 2025"


def test_a_russian_briefings_answers_are_the_official_its_title_names():
    """ "Ответ:" is the official the title names in the genitive ("… Е.П.Вершининой"), put in the
    nominative; a paragraph opening with a figure under a heading is text, not the header."""
    text = (
        "Брифинг официального представителя МИД России Е.П.Вершининой, Москва, 12 марта\n\n"
        "Об участии Министра в заседании\n\n"
        "4 апреля в Душанбе Министр примет участие в заседании Совета министров.\n\n"
        "Вопрос: Как Москва ответит на новые санкции Евросоюза?\n\n"
        "Ответ: Ответные меры будут, список уже расширен.\n\n"
        "Вопрос: Когда следующий раунд консультаций в Стамбуле?\n\n"
        "Ответ: Дата пока не согласована, мы ждём ответа.\n"
    )
    got = turns_of(text)
    assert [n for n, _ in got] == [
        "PUBLISHER",
        "ANON Вопрос",
        "Е.П.Вершинина",
        "ANON Вопрос",
        "Е.П.Вершинина",
    ]
    assert got[0][1].startswith("4 апреля в Душанбе")


def test_a_numbered_question_to_a_minister_is_the_member_asking():
    """New Zealand's Hansard: "2. HAYDEN McCRORIE (National—Rangitīkei) to the Minister of
    Finance:" is McCrorie asking; "Hon"/"Rt Hon" without a full stop are honorifics."""
    text = (
        "Questions for Oral Answer\n\n"
        "1. Rt Hon MATIU HALLORAN (Leader of the Opposition) to the Prime Minister: Does he "
        f"stand by his statements, {FILLER}?\n\n"
        f"Rt Hon CALLUM PRENDERGAST (Prime Minister): Yes, {FILLER}.\n\n"
        "2. HAYDEN McCRORIE (National—Rangitīkei) to the Minister of Finance: What reports has "
        f"she seen, {FILLER}?\n\n"
        f"Hon ROSALIND ASHCROFT (Minister of Finance): Several, {FILLER}.\n\n"
        f"Rt Hon Matiu Halloran: Supplementary question, {FILLER}?\n"
    )
    assert people(text) == [
        ("Matiu Halloran", "Leader of the Opposition"),
        ("Callum Prendergast", "Prime Minister"),
        ("Hayden McCrorie", "National—Rangitīkei"),
        ("Rosalind Ashcroft", "Minister of Finance"),
        ("Matiu Halloran", "Leader of the Opposition"),
    ]


def test_an_office_and_surname_label_takes_the_full_name_the_cover_lists():
    """ "CHAIR WHITCOMB:" is the "Senator Patricia Whitcomb, Chair" of the cover's members list;
    two members printed on one line keep their own offices; a contents line's dot leaders and a
    degree are no role."""
    text = (
        "JOINT COMMITTEE ON ENERGY\n\nMEMBERS OF COMMITTEE PRESENT:\n\n"
        "Senator Patricia Whitcomb, Chair\n\nSenator Ruben Alvarez Representative Linh Nguyen\n\n"
        "WITNESSES:\n\nFunmilayo Oyelaran, Ph.D. . . . . . . . . 5\n\n"
        f"CHAIR WHITCOMB: Good morning, {FILLER}.\n\n"
        f"SENATOR ALVAREZ: Thank you, {FILLER}.\n\n"
        f"REPRESENTATIVE NGUYEN: Thank you, {FILLER}.\n\n"
        f"DR. OYELARAN: Thank you, {FILLER}.\n\n"
        f"CHAIR WHITCOMB: Thank you all, {FILLER}.\n"
    )
    assert people(text) == [
        ("Patricia Whitcomb", "Chair"),
        ("Ruben Alvarez", "Senator"),
        ("Linh Nguyen", "Representative"),
        ("Funmilayo Oyelaran", ""),  # "Ph.D." is a degree, "Dr." a courtesy: no office
        ("Patricia Whitcomb", "Chair"),
    ]


UN_BRIEFING = f"""\
Daily Press Briefing by the Office of the Spokesperson

The following is a near-verbatim transcript of today's noon briefing by Ana Ferro, Spokeswoman
for the Secretary-General.

Good afternoon. Our colleagues tell us that 34 trucks reached Tawila on Monday with food.

We also welcome the pledge of $40 million for the cholera response in Darfur.

The Secretary-General will travel to Maputo on Friday for the climate forum.

Question: Thank you, Ana. Lena Vaughan, Radio Meridian. What blocks the convoy to El Fasher?

Spokesperson: The fighting blocks it, {FILLER}.

Question: And the cholera figures, are they going up?

Spokesperson: They are going down slowly, {FILLER}.

Correspondent: That is not really an answer.

Spokesperson: It is the one I have, {FILLER}.

Correspondent: Then we will ask again tomorrow.
"""


def test_a_briefings_spokesperson_is_the_one_its_opening_names_and_speaks_first():
    """ "Spokesperson:" is the "Ana Ferro, Spokeswoman for …" the opening names; a reporter who
    names herself and her outlet asks as herself; the unlabelled announcements before the
    questions, in the first person, are the spokesperson's; "Correspondent:" is a voice."""
    got = turns_of(UN_BRIEFING)
    assert [n for n, _ in got] == [
        "PUBLISHER",  # the note on the record ("The following is a near-verbatim …")
        "Ana Ferro",
        "Lena Vaughan",
        "Ana Ferro",
        "ANON Question",
        "Ana Ferro",
        "ANON Correspondent",
        "Ana Ferro",
        "ANON Correspondent",
    ]
    assert got[1][1].startswith("Good afternoon.")
    assert people(UN_BRIEFING)[2] == ("Lena Vaughan", "Radio Meridian")


def test_narration_before_the_questions_and_one_journalists_lead_stay_the_publishers():
    """A report's narration ("The minister answered …", no first person) stays the
    publisher's; so does the lead of an interview one named journalist conducts."""
    narrated = UN_BRIEFING.replace("Our colleagues tell us that", "Officials said").replace(
        "We also welcome", "The UN welcomed"
    )
    assert turns_of(narrated)[0][0] == "PUBLISHER"
    interview = (
        "Interview\n\nWe met the mayor in her office on Monday. We talked about buses "
        "and trams.\n\nOur photographer took pictures of the new depot in the harbour.\n\n"
        f"TOM REED: Why are the buses late, {FILLER}?\n\nANNA HOLT: Because of the works, "
        f"{FILLER}.\n\nTOM REED: And the ferry?\n\nANNA HOLT: It runs on time, {FILLER}.\n"
    )
    assert turns_of(interview)[0][0] == "PUBLISHER"


def test_a_press_conferences_title_line_and_a_coach_named_by_the_moderator():
    """The first line in capitals, "NCAA …: SECOND ROUND", is the title, not a label; "COACH
    WHITAKER:" is the "head coach Dale Whitaker" the moderator introduces."""
    from stenogram.retrieval.documents.corpus import infer_meta

    text = (
        "NCAA MEN'S BASKETBALL CHAMPIONSHIP: SECOND ROUND\n\nMarch 24, 2024\n\n"
        "THE MODERATOR: We're joined by Ridgeview State head coach Dale Whitaker. Coach, an "
        f"opening statement.\n\nCOACH WHITAKER: Credit to Lakeshore, {FILLER}.\n\n"
        f"Q. Coach, what changed at halftime, {FILLER}?\n\n"
        f"COACH WHITAKER: We switched everything, {FILLER}.\n"
    )
    assert infer_meta("presser", text).title == "NCAA MEN'S BASKETBALL CHAMPIONSHIP: SECOND ROUND"
    assert ("Dale Whitaker", "Coach") in people(text)


def test_a_podcast_pages_names_with_a_time_and_no_colon_are_labels():
    """ "Owen Taggart (00:12:34) Minus forty-eight …", as a podcast page prints its turns."""
    text = (
        "Deep Field Podcast #214\n\n"
        f"Owen Taggart (00:00:05) Welcome back to the show, {FILLER}.\n\n"
        f"Ingrid Halvorsen (00:00:41) Thanks for having me, {FILLER}.\n\n"
        f"Owen Taggart (00:12:34) Minus forty-eight. And you were handling the cores, {FILLER}?\n\n"
        f"Ingrid Halvorsen (00:12:40) With gloves, always, {FILLER}.\n"
    )
    assert names(text) == ["Owen Taggart", "Ingrid Halvorsen", "Owen Taggart", "Ingrid Halvorsen"]


def test_a_hearings_counsel_callers_presenter_and_city_manager():
    """ "MR OKONJO (for the Prosecution):" keeps whom he appears for; "Tel No:" and "WARNING:"
    are header fields; after "(The hearing concluded)" the transcriber's certificate is no one's
    speech; "CITY MANAGER BRENNAN:" is the "Thomas Brennan, City Manager" the header lists."""
    text = (
        "IN THE CROWN COURT AT LEICESTER\n\nTel No: 020 7946 0318\n\n"
        "WARNING: Reporting restrictions may apply to the contents of this transcript.\n\n"
        "Officials present: Thomas Brennan, City Manager\n\n"
        f"JUDGE HARTLEY: Yes, Mr Okonjo, {FILLER}.\n\n"
        f"MR OKONJO (for the Prosecution): Your Honour, the facts are these, {FILLER}.\n\n"
        f"CITY MANAGER BRENNAN: The budget for the courts, {FILLER}.\n\n"
        f"CITY MANAGER BRENNAN: And for the cells, {FILLER}.\n\n"
        f"JUDGE HARTLEY: Thank you, {FILLER}.\n\n(The hearing concluded)\n\n"
        "We hereby certify that the above is an accurate record of the proceedings.\n"
    )
    got = people(text)
    assert ("Okonjo", "for the Prosecution") in got
    assert ("Thomas Brennan", "City Manager") in got
    assert not any(n in ("Tel No", "Warning") for n, _ in got)
    assert turns_of(text)[-1] == (
        "PUBLISHER",
        "We hereby certify that the above is an accurate record of the proceedings.",
    )


def test_a_day_first_date_with_dots_or_slashes_is_the_documents_date():
    from stenogram.retrieval.documents.corpus import infer_meta

    for written in ("14/10/2025", "12.03.2025"):
        text = f"Midday briefing\n\nDate: {written}\n\nAnna Lee: We begin, {FILLER}.\n"
        assert infer_meta("briefing", text).date == written
    assert infer_meta("v", f"Release notes\n\nVersion 2.10.2025x\n\n{FILLER}.\n").date == ""


CART = """\
CITY COUNCIL REGULAR MEETING
>> MAYOR: THE MEETING WILL COME TO
ORDER. CLERK, PLEASE CALL THE ROLL.
>> CLERK: COUNCILMEMBER ORTIZ.
>> HERE.
>> MAYOR: PUBLIC COMMENT. NEXT
SPEAKER PLEASE.
>> GOOD EVENING. MY NAME IS DOLORES
FINCH. I LIVE ON GRAVEL STREET AND
THE POTHOLES ARE TERRIBLE.
>> MAYOR: THANK YOU, MS. FINCH. ITEM
7 IS THE PAVING CONTRACT. MS. SZABO.
>> THANK YOU, MAYOR. WE ARE ASKING
COUNCIL TO AWARD THE CONTRACT.
>> COUNCILMEMBER ORTIZ: HOW MANY
BIDS DID WE GET?
>> FIVE BIDS. JANET SZABO, PUBLIC
WORKS, FOR THE RECORD.
"""


def test_bare_caption_changes_are_voices_of_their_own():
    """ ">>" with no name is a new voice: not the last named speaker's words. Its own words
    may name it ("MY NAME IS DOLORES FINCH"), or the turn before may call it ("… MS. SZABO.",
    the full name the document gives that surname)."""
    assert names(CART) == [
        "Mayor",
        "Clerk",
        "ANON Unidentified speaker",
        "Mayor",
        "Dolores Finch",
        "Mayor",
        "Janet Szabo",
        "Councilmember Ortiz",
        "ANON Unidentified speaker",
    ]


def test_one_or_two_chevrons_are_no_captions():
    text = "Jane Lee: As he wrote to me:\n>> the harbour will close\n>> in May.\nJane Lee: Yes.\n"
    assert "ANON Unidentified speaker" not in names(text)


LOK_SABHA = """\
HON. SPEAKER: Item No. 2 - Shrimati Kavita Raghavan.

*m01 THE MINISTER OF FINANCE (SHRIMATI KAVITA RAGHAVAN): Sir, I beg to lay on the Table the
annual report of the Infrastructure Finance Corporation.
*m01 SHRI RAJESH KUMAR (PATNA SAHIB): Sir, a country boat carrying 31 passengers capsized.
HON. SPEAKER: The hon. Minister of Parliamentary Affairs.
*m01 THE MINISTER OF PARLIAMENTARY AFFAIRS AND MINISTER OF MINORITY AFFAIRS (SHRI HARISH CHANDRA
GOYAL): Hon. Speaker, Sir, the Government is ready to discuss the floods.
SHRI HARISH CHANDRA GOYAL: Sir, the Government has nothing to hide.
"""


def test_an_uncorrected_lok_sabha_debate():
    """The "*m01" marker before a member's label, Indian honorifics, a minister's label wrapped
    inside its brackets, a name of three words with no office before it, offices and seats in
    capitals written as running text writes them."""
    assert people(LOK_SABHA) == [
        ("Hon. Speaker", "unnamed"),
        ("Kavita Raghavan", "The Minister of Finance"),
        ("Rajesh Kumar", "Patna Sahib"),
        ("Hon. Speaker", "unnamed"),
        (
            "Harish Chandra Goyal",
            "The Minister of Parliamentary Affairs and Minister of Minority Affairs",
        ),
        (
            "Harish Chandra Goyal",
            "The Minister of Parliamentary Affairs and Minister of Minority Affairs",
        ),
    ]
    speech = [t for _, t in turns_of(LOK_SABHA)]
    assert speech[4].startswith("Hon. Speaker, Sir, the Government is ready")


def test_a_given_name_left_in_the_office_joins_the_name():
    text = (
        "President of the Republic of Turkey Recep Tayyip Erdogan: Thank you.\n\n"
        "Vladimir Putin: Go ahead.\n\n"
        "Recep Tayyip Erdogan: We agreed on the corridor.\n"
    )
    assert people(text)[0] == ("Recep Tayyip Erdogan", "President of the Republic of Turkey")
    assert people(text)[2] == ("Recep Tayyip Erdogan", "President of the Republic of Turkey")


def test_the_presiding_officer_is_named_by_the_cover_and_a_call_is_no_label():
    """ "President Halvorsen presiding" names "The PRESIDENT:"; the President's "… I now give
    the floor to" / "Professor Ingrid Haugland. You have the floor" calls her: one sentence of
    a shape no label of the record has, not a label."""
    text = (
        "Public sitting held on Monday 9 March 2026, at the Peace Palace,\n"
        "President Halvorsen presiding,\n\n"
        "The PRESIDENT: Please be seated. I now give the floor to\n"
        "Professor Ingrid Haugland. You have the floor, Madam.\n\n"
        "Ms HAUGLAND: Madam President, the Treaty did not lapse.\n\n"
        "The PRESIDENT: I thank Professor Haugland.\n\n"
        "Ms HAUGLAND: Thank you, Madam President.\n"
    )
    got = [(n, r) for n, r in people(text) if n != "G"]
    assert got == [
        ("Halvorsen", "The President"),
        ("Ingrid Haugland", ""),
        ("Halvorsen", "The President"),
        ("Ingrid Haugland", ""),
    ]


def test_a_speaker_labelled_by_given_name_takes_the_full_name_the_show_gives():
    text = (
        "JESS: Welcome to Cold Storage, I'm Jess Okafor.\n\n"
        "MARCUS: And I'm Marcus Delaney. Our guest today is Dr. Ruth\nAbernathy.\n\n"
        "RUTH: Thanks for having me.\n\n"
        "HOST: And the ice business went under in 1909.\n\n"
        "JESS: Ruth, what happened to the cutters?\n"
    )
    assert names(text) == [
        "Jess Okafor",
        "Marcus Delaney",
        "Ruth Abernathy",
        "Host",
        "Jess Okafor",
    ]


def test_a_header_field_names_a_holder_who_speaks_under_their_own_name():
    text = (
        "The Second Presidential Debate\n\n"
        "MODERATOR: Joan Hartley, WBRN News\n\n"
        "HARTLEY: Good evening and welcome to the second debate.\n\n"
        "GOVERNOR DALTON: Thank you, Joan, it is good to be here tonight.\n\n"
        "HARTLEY: The first question is about jobs in the valley.\n"
    )
    # The field is no turn; "HARTLEY:" is the moderator it names.
    assert people(text) == [
        ("Joan Hartley", "Moderator"),
        ("Dalton", "Governor"),
        ("Joan Hartley", "Moderator"),
    ]


def test_a_voice_from_the_floor_that_says_its_name_is_that_person():
    text = (
        "MODERATOR: We go to the audience now.\n\n"
        "AUDIENCE QUESTION: Hi. My name is Linda Farrow. What will you do about nurses' pay?\n\n"
        "MODERATOR: Thank you, Linda. Governor?\n\n"
        "AUDIENCE QUESTION: I want to know about the plant closing in Dayton.\n"
    )
    assert people(text) == [
        ("Moderator", ""),
        ("Linda Farrow", "audience"),
        ("Moderator", ""),
        ("Audience Question", "unnamed"),
    ]


GPO_HEARING = """\
The Select Committee met at 10:05 a.m., Senator Aldous W.
Holloway (chairman), presiding.
Also present: Martin G. Trask, chief counsel.
TESTIMONY OF FRANCIS X. KELLAND, FORMER DEPUTY ADMINISTRATOR, MARITIME
  FACILITIES ADMINISTRATION, ACCOMPANIED BY GIDEON SHRAKE, COUNSEL
The CHAIRMAN. The committee will come to order. Mr. Trask.
Mr. TRASK. Mr. Kelland, the memorandum is marked as an exhibit.

              [Exhibit No. 34-6 follows:]

April 9, 1971. Memorandum for the Administrator on the dredging award.

Senator BRANNOCK. Did he mention a dollar figure to you that day?
Mr. KELLAND. He did not use any names, Senator.
Senator BRANNOCK, Did he mention a dollar figure later?
Mr. KELLAND. No, Senator, he did not.
The CHAIRMAN. The committee stands in recess.
"""


def test_a_printed_hearing_s_chair_witness_exhibit_and_an_ocr_comma():
    """ "Senator … Holloway (chairman), presiding" names "The CHAIRMAN."; the witness's office
    ends before who accompanies him; an exhibit put in the record is nobody's speech; a label
    OCR wrote with a comma ("Senator BRANNOCK, Did …") is the label the document uses."""
    kelland = (
        "Francis X. Kelland",
        "Former Deputy Administrator, Maritime Facilities Administration",
    )
    chair = ("Aldous W. Holloway", "The Chairman")
    assert people(GPO_HEARING) == [
        ("G", "publisher"),
        chair,
        ("Martin G. Trask", ""),
        ("G", "publisher"),
        ("Brannock", "Senator"),
        kelland,
        ("Brannock", "Senator"),
        kelland,
        chair,
    ]


def test_a_un_record_s_cover_names_the_president_and_its_roll_is_nobody():
    """The cover's "President: Mr. Kjeldgaard . . . (Denmark)" names "The President:"; its
    "Members: Algeria …" roll is no voice; "Mr. de la Fuente Ramírez" is named without his
    "Mr."; a delegate's surname is not joined to the country that follows it in a sentence."""
    text = (
        "President: Mr. Kjeldgaard . . . . . . . . . . . . (Denmark)\n\n"
        "Members: Algeria . . . . . . . . Mr. Benmalek China . . . . . . . . Mr. Geng\n\n"
        "The President: I now give the floor to the representative of Panama.\n\n"
        "Mr. de la Fuente Ramírez (Panama): Panama supports the mission.\n\n"
        "The President: I give the floor to Mr. Nebenzia.\n\n"
        "Mr. Nebenzia (Russian Federation): I thank Mr. Nebenzia United States colleagues.\n"
    )
    got = [p for p in people(text) if p[1] != "publisher"]
    assert got == [
        ("Kjeldgaard", "The President"),
        ("de la Fuente Ramírez", "Panama"),
        ("Kjeldgaard", "The President"),
        ("Nebenzia", "Russian Federation"),
    ]


WESTMINSTER_HALL = """\
Bus Services: Nottinghamshire
Volume 741: debated on Tuesday 14 November 2023
Westminster Hall
2.30 pm
[Sir Edward Leigh in the Chair]
Helen Marsh
(Ashfield) (Lab)
I beg to move,
That this House has considered bus services in Nottinghamshire, where 23 routes were cut.
Mark Fenwick
(Sherwood) (Con)
Will the hon. Member give way?
Helen Marsh
(Ashfield) (Lab)
I will give way.
Mark Fenwick
(Sherwood) (Con)
Will the hon. Member give way on the question of the fare cap and the routes it has kept?
Helen Marsh
(Ashfield) (Lab)
I will give way, briefly, because the fare cap is the right answer to a different question.
Sir Edward Leigh (in the Chair)
Order. I intend to call the Front-Bench spokespeople at 3.28 pm, so Members should be brief.
Mark Fenwick
(Sherwood) (Con)
The on-demand scheme costs about £9 a passenger journey in subsidy, against roughly £3 a trip.
Sir Edward Leigh (in the Chair)
I call the Minister, who will reply to the debate on the buses of Nottinghamshire.
"""


def test_hansard_copied_from_its_web_page_name_over_seat_and_party():
    """hansard.parliament.uk copied as text: a member's name alone on a line, "(Ashfield)
    (Lab)" on the next, the speech below; the chair "Sir Edward Leigh (in the Chair)"."""
    marsh, fenwick, chair = (
        ("Helen Marsh", "Ashfield, Lab"),
        ("Mark Fenwick", "Sherwood, Con"),
        ("Edward Leigh", ""),
    )
    # The opening speech too, though its first line is short ("I beg to move,").
    assert people(WESTMINSTER_HALL) == [
        marsh,
        fenwick,
        marsh,
        fenwick,
        marsh,
        chair,
        fenwick,
        chair,
    ]
    for _, first in turns_of(WESTMINSTER_HALL):
        assert "(Ashfield)" not in first and "(Sherwood)" not in first


NY_COURT = """\
SUPREME COURT OF THE STATE OF NEW YORK
COUNTY OF KINGS : CRIMINAL TERM : PART 22

B E F O R E :

          HONORABLE ANGELA T. RUSSO,
          Justice of the Supreme Court, and a Jury.

A P P E A R A N C E S :

          LUCIA ORTEGA, ESQ., Assistant District Attorney

THE CLERK: Case on trial, People versus Raymond Kessler. Both sides ready?

MS. ORTEGA: Ready for the People, your Honor. The People call Jorge Mendez.

J O R G E   M E N D E Z, called as a witness on behalf of the People, having been first duly
sworn, testified as follows:

THE COURT: Please state your name for the record and spell your last name.

THE WITNESS: Jorge Mendez, M-E-N-D-E-Z.

MS. ORTEGA: Thank you. Where do you work, Mr. Mendez?

THE WITNESS: At the Atlantic Avenue warehouse, as a night security guard.

THE COURT: Go ahead, counsel.
"""


def test_a_court_s_caption_letter_spaced_headings_and_witness():
    """A New York court's caption ("COUNTY OF KINGS : CRIMINAL TERM : PART 22") and its
    letter-spaced headings ("B E F O R E :", "A P P E A R A N C E S :") are nobody's label
    ("A P P …" is no answer "A"); the judge and the letter-spaced witness take their names."""
    got = [p for p in people(NY_COURT) if p[1] != "publisher"]
    assert got == [
        ("The Clerk", ""),
        ("Ortega", ""),
        ("Angela T. Russo", "The Court, Justice of the Supreme Court"),
        ("Jorge Mendez", "witness"),
        ("Ortega", ""),
        ("Jorge Mendez", "witness"),
        ("Angela T. Russo", "The Court, Justice of the Supreme Court"),
    ]


def test_a_russian_act_s_headings_and_fields_are_nobody():
    text = (
        "Дата подписания: 14.04.2025\nОпубликован: 15.04.2025\n\nУКАЗ\n\n"
        "ПРЕЗИДЕНТА РОССИЙСКОЙ ФЕДЕРАЦИИ\n\nО награждении государственными наградами\n\n"
        "За заслуги в развитии судостроения и многолетнюю добросовестную работу наградить:\n\n"
        "ОРДЕНОМ ПОЧЕТА\n\n"
        "ГАЙНУТДИНОВА Рината Маратовича – капитана рыболовного траулера, Мурманская область\n\n"
        "ОРДЕНОМ ДРУЖБЫ\n\n"
        "ЗАЙЦЕВУ Ларису Геннадьевну – художественного руководителя хора, Республика Карелия.\n\n"
        "Опубликован: 16.04.2025\n\nУКАЗ\n\nПРЕЗИДЕНТА РОССИЙСКОЙ ФЕДЕРАЦИИ\n\n"
        "О мерах поддержки медицинских работников в сельской местности и малых городах\n\n"
        "ПРЕЗИДЕНТА РОССИЙСКОЙ ФЕДЕРАЦИИ\n\nНастоящий Указ вступает в силу с 1 сентября 2025 г.\n"
    )
    assert {name for name, _ in people(text)} == {"G"}


def test_a_reporter_naming_an_outlet_of_several_words_is_that_reporter():
    text = (
        "Dmitry Peskov: Colleagues, two questions from each side, please.\n\n"
        "Question: Good afternoon, Dana Zhaksylykova, Khabar 24 TV channel. When will the "
        "bridge open?\n\n"
        "Vladimir Putin: Next year, as planned.\n\n"
        "Question: Ainur Bekova, Kazinform news agency. A question for both presidents.\n\n"
        "Dmitry Peskov: That was the last one.\n"
    )
    assert people(text)[1] == ("Dana Zhaksylykova", "Khabar 24 TV channel")
    assert people(text)[3] == ("Ainur Bekova", "Kazinform news agency")


def test_a_list_of_guests_is_no_speaker():
    text = (
        "Гости:\nАндрей Жуков, председатель ассоциации садоводов\n"
        "Марина Ткаченко, экономист\n\n"
        "Ольга Белова, ведущая: Добрый вечер! В эфире «Тема дня».\n\n"
        "Андрей Жуков: Добрый вечер, спасибо за приглашение в студию.\n\n"
        "Гость: Да, и это парадокс, о котором все молчат.\n\n"
        "Ольга Белова, ведущая: Спасибо, продолжим после рекламы.\n"
    )
    assert "Гости" not in {name for name, _ in people(text)}


UN_PLENARY = """\
President: Ms. Rautio . . . . . . . . . . . . . . . . . . . . . (Finland)

The meeting was called to order at 10 a.m.

The President: I give the floor to the representative of the Netherlands.

Mr. Achterberg (Netherlands): We thank the facilitators for the draft resolution on water.

Mr. Osei (Ghana), Vice-President, took the Chair.

The Acting President: I give the floor to the representative of Bolivia.

Mr. Quispe Mamani (Plurinational State of Bolivia)
(spoke in Spanish): My delegation thanks the facilitators for their transparent work.

The Acting President: The Assembly will now take a decision on draft resolution A/80/L.9.

Draft resolution A/80/L.9, as orally revised, was
adopted (resolution 80/14).

The meeting rose at 11.50 a.m.
"""


def test_a_un_plenary_record_s_narration_acting_president_and_wrapped_label():
    """A UN record's narration ("… took the Chair.", "… was adopted …", "The meeting rose …")
    is the record's, not the last speaker's; "The Acting President:" is the vice-president who
    took the chair; a delegate's label wrapped before "(spoke in Spanish):" is one label."""
    assert people(UN_PLENARY) == [
        ("G", "publisher"),
        ("Rautio", "The President"),
        ("Achterberg", "Netherlands"),
        ("G", "publisher"),
        ("Osei", "The Acting President"),
        ("Quispe Mamani", "Plurinational State of Bolivia"),
        ("Osei", "The Acting President"),
        ("G", "publisher"),
    ]


def test_a_note_that_the_committee_recessed_wrapped_over_lines_ends_the_turn():
    text = (
        "Chairman DUNSTAN. The committees will stand in recess until 2 p.m. this afternoon.\n\n"
        "  [Whereupon, at 12:34 p.m., the committees recessed, to recon-\n"
        "vene at 2 p.m., the same day.]\n\n"
        "AFTERNOON SESSION\n\n"
        "Chairman DUNSTAN. The committees will come to order. Mr. Kessler, you may proceed.\n\n"
        "Mr. KESSLER. Thank you, Mr. Chairman. Admiral, when did you first see the memo?\n"
    )
    got = turns_of(text)
    assert got[1][0] == "PUBLISHER" and got[1][1].startswith("[Whereupon")
