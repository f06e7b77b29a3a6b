#!/usr/bin/env bash
# Runs a `docker save`/Jib image tarball without a container engine: unpacks its layers (in manifest.json's order)
# into a directory and starts the image's entrypoint under chroot, as the image's user, with the image's environment
# plus the KEY=VALUE pairs given. The host's network is shared, so the service reaches a broker and a MongoDB on the
# host's 127.0.0.1. A check that an image starts, not a sandbox: no namespaces, no limits. Needs root and python3.
#
#   sudo infra/images/run-image-in-chroot.sh command-service/target/jib-image.tar /tmp/cs-root \
#        SPRING_PROFILES_ACTIVE=local MONGODB_URI=mongodb://127.0.0.1:37017/coordination ...
set -euo pipefail
image=$(readlink -f "$1")
root=$2
shift 2

rm -rf "$root"
mkdir -p "$root/.image"
tar -C "$root/.image" -xf "$image"
# Jib writes no whiteout files; a layer is unpacked over the ones before it.
for layer in $(python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))[0]["Layers"]))' \
                 "$root/.image/manifest.json"); do
  tar -C "$root" --numeric-owner --warning=no-unknown-keyword -xf "$root/.image/$layer"
done
config=$root/.image/$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["Config"])' \
                        "$root/.image/manifest.json")

# What the JVM needs of /dev; a layer carries none.
mkdir -p "$root/dev" "$root/tmp"
chmod 1777 "$root/tmp"
for device in null:1:3 zero:1:5 random:1:8 urandom:1:9; do
  IFS=: read -r name major minor <<<"$device"
  [[ -e "$root/dev/$name" ]] || mknod -m 666 "$root/dev/$name" c "$major" "$minor"
done

mapfile -t env < <(python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))["config"].get("Env") or []))' "$config")
mapfile -t entrypoint < <(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["config"]; print("\n".join((c.get("Entrypoint") or []) + (c.get("Cmd") or [])))' "$config")
user=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["config"].get("User") or "0:0")' "$config")
workdir=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["config"].get("WorkingDir") or "/")' "$config")

mkdir -p "$root/proc"
mount -t proc proc "$root/proc"
trap 'umount "$root/proc"' EXIT

echo "running ${entrypoint[*]} as $user in $workdir" >&2
chroot --userspec="$user" "$root" /usr/bin/env -i "${env[@]}" "$@" \
  sh -c 'cd "$0" && exec "$@"' "$workdir" "${entrypoint[@]}" &
service=$!
# A stop of this script (Ctrl-C, kill) stops the service, so /proc is unmounted only once it has exited.
trap 'kill -TERM $service 2>/dev/null' INT TERM
while ! wait $service; do
  kill -0 $service 2>/dev/null || break
done
