#!/bin/sh
# Runs the driver tests; exits non-zero when one fails. Usage: tests/drivers/run.sh [PYTHON]
# (ctest: add_test(NAME drivers COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/drivers/run.sh))
set -e
here=$(cd "$(dirname "$0")" && pwd)
python=${1:-${PYTHON:-python3}}
PYTHONDONTWRITEBYTECODE=1 exec "$python" -m unittest discover -s "$here" -t "$here" -p 'test_*.py'
