"""Build the answering service from settings: corpus, retriever and answerer, in one place."""

from __future__ import annotations

import logging

from retrieval.answer import Answerer
from retrieval.bm25 import RankBM25Retriever
from retrieval.corpus import Corpus, load_corpus

from .settings import Settings

log = logging.getLogger(__name__)


def load_logged_corpus(settings: Settings) -> Corpus:
    """The corpus named by the settings, its problems and warnings logged; CorpusError if unusable."""
    corpus = load_corpus(settings.corpus_dir)
    for problem in corpus.problems:
        log.warning("corpus: %s", problem)
    for source in corpus.sources.values():
        for warning in source.warnings:
            log.warning("corpus: %s: %s", source.path.name, warning)
    return corpus


def build_answerer(settings: Settings) -> Answerer:
    """Load the corpus named by the settings and index it."""
    corpus = load_logged_corpus(settings)
    return Answerer(corpus, RankBM25Retriever(corpus), k=settings.answers)
