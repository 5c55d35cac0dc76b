"""Build the answering service from settings: corpus, retriever and answerer, in one place."""

from __future__ import annotations

import logging

from retrieval.answer import Answerer
from retrieval.bm25 import RankBM25Retriever
from retrieval.corpus import load_corpus

from .settings import Settings

log = logging.getLogger(__name__)


def build_answerer(settings: Settings) -> Answerer:
    """Load the corpus named by the settings and index it; CorpusError if none of it is usable."""
    corpus = load_corpus(settings.corpus_dir)
    for problem in corpus.problems:
        log.warning("corpus: %s", problem)
    for doc in corpus.documents.values():
        for warning in doc.warnings:
            log.warning("corpus: %s: %s", doc.path.name, warning)
    return Answerer(corpus, RankBM25Retriever(corpus), k=settings.answers)
