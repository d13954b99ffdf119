#!/usr/bin/env bash
# Configures the project with CMAKE_INSTALL_PREFIX=/usr (as a Debian package
# would) and checks dsjob.pc's paths: the multiarch libdir, /usr/include.
# usage: pc_paths.sh CMAKE SOURCE_DIR SCRATCH_DIR MULTIARCH
set -euo pipefail
cmake=$1 src=$2 dir=$3 arch=$4
rm -rf "$dir"
"$cmake" -S "$src" -B "$dir" -DCMAKE_INSTALL_PREFIX=/usr -DDSJ_TESTS=OFF >"$dir.log" 2>&1 ||
  { cat "$dir.log"; exit 1; }
libdir=/usr/lib${arch:+/$arch}
status=0
for want in "prefix=/usr" "libdir=$libdir" "includedir=/usr/include"; do
  grep -qxF "$want" "$dir/dsjob.pc" || { echo "dsjob.pc lacks '$want'"; status=1; }
done
[ $status -eq 0 ] || cat "$dir/dsjob.pc"
rm -rf "$dir" "$dir.log"
exit $status
