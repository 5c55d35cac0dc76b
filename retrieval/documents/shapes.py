"""The shapes of speaker labels: what a line opening like a label says (who, role, kind, form).

`classify` reads the text before the colon; `candidate` reads a whole line (time stamp, bold,
colon, semicolon, full stop, Q/A marker). Whether a candidate is accepted is decided per document
in labels.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Span
from .speakers import CONNECTORS, TITLE_WORDS

# Lower-case particles inside names: "Ursula von der Leyen", "Ebtesam al-Ketbi".
PARTICLES = CONNECTORS | frozenset("bin ibn ben dos das du zu ter hon".split())
# Honorifics written before a name; "Mr. NORTH" is North.
HONORIFICS = frozenset(
    """mr mrs ms miss dr sir dame lord lady professor senator representative governor judge
    honourable honorable hon
    justice chairman chairwoman admiral general colonel ambassador father mme mlle господин
    госпожа shri shrimati smt sushri kumari""".split()
)
# Abbreviations that are honorifics only with their full stop: "Sen. Warren", not "Sen Warren".
ABBREVIATED = frozenset("prof sen rep gov gen col hon rev lt capt sgt sec adm amb maj".split())


def is_honorific(word: str) -> bool:
    """ "Mr", "MR.", "Senator", "Sen." — a title written before a name."""
    bare = word.rstrip(".").lower()
    return bare in HONORIFICS or (word.endswith(".") and bare in ABBREVIATED)


# Labels that stand for a voice nobody names: turns, but not named speakers.
ANONYMOUS_WORDS = frozenset(
    """q question questions remark voice voices reporter reporters journalist journalists audience
    member members participant participants several hon unidentified unknown male female man
    woman speaker crowd interpreter off mic correspondent caller listener viewer resident
    вопрос реплика голос журналист журналистка
    корреспондент""".split()
)
# First words of labels that are not speech: descriptions, breaks, notes, captions.
NONSPEECH_WORDS = frozenset(
    """audio video description break note notes photo photograph caption source sources editor
    music sponsor advertisement ad commercial transcript recess update updated date time
    location subject title tags topics related copyright disclaimer correction end
    appearances appearing present absent attendance attendees also for contents prepared
    questions participants call remarks transmission repeat producer producers notice
    contributors keywords summary speakers dear witnesses share next previous tel telephone
    phone fax email e-mail website warning interpretation captioning результат результаты
    поделиться опубликован опубликовано опубликована дата страница текст источник guests
    panelists panellists гости участники""".split()
)
_EXAMINATION = re.compile(
    r"^(?:(?:continued|further)\s+)?(?:direct|cross|redirect|recross|re-direct|re-cross)"
    r"[- ]?examination\b(?:.*?\bby\s+(?P<who>[^:]+?))?[\s:.]*$"
    # A deposition's "BY MR. HALVORSEN:": who asks the questions from here on.
    r"|^by\s+(?P<by>(?:mr|ms|mrs|miss|dr)\.?\s+[^:]+?)[\s:.]*$",
    re.IGNORECASE,
)

_SPACE = "[ \t\u00a0\u2009\u202f]"
_STAMP = r"(?:\\?\[\\?\\?\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?\\?\]" + _SPACE + r"*)"
# Before a label, also a time without brackets or in round ones: "00:00:05 Name:", "(00:05) Name:".
_BARE_STAMP = r"(?:\(?\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?\)?" + _SPACE + r"+)"
# A Markdown quote or closed captions' speaker change before a label: "> **Name:**", ">> NAME:".
# The Congressional Record's bullet before a statement not delivered aloud: "∑ Ms. ABERNATHY.";
# a select committee's question number: "Q12 Chair: …"; the Lok Sabha's uncorrected debates'
# marker of a member's speech: "*m01 SHRI RAJESH KUMAR (PATNA SAHIB): …".
_LEAD = re.compile(
    rf"[\ufeff \t\u00a0]*(?:>{{1,2}}[ \t\u00a0]*|∑{_SPACE}*|Q\d{{1,4}}{_SPACE}+(?=[A-Z])"
    rf"|\*[a-z]\d{{1,3}}{_SPACE}+(?=[A-Z]))?"
    rf"(?:{_STAMP}|{_BARE_STAMP})?(?P<bold>\*\*|__)?"
)
# Everything up to a colon or semicolon, the colon possibly inside the bold markers.
# A time in square brackets after the name: "Maria Lopez [00:00:05]:" (dropped from the name).
_TIME_IN_LABEL = re.compile(r"\[\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?\]")
# A colon inside brackets is part of the label: "Mr DUTTON (Dickson) (14:01):", "Karen Bass (00:12):".
_COLON = re.compile(
    rf"(?P<label>(?:[^\n:;*()]|\([^()]{{0,160}}\)|\n(?=\()|{_TIME_IN_LABEL.pattern}){{1,240}}?)"
    rf"(?P<b1>\*\*|__)?(?P<punct>[:;])(?P<b2>\*\*|__)?"
    rf"(?:{_SPACE}+|(?=\r?\n)|$)"
)
# The GPO style: "Mr. NIELDS. Text", "Senator Risch. Text", "The CHAIRMAN. Text": an honorific,
# a title or "The" before a surname or office, ending in a full stop.
# "The PRESIDING OFFICER (Mr. OKAFOR).": an office in capitals, the holder in brackets.
_STOP = re.compile(
    rf"(?P<label>(?:[A-Z][a-z]{{1,8}}\.?{_SPACE})?[A-Z][\w'’-]+"
    rf"(?:{_SPACE}[A-Z][\w'’-]+)?(?:{_SPACE}[A-Z][A-Z'’-]+)?(?:{_SPACE}\([^()\n]{{2,40}}\))?)"
    rf"(?P<punct>[.,]){_SPACE}+(?=\S)"
)
# A podcast page's "Owen Taggart (00:12:34) Minus forty-eight …": a name, its time in brackets,
# no colon, the words.
_TIMED = re.compile(
    rf"(?P<label>[A-Z][\w.'’-]*(?:{_SPACE}[A-Z][\w.'’-]*){{1,3}}){_SPACE}*"
    rf"\((?:\d{{1,2}}:)?\d{{1,2}}:\d{{2}}\)(?P<punct>){_SPACE}+(?=\S)"
)
# The European Parliament's verbatim reports: "Name, role. – Words" (a full stop, then a dash).
_DASH = re.compile(
    rf"(?P<label>[^\n:;.–—]{{1,150}}?|[^\n:;–—]{{1,150}}?)(?P<punct>\.){_SPACE}+[–—]{_SPACE}+(?=\S)"
)
# A name and a dash, with no full stop: "CHAIR ANNA KOWALSKI — The hearing is open." Prose and
# datelines open lines this way too ("MADRID — Spain's …"), so labels.py accepts it only where
# several such openings, one name recurring, make a dialogue.
_DASH_ONLY = re.compile(
    rf"(?P<label>(?:[^\n:;.–—-]|(?<=\w)-(?=\w)){{1,80}}?)(?P<punct>){_SPACE}+[–—-]{_SPACE}+(?=\S)"
)
# A Russian stenogram's labels: "Иванов А. П., министр транспорта. Уважаемые …" (a surname, its
# initials, a role after a comma, a full stop), the chair, "Председательствующий. …", and a
# voice from the floor, "Из зала. …".
# The initials are taken whole ("А. С.", never "А." with "С." left to the speech), and so is
# the role: a long one ("председатель Комитета … хозяйству, фракция «…»") or none.
_FLOOR = "Из зала|Голоса? из зала|С места"
_STOP_RU = re.compile(
    rf"(?P<label>[А-ЯЁ][а-яё-]+{_SPACE}(?>[А-ЯЁ]\.(?:{_SPACE}?[А-ЯЁ]\.)?)"
    rf"(?:,{_SPACE}[^.:\n]{{1,240}}?(?=\.)|(?!,))|(?:Председательствующий|Председатель|{_FLOOR})(?=\.))"
    rf"(?P<punct>\.?){_SPACE}+(?=[А-ЯЁA-Z«\"„])"
)
_CHAIR_WORDS = frozenset({"председательствующий", "председатель"})
_QA = re.compile(rf"(?P<label>Q|A)(?P<punct>[.:]?)(?:{_SPACE}+)(?=\S)")
# A cheap test for _STOP's shape: at most three words, then a full stop and a space.
_STOP_START = re.compile(
    r"[ \t\u00a0]*(?:∑[ \t\u00a0]*)?(?:[A-Z][a-z]{1,8}\.?[ \t\u00a0])?[A-Z][\w'’-]+"
    r"(?:[ \t\u00a0][A-Z][\w'’-]+)?(?:[ \t\u00a0][A-Z][A-Z'’-]+)?(?:[ \t\u00a0]\([^()\n]{2,40}\))?"
    r"\.[ \t\u00a0]"
    # … or OCR's comma for the full stop after a title and a surname in capitals ("Senator
    # BRANNOCK, Did he …")
    r"|[ \t\u00a0]*[A-Z][a-z]{1,8}\.?[ \t\u00a0][A-Z][A-Z'’-]+,[ \t\u00a0][A-Z]"
)
_DIGIT_LETTERS = str.maketrans("105", "IOS")
# The characters a match of each shape must hold, one of them at least (its colon, full stop or
# dash): a line with none of them is not matched against the shape's long lazy pattern.
_NEEDS = {_COLON: ":;", _DASH: "–—", _STOP: ".,", _DASH_ONLY: "–—-", _TIMED: "("}
_STAMP_AFTER = re.compile(rf"{_SPACE}*{_STAMP}")
# A voice the transcript numbers instead of naming: "Speaker 1", "Unknown Speaker 2", "Caller #3",
# a diarization tool's "SPEAKER_00".
_NUMBERED = re.compile(
    r"^(?P<voice>(?:(?:unknown|unidentified|male|female)\s+)?"
    r"(?:speaker|voice|participant|caller|guest|person|interviewer|interviewee|reporter)"
    r"[\s_-]*#?[0-9]{1,3})(?:\s*\([^()]*\))?$",
    re.IGNORECASE,
)
# Words that open a sentence's topic, never a name: "On Alaska:", "As to the budget:".
_OPENERS = frozenset(
    "on in at as with from about regarding and but so to of into upon over after during since "
    "until via".split()  # not "under" ("Under Secretary Nuland:") nor "by" ("BY MR. BOVE:")
)
# The parts a Russian record labels its speakers by, alone or before a surname ("Судья:",
# "Государственный обвинитель:", "Защитник Петров:", "Свидетель Смирнова:"), longest first …
_RU_ROLES = sorted(
    (
        "государственный обвинитель",
        "помощник прокурора",
        "представитель истца",
        "представитель ответчика",
        *"""прокурор судья защитник адвокат подсудимый подсудимая обвиняемый обвиняемая
        потерпевший потерпевшая свидетель свидетельница эксперт специалист истец истица
        ответчик ответчица секретарь ведущий ведущая гость гостья переводчик""".split(),
    ),
    key=len,
    reverse=True,
)
# … the voices nobody names ("Звонок телезрителя:") …
_RU_VOICES = frozenset(
    "звонок телезрителя|звонок слушателя|телезритель|телезрительница|слушатель|зритель".split("|")
)
# … and a court's decision recorded in its words ("Суд, совещаясь на месте, определил: …").
_DECIDED = re.compile(r"\b(?:определил|постановил|решил|определила|постановила)\b")
_ENDS_NO_NAME = frozenset("of for to by on with from and the in at".split())
_CAPS_WORD = re.compile(r"^[A-Z][A-Z'’-]{2,}$")  # an ALL-CAPS word, not an initial or "UN"
_QUOTE_OPEN = "\"“«„'‘"
_BAD = re.compile(r"[!?\"“”«»…=<>{}\[\]|/\\@#$%^&+~]")
_ROLE_BAD = re.compile(r"[!?\"“”«»…=<>{}\[\]|\\@#$%^+~]")  # _BAD but "&" and "/"
_INITIAL = re.compile(r"^(?:[^\W\d_]\.)+(?:[^\W\d_][\w'’-]*)?$")
_WORD = re.compile(r"^[^\W\d_][\w'’.-]*$")


@dataclass(frozen=True)
class Label:
    """A label accepted at the start of a paragraph (or mid-line after a sentence)."""

    start: int  # where the label (with any time stamp or bold marker) begins
    end: int  # where the speech after it begins
    raw: str  # the label as written, without punctuation: "MR. BOVE", "Q"
    name: str  # the person; an anonymous voice's words ("Question"); "" for non-speech
    role: str = ""
    kind: str = "named"  # named | anonymous | nonspeech | heading
    shape: str = ""  # a short description of the label's form, for the corpus report


@dataclass(frozen=True)
class Candidate:
    """A line that opens like a label, before the document decides whether it is one."""

    start: int
    end: int
    raw: str
    name: str
    role: str
    kind: str
    shape: str
    strong: bool
    quoted: bool  # the speech after it opens with a quotation mark


_MC_CAPS = re.compile(r"^(Mc|Mac)([A-Z][A-Z'’-]+)$")  # "McCRORIE", as capitals write "McCrorie"
# A parliament's numbered oral question: "3. Hon TEUILA FALEAFA (Labour—Māngere) to the Minister
# of Health".
_ASKS_MINISTER = re.compile(
    r"^(?:\d{1,3}\.\s+)?(?P<who>[^()]+?(?:\s*\([^()]{1,80}\))?)\s+to\s+the\s+"
    r"(?:Prime\s+Minister|(?:Associate\s+|Deputy\s+)?Minister\b[^()]{0,80}|Attorney-General)$"
)
# Whom counsel appears for, in brackets after their name: "MR OKONJO (for the Prosecution)".
_COUNSEL_FOR = re.compile(r"^(?:for|on behalf of)\s+(?:the\s+)?[A-Z]")
# The last word of a roll's heading: "MEMBERS OF COMMITTEE PRESENT:", "Senators absent:".
_ROLL_WORDS = frozenset(
    {"present", "absent", "attending", "excused", "présent", "présents", "présente", "présentes"}
)
# Members of a house calling out together, as parliaments' reports write them.
_MEMBERS = re.compile(
    r"^(?:(?:some|an|a|several|other|all|many)\s+(?:(?:hon\.?|honourable|honorable)\s+)?"
    r"|(?:hon\.?|honourable|honorable)\s+)"  # … or "Honourable members: Hear, hear!"
    r"(?:members?|senators?|deputies|deputy|voices?|delegates?)$",
    re.IGNORECASE,
)


def _words_ok(words: list[str]) -> bool:
    """Each word capitalised (or an initial, a particle, a hyphenated particle-name)."""
    if not words:
        return False
    for i, w in enumerate(words):
        if w.rstrip(".").lower() in PARTICLES and 0 < i < len(words) - 1:
            continue
        if i == 0 and w in _PARTICLES and len(words) > 2:
            continue  # "de la Fuente Ramírez", after "Mr.": a surname's particle
        head, _, tail = w.partition("-")
        if head.lower() in PARTICLES and tail[:1].isupper():
            continue  # al-Ketbi
        if _INITIAL.match(w):
            continue
        if not _WORD.match(w) or not w[0].isupper():
            return False
    return True


def _procedural(label: str) -> tuple[str, str, str, str, bool] | None:
    """classify() for a Russian record's procedural labels (see _RU_ROLES), else None."""
    low = label.lower()
    if _DECIDED.search(low):
        return ("nonspeech", "", "", "a decision recorded", False)
    if low in _RU_VOICES:
        return ("anonymous", label, "", "anonymous", True)
    for role in _RU_ROLES:
        if low == role:
            return ("named", label, "", "procedural role", True)  # "Судья:", "Подсудимый:"
        if low.startswith(role + " "):
            rest = label[len(role) :].split()
            if 1 <= len(rest) <= 3 and _words_ok(rest):
                office = label[: len(role)]
                return ("named", " ".join(rest), office, "procedural role and name", True)
    return None


