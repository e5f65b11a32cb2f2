#!/bin/sh
# Installs kubectl vigil (used by `make plugin`): the launcher into BINDIR, the jar and a class-data
# archive (AppCDS) into LIBDIR. The archive is trained by a `status` run against a stand-in kubectl,
# so it holds the classes a real status loads; it is tied to this JDK and this jar.
set -eu
[ $# -eq 3 ] || { echo "usage: install.sh JAR LIBDIR BINDIR" >&2; exit 2; }
jar=$1
libdir=$2
bindir=$3
dist=$(cd "$(dirname "$0")" && pwd)
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
install -d "$bindir" "$libdir"
# The launcher and the archive name the jar by its absolute path: they work from any folder.
libdir=$(cd "$libdir" && pwd)
install -m 644 "$jar" "$libdir/kubectl-vigil.jar"
rm -f "$libdir/kubectl-vigil.jsa"
KUBECTL="$dist/training/kubectl" "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
  -XX:ArchiveClassesAtExit="$libdir/kubectl-vigil.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -jar "$libdir/kubectl-vigil.jar" status prod > /dev/null
sed "s|@LIBDIR@|$libdir|" "$dist/kubectl-vigil" > "$bindir/kubectl-vigil.tmp"
chmod 755 "$bindir/kubectl-vigil.tmp"
mv "$bindir/kubectl-vigil.tmp" "$bindir/kubectl-vigil"
