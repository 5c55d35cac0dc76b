"""Compose an Answer: rank passages, decide relevance from evidence (confident, closest or
nothing), cut quotes, merge duplicates, set differing figures side by side."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from heapq import heappop, heappush
from itertools import pairwise
from pathlib import Path
from typing import Any

from ..bounded import Bounded
from ..model import Answer, Citation, Passage, Quote, Span
from ..questions.query import Query, RoleAsked, check_question
from ..questions.question import (
    HOW_MEASURE,
    SEPARATOR,
    QuestionReader,
    continues,
    everyday_terms,
)
from ..questions.roles import OFFICE_TERMS, holds
from ..questions.semantic import kin, model, similarities
from ..questions.spelling import common_speller, prepare_surface
from ..search.bm25 import Hit, Retriever
from ..search.library import Library, Source
from ..tokenize import tokens
from .answer_kinds import (
    REFERENCE,
    date_asked,
    defines,
    first_mentions,
    kind_asked,
    name_asked,
    names_in,
    names_other,
)
from .asked import ASKED_SCORE, UNIT_CHARS, about_asking, reply_to
from .exchange import Exchanges, is_short
from .figures import DATE, FIGURE, figures_near, side_by_side, stated
from .memo import PassageMemo, Terms, on_text
from .quotes import best_window
from .reasons import gives_reason
from .testimony import Testimony

SPELLER_TERMS = SEMANTIC_TERMS = 10_000  # see spelling.MAX_TERMS / semantic.MAX_TERMS
RERANK_TOP = 10  # a follow-up's best candidates re-scored by meaning …
RERANK_WEIGHT = 4.0  # … score × (1 + this × cosine similarity)
FIGURE_BONUS = 1.0  # × the question's most informative term, for a figure beside its words
# … and for a date beside them in a "when" question: a date seldom stands beside a question's words
# by chance (a number does: counts, list numbers), so it outweighs a short passage's phrase bonus.
DATE_BONUS = 2.0
LIST_BONUS = 1.0  # … and for a list of names in a "which <kind>" question whose kind word is absent
REASON_BONUS = 1.0  # … and for a stated reason ("because …") in a why-question (see reasons.py)
ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth", "last", "next", "final"})
TOKEN_CACHE = 5_000  # passages whose terms are remembered between questions
ROLE_HITS = 20  # passages searched for a role no speaker holds (see _names_role)
CANDIDATES = 50  # passages considered per question before relevance checks
TOPIC_TERMS = 200  # the corpus's most common terms, for "what did X say?" with no topic
MIN_COVERAGE = 0.6  # share of the question's information (IDF-weighted terms) a quote must contain
UNQUANTIFIED = (
    MIN_COVERAGE - 0.01
)  # the most a passage stating no quantity holds of a "how many" question
# … and it scores this share: among the closest passages, those that could state the answer first.
UNSTATED_SCORE = 0.5
CLOSEST_COVERAGE = 0.2  # below a confident answer, a "closest passage" must still hold this share
MIN_RELATIVE_SCORE = 0.3  # later quotes must score at least this fraction of the best one
VARIANT_WEIGHT = 0.5  # a word-family variant ("conclusion" for "conclude") searches at half weight
VARIANT_CREDIT = 0.7  # … and holds 70 % of the word's information (alone, enough for an answer)
PHRASE_WEIGHT = 1.0  # bonus per pair of consecutive question words found close together, × IDF
PHRASE_WINDOW = 3  # "close": at most this many content words apart, in the question's order
ANSWER_TYPE_WEIGHT = 0.3  # "which *towns*": the word names the kind of answer, seldom in it
CONTEXT_CREDIT = 0.5  # a word found only in a short passage's exchange holds half its share …
CONTEXT_WEIGHT = 0.5  # … and adds half its IDF to the score (see exchange.py)
# A word of the title of a text nobody speaks (a decree, an article): what all of it is about,
# so more than a neighbouring turn (measured: 0.7-0.9 alike on every set; 0.5 left a decree's
# amendment note under the bar, 1.0 answered a chat abstain question confidently)
TITLE_CREDIT = 0.75
# A word of the question put just before a reply (see exchange.py): it names what the reply is
# about, as a title does its text (measured: 0.7-1.0 alike on every set; at 0.5 a guest's answer
# to "who's pushing for DRM in the open web?" stayed under the bar)
QUESTION_CREDIT = 0.75
EXPAND_TOP = 10  # the short passages after this many best hits are candidates too
# A number in words also states an amount ("forty-four per cent", "a dollar twenty-five").
# A small number in words is an amount with a unit after it ("three point five miles", "two
# and a half hours", "five years"); alone ("three of them") it is only a quantity.
_NUMBER_WORDS = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"(?:thir|four|fif|six|seven|eigh|nine)teen"
)
_SMALL = rf"(?:one|{_NUMBER_WORDS})"
_UNIT = (
    r"(?:miles?|kilometres?|kilometers?|km|metres?|meters?|feet|foot|inches|yards?|hours?|"
    r"minutes?|seconds?|days?|weeks?|months?|years?|decades?|dollars?|euros?|pounds?|"
    r"roubles?|rubles?|tons?|tonnes?|kilos?|kilograms?|litres?|liters?|gallons?|acres?|"
    r"hectares?|percent|per\s?cent|points?)"
)
AMOUNT = re.compile(
    FIGURE.pattern + r"|\b(?:(?:twen|thir|for|fif|six|seven|eigh|nine)ty|hundred|"
    r"thousand|million|billion|trillion|dozen|per\s?cent)\b"
    rf"|\b{_SMALL}(?:\s+point\s+{_SMALL}|\s+and\s+an?\s+half)?[\s-]+{_UNIT}\b",
    re.IGNORECASE,
)
# Any statement of a quantity: an amount, a small number in words or a quantifier ("all member
# states", "several", "none"). A "how many/much" question's confident answer states one.
QUANTITY = re.compile(
    AMOUNT.pattern + rf"|\b(?:{_NUMBER_WORDS}|dozens|several|many|few|all|none|every|no)\b",
    re.IGNORECASE,
)
# Three or more capitalised names in a comma-separated list ("Iraq, Libya, Syria").
_ENUMERATION = re.compile(r"(?:\b[A-Z][\w'-]+,\s+){2,}(?:and\s+)?[A-Z][\w'-]+")


# "Who is the director?", "who's Karin Holm", "кто такой Песков": asks who a speaker is.
_WHO_IS = re.compile(r"^\s*(?:who\s+is|who's|who\s+was|кто\s+так(?:ой|ая|ие))\b", re.IGNORECASE)


# The parts of those who put the questions in a debate, an interview or a chamber.
_CHAIRS = (
    "moderator",
    "host",
    "anchor",
    "presenter",
    "interviewer",
    "chair",
    "presiding officer",
    "convener",
    "speaker",
)
# A question about what someone said, thought or answered (not a fact about them).
# … or what they would do, plan or want: "How would Senator Hale pay for …", "Does Hale's ticket
# intend to repeal …", "okafor plan for soc sec": their answer to the question put to them.
_INTENT = re.compile(
    r"\b(?:would|plans?|proposals?|proposes?|proposed|intends?|intended|wants?|wanted|"
    r"supports?|opposes?|stance|going to)\b",
    re.IGNORECASE,
)
_SAYS = re.compile(
    r"\b(?:say|says|said|saying|think|thinks|thought|believe|believes|view|views|position|stance|"
    r"opinion|feel|feels|respond|responded|response|answer|answered|reply|replied|argue|argued|"
    r"claim|claimed|announce|announced|promise|promised|pledge|pledged|commit|committed|"
    r"offer|offered|propose|proposed|explain|explained|admit|admitted|tell|told|"
    r"rule|ruled|decide|decided)\b|сказал|говорил|счита|ответил|заявил|пообещал|объяснил",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Candidate:
    hit: Hit
    present: frozenset[str]
    coverage: float
    answer: Passage | None = None  # a question put to the named speaker: their reply (testimony.py)


class Answerer:
    """Answers questions from one corpus (any Library) through any Retriever."""

    def __init__(
        self,
        corpus: Library,
        retriever: Retriever,
        k: int = 3,
        semantic: bool = True,
        cache: Path | None = None,
    ) -> None:
        """`cache`: the index generation the question reader's tables are saved in and loaded
        from (see reader_cache.py); None builds them in memory."""
        self.corpus = corpus
        self._cache = cache
        # A question the documents answer, for a refusal's "e.g." (the bot sets it: examples.py);
        # None: refusals offer no example.
        self.example_source: Callable[[], str] | None = None
        self.retriever = retriever
        self.k = k
        self._languages: set[str] | None = None
        self._semantic = semantic
        self._reader: QuestionReader | None = None
        # What a candidate's relevance check reads from it, derived once per passage (memo.py).
        # A passage's terms: those the index stored at build time, else its text tokenised.
        self._terms = PassageMemo(lambda p: Terms.of(p, corpus.stored_terms(p)), TOKEN_CACHE)
        self._context = PassageMemo(self._context_terms, TOKEN_CACHE)
        self._enumeration = on_text(lambda text: bool(_ENUMERATION.search(text)), TOKEN_CACHE)
        self._reason = on_text(gives_reason, TOKEN_CACHE)
        # … and by a pattern (a date, a day, an amount; a person's name, a place): one memo each.
        self._by_pattern: dict[tuple[str, re.Pattern[str]], PassageMemo[Any]] = {}
        self._titles: Bounded[str, frozenset[str]] = Bounded(TOKEN_CACHE)
        self._families: Bounded[str, frozenset[str]] = Bounded(TOKEN_CACHE)  # see _family
        self._exchanges = Exchanges(corpus)
        self._topic: dict[str, float] | None = None  # see _said_by
        self._testimony = Testimony(corpus, self._exchanges)
        # The speller and the word vectors take a second or two on a large archive: built beside
        # the start-up (opening the index stays fast), and the first question waits for them.
        # Not a daemon: a process that exits at once (a bad setting) waits for it rather than
        # killing it inside native code, which aborts the interpreter.
        self._building = threading.Thread(target=self._build_reader, name="question-reader")
        self._building.start()

    def _build_reader(self) -> None:
        vocabulary = self.retriever.vocabulary(max(SPELLER_TERMS, SEMANTIC_TERMS))
        self._reader = QuestionReader(
            self.corpus.speakers.values(),
            vocabulary,
            self.retriever.idf,
            self._semantic,
            self._cache,
            self._counterparts,
        )

    def _counterparts(self, speaker_ids: tuple[str, ...]) -> tuple[str, ...]:
        """The speaker the given ones face ("and the other guy?"): in the documents where they
        speak, the person who says the most besides them, a voice nobody names and a publisher
        left out, and so is a moderator, a host or a chair; none if there is nobody else."""
        said = self.corpus.said_with(set(speaker_ids))
        people = [
            s
            for s in sorted(said, key=lambda s: -said[s])
            if not self.corpus.speakers[s].anonymous
            and not self.corpus.speakers[s].is_publisher
            and not holds(self.corpus.speakers[s], _CHAIRS)  # who asks, not who is faced
        ]
        return tuple(people[:1])

    @property
    def reader(self) -> QuestionReader:
        """The question reader for this corpus, built on first use (speller, word embeddings)."""
        if self._reader is None:
            self._building.join()
            if self._reader is None:  # the build failed in its thread: fail here, loudly
                self._build_reader()
        assert self._reader is not None
        return self._reader

    def prepare(self) -> None:
        """Build now what the first questions would otherwise wait for (the question reader,
        its speller's lookup structure, the common-English speller and its sorted word list, the
        word-embedding model and its vocabulary's table of nearest terms):
        a server calls it once it starts; a process that answers one question does not."""
        reader = self.reader
        getattr(self.retriever, "prepare", lambda: None)()  # an engine's own lookup structures
        reader.speller.prepare()
        common_speller()  # typos of common English words the documents never use
        prepare_surface()  # the readable words of index stems (spelling.surface)
        everyday_terms()  # what a follow-up of everyday words is read against (question.py)
        if reader.neighbours is not None:
            model()
            reader.prepare_neighbours()

    def read(self, question: str, previous: str | None = None) -> Query:
        """The one reading of a question (see question.QuestionReader)."""
        return self.reader.read(question, previous)

    def ask(
        self, question: str, k: int | None = None, offset: int = 0, previous: str | None = None
    ) -> Answer:
        """The best `k` quotes after the first `offset`, or an Answer with none and the reason.

        Three outcomes: confident quotes; else the closest passages (Answer.closest, abstained
        still true); else nothing. `previous` is the chat's previous question as this answerer
        read it (its Answer.read_as): a follow-up fragment ("and Lukashenko?") is read in its
        context, and the Answer's read_as is what to pass as `previous` next time.
        """
        k = self.k if k is None else k
        problem = check_question(question, self.languages)
        if problem and previous and not check_question(question, self.languages, in_context=True):
            # "why?", "when?", "how many?" after a question: its words, asked another way.
            query = self.read(question, previous)
            if SEPARATOR in query.read_as and query.terms:
                problem = ""
        if problem and self.example_source is not None:
            example = self.example_source()  # asked only when a refusal can offer it
            problem = check_question(question, self.languages, example=example)
        if problem:
            return Answer(question, problem=problem)
        query = self.read(question, previous)
        if query.role and not self._names_role(query.role):
            query = replace(query, unknown=(*query.unknown, query.role.text))
        named = ", ".join(self.corpus.speakers[s].name for s in query.speaker_ids)
        n = offset + k
        notes: tuple[str, ...] = ()
        if query.unknown:
            # About something the documents never name: at most the closest passages, never an answer.
            notes = (f"My documents never mention {', '.join(query.unknown)}.",)
        # One pass over the candidates gives both the confident quotes and the closest passages.
        follow_up = SEPARATOR in query.read_as
        found = self._candidates(query, CANDIDATES if follow_up else n, _closest(), MIN_COVERAGE)
        if (
            query.speaker_ids
            and not query.terms
            and not query.unknown
            and not follow_up
            and not continues(question)
        ):
            # "What did Putin say?": no topic, so the speaker's fullest passages answer. A fragment
            # with no chat before it ("and Mendes?") has lost its topic: it gets nothing.
            found = self._said_by(query.speaker_ids, n)
            end = "" if named.endswith(".") else "."  # "Трутнев Ю.П." ends its own sentence
            note = f"No topic asked: the fullest passages of {named}{end}"
            if _WHO_IS.match(question):
                # "who is the director?": who holds it, as the documents name them.
                who = "; ".join(self._with_role(s) for s in query.speaker_ids)
                note = f"In my documents: {who.rstrip('.')}. Their fullest passages:"
            notes = (note,) if found else ()
        if follow_up:
            found = self._by_meaning(query, found)
        quotes = (
            []
            if query.unknown
            else self._dedupe(_ranked([c for c in found if c.coverage >= MIN_COVERAGE]), n)
        )
        if not quotes and query.speaker_ids and not query.unknown:
            # Nothing the speaker said answers; a question put to them, with their short reply,
            # may (an examination: "Q August 13, 2018; does that sound right? A Yes.").
            asked = self._candidates(query, n, _closest(), MIN_COVERAGE, put_to=True)
            if any(c.answer is not None for c in asked):
                found = self._by_meaning(query, asked) if follow_up else asked
                quotes = self._dedupe(_ranked([c for c in found if c.coverage >= MIN_COVERAGE]), n)
        if not quotes and query.speaker_ids and not query.unknown:
            # Nor does a question put to them with their short reply: what was put to them may
            # (a host giving the guest's talk title and asking about it; see testimony.py).
            to_them = [
                c
                for c in self._candidates(
                    replace(query, speaker_ids=()),
                    CANDIDATES,
                    MIN_COVERAGE,
                    MIN_COVERAGE,
                    replies=False,
                )
                if self._testimony.said_to(c.hit.passage, query.speaker_ids)
            ]
            # Asked what they said ("what did the other guy say about Ukraine?"), the reply to
            # what was put to them is what they said to it: it is quoted instead (a short one
            # with the question, as one unit). Asked a fact ("the title of Doctorow's keynote"),
            # the question put to them states it.
            replied = (
                [self._their_reply(c, query.speaker_ids, query.terms) for c in to_them]
                if _SAYS.search(query.read_as or question) or _INTENT.search(question)
                else [None] * len(to_them)
            )
            quotes = self._dedupe(
                _ranked([r or c for r, c in zip(replied, to_them, strict=True)]), n
            )
            if quotes and any(replied):
                notes = (
                    f"Nothing {named} said names it; showing the reply to a question put to "
                    "them about it.",
                )
            elif quotes:
                notes = (f"Nothing {named} said matches; showing what was put to them.",)
        wider: list[_Candidate] = []
        if not quotes and query.speaker_ids:
            # The named speaker never said it; reports about them in other sources may have, and
            # a quote from another source must name the speaker.
            wide = replace(query, terms=query.terms + query.name_terms, speaker_ids=())
            # An office's word ("the Minister", "the judge") is how everyone in the room addresses
            # its holder: another member's speech naming it is no report of what they said.
            naming = set(query.name_terms) - OFFICE_TERMS
            wider = self._candidates(wide, n, _closest(), MIN_COVERAGE)
            if not query.unknown:
                quotes = [
                    q
                    for q in self._dedupe(
                        _ranked([c for c in wider if c.coverage >= MIN_COVERAGE]), n
                    )
                    if set(q.terms) & naming
                ]
                if quotes:
                    notes = (f"Nothing {named} said matches; showing other sources.",)
        closest: list[Quote] = []
        # A question of names alone, or about something the documents never name, has no
        # closest passage: the note is the reply. A number they never give is a detail, not the
        # subject, and a word that may be no name (an acronym, an office, a typo) may be only the
        # asker's wording: those keep their closest passages, below the note.
        unnamed = any(not w.isdigit() and w not in query.unsure for w in query.unknown)
        if not quotes and query.terms and not unnamed:
            closest = self._dedupe(_ranked(found), n)
            if not closest and query.speaker_ids:
                # The named speaker's nearest words, though they hold little of the question,
                # before anyone else's (a question about one person is about their words).
                low = self._candidates(query, n, CLOSEST_COVERAGE / 2, MIN_COVERAGE)
                closest = self._dedupe(_ranked(low), n)
            closest = closest or self._dedupe(_ranked(wider), n)
        if quotes and len(quotes) < n and not query.unknown:
            # Fewer confident quotes than asked for: the next nearest passages follow them, as
            # closest passages (not a direct answer), so a narrow answer is not the only one seen.
            closest = self._dedupe(_ranked(found), n - len(quotes), skip=quotes)
        # The page: the quotes after `offset`, then the closest passages after what came before.
        page_closest = closest[max(0, offset - len(quotes)) :] if quotes else closest[offset:]
        if query.wants_figure:
            searched = {*query.terms, *(a for alts in query.alternatives.values() for a, _ in alts)}
            differ = side_by_side(quotes[offset:] or page_closest, sorted(searched))
            notes = notes + ((differ,) if differ else ())
        return Answer(
            question,
            tuple(quotes[offset:]),
            speaker_filter=named,
            notes=notes,
            closest=tuple(page_closest),
            read_as=query.read_as or question,
        )

    def _said_by(self, speakers: tuple[str, ...], n: int) -> list[_Candidate]:
        """A speaker's fullest passages, for a question naming them and no topic: searched by the
        corpus's TOPIC_TERMS most common terms, so a long passage of substance leads and a
        greeting or a "Thank you." does not."""
        if self._topic is None:
            self._topic = {t: 1.0 for t, _ in self.retriever.vocabulary(TOPIC_TERMS)}
        hits = self.retriever.search(self._topic, speakers, n)
        return [
            _Candidate(h, self._terms(h.passage).distinct & self._topic.keys(), 1.0) for h in hits
        ]

    def _with_role(self, speaker_id: str) -> str:
        """ "Mark Ellis, Director": a speaker as a citation names them."""
        speaker = self.corpus.speakers[speaker_id]
        return f"{speaker.name}, {speaker.role}" if speaker.role else speaker.name

    def _names_role(self, role: RoleAsked) -> bool:
        """Whether a passage names the role (title and country together): among the ROLE_HITS
        best passages for its words, so the check costs one search at any size."""
        found = re.compile(role.pattern, re.IGNORECASE)
        hits = self.retriever.search(dict.fromkeys(role.terms, 1.0), None, ROLE_HITS)
        return any(found.search(hit.passage.text) for hit in hits)

    @property
    def languages(self) -> set[str]:
        """The languages the documents are in (a question in another one is refused)."""
        if self._languages is None:
            self._languages = {s.meta.language or "en" for s in self.corpus.sources.values()}
        return self._languages

    def quotes(self, query: Query, n: int, minimum: float | None = None) -> list[Quote]:
        """Up to n relevant, de-duplicated quotes holding `minimum` of the question, best first."""
        return self._dedupe(self._relevant(query, n, minimum), n)

    def _by_meaning(self, query: Query, found: list[_Candidate]) -> list[_Candidate]:
        """A follow-up's best candidates re-scored by their meaning's nearness to the question
        read in context (static embeddings; see semantic.py): "and what did he say about it"
        shares few words with its answer. Only the RERANK_TOP best are embedded, at any size."""
        if not self._semantic or not found:
            return found
        top = sorted(found, key=lambda c: -c.hit.score)[:RERANK_TOP]
        text = ". ".join(query.read_as.split(SEPARATOR))
        sims = similarities(text, [(c.hit.passage.id, c.hit.passage.text) for c in top])
        boost = {id(c): 1 + RERANK_WEIGHT * max(sim, 0.0) for c, sim in zip(top, sims, strict=True)}
        return [
            replace(c, hit=Hit(c.hit.passage, c.hit.score * boost.get(id(c), 1.0))) for c in found
        ]

    def _dedupe(
        self, candidates: list[_Candidate], n: int, skip: list[Quote] | None = None
    ) -> list[Quote]:
        """The quotes of the first n candidates that are not the same paragraph again (nor one
        of the passages already quoted in `skip`)."""
        out: list[Quote] = []
        seen: set[str] = set()
        for quote in skip or ():
            seen.add(quote.citation.passage_id)
            seen.update(self.corpus.duplicates.get(quote.citation.passage_id, ()))
        for cand in candidates:
            pid = cand.hit.passage.id
            if pid in seen or (skip and _within(cand.hit.passage, skip)):
                continue
            seen.add(pid)
            seen.update(self.corpus.duplicates.get(pid, ()))
            if cand.answer is not None:
                seen.add(cand.answer.id)
            out.append(self._quote(cand))
            if len(out) == n:
                break
        return out

    def _family(self, term: str) -> frozenset[str]:
        """The index terms of a term's word family: sharing its first letters ("conclud" and
        "conclus") and, with word vectors, near it in meaning — "intern" opens "internet",
        "internal" and "international" alike, which are no family. A word outside plain ASCII
        (another script: "указ", "указов") keeps its prefix family: the vectors rank such words
        less well (see the lay words in question.py)."""
        variants = self.retriever.variants(term)
        neighbours = self.reader.neighbours if self._semantic else None
        if not variants or neighbours is None or not term.isascii():
            return frozenset(variants)
        found = self._families.get(term)
        if found is None:
            near = kin(
                neighbours.surface(term),
                [neighbours.surface(v) for v in variants],
                known=neighbours,
            )
            found = frozenset(v for v, ok in zip(variants, near, strict=True) if ok)
            self._families.put(term, found)
        return found

    def _unseen(self, term: str) -> bool:
        """True if neither the term nor any word of its family occurs in the corpus."""
        return self.retriever.idf(term) >= self._max_idf and not self.retriever.variants(term)

    @property
    def _max_idf(self) -> float:
        return self.retriever.idf("\x00never-a-term")

    def _weight(self, term: str, query: Query) -> float:
        """A question term's share of the evidence: its IDF (a lay word: its nearest corpus
        word's), less for answer-type words and for terms carried over from a previous question."""
        alternatives = query.alternatives.get(term, ())
        if alternatives and self._unseen(term):
            weight = max(self.retriever.idf(a) for a, _ in alternatives)
        elif self._unseen(term):
            # A word the documents never use and nothing near it: it counts like the question's
            # most informative word found in them, not as the rarest possible one (one odd word
            # must not sink a good answer, yet "football club" is not answered by "support").
            known = [self.retriever.idf(t) for t in query.terms if not self._unseen(t)]
            weight = max(known, default=self._max_idf)
        else:
            weight = self.retriever.idf(term)
        if term in query.answer_types:
            weight *= ANSWER_TYPE_WEIGHT
        return weight * query.weights.get(term, 1.0)

    def _relevant(
        self, query: Query, n: int = CANDIDATES, minimum: float | None = None
    ) -> list[_Candidate]:
        """Hits that carry `minimum` of the question's information, best first."""
        minimum = MIN_COVERAGE if minimum is None else minimum
        return _ranked(self._candidates(query, n, minimum, minimum))

    def _candidates(
        self,
        query: Query,
        n: int,
        floor: float,
        settle: float,
        put_to: bool = False,
        replies: bool = True,
    ) -> list[_Candidate]:
        """Hits holding at least `floor` of the question's information, in BM25 order; with
        `put_to`, the questions put to the named speakers as well (see testimony.py); with
        `replies`, a question asked in a document yields to its reply (see asked.py).

        Only as many as the first `n` distinct quotes holding `settle` need: hits come in BM25
        order, and a hit's final score is at most its BM25 score plus every phrase bonus, so once
        `n` such quotes are certain to score above that, the rest (whose tokenising dominates the
        answer path on a large archive) cannot change them. The exchange context's bonus (see
        exchange.py) is left out of that bound: counted in, it examined every hit and cost the
        seeds' answer path a millisecond at p50 (2.6 -> 3.5 ms), for no change on any question
        set; a short turn whose context outscores the settled quotes may thus go unseen.
        """
        terms = list(query.terms)
        if not terms:
            return []
        idf = self.retriever.idf
        family = {t: self._family(t) for t in dict.fromkeys(terms)}
        # Sorted: the order of the terms is the order scores are summed in, and sums of floats
        # in a set's (per-process) order could break near-ties differently from run to run.
        own = query.weights
        weights = {v: VARIANT_WEIGHT * own.get(t, 1.0) for t in family for v in sorted(family[t])}
        for t in family:
            for a, sim in query.alternatives.get(t, ()):
                weights[a] = max(weights.get(a, 0.0), sim * own.get(t, 1.0))
        weights.update(
            {
                t: (ANSWER_TYPE_WEIGHT if t in query.answer_types else 1.0) * own.get(t, 1.0)
                for t in family
            }
        )
        alternatives = {t: dict(query.alternatives.get(t, ())) for t in family}
        share = {t: self._weight(t, query) for t in family}
        total = sum(share.values())
        own_terms = set(family) - set(query.context) if query.context else set()
        pairs = list(pairwise(terms))
        # "first *principle*": an ordinal counts only beside the word it numbers ("so first of
        # all" holds nothing of it).
        ordinal = [(a, b) for a, b in pairs if a in ORDINALS and b not in ORDINALS]
        term_idf = {t: idf(t) for t in family}  # an engine's idf() is a call into it: once each
        pair_idf = {(a, b): min(term_idf[a], term_idf[b]) for a, b in pairs}
        max_bonus = PHRASE_WEIGHT * sum(pair_idf[pair] for pair in pairs)
        if query.wants_figure or query.wants_name:
            max_bonus += max(FIGURE_BONUS, DATE_BONUS) * max(share.values(), default=0.0)
        defining = defines(query.text)
        if defining:
            max_bonus += FIGURE_BONUS * max(share.values(), default=0.0)
        if query.wants_reason:
            max_bonus += REASON_BONUS * max(share.values(), default=0.0)
        if query.answer_types:
            max_bonus += LIST_BONUS * max(share.values(), default=0.0)
        # "Which decrees amended it?": acts are identified by their numbers ("N 372; … N 814").
        kind = kind_asked(query.text)
        if kind:
            max_bonus += FIGURE_BONUS * max(share.values(), default=0.0)
        asked = {w.casefold() for w in re.findall(r"\w+", query.read_as or query.text)}
        # "What date", "which day" ask for a day of a month; "when", "what year" for any date.
        date = date_asked(query)
        figure = date or (DATE if query.wants_date else AMOUNT)
        name = name_asked(query.text)
        # "How big/far/old …": a measure, stated by an amount, not a quantifier ("all", "many").
        measure = bool(HOW_MEASURE.search(query.text))
        # A question in the documents yields to its reply unless the reader asks what was asked.
        yields = replies and not put_to and not about_asking(query.text)
        candidates: list[_Candidate] = []
        speakers = query.speaker_ids
        hits = self.retriever.search(weights, speakers or None, CANDIDATES)
        if put_to and speakers:  # questions put to the named speaker count as theirs
            put = self._testimony.put_to(self.retriever.search(weights, None, CANDIDATES), speakers)
            hits = sorted([*hits, *(h for h, _ in put)], key=lambda h: -h.score)
        qualified: list[_Candidate] = []  # the candidates holding `settle`, as they come …
        lowest: list[float] = []  # … and a heap of the n best scores among them
        seen = 0  # candidates sorted into those two so far
        for hit in self._with_followers(hits, speakers, put_to):
            for c in candidates[seen:]:
                if c.coverage >= settle:
                    qualified.append(c)
                    heappush(lowest, c.hit.score)
                    if len(lowest) > n:
                        heappop(lowest)
            seen = len(candidates)
            bound = hit.score + max_bonus
            # Fewer than n of them score `bound` (the common case): not settled, seen at once.
            if n and len(lowest) == n and lowest[0] >= bound and self._settled(qualified, n, bound):
                break
            found = self._terms(hit.passage)
            have = found.distinct
            # The exchange before a short turn, or the other windows of the same long paragraph;
            # the title of a text nobody speaks.
            loose: frozenset[str] = frozenset()
            if ordinal:  # an ordinal here numbers something else: it holds nothing asked
                near = close_pairs(found.tokens, ordinal, found.distinct)
                loose = frozenset(a for a, b in ordinal if a in have and (a, b) not in near)
                have = have - loose
            context, asked_before = self._context(hit.passage)
            around = (context | asked_before) - have - loose
            question = asked_before - have - loose
            titled = self._title_terms(hit.passage) - have - around - loose
            credit, possible = 0.0, total
            missed = set()
            borrowed = set()  # found only in the turns around the passage or in its title
            context_bonus = 0.0
            listed = False
            for t, vs in family.items():
                if t in have:
                    credit += share[t]
                elif t in question:  # the question a reply answers: "who's pushing for DRM?"
                    credit += QUESTION_CREDIT * share[t]
                    context_bonus += CONTEXT_WEIGHT * term_idf[t] * weights[t]
                elif t in around:  # the exchange's topic: "Q You testified …? … Q August 13?"
                    credit += CONTEXT_CREDIT * share[t]
                    context_bonus += CONTEXT_WEIGHT * term_idf[t] * weights[t]
                    borrowed.add(t)
                elif t in titled:  # what the whole text is about: "О награждении … военнослужащих"
                    credit += TITLE_CREDIT * share[t]
                    borrowed.add(t)
                    context_bonus += CONTEXT_WEIGHT * term_idf[t] * weights[t]
                elif have & vs:
                    credit += VARIANT_CREDIT * share[t]
                elif have & alternatives[t].keys():
                    credit += (
                        max(alternatives[t][a] for a in have & alternatives[t].keys()) * share[t]
                    )
                elif (
                    t in query.answer_types
                    and not self._unseen(t)
                    and self._enumeration(hit.passage)
                ):
                    # "Which countries …?" is answered by a list of names, not by the word.
                    credit += share[t] / ANSWER_TYPE_WEIGHT
                    possible += share[t] / ANSWER_TYPE_WEIGHT - share[t]
                    listed = True
                else:
                    missed.add(t)
            if own_terms and not own_terms & (family.keys() - missed - borrowed):
                # A follow-up's own words lead: "what about the hospital?" is about it — in the
                # passage or the question it answers, not only in the turns around it.
                continue
            coverage = credit / possible if possible else 0.0
            if coverage < floor:
                continue
            bonus = PHRASE_WEIGHT * sum(
                pair_idf[pair] for pair in close_pairs(found.tokens, pairs, found.distinct)
            )
            bonus += context_bonus
            if (
                query.wants_figure
                and FIGURE_BONUS
                and (
                    _first_near(self._figures_near(hit.passage, figure), have & weights.keys())
                    or (
                        bool(family.keys() & around)
                        and self._exchanges.is_exchange_turn(hit.passage)
                        and bool(self._stated(hit.passage, figure))
                    )
                )
            ):
                # "When …?", "How many …?": a passage stating a date or a number within a few
                # words of the question's words can answer it (a list's "4." is no figure).
                bonus += (DATE_BONUS if query.wants_date else FIGURE_BONUS) * max(share.values())
            elif (
                query.wants_name
                and FIGURE_BONUS
                and names_other(self._names(hit.passage, name), asked)
            ):
                # "Who …?", "Where …?": a passage naming someone or somewhere the question does not.
                bonus += FIGURE_BONUS * max(share.values())
            if kind in have and self._holds(hit.passage, REFERENCE):
                # "Which decrees …?", "каким указом": a passage citing acts of that kind by
                # number ("в редакции указов … N 372") names them, as a figure answers "how many".
                bonus += FIGURE_BONUS * max(share.values())
            if listed:
                # "Which countries …?": a passage listing names answers it as a figure answers
                # "how many" — the kind word is seldom beside the list ("Iraq, Libya, Syria").
                bonus += LIST_BONUS * max(share.values())
            if query.wants_reason and self._reason(hit.passage):
                # "Why …?": a passage that states a cause or a purpose can answer it.
                bonus += REASON_BONUS * max(share.values())
            present = have & frozenset(weights)
            if (
                query.wants_figure
                and not query.wants_date
                and not self._holds(hit.passage, AMOUNT if measure else QUANTITY)
            ):
                # "How many …?" is not answered by a passage stating no quantity at all: at most
                # one of the closest passages ("how much was it before the hike?").
                coverage = min(coverage, UNQUANTIFIED)
                bonus -= (1 - UNSTATED_SCORE) * (hit.score + bonus)
            if date is not None and not self._stated(hit.passage, date):
                # "On what date …?", "what year": a passage stating no date is not the answer.
                coverage = min(coverage, UNQUANTIFIED)
                bonus -= (1 - UNSTATED_SCORE) * (hit.score + bonus)
            if coverage < floor:
                continue
            answer = (
                self._testimony.answer_to(hit.passage, speakers)
                if put_to and hit.passage.speaker_id not in speakers
                else None
            )
            reply = (
                reply_to(self._exchanges, hit.passage, speakers)
                if yields and answer is None
                else None
            )
            if (
                reply is not None
                and is_short(reply)
                and not _asked_about(hit.passage.text, present)
            ):
                reply = None  # "… Shirin, can you work with Dev on it?" "Happy to.": a statement
            if reply is not None and is_short(reply):
                # A short reply ("Yes.", "Up to 20 percent.") needs its question: the exchange
                # is quoted as one unit, or, after a long question, the question alone.
                answer = reply if len(hit.passage.text) <= UNIT_CHARS else None
                if answer is not None and query.wants_figure and figure.search(reply.text):
                    coverage = credit / possible if possible else 0.0  # the reply states it
            elif reply is not None:
                # A question asked in the document yields to its reply (see asked.py).
                lifted, held = hit.score + bonus, credit / possible if possible else 0.0
                if query.wants_figure and figure.search(reply.text):
                    lifted += (DATE_BONUS if query.wants_date else FIGURE_BONUS) * max(
                        share.values()
                    )
                if query.wants_figure and not query.wants_date and not QUANTITY.search(reply.text):
                    held = min(held, UNQUANTIFIED)
                terms_there = self._terms(reply).distinct & frozenset(weights)
                candidates.append(_Candidate(Hit(reply, lifted), terms_there, held))
                hit = Hit(hit.passage, hit.score * ASKED_SCORE)
                coverage = min(coverage, UNQUANTIFIED)
            candidates.append(
                _Candidate(Hit(hit.passage, hit.score + bonus), present, coverage, answer)
            )
        if defining and candidates:
            # In each document, the earliest candidate naming what the question names first
            # ("who is *the plumber* … keeps bringing up"): where the person is introduced.
            first = first_mentions([(c.hit.passage, c.present) for c in candidates], terms[0])
            bonus = FIGURE_BONUS * max(share.values())
            candidates = [
                replace(c, hit=Hit(c.hit.passage, c.hit.score + bonus)) if i in first else c
                for i, c in enumerate(candidates)
            ]
        return candidates

    def _their_reply(
        self, asked: _Candidate, speakers: tuple[str, ...], terms: tuple[str, ...] = ()
    ) -> _Candidate | None:
        """The named speakers' reply to a question put to them, as a candidate in its place: the
        passage of the reply that holds most of the question's `terms` (its first among equals:
        a long answer thanks the asker first and gives the figure later)."""
        first = reply = reply_to(self._exchanges, asked.hit.passage, speakers)
        if reply is None:
            return None
        wanted = frozenset(terms)
        turn = self._exchanges.turn(reply.doc_id, reply.turn_index)
        if wanted and len(turn) > 1:
            rest = turn[[p.id for p in turn].index(reply.id) :]
            reply = max(rest, key=lambda p: len(self._terms(p).distinct & wanted))
        if reply is first and is_short(reply) and len(asked.hit.passage.text) <= UNIT_CHARS:
            return replace(asked, answer=reply)  # "Yes." with its question, one unit
        return _Candidate(Hit(reply, asked.hit.score), asked.present, asked.coverage)

    def _with_followers(
        self, hits: list[Hit], speakers: tuple[str, ...], put_to: bool = False
    ) -> Iterator[Hit]:
        """The hits in order, each of the EXPAND_TOP best followed by the short passages after it
        (a short answer that shares no word with the question; see exchange.py) with their own
        score (0 if they are no hit): their exchange's words add the rest; each passage once."""
        own = {h.passage.id: h.score for h in hits}
        seen: set[str] = set()
        for i, hit in enumerate(hits):
            if hit.passage.id not in seen:
                seen.add(hit.passage.id)
                yield hit
            if i >= EXPAND_TOP:
                continue
            for p in self._exchanges.followers(hit.passage):
                if p.id in seen or (
                    speakers
                    and p.speaker_id not in speakers
                    and not (put_to and self._testimony.answer_to(p, speakers))
                ):
                    continue
                seen.add(p.id)
                yield Hit(p, own.get(p.id, 0.0))

    def _title_terms(self, passage: Passage) -> frozenset[str]:
        """The title's terms of a passage credited to its document's publisher: in a text
        nobody speaks (a decree, an article, narration) the title names what it is about, as
        search-only context ("О награждении … военнослужащих" for "За мужество … наградить:")."""
        if not self.corpus.speakers[passage.speaker_id].is_publisher:
            return frozenset()
        found = self._titles.get(passage.doc_id)
        if found is None:
            found = frozenset(tokens(self.corpus.sources[passage.doc_id].meta.title))
            self._titles.put(passage.doc_id, found)
        return found

    def _context_terms(self, passage: Passage) -> tuple[frozenset[str], frozenset[str]]:
        """A passage's search-only context terms: the exchange before a short turn, or the other
        windows of the same long paragraph; and apart, the question put just before a reply,
        which weighs QUESTION_CREDIT (see exchange.py). The title's are apart too (_title_terms):
        they weigh TITLE_CREDIT."""
        context, asked = self._exchanges.around(passage)
        return (
            frozenset(t for p in context for t in self._terms(p).tokens),
            frozenset(t for p in asked for t in self._terms(p).tokens),
        )

    def _memo(self, kind: str, pattern: re.Pattern[str], derive: Callable[[str], Any]) -> Any:
        """The PassageMemo of `derive` (a function of a passage's text) for one pattern."""
        memo = self._by_pattern.get((kind, pattern))
        if memo is None:
            memo = self._by_pattern[(kind, pattern)] = on_text(derive, TOKEN_CACHE)
        return memo

    def _holds(self, passage: Passage, pattern: re.Pattern[str]) -> bool:
        """Whether `pattern` matches anywhere in a passage, once per passage and pattern."""
        found: bool = self._memo("holds", pattern, lambda t: bool(pattern.search(t)))(passage)
        return found

    def _stated(self, passage: Passage, pattern: re.Pattern[str]) -> str:
        """figures.stated() of a passage, once per passage and pattern."""
        found: str = self._memo("stated", pattern, lambda t: stated(t, pattern))(passage)
        return found

    def _figures_near(
        self, passage: Passage, pattern: re.Pattern[str]
    ) -> list[tuple[str, frozenset[str]]]:
        """figures.figures_near() of a passage, once per passage and pattern."""
        found: list[tuple[str, frozenset[str]]] = self._memo(
            "near", pattern, lambda t: figures_near(t, pattern)
        )(passage)
        return found

    def _names(self, passage: Passage, pattern: re.Pattern[str]) -> tuple[frozenset[str], ...]:
        """answer_kinds.names_in() of a passage, once per passage and pattern."""
        found: tuple[frozenset[str], ...] = self._memo(
            "names", pattern, lambda t: names_in(t, pattern)
        )(passage)
        return found

    def _settled(self, candidates: list[_Candidate], n: int, bound: float) -> bool:
        """True if `n` distinct quotes already score at least `bound` (see _relevant)."""
        if sum(c.hit.score >= bound for c in candidates) < n:
            return False  # not even n candidates score that much: no need to rank them
        found: set[str] = set()
        count = 0
        for c in _ranked(candidates):
            if c.hit.score < bound:
                return False
            if c.hit.passage.id not in found:
                count += 1
                found.add(c.hit.passage.id)
                found.update(self.corpus.duplicates.get(c.hit.passage.id, ()))
                if count == n:
                    return True
        return False

    def _quote(self, cand: _Candidate) -> Quote:
        """The quote for a candidate passage, citing every document that holds the same text."""
        passage = cand.hit.passage
        doc = self.corpus.sources[passage.doc_id]
        cut = self._testimony.exchange(passage, cand.answer) if cand.answer else None
        asked_by = None
        if cut is not None and cand.answer is not None:  # the question and the reply, one unit
            text, span = cut
            speaker_id = cand.answer.speaker_id
            asker = self.corpus.speakers[passage.speaker_id]
            if asker.id != speaker_id and not asker.anonymous and not asker.is_publisher:
                asked_by = asker
        else:
            a, b = best_window(passage.text, set(cand.present), self.retriever.idf)
            text, span, speaker_id = passage.text[a:b], sub_span(passage, a, b), passage.speaker_id
        also = tuple(self._citation(dup, text) for dup in self._duplicates(passage))
        return Quote(
            text=text,
            speaker=self.corpus.speakers[speaker_id],
            document=doc.meta,
            citation=citation(doc, span, passage.id),
            score=cand.hit.score,
            also_in=also,
            terms=tuple(sorted(cand.present)),
            asked_by=asked_by,
        )

    def _duplicates(self, passage: Passage) -> list[Passage]:
        """The same paragraph in other documents, leaving out any whose file changed since."""
        found = []
        for pid in self.corpus.duplicates.get(passage.id, ()):
            try:
                found.append(self.corpus.passage(pid))
            except KeyError:  # an index on disk no longer matches that file: do not cite it
                continue
        return found

    def _citation(self, passage: Passage, text: str) -> Citation:
        """Where `text` stands in a duplicate passage: exactly if verbatim, else the paragraph."""
        doc = self.corpus.sources[passage.doc_id]
        at = passage.text.find(text)
        span = sub_span(passage, at, at + len(text)) if at >= 0 else passage.span
        return citation(doc, span, passage.id)


