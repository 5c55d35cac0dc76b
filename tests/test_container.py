"""Container image tests: lint, build, and run the image with podman.

Slow and machine-dependent, so skipped unless STENOGRAM_CONTAINER_TESTS=1.
Prepare the machine first with `container/setup.sh` (podman, runc, hadolint,
podman-compose, the Debian base images); `make container-test` does both.
The image is built with container/build.sh, so its BASE_IMAGE, RUNTIME_BASE_IMAGE and
CA_BUNDLE environment variables apply here too.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# STENOGRAM_TEST_IMAGE: test an image built elsewhere instead of building one.
PREBUILT = os.environ.get("STENOGRAM_TEST_IMAGE", "")
IMAGE = PREBUILT or "localhost/stenogram:test"
QUESTION = "How many shopping centres and banks were looted?"
# The image may not grow past this (README "Docker"). It was 250 MB before the document readers
# (lxml) and the question reader (word vectors: wordllama's weights, tokenizers, symspellpy)
# came in, 289 MB with them; container/trim-venv.sh (files no import reads, symbols) made it 267,
# the final stage's own base (container/setup.sh: the builder's less venv, pip, apt …) 240.
MAX_IMAGE_BYTES = 245e6
EXPECTED = "100 shopping centres and banks looted"  # seeds/000_*.txt, line 20

pytestmark = [
    pytest.mark.container,
    pytest.mark.skipif(
        os.environ.get("STENOGRAM_CONTAINER_TESTS") != "1",
        reason="container tests run only with STENOGRAM_CONTAINER_TESTS=1 (make container-test)",
    ),
]


def _tool(name: str) -> str:
    """A command from PATH or from this venv's bin (hadolint, podman-compose live there)."""
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if not found:
        pytest.fail(f"{name} not found: run container/setup.sh first")
    return found


def _run(*args: str, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, **kwargs)


def _podman_run(image: str, *command: str, options: tuple[str, ...] = (), timeout: float = 120):
    # --no-healthcheck: without systemd, podman logs an error setting up the
    # healthcheck timer for every run; the one-shot commands here don't need it.
    return _run(
        _tool("podman"),
        "run",
        "--rm",
        "--no-healthcheck",
        *options,
        image,
        *command,
        timeout=timeout,
    )


def _out(proc: subprocess.CompletedProcess[str]) -> str:
    return f"exit {proc.returncode}\n--- stdout\n{proc.stdout[-4000:]}\n--- stderr\n{proc.stderr[-4000:]}"


@pytest.fixture(scope="session")
def build() -> subprocess.CompletedProcess[str]:
    """Build the image once per session (layer caching makes rebuilds quick)."""
    _tool("podman")
    if PREBUILT:
        return subprocess.CompletedProcess(
            ["prebuilt", PREBUILT], 0, f"using prebuilt {PREBUILT}\n", ""
        )
    env = {**os.environ, "IMAGE": IMAGE}
    return _run("bash", str(ROOT / "container" / "build.sh"), env=env, cwd=ROOT, timeout=1800)


@pytest.fixture(scope="session")
def image(build: subprocess.CompletedProcess[str]) -> str:
    if build.returncode != 0:
        pytest.fail(f"image build failed:\n{_out(build)}")
    return IMAGE


def _seed_file_named_in(value: object) -> Path | None:
    """The seeds/ file that some string inside `value` names (path, file name or doc id)."""
    names = {p.name: p for p in SEEDS.glob("*") if p.is_file()}
    stems = {p.stem: p for p in names.values()}
    if isinstance(value, str):
        base = value.replace("\\", "/").rsplit("/", 1)[-1]
        return names.get(base) or stems.get(base) or stems.get(base.split(":", 1)[0])
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    for item in items:
        if found := _seed_file_named_in(item):
            return found
    return None


