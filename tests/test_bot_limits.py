"""Every message the renderer makes is one Telegram accepts (checked by the fake Bot API's parser
of Telegram's HTML rules), however long the passage: the longest passage of every bundled and
shared real document, and synthetic extremes."""

from __future__ import annotations

from pathlib import Path

import pytest

from stenogram.bot.telegram_html import (
    MAX_UTF16,
    QUOTE_BUDGET,
    answer_keyboard,
    answer_messages,
    passage_messages,
    quote_html,
    split_text,
    utf16_len,
)
from stenogram.retrieval.documents.corpus import Corpus, load_corpus
from stenogram.retrieval.model import Answer, Citation, Passage, Quote
from stenogram.retrieval.tokenize import normalise, stem

try:
    from fakebotapi import MAX_CALLBACK_DATA_BYTES, parse_text
except ImportError:  # pragma: no cover - when tests/ is imported as a package
    from tests.fakebotapi import MAX_CALLBACK_DATA_BYTES, parse_text

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "corpora" / "real"
CORPORA = [ROOT / "seeds"] + (
    sorted(d for d in REAL.iterdir() if d.is_dir()) if REAL.is_dir() else []
)
BOT = "StenogramTestBot"


def accepted(html_text: str) -> str:
    """The plain text Telegram shows; raises (the fake's ApiError 400) if it would reject it."""
    plain, _ = parse_text(html_text, "HTML", None)
    assert utf16_len(plain) <= MAX_UTF16
    return plain


def quote_of(corpus: Corpus, passage: Passage) -> Quote:
    words = [stem(normalise(w)) for w in passage.text.split()[:40:3]]
    source = corpus.sources[passage.doc_id]
    return Quote(
        passage.text,
        corpus.speakers[passage.speaker_id],
        source.meta,
        Citation(passage.doc_id, source.path, passage.span, passage.id),
        1.0,
        terms=tuple(w for w in words if w),
    )


@pytest.mark.parametrize("directory", CORPORA, ids=lambda d: d.name)
def test_the_longest_passage_of_every_document_fits(directory: Path) -> None:
    corpus = load_corpus(directory)
    longest: dict[str, object] = {}
    for p in corpus.passages:
        if len(p.text) > len(getattr(longest.get(p.doc_id), "text", "")):
            longest[p.doc_id] = p
    assert longest, f"no passages read from {directory}"
    for passage in longest.values():
        for around in (0, 1):
            messages = passage_messages(corpus, passage, BOT, around)
            shown = "".join(accepted(m) for m in messages)
            for piece in split_text(passage.text, 3600):  # every character is shown, in order
                assert piece.strip() in shown
        quote = quote_of(corpus, passage)
        for message in answer_messages(Answer("q", quotes=(quote, quote, quote)), BOT):
            accepted(message)
        inline = accepted(quote_html(quote, BOT))
        assert passage.text[:200].strip()[:50] in inline
        markup = answer_keyboard(Answer("q", quotes=(quote,) * 3), 9990, 3)
        for row in markup.inline_keyboard:
            for button in row:
                assert len(button.callback_data.encode()) <= MAX_CALLBACK_DATA_BYTES


def test_split_text_keeps_every_character_and_cuts_at_sentences() -> None:
    text = " ".join(f"Sentence number {n} ends here." for n in range(800))
    pieces = split_text(text, 1000)
    assert "".join(pieces) == text and len(pieces) > 1
    assert all(utf16_len(p) <= 1000 for p in pieces)
    assert all(p.rstrip().endswith(".") for p in pieces)


@pytest.mark.parametrize(
    "text",
    [
        "word " * 3000,  # no sentence end at all
        "x" * 9000,  # one "word" longer than a message
        "\U0001f600<&>" * 3000,  # surrogate pairs and characters HTML escaping lengthens
        "\u202e\u200b" * 5000 + ". End.",  # RTL override and zero-width spaces
    ],
)
def test_extreme_passages_split_within_limits(text: str) -> None:
    pieces = split_text(text, QUOTE_BUDGET)
    assert "".join(pieces) == text
    for piece in pieces:
        accepted(f"<blockquote>{__import__('html').escape(piece, quote=False)}</blockquote>")
