"""The benchmark's plot: build time and p50 against corpus size, Stenogram and each peer, log axes.

`python -m bench.plot bench/results/<run>.json` redraws the PNG of a run written before;
bench.run draws it after every run, beside the JSON.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # files only, no display: set before pyplot is imported
import matplotlib.pyplot as plt

STYLE = {"peer": "--", "stenogram": "-"}  # peers dashed, Stenogram's engines solid


def series(result: dict[str, Any], value: str) -> dict[str, list[tuple[int, float, bool]]]:
    """(indexed passages, figure, capped) per row label, in size order; `value` "build_s" or
    "p50_ms". Capped: the p50 of only the first questions (see bench/README.md)."""
    sizes = {name: d["indexed_passages"] for name, d in result["datasets"].items()}
    out: dict[str, list[tuple[int, float, bool]]] = {}
    for row in result["rows"]:
        figure = row.get("build_s") if value == "build_s" else row.get("latency", {}).get("p50_ms")
        if figure is None or row.get("dataset") not in sizes:
            continue
        capped = bool(row.get("capped")) and value == "p50_ms"
        out.setdefault(row["label"], []).append((sizes[row["dataset"]], float(figure), capped))
    return {label: sorted(points) for label, points in out.items()}


def plot(result: dict[str, Any], path: Path) -> Path:
    """Draw the run's two panels into `path` (a PNG) and return it."""
    fig, axes = plt.subplots(1, 2, figsize=(12, 5), constrained_layout=True)
    kinds = {r["label"]: r["row"].split()[0] for r in result["rows"]}
    panels = (("build_s", "index build (s)"), ("p50_ms", "answer p50 (ms); open marker: capped"))
    for ax, (value, title) in zip(axes, panels, strict=True):
        for label, points in series(result, value).items():
            xs, ys, capped = zip(*points, strict=True)
            (line,) = ax.plot(xs, ys, STYLE.get(kinds.get(label, ""), "-"), marker="o", label=label)
            open_x = [x for x, c in zip(xs, capped, strict=True) if c]
            open_y = [y for y, c in zip(ys, capped, strict=True) if c]
            if open_x:
                ax.plot(open_x, open_y, "o", color=line.get_color(), markerfacecolor="white")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("indexed passages")
        ax.set_title(title)
        ax.grid(True, which="both", alpha=0.3)
    axes[0].legend(fontsize=8)
    m = result.get("machine", {})
    fig.suptitle(
        f"make bench {result.get('started', '')}: {m.get('cpu', '?')}, {m.get('cores', '?')} cores, "
        f"Python {m.get('python', '?')}, git {m.get('git', '?')}",
        fontsize=9,
    )
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: the PNG of a results JSON, written beside it."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.plot", description=__doc__.splitlines()[0]
    )
    parser.add_argument("results", type=Path, help="a bench/results/*.json file")
    args = parser.parse_args(argv)
    result = json.loads(args.results.read_text(encoding="utf-8"))
    print(plot(result, args.results.with_suffix(".png")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
