# Stenogram: Telegram bot answering questions with verbatim quotes.
#
#   docker build -t stenogram .
#   docker run --env-file .env stenogram                      # runs the bot
#   docker run --rm stenogram stenogram ask "question"        # one-off CLI
#
# BASE_IMAGE must provide `python3` with the venv module on PATH; both stages
# use it, so the venv's interpreter symlink resolves in the final image.
# Where registries are unreachable, container/build.sh uses a Debian base made
# by container/setup.sh (debootstrap + podman import) instead.
ARG BASE_IMAGE=python:3.11-slim

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

RUN python3 -m venv /opt/venv
WORKDIR /src

# Dependencies first: this layer is reused until requirements.lock changes.
# Wheels only: neither stage has a compiler, so an sdist must fail loudly here.
# PIP_CERT reaches pip as an environment variable (an ARG is one in RUN), so
# pip's build-isolation subprocess sees it too; an empty one is unset, so pip
# falls back to its own CA bundle.
COPY requirements.lock ./
RUN --mount=type=secret,id=pip_cert \
    if [ -z "${PIP_CERT}" ]; then unset PIP_CERT; fi \
    && /opt/venv/bin/python -m pip install --no-cache-dir \
        --only-binary=:all: -r requirements.lock

# The project itself, non-editable and without touching the pinned deps; then
# drop pip and setuptools (~23 MB), which the runtime never uses.
COPY . ./
RUN --mount=type=secret,id=pip_cert \
    if [ -z "${PIP_CERT}" ]; then unset PIP_CERT; fi \
    && /opt/venv/bin/python -m pip install --no-cache-dir --no-deps . \
    && /opt/venv/bin/python -c "import bot, retrieval" \
    && /opt/venv/bin/python -m pip uninstall --yes --quiet pip setuptools

# ------------------------------------------------------------------ final ---
FROM ${BASE_IMAGE}

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
# writable: Docker and podman copy this ownership into a new volume.
RUN mkdir -p /app/index && chown 10001:10001 /app/index

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    STENOGRAM_CORPUS_DIR=/app/seeds \
    STENOGRAM_INDEX_DIR=/app/index

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
