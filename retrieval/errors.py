"""Exceptions of the retrieval core; every message is one line an operator can act on."""


class StenogramError(Exception):
    """Base class of every error Stenogram reports to a user or operator."""


class CorpusError(StenogramError):
    """A corpus directory or a document cannot be used."""
