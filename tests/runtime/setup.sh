#!/bin/sh
# Runtime tier setup (idempotent): installs podman, runc and debootstrap when missing, and builds
# the local base image localhost/fargatekit-base:bookworm once (Debian bookworm minbase with
# python3, Flask and gunicorn from Debian packages: no Docker Hub, no PyPI). Needs root and apt.
# About 90 s the first time; a no-op afterwards.
set -eu

IMAGE="${FARGATEKIT_BASE_IMAGE:-localhost/fargatekit-base:bookworm}"
SUITE="${FARGATEKIT_BASE_SUITE:-bookworm}"
MIRROR="${FARGATEKIT_DEBIAN_MIRROR:-}"
# Global flags this machine's podman needs: crun fails on hybrid cgroups, systemd is not PID 1.
PODMAN="podman --runtime runc --cgroup-manager=cgroupfs"

missing=""
for tool in podman runc debootstrap; do
    command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
    echo "setup: installing$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y podman runc debootstrap >/dev/null || { apt-get update >/dev/null && apt-get install -y podman runc debootstrap >/dev/null; }
fi

if $PODMAN image exists "$IMAGE"; then
    echo "setup: $IMAGE present" >&2
    exit 0
fi

echo "setup: building $IMAGE with debootstrap (about 90 s)" >&2
root="$(mktemp -d /tmp/fargatekit-base.XXXXXX)"
trap 'rm -rf "$root"' EXIT
# shellcheck disable=SC2086
debootstrap --variant=minbase --include=python3,python3-flask,gunicorn "$SUITE" "$root" $MIRROR >/dev/null
# Keep the image small: no apt lists, caches or docs.
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/usr/share/doc/* "$root"/usr/share/man/*
tar -C "$root" -c . | $PODMAN import --quiet --change 'CMD ["/bin/bash"]' - "$IMAGE" >/dev/null
echo "setup: built $IMAGE" >&2
