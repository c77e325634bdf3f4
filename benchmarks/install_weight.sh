#!/usr/bin/env bash
# Install weight: size of a fresh virtual environment with the runtime requirements alone and
# with runtime + test requirements (emulator, linters, molecule included).
#   bash benchmarks/install_weight.sh
# The last line printed holds the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-python3.11}"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

measure() {
  local name=$1 requirements=$2 nodeps=${3:-}
  "$python" -m venv "$scratch/$name"
  {
    "$scratch/$name/bin/pip" install --quiet --upgrade pip
    "$scratch/$name/bin/pip" install --quiet -r "$requirements"
    if [ -n "$nodeps" ]; then
      "$scratch/$name/bin/pip" install --quiet --no-deps -r "$nodeps"
    fi
  } >"$scratch/$name.log" 2>&1 || { cat "$scratch/$name.log" >&2; exit 1; }
  du -sm "$scratch/$name" | cut -f1
}

runtime_mb=$(measure runtime requirements/runtime.txt)
full_mb=$(measure full requirements/test.txt requirements/test-nodeps.txt)
verdict=FAIL
[ "$full_mb" -lt 250 ] && verdict=PASS
echo "$verdict runtime venv ${runtime_mb} MB, runtime + test venv ${full_mb} MB (goal < 250 MB)"
