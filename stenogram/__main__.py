"""`python -m stenogram` is the `stenogram` command."""

import sys

from stenogram.bot.cli import main

sys.exit(main())
