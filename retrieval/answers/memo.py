"""What the answer path derives from a passage, computed once per passage instead of per question.

A question examines up to fifty candidate passages, and the next question examines many of the
same ones: a passage's terms, whether it states a quantity or a reason,
the words of the exchange around it. None of these depends on the question, so each is kept per
passage id (the most recent MEMO_SIZE passages), the way the passage's terms always were.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ..bounded import Bounded
from ..model import Passage
from ..tokenize import tokens

MEMO_SIZE = 5_000  # passages whose derived values are remembered

T = TypeVar("T")


class PassageMemo(Generic[T]):
    """One value derived from a passage, computed on first use and remembered by passage id.

    `derive` must never return None (None marks a value not computed yet)."""

    def __init__(self, derive: Callable[[Passage], T], size: int = MEMO_SIZE) -> None:
        self._derive = derive
        self._values: Bounded[str, T] = Bounded(size)

    def __call__(self, passage: Passage) -> T:
        """The value for `passage`, computed now if it is not remembered."""
        found = self._values.get(passage.id)
        if found is None:
            found = self._derive(passage)
            self._values.put(passage.id, found)
        return found


def on_text(derive: Callable[[str], T], size: int = MEMO_SIZE) -> PassageMemo[T]:
    """A PassageMemo of a value derived from the passage's text alone."""
    return PassageMemo(lambda passage: derive(passage.text), size)


@dataclass(frozen=True)
class Terms:
    """A passage's index terms in order, and as a set (`distinct`). The set is made with the
    terms: nearly every passage whose terms are read is checked against it, and a
    cached_property takes a lock shared by every instance (Python 3.11) on each first use."""

    tokens: list[str]
    distinct: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "distinct", frozenset(self.tokens))

    @classmethod
    def of(cls, passage: Passage, stored: list[str] | None = None) -> Terms:
        """The terms of a passage's text (tokenize.tokens), or those an index stored for it."""
        return cls(tokens(passage.text) if stored is None else stored)
