"""`stenogram ask`: a process that answers and exits, set up for its short life.

Two costs that a long-running bot never notices are a good part of such a process:
- numpy's OpenBLAS starts a thread per core when it is loaded, spins it after each product and
  stops it at exit; one question's few products over the vocabulary's word vectors (at most
  10,000 x 256) gain nothing from it. A single question gets one BLAS thread, unless the
  environment chooses (BLAS_THREADS). This must happen before numpy is imported. (Any process
  that loads the word vectors is held to one BLAS thread later anyway, by
  retrieval.questions.semantic.one_blas_thread; this one never starts the second.)
- Python's cyclic garbage collector runs about 70 times while the modules, the models and the
  index are loaded, each time walking objects that live as long as the process, and walks them
  all again at exit. It is off while the modules are imported; what they made is then frozen
  (`gc.freeze`: left out of every later collection, the one at exit too) and the collector runs
  as usual for what opening the index and answering make.

Only the program is set up so: `main()` reading the process's own command line (the `stenogram`
script, `python -m stenogram`). A caller that passes its arguments (a test calling `main([...])`
in its own process) is left exactly as it is.
"""

from __future__ import annotations

import gc
import os
import sys

# The variables OpenBLAS reads its thread count from, in its order: any of them set wins.
BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS")

_state = {"collector off": False}


def starting(one_question: bool) -> None:
    """Before the imports: the collector off, and one BLAS thread if one question is asked."""
    if gc.isenabled():  # (someone who turned it off keeps it so)
        gc.disable()
        _state["collector off"] = True
    chosen = any(name in os.environ for name in BLAS_THREADS)
    if one_question and not chosen and "numpy" not in sys.modules:  # read once, when it loads
        os.environ["OPENBLAS_NUM_THREADS"] = "1"


def started() -> None:
    """After the imports: what they made is frozen, and the collector runs again."""
    if _state["collector off"]:
        gc.freeze()
        finished()


def finished() -> None:
    """The collector on again if starting() turned it off (whatever happened in between)."""
    if _state["collector off"]:
        _state["collector off"] = False
        gc.enable()
