"""Read `manifest.toml`: per-file metadata that the operator writes next to the documents."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import KINDS

MANIFEST_NAME = "manifest.toml"
_FIELDS = {
    "file",
    "id",
    "title",
    "source",
    "source_aliases",
    "date",
    "kind",
    "speaker",
    "speaker_role",
    "url",
    "language",
    "speakers",
    "label_pattern",
}


@dataclass(frozen=True)
class ManifestEntry:
    """One `[[document]]` table of the manifest."""

    file: str
    id: str = ""
    title: str = ""
    source: str = ""
    source_aliases: tuple[str, ...] = ()
    date: str = ""
    kind: str = ""
    speaker: str = ""
    speaker_role: str = ""
    url: str = ""
    language: str = ""  # ISO 639-1 code of the document's language ("en", "ru")
    speakers: tuple[str, ...] = ()  # who speaks in it: labels naming them are always accepted
    label_pattern: str = ""  # a regex matching a label at a line start; group "name" the speaker


def read_manifest(directory: Path) -> tuple[dict[str, ManifestEntry], list[str]]:
    """Entries keyed by file name, and one-line problems found in the manifest."""
    path = directory / MANIFEST_NAME
    if not path.exists():
        return {}, []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return {}, [f"{MANIFEST_NAME}: cannot be read ({exc}); metadata will be inferred"]
    entries: dict[str, ManifestEntry] = {}
    problems: list[str] = []
    for n, table in enumerate(data.get("document", []), start=1):
        entry, problem = _entry(table, n)
        if problem:
            problems.append(problem)
        if entry is not None:
            entries[entry.file] = entry
    return entries, problems


def _entry(table: object, n: int) -> tuple[ManifestEntry | None, str]:
    """Validate one table; a bad field is reported and dropped, not fatal."""
    where = f"{MANIFEST_NAME}: document #{n}"
    if not isinstance(table, dict) or not isinstance(table.get("file"), str):
        return None, f'{where}: needs a `file = "name.txt"` field; entry ignored'
    problems = [f"unknown field {k!r}" for k in table if k not in _FIELDS]
    clean: dict[str, Any] = {}  # a str per field, a tuple of str for the two list fields
    for key, value in table.items():
        if key in ("source_aliases", "speakers"):
            if isinstance(value, list):
                clean[key] = tuple(str(v) for v in value)
            else:
                problems.append(f"{key} must be a list of names")
        elif key in _FIELDS:
            clean[key] = str(value)
    pattern = clean.get("label_pattern", "")
    if pattern:
        try:
            re.compile(pattern)
        except re.error as exc:
            problems.append(f"label_pattern is not a regular expression ({exc})")
            clean.pop("label_pattern")
    kind = clean.get("kind", "")
    if kind and kind not in KINDS:
        problems.append(f"kind {kind!r} is not one of {', '.join(KINDS)}")
        clean.pop("kind")
    problem = f"{where} ({table['file']}): " + "; ".join(problems) if problems else ""
    return ManifestEntry(**clean), problem
