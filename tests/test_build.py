"""The fast index build computes what the plain one did: same terms, duplicates, index and answers."""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from test_answers import random_questions

from stenogram.retrieval.answers.answer import Answerer
from stenogram.retrieval.documents import ahead
from stenogram.retrieval.documents.corpus import load_corpus
from stenogram.retrieval.documents.dedupe import (
    MAX_SHARED,
    SKETCH,
    _near_identical,
    duplicate_groups,
    shingles,
    sketches,
)
from stenogram.retrieval.model import Passage
from stenogram.retrieval.questions.questionfile import load_question_file
from stenogram.retrieval.search import build
from stenogram.retrieval.search.index import IndexStore
from stenogram.retrieval.search.stored import CATALOG
from stenogram.retrieval.search.termstore import TermIds
from stenogram.retrieval.tokenize import tokens

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
REAL = SHARED / "corpora" / "real"


def reference_duplicates(passages: Sequence[Passage]) -> dict[str, tuple[str, ...]]:
    """Duplicate detection as it was before the build was sped up: every passage's full shingle
    set, candidates from the bottom-SKETCH hashes compared one by one."""
    indexed = [p for p in passages if p.indexed]
    sets = [shingles(p.text) for p in indexed]
    by_hash: dict[int, set[int]] = defaultdict(set)
    for i, s in enumerate(sets):
        for h in s[:SKETCH].tolist():
            by_hash[h].add(i)
    groups: dict[str, set[str]] = defaultdict(set)
    for members in by_hash.values():
        if not 1 < len(members) <= MAX_SHARED:
            continue
        for i in members:
            for j in members:
                a, b = indexed[i], indexed[j]
                if i < j and a.doc_id != b.doc_id and _near_identical(sets[i], sets[j]):
                    groups[a.id].add(b.id)
                    groups[b.id].add(a.id)
    return {pid: tuple(sorted(others)) for pid, others in groups.items()}


def with_copies(tmp_path: Path) -> Path:
    """The seeds plus a document made of other documents' paragraphs, a few of them altered."""
    corpus = Path(shutil.copytree(SEEDS, tmp_path / "corpus"))
    borrowed = [p.text for p in load_corpus(SEEDS).passages if p.indexed][::7]
    borrowed = [t if n % 3 else t.replace(" the ", " a ", 1) for n, t in enumerate(borrowed)]
    (corpus / "compilation.txt").write_text(
        "A compilation\n\n" + "\n\n".join(borrowed) + "\n", encoding="utf-8"
    )
    return corpus


def corpora(tmp_path: Path) -> list[Path]:
    """The seeds with copied paragraphs, and every shared real corpus present."""
    real = sorted(p for p in REAL.iterdir() if p.is_dir()) if REAL.is_dir() else []
    return [with_copies(tmp_path), *real]


@pytest.mark.parametrize("workers", [1, 2])
def test_features_match_tokens_and_the_reference_duplicates(
    tmp_path: Path, workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "CHUNK", 97)  # many chunks, ends not aligned with documents
    found_duplicates = 0
    for directory in corpora(tmp_path):
        corpus = load_corpus(directory)
        features = build.passage_features(corpus.passages, workers=workers)
        assert features.terms == [
            " ".join(tokens(p.text)) if p.indexed else "" for p in corpus.passages
        ]
        keys, counts = features.sketches
        assert len(counts) == sum(p.indexed for p in corpus.passages) and counts.sum() == len(keys)
        plain_keys, plain_counts = sketches(
            [shingles(p.text) for p in corpus.passages if p.indexed]
        )
        assert np.array_equal(keys, plain_keys) and np.array_equal(counts, plain_counts)
        expected = reference_duplicates(corpus.passages)
        assert duplicate_groups(corpus.passages, features.sketches) == expected
        assert corpus.duplicates == expected
        found_duplicates += sum(map(len, expected.values()))
    assert found_duplicates > 50  # the comparison saw real duplicates, not only empty groups


def test_generated_corpus_builds_the_same_in_parallel(tmp_path: Path) -> None:
    from bench.generate import generate

    generate(passages=3000, out=tmp_path / "gen", seed=7)
    corpus = load_corpus(tmp_path / "gen")
    one = build.passage_features(corpus.passages, workers=1)
    two = build.passage_features(corpus.passages, workers=2)
    assert one.terms == two.terms and any(one.terms)
    assert all(np.array_equal(a, b) for a, b in zip(one.sketches, two.sketches, strict=True))
    assert duplicate_groups(corpus.passages, two.sketches) == reference_duplicates(corpus.passages)