def _wait_until_polling(api, name: str, timeout: float) -> None:
    """Wait for the bot's first getUpdates, failing at once if the container exits."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            api.wait_for("getUpdates", timeout=1, ok_only=False)
            return
        except AssertionError:
            running = _run(_tool("podman"), "inspect", "--format", "{{.State.Running}}", name)
            assert running.stdout.strip() == "true", "the container exited before polling"
            assert time.monotonic() < deadline, f"no getUpdates in {timeout}s"


def _assert_healthy(name: str, expected: str, timeout: float = 30) -> None:
    """The container's own HEALTHCHECK passes, and `stenogram health` in it says `expected`."""
    podman = _tool("podman")
    deadline = time.monotonic() + timeout
    while True:  # the first heartbeat is written within a second of the bot starting
        check = _run(podman, "healthcheck", "run", name, timeout=60)
        if check.returncode == 0:
            break
        assert time.monotonic() < deadline, f"HEALTHCHECK never passed:\n{_out(check)}"
        time.sleep(0.5)
    status = _run(podman, "inspect", "--format", "{{.State.Health.Status}}", name)
    assert status.stdout.strip() == "healthy", _out(status)
    line = _run(podman, "exec", name, "stenogram", "health")
    assert line.returncode == 0 and line.stdout.startswith(expected), _out(line)


@contextmanager
def _removed_after(name: str) -> Iterator[None]:
    """Remove the container afterwards; on a failed assertion, add what it printed."""
    podman = _tool("podman")
    try:
        yield
    except AssertionError as exc:
        logs = _run(podman, "logs", name)  # usually says why the bot never answered
        raise AssertionError(f"{exc}\n--- container logs\n{_out(logs)}") from exc
    finally:
        _run(podman, "rm", "--force", "--time", "0", name)


def _start_bot(image: str, name: str, api, *env: str) -> None:
    """Start the bot detached, pointed at the fake Bot API (--network host: it is on loopback)."""
    options = [
        f"STENOGRAM_TELEGRAM_TOKEN={api.token}",
        f"STENOGRAM_TELEGRAM_API_URL={api.base_url}",
        *env,
    ]
    started = _run(
        _tool("podman"),
        "run",
        "--detach",
        "--name",
        name,
        "--network",
        "host",
        *(arg for value in options for arg in ("-e", value)),
        image,
    )
    assert started.returncode == 0, _out(started)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stop_and_check_clean_exit(name: str) -> None:
    """`podman stop` sends STOPSIGNAL (SIGTERM), SIGKILL after 20 s: the bot must exit 0 first."""
    podman = _tool("podman")
    stopped = _run(podman, "stop", "--time", "20", name, timeout=60)
    assert stopped.returncode == 0, _out(stopped)
    state = _run(podman, "inspect", "--format", "{{.State.ExitCode}}", name)
    logs = _run(podman, "logs", name)
    assert state.stdout.strip() == "0", (
        f"exit code {state.stdout.strip()} after SIGTERM\n{_out(logs)}"
    )
    assert "Traceback" not in logs.stdout + logs.stderr, _out(logs)


def test_dockerfile_passes_hadolint():
    proc = _run(_tool("hadolint"), "Dockerfile", cwd=ROOT)
    assert proc.returncode == 0, _out(proc)


def _compose_config(tmp_path: Path, **env: str) -> dict:
    """`podman-compose config` of docker-compose.yml (with the example .env), parsed."""
    # The compose file needs a .env (env_file); validate against the example.
    shutil.copy(ROOT / "docker-compose.yml", tmp_path / "docker-compose.yml")
    shutil.copy(ROOT / "container" / "env.example", tmp_path / ".env")
    environ = {k: v for k, v in os.environ.items() if not k.startswith("STENOGRAM_")}
    proc = _run(
        _tool("podman-compose"),
        "--profile",
        "webhook",
        "config",
        cwd=tmp_path,
        env={**environ, **env},
    )
    assert proc.returncode == 0, _out(proc)
    import yaml  # installed with podman-compose

    return yaml.safe_load(proc.stdout)


def test_compose_file_is_valid(tmp_path: Path):
    services = _compose_config(tmp_path)["services"]
    bot, webhook = services["bot"], services["bot-webhook"]
    assert bot["environment"]["STENOGRAM_CORPUS_DIR"] == "/app/corpus"
    assert "./corpus:/app/corpus:ro" in bot["volumes"]
    assert bot["restart"] == "unless-stopped"
    assert "webhook" in webhook["profiles"] and webhook["ports"]


