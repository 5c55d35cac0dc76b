"""Tokenisation shared by indexing and querying: normalise, fold case, drop stop words, stem.

Each word is stemmed by its own script (Latin: English Snowball, Cyrillic: Russian Snowball), so a
question and a passage are tokenised alike whatever language either is in.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import cast

import Stemmer

# Typographic variants that must match their plain forms: "Kazakhstan’s" == "Kazakhstan's".
_FOLD = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u00a0": " ",
}
# A regex over the few characters concerned is ~10x faster than str.translate with a dict,
# which matters when a million passages are indexed.
_TYPOGRAPHIC = re.compile("[" + "".join(_FOLD) + "]")

# Thousands separators inside numbers ("2,300") would otherwise split one number in two.
# Each pattern starts with its literal (lookbehind after it) so that re can skip ahead fast.
_THOUSANDS = re.compile(r",(?<=\d,)(?=\d{3}\b)")
_WORD = re.compile(r"[^\W_]+")  # apostrophes split words: "don't" -> "don", "t"
_ASCII_WORD = re.compile(r"[a-z0-9]+")  # the same on case-folded ASCII text, twice as fast
WORD_CHAR = re.compile(r"[^\W_]")  # what _WORD's runs are made of (batchwords.py uses it)
_POSSESSIVE = re.compile(r"'(?<=[^\W_]')s\b")
# A hyphen ending a line inside a word: "posi-" then "tioned" on the next line (blank lines and
# the indent between them skipped), read as "positioned". The hyphen of a compound broken there
# ("near-" / "term") is joined too: text extraction cannot tell them apart, and hyphenation
# breaks words far more often than compounds.
_LINE_END_HYPHEN = re.compile(r"-(?<=[^\W\d_]-)[ \t]*\r?\n\s*(?=[^\W\d_])")

# Function words carry no evidence of relevance. The list is the usual English one, kept short
# so that content words such as "first", "last" or "against" still count. Not "own": it is the
# verb as often as the emphasis ("the devices people *own*", "if you *own* a device"); questions
# drop it after a possessive (see without_framing), passages index it always.
STOP_WORDS = frozenset(
    """a about above after again all am an and any are as at be been before being below between
    both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just me
    more most my myself no nor not of off on once only or other our ours ourselves out over
    same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while
    who whom why will with would you your yours yourself yourselves also s t mr mrs ms
    """.split()
)

# The usual Russian function words (Snowball's Russian list, shortened): "и", "в", "не", "что", …
RUSSIAN_STOP_WORDS = frozenset(
    """и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только
    ее её мне было вот от меня еще ещё нет о из ему теперь когда даже ну вдруг ли если уже или ни
    быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где
    есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж
    тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее
    неё сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над
    больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою
    этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю между это
    также либо который которая которые которых которого которой кого кому ком чему чём каков
    какие каких каком какому какое какими каким какого какую сколько почему
    """.split()
)
STOP_WORDS = STOP_WORDS | RUSSIAN_STOP_WORDS

# Words that frame a question rather than state its subject ("What did X *say* about Y?").
# They are dropped from queries only: in passages they are ordinary words.
QUESTION_WORDS = frozenset(
    """say says said tell tells told talk talks talked speak speaks spoke mention mentions
    mentioned according think thinks thought regarding concerning view views please many much
    ask asks asked
    ответил ответила ответили отвечал отвечала
    сказал сказала сказали говорил говорила говорили говорит заявил заявила заявили упомянул
    упомянула упоминал спросил спросила спрашивал спрашивала считает думает рассказал рассказала
    сообщил сообщила отметил отметила отношении относительно касательно насчёт насчет поводу
    говорится тему
    """.split()
)

# Verbs that frame how something was said when another verb or a particle follows them: "keeps
# *bringing up*" (said again and again), "*brought up*", "*referred to*" — "mentioned" by another
# name. Dropped from questions only, and only in that construction ("keep the troops" keeps "keep").
_KEEP = frozenset("keep keeps kept keeping".split())
_PHRASAL = {
    **dict.fromkeys("bring brings bringing brought".split(), "up"),
    **dict.fromkeys("refer refers referred referring".split(), "to"),
}


# "Own" after a possessive ("their own country", "on its own") only stresses whose
# it is; elsewhere it is the verb, a content word ("what do people own").
_POSSESSIVES = frozenset("my your his her its our their one whose".split())


def emphatic_own(ws: list[str], i: int) -> bool:
    """Whether ws[i] is "own" stressing a possessive before it ("their own"), not the verb."""
    return ws[i] == "own" and i > 0 and ws[i - 1] in _POSSESSIVES


def without_framing(ws: list[str]) -> list[str]:
    """A question's words without the verb phrases that frame how something was said ("Who is
    the plumber X *keeps bringing up*?" asks who the plumber is, not about keeping), nor an
    "own" that only stresses a possessive ("their own")."""
    out: list[str] = []
    for i, w in enumerate(ws):
        after = ws[i + 1] if i + 1 < len(ws) else ""
        if emphatic_own(ws, i):
            continue
        if w in _KEEP and len(after) > 4 and after.endswith("ing"):
            continue  # "keeps bringing", "kept talking": the repetition, not the subject
        if _PHRASAL.get(w) == after:
            continue  # "bringing up", "referred to": the particle is a stop word already
        out.append(w)
    return out


# Irregular past forms map to their base verb so that "When did it begin?" finds "it began".
# Regular forms need no table: the stemmer already joins "ordered" and "order".
_IRREGULAR = """began:begin begun:begin took:take taken:take went:go gone:go gave:give given:give
    came:come became:become sent:send spent:spend made:make held:hold left:leave led:lead
    brought:bring bought:buy built:build caught:catch chose:choose chosen:choose drew:draw
    drawn:draw drove:drive driven:drive fell:fall fallen:fall felt:feel fought:fight found:find
    fled:flee flew:fly flown:fly forgot:forget forgotten:forget froze:freeze frozen:freeze
    got:get gotten:get grew:grow grown:grow heard:hear hid:hide hidden:hide kept:keep knew:know
    known:know laid:lay lost:lose meant:mean met:meet paid:pay ran:run rose:rise risen:rise
    sat:sit saw:see seen:see sold:sell shook:shake shaken:shake shot:shoot sought:seek
    spoke:speak spoken:speak stood:stand stole:steal stolen:steal struck:strike swore:swear
    taught:teach thrown:throw threw:throw understood:understand woke:wake won:win wore:wear
    worn:wear wrote:write written:write broke:break broken:break arose:arise arisen:arise
    withdrew:withdraw withdrawn:withdraw undertook:undertake undertaken:undertake
    overtook:overtake overtaken:overtake""".split()
LEMMAS = dict(pair.split(":") for pair in _IRREGULAR)

_stemmer = Stemmer.Stemmer("english")
_russian = Stemmer.Stemmer("russian")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_ACCENTED_LATIN = re.compile("[\u00c0-\u024f\u1e00-\u1eff]")  # "é", "ś", "ő", "ệ" …
_LATIN_MARKS = re.compile("(?<=[A-Za-z])[\u0300-\u036f]+")  # accents on a Latin letter
_ORDINAL_ENDS = frozenset({"st", "nd", "rd", "th"})


def normalise(text: str) -> str:
    """Unicode-normalise and case-fold text; quotes and dashes become their ASCII forms, and a
    Latin letter's accents go ("Québec" is searched as "Quebec" is typed; Cyrillic keeps its
    "й" and "ё")."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        text = _TYPOGRAPHIC.sub(lambda m: _FOLD[m.group()], text)
        if _ACCENTED_LATIN.search(text):
            bare = _LATIN_MARKS.sub("", unicodedata.normalize("NFD", text))
            text = unicodedata.normalize("NFC", bare)
    return _THOUSANDS.sub("", text).casefold()


