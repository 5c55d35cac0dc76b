"""The static embedding gives a text the same vector whatever it is embedded with: a few short
words (tokenised one at a time) or long passages (tokenised in a batch), alone or together."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from stenogram.retrieval.answers.answer import Answerer
from stenogram.retrieval.documents.corpus import load_corpus
from stenogram.retrieval.questions import semantic

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_a_texts_vector_does_not_depend_on_its_company() -> None:
    model = semantic.model()
    words = ["soldiers", "", "Путин", "x"]  # together under BATCH_CHARS: one at a time
    passages = [p.text for p in load_corpus(SEEDS).passages[:12]]  # over it: a batch
    assert sum(map(len, words)) <= semantic.BATCH_CHARS < sum(map(len, passages))
    for texts in (words, passages, [*words, *passages]):
        for norm in (True, False):
            together = model.embed(texts, norm=norm)
            alone = np.vstack([model.embed([t], norm=norm) for t in texts])
            assert together.dtype == np.float32
            assert np.array_equal(together, alone)  # bit for bit
    assert not model.embed([""]).any()  # no token: the zero vector, as before
    vec = model.embed(["soldiers"])[0]
    ids = model.tokenizer.encode("soldiers", add_special_tokens=False).ids
    mean = model.vectors[ids].astype(np.float32).mean(axis=0)
    assert np.array_equal(vec, mean / np.linalg.norm(mean))


def test_loading_the_model_leaves_blas_one_thread() -> None:
    """The question's products over the word vectors run on one BLAS thread (semantic.py says
    why): checked in a fresh process, where BLAS starts with a thread per core."""
    code = (
        "from threadpoolctl import threadpool_info\n"
        "from stenogram.retrieval.questions import semantic\n"
        "semantic.model()\n"
        "print(max(i['num_threads'] for i in threadpool_info() if i['user_api'] == 'blas'))\n"
    )
    env_free = {k: v for k, v in os.environ.items() if "NUM_THREADS" not in k}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env_free, check=True
    )
    assert out.stdout.strip() == "1"


def test_the_table_of_nearest_terms_gives_what_the_live_lookup_gives(tmp_path: Path) -> None:
    """Every vocabulary word's nearest terms from the precomputed table are the live product's,
    to the bit; a word outside the vocabulary is still looked up live; the table saved in a
    generation is loaded back, and one that does not fit the vocabulary is recomputed."""
    from stenogram.retrieval.questions import reader_cache
    from stenogram.retrieval.search.bm25 import RankBM25Retriever

    vocabulary = tuple(RankBM25Retriever.from_corpus(load_corpus(SEEDS)).vocabulary(10_000))
    live = semantic.Neighbours(vocabulary)
    tabled = semantic.Neighbours(saved=(live.terms, live.words, live._vectors()))
    reader_cache.nearest(tabled, vocabulary, tmp_path)
    assert tabled._nearest is not None
    words = [*live.words, "soldiers", "troopz"]
    n = semantic.PRECOMPUTED
    assert tabled.nearest_many(words, n, 0.0) == live.nearest_many(words, n, 0.0)
    assert live._nearest is None  # the live one never used a table
    # Saved in the generation, and loaded back by the next reader of it.
    saved = sorted(tmp_path.glob("reader-*.nearest.npz"))
    assert len(saved) == 1
    again = semantic.Neighbours(saved=(live.terms, live.words, live._vectors()))
    reader_cache.nearest(again, vocabulary, tmp_path)
    assert again._nearest is not None
    assert np.array_equal(again._nearest[0], tabled._nearest[0])
    assert again.nearest_many(words, n, 0.0) == live.nearest_many(words, n, 0.0)
    # A table of another size is no table of this vocabulary: computed again.
    fewer = semantic.Neighbours(saved=(live.terms[:-1], live.words[:-1], live._vectors()[:-1]))
    with pytest.raises(ValueError):
        fewer.take_nearest(*tabled._nearest)


def test_common_words_outside_the_vocabulary_are_tabled_as_the_live_lookup_gives_them(
    tmp_path: Path,
) -> None:
    """The extra rows of the table (the commonest English words, for a large vocabulary) hold
    what the live product gives each of those words, to the bit; the table is saved with its
    words and loaded back; a saved table of other extra words is computed again."""
    from stenogram.retrieval.questions import reader_cache
    from stenogram.retrieval.questions.spelling import common_words
    from stenogram.retrieval.search.bm25 import RankBM25Retriever

    vocabulary = tuple(RankBM25Retriever.from_corpus(load_corpus(SEEDS)).vocabulary(10_000))
    live = semantic.Neighbours(vocabulary)
    extra = common_words(400)
    tabled = semantic.Neighbours(saved=(live.terms, live.words, live._vectors()))
    reader_cache.nearest(tabled, vocabulary, tmp_path, extra)
    fresh = tabled.tabled_extra()
    assert 100 < len(fresh) < len(extra)  # the vocabulary's own words are left out
    assert not set(fresh) & set(live.words)
    assert tabled._nearest is not None
    assert len(tabled._nearest[0]) == len(live.words) + len(fresh)
    n = semantic.PRECOMPUTED
    words = [*fresh, *live.words[:50], "troopz"]
    assert tabled.nearest_many(words, n, 0.0) == live.nearest_many(words, n, 0.0)
    again = semantic.Neighbours(saved=(live.terms, live.words, live._vectors()))
    reader_cache.nearest(again, vocabulary, tmp_path, extra)
    assert again.tabled_extra() == fresh
    assert again.nearest_many(words, n, 0.0) == live.nearest_many(words, n, 0.0)
    other = semantic.Neighbours(saved=(live.terms, live.words, live._vectors()))
    reader_cache.nearest(other, vocabulary, tmp_path, extra[:100])  # not the saved words
    assert other.tabled_extra() == other.extra_words(extra[:100]) != fresh
    assert other._nearest is not None
    assert len(other._nearest[0]) == len(live.words) + len(other.tabled_extra())


def test_only_a_large_vocabulary_tables_the_common_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The seeds' vocabulary is below COMMON_FROM: its table holds its own words only; were the
    bar lower, prepare() would table the commonest words too, and a question's word among them
    would be looked up, not multiplied."""
    from stenogram.retrieval.questions import question
    from stenogram.retrieval.search.index import IndexStore

    library, retriever, info = IndexStore(SEEDS, tmp_path / "index").open("tantivy")
    answerer = Answerer(library, retriever, cache=info.directory)
    answerer.prepare()
    found = answerer.reader.neighbours
    assert found is not None and len(found.words) < semantic.COMMON_FROM
    assert found.tabled_extra() == []
    from stenogram.retrieval.questions import reader_cache

    reader_cache._built_neighbours.cache_clear()  # one set of vectors per vocabulary, shared
    monkeypatch.setattr(question, "COMMON_FROM", 0)
    monkeypatch.setattr(question, "TABLED_WORDS", 200)
    library, retriever, info = IndexStore(SEEDS, tmp_path / "other").open("tantivy")
    lowered = Answerer(library, retriever, cache=info.directory)
    lowered.prepare()
    tabled = lowered.reader.neighbours
    assert tabled is not None and 0 < len(tabled.tabled_extra()) <= 200
    assert (
        lowered.ask("how many soldiers were sent").quotes
        == answerer.ask("how many soldiers were sent").quotes
    )
    reader_cache._built_neighbours.cache_clear()  # no table of these extra words outlives it


def test_family_check_from_the_vocabulary_matrix_is_the_embedding() -> None:
    """kin() reads the vectors of vocabulary words from the matrix: the same answer, and the
    same similarities to the bit, as embedding them; words outside it are embedded."""
    from stenogram.retrieval.search.bm25 import RankBM25Retriever

    vocabulary = tuple(RankBM25Retriever.from_corpus(load_corpus(SEEDS)).vocabulary(10_000))
    known = semantic.Neighbours(vocabulary)
    words = known.words[:400]
    rows = known.vectors_of(words)
    assert rows is not None
    embedded = semantic.model().embed(words, norm=True)
    assert np.array_equal(rows, embedded)
    for i in range(0, len(words) - 4, 4):
        word, others = words[i], words[i + 1 : i + 4]
        for minimum in (0.0, 0.25, 0.5):
            assert semantic.kin(word, others, minimum, known=known) == semantic.kin(
                word, others, minimum
            )
    assert known.vectors_of([words[0], "zzzqx"]) is None  # not all of them: embedded instead
