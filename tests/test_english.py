"""The English word list (spelling.English): a word looked up in the file's text reads exactly
what the parsed table holds, and the table is parsed only when it is wanted whole."""

from __future__ import annotations

import pytest

from stenogram.retrieval.questions.spelling import SEARCHES, English, dictionary_file


@pytest.fixture(scope="module")
def text() -> str:
    return dictionary_file().read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def table(text: str) -> dict[str, int]:
    return English(text).table()


def test_the_list_names_each_word_once(text: str) -> None:
    """A search finds a word's first line and the table keeps its last: the same only because
    no word has two lines (a new word list with duplicates must fail here)."""
    words = [line.partition(" ")[0] for line in text.splitlines()]
    assert len(words) > 80_000
    assert len(set(words)) == len(words)


def test_a_searched_word_reads_as_the_table_has_it(text: str, table: dict[str, int]) -> None:
    ordered = list(table)
    asked = [*ordered[:3], *ordered[::997], *ordered[-3:]]  # the first line and the last ones too
    absent = ["", "zzqxv", "The", "the ", " the", "the\nof", "123", "ol'", "e-mail", "naïveté"]
    absent += [
        line.partition(" ")[0] for line in text.splitlines() if not line.split()[0].isalpha()
    ][:5]
    for start in range(0, len(asked), SEARCHES):  # a fresh list for each run of searches
        english = English(text)
        for word in asked[start : start + SEARCHES]:
            assert word in english and english[word] == table[word] == english.count(word)
        assert english._table is None  # found in the text: nothing parsed
    english = English(text)
    for word in absent:
        assert word not in table
        assert word not in english and english.count(word) is None
        with pytest.raises(KeyError):
            english[word]
    assert english._table is None


def test_the_table_is_parsed_when_wanted_whole(text: str, table: dict[str, int]) -> None:
    english = English(text)
    words = list(table)[: SEARCHES + 1]
    for word in words[:SEARCHES]:
        assert word in english
    assert english._table is None
    assert words[SEARCHES] in english  # one search too many: parsed once, then looked up
    assert english._table is not None
    assert len(English(text)) == len(table)  # len() and iteration read the table
    assert list(English(text)) == list(table)
    assert dict(English(text).items()) == table