# A surname's particle after an honorific: "Mr. de la Fuente Ramírez", "Ms. van der Berg".
_PARTICLES = frozenset(
    "de del della des du da di la le van von der den ten ter al el bin ibn".split()
)


def strip_honorific(words: list[str]) -> tuple[list[str], str]:
    """("MR.", "BOVE") -> (["BOVE"], "MR."): honorifics are not part of a name."""
    lead = []
    while (
        len(words) > 1
        and (words[1][:1].isupper() or (words[1] in _PARTICLES and len(words) > 2))
        and (
            is_honorific(words[0])
            or (words[0].lower() in ("right", "rt") and len(words) > 2 and is_honorific(words[1]))
        )
    ):  # "Right Hon. Justin Trudeau", "Rt Hon Jo Lee": "Right" belongs to the honorific after it
        lead.append(words.pop(0))
    return words, " ".join(lead)


@lru_cache(maxsize=8192)
def classify(label: str) -> tuple[str, str, str, str, bool] | None:
    """(kind, name, role, shape, strong) for text that reads as a label, else None."""
    label = " ".join(_TIME_IN_LABEL.sub(" ", label).replace("\u00a0", " ").split())
    if not label or len(label) > 200:
        return None
    first = re.split(r"[\s.,(]", label, maxsplit=1)[0].lower()
    if first in NONSPEECH_WORDS or label.rsplit(None, 1)[-1].lower() in _ROLL_WORDS:
        return ("nonspeech", "", "", "non-speech", False)
    if label.lower() in ("members", "participants"):
        return ("nonspeech", "", "", "non-speech", False)  # a cover's roll: "Members: Algeria …"
    exam = _EXAMINATION.match(label)
    if exam:
        who = exam.group("who") or exam.group("by") or ""
        return ("heading", who.strip(), "", "examination heading", False)
    if first in _OPENERS and " " in label:
        return None  # "On Alaska: as of this morning, …" opens a sentence, names nobody
    if _MEMBERS.match(label):  # "Some hon. members: Hear, hear!", "An hon. member: …"
        return ("anonymous", label, "", "anonymous, the house", False)
    asked = _ASKS_MINISTER.match(label)
    if asked:
        # "1. HAYDEN McCRORIE (National—Rangitīkei) to the Minister of Finance": a numbered
        # question, the member asking; whom it is put to is no part of their name or role.
        got = classify(asked.group("who"))
        if got is not None and got[0] == "named":
            return (got[0], got[1], got[2], got[3] + ", question put to a minister", got[4])
    if "а" <= first[:1] <= "я" or first[:1] == "ё":
        procedural = _procedural(label)
        if procedural is not None:
            return procedural
    numbered = _NUMBERED.match(label)
    if numbered:  # "Speaker 1", "Speaker 2 (00:31)": distinct voices nobody names
        voice = re.sub(r"[_-]+", " ", numbered.group("voice"))  # "SPEAKER_00": "SPEAKER 00"
        return ("anonymous", voice, "", "numbered voice", False)
    outside = re.sub(r"\([^()]*\)", "", label)  # "(Lab/Co-op)", "(2nd reading)" may hold anything
    # A party's name in quotes after a comma ("Петрова М. И., фракция «Новые люди»") is a role.
    outside = re.sub(r"(,[^,]*?)[«\"“„]([^«»\"“”„]{1,40})[»\"”“]", r"\1\2", outside)
    # A role after a comma may name a group with "&" or "/" ("on behalf of the S&D Group", "the
    # Verts/ALE Group"); the name before it may not.
    head, _, tail = outside.partition(",")
    if (
        _BAD.search(head)
        or _ROLE_BAD.search(tail)
        or re.search(r"\d", outside)
        or "(" in outside
        or ")" in outside
    ):
        return None
    name, role, shape = label, "", []
    # Roles in brackets, and perhaps one more after a comma: "Tilly Vandermeer (Verts/ALE),
    # blue-card answer", as the European Parliament writes it.
    brackets = re.match(
        r"^(?P<a>[^(),]+?)\s*(?P<rest>(?:\([^()]*\)\s*)+)(?:,\s*(?P<after>[^(),]+))?$", label
    ) or re.match(  # an office with a comma: "The Minister of State, Department for Transport (…)"
        r"^(?P<a>The\s[^()]+?)\s*(?P<rest>(?:\([^()]*\)\s*)+)(?P<after>)$", label
    )
    if (
        not brackets
    ):  # … or with no "The": "Minister for Housing, Local Government and Heritage (…)"
        office = re.match(r"^(?P<a>[^()]+?)\s*(?P<rest>(?:\([^()]*\)\s*)+)(?P<after>)$", label)
        brackets = office if office and _office_outside(office.group("a")) else None
    if brackets:
        outside = brackets.group("a")
        inner = [b.strip() for b in re.findall(r"\(([^()]*)\)", brackets.group("rest"))]
        inner += [brackets.group("after").strip()] if brackets.group("after") else []
        # "(retranslated)", "(spoke in Chinese)": a lower-case note about the speech, not a role
        roles = [b for b in inner if b[:1].isupper() or _COUNSEL_FOR.match(b)]
        named = [
            b
            for b in roles
            if _words_ok(b.split())
            and len(b.split()) >= 2
            and not any(is_honorific(w) for w in outside.split()[:1])
        ]
        if named and _office_outside(outside):
            # "The Parliamentary Under-Secretary … (Alistair Burt)"; the holder's bracket comes
            # first, the party's after it ("(Lord Kennedy of Southwark) (Lab Co-op)").
            name, role = named[0], outside
        else:
            name, role = outside, ", ".join(roles)
        shape.append("role in brackets" if roles else "note in brackets")
    elif "," in label:
        name, _, role = label.partition(",")
        name, role = name.strip(), role.strip()
        shape.append("role after a comma")
    words, honorific = strip_honorific(name.split())
    if honorific:
        shape.append("honorific")
    if not _words_ok(words) or len(words) > 22:
        return None
    if (honorific and is_honorific(words[-1])) or words[-1].lower() in _ENDS_NO_NAME:
        # "General. Mr." opens a sentence ("MR:" alone is someone's initials); "ORAL ARGUMENT
        # OF:" heads a list.
        return None
    letters = [c for c in " ".join(words) if c.isalpha()]
    caps = bool(letters) and all(c.isupper() for c in letters)
    if {w.lower().rstrip(".") for w in words} <= ANONYMOUS_WORDS or (
        honorific.lower().startswith("hon") and words[-1].lower() in ANONYMOUS_WORDS
    ):
        voice = " ".join(title_case(w) if caps else w for w in [honorific, *words] if w)
        # A named questioner: "Вопрос (Анна Белова, ТАСС)", "QUESTION (Jane Doe, Reuters)" — the
        # person in brackets asks, for the outlet after the comma.
        asker, _, outlet = role.partition(",")
        # A caller gives a first name and a place: "CALLER (MARGARET, LEEDS)".
        least = 1 if outlet.strip() else 2
        if least <= len(asker.split()) <= 4 and _words_ok(asker.split()) and brackets:
            who = " ".join(title_case(w) if w.isupper() else w for w in asker.split())
            where = outlet.strip()
            if where.isupper():  # "LEEDS" is Leeds; "ТАСС", "BBC" stay as written
                where = " ".join(title_case(w) if len(w) >= 5 else w for w in where.split())
            return ("named", who, where, "anonymous, name in brackets", True)
        return ("anonymous", voice, role, "anonymous", len(words) >= 2 and not caps)
    if any(_INITIAL.match(w) for w in words):
        shape.append("initials")
    shape.insert(0, "ALL CAPS" if caps else ("one word" if len(words) == 1 else "Name"))
    # Two capitalised name words (a role in brackets beside them is how parliaments write it), or
    # an honorific before an ALL-CAPS name ("Chairman HAMILTON:"): no prose opens that way.
    strong = (not caps and len(words) >= 2 and (not role or bool(brackets))) or (
        caps and bool(honorific) and not role
    )
    person = " ".join(words)
    if caps:
        person = " ".join(title_case(w) for w in words)
    elif any(w.isupper() or _MC_CAPS.match(w) for w in words):
        # "The CHAIRMAN", "Jean DUPONT", "Hayden McCRORIE": shown as names are written.
        person = " ".join(
            title_case(w)
            if _CAPS_WORD.match(w)
            else (m.group(1) + title_case(m.group(2)) if (m := _MC_CAPS.match(w)) else w)
            for w in words
        )
    if honorific and not role:
        role = _office(honorific)
    return ("named", person, role, ", ".join(shape), strong)


