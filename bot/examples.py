"""Example questions made from the loaded documents, for /start, /help and the inline hint.

An operator's bot must offer questions its own documents answer, not the bundled corpus's. So the
examples come from the corpus: for its speakers with the most turns, a word characteristic of
what that speaker says ("What did <speaker> say about <word>?"); for documents without named
speakers, a word characteristic of the whole corpus ("What is said about <word>?"). Every
candidate is asked at once, and kept only when the answer has quotes, its first quote contains
the word and, for a speaker question, is that speaker's. The result is cached per Answerer (a
reload makes a new one), so the checks run once per loaded corpus.
"""

from __future__ import annotations

import math
import re
import threading
import weakref
from collections import Counter
from collections.abc import Iterator

from stenogram.retrieval.answers.answer import Answerer
from stenogram.retrieval.model import Passage, Speaker
from stenogram.retrieval.search.library import Library
from stenogram.retrieval.tokenize import QUESTION_WORDS, STOP_WORDS

EXAMPLES = 3  # example questions on /start, in /help and in a refusal's "e.g."
SAMPLED_PASSAGES = 4000  # read at most this many passages, spread over the documents
MIN_WORD_LENGTH = 5  # shorter words are mostly function words and fragments
MAX_SHARE = 0.05  # a topic in more than this share of the sampled passages is too common
PHRASE_WEIGHT = 2.0  # a two-word topic counts this much more than a single word
# Topics come from passages of some substance: a chair's "I give the floor to…" is not a topic.
MIN_PASSAGE_WORDS = 20
MIN_SPEAKER_USES = 2  # a speaker's word must occur in at least this many of their passages
CANDIDATES_PER_SPEAKER = 3  # words tried per speaker before giving up on them
MAX_ASKED = 24  # questions asked at most while looking for examples (start-up time)
# English function words and empty nouns the core's STOP_WORDS keep (there they can matter for
# ranking); as a topic of an example question they say nothing.
NOT_TOPICS = frozenset(
    """about above across against along although among around because before behind below
    beneath beside besides between beyond despite during except however indeed instead nevertheless
    therefore thereby though through throughout toward towards under unless until unlike upon
    whereas whereby whether which while within without would could should might shall there these
    those their theirs where always already never often really quite rather still going thing
    things something anything everything nothing someone anyone everyone whatever whenever today
    tomorrow yesterday
    знаете знаю думаю думаем считаю сегодня вчера завтра сейчас спасибо пожалуйста вопрос вопросы
    вопроса вопросу ответ ответа действительно просто именно поэтому которые которых""".split()
)
# Months in any case of Russian ("декабре", "января"): a date, not a topic.
_MONTHS_RU = (
    "январ",
    "феврал",
    "апрел",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
)
# (about a speaker, about the documents) in each language questions are asked in; the Russian
# puts the word in quotes after "на тему", which reads right whatever its case in the text.
ENGLISH = ("What did {speaker} say about {word}?", "What is said about {word}?")
RUSSIAN = ("Что {speaker} сказал на тему «{word}»?", "Что говорится на тему «{word}»?")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

# Per answerer, the examples made for each n asked (the handlers always ask the same n).
_cache: weakref.WeakKeyDictionary[Answerer, dict[int, tuple[str, ...]]] = (
    weakref.WeakKeyDictionary()
)
_lock = threading.Lock()
# Whether this thread is making examples now: a candidate the answerer refuses asks for an example
# to offer (Answerer.example_source), which must not wait for the examples being made (a
# deadlock on _lock: every question in another language than a Russian corpus's, say).
_making = threading.local()


def examples(answerer: Answerer, n: int = 3) -> tuple[str, ...]:
    """Up to `n` questions the answerer's documents answer with quotes; cached per answerer.

    Fewer (even none) when the corpus offers no checked question, e.g. a corpus of one short
    document. Never raises for a corpus it can read. Asked again while this thread makes them
    (a refused candidate offering an example), none.
    """
    if getattr(_making, "now", False):
        return ()
    with _lock:
        made = _cache.setdefault(answerer, {})
        if n not in made:
            _making.now = True
            try:
                made[n] = tuple(make_examples(answerer, n))
            finally:
                _making.now = False
        return made[n]


def make_examples(answerer: Answerer, n: int = 3) -> list[str]:
    """Build and check up to `n` example questions (uncached; see examples())."""
    library = answerer.corpus
    passages = list(_sample(library))
    if not passages:
        return []
    doc_freq = Counter(t for p in passages for t in set(_topics(p.text)))
    display = _display_forms(passages)
    out: list[str] = []
    asked = 0
    # The question in the documents' language: a question in another one is refused.
    asking = RUSSIAN if answerer.languages == {"ru"} else ENGLISH
    for question, word, speaker in _candidates(library, passages, doc_freq, display, asking):
        if len(out) >= n or asked >= MAX_ASKED:
            break
        if question in out:
            continue
        asked += 1
        if _answers(answerer, question, word, speaker):
            out.append(question)
    return out


