"""Read a question as people type it: one stage from the raw text (and the chat's previous
question) to one Query that retrieval and the relevance check read.

The stage, in order: split the words once; drop chat filler; expand chat abbreviations; find the
speaker named by surname, role, country/demonym or a title abbreviation; correct misspelt words
against the corpus's vocabulary; match lay words to corpus words by meaning; note what the
documents never mention; and, for a follow-up fragment, bring in the previous question's topic
and speaker.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from ..answers.reasons import asks_reason
from ..documents.speakers import name_words, same_person
from ..model import Speaker
from ..tokenize import QUESTION_WORDS, STOP_WORDS, normalise, stem, without_framing, words
from . import reader_cache
from .places import country, names_of, place_country
from .query import Query, RoleAsked, _capitalised, parse_query
from .roles import OFFICES, by_office, by_seat, in_role
from .semantic import COMMON_FROM, MIN_SIMILARITY, NEIGHBOURS, PRECOMPUTED, TABLED_WORDS
from .speaker_lookup import SpeakerLookup
from .spelling import common_word, common_words, english, near_common, surface

# Chat-style words that frame a message rather than name its subject (general chat vocabulary).
CHAT_FILLER = frozenset(
    """anyone anybody anything anyhow anyway actually basically literally get gets got getting
    gotten everything something someone somebody everyone everybody really pls plz please hey hi
    hello ok okay lol btw like just even ever know knows knew wanna gonna gotta kinda
    sorta guys thing things stuff whats thats wheres whos hows u r ur ya yeah yes tho though still
    eh um uh im ive dont didnt doesnt isnt wasnt arent werent cant wont happen happened happens
    tell anything exactly somehow currently also really happening thx ty idk tbh imo
    probably definitely wats wots wuts
    че чё чо шо ваще вообще плиз пжлст пж ну типа короче щас кста кстати
    per""".split()  # "how much per well?": the rate is what is asked, not a word to find
) | frozenset(  # what is left of a negative contraction once its "n't" is split off: "couldn't"
    "couldn wouldn shouldn didn doesn isn wasn aren weren hasn haven hadn mustn needn ain".split()
)
# Chat abbreviations of content words.
CHAT_WORDS = {
    "ppl": "people",
    "govt": "government",
    "gov": "government",
    "info": "information",
    "intl": "international",
    "natl": "national",
    "approx": "approximately",
    "mil": "military",
    "min": "minister",
    "pres": "president",
    "prez": "president",
    "abt": "about",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "wat": "what",
    "wut": "what",
    "wht": "what",
    "yr": "year",
    "yrs": "years",
    "hrs": "hours",
    "mins": "minutes",
    "pct": "percent",
    "dept": "department",
    "tmrw": "tomorrow",
    "thru": "through",
    "bout": "about",
    "em": "them",  # "pull em out"
    "wher": "where",
    "wen": "when",
    "op": "operation",
    "ops": "operations",
    "econ": "economy",
    "spox": "spokesperson",
    "tix": "tickets",
    "itll": "it",
    "wil": "will",
    "hav": "have",
    "admin": "administration",
    "org": "organisation",
    "orgs": "organisations",
    "convo": "conversation",
    "avg": "average",
    "num": "number",
    "tdy": "today",
    "yday": "yesterday",
    "wk": "week",
    "wks": "weeks",
    "b4": "before",
    "rn": "currently",  # "right now": no topic
    "atm": "currently",  # "at the moment"
    # Function words as chat spells them: read as the word, which is then no topic.
    "smth": "something",
    "sth": "something",
    "smthng": "something",
    "rly": "really",
    "prolly": "probably",
    "def": "definitely",
    "nvm": "anyway",
    "iirc": "anyway",
    "afaik": "anyway",
    "fyi": "anyway",
    "wrt": "about",
    "re": "about",
    "shud": "should",
    "shld": "should",
    "wud": "would",
    "wld": "would",
    "cud": "could",
    "cld": "could",
    "w": "with",  # "w/" ("w/o" is read as "with", then "o": a letter, no name)
    "скок": "сколько",
    "скока": "сколько",
    "чё": "что",
    "чо": "что",
    "щас": "сейчас",
}
# The words of an office a reader may name (see roles.py), and titles beside them.
OFFICE_WORDS = frozenset(w for office in OFFICES for w in office.split()) | {"president", "premier"}


def _acronyms(role: str) -> set[str]:
    """The initials of each comma-separated part of an office that names a body in three
    capitalised words or more, small words left out ("Environmental Protection Agency": "epa"),
    a leading abbreviation too ("U.S. Environmental Protection Agency": "usepa" and "epa")."""
    out = set()
    for part in role.split(","):
        words = [w for w in part.split() if w.lower() not in ("of", "the", "and", "for", "on")]
        if len(words) < 3 or not all(w[:1].isupper() for w in words):
            continue
        letters = ["".join(c for c in w if c.isalpha()) for w in words]
        rest = "".join(w[0] for w in letters[1:] if w)
        if "." in words[0]:  # "U.S.": an abbreviation, with the name's initials or without
            out |= {rest.lower(), (letters[0] + rest).lower()}
        else:
            out.add((letters[0][:1] + rest).lower())
    return out


# Words that stand for "the person" in "the tajik guy", "the kyrgyz leader".
PERSON_WORDS = frozenset(
    """guy guys man woman lady gentleman member mp mps msp msps mep meps mla congressman
    congresswoman congressperson councillor councilman councilwoman lawmaker legislator
    leader leaders head chief official rep representative delegate boss dude fella person
    spokesman spokeswoman spokesperson envoy envoys diplomat delegation ambassador
    ambassadors""".split()
)
# A party as a reader names it -> the words and abbreviations a speaker's role writes it with.
_DEMOCRAT = ("democratic", "democrat")
_TORY = ("con", "conservative", "conservatives")
_LABOUR = ("lab", "labour")
_LIBDEM = ("ld", "liberal")
PARTIES: dict[str, tuple[str, ...]] = {
    "democrat": _DEMOCRAT,
    "democrats": _DEMOCRAT,
    "dem": _DEMOCRAT,
    "dems": _DEMOCRAT,
    "republican": ("republican",),
    "republicans": ("republican",),
    "gop": ("republican",),
    "tory": _TORY,
    "tories": _TORY,
    "conservative": _TORY,
    "labour": _LABOUR,
    "libdem": _LIBDEM,
    "snp": ("snp",),
}
# Title abbreviations and synonyms -> phrases a role may use for that title.
_HEAD_OF_GOVERNMENT = (
    "prime minister",
    "premier",
    "chairman of the cabinet",
    "chairman of the government",
    "head of government",
    "chancellor",
)
TITLES: dict[str, tuple[str, ...]] = {
    "pm": _HEAD_OF_GOVERNMENT,
    "premier": _HEAD_OF_GOVERNMENT,
    "prime minister": _HEAD_OF_GOVERNMENT,
    "fm": ("foreign minister", "minister of foreign affairs", "foreign affairs minister"),
    "foreign minister": ("foreign minister", "minister of foreign affairs"),
    "dm": ("defence minister", "defense minister", "minister of defence", "minister of defense"),
    "sg": ("secretary general",),
    "secgen": ("secretary general",),
    "sec gen": ("secretary general",),
    "secretary general": ("secretary general",),
    "president": ("president",),
    "potus": ("president of the united states",),
    "ceo": ("chief executive officer", "chief executive", "ceo"),
    "cfo": ("chief financial officer", "cfo"),
    "coo": ("chief operating officer", "coo"),
    "cto": ("chief technology officer", "cto"),
}
_VOWEL = re.compile("[aeiouy]")
_LONE_PERCENT = re.compile(r"(?<![\d.,])\s*%")
_FIGURE_UNIT = re.compile(r"^[0-9]+[a-z]{1,3}$")
# A small number as the documents may spell it: "3" is "three".
_SPELT_OUT = {
    str(n): word
    for n, word in enumerate(
        """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
        fifteen sixteen seventeen eighteen nineteen twenty""".split()
    )
}
MIN_PART = 3  # letters of each part of a compound typed as one word (QuestionReader._compound)
_GLUED = re.compile(r"^[a-z]+[0-9]+[a-z]*$")  # a model's name typed without its hyphen
_PIECES = re.compile(r"[a-z]+|[0-9]+[a-z]*")
# Follow-up markers: a message that opens like this continues the previous question.
_CONTINUES = re.compile(
    r"^\s*(?:and|so|also|but|then|what about|how about|same for|and what about)\b", re.IGNORECASE
)
_THIRD_PERSON = frozenset("he she him his her hers".split())
# "and the other guy?", "what did the other candidate say", "а второй?": after a question about
# one speaker, the one they face.
_OTHER = re.compile(
    r"\bthe\s+other\s+(?:one|guy|man|woman|lady|gentleman|person|candidate|speaker|side|fellow|"
    r"dude|chap|witness|senator|member|minister|leader|president|panelist|guest|party)\b"
    r"|\bthe\s+other\s*\?*\s*$"
    r"|(?:^|\s)(?:а|и)\s+(?:друг(?:ой|ая)|втор(?:ой|ая))\b|\b(?:друг(?:ой|ая)|втор(?:ой|ая))\s+(?:что|сказал)",
    re.IGNORECASE,
)
_BACK_REFERENCE = frozenset(
    "he she him his her they them their it its that this those these there".split()
)
# A corpus word this near a known English word of the question counts for it too (the lay
# words' bar, MIN_SIMILARITY: "police" ~ "enforcement" 0.48, "troops" ~ "forces" 0.55) …
SYNONYM_SIMILARITY = MIN_SIMILARITY
SYNONYM_CREDIT = 0.5  # … at this share of its similarity ("killed" ~ "dead" 0.64)
LAST_RESORT_SIMILARITY = (
    0.35  # a lay word with no neighbour at MIN_SIMILARITY: its nearest above this
)
CONTEXT_WEIGHT = 0.6  # a term carried over from the previous question weighs this much …
CONTEXT_SHARE = 2.0  # … less when they outnumber the fragment's own terms more than this
DATE_WORDS = frozenset("when date year day month".split())
FIGURE_WORDS = frozenset("many much number figure figures total count when date year long".split())
PIECE = 4  # letters two words may share before their nearness in meaning is not trusted
FAMILY_PREFIX = 6  # letters a name shares with a corpus word of its family (bm25.PREFIX)
# "How big …?", "how far", "how old": a measure asked for, answered by a figure.
HOW_MEASURE = re.compile(
    r"\bhow\s+(?:big|large|small|high|low|far|fast|old|tall|wide|deep|heavy|often|expensive|"
    r"costly|rich|poor|strong)\b",
    re.IGNORECASE,
)
NAME_WORDS = frozenset("who whom whose where".split())  # opening a question: a name answers it
# read_as of a follow-up: "<its own text> | <the previous question> [| the one that followed up]"
SEPARATOR = " | "
EVERYDAY = 300  # a question of only the commonest English words names no topic of its own


class QuestionReader:
    """Reads questions about one corpus: its speakers and its vocabulary."""

    def __init__(
        self,
        speakers: Iterable[Speaker],
        vocabulary: list[tuple[str, int]],
        idf: Callable[[str], float],
        semantic: bool = True,
        cache: Path | None = None,
        counterparts: Callable[[tuple[str, ...]], tuple[str, ...]] | None = None,
    ) -> None:
        """`vocabulary`: (index term, passage count), most frequent first; `idf`: term -> weight;
        `cache`: the index generation its speller and word vectors are saved in (reader_cache);
        `counterparts`: speaker ids -> the speaker they face, for "and the other guy?"."""
        self._counterparts = counterparts
        # An anonymous voice ("Q", "Question", "VOICE") is nobody a question can name.
        self.speakers = [sp for sp in speakers if not sp.anonymous]
        self._lookup = SpeakerLookup(self.speakers)
        self.speller = reader_cache.speller(tuple(vocabulary), cache)
        self.neighbours = reader_cache.neighbours(tuple(vocabulary), cache) if semantic else None
        self._vocabulary = tuple(vocabulary)
        self._cache = cache
        self.idf = idf
        self._name_words = {
            w
            for sp in self.speakers
            if not sp.is_publisher
            for n in (sp.name, *sp.aliases)
            for w in words(n)
        }
        # … and the stems of those of other scripts: "Путину", "Голиковой" name В.Путин and
        # Т.Голикова in another case.
        self._name_stems = {stem(w) for w in self._name_words if not _latin(w)}
        # The name words by length, for _names_alike: a plain word is alike only to words of
        # nearly its length (speakers._similar's first bound); any other is always compared.
        self._names_by_length: dict[int, list[str]] = {}
        self._other_names: list[str] = []
        for n in sorted(self._name_words):
            if n.isalpha():
                self._names_by_length.setdefault(len(n), []).append(n)
            else:
                self._other_names.append(n)
        # The words of the speakers' roles ("Kettering, Con"): a seat or an office the question
        # may name them by is no typo and no name the documents never mention.
        self._role_words = {
            w
            for sp in self.speakers
            if not sp.is_publisher
            for w in words(sp.role)
            if w not in STOP_WORDS
        }
        self._given: dict[str, set[str]] = {}  # a given name -> the speakers who have it
        for sp in self.speakers:
            for n in () if sp.is_publisher else (sp.name, *sp.aliases):
                if len(name_words(n)) > 1:
                    self._given.setdefault(name_words(n)[0], set()).add(sp.id)
        self._roles = []  # (speaker, " role ", title, place, country, acronyms of the place)
        for sp in self.speakers:
            if sp.is_publisher or not sp.role:
                continue
            title, _, place = normalise(sp.role).partition(" of ")
            head, _, body = sp.role.partition(",")
            if not place and body.strip() and " of " not in normalise(head):
                # "General Manager, Cass County Rural Water District, North Dakota": the office,
                # then where it is held (the words "the North Dakota guy" names them by).
                title, place = normalise(head), normalise(body)
            acronym = "".join(w[0] for w in place.split() if w not in ("of", "the", "and"))
            # … and of each part of the office that is a body's name ("U.S. Environmental
            # Protection Agency": "epa"), so "the epa lady" names its holder.
            acronyms = {acronym, *_acronyms(sp.role)} - {""}
            self._roles.append(
                (
                    sp,
                    " " + " ".join(words(sp.role)) + " ",
                    title,
                    place,
                    place_country(sp.role),
                    frozenset(a for a in acronyms if len(a) >= 3),
                )
            )
        self._holders = {
            key: [sp for sp in self.speakers if _holds(sp, phrases)]
            for key, phrases in TITLES.items()
        }
        # What _by_role reads of each role, worked out once: the TITLES keys the role holds, the
        # words of its own title, and (for a body with no country) the words of its name.
        self._role_titles = [
            frozenset(key for key in TITLES if any(in_role(role, p) for p in TITLES[key]))
            for _, role, *_ in self._roles
        ]
        self._own_titles = [_offices(title) for _, _, title, *_ in self._roles]
        self._body_words = [
            [] if own_country else [p for p in place.split() if len(p) >= 5]
            for _, _, _, place, own_country, _ in self._roles
        ]
        # Words that can name a speaker by role with no title or country in the question.
        self._role_triggers = {
            *(a for *_, acronyms in self._roles for a in acronyms),
            *(t for offices in self._own_titles for own in offices for t in own),
        }
        self._body_prefixes = {p[:5] for body in self._body_words for p in body}

    def prepare_neighbours(self) -> None:
        """The vocabulary words' nearest terms in one table (semantic.Neighbours.precompute),
        loaded from the index generation or computed and saved there: a server's start-up."""
        if self.neighbours is not None:
            # Over a large vocabulary, the commonest English words' rows too (semantic.COMMON_FROM).
            large = len(self.neighbours.words) >= COMMON_FROM
            extra = common_words(TABLED_WORDS) if large else []
            reader_cache.nearest(self.neighbours, self._vocabulary, self._cache, extra)

    def read(self, text: str, previous: str | None = None) -> Query:
        """The one reading of a (valid) question; `previous` is the chat's last question as read."""
        own = self._read_one(text)
        if not previous or not _follows(text, own):
            return own
        parts = previous.split(SEPARATOR)
        # A bare fragment before ("why?") asked only for another kind of answer: the question it
        # followed up stands for it, so "why?" then "when?" keep the topic.
        while len(parts) > 1 and _bare(self._read_one(parts[0])):
            parts = parts[1:]
        before = self._read_one(parts[0])
        if len(parts) > 1 and _follows(parts[0], before):
            # The previous message followed up one itself ("and rahmon?" after "what did
            # lukashenko say about afghanistan"): read in its context, so "why?" keeps both.
            before = self._in_context(before, self._read_one(parts[1]), parts[1])
        return self._in_context(own, before, SEPARATOR.join(parts[:2]))

    # -- one message ---------------------------------------------------------------------------
    def _read_one(self, text: str) -> Query:
        # "wat % of ppl": a percent sign standing for the word ("95%" is a figure, read as such).
        ws = words(_LONE_PERCENT.sub(" percent ", text) if "%" in text else text)
        # A chat spelling is read as the word it stands for, unless the documents use it.
        spelt = [w if w not in CHAT_WORDS or self._known(stem(w)) else CHAT_WORDS[w] for w in ws]
        kept = without_framing([w for w in spelt if w not in CHAT_FILLER])
        corrections: list[tuple[str, str]] = []
        read: list[str] = []
        for w in kept:
            fixed = self._corrected(w)
            if fixed and fixed != w:
                corrections.append((w, fixed))
                if fixed in CHAT_FILLER:  # "actualy" is "actually": filler, as typed right
                    continue
            read.append(fixed or w)
        base = parse_query(" ".join(read), self.speakers, self._lookup)
        speaker_ids, naming = base.speaker_ids, set(base.name_terms)
        if not speaker_ids:
            found = (
                self._by_short_surname(read)
                or self._by_given_name(read, text)
                or self._by_role(read)
                or self._by_party(read)
                or by_seat(read, self.speakers)
                # An office qualified by a country ("the prime minister of kz") is that country's
                # office, which _by_role alone judges; the table of offices knows no countries.
                # A country elsewhere in the question is its topic ("gas from Russia, according
                # to the Minister"), not the office's.
                or (None if _office_of_country(read) else by_office(read, self.speakers))
            )
            if found:
                speaker_ids, naming = found
        if self.neighbours is not None:  # one embedding call for the whole question …
            self.neighbours.nearest_many(
                [
                    w
                    for w in read
                    if w not in STOP_WORDS
                    and w not in QUESTION_WORDS
                    # … for the words whose neighbours are looked up below (a speaker's name
                    # never is): each word embedded costs a pass over the vocabulary's vectors
                    and w not in naming
                    and stem(w) not in naming
                    and w not in self._name_words
                ],
                PRECOMPUTED,  # as many as _near asks for: a word's are looked up once
            )
        terms: list[str] = []
        alternatives: dict[str, tuple[tuple[str, float], ...]] = {}
        unknown: list[str] = []
        for w in read:
            if w in STOP_WORDS or w in QUESTION_WORDS or stem(w) in naming or w in naming:
                continue
            place = country(w)  # "kz", "kazakh": the country's own word is searched
            t = stem(place.split()[-1]) if place else stem(w)
            if place and not self._known(t) and self._known(stem(w)):
                place, t = "", stem(w)  # the documents use the word itself ("Afghan", "north")
            if self._known(t):
                terms.append(t)
                # Synonyms of English words only: a year, an acronym ("csto") has no meaning
                # the vectors know, only word pieces ("2021" ~ "second", "csto" ~ "csc").
                english_word = w.isalpha() and w in english()
                near = self._near(w, t, SYNONYM_SIMILARITY) if english_word and not place else []
                if near:
                    alternatives[t] = tuple((n, sim * SYNONYM_CREDIT) for n, sim in near)
                continue
            if w in self._name_words or w in self._role_words or t in self._name_stems:
                continue  # a speaker's name or role: the documents name them, in their labels
            spelt_out = _SPELT_OUT.get(w, "")
            if spelt_out and self._known(stem(spelt_out)):
                terms.append(stem(spelt_out))  # "3 priorities": the documents say "three"
                continue
            if w.isdigit() or place:
                unknown.append(w)
                continue
            if w in PERSON_WORDS:
                continue
            if w in english() or not _latin(w):
                # A lay word: corpus words near it in meaning count for it. A word of another
                # script cannot be looked up in the English list: it counts like one.
                near = self._near(w, t, MIN_SIMILARITY)
                if not near and _latin(w):
                    # Nothing passed the bar (or only a word piece did: "unrest" for "arrested"):
                    # the single nearest word above a lower one still counts for it ("detain").
                    # English words only: the vectors do not rank words of other scripts as well.
                    near = self._near(w, t, LAST_RESORT_SIMILARITY)[:1]
                terms.append(t)  # no neighbour: it still counts (see Answerer._weight)
                if near:
                    alternatives[t] = tuple(near)
                continue
            if len(w) == 1:
                continue  # a letter alone ("w/o", "u.n"): a fragment of a word, not a name
            if w.isascii() and w.isalpha() and not _VOWEL.search(w):
                continue  # no vowel ("smth", "rn", "vs"): chat shorthand, not a name
            glued = [stem(p) for p in _PIECES.findall(w) if len(p) > 1] if _GLUED.match(w) else []
            glued = [p for p in glued if self._known(p)]
            if any(c.isdigit() for p in glued for c in p):
                terms += glued  # "f16s", "sm2s": the documents write "F-16s", "SM-2s"
                continue
            if _FIGURE_UNIT.match(w):
                continue  # a figure with a unit's letters ("2br", "3pm"): a detail, not a name
            parts = self._compound(w)
            if parts:
                terms += parts  # "ringfenced": the documents write "ring-fenced"
                continue
            unknown.append(w)  # no corpus word, no typo of one, no English word: a name
        terms = [t for t in dict.fromkeys(terms) if t not in base.name_terms or not speaker_ids]
        named_words = {w for w in read if w in naming or stem(w) in naming}
        entities = tuple(
            e
            for e in _capitalised(text)
            if normalise(e) not in named_words
            and not country(normalise(e))
            and not self._mentioned(e)
        )
        typed = _as_typed(text, [*unknown, *entities])
        return replace(
            base,
            text=text,
            terms=tuple(terms),
            speaker_ids=speaker_ids,
            name_terms=tuple(sorted(naming)) if speaker_ids else (),
            alternatives=alternatives,
            unknown=typed,
            unsure=tuple(w for w in typed if _maybe_no_name(w)),
            corrections=tuple(corrections),
            read_as=text,
            wants_figure=any(w in FIGURE_WORDS for w in ws) or bool(HOW_MEASURE.search(text)),
            wants_date=any(w in DATE_WORDS for w in ws),
            wants_name=any(w in NAME_WORDS for w in ws[:3]),
            wants_reason=asks_reason(text),
            # A role of a country the documents never name is noted by the country alone.
            role=None if speaker_ids or any(country(w) for w in unknown) else _role_asked(read),
            entities=(),
        )

    def _mentioned(self, name: str) -> bool:
        """Whether the documents use every word of a capitalised name as typed ("RC-135",
        "NASA's", "Jean-Pierre"), as a corpus word, a typo of one, or a speaker's name."""
        return all(
            self._known(stem(w))
            or w in self._name_words
            or w in self._role_words
            or self.speller.correct(w)
            or self._family_known(w)
            or (not _latin(w) and (self._stem_known(stem(w)) or stem(w) in self._name_stems))
            for w in words(name)
            if w not in STOP_WORDS
        )

    def _stem_known(self, term: str) -> bool:
        """A Russian name whose stem the stemmer cuts another way in another case ("Китаем" is
        "кита", "Китая" is "кит"): an index term one of them begins with, three letters or more."""
        return len(term) >= 3 and any(
            len(t) >= 3
            and (t.startswith(term) or term.startswith(t))
            and abs(len(t) - len(term)) <= 2
            for t in self.speller.terms
        )

    def _family_known(self, word: str) -> bool:
        """A demonym or derived form of a corpus word ("Venezuelan" beside "Venezuela"): a
        frequent index term shares its first FAMILY_PREFIX letters."""
        head = word[:FAMILY_PREFIX]
        return len(word) > FAMILY_PREFIX and any(t.startswith(head) for t in self.speller.terms)

    def _near(self, word: str, term: str, minimum: float) -> list[tuple[str, float]]:
        """Corpus terms near a word in meaning, leaving out its own family and word pieces."""
        if self.neighbours is None or word in self._name_words:
            return []
        out: list[tuple[str, float]] = []
        for n, sim in self.neighbours.nearest(word, PRECOMPUTED, minimum):
            if len(out) == NEIGHBOURS:
                break
            shown = self.neighbours.surface(n)
            if n == term or n[:5] == term[:5] or _shares_piece(shown, word):
                continue  # "sum" in "summit", "rest" in "arrest" and "unrest": pieces, not meanings
            out.append((n, sim))
        return out

    def _known(self, term: str) -> bool:
        """Whether the documents use the index term (any of them, not only the speller's)."""
        return term in self.speller.terms or self.idf(term) < self._max_idf

    @property
    def _max_idf(self) -> float:
        return self.idf("\x00never-a-term")

    def _corrected(self, word: str) -> str:
        """The word as the corpus spells it, if it is a misspelling of a corpus word; else ""."""
        if not word.isalpha() or self._known(stem(word)) or word in STOP_WORDS:
            return ""
        if word in QUESTION_WORDS:  # "сказал" is no typo of "Казани": it frames the question
            return ""
        if word in CHAT_WORDS.values() or country(word) or word in PERSON_WORDS:
            return ""
        if word in self._role_words or self._names_alike(word):
            return ""
        for form in _number_forms(word):  # "buses" and "bus" stem apart ("buse", "bus")
            if self._known(stem(form)):
                return form
        term = self.speller.correct(word)
        if not term:
            # A typo of an English word the documents never use: read as that word (a lay word).
            return common_word(word)
        return surface(term)

    def _names_alike(self, word: str) -> bool:
        """any(_similar_name(word, n) for n in the name words), comparing a plain word only
        with the name words whose length can pass speakers._similar's bound (2·min/sum ≥ 0.8:
        from 2/3 to 3/2 of its length; a letter wider either way)."""
        if len(word) < 5:
            return False  # _similar_name's own first test
        la = len(word)
        near = [
            n
            for lb in range(max(5, 2 * la // 3 - 1), 3 * la // 2 + 2)
            for n in self._names_by_length.get(lb, ())
        ]
        candidates = [*near, *self._other_names] if word.isalpha() else sorted(self._name_words)
        return any(_similar_name(word, n) for n in candidates)

    def _by_given_name(self, ws: list[str], text: str) -> tuple[tuple[str, ...], set[str]] | None:
        """A given name alone ("What did Cory say …", as a podcast's hosts call their guest), when
        exactly one speaker has it: written with a capital inside the question (not its first
        word: "Will the Minister …"), or a word no English list holds ("jerod")."""
        capitalised = {w.casefold() for w in re.findall(r"(?<=\s)[A-Z][a-z]+\b", text)}
        for w in ws:
            if len(w) < 3 or w in STOP_WORDS or (w not in capitalised and w in english()):
                continue
            holders = self._given.get(w, set())
            if len(holders) == 1:
                return (next(iter(holders)),), {w, stem(w)}
        return None

    def _by_party(self, ws: list[str]) -> tuple[tuple[str, ...], set[str]] | None:
        """Speakers named by their party ("the democrat", "the tory guy", "the labour mp"): those
        whose role holds the party's word or its abbreviation ("Democratic Congresswoman",
        "Huddersfield, Lab"); several are all named, as an office's holders are."""
        said = [w for w in ws if w in PARTIES]
        if not said:
            return None
        marks = {m for w in said for m in PARTIES[w]}
        found = tuple(
            sp.id
            for sp in self.speakers
            if not sp.is_publisher and marks.intersection(words(sp.role))
        )
        if not found:
            return None
        naming = {*said, *(w for w in ws if w in PERSON_WORDS)}
        return found, naming | {stem(w) for w in naming}

    def _by_short_surname(self, ws: list[str]) -> tuple[tuple[str, ...], set[str]] | None:
        """A two-letter surname ("Ek", "Xi"), when exactly one speaker has it."""
        for w in ws:
            if len(w) != 2 or w in STOP_WORDS or not w.isalpha():
                continue
            holders = [
                sp.id
                for sp in self.speakers
                if not sp.is_publisher and any(words(n)[-1:] == [w] for n in (sp.name, *sp.aliases))
            ]
            if len(holders) == 1:
                return (holders[0],), {w}
        return None

    def _compound(self, word: str) -> list[str]:
        """A compound typed as one word that the documents hyphenate or part ("ringfenced" for
        "ring-fenced", "airbase" for "air base"): the terms of its two parts, each a corpus word
        of MIN_PART letters or more; the longest first part that works. [] when none does."""
        if not (word.isascii() and word.isalpha()) or len(word) < 2 * MIN_PART:
            return []
        for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            head, tail = stem(word[:cut]), stem(word[cut:])
            if self._known(head) and self._known(tail):
                return [head, tail]
        return []

    def _by_role(self, ws: list[str]) -> tuple[tuple[str, ...], set[str]] | None:
        """Speakers named by title, country/demonym or "the <country> leader"; with naming words."""
        text = " " + " ".join(ws) + " "
        titles = [key for key in TITLES if f" {key} " in text]
        places = {country(w): w for w in ws if country(w)}
        if (
            not titles
            and not places
            and not self._role_triggers.intersection(ws)
            and not any(len(w) >= 5 and w[:5] in self._body_prefixes for w in ws)
        ):
            return None  # nothing in the question can name anyone by role (the common case)
        matches: dict[str, set[str]] = {}
        for i, (sp, _, _, _, own_country, acronyms) in enumerate(self._roles):
            place_hit = {w for p, w in places.items() if p == own_country}
            place_hit |= acronyms.intersection(ws)
            if not own_country:  # "the Collective Security Treaty Organisation": the CSTO
                body = self._body_words[i]
                place_hit |= {w for w in ws if len(w) >= 5 and any(_same_stem(w, p) for p in body)}
            held = self._role_titles[i]
            title_hit = [key for key in titles if key in held]
            for own_title in self._own_titles[i]:  # never "the" alone
                own = " ".join(own_title)
                if (
                    own_title
                    and all(t in ws for t in own_title)
                    # "the Prime Minister" names no "Minister of Housing": a longer title the
                    # question names, ending in this one, that the role does not hold.
                    and not any(
                        k != own and k.endswith(" " + own) and k not in held for k in titles
                    )
                ):
                    title_hit.append(own)
            if title_hit and place_hit:
                matches[sp.id] = {*place_hit, *(w for key in title_hit for w in key.split())}
            elif (
                title_hit
                and not places
                and all(
                    len(self._holders.get(key, [sp])) == 1 for key in title_hit if key in TITLES
                )
            ):
                matches[sp.id] = {w for key in title_hit for w in key.split()}
            elif place_hit and any(
                ws[i] in PERSON_WORDS and any(ws[j] in place_hit for j in range(max(0, i - 2), i))
                for i in range(len(ws))
            ):
                matches[sp.id] = {*place_hit, *(w for w in ws if w in PERSON_WORDS)}
            elif (
                not places
                and len(self._body_words[i]) >= 2
                and all(any(_same_stem(w, p) for w in ws) for p in self._body_words[i])
            ):
                # The body's whole name ("what did the Transportation Safety Board find"): the
                # one speaker who speaks for it, as a witness does.
                matches[sp.id] = place_hit
        if not matches:
            return None
        # "the Kazakh leader" names one person; several matches of a bare title are ambiguous.
        if len(matches) > 1 and not places:
            return None
        return tuple(matches), {stem(w) for n in matches.values() for w in n} | {
            w for n in matches.values() for w in n
        }

    # -- follow-ups ----------------------------------------------------------------------------
    def _in_context(self, own: Query, before: Query, before_text: str) -> Query:
        """A follow-up fragment completed with the previous question's topic and speaker."""
        ws = set(words(own.text))
        speaker_ids, name_terms = own.speaker_ids, own.name_terms
        terms = list(own.terms)
        faced = self._counterparts
        other = _OTHER.search(own.text) if faced is not None else None
        if before.speaker_ids and other and faced is not None:
            # "and the other guy?": not the speaker asked about before; one the question names
            # ("the other senator"), else the one they face (Answerer._counterparts).
            others = tuple(s for s in own.speaker_ids if s not in before.speaker_ids)
            speaker_ids = others or faced(before.speaker_ids)
            name_terms = own.name_terms if others else ()
            naming = {*own.name_terms, *(stem(w) for w in words(other.group()))}
            terms = [t for t in terms if t not in naming]
        elif ws & _THIRD_PERSON and before.speaker_ids and own.speaker_ids != before.speaker_ids:
            # "why did *he* thank Putin": he is the previous speaker; Putin is now a topic.
            terms += [t for t in own.name_terms if t not in terms]
            speaker_ids, name_terms = before.speaker_ids, before.name_terms
        elif _bare(own):
            # "why?", "when?": nothing of its own but the kind of answer; the same statement.
            speaker_ids, name_terms = before.speaker_ids, before.name_terms
        weights = dict(own.weights)
        carried = [t for t in before.terms if t not in terms]
        # The fragment's own words lead: carried-over terms count as at most CONTEXT_SHARE of them.
        scale = min(1.0, CONTEXT_SHARE * len(terms) / len(carried)) if terms and carried else 1.0
        for t in carried:
            terms.append(t)
            weights[t] = CONTEXT_WEIGHT * scale
        alternatives = {**before.alternatives, **own.alternatives}
        return replace(
            own,
            terms=tuple(terms),
            weights=weights,
            speaker_ids=speaker_ids,
            name_terms=name_terms,
            alternatives=alternatives,
            read_as=own.text + SEPARATOR + before_text,
            context=tuple(carried),
            wants_figure=own.wants_figure,
            wants_date=own.wants_date,
            wants_name=own.wants_name,
            wants_reason=own.wants_reason,
        )


def _bare(query: Query) -> bool:
    """Whether a message names nothing of its own: no term, no speaker ("why?", "when?")."""
    return not query.terms and not query.speaker_ids and not query.unknown


def continues(text: str) -> bool:
    """Whether a message opens like a fragment of a conversation ("and Mendes?", "what about")."""
    return bool(_CONTINUES.match(text))


def _follows(text: str, own: Query) -> bool:
    """Whether a message reads as a follow-up of the previous question."""
    ws = words(text)
    if _CONTINUES.match(text) or _OTHER.search(text):
        return True
    if set(ws) & _BACK_REFERENCE and not own.unknown:
        return True
    if own.speaker_ids:
        return False
    # One word, or only words too common to name a topic: "how many went back" after "how many
    # refugees are in Turkey".
    return len(own.terms) <= 1 or (
        not own.unknown and all(t in everyday_terms() for t in own.terms)
    )


@lru_cache(maxsize=1)
def everyday_terms() -> frozenset[str]:
    """The stems of the EVERYDAY commonest English words ("go", "back", "get", "make")."""
    return frozenset(stem(w) for w in common_words(EVERYDAY, 2))


def _maybe_no_name(word: str) -> bool:
    """Whether a word the documents never use may name nothing they lack: an acronym typed in
    capitals ("PBO", where they write "Parliamentary Budget Officer"), an office's abbreviation
    ("cfo"), or a word typed in lower case one letter from English words ("shuting"). A number
    or a country is what it says."""
    word = re.sub(r"['’]s$", "", word)  # "the DA's office"
    low = word.casefold()
    if not word.isalpha() or country(low):
        return False
    if word.isupper() and 2 <= len(word) <= 5:
        return True
    return low in TITLES or (word.islower() and near_common(word))


def _as_typed(text: str, found: list[str]) -> tuple[str, ...]:
    """Each word once, in the order of the question, spelt as typed ("McDougal", not also
    "mcdougal"): one note names each thing the documents never mention once."""

    def key(w: str) -> str:
        return re.sub(r"['’]s$", "", w.casefold())

    typed: dict[str, str] = {}
    for w in re.findall(r"[^\W_][\w'’-]*", text):  # a capitalised spelling is preferred
        if typed.setdefault(key(w), w).islower() and not w.islower():
            typed[key(w)] = w
    out: dict[str, str] = {}
    for w in found:
        out.setdefault(key(w), typed.get(key(w), w))
    position = {k: i for i, k in enumerate(typed)}
    return tuple(out[k] for k in sorted(out, key=lambda k: position.get(k, len(position))))


def _shares_piece(a: str, b: str) -> bool:
    """Whether one word holds the other, or both hold the same PIECE letters: word vectors built
    from word pieces find such words near whatever their meaning ("arrest" ~ "unrest"). Words
    that open alike are one family, not pieces ("decide" ~ "decision")."""
    if a in b or b in a:
        return True
    if a[:PIECE] == b[:PIECE]:
        return False
    return any(a[i : i + PIECE] in b for i in range(len(a) - PIECE + 1))


def _role_asked(ws: list[str]) -> RoleAsked | None:
    """The role a question names by a title and one country ("new prime minister of kz", "the
    french president"), for a question that names no speaker: the documents may still name its
    holder in a passage, else they never mention one."""
    text = " " + " ".join(ws) + " "
    titles = [key for key in TITLES if f" {key} " in text]
    places = {country(w) for w in ws if country(w)}
    if not titles or len(places) != 1:
        return None
    place = places.pop()
    phrases = sorted({p for key in titles for p in TITLES[key]})
    title = "|".join(r"\W+".join(map(re.escape, p.split())) for p in phrases)
    forms = "|".join(r"\W+".join(map(re.escape, f.split())) for f in names_of(place))
    pattern = (
        rf"\b(?:(?:{title})(?:\W+\w+){{0,3}}?\W+of\W+(?:the\W+)?(?:republic\W+of\W+)?(?:{forms})"
        rf"|(?:{forms})\W+(?:{title}))\b"
    )
    terms = tuple(dict.fromkeys(stem(w) for p in (*phrases, place) for w in p.split()))
    return RoleAsked(f"a {TITLES[titles[0]][0]} of {place.title()}", terms, pattern)


def _office_of_country(ws: list[str]) -> bool:
    """Whether an office word stands qualified by a country: the country just before it ("the
    russian minister", "kz's foreign minister") or after it through "of"/"for" ("the prime
    minister of kz")."""
    for i, w in enumerate(ws):
        if w not in OFFICE_WORDS:
            continue
        if any(country(v) for v in ws[max(0, i - 2) : i]):
            return True
        after = ws[i + 1 : i + 4]
        while after and after[0] in ("of", "for", "the"):
            after = after[1:]
            if after and country(after[0]):
                return True
    return False


def _latin(word: str) -> bool:
    return all("LATIN" in unicodedata.name(c, "") for c in word if c.isalpha())


def _holds(sp: Speaker, phrases: tuple[str, ...]) -> bool:
    role = " " + " ".join(words(sp.role)) + " "
    return not sp.is_publisher and any(in_role(role, p) for p in phrases)


def _offices(title: str) -> list[list[str]]:
    """The words of each office a title joins ("the trefnydd and chief whip": ["trefnydd"],
    ["chief", "whip"]); after the first, only a part with an office's word is one ("social
    care" in "cabinet secretary for health and social care" is not)."""
    parts = [p for p in re.split(r",|\band\b", title) if p.strip()]
    out = []
    for i, part in enumerate(parts or [title]):
        own = [t for t in part.split() if t not in STOP_WORDS]
        if own and (i == 0 or _PART_OFFICES.intersection(own)):
            out.append(own)
    return out


_PART_OFFICES = OFFICE_WORDS | {"chief", "whip", "head", "director", "leader", "deputy", "officer"}


def _same_stem(a: str, b: str) -> bool:
    """A place and its demonym: "Belarus"/"Belarusian", "Kazakhstan"/"Kazakh"."""
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 5 and long_.startswith(short[: max(5, len(short) - 1)])


def _number_forms(word: str) -> list[str]:
    """The other grammatical number of an English noun, where the Snowball stemmer gives the two
    different stems ("buses"/"bus", "crises"/"crisis", "viruses"/"virus")."""
    if not word.isascii() or len(word) < 3:
        return []
    forms = []
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("es"):
        forms += [word[:-2], word[:-2] + "is"]
    if word.endswith("is"):
        forms.append(word[:-2] + "es")  # "crisis": "crises"
    elif word.endswith("s") and not word.endswith(("ss", "us")):
        forms.append(word[:-1])
    else:
        forms += [word + "es", word + "s"]
    return forms


def _similar_name(word: str, name: str) -> bool:
    return len(word) >= 5 and same_person(word, name)
