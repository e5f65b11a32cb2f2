#!/usr/bin/env bash
# Builds the operator's OCI image archive without a Docker engine and without a container registry:
# a Java runtime jlink'ed from the build's own JDK, the few shared libraries it needs unpacked from
# Debian packages (apt-get download), a non-root user, and the operator jar, written as an OCI
# image layout in a tar (with a docker-archive manifest.json beside index.json, so that
# `docker load`, `podman load`, `skopeo copy oci-archive:` and `crane push` all read it).
#
# usage: image/build-image.sh JAR OUTPUT.tar IMAGE:TAG
# Layers and config are reproducible for the same inputs: files sorted, owners and times fixed.
set -euo pipefail

jar=$(realpath "$1")
out=$(realpath -m "$2")
image=$3
tag=${image##*:}
work=$(dirname "$out")/image-build
debs=${VIGIL_IMAGE_DEBS:-${XDG_CACHE_HOME:-$HOME/.cache}/qdrant-vigil/image-debs}
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
uid=65532
# The modules `jdeps --print-module-deps` finds in the jar, plus the ones loaded as services
# (jdk.crypto.ec for TLS with EC keys, jdk.localedata is not needed: the operator logs in English).
modules=java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http,java.sql,jdk.crypto.ec,jdk.httpserver,jdk.management,jdk.unsupported
# What the runtime links against (ldd of java and libjvm.so): the C library, libstdc++, libgcc, zlib.
packages=(libc6 libgcc-s1 libstdc++6 zlib1g)

[[ -f "$jar" ]] || { echo "$jar is missing: run make build" >&2; exit 2; }
rm -rf "$work"
mkdir -p "$work"/{base,runtime,app,blobs} "$debs"

# Layer 1: the Debian libraries, the user, /tmp.
(cd "$debs" && for p in "${packages[@]}"; do
  ls "${p}"_*.deb >/dev/null 2>&1 || apt-get download "$p" >/dev/null 2>&1 || { echo "apt-get download $p failed" >&2; exit 1; }
done)
for p in "${packages[@]}"; do dpkg-deb -x "$(ls "$debs/${p}"_*.deb | head -1)" "$work/base"; done
rm -rf "$work/base/usr/share/doc" "$work/base/usr/share/lintian" "$work/base/usr/share/gcc" "$work/base/usr/share/gdb" \
  "$work/base/usr/lib/x86_64-linux-gnu/gconv" "$work/base/usr/share/locale"
mkdir -p "$work/base/etc" "$work/base/tmp" "$work/base/home/nonroot" "$work/base/app"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:%s:%s:nonroot:/home/nonroot:/sbin/nologin\n' $uid $uid > "$work/base/etc/passwd"
printf 'root:x:0:\nnonroot:x:%s:\n' $uid > "$work/base/etc/group"
printf 'hosts: files dns\n' > "$work/base/etc/nsswitch.conf"
chmod 1777 "$work/base/tmp"

# Layer 2: the Java runtime, with the build JDK's CA certificates (Debian's jmods link them).
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$work/runtime/opt/java"
cacerts=$(readlink -f "$java_home/lib/security/cacerts")
rm -f "$work/runtime/opt/java/lib/security/cacerts"
cp "$cacerts" "$work/runtime/opt/java/lib/security/cacerts"

# Layer 3: the operator.
mkdir -p "$work/app/app"
cp "$jar" "$work/app/app/qdrant-vigil-operator.jar"

blob() { # file -> its sha256, moved into blobs/sha256/
  local sum
  sum=$(sha256sum "$1" | cut -d' ' -f1)
  mkdir -p "$work/oci/blobs/sha256"
  mv "$1" "$work/oci/blobs/sha256/$sum"
  echo "$sum"
}
layer_digests=() diff_ids=() layer_sizes=()
for dir in base runtime app; do
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=posix \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
    -C "$work/$dir" -cf "$work/$dir.tar" .
  diff_ids+=("sha256:$(sha256sum "$work/$dir.tar" | cut -d' ' -f1)")
  gzip -n -6 "$work/$dir.tar"
  layer_sizes+=("$(stat -c %s "$work/$dir.tar.gz")")
  layer_digests+=("$(blob "$work/$dir.tar.gz")")
done

config=$(cat <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
"config":{"User":"$uid:$uid","WorkingDir":"/app",
"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],
"Entrypoint":["java","-jar","/app/qdrant-vigil-operator.jar"],
"ExposedPorts":{"8080/tcp":{}},
"Labels":{"org.opencontainers.image.title":"qdrant-vigil-operator","org.opencontainers.image.version":"$tag"}},
"rootfs":{"type":"layers","diff_ids":["${diff_ids[0]}","${diff_ids[1]}","${diff_ids[2]}"]},
"history":[{"created":"1970-01-01T00:00:00Z","created_by":"Debian ${packages[*]}, user nonroot ($uid)"},
{"created":"1970-01-01T00:00:00Z","created_by":"jlink $modules"},
{"created":"1970-01-01T00:00:00Z","created_by":"qdrant-vigil-operator.jar"}]}
JSON
)
printf '%s' "$config" | jq -c . > "$work/config.json"
config_size=$(stat -c %s "$work/config.json")
config_digest=$(blob "$work/config.json")

layers_json=""
for i in 0 1 2; do
  layers_json+="{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:${layer_digests[$i]}\",\"size\":${layer_sizes[$i]}}"
  [[ $i -lt 2 ]] && layers_json+=","
done
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[%s]}' \
  "$config_digest" "$config_size" "$layers_json" > "$work/manifest.json"
manifest_size=$(stat -c %s "$work/manifest.json")
manifest_digest=$(blob "$work/manifest.json")

printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"io.containerd.image.name":"%s","org.opencontainers.image.ref.name":"%s"}}]}' \
  "$manifest_digest" "$manifest_size" "$image" "$tag" > "$work/oci/index.json"
printf '{"imageLayoutVersion":"1.0.0"}' > "$work/oci/oci-layout"
printf '[{"Config":"blobs/sha256/%s","RepoTags":["%s"],"Layers":["blobs/sha256/%s","blobs/sha256/%s","blobs/sha256/%s"]}]' \
  "$config_digest" "$image" "${layer_digests[0]}" "${layer_digests[1]}" "${layer_digests[2]}" > "$work/oci/manifest.json"

tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work/oci" -cf "$out" .
rm -rf "$work"
echo "$out: $image, $(du -h "$out" | cut -f1), manifest sha256:$manifest_digest"
