#!/usr/bin/env bash
# Makes (or brings up to date) the Python environment the tests run in: a venv
# at $1 with the packages pinned in tests/requirements.txt (pylance, moto's S3
# server, Ray, ...). Quick when nothing changed: the venv remembers a hash of the
# requirements files and of the Python it was made with; when either changed,
# or the venv is broken (no pip), it is made anew.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=$1
python=${PYTHON:-python3}
command -v "$python" >/dev/null || { echo "python_env: no $python (bash .ci/install-deps installs it)" >&2; exit 1; }
wanted=$( { cat tests/requirements.txt distributed/requirements.txt; "$python" -VV; } | sha256sum | cut -c1-16)
stamp="$venv/.lance-bridge-requirements"
if [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ] && "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
  exit 0
fi
echo "python_env: installing the tests' Python packages (tests/requirements.txt) into $venv"
mkdir -p "$(dirname "$venv")"
"$python" -m venv --clear "$venv"
"$venv/bin/python" -m pip install --disable-pip-version-check --progress-bar off -r tests/requirements.txt
echo "$wanted" >"$stamp"
