"""Where settings come from: the `.env` files to read and the names of the variables.

Kept apart from the settings machinery (settings.py, pydantic) so that a command which reads
only a few settings (`stenogram ask`, see ask_settings.py) can find them without importing it.
"""

from __future__ import annotations

import os
from pathlib import Path

from stenogram.retrieval.errors import StenogramError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_SEEDS = PROJECT_ROOT / "seeds"
ENV_PREFIX = "STENOGRAM_"
ENV_FILE_VARIABLE = "STENOGRAM_ENV_FILE"


class SettingsError(StenogramError):
    """A setting is missing or invalid; the message names the environment variable."""


def env_files(overrides: dict[str, object] | None = None) -> tuple[Path, ...]:
    """The `.env` files to read, lowest priority first (the environment itself beats them all).

    `STENOGRAM_ENV_FILE` names the one file to read (it must exist). Otherwise `.env` beside the
    corpus folder (the compose layout: `./corpus` and `./.env`) and `.env` in the current
    directory, which wins. The corpus folder is the override, `STENOGRAM_CORPUS_DIR`, or the one
    the current directory's `.env` names.
    """
    named = os.environ.get(ENV_FILE_VARIABLE, "").strip()
    if named:
        path = Path(named).expanduser()
        if not path.is_file():
            raise SettingsError(f"{ENV_FILE_VARIABLE}: {named} is not a readable file")
        return (path,)
    here = Path(".env")
    corpus = (overrides or {}).get("corpus_dir") or os.environ.get(f"{ENV_PREFIX}CORPUS_DIR")
    if not corpus and here.is_file():
        from dotenv import dotenv_values  # only when there is a file to read (0.01 s)

        corpus = dotenv_values(here, encoding="utf-8").get(f"{ENV_PREFIX}CORPUS_DIR")
    files: list[Path] = []
    if corpus:
        beside = Path(str(corpus)).expanduser().resolve().parent / ".env"
        if beside.is_file() and (not here.is_file() or not beside.samefile(here)):
            files.append(beside)
    if here.is_file():
        files.append(here)
    return tuple(files)
