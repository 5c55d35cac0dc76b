"""Which language a text is in, told by its script: enough to choose a stemmer and to answer
"my documents are in …" (Cyrillic → Russian, Latin → English; the manifest overrides)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

# Script (the first word of a letter's Unicode name) -> the language the project reads in it.
SCRIPT_LANGUAGE = {"LATIN": "en", "CYRILLIC": "ru"}
NAMES = {"en": "English", "ru": "Russian"}
_SAMPLE = 20_000  # characters looked at: a document's script shows in its first pages
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def scripts(text: str) -> Counter[str]:
    """How many letters of each script the text holds."""
    out: Counter[str] = Counter()
    for c in text:
        if c.isalpha():
            out["LATIN" if c.isascii() else unicodedata.name(c, "OTHER").split()[0]] += 1
    return out


def detect(text: str) -> str:
    """The text's language code from its main script ("en", "ru"), or "" when it has no letters.

    A script the project has no language for is named by its script ("greek", "arabic").
    """
    sample = text[:_SAMPLE]
    latin, cyrillic = len(_LATIN.findall(sample)), len(_CYRILLIC.findall(sample))
    letters = sum(1 for c in sample[:2000] if c.isalpha())
    if latin + cyrillic and (latin + cyrillic) * 2 >= letters * min(1, len(sample) / 2000):
        return "ru" if cyrillic > latin else "en"  # the common case, without a per-letter loop
    counts = scripts(sample)
    if not counts:
        return ""
    script = counts.most_common(1)[0][0]
    return SCRIPT_LANGUAGE.get(script, script.lower())


def name(code: str) -> str:
    """A language's English name ("ru" -> "Russian"); an unknown code is shown capitalised."""
    return NAMES.get(code, code.capitalize())
