"""The retrieval core is pure: no Telegram, no HTTP, no network, statically and at import time."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "retrieval"
FORBIDDEN = ("telegram", "httpx", "socket", "urllib.request", "http")


def imported_modules(source: str) -> set[str]:
    """Absolute names of every module a source imports, including `from a import b` as `a.b`."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and (
                (isinstance(node.func, ast.Name) and node.func.id == "__import__")
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
            )
        ):
            names.add(node.args[0].value)  # __import__("x") / importlib.import_module("x")
    return names


def is_forbidden(name: str) -> bool:
    return any(name == f or name.startswith(f + ".") for f in FORBIDDEN)


def module_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))  # subpackages (readers/) too


def test_collector_sees_imports():
    """The checker itself works: it finds known imports and would flag forbidden ones."""
    found = imported_modules((PACKAGE / "search/bm25.py").read_text(encoding="utf-8"))
    assert {"numpy", "rank_bm25"} <= found
    sample = (
        "import http.client\nfrom urllib import request\nimport socket as s\n"
        "from telegram.ext import Application\n__import__('httpx')\n"
    )
    assert {n for n in imported_modules(sample) if is_forbidden(n)} == {
        "http.client",
        "urllib.request",
        "socket",
        "telegram.ext",
        "telegram.ext.Application",
        "httpx",
    }
    assert not is_forbidden("httpcore_like") and not is_forbidden("telegraphy")


@pytest.mark.parametrize("path", module_files(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_module_imports_nothing_forbidden(path):
    names = imported_modules(path.read_text(encoding="utf-8"))
    assert sorted(n for n in names if is_forbidden(n)) == []


def test_every_module_was_checked():
    names = {p.relative_to(PACKAGE).as_posix() for p in module_files()}
    assert {
        "documents/readers/html.py",
        "documents/readers/pdf.py",
        "answers/answer.py",
        "search/bm25.py",
        "documents/corpus.py",
        "documents/parsing.py",
        "questions/query.py",
        "answers/quotes.py",
        "documents/speakers.py",
        "__init__.py",
    } <= names


SCRIPT = """
import importlib, json, pkgutil, sys
from stenogram import retrieval
loaded = []
for info in pkgutil.walk_packages(retrieval.__path__, "stenogram.retrieval."):
    importlib.import_module(info.name)
    loaded.append(info.name.removeprefix("stenogram.retrieval."))
bad = sorted(m for m in sys.modules if m.split(".")[0] in ("telegram", "httpx"))
print(json.dumps({"loaded": sorted(loaded), "bad": bad, "file": retrieval.__file__}))
"""


def test_importing_retrieval_loads_no_telegram_or_httpx():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert Path(report["file"]).resolve().parent == PACKAGE
    expected = sorted(
        ".".join(p.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
        for p in PACKAGE.rglob("*.py")
        if p.relative_to(PACKAGE).as_posix() != "__init__.py"
    )
    assert report["loaded"] == expected
    assert report["bad"] == []
