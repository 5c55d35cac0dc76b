"""The one Telegram renderer: HTML parse mode, escaping, highlighting, buttons and the 4096 split."""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Callable, Iterable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InlineQueryResultsButton
from telegram.helpers import create_deep_linked_url

from stenogram.retrieval.answers.answer import citation
from stenogram.retrieval.model import Answer, Passage, Quote, passage_ref
from stenogram.retrieval.search.library import Library
from stenogram.retrieval.tokenize import LEMMAS, normalise, stem

from .render import (
    ALSO,
    CLOSEST,
    lines_label,
    original_label,
    quote_speaker_label,
    source_label,
    speaker_label,
)

MAX_UTF16 = 4096
MAX_INLINE_RESULTS = 50
# Room for a quote's HTML in one message: the citation lines, "also in" lines and notes take the
# rest. A longer quote is cut at a sentence boundary and marked; its permalink shows all of it.
QUOTE_BUDGET = 3000
# Room for one paragraph's HTML in a Context/permalink message: a longer one is split at sentence
# boundaries into numbered messages.
PARAGRAPH_BUDGET = 3600
_SENTENCE_END = re.compile(r"(?<=[.!?\u2026])[\"'\u201d\u2019)\]]*\s+")
_SPACE = re.compile(r"\s+")
EXPANDABLE_FROM = 400  # quotes longer than this start collapsed
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")  # the words of _WORD, kept between the rest
# What _WORD's words are made of in ASCII text, letters, digits and the apostrophe, kept; the
# rest becomes a space.
_ASCII_RUNS = str.maketrans(
    {c: " " if not c.isalnum() and c != "'" else c.lower() for c in map(chr, range(128))}
)


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def highlight(text: str, terms: Iterable[str]) -> str:
    """HTML-escaped text with the words whose stem is a query term in bold; characters unchanged."""
    wanted = set(terms)
    if not wanted:
        return html.escape(text, quote=False)
    if text.isascii():
        # ASCII word characters and apostrophes kept (lower-cased: a word's term is its lower
        # case's), the rest made spaces: the same positions, and str.split() gives the runs
        # _WORD tokenises, at C speed instead of a regex's.
        masked = text.translate(_ASCII_RUNS)
        runs = set(masked.split())
        if "'" not in masked or all(_WORD.fullmatch(r) for r in runs if "'" in r):
            return _bold_runs(text, masked, _bold_words(runs, wanted, lower_ascii=True))
    # Anything else (letters beyond ASCII, "workers'", 'quoted'): _WORD itself. One C-level
    # split gives [between, word, between, word, …, between].
    parts = _WORD_SPLIT.split(text)
    words = parts[1::2]
    bold = _bold_words(set(words), wanted)
    if not bold:
        return html.escape(text, quote=False)
    if "&" in text or "<" in text or ">" in text:
        parts[0::2] = [html.escape(p, quote=False) for p in parts[0::2]]
    # A word is letters, digits and apostrophes: escaping leaves it as it is.
    parts[1::2] = [f"<b>{w}</b>" if w in bold else w for w in words]
    return "".join(parts)


def _bold_runs(text: str, masked: str, bold: set[str]) -> str:
    """Escaped text with each run of `masked` (text lower-cased, separators made spaces) that is
    in `bold` in bold: each run is found as " run " in the padded mask, so only whole runs match."""
    if not bold:
        return html.escape(text, quote=False)
    padded = f" {masked} "
    starts = []
    for word in bold:
        needle = f" {word} "
        at = padded.find(needle)
        while at >= 0:  # `at` is the word's index in text (the pad shifts it by one)
            starts.append((at, word))
            at = padded.find(needle, at + len(word) + 1)
    escape = _esc if "&" in text or "<" in text or ">" in text else str
    out, last = [], 0
    for at, word in sorted(starts):
        out.append(escape(text[last:at]))
        last = at + len(word)
        out.append(f"<b>{text[at:last]}</b>")
    out.append(escape(text[last:]))
    return "".join(out)


# Every word highlight() has seen, by its term, and the words of each term: a quote's words are
# looked up with set operations, not one call each. Bounded: past _MAX_WORDS, new words are
# stemmed one by one without being kept.
_TERM_OF: dict[str, str] = {}
_WORDS_OF: dict[str, tuple[str, ...]] = {}  # replaced, never changed in place: safe to iterate
_TABLE_LOCK = threading.Lock()  # one writer at a time; readers need none
_MAX_WORDS = 65_536  # as many as the lru_cache it replaces; ~20 MB when full
# An ASCII word's term begins with its first letter, lower-cased (the English stemmer changes
# endings only; tests/test_highlight.py checks the whole English word list), except for the
# irregular forms lemmatised first whose lemma begins otherwise ("went": "go").
_OTHER_INITIAL = [(w[0], lemma[0]) for w, lemma in LEMMAS.items() if w[0] != lemma[0]]