def test_parallel_index_holds_the_same_content_and_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus_dir = with_copies(tmp_path)
    corpus = load_corpus(corpus_dir)
    dev = SHARED / "eval" / "dev.jsonl"
    asked = [q["question"] for q in load_question_file(dev)] if dev.exists() else []
    asked += random_questions(corpus)
    built = {}
    known: list[int] = []  # documents whose features the parsing workers computed, per build
    plain = build.passage_features

    def spying(*args: Any, **kwargs: Any) -> build.Features:
        known.append(len(kwargs.get("known") or {}))
        return plain(*args, **kwargs)

    monkeypatch.setattr(build, "passage_features", spying)
    # sequential; terms on both cores; documents parsed ahead by workers (ahead.py) with their
    # features, the documents the parent parsed again (a speaker resolved across files) not.
    for name, parallel_from, ahead_from in (
        ("sequential", 10**9, 10**12),
        ("parallel", 0, 10**12),
        ("ahead", 10**9, 0),
    ):
        monkeypatch.setattr(build, "PARALLEL_FROM", parallel_from)
        monkeypatch.setattr(build, "CHUNK", 64)
        monkeypatch.setattr(ahead, "PARALLEL_FROM_BYTES", ahead_from)
        library, retriever, info = IndexStore(corpus_dir, tmp_path / name).open("tantivy")
        catalog = json.loads((info.directory / CATALOG).read_text(encoding="utf-8"))
        answerer = Answerer(library, retriever)
        built[name] = (catalog, [answerer.ask(q) for q in asked])
        assert [library.passage(p.id) for p in corpus.passages] == list(corpus.passages)
        assert dict(library.duplicates) == corpus.duplicates
    assert built["sequential"] == built["parallel"] == built["ahead"]
    assert sum(len(a.quotes) for a in built["parallel"][1]) > 50
    assert known[:2] == [0, 0] and known[2] > 1


def test_known_features_are_taken_and_the_rest_computed(monkeypatch: pytest.MonkeyPatch) -> None:
    passages = load_corpus(SEEDS).passages
    expected = build.passage_features(passages, workers=1)
    every = build.document_features(passages)
    assert len(every) > 3
    ids = sorted(every)
    known = {d: every[d] for d in ids[::2]}
    short = ids[1]  # features of the wrong length are not taken
    known[short] = build.Features(
        every[short].terms[:-1], every[short].sketches, every[short].term_ids
    )
    computed: list[int] = []
    plain = build._computed

    def counting(run: Sequence[Passage], workers: int | None) -> build.Features:
        computed.append(len(run))
        return plain(run, workers)

    monkeypatch.setattr(build, "_computed", counting)
    found = build.passage_features(passages, workers=1, known=known)
    assert found.terms == expected.terms
    assert all(np.array_equal(a, b) for a, b in zip(found.sketches, expected.sketches, strict=True))

    # The term ids of the taken and computed pieces join into the same terms, passage by passage.
    def spelled(ids: TermIds) -> list[list[str]]:
        ends = np.concatenate([[0], np.cumsum(ids.counts)])
        return [[ids.vocabulary[i] for i in ids.ids[a:b]] for a, b in pairwise(ends.tolist())]

    assert spelled(found.term_ids) == spelled(expected.term_ids)
    assert spelled(found.term_ids) == [t.split() for t in expected.terms]
    taken = sum(len(every[d].terms) for d in ids[::2])
    assert computed == [len(passages) - taken] and 0 < taken < len(passages)


def test_has_content_counts_as_tokens_does() -> None:
    from stenogram.retrieval.tokenize import has_content

    texts = [p.text for p in load_corpus(SEEDS).passages]
    if REAL.is_dir():
        texts += [p.text for p in load_corpus(REAL).passages]
    texts += ["", "the of and", "Kazakhstan's don't 2,300 people", "Путин сказал что бюджет"]
    # Long texts: content words only after the first stretch, or split around its end.
    texts += [
        "of the " * 40 + "harbour ferry quay budget",
        "of the " * 14 + "Kazakhstan’s 2,300 café ferries " + "and " * 60,
        "of the " * 6 + "Kazakhstan’s 2,300 café ferries " + "and " * 30,  # around 48 characters
        "x" * 150 + " ferry quay budget",
    ]
    for text in texts:
        count = len(tokens(text))
        for n in range(7):
            assert has_content(text, n) == (count >= n), (text, n)


