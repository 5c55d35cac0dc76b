"""`python -m bot` is the `stenogram` command."""

import sys

from .cli import main

sys.exit(main())