# Words of an office or of a part someone plays, not of a name: what a label writes before its
# holder's name in brackets ("The Convener (Finlay Carson)", "Public Speaker (Ruth Okonkwo)",
# "Deputy Chair (Ann Lee)"), or a header before a full name ("Press Secretary Karine
# Jean-Pierre", fullnames.py).
OFFICE_WORDS = (TITLE_WORDS - {"mr", "mrs", "ms", "dr", "sir"}) | frozenset(
    """convener convenor chairperson officer clerk member councillor councilor councilmember
    commissioner witness moderator host presenter interviewer interpreter narrator reporter
    correspondent counsel attorney advocate adviser advisor coordinator representative delegate
    petitioner respondent applicant resident commenter participant administrator admiral envoy
    leader congressman congresswoman congressperson assemblyman assemblywoman councilman
    councilwoman alderman alderwoman legislator candidate nominee coach manager""".split()
)


def _office_outside(outside: str) -> bool:
    """Whether the words before a bracketed name are an office, not a name: opening with "the"
    ("The Convener", "The Parliamentary Under-Secretary of State …"), ending in an office's word
    ("Public Speaker", "Deputy Chair"), or three words or more holding one ("Minister for
    Transport"). "Jamie Halcro Johnston (Highlands and Islands)" is a name with the place it sits
    for, and "Minister Lavrov (Russian Federation)" an office and a name with the country."""
    words = [w.lower().strip(".:,") for w in outside.split()]
    if len(words) == 1 and words[0] in OFFICE_WORDS:
        return True  # "CHAIR (Senator Grogan)", "Speaker (Mr Hoyle)"
    return len(words) >= 2 and (
        words[0] == "the"
        or words[-1] in OFFICE_WORDS
        or (len(words) >= 3 and any(w in OFFICE_WORDS for w in words))
    )