def _answers(answerer: Answerer, question: str, word: str, speaker: Speaker | None) -> bool:
    """Does the question get quotes, the first containing the word (and by the speaker)?"""
    answer = answerer.ask(question)
    if answer.abstained or answer.problem:
        return False
    first = answer.quotes[0]
    if word.lower() not in " ".join(_WORD.findall(first.text)).lower():
        return False
    return speaker is None or first.speaker.id == speaker.id


def _candidates(
    library: Library,
    passages: list[Passage],
    doc_freq: Counter[str],
    display: dict[str, str],
    asking: tuple[str, str] = ENGLISH,
) -> Iterator[tuple[str, str, Speaker | None]]:
    """(question, word, speaker) candidates, best first: speakers by substantive passages,
    then the corpus as a whole."""
    total = len(passages)
    by_speaker: dict[str, list[Passage]] = {}
    for p in passages:
        if len(p.text.split()) >= MIN_PASSAGE_WORDS:
            by_speaker.setdefault(p.speaker_id, []).append(p)
    # Speakers with the most to say first (a chair has many turns, but short ones).
    people = [
        sp for sp in library.speakers.values() if not sp.is_publisher and by_speaker.get(sp.id)
    ]
    people.sort(key=lambda sp: (-len(by_speaker[sp.id]), sp.name))
    # Round robin: each speaker's best word first, so the examples name different people.
    ranked = {
        sp.id: _characteristic(by_speaker.get(sp.id, []), doc_freq, total, sp) for sp in people
    }
    for rank in range(CANDIDATES_PER_SPEAKER):
        for sp in people:
            words = ranked[sp.id]
            if rank < len(words):
                word = display.get(words[rank], words[rank])
                yield asking[0].format(speaker=sp.name, word=word), word, sp
    for word in _characteristic(passages, doc_freq, total, None, min_uses=2)[:6]:
        shown = display.get(word, word)
        yield asking[1].format(word=shown), shown, None


def _characteristic(
    passages: list[Passage],
    doc_freq: Counter[str],
    total: int,
    speaker: Speaker | None,
    min_uses: int = MIN_SPEAKER_USES,
) -> list[str]:
    """Topics of these passages ranked by tf-idf against the sample (two-word phrases weigh
    more: "colour revolutions" says more than "revolutions"), the speaker's own name left out."""
    uses = Counter(t for p in passages for t in set(_topics(p.text)))
    own_name = set(_topics(" ".join((speaker.name, *speaker.aliases)))) if speaker else set()
    scored = []
    common = max(total * MAX_SHARE, min_uses + 1)  # in a small corpus, a few passages is not common
    for topic, count in uses.items():
        df = doc_freq[topic]
        if (
            count < min_uses
            or df > common
            or df >= total
            or any(w in own_name for w in topic.split())
        ):
            continue  # in many passages of the corpus, a word says nothing of this speaker
        weight = PHRASE_WEIGHT if " " in topic else 1.0
        scored.append((weight * count * math.log(total / df), topic))
    scored.sort(key=lambda st: (-st[0], st[1]))
    return [t for _, t in scored[: CANDIDATES_PER_SPEAKER * 2]]


def _topics(text: str) -> list[str]:
    """Lower-cased topics of a text: content words (long enough, not stop words, not an ALL-CAPS
    label) and pairs of them separated by one space only (no punctuation between)."""
    out: list[str] = []
    previous, previous_end = "", -1
    for m in _WORD.finditer(text):
        raw, word = m.group(), m.group().lower()
        if (
            len(word) >= MIN_WORD_LENGTH
            and word not in STOP_WORDS
            and word not in QUESTION_WORDS
            and word not in NOT_TOPICS
            and not word.startswith(_MONTHS_RU)
            and not raw.isupper()
        ):
            out.append(word)
            if previous and text[previous_end : m.start()] == " ":
                out.append(f"{previous} {word}")
            previous, previous_end = word, m.end()
        else:
            previous = ""
    return out


def _display_forms(passages: list[Passage]) -> dict[str, str]:
    """How each topic is most often written ("Kazakhstan", "peacekeeping mechanism")."""
    forms: dict[str, Counter[str]] = {}
    for p in passages:
        last: re.Match[str] | None = None
        for m in _WORD.finditer(p.text):
            forms.setdefault(m.group().lower(), Counter())[m.group()] += 1
            if last is not None and p.text[last.end() : m.start()] == " ":
                pair = f"{last.group()} {m.group()}"
                forms.setdefault(pair.lower(), Counter())[pair] += 1
            last = m
    # Sentence-initial capitals are not a word's own: prefer the lower-case form when it occurs.
    return {t: (t if t in c else c.most_common(1)[0][0]) for t, c in forms.items()}


def _sample(library: Library) -> Iterator[Passage]:
    """Indexed passages of every document, at most SAMPLED_PASSAGES spread evenly over them."""
    docs = list(library.sources)
    if not docs:
        return
    budget = max(50, SAMPLED_PASSAGES // len(docs))
    for doc_id in docs[:SAMPLED_PASSAGES]:
        taken, turn, empty = 0, 0, 0
        while taken < budget and empty < 3:
            found = library.turn_passages(doc_id, turn)
            empty = 0 if found else empty + 1
            for p in found:
                if p.indexed and taken < budget:
                    taken += 1
                    yield p
            turn += 1