def citation(doc: Source, span: Span, passage_id: str) -> Citation:
    """Where a span of a document stands: its file and lines, and for a converted format the
    original file with the page or cue time the span starts in."""
    if doc.original is None:
        return Citation(doc.meta.id, doc.path, span, passage_id)
    where = doc.location(span.start)
    return Citation(
        doc.meta.id,
        doc.path,
        span,
        passage_id,
        doc.original,
        where.page if where else None,
        where.time if where else "",
    )


def _closest() -> float:
    return CLOSEST_COVERAGE


def sub_span(passage: Passage, a: int, b: int) -> Span:
    """The file span of characters a..b of a passage, with its own first and last line."""
    first = passage.span.line_start + passage.text.count("\n", 0, a)
    last = first + passage.text.count("\n", a, b)
    return Span(passage.span.start + a, passage.span.start + b, first, last)


def _ranked(candidates: list[_Candidate]) -> list[_Candidate]:
    """Candidates scoring at least MIN_RELATIVE_SCORE of the best, best first (ties: BM25 order)."""
    if not candidates:
        return []
    top = max(c.hit.score for c in candidates)
    kept = [c for c in candidates if c.hit.score >= MIN_RELATIVE_SCORE * top]
    return sorted(kept, key=lambda c: -c.hit.score)


