# Stenogram: Telegram bot answering questions with verbatim quotes.
#
#   docker build -t stenogram .
#   docker run --env-file .env stenogram                      # runs the bot
#   docker run --rm stenogram stenogram ask "question"        # one-off CLI
#
# BASE_IMAGE must provide `python3` with the venv module on PATH; the builder
# stage makes the venv with it. RUNTIME_BASE_IMAGE is the final stage's base,
# BASE_IMAGE unless told: it must hold the very same python3 (the venv's
# interpreter is a symlink to it, its compiled wheels are built for it), and may
# lack what only the builder needs. Where registries are unreachable,
# container/build.sh uses two Debian bases made by container/setup.sh: a
# debootstrap minbase, and the same file system without venv, pip's wheels, apt
# and the like for the final stage.
ARG BASE_IMAGE=python:3.11-slim
ARG RUNTIME_BASE_IMAGE=${BASE_IMAGE}

# ---------------------------------------------------------------- builder ---
FROM ${BASE_IMAGE} AS builder

# Path of a CA bundle for pip, for networks that intercept TLS. Pass it with
#   --secret id=pip_cert,src=/etc/ssl/certs/ca-certificates.crt
#   --build-arg PIP_CERT=/run/secrets/pip_cert
# Empty (the default) means pip uses its own bundle.
ARG PIP_CERT=""
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DEFAULT_TIMEOUT=120

# binutils (strip, readelf) for container/trim-venv.sh; the builder stage only, never the image.
# Not pinned: the version is the base's Debian release's (bookworm here, trixie in python:3.11-slim).
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install --yes --no-install-recommends binutils \
    && rm -rf /var/lib/apt/lists/*

RUN python3 -m venv /opt/venv
WORKDIR /src

# pip, setuptools and wheel first, at the versions requirements-build.lock pins, then the
# dependencies: this layer is reused until a lock changes. Every file is checked against the
# lock's hashes (--require-hashes). Wheels only: neither stage has a compiler, so an sdist must
# fail loudly here.
# PIP_CERT reaches pip as an environment variable (an ARG is one in RUN), so
# pip's build-isolation subprocess sees it too; an empty one is unset, so pip
# falls back to its own CA bundle.
COPY requirements-build.lock requirements.lock ./
RUN --mount=type=secret,id=pip_cert \
    if [ -z "${PIP_CERT}" ]; then unset PIP_CERT; fi \
    && /opt/venv/bin/python -m pip install --no-cache-dir --require-hashes \
        --only-binary=:all: -r requirements-build.lock \
    && /opt/venv/bin/python -m pip install --no-cache-dir --require-hashes \
        --only-binary=:all: -r requirements.lock

# The project itself: a wheel built here (with the pinned setuptools, no download) and installed
# without touching the pinned dependencies, as `pip install stenogram-*.whl` would; then
# container/trim-venv.sh removes what the runtime never reads (the model-hub client the word-vector
# packages declare, pip and setuptools, test suites, headers, stubs, wordllama's compiled
# algorithms …) and strips the symbols of the shared objects that auditwheel left unpatched; the
# script says why for each. The smoke test asks a question, which loads the speller and the word
# vectors, so a missing piece fails the build.
COPY . ./
RUN /opt/venv/bin/python -m pip wheel --no-cache-dir --no-deps --no-build-isolation \
        --wheel-dir /tmp/dist . \
    && /opt/venv/bin/python -m pip install --no-cache-dir --no-deps /tmp/dist/stenogram-*.whl \
    && sh container/trim-venv.sh /opt/venv \
    && /opt/venv/bin/stenogram --version \
    && STENOGRAM_INDEX_DIR=/tmp/smoke /opt/venv/bin/stenogram ask --json \
        "How many weapons were confiscated?" > /tmp/smoke.json \
    && grep -q '"abstained": false' /tmp/smoke.json \
    && rm -rf /tmp/dist /tmp/smoke /tmp/smoke.json

# ------------------------------------------------------------------ final ---
FROM ${RUNTIME_BASE_IMAGE}

# OCI annotations; container/build.sh passes the version (pyproject.toml) and the git commit.
ARG VERSION=unknown
ARG REVISION=unknown
LABEL org.opencontainers.image.title="stenogram" \
      org.opencontainers.image.description="A Telegram bot that answers questions about a set of documents with verbatim, cited quotes." \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.documentation="README.md in the source; /opt/venv/lib/python3*/site-packages/stenogram-*.dist-info/METADATA in the image"

# Fixed numeric ids so `runAsNonRoot`-style checks and volume permissions are
# predictable; the home dir gives Python/libraries somewhere writable.
RUN groupadd --system --gid 10001 stenogram \
    && useradd --system --uid 10001 --gid 10001 --create-home \
        --home-dir /home/stenogram --shell /usr/sbin/nologin stenogram

COPY --from=builder /opt/venv /opt/venv
# The bundled corpus; mount a volume over STENOGRAM_CORPUS_DIR to replace it.
COPY seeds/ /app/seeds/
# The persisted search index (built at start-up when missing or stale, or by
# `stenogram index`). Owned by the bot user so a named volume mounted here is
# writable: Docker and podman copy this ownership into a new volume. The bot's
# state (the update journal, answers for More, each chat's last question) is a
# SQLite file in the same volume, so it survives re-creating the container.
RUN mkdir -p /app/index && chown 10001:10001 /app/index

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    STENOGRAM_CORPUS_DIR=/app/seeds \
    STENOGRAM_INDEX_DIR=/app/index \
    STENOGRAM_STATE_FILE=/app/index/state.sqlite3

WORKDIR /app
USER 10001:10001

# Webhook mode listens here (STENOGRAM_WEBHOOK_PORT, default 8080); polling needs none.
EXPOSE 8080

# The bot shuts down gracefully on SIGTERM (it is PID 1: no shell wrapper).
STOPSIGNAL SIGTERM
# `stenogram health` checks the running process without calling Telegram: the
# heartbeat file the polling bot rewrites every 10 s, or GET /healthz in webhook
# mode. The start period covers loading (and first indexing) a large corpus.
# Note: podman keeps HEALTHCHECK only when building with --format docker.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["stenogram", "health"]

# No ENTRYPOINT, so `docker run IMAGE stenogram ask "…"` replaces the command.
CMD ["stenogram", "run"]
