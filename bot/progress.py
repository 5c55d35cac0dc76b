"""Index build progress on a terminal: a progress bar (tqdm) for the counted steps, silent in pipes.

The core reports progress as lines (`retrieval.index.Progress`); lines of the shape
"<verb> <done> of <total> <things>" ("read 2,000 of 9,000 files", "indexed 50,000 of 1,200,000
passages") drive a bar, any other line is printed above it. Nothing shows for a build that ends
within QUIET_SECONDS (the bundled seeds), nor when standard error is not a terminal (scripts,
pipes, container logs, where a bar would only be noise).
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # imported by the first bar: `stenogram ask` over a built index draws none
    from tqdm import tqdm

QUIET_SECONDS = 1.0  # builds shorter than this say nothing
COUNTED = re.compile(r"^(?P<verb>\w+) (?P<done>[\d,]+) of (?P<total>[\d,]+) (?P<unit>\w+)$")


class TerminalProgress:
    """A callable progress sink: one bar per counted step, other lines printed above it."""

    def __init__(self, stream: TextIO, quiet_seconds: float = QUIET_SECONDS) -> None:
        self.stream = stream
        self.quiet_seconds = quiet_seconds
        self.started = time.monotonic()
        self.bar: tqdm | None = None
        self.step = ""

    def __call__(self, line: str) -> None:
        """Take one progress line from the core."""
        counted = COUNTED.match(line)
        if counted is None:
            if time.monotonic() - self.started > self.quiet_seconds:
                self.close()
                print(f"stenogram: {line}", file=self.stream, flush=True)
            return
        done, total = (int(counted[name].replace(",", "")) for name in ("done", "total"))
        step = f"{counted['verb']} {counted['unit']}"
        if self.bar is None or step != self.step:
            from tqdm import tqdm

            self.close()
            self.step = step
            remaining = max(0.0, self.quiet_seconds - (time.monotonic() - self.started))
            self.bar = tqdm(
                total=total,
                desc=f"stenogram: {step}",
                unit=f" {counted['unit']}",
                unit_scale=True,
                file=self.stream,
                delay=remaining,
                leave=True,
                dynamic_ncols=True,
            )
        self.bar.update(done - self.bar.n)
        if done >= total:
            self.close()

    def close(self) -> None:
        """Finish the current bar, if any."""
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def terminal_progress(stream: TextIO | None = None) -> Callable[[str], None] | None:
    """A progress sink for a person at a terminal; None (say nothing) when `stream` is not a tty."""
    stream = stream if stream is not None else sys.stderr
    return TerminalProgress(stream) if stream.isatty() else None