def test_compose_services_are_hardened(tmp_path: Path):
    for name, service in _compose_config(tmp_path)["services"].items():
        assert service["read_only"] is True, name
        assert service["cap_drop"] == ["ALL"], name
        assert "no-new-privileges:true" in service["security_opt"], name
        assert any(t.split(":")[0] == "/tmp" for t in service["tmpfs"]), name
        # The index is the one writable volume; the documents are mounted read-only.
        writable = [v for v in service["volumes"] if not v.endswith(":ro")]
        assert [v.split(":")[1] for v in writable] == ["/app/index"], name
        logging = service["logging"]
        assert logging["driver"] == "json-file", name
        assert logging["options"]["max-size"] and int(logging["options"]["max-file"]) >= 2, name


def test_compose_publishes_the_webhook_on_loopback_unless_told(tmp_path: Path):
    default = _compose_config(tmp_path)["services"]["bot-webhook"]["ports"]
    assert default == ["127.0.0.1:8080:8080"]
    wide = _compose_config(tmp_path, STENOGRAM_PUBLISH_ADDRESS="0.0.0.0")
    assert wide["services"]["bot-webhook"]["ports"] == ["0.0.0.0:8080:8080"]
    assert "ports" not in _compose_config(tmp_path)["services"]["bot"]


def test_image_builds(build: subprocess.CompletedProcess[str]):
    assert build.returncode == 0, _out(build)
    print(build.stdout.strip().splitlines()[-1])  # "built … in Ns, size N MB"


def test_image_is_no_larger_than_before(image: str):
    proc = _run(_tool("podman"), "image", "inspect", "--format", "{{.Size}}", image)
    assert proc.returncode == 0, _out(proc)
    assert int(proc.stdout.strip()) <= MAX_IMAGE_BYTES, f"{int(proc.stdout) / 1e6:.0f} MB"


def test_image_has_oci_labels(image: str):
    proc = _run(_tool("podman"), "image", "inspect", "--format", "{{json .Labels}}", image)
    assert proc.returncode == 0, _out(proc)
    labels = json.loads(proc.stdout)
    oci = "org.opencontainers.image."
    version = _podman_run(image, "stenogram", "--version").stdout.split()[-1]
    assert labels[oci + "title"] == "stenogram"
    assert labels[oci + "licenses"] == "MIT"
    assert labels[oci + "version"] == version and version[0].isdigit()
    assert labels[oci + "description"] and labels[oci + "revision"]
    if not PREBUILT:  # built here: the label names this checkout's commit
        head = _run("git", "rev-parse", "HEAD", cwd=ROOT).stdout.strip()
        assert labels[oci + "revision"].removesuffix("-dirty") == head


def test_image_config(image: str):
    proc = _run(_tool("podman"), "image", "inspect", image)
    assert proc.returncode == 0, _out(proc)
    data = json.loads(proc.stdout)[0]
    config = data["Config"]
    healthcheck = data.get("Healthcheck") or config.get("Healthcheck")  # podman | docker
    assert config["User"].split(":")[0] not in ("", "0", "root")
    assert config["StopSignal"] == "SIGTERM"
    assert healthcheck and healthcheck["Test"] == ["CMD", "stenogram", "health"]
    assert config["Cmd"] == ["stenogram", "run"] and not config.get("Entrypoint")
    assert "STENOGRAM_CORPUS_DIR=/app/seeds" in config["Env"]


def test_container_runs_as_non_root(image: str):
    proc = _podman_run(image, "id", "-u")
    assert proc.returncode == 0, _out(proc)
    assert proc.stdout.strip() != "0"


def test_image_has_no_compiler(image: str):
    proc = _podman_run(
        image, "sh", "-c", "for c in gcc cc c++ g++ clang; do command -v $c; done; true"
    )
    assert proc.returncode == 0, _out(proc)
    assert proc.stdout.strip() == "", f"compilers in the image: {proc.stdout.split()}"


def test_image_venv_is_trimmed(image: str):
    """container/trim-venv.sh ran: no installer, test suite, header or stub is left in the venv."""
    find = (
        "find /opt/venv/lib/python3*/site-packages ! -path '*.dist-info/*' \\( -name pip"
        " -o -name setuptools -o -name tests -o -name include -o -name '*.h' -o -name '*.pyi' \\)"
    )
    proc = _podman_run(image, "sh", "-c", find)
    assert proc.returncode == 0, _out(proc)
    assert proc.stdout.strip() == "", f"left in the venv: {proc.stdout.split()[:10]}"


def test_cli_help(image: str):
    proc = _podman_run(image, "stenogram", "--help")
    assert proc.returncode == 0, _out(proc)
    assert "usage" in proc.stdout.lower()


