#!/usr/bin/env bash
# Installs the built dsjob into a stage (DESTDIR) and builds tests/consumer
# against it twice: with CMake's find_package(dsjob), and with a plain compiler
# command from pkg-config (PKG_CONFIG_SYSROOT_DIR points it into the stage).
# Each program translates a YAML and checks the answer.
# usage: run.sh CMAKE BUILD_DIR WORK_DIR PREFIX FULL_LIBDIR CC PKG_CONFIG
# DSJ_CONSUMER_FLAGS: extra compile and link flags (the sanitizers of the build);
# DSJ_TEST_WRAPPER: runs the programs under it (valgrind).
set -euo pipefail
cmake=$1 build=$2 work=$3 prefix=$4 libdir=$5 cc=$6 pkg_config=$7
here=$(cd "$(dirname "$0")" && pwd)
flags=${DSJ_CONSUMER_FLAGS:-}
wrapper=${DSJ_TEST_WRAPPER:-}
stage=$work/stage
rm -rf "$work"
mkdir -p "$work"
log=$work/log
step() { "$@" >>"$log" 2>&1 || { cat "$log"; echo "failed: $*"; exit 1; }; }

DESTDIR=$stage step "$cmake" --install "$build"
export LD_LIBRARY_PATH=$stage$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}

step "$cmake" -S "$here" -B "$work/cmake" -DCMAKE_PREFIX_PATH="$stage$prefix" \
  -DCMAKE_C_COMPILER="$cc" -DCMAKE_C_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags"
step "$cmake" --build "$work/cmake"
step $wrapper "$work/cmake/consumer"
echo "find_package(dsjob): ok"

export PKG_CONFIG_PATH=$stage$libdir/pkgconfig PKG_CONFIG_SYSROOT_DIR=$stage
# --static: with a static libdsjob the link needs libyaml and libm too
# shellcheck disable=SC2046,SC2086
step "$cc" $flags $("$pkg_config" --cflags dsjob) -o "$work/consumer-pc" "$here/consumer.c" \
  $("$pkg_config" --static --libs dsjob)
step $wrapper "$work/consumer-pc"
echo "pkg-config dsjob: ok"
rm -rf "$work"