# Honorifics that are offices: "Senator Risch" is Risch, Senator; "Mr. North" has no role.
_OFFICES = {
    "senator": "Senator",
    "sen": "Senator",
    "representative": "Representative",
    "rep": "Representative",
    "governor": "Governor",
    "gov": "Governor",
    "judge": "Judge",
    "justice": "Justice",
    "chairman": "Chairman",
    "chairwoman": "Chairwoman",
    "admiral": "Admiral",
    "general": "General",
    "gen": "General",
    "colonel": "Colonel",
    "col": "Colonel",
    "ambassador": "Ambassador",
    "amb": "Ambassador",
    "sec": "Secretary",
    "adm": "Admiral",
    "maj": "Major",
}


def _office(honorific: str) -> str:
    """The office an honorific names ("SEN." → Senator), "" for a courtesy title ("Mr.")."""
    offices = [_OFFICES.get(w.lower().rstrip(".")) for w in honorific.split()]
    return " ".join(o for o in offices if o)


def title_case(word: str) -> str:
    """An ALL-CAPS name word as a name is usually written: "JEAN-PIERRE" -> "Jean-Pierre"."""
    if _INITIALS.match(word):
        return word  # "В.В.", "J.R.": initials stay capitals
    titled = "-".join(p[:1] + p[1:].lower() for p in word.split("-"))
    # "O'HALLORAN", "D'ARCY": the letter after the apostrophe is a capital too
    return _APOSTROPHE_NAME.sub(lambda m: m.group(1) + m.group(2).upper(), titled)


