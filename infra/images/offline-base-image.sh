#!/usr/bin/env bash
# Makes a Java 17 base image without Docker and without a container registry: debootstraps a minimal Debian bookworm
# with openjdk-17-jre-headless from Debian's package mirror and packs it as a `docker save` tarball, which Jib takes
# as its base (`-Djib.from.image=tar://...`). For machines that reach Debian's packages but no registry; a build that
# can reach a registry uses the pinned eclipse-temurin base of the root pom instead. Needs root (debootstrap, chroot).
#
#   sudo infra/images/offline-base-image.sh [OUTPUT_TAR]     # default: infra/images/target/base-jre17.tar
set -euo pipefail
# OUTPUT_TAR relative to where the script was called from.
out=$(realpath -m "${1:-$(dirname "$0")/target/base-jre17.tar}")
cd "$(dirname "$0")"

mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
work=target/base-rootfs
rootfs=$work/rootfs

if [[ $(id -u) -ne 0 ]]; then
  echo "needs root (debootstrap and chroot)" >&2
  exit 1
fi
command -v debootstrap >/dev/null || { echo "install debootstrap first: apt-get install debootstrap" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work" "$(dirname "$out")"
# minbase: dpkg, apt and essentials only; the JRE brings what it needs (libc, zlib, fonts are not needed headless).
debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$rootfs" "$mirror"

# Leave out what a running service never reads: package caches and lists, documentation, manual pages.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
       "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/*
# The image's runtime mounts /dev, /proc and /sys; a layer carries them empty.
rm -rf "${rootfs:?}"/dev/* "${rootfs:?}"/proc/* "${rootfs:?}"/sys/*

# One layer, uncompressed, owners as numbers (the image has its own /etc/passwd).
tar -C "$rootfs" --numeric-owner --xattrs -cf "$work/layer.tar" .
layer_sha=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
arch=$(dpkg --print-architecture)
java_home=/usr/lib/jvm/java-17-openjdk-$arch
[[ -x "$rootfs$java_home/bin/java" ]] || { echo "no JRE at $java_home in the image" >&2; exit 1; }

cat > "$work/config.json" <<JSON
{
  "architecture": "$arch",
  "os": "linux",
  "config": {
    "Env": [
      "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      "JAVA_HOME=$java_home",
      "LANG=C.UTF-8"
    ]
  },
  "rootfs": { "type": "layers", "diff_ids": ["sha256:$layer_sha"] },
  "history": [ { "created_by": "infra/images/offline-base-image.sh: debootstrap bookworm + openjdk-17-jre-headless" } ]
}
JSON
config_sha=$(sha256sum "$work/config.json" | cut -d' ' -f1)

pack=$work/pack
mkdir -p "$pack/$layer_sha"
mv "$work/layer.tar" "$pack/$layer_sha/layer.tar"
cp "$work/config.json" "$pack/$config_sha.json"
cat > "$pack/manifest.json" <<JSON
[{"Config":"$config_sha.json","RepoTags":["coordination/base-jre17:bookworm"],"Layers":["$layer_sha/layer.tar"]}]
JSON
tar -C "$pack" -cf "$out" manifest.json "$config_sha.json" "$layer_sha/layer.tar"
rm -rf "$pack" "$rootfs"
echo "base image: $out ($(du -h "$out" | cut -f1)); build with -Djib.from.image=tar://$out"