def _bold_words(words: set[str], wanted: set[str], lower_ascii: bool = False) -> set[str]:
    """Those of `words` (`lower_ascii`: all lower-case ASCII) whose term is one of `wanted`."""
    new = words.difference(_TERM_OF)
    if new:
        # A new ASCII word whose initial no wanted term has cannot be one: it is not stemmed
        # (a quote's first rendering stems a few of its words, not all of them).
        initials = {t[:1] for t in wanted}
        initials.update(w for w, lemma in _OTHER_INITIAL if lemma in initials)
        if lower_ascii:
            new = {w for w in new if w[0] in initials}
        else:
            new = {w for w in new if w[0].lower() in initials or not w.isascii()}
    full = len(_TERM_OF) + len(new) > _MAX_WORDS  # then the new words are stemmed, not kept
    if new and not full:
        with _TABLE_LOCK:  # answers may be rendered in several threads: no word lost
            for word in new - _TERM_OF.keys():
                term = _term(word)
                _WORDS_OF[term] = (*_WORDS_OF.get(term, ()), word)  # before _TERM_OF: a
                _TERM_OF[word] = term  # word in _TERM_OF is always in its term's words
    bold = {w for term in wanted for w in _WORDS_OF.get(term, ()) if w in words}
    return bold | {w for w in new if _term(w) in wanted} if full else bold


def _term(word: str) -> str:
    """The index term a word of a quote stands for (its stem; "Russia's" is "russia")."""
    return stem(normalise(word).removesuffix("'s"))


def deep_link(bot_username: str, payload: str) -> str:
    """A t.me link that opens a private chat with the bot and sends /start `payload`."""
    return create_deep_linked_url(bot_username, payload)


def split_text(text: str, budget: int, measure: Callable[[str], int] | None = None) -> list[str]:
    """Consecutive pieces of `text` (joined they give it back exactly), each measuring at most
    `budget`: cut after sentence ends, else at spaces, else anywhere."""
    measure = measure or (lambda piece: utf16_len(html.escape(piece, quote=False)))
    if measure(text) <= budget:
        return [text]
    pieces: list[str] = []
    for unit in _units(text, budget, measure):
        if pieces and measure(pieces[-1]) + measure(unit) <= budget:
            pieces[-1] += unit
        else:
            pieces.append(unit)
    return pieces