_APOSTROPHE_NAME = re.compile(r"^([OD]['’])([a-z])")


_INITIALS = re.compile(r"^(?:\w\.)+\w?$")


_SPACED_HEADING = re.compile(r"(?:[A-Z] ){2,}[A-Z][ \t]*:")


def candidate(text: str, span: Span) -> Candidate | None:
    """The label-like opening of one line, if it has one."""
    head = text[span.start : span.start + 240]
    if (
        ":" not in head
        and ";" not in head
        and not (head[:1] in "QA" or _STOP_START.match(head))
        and ". –" not in head
        and ". —" not in head
        and " — " not in head[:90]
        and " – " not in head[:90]
        and " - " not in head[:90]
        and not _STOP_RU.match(head.lstrip())
    ):
        return None  # most lines: no colon near the start, not Q/A, not "Mr. NORTH."
    lead = _LEAD.match(text, span.start, span.end)
    pos = lead.end() if lead else span.start
    spaced = _SPACED_HEADING.match(text, pos, span.end)
    if spaced:
        # A court reporter's letter-spaced heading ("B E F O R E :", "A P P E A R A N C E S :"):
        # no speaker, and no "A" answering.
        raw = spaced.group(0).rstrip(": \t")
        return Candidate(
            span.start, spaced.end(), raw, "", "", "nonspeech", "non-speech", False, False
        )
    stamp = "time stamp, " if lead and any(c.isdigit() for c in lead.group()) else ""
    bold = lead.group("bold") if lead else None
    # A stenogram's "Гаврилова Е. М. Людмила Николаевна, прошу …: …" is Гаврилова's label
    # and her words, not a colon label: its shape is tried before the colon's.
    for pattern in (_QA, _STOP_RU, _TIMED, _COLON, _DASH, _STOP, _DASH_ONLY):
        needs = _NEEDS.get(pattern, "")
        if needs and all(text.find(c, pos, span.end) == -1 for c in needs):
            continue  # the line lacks the punctuation the shape ends in: no match (and no scan)
        m = pattern.match(text, pos, span.end)
        if not m:
            continue
        raw = m.group("label").strip()
        if "\n" in raw:  # a label wrapped inside its brackets (parsing.wrapped_label)
            raw = " ".join(raw.split())
        punct = m.group("punct")
        if (
            pattern is _COLON
            and " : " in text[m.end() - 2 : span.end]
            and text[span.start : span.end].isupper()
        ):
            return None  # a court's caption ("COUNTY OF KINGS : CRIMINAL TERM : PART 22")
        if raw in ("Q", "A") and punct == ":":
            pattern = _QA
        if pattern is _QA:
            kind, name, role, shape, strong = ("qa", "", "", f"{raw}{punct or ' (bare)'}", False)
        else:
            got = classify(raw)
            if pattern is _STOP_RU and re.fullmatch(_FLOOR, raw):
                got = ("anonymous", raw, "", "a voice from the floor", False)  # "Из зала. …"
            if got is None and re.search(r"[015]", raw):
                # "MR. SM1TH": read as letters, accepted only if it then matches a known label
                got = classify(raw.translate(_DIGIT_LETTERS))
                got = got and (got[0], got[1], got[2], "typo", False)
            if got is None:
                continue
            kind, name, role, shape, strong = got
            if pattern is _STOP_RU:
                if kind == "anonymous":
                    pass  # the floor's voice (see _FLOOR)
                elif kind != "named" or not ("initials" in shape or raw.lower() in _CHAIR_WORDS):
                    continue
                shape += ", full stop"
            elif pattern is _STOP and punct == ",":
                # OCR's comma for a label's full stop ("Senator BRANNOCK, Did he …"): a title
                # and a surname in capitals, taken only as a label the document uses.
                if not (
                    kind == "named" and "honorific" in shape and _CAPS_WORD.match(raw.split()[-1])
                ):
                    continue
                shape = "typo"
                strong = False
            elif pattern is _STOP:
                if kind == "named" and _stop_label(raw, shape):
                    shape += ", full stop"
                elif kind == "named" and shape == "ALL CAPS" and _caps_full_name(raw):
                    # "DEREK VOSS. Thank you." (a press conference's reporters): labels.py takes
                    # it only in a dialogue of such names.
                    shape += ", name and full stop"
                else:
                    continue  # "Mr. NIELDS." is a label; "OK." or "NATO." opens a sentence
            elif pattern is _TIMED:
                if kind != "named":
                    continue
                shape += ", time after it"
            elif punct == ";":
                shape += ", semicolon"
            elif pattern is _DASH:
                shape += ", full stop and dash"
            elif pattern is _DASH_ONLY:
                # A name in capitals or two capitalised words, nothing else: "So, we — we"
                # and "Ukraine — you know" are speech.
                if kind != "named" or not shape.startswith(("ALL CAPS", "Name")) or "," in raw:
                    continue
                shape += ", dash"
        if bold:
            shape = "bold " + shape
        end = m.end()
        if bold and text.startswith(bold, end):
            end += len(bold)  # "**Name**: " leaves nothing; "**Name:** " is handled by b2
        stamp_after = _STAMP_AFTER.match(text, end, span.end)
        end = stamp_after.end() if stamp_after else end
        rest = text[end : span.end].lstrip(" \t\u00a0")
        return Candidate(
            span.start,
            end,
            raw,
            name,
            role,
            kind,
            stamp + shape,
            strong and (punct == ":" or pattern is _TIMED),
            bool(rest) and rest[0] in _QUOTE_OPEN,
        )
    return None