def test_ask_json_quotes_bundled_corpus_verbatim(image: str):
    proc = _podman_run(image, "stenogram", "ask", "--json", QUESTION)
    assert proc.returncode == 0, _out(proc)
    first = json.loads(proc.stdout)["answers"][0]
    source = _seed_file_named_in(first)
    assert source is not None, f"answers[0] names no file of seeds/: {first}"
    assert first["quote"] in source.read_text(encoding="utf-8")
    assert EXPECTED in first["quote"]


def test_mounted_corpus_replaces_bundled_one(image: str, tmp_path: Path):
    # As docker-compose.yml does: a read-only volume and STENOGRAM_CORPUS_DIR.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    doc = corpus / "mounted_doc.txt"
    doc.write_text(
        (SEEDS / "000_d9dac3783ad729be.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    # pytest's tmp dirs are 0700 root: the container user (uid 10001) must read it.
    for path in (tmp_path, corpus, doc):
        path.chmod(0o755 if path.is_dir() else 0o644)
    options = ("-v", f"{corpus}:/app/corpus:ro", "-e", "STENOGRAM_CORPUS_DIR=/app/corpus")
    proc = _podman_run(image, "stenogram", "ask", "--json", QUESTION, options=options)
    assert proc.returncode == 0, _out(proc)
    first = json.loads(proc.stdout)["answers"][0]
    assert "mounted_doc" in json.dumps(first), f"answer is not from the mounted corpus: {first}"
    assert first["quote"] in doc.read_text(encoding="utf-8")


def _hardened_options(tmp_path: Path) -> tuple[str, ...]:
    """`podman run` options for what docker-compose.yml says of the `bot` service."""
    bot = _compose_config(tmp_path)["services"]["bot"]
    options = ["--cap-drop", ",".join(bot["cap_drop"])]
    options += [arg for opt in bot["security_opt"] for arg in ("--security-opt", opt)]
    options += [arg for mount in bot["tmpfs"] for arg in ("--tmpfs", mount)]
    if bot["read_only"]:
        options.append("--read-only")
    return tuple(options)


def test_hardened_container_answers_with_only_the_index_writable(image: str, tmp_path: Path):
    """As compose runs it (read-only root, no capabilities, no new privileges): the index is
    built into the volume, the answer comes, and nothing else can be written."""
    volume = f"stenogram-test-index-{uuid.uuid4().hex[:8]}"
    options = (*_hardened_options(tmp_path), "-v", f"{volume}:/app/index")
    try:
        proc = _podman_run(image, "stenogram", "ask", "--json", QUESTION, options=options)
        assert proc.returncode == 0, _out(proc)
        assert EXPECTED in json.loads(proc.stdout)["answers"][0]["quote"]
        index = _podman_run(image, "stenogram", "index", "--check", options=options)
        assert index.returncode == 0 and "up to date" in index.stdout, _out(index)
        probe = _podman_run(
            image,
            "sh",
            "-c",
            "touch /app/x 2>/dev/null && echo root-writable; "
            "touch /tmp/x && echo tmp-writable; grep -E '^(CapEff|NoNewPrivs)' "
            "/proc/self/status",
            options=options,
        )
        assert probe.returncode == 0, _out(probe)
        lines = probe.stdout.split("\n")
        assert "root-writable" not in lines and "tmp-writable" in lines, _out(probe)
        status = dict(line.split(":\t") for line in lines if ":\t" in line)
        assert int(status["CapEff"], 16) == 0 and status["NoNewPrivs"] == "1", _out(probe)
    finally:
        _run(_tool("podman"), "volume", "rm", "--force", volume)


def test_bot_in_container_answers_question_via_fake_bot_api(image: str):
    """End to end: the bot in the image long-polls a fake Bot API on the host,
    answers a private message, reports healthy, and exits 0 on SIGTERM."""
    try:
        from fakebotapi import FakeBotAPI  # tests/fakebotapi.py
    except ImportError as exc:
        pytest.fail(f"tests/fakebotapi.py is needed for this test: {exc}")

    name = f"stenogram-e2e-{uuid.uuid4().hex[:8]}"
    with FakeBotAPI() as api:
        _start_bot(image, name, api, "STENOGRAM_LOG_LEVEL=DEBUG")
        with _removed_after(name):
            _wait_until_polling(api, name, timeout=60)
            api.private_message(QUESTION)
            api.wait_for("sendMessage", timeout=60)
            # The answer may come in several messages or edits: read their plain text
            # (HTML stripped, so term highlighting does not split the phrase).
            deadline = time.monotonic() + 30
            while not any(EXPECTED in m["plain_text"] for m in api.sent_messages()):
                assert time.monotonic() < deadline, (
                    f"no reply quotes the corpus: {api.sent_messages()}"
                )
                time.sleep(0.2)

            # The image's HEALTHCHECK (stenogram health: the heartbeat file, no Telegram call)
            # passes while the bot runs. `podman healthcheck run` needs no systemd.
            _assert_healthy(name, "healthy: polling, pid 1, ")

            _stop_and_check_clean_exit(name)


def test_webhook_in_container_checks_secret_and_serves_healthz(image: str):
    """Webhook mode in the image: /healthz, 403 without the secret, an answer with it."""
    import httpx
    from fakebotapi import FakeBotAPI

    name = f"stenogram-webhook-{uuid.uuid4().hex[:8]}"
    port, secret = _free_port(), "container-test-Secret_42"
    base = f"http://127.0.0.1:{port}"
    with FakeBotAPI() as api:
        _start_bot(
            image,
            name,
            api,
            # Never contacted: only handed to the fake setWebhook; the test posts itself.
            "STENOGRAM_WEBHOOK_URL=https://stenogram.invalid/telegram-hook",
            f"STENOGRAM_WEBHOOK_SECRET={secret}",
            "STENOGRAM_WEBHOOK_LISTEN=127.0.0.1",
            f"STENOGRAM_WEBHOOK_PORT={port}",
        )
        with _removed_after(name):
            api.wait_for("setWebhook", timeout=60)
            _assert_healthy(name, "healthy: webhook, ")
            with httpx.Client(base_url=base, trust_env=False, timeout=10) as client:
                health = client.get("/healthz")
                assert health.status_code == 200, health.text
                body = health.json()
                assert body["status"] == "ok" and body["documents"] >= 1 and body["passages"] >= 1
                assert set(body) >= {"status", "documents", "passages", "uptime"}
                update = api.private_message(QUESTION)
                for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
                    refused = client.post("/telegram-hook", json=update, headers=headers)
                    assert refused.status_code == 403, refused.text
                time.sleep(1)
                assert not any(method == "sendMessage" for method, _ in api.calls)
                accepted = client.post(
                    "/telegram-hook",
                    json=update,
                    headers={"X-Telegram-Bot-Api-Secret-Token": secret},
                )
                assert accepted.status_code == 200, accepted.text
            sent = api.wait_for("sendMessage", timeout=60)
            assert "looted" in sent["text"]
            _stop_and_check_clean_exit(name)


def test_bad_corpus_mount_exits_fast_with_one_line(image: str, tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "scan.txt").write_bytes(b"%PDF-1.7\x00\x00binary")
    for path in (tmp_path, corpus, corpus / "scan.txt"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    options = (
        "-v",
        f"{corpus}:/app/corpus:ro",
        "-e",
        "STENOGRAM_CORPUS_DIR=/app/corpus",
        # A token, so `run` gets as far as loading the corpus; never contacted.
        "-e",
        "STENOGRAM_TELEGRAM_TOKEN=123456:never-used-token",
        "-e",
        "STENOGRAM_TELEGRAM_API_URL=http://127.0.0.1:9/bot",
    )
    began = time.monotonic()
    proc = _podman_run(image, options=options, timeout=120)
    elapsed = time.monotonic() - began
    assert proc.returncode == 2, _out(proc)
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("stenogram: no readable documents in /app/corpus"), _out(proc)
    assert "scan.txt: skipped: binary file" in last
    assert "Traceback" not in proc.stderr and "never-used-token" not in proc.stdout + proc.stderr
    assert elapsed < 30, f"took {elapsed:.0f} s to fail"


def test_no_token_without_terminal_exits_2_instead_of_chat(image: str):
    # `docker run` without -it, as compose runs it: no local chat, no silent exit 0.
    proc = _podman_run(image)
    assert proc.returncode == 2, _out(proc)
    assert proc.stderr.strip() == (
        "stenogram: STENOGRAM_TELEGRAM_TOKEN is not set; set it to run "
        "the bot (the local chat starts only on a terminal)"
    ), _out(proc)
