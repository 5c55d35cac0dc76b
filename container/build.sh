#!/usr/bin/env bash
# Build the Stenogram image with podman (no Docker engine here).
#   IMAGE       tag to build        (default localhost/stenogram:latest)
#   BASE_IMAGE  base of the builder stage (default the debootstrap base from setup.sh;
#               set BASE_IMAGE=python:3.11-slim where registries are reachable)
#   RUNTIME_BASE_IMAGE  base of the final stage (default: setup.sh's trimmed copy of
#               its base when BASE_IMAGE is not given, else BASE_IMAGE)
#   CA_BUNDLE   CA file for pip in the build (default the host's bundle, since
#               TLS to PyPI may be intercepted; set CA_BUNDLE= to not use one)
# Extra arguments go to `podman build` (e.g. --no-cache).
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=${IMAGE:-localhost/stenogram:latest}
if [[ -z ${BASE_IMAGE:-} ]]; then
  BASE_IMAGE=localhost/stenogram-base:bookworm
  RUNTIME_BASE_IMAGE=${RUNTIME_BASE_IMAGE:-$BASE_IMAGE-runtime}
fi
RUNTIME_BASE_IMAGE=${RUNTIME_BASE_IMAGE:-$BASE_IMAGE}
CA_BUNDLE=${CA_BUNDLE-/etc/ssl/certs/ca-certificates.crt}

# OCI labels: the version pyproject.toml gives and the commit (with "-dirty" for local changes).
VERSION=$(sed -n 's/^version = "\(.*\)"$/\1/p' pyproject.toml)
REVISION=$(git rev-parse HEAD 2>/dev/null || echo unknown)
if [[ $REVISION != unknown ]] && ! git diff --quiet HEAD 2>/dev/null; then REVISION+=-dirty; fi

args=(--format docker   # OCI format would drop HEALTHCHECK
      --build-arg "BASE_IMAGE=$BASE_IMAGE" --build-arg "RUNTIME_BASE_IMAGE=$RUNTIME_BASE_IMAGE"
      --tag "$IMAGE"
      --build-arg "VERSION=$VERSION" --build-arg "REVISION=$REVISION")
if [[ -n $CA_BUNDLE ]]; then
  # A build secret, not a COPY: the bundle never lands in an image layer.
  args+=(--secret "id=pip_cert,src=$CA_BUNDLE" --build-arg PIP_CERT=/run/secrets/pip_cert)
fi

SECONDS=0
podman build "${args[@]}" "$@" .
echo "built $IMAGE in ${SECONDS}s, size $(podman image inspect --format '{{.Size}}' "$IMAGE" \
  | awk '{printf "%.0f MB", $1/1e6}')"