def _asked_about(text: str, present: AbstractSet[str]) -> bool:
    """Whether a passage that ends in a question asks about what the reader's question found in
    it: its closing question holds one of those terms, or it holds nothing before it. A chair's
    list of action items that ends "Shirin, can you work with Dev on it?" is a statement, and a
    short reply ("Happy to.") does not answer a question about the action items."""
    cut = max(text.rfind(". ", 0, len(text) - 1), text.rfind("! ", 0, len(text) - 1))
    if cut < 0:
        return True  # the whole passage is the question
    return not present.isdisjoint(tokens(text[cut + 2 :]))


def _within(passage: Passage, quotes: list[Quote]) -> bool:
    """Whether a passage overlaps a quote's span (a question put to a speaker is quoted with
    the reply: the reply is not shown again)."""
    return any(
        q.citation.doc_id == passage.doc_id
        and q.citation.span.start < passage.span.end
        and passage.span.start < q.citation.span.end
        for q in quotes
    )


def _first_near(figures: list[tuple[str, frozenset[str]]], terms: AbstractSet[str]) -> str:
    """figure_in() from a passage's figures_near(): the first figure near one of `terms`."""
    return next((figure for figure, near in figures if near & terms), "")


def close_pairs(
    toks: list[str], pairs: list[tuple[str, str]], present: AbstractSet[str] | None = None
) -> list[tuple[str, str]]:
    """The pairs (a, b) with b at most PHRASE_WINDOW tokens after an a in `toks`; `present`, the
    set of `toks` when the caller has it, skips the scan when no pair has both its words."""
    if present is not None:
        pairs = [(a, b) for a, b in pairs if a in present and b in present]
        if not pairs:
            return []
    wanted = {t for pair in pairs for t in pair}
    at: dict[str, list[int]] = {}
    for i, t in enumerate(toks):
        if t in wanted:
            at.setdefault(t, []).append(i)
    out = []
    for a, b in pairs:
        before = set(at.get(a, ()))  # an a within PHRASE_WINDOW tokens before some b
        if any(j - d in before for j in at.get(b, ()) for d in range(1, PHRASE_WINDOW + 1)):
            out.append((a, b))
    return out
