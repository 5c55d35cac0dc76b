"""The distribution as a Python user gets it: build the wheel, install it into a new virtual
environment outside the checkout, and ask a question there (README "Install")."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
QUESTION = "How many weapons were confiscated?"


def _run(
    *args: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert proc.returncode == 0, f"{args}: exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`python -m build` of this checkout (sdist, then the wheel from the sdist), offline: the
    pinned setuptools of requirements-build.lock, no isolated download."""
    dist = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--no-isolation", "--outdir", dist, ROOT, cwd=ROOT)
    (found,) = dist.glob("stenogram-*.whl")
    assert len(list(dist.glob("stenogram-*.tar.gz"))) == 1
    return found


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment outside the checkout with the wheel installed by pip.

    The dependencies are this environment's (a .pth line names its site-packages), so the test
    needs no network; the wheel itself is a real pip install into the new environment.
    """
    home = tmp_path_factory.mktemp("fresh")
    assert ROOT not in home.parents
    env_dir = home / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", env_dir, cwd=home)
    python = env_dir / "bin" / "python"
    _run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--quiet",
        "--no-index",
        "--no-deps",
        wheel,
        cwd=home,
    )
    purelib = _run(
        python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=home
    ).stdout.strip()
    (Path(purelib) / "_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return env_dir


def _clean_env(home: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("STENOGRAM_", "PYTHON", "VIRTUAL_ENV"))
    }
    return {**env, "HOME": str(home)}  # the index cache goes to ~/.cache: a fresh one


def test_wheel_holds_one_import_package_the_seeds_and_the_licences(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        metadata = zf.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    top = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert top == {"stenogram"}
    assert {
        "stenogram/bot/cli.py",
        "stenogram/retrieval/answers/answer.py",
        "stenogram/retrieval/documents/readers/html.py",
        "stenogram/py.typed",
        "stenogram/__main__.py",
    } <= set(names)
    bundled = {
        n.removeprefix("stenogram/seeds/") for n in names if n.startswith("stenogram/seeds/")
    }
    assert bundled == {p.name for p in SEEDS.iterdir() if p.is_file()}
    assert any(n.endswith("licenses/LICENSE") for n in names)
    assert any(n.endswith("licenses/NOTICE.md") for n in names)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "License-Expression: MIT" in metadata
    assert f"Version: {project['version']}" in metadata
    assert all(f"Classifier: {c}" in metadata for c in project["classifiers"])


def test_installed_wheel_answers_from_any_directory(venv: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "somewhere"
    elsewhere.mkdir()
    env = _clean_env(tmp_path)
    stenogram = venv / "bin" / "stenogram"
    version = _run(stenogram, "--version", cwd=elsewhere, env=env).stdout.strip()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert version == f"stenogram {project['version']}"

    where = _run(
        venv / "bin" / "python",
        "-c",
        "import stenogram; print(stenogram.__file__)",
        cwd=elsewhere,
        env=env,
    ).stdout.strip()
    assert Path(where).is_relative_to(venv), where  # the installed package, not the checkout

    out = _run(stenogram, "ask", "--json", QUESTION, cwd=elsewhere, env=env)
    first = json.loads(out.stdout)["answers"][0]
    cited = Path(first["file"])
    assert cited.is_absolute() and cited.is_relative_to(venv), first["file"]
    text = cited.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    start = sum(len(line) for line in lines[: first["line_start"] - 1])
    assert text.find(first["quote"], start) != -1
    assert first["quote"] in "".join(lines[first["line_start"] - 1 : first["line_end"]])
    # The seed file in the wheel is the checkout's, byte for byte.
    assert cited.read_bytes() == (SEEDS / cited.name).read_bytes()


def test_python_dash_m_stenogram_is_the_command(venv: Path, tmp_path: Path) -> None:
    out = _run(
        venv / "bin" / "python",
        "-m",
        "stenogram",
        "--version",
        cwd=tmp_path,
        env=_clean_env(tmp_path),
    )
    assert out.stdout.startswith("stenogram ")