def words(text: str) -> list[str]:
    """Split normalised text into word tokens, without possessive endings."""
    text = word_text(text)
    return (_ASCII_WORD if text.isascii() else _WORD).findall(text)


def word_text(text: str) -> str:
    """The text words() splits into runs of word characters: normalised, possessives removed,
    a word hyphenated at a line's end ("infla-\n\ntion" in a PDF's text) one word again."""
    text = _POSSESSIVE.sub("", normalise(text))
    return _LINE_END_HYPHEN.sub("", text) if "-\n" in text or "-\r" in text else text


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball stem of one lower-case word: Russian for Cyrillic, else English (Porter 2) with
    irregular verbs first lemmatised; an ordinal in digits is its number ("4th" is "4", so "the
    4th of November" is found by "4 November")."""
    if word[-2:] in _ORDINAL_ENDS and word[:-2].isascii() and word[:-2].isdigit():
        return word[:-2]
    if not word.isascii() and _CYRILLIC.search(word):
        return cast(str, _russian.stemWord(word.replace("ё", "е")))  # PyStemmer is untyped
    return cast(str, _stemmer.stemWord(LEMMAS.get(word, word)))


# Word -> index term ("" for a stop word), for tokens(): a dict lookup per word is what indexing a
# million passages can afford; the stemmer and lru_cache calls cost three times as much.
_TERMS: dict[str, str] = {}
_MAX_TERMS = 500_000  # bound the memory: past this, words are stemmed without caching


def term(word: str) -> str:
    """The index term of one word from words(): "" for a stop word, else its stem (cached)."""
    found = _TERMS.get(word)
    return _term(word) if found is None else found


def _term(word: str) -> str:
    term = "" if word in STOP_WORDS else stem(word)
    if len(_TERMS) < _MAX_TERMS:
        _TERMS[word] = term
    return term


def tokens(text: str) -> list[str]:
    """Index terms of a passage: content words, stemmed, in order."""
    return terms(words(text))


def terms(ws: list[str]) -> list[str]:
    """Index terms of words already split by words(): tokens(text) == terms(words(text))."""
    found = list(map(_TERMS.get, ws))  # one C-level lookup per word: answering tokenises
    if None in found:  # 50 candidate passages a question; a word seen for the first time:
        found = [_term(w) if t is None else t for w, t in zip(ws, found, strict=True)]
    return list(filter(None, found))  # stop words ("") dropped


def query_tokens(text: str) -> list[str]:
    """Index terms of a question: like tokens(), minus the words that only frame a question."""
    ws = words(text)
    return [
        stem(w)
        for i, w in enumerate(ws)
        if w not in STOP_WORDS and w not in QUESTION_WORDS and not emphatic_own(ws, i)
    ]


def has_content(text: str, n: int) -> bool:
    """Whether text holds at least n content words (as tokens() counts them), without stemming.

    Every paragraph of a document is checked while parsing, and most have their n content words
    within the first dozen words: the text up to a space after its first _PREFIXES characters is
    counted first (its words are the first words of the whole text: none spans a space, and
    normalising does not change across one), the whole text only if that is not enough.
    """
    if n <= 0:
        return True
    for prefix in _PREFIXES:
        cut = text.find(" ", prefix) if len(text) > 2 * prefix else -1
        if cut > 0 and _content_words(text[:cut]) >= n:
            return True
    return _content_words(text) >= n


# Characters counted first, then more: about 8 words, then 18 (a paragraph's four content words
# are mostly within its first eight; 10.6 -> 8.3 µs a bench passage against one 100-character cut).
_PREFIXES = (48, 120)


def _content_words(text: str) -> int:
    """How many of the text's words are not stop words."""
    ws = words(text)
    return len(ws) - sum(map(STOP_WORDS.__contains__, ws))
