"""Stenogram: answers questions about a set of documents with verbatim, cited quotes.

The one import package of the distribution. In a checkout its subpackages are symbolic links to
the project's top-level folders: `stenogram.retrieval` (the pure core: ../retrieval),
`stenogram.bot` (the Telegram bot and the CLI: ../bot) and `stenogram.seeds` (the bundled
documents: ../seeds); the wheel holds them as ordinary folders. Importing this package loads
nothing else.
"""

from __future__ import annotations
