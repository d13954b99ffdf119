#!/usr/bin/env bash
# The whole test suite: unit, conformance, fuzz-corpus replay and CLI tests, in a
# release build, again under AddressSanitizer + UndefinedBehaviorSanitizer, and
# again under valgrind memcheck, and the package again with a shared library;
# warnings are errors (-DDSJ_WERROR=ON).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
jobs=$(nproc)

echo "=== release build"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DDSJ_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
(cd build && ctest --output-on-failure -j"$jobs")

echo "=== ASan + UBSan build"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DDSJ_SANITIZE=ON -DDSJ_WERROR=ON >/dev/null
cmake --build build-asan -j"$jobs"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j"$jobs")

echo "=== valgrind memcheck"
cmake -S . -B build-valgrind -DCMAKE_BUILD_TYPE=Debug -DDSJ_VALGRIND=ON -DDSJ_WERROR=ON >/dev/null
cmake --build build-valgrind -j"$jobs"
(cd build-valgrind && ctest --output-on-failure -j"$jobs")

echo "=== shared library build (the tool and the installed package on libdsjob.so)"
cmake -S . -B build-shared -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON -DDSJ_WERROR=ON >/dev/null
cmake --build build-shared -j"$jobs" --target dsjob
(cd build-shared && ctest --output-on-failure -j"$jobs" -R '^(package\.|cli$|bad_input$)')