def _stop_label(raw: str, shape: str) -> bool:
    """Whether a phrase before a full stop can be a label: an honorific before a name ("Mr.
    NIELDS", "Senator Risch"), or a title or "The" before an office or name ("The Chairman",
    "Chairman HAMILTON"). One capitalised word ("NATO.", "Yes.") opens a sentence."""
    words = re.sub(r"\s*\([^()]*\)", "", raw).split()  # "The PRESIDING OFFICER (Mr. OKAFOR)"
    if "honorific" in shape:
        return True
    if len(words) == 3 and words[0] == "The":  # "The PRESIDING OFFICER", in capitals only
        return all(_CAPS_WORD.match(w) for w in words[1:])
    return len(words) == 2 and (words[0] == "The" or words[0].lower() in TITLE_WORDS)


def _caps_full_name(raw: str) -> bool:
    """Two or three words in capitals, each of two letters or more: a full name ("DEREK VOSS",
    "LAUREN HOLT-BECKER", "KEVIN O’ROURKE")."""
    words = raw.split()
    return 2 <= len(words) <= 3 and all(_CAPS_WORD.match(w) and len(w) >= 2 for w in words)


def features(shape: str) -> set[str]:
    """The structural parts of a label's shape (honorific, role in brackets, …), not its case."""
    return set(shape.split(", ")[1:]) - {"initials", "semicolon", "full stop"}


@lru_cache(maxsize=65536)
def key(raw: str) -> str:
    """A label's identity for counting: case, spacing and typo digits folded (cached: a
    transcript repeats each speaker's label hundreds of times)."""
    folded = raw.casefold().replace("1", "i").replace("0", "o").replace("5", "s")
    return " ".join(folded.replace(".", ". ").split())
