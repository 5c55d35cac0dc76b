"""The settings `stenogram ask` reads, without the settings machinery when that is safe.

Answering reads four settings (corpus_dir, index_dir, engine, answers); validating every setting
with pydantic costs the process about half its start-up (importing pydantic and building the
model: ~0.45 s of CPU against ~1.2 s for the whole `stenogram ask`). When the environment and the
`.env` files set nothing but those four, each with a value that is plainly valid, they are read
here, to exactly the values Settings would give. Anything else — another STENOGRAM_ variable, a
value that is not plainly valid, a variable without a value — goes to load_settings(), which
reads it or reports it exactly as before: the fast path never decides a doubtful case.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .environment import BUNDLED_SEEDS, ENV_FILE_VARIABLE, ENV_PREFIX, env_files

if TYPE_CHECKING:
    from .settings import Settings

ENGINES = ("auto", "rank-bm25", "tantivy")
DEFAULT_ANSWERS, MAX_ANSWERS = 3, 10  # as Settings.answers: Field(3, ge=1, le=10)


@dataclass(frozen=True)
class AskSettings:
    """What answering reads of the settings (the same fields as Settings)."""

    corpus_dir: Path = BUNDLED_SEEDS
    index_dir: Path | None = None
    engine: str = "auto"
    answers: int = DEFAULT_ANSWERS


def ask_settings(**overrides: Any) -> AskSettings | Settings:
    """The settings for answering: read here when plainly valid (see the module), else by
    load_settings() (which raises SettingsError for a bad value)."""
    quick = read_quickly(overrides)
    if quick is not None:
        return quick
    from .settings import load_settings

    return load_settings(**overrides)


def read_quickly(overrides: dict[str, Any]) -> AskSettings | None:
    """AskSettings from the overrides, the environment and the `.env` files, in Settings'
    order of precedence; None when anything there needs the full settings machinery."""
    if set(overrides) - {"corpus_dir"}:
        return None
    prefix = ENV_PREFIX.lower()
    found: dict[str, str] = {}
    files = env_files(overrides)
    sources: list[dict[str, str | None]] = []
    if files:
        from dotenv import dotenv_values  # only when there is a file to read (0.01 s)

        sources = [dict(dotenv_values(f, encoding="utf-8")) for f in files]
    sources.append(dict(os.environ))  # the environment beats every file
    for source in sources:
        for key, value in source.items():
            name = key.lower()  # Settings reads variable names in any case
            if not name.startswith(prefix) or name == ENV_FILE_VARIABLE.lower():
                continue
            if value is None:
                return None
            found[name.removeprefix(prefix)] = value
    if set(found) - {"corpus_dir", "index_dir", "engine", "answers"}:
        return None
    fields: dict[str, Any] = {}
    for name, value in found.items():
        if name in ("corpus_dir", "index_dir"):
            if not value or value != value.strip():
                return None
            fields[name] = Path(value)
        elif name == "engine":
            if value.lower().strip() not in ENGINES:
                return None
            fields[name] = value.lower().strip()
        elif name == "answers":
            if not re.fullmatch(r"[1-9][0-9]?", value) or int(value) > MAX_ANSWERS:
                return None
            fields[name] = int(value)
    if "corpus_dir" in overrides:
        corpus = overrides["corpus_dir"]
        if not isinstance(corpus, Path):
            return None
        fields["corpus_dir"] = corpus
    return AskSettings(**fields)
