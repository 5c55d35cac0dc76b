"""Measuring helpers shared by every row: memory from /proc, timers, percentiles, child processes."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MIB = 1024 * 1024
WARMUP = 3  # questions asked once before timing, not counted: first-use caches and page faults


def _status_kib(field: str) -> int:
    """A field of /proc/self/status in KiB (VmRSS, VmHWM)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"/proc/self/status has no {field}")


def rss_mib() -> float:
    """This process's resident memory now (VmRSS), in MiB."""
    return _status_kib("VmRSS") / 1024


def peak_mib() -> float:
    """This process's highest resident memory so far (VmHWM), in MiB."""
    return _status_kib("VmHWM") / 1024


def steady_mib() -> float:
    """Resident memory after a full garbage collection: what the process keeps to serve."""
    gc.collect()
    return rss_mib()


def dir_mb(path: Path) -> float:
    """Bytes of every file below `path` (or of the file itself), in MB (10^6)."""
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation between closest ranks."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


@dataclass(frozen=True)
class Latencies:
    """Per-question times of one engine, in milliseconds."""

    timed: int
    p50_ms: float
    p95_ms: float
    mean_ms: float
    max_ms: float
    first_ms: float  # the first warm-up question, before any cache was warm


def time_queries(ask: Callable[[Any], object], queries: Sequence[Any]) -> Latencies:
    """Ask each query once, one at a time, after WARMUP untimed ones; milliseconds per query."""
    if not queries:
        raise ValueError("no queries to time")
    began = time.perf_counter()
    ask(queries[0])
    first_ms = (time.perf_counter() - began) * 1000
    for q in queries[1:WARMUP]:
        ask(q)
    times = []
    for q in queries:
        began = time.perf_counter()
        ask(q)
        times.append((time.perf_counter() - began) * 1000)
    return Latencies(
        len(times),
        round(percentile(times, 50), 3),
        round(percentile(times, 95), 3),
        round(sum(times) / len(times), 3),
        round(max(times), 3),
        round(first_ms, 3),
    )


def capped(queries: Sequence[Any], limit: int | None) -> list[Any]:
    """The first `limit` queries (all of them when limit is None or larger)."""
    return list(queries if limit is None else queries[:limit])


@dataclass(frozen=True)
class ChildRun:
    """A measured child process: exit code, wall time, peak RSS and what it printed."""

    returncode: int
    wall_s: float
    peak_mib: float
    stdout: str
    stderr: str


def run_child(
    cmd: Sequence[str],
    env: dict[str, str] | None = None,
    timeout: float | None = None,
    cwd: Path | None = None,
) -> ChildRun:
    """Run a command to completion; its peak RSS is the kernel's ru_maxrss for that child (wait4)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        began = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=out, stderr=err, text=True, env=env, cwd=cwd)
        timer = threading.Timer(timeout, proc.kill) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - began
        if timer:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait
        out.seek(0)
        err.seek(0)
        return ChildRun(proc.returncode, wall, usage.ru_maxrss / 1024, out.read(), err.read())


def python_module(module: str, *args: str) -> list[str]:
    """The command that runs `python -m module args` with this interpreter."""
    return [sys.executable, "-m", module, *args]


def run_json(
    cmd: Sequence[str],
    result: Path,
    env: dict[str, str] | None = None,
    timeout: float | None = None,
) -> dict[str, Any]:
    """Run a measuring child that writes its figures to `result`; failures become an error entry."""
    result.unlink(missing_ok=True)
    child = run_child(cmd, env=env, timeout=timeout)
    if child.returncode != 0 or not result.exists():
        tail = " | ".join((child.stderr or child.stdout).strip().splitlines()[-3:])
        return {
            "error": f"exit {child.returncode}: {tail[-400:]}",
            "wall_s": round(child.wall_s, 3),
        }
    data: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
    data.setdefault("child_peak_mib", round(child.peak_mib, 1))
    return data


def write_result(path: Path, data: dict[str, Any]) -> None:
    """Write a child's figures as JSON (the parent reads them back)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def read_lines(path: Path) -> list[str]:
    """The non-empty lines of a text file."""
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.strip()]