def test_sketches_of_short_empty_and_repetitive_passages() -> None:
    import random
    import zlib

    from stenogram.retrieval.documents.dedupe import word_shingles

    rng = random.Random(5)
    vocabulary = [f"w{k}" for k in range(12)]  # few words: shingles repeat within a passage
    rows = [[rng.choice(vocabulary) for _ in range(rng.randint(0, 14))] for _ in range(400)]
    hashes = np.array([zlib.crc32(w.encode()) for ws in rows for w in ws], np.uint64)
    lengths = np.array([len(ws) for ws in rows], np.int64)
    keys, counts = build._sketches(hashes, lengths)
    plain_keys, plain_counts = sketches([word_shingles(ws) for ws in rows])
    assert np.array_equal(keys, plain_keys) and np.array_equal(counts, plain_counts)
    assert {0, 1, 4, 5, 14} <= set(lengths.tolist())  # empty, short and long passages all occurred
    assert {1, 8} <= set(counts.tolist())


def test_batch_words_split_as_words_does_in_every_script() -> None:
    from stenogram.retrieval.search.batchwords import split
    from stenogram.retrieval.tokenize import words

    texts = [
        "Kazakhstan’s don't 2,300 people—yes",
        "Путин сказал, что бюджет ёмкий",
        "x_y ＡＢＣ café ﬁne 3² naïve",
        "",
        "the of and",
        "lone \ud800 surrogate",
        "Łódź ǅemal İstanbul ΣΊΣΥΦΟΣ 東京タワー",
        "Near-term mea-\n\n   sures, infla-\r\ntion and 3-\n4",  # hyphenated at a line's end
    ]
    assert words(texts[-1]) == ["near", "term", "measures", "inflation", "and", "3", "4"]
    from stenogram.retrieval.tokenize import query_tokens, tokens

    # An ordinal in digits is its number: "the 4th of May" is found by "4 May".
    assert tokens("the 4th of May, the 21st") == query_tokens("4 may 21") == ["4", "may", "21"]
    assert tokens("x4th th 1990s") == ["x4th", "th", "1990s"]
    # A Latin letter's accents go, as a reader types it; Cyrillic keeps "й" and "ё".
    assert tokens("Québec, Wiśniewski") == query_tokens("quebec wisniewski")
    assert words("йод ёлка Ó Laoire") == ["йод", "ёлка", "o", "laoire"]
    found = split(texts)
    assert found is not None
    got = [found.text[a:b] for a, b in zip(found.starts.tolist(), found.ends.tolist(), strict=True)]
    assert got == [w for t in texts for w in words(t)]
    assert found.counts.tolist() == [len(words(t)) for t in texts]
    distinct = found.distinct()
    assert [distinct[k] for k in found.inverse.tolist()] == got  # equal words, one group
    assert len(set(distinct)) == len(distinct)


def test_a_hash_collision_takes_the_plain_path(monkeypatch: pytest.MonkeyPatch) -> None:
    from stenogram.retrieval.search import batchwords

    passages = list(load_corpus(SEEDS).passages)[:300]
    expected = build.passage_features(passages, workers=1)
    # Every word gets the same key: the check finds different words in one group.
    monkeypatch.setattr(batchwords, "_keys", lambda points, starts, ends: starts * 0)
    assert batchwords.split(["two words"]) is None
    found = build.passage_features(passages, workers=1)
    assert found.terms == expected.terms and any(found.terms)
    assert all(np.array_equal(a, b) for a, b in zip(found.sketches, expected.sketches, strict=True))


@pytest.mark.parametrize("dtype", [np.uint16, np.int32])
def test_compact_is_unique_with_its_inverse(dtype: type) -> None:
    from stenogram.retrieval.search.build import _compact

    rng = np.random.default_rng(3)
    for ids in (
        rng.integers(0, 60_000, 5_000).astype(dtype),
        np.zeros(0, dtype),
        np.array([7], dtype),
    ):
        used, local = _compact(ids)
        want_used, want_local = np.unique(ids, return_inverse=True)
        assert np.array_equal(used, want_used) and np.array_equal(local, want_local)


def test_compact_is_numpys_unique_either_way() -> None:
    """build._compact gives np.unique's ids and inverse, by a mask for dense ids and by sorting
    for a few ids spread over a large vocabulary (a small document of a big batch)."""
    from stenogram.retrieval.search.build import _compact

    rng = np.random.default_rng(5)
    for ids in (
        rng.integers(0, 300, 2_000),  # dense: the mask
        rng.integers(0, 60_000, 80),  # sparse: sorted
        np.array([7, 7, 7]),
        np.array([], dtype=np.int64),
    ):
        used, inverse = _compact(ids)
        expected_used, expected_inverse = np.unique(ids, return_inverse=True)
        assert used.tolist() == expected_used.tolist()
        assert inverse.tolist() == expected_inverse.reshape(-1).tolist()