def _units(text: str, budget: int, measure: Callable[[str], int]) -> list[str]:
    """Sentences (with their trailing space) of text, finer where one is over budget."""
    units = []
    for sentence in _cut_after(text, _SENTENCE_END):
        if measure(sentence) <= budget:
            units.append(sentence)
            continue
        for word in _cut_after(sentence, _SPACE):
            while measure(word) > budget:  # a "word" longer than a message: cut by characters
                n = max(1, budget // 8)
                while n < len(word) and measure(word[: n + 1]) <= budget:
                    n += 1
                units.append(word[:n])
                word = word[n:]
            units.append(word)
    return [u for u in units if u]


def _cut_after(text: str, pattern: re.Pattern[str]) -> list[str]:
    """Split text after each match of `pattern`, keeping every character."""
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(text[last : match.end()])
        last = match.end()
    out.append(text[last:])
    return out


def blockquote(body_html: str, plain_len: int) -> str:
    """A blockquote, collapsed when long."""
    tag = "blockquote expandable" if plain_len > EXPANDABLE_FROM else "blockquote"
    return f"<{tag}>{body_html}</blockquote>"


def quote_html(quote: Quote, bot_username: str) -> str:
    """One quote with its citation: speaker, document, date, lines, source link, permalink."""
    ref = passage_ref(quote.citation.passage_id)
    where = ", ".join(
        x
        for x in (
            clip(source_label(quote.document)),
            clip(original_label(quote.citation)),
            lines_label(quote.citation.span),
        )
        if x
    )
    cite = [
        f"— <b>{html.escape(clip(quote_speaker_label(quote)), quote=False)}</b>",
        f"<i>{html.escape(where, quote=False)}</i>",
    ]
    links = [f'<a href="{deep_link(bot_username, ref)}">permalink</a>']
    if quote.document.url:
        links.insert(0, f'<a href="{html.escape(clip(quote.document.url, 1000))}">source</a>')
    cite.append(" · ".join(links))
    cite += [
        f"<i>also in {html.escape(c.doc_id)}, {lines_label(c.span)}</i>" for c in quote.also_in[:5]
    ]
    if len(quote.also_in) > 5:
        cite.append(f"<i>and in {len(quote.also_in) - 5} more places</i>")
    marked = highlight(quote.text, quote.terms)
    body = blockquote(marked, len(quote.text))
    if utf16_len(marked) > QUOTE_BUDGET:  # cut: the reader sees where; the permalink has it all
        shown = split_text(
            quote.text, QUOTE_BUDGET, lambda piece: utf16_len(highlight(piece, quote.terms))
        )[0]
        body = (
            blockquote(highlight(shown, quote.terms), len(shown))
            + "\n<i>… (cut here; the permalink shows the whole passage)</i>"
        )
    return body + "\n" + "\n".join(cite)


def answer_messages(answer: Answer, bot_username: str) -> list[str]:
    """The answer as HTML messages, each within Telegram's limit, split only between quotes."""
    if answer.problem:
        return [html.escape(answer.problem, quote=False)]
    notes = [f"<i>{html.escape(n, quote=False)}</i>" for n in answer.notes]
    if answer.abstained and not answer.closest:
        return [
            "\n".join(
                [
                    *notes,
                    "Not in my documents. See /sources for what they cover, "
                    "or /speakers for who speaks in them.",
                ]
            )
        ]
    if answer.abstained:  # not a direct answer: say so above the passages
        notes.append(f"<b>{html.escape(CLOSEST, quote=False)}</b>")
    blocks = [quote_html(q, bot_username) for q in answer.quotes]
    if answer.quotes and answer.closest:  # the next nearest passages after a narrow answer
        blocks.append(f"<b>{html.escape(ALSO, quote=False)}</b>")
    blocks += [quote_html(q, bot_username) for q in answer.closest]
    return pack(notes + blocks)


def pack(blocks: list[str], limit: int = MAX_UTF16, sep: str = "\n\n") -> list[str]:
    """Join blocks with `sep` into as few messages as fit the limit (UTF-16 units of the HTML,
    never fewer than Telegram counts after parsing). Blocks must each fit: the renderers cut or
    split long text before it becomes a block."""
    messages: list[str] = []
    for block in blocks:
        if messages and utf16_len(messages[-1]) + utf16_len(sep) + utf16_len(block) <= limit:
            messages[-1] += sep + block
        else:
            messages.append(block)
    return messages


def answer_keyboard(
    answer: Answer, offset: int, k: int, more: bool | None = None
) -> InlineKeyboardMarkup | None:
    """Context buttons per quote (or per closest passage) and More when further quotes exist
    (`more`; unknown: when this page is full); the state is in the callback data."""
    shown = answer.quotes + answer.closest
    if not shown:
        return None
    row = [
        InlineKeyboardButton(
            f"Context {offset + n}", callback_data=f"c:{passage_ref(q.citation.passage_id)}"
        )
        for n, q in enumerate(shown, start=1)
    ]
    rows = [row]
    if len(shown) == k if more is None else more:
        rows.append([InlineKeyboardButton("More", callback_data=f"m:{offset + k}")])
    return InlineKeyboardMarkup(rows)


def passage_messages(
    corpus: Library, passage: Passage, bot_username: str, around: int = 0
) -> list[str]:
    """A passage (and `around` paragraphs either side in its turn), verbatim, with its citation."""
    turn = corpus.turn_passages(passage.doc_id, passage.turn_index)
    i = [p.id for p in turn].index(passage.id)
    parts = []
    for p in turn[max(0, i - around) : i + around + 1]:
        label = ("\u25b6 " if p.id == passage.id else "") + lines_label(p.span)
        pieces = split_text(p.text, PARAGRAPH_BUDGET)
        for n, piece in enumerate(pieces, start=1):
            part = f" ({n}/{len(pieces)})" if len(pieces) > 1 else ""
            parts.append(f"<i>{label}{part}</i>\n" + blockquote(_esc(piece), len(piece)))
    who = clip(speaker_label(corpus.speakers[passage.speaker_id]))
    doc = corpus.sources[passage.doc_id]
    source = clip(
        ", ".join(
            x
            for x in (
                source_label(doc.meta),
                original_label(citation(doc, passage.span, passage.id)),
            )
            if x
        )
    )
    parts.append(
        f"— <b>{_esc(who)}</b>\n<i>{_esc(source)}</i>\n"
        f'<a href="{deep_link(bot_username, passage.ref)}">permalink</a>'
    )
    return pack(parts)


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def clip(text: str, limit: int = 300) -> str:
    """A label from a document (title, name, role) kept short enough for any message."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


START_TEXT = (
    "I answer questions about my documents with <b>verbatim quotes</b> and exact citations — "
    "who said it, in which document, and on which lines. Nothing is paraphrased.\n\n"
    "Ask me anything, or try one of these:"
)


def start_text(examples: Sequence[str]) -> str:
    """The /start greeting; it offers the example buttons only when there are some."""
    return START_TEXT if examples else START_TEXT.replace(", or try one of these:", ".")


def help_text(examples: Sequence[str]) -> str:
    """/help, its speaker example one the documents answer (examples.py), or none."""
    named = next((e for e in examples if e.startswith("What did ")), "")
    line = f"<i>{_esc(named)}</i>" if named else "<i>What did … say about …?</i>"
    return HELP_TEXT.replace("<i>What did Lukashenko say about Uzbekistan?</i>", line)


HELP_TEXT = (
    "<b>How to ask</b>\n"
    "• In this chat: just write your question.\n"
    "• In a group: <code>/ask your question</code>, mention me, or reply to my message.\n"
    "• In any chat: type my @username and a question to pick a quote (inline mode).\n"
    "• Name a speaker to search only their words: <i>What did Lukashenko say about Uzbekistan?</i>\n\n"
    "/sources — the documents I know\n/speakers — who speaks in them\n"
    "Under an answer, <b>Context</b> shows the surrounding paragraphs and <b>More</b> the next quotes."
)


MAX_LISTED = 60  # /speakers and /sources of a large archive: the first ones, then a count


def speakers_messages(corpus: Library) -> list[str]:
    """/speakers: each speaker with role and number of turns, most turns first."""
    turns = corpus.speaker_turns
    rows = []
    ranked = sorted(corpus.speakers.values(), key=lambda sp: -turns.get(sp.id, 0))
    for sp in ranked[:MAX_LISTED]:
        role = f", {_esc(clip(sp.role))}" if sp.role and not sp.is_publisher else " (publisher)"
        n = turns.get(sp.id, 0)
        rows.append(f"• <b>{_esc(clip(sp.name))}</b>{role} — {n} turn{'s' if n != 1 else ''}")
    rows += _and_more(len(ranked))
    return pack(["<b>Speakers</b>", *rows], sep="\n")


def sources_messages(corpus: Library) -> list[str]:
    """/sources: each document with kind, source and date (linked when a url is known)."""
    rows = []
    for source in list(corpus.sources.values())[:MAX_LISTED]:
        m = source.meta
        name = _esc(clip(m.title))
        title = f'<a href="{html.escape(clip(m.url, 1000))}">{name}</a>' if m.url else name
        extra = " · ".join(_esc(clip(x)) for x in (m.kind, m.source, m.date) if x)
        rows.append(f"• {title}\n  <i>{extra}</i>")
    rows += _and_more(len(corpus.sources))
    return pack(["<b>Documents</b>", *rows], sep="\n")


def _and_more(total: int) -> list[str]:
    """The closing line of a list cut at MAX_LISTED, if it was cut."""
    return [f"… and {total - MAX_LISTED} more"] if total > MAX_LISTED else []


GROUP_GREETING = (
    "Hello! I answer questions about my documents with verbatim, cited quotes. Here, write "
    "<code>/ask your question</code>, mention me, or reply to one of my answers."
)


def inline_title(quote: Quote) -> str:
    """Inline result title: speaker — document."""
    return f"{quote.speaker.name} — {quote.document.title}"[:100]


INLINE_HINT = "Type a question to quote the documents"


def inline_hint_button(examples: Sequence[str] = ()) -> InlineQueryResultsButton:
    """The button shown for an empty inline query: opens a private chat with the bot. It shows
    the shortest example the documents answer when one fits on the button."""
    fitting = sorted((e for e in examples if len(e) <= 60), key=len)
    return InlineQueryResultsButton(
        text=f"e.g. {fitting[0]}" if fitting else INLINE_HINT, start_parameter="inline"
    )
