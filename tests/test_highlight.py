"""highlight() finds the same words as tokenising each quote with the word pattern and stemming
every word, whatever path it takes (ASCII runs, the regex, a full word table)."""

from __future__ import annotations

import html

import pytest

from stenogram.bot import telegram_html as th
from stenogram.retrieval.tokenize import normalise, stem

TEXTS = [
    "Russia's & Kazakhstan's <b>markets</b> > 2,300 don't a'b'c R&D foo_bar finance FINANCE.",
    "Kazakhstan\u2019s markets \u2014 \u201cfinance\u201d, Финансы и ёлка; \ufb01nance \u0130stanbul",
    "The workers' market, 'market' and ''market'' with markets'' and market' market market",
    "market's markets' it's 's ' '' x'y'z'w market-market_market market5 5market",
    "no bold words here at all & < >",
    "",
    "market",
    "  market  ",
    "Control\x1b[31m red\x00 line\nnext\tcell\u2028sep \U0001f600 emoji market",
]
TERMS = [("market", "russia", "financ", "финанс", "елк", "b", "c", "x", "5market"), ("absent",)]


def reference(text: str, terms: tuple[str, ...]) -> str:
    """The highlighting as first written: each word of _WORD stemmed, one at a time."""
    wanted = set(terms)
    out, last = [], 0
    for match in th._WORD.finditer(text):
        if stem(normalise(match.group()).removesuffix("'s")) in wanted:
            out.append(html.escape(text[last : match.start()], quote=False))
            out.append(f"<b>{html.escape(match.group(), quote=False)}</b>")
            last = match.end()
    out.append(html.escape(text[last:], quote=False))
    return "".join(out)


@pytest.mark.parametrize("full", [False, True])
def test_highlight_is_the_reference(full: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if full:  # the word table has no room left: words are stemmed one by one
        monkeypatch.setattr(th, "_MAX_WORDS", 0)
    for terms in TERMS:
        for text in TEXTS:
            assert th.highlight(text, terms) == reference(text, terms), (text, terms)
            assert th.highlight(text, terms) == reference(text, terms), "second time, known words"
    assert "<b>market</b>" in th.highlight(TEXTS[2], TERMS[0])
    assert "<b>Kazakhstan\u2019s</b>" in th.highlight(TEXTS[1], ("kazakhstan",))


def test_an_ascii_words_term_begins_with_its_initial() -> None:
    """What lets highlight() stem only the new words whose initial a wanted term has."""
    from stenogram.retrieval.questions.spelling import dictionary_file

    listed = [line.split()[0] for line in dictionary_file().read_text(encoding="utf-8").split("\n")]
    words = [w for w in listed if w and w.isascii()] + list(th.LEMMAS)
    assert len(words) > 80_000
    other = dict(th._OTHER_INITIAL)
    for word in words:
        for form in (word, word.upper(), word.capitalize() + "'s"):
            initial = th._term(form)[:1]
            assert initial == word[0] or other.get(word[0]) == initial, form
    assert other == {"w": "g"}  # "went": "go"
    text = "He went home; they go, going, gone."
    assert th.highlight(text, ("go",)) == reference(text, ("go",))
    assert "<b>went</b>" in th.highlight(text, ("go",))
