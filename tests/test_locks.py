"""The lock files: made by `make lock` from pyproject.toml, hashed, layered without overlap."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# Installed together by `make install` (and the runtime one alone by the image): each package in
# exactly one of them. requirements-container.lock is installed on its own by container/setup.sh.
LAYERS = (
    "requirements-build.lock",
    "requirements.lock",
    "requirements-bench.lock",
    "requirements-dev.lock",
)
ALL = (*LAYERS, "requirements-container.lock")
PIN = re.compile(r"^([A-Za-z0-9._-]+)==(\S+)")


def canonical(name: str) -> str:
    """PEP 503 name: lower case, runs of -_. as one dash."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(spec: str) -> str:
    return canonical(re.split(r"[\s\[<>=!~;]", spec, maxsplit=1)[0])


def pins(lock: str) -> dict[str, set[str]]:
    """Package -> versions pinned (several only for different environment markers)."""
    out: dict[str, set[str]] = {}
    for line in (ROOT / lock).read_text(encoding="utf-8").splitlines():
        if m := PIN.match(line):
            out.setdefault(canonical(m[1]), set()).add(m[2])
    return out


def group(name: str) -> set[str]:
    """The requirement names of a dependency group, included groups expanded."""
    names: set[str] = set()
    for item in PYPROJECT["dependency-groups"][name]:
        names |= (
            group(item["include-group"]) if isinstance(item, dict) else {requirement_name(item)}
        )
    return names


@pytest.mark.parametrize("lock", ALL)
def test_every_pin_is_exact_and_hashed_and_made_by_make_lock(lock: str) -> None:
    text = (ROOT / lock).read_text(encoding="utf-8")
    assert "uv via the following command:\n#    make lock\n" in text
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2].strip())
    assert entries
    for entry in entries:
        assert PIN.match(entry), entry
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", entry), f"{lock}: no hash: {entry[:60]}"


def test_layers_pin_each_package_once() -> None:
    seen: dict[str, str] = {}
    for lock in LAYERS:
        for name in pins(lock):
            assert name not in seen, f"{name} is pinned in {seen[name]} and {lock}"
            seen[name] = lock
    assert seen["tantivy"] == "requirements.lock"


def test_a_package_in_two_environments_has_one_version() -> None:
    versions: dict[str, set[str]] = {}
    for lock in ALL:
        for name, found in pins(lock).items():
            versions.setdefault(name, set()).update(found)
    runtime = pins("requirements.lock")
    split = {n for n, v in runtime.items() if len(v) > 1}  # e.g. numpy per Python version
    assert {n: v for n, v in versions.items() if len(v) > 1 and n not in split} == {}


def test_the_locks_cover_pyproject() -> None:
    runtime = {requirement_name(d) for d in PYPROJECT["project"]["dependencies"]}
    layered = set().union(*(pins(lock) for lock in LAYERS))
    assert runtime <= set(pins("requirements.lock"))
    assert group("build") <= set(pins("requirements-build.lock"))
    assert group("dev") | group("bench") <= layered
    assert group("container") <= set(pins("requirements-container.lock"))
    assert "pip" in pins("requirements-build.lock")  # pip itself is pinned
