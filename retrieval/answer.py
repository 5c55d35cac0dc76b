"""Compose an Answer: rank passages, decide relevance from evidence, cut quotes, merge duplicates."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .bm25 import Hit, Retriever
from .library import Library
from .model import Answer, Citation, Passage, Quote, Span
from .query import Query, check_question, parse_query
from .quotes import best_window
from .tokenize import normalise, stem, tokens

CANDIDATES = 50  # passages considered per question before relevance checks
MIN_COVERAGE = 0.45  # share of the question's information (IDF-weighted terms) a quote must contain
MIN_RELATIVE_SCORE = 0.3  # later quotes must score at least this fraction of the best one
VARIANT_WEIGHT = 0.5  # a word-family variant ("conclusion" for "conclude") counts half
PHRASE_WEIGHT = 1.0  # bonus per pair of consecutive question words found close together, × IDF
PHRASE_WINDOW = 3  # "close": at most this many content words apart, in the question's order
ANSWER_TYPE_WEIGHT = 0.3  # "which *towns*": the word names the kind of answer, seldom in it
# Three or more capitalised names in a comma-separated list ("Iraq, Libya, Syria").
_ENUMERATION = re.compile(r"(?:\b[A-Z][\w'-]+,\s+){2,}(?:and\s+)?[A-Z][\w'-]+")


@dataclass(frozen=True)
class _Candidate:
    hit: Hit
    present: frozenset[str]
    coverage: float


class Answerer:
    """Answers questions from one corpus (any Library) through any Retriever."""

    def __init__(self, corpus: Library, retriever: Retriever, k: int = 3) -> None:
        self.corpus = corpus
        self.retriever = retriever
        self.k = k

    def ask(self, question: str, k: int | None = None, offset: int = 0,
            previous: str | None = None) -> Answer:
        """The best `k` quotes after the first `offset`, or an Answer with none and the reason.

        `previous` is the chat's previous question as this answerer read it (its Answer.read_as):
        a follow-up fragment ("and Lukashenko?") is read in its context.
        """
        k = self.k if k is None else k
        problem = check_question(question)
        if problem:
            return Answer(question, problem=problem)
        query = parse_query(question, self.corpus.speakers.values())
        named = ", ".join(self.corpus.speakers[s].name for s in query.speaker_ids)
        unknown = [w for w in query.entities if self._unseen(stem(normalise(w)))]
        if unknown:
            # The question is about something the documents never name: nothing here can answer it.
            note = f"My documents never mention {', '.join(unknown)}."
            return Answer(question, speaker_filter=named, notes=(note,), read_as=question)
        quotes = self.quotes(query, offset + k)
        notes: tuple[str, ...] = ()
        if not quotes and query.speaker_ids:
            # The named speaker never said it; reports about them in other sources may have.
            wider = replace(query, terms=query.terms + query.name_terms, speaker_ids=())
            quotes = self.quotes(wider, offset + k)
            notes = (f"Nothing {named} said matches; showing other sources.",) if quotes else ()
        return Answer(question, tuple(quotes[offset:]), speaker_filter=named, notes=notes,
                      read_as=question)

    def quotes(self, query: Query, n: int) -> list[Quote]:
        """Up to n relevant, de-duplicated quotes for a query, best first."""
        out: list[Quote] = []
        seen: set[str] = set()
        for cand in self._relevant(query, n):
            pid = cand.hit.passage.id
            if pid in seen:
                continue
            seen.add(pid)
            seen.update(self.corpus.duplicates.get(pid, ()))
            out.append(self._quote(cand))
            if len(out) == n:
                break
        return out

    def _unseen(self, term: str) -> bool:
        """True if neither the term nor any word of its family occurs in the corpus."""
        return self.retriever.idf(term) >= self._max_idf and not self.retriever.variants(term)

    @property
    def _max_idf(self) -> float:
        return self.retriever.idf("\x00never-a-term")

    def _weight(self, term: str, query: Query) -> float:
        """A question term's share of the evidence: its IDF, less for answer-type words."""
        weight = self.retriever.idf(term)
        if term in query.answer_types:
            weight *= ANSWER_TYPE_WEIGHT
        return weight

    def _relevant(self, query: Query, n: int = CANDIDATES) -> list[_Candidate]:
        """Hits that carry enough of the question's information, best first.

        Only as many as the first `n` distinct quotes need: hits come in BM25 order, and a hit's
        final score is at most its BM25 score plus every phrase bonus, so once `n` quotes are
        certain to score above that, the rest (whose tokenising dominates the answer path on a
        large archive) cannot change them.
        """
        terms = list(query.terms)
        if not terms:
            return []
        idf = self.retriever.idf
        family = {t: frozenset(self.retriever.variants(t)) for t in dict.fromkeys(terms)}
        # Sorted: the order of the terms is the order scores are summed in, and sums of floats
        # in a set's (per-process) order could break near-ties differently from run to run.
        weights = {v: VARIANT_WEIGHT for vs in family.values() for v in sorted(vs)}
        weights.update({t: ANSWER_TYPE_WEIGHT if t in query.answer_types else 1.0 for t in family})
        share = {t: self._weight(t, query) for t in family}
        total = sum(share.values())
        pairs = list(zip(terms, terms[1:]))
        max_bonus = PHRASE_WEIGHT * sum(min(idf(a), idf(b)) for a, b in pairs)
        candidates: list[_Candidate] = []
        for hit in self.retriever.search(weights, query.speaker_ids or None, CANDIDATES):
            if len(candidates) >= n and self._settled(candidates, n, hit.score + max_bonus):
                break
            toks = tokens(hit.passage.text)
            have = frozenset(toks)
            credit, possible = 0.0, total
            for t, vs in family.items():
                if t in have:
                    credit += share[t]
                elif have & vs:
                    credit += VARIANT_WEIGHT * share[t]
                elif t in query.answer_types and not self._unseen(t) and _ENUMERATION.search(
                        hit.passage.text):
                    # "Which countries …?" is answered by a list of names, not by the word.
                    credit += share[t] / ANSWER_TYPE_WEIGHT
                    possible += share[t] / ANSWER_TYPE_WEIGHT - share[t]
            coverage = credit / possible
            if coverage < MIN_COVERAGE:
                continue
            bonus = PHRASE_WEIGHT * sum(min(idf(a), idf(b)) for a, b in close_pairs(toks, pairs))
            present = have & frozenset(weights)
            candidates.append(_Candidate(Hit(hit.passage, hit.score + bonus), present, coverage))
        return _ranked(candidates)

    def _settled(self, candidates: list[_Candidate], n: int, bound: float) -> bool:
        """True if `n` distinct quotes already score at least `bound` (see _relevant)."""
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
        a, b = best_window(passage.text, set(cand.present), self.retriever.idf)
        text = passage.text[a:b]
        doc = self.corpus.sources[passage.doc_id]
        also = tuple(self._citation(dup, text) for dup in self._duplicates(passage))
        return Quote(
            text=text,
            speaker=self.corpus.speakers[passage.speaker_id],
            document=doc.meta,
            citation=Citation(doc.meta.id, doc.path, sub_span(passage, a, b), passage.id),
            score=cand.hit.score,
            also_in=also,
            terms=tuple(sorted(cand.present)),
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
        return Citation(doc.meta.id, doc.path, span, passage.id)


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


def close_pairs(toks: list[str], pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The pairs (a, b) with b at most PHRASE_WINDOW tokens after an a in `toks`."""
    wanted = {t for pair in pairs for t in pair}
    at: dict[str, list[int]] = {}
    for i, t in enumerate(toks):
        if t in wanted:
            at.setdefault(t, []).append(i)
    return [(a, b) for a, b in pairs
            if any(0 < j - i <= PHRASE_WINDOW for i in at.get(a, ()) for j in at.get(b, ()))]
