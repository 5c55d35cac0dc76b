"""The files of a corpus directory, without reading any: what opening an index needs (its
staleness check) and nothing of the document readers, so answering starts without loading them."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import CorpusError
from .manifest import MANIFEST_NAME


def check_directory(directory: Path) -> None:
    """CorpusError unless `directory` is a directory this process can list and enter."""
    if not directory.is_dir():
        raise CorpusError(f"corpus directory {directory} does not exist or is not a directory")
    if not os.access(directory, os.R_OK | os.X_OK):
        # Listing it would silently find nothing; say why instead (e.g. a volume's owner).
        raise CorpusError(
            f"corpus directory {directory} cannot be read (permission denied); "
            f"make it readable by uid {os.getuid()}"
        )


def corpus_files(directory: Path) -> list[Path]:
    """Every file below a corpus directory but the manifest and hidden ones, in a stable order."""
    return sorted(
        p
        for p in directory.rglob("*")
        if p.is_file()
        and p.name != MANIFEST_NAME
        and not any(part.startswith(".") for part in p.relative_to(directory).parts)
    )
