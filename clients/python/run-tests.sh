#!/usr/bin/env bash
# npm run test:python: lints the Python client and runs its tests, which start real embedded services
# from build/ (npm run build first) and execute the notebooks in examples/notebooks.
# The virtualenv is made by .ci/run (or by hand, see clients/python/README.md).
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x .venv/bin/pytest ]; then
  echo "clients/python/.venv is missing: python3 -m venv clients/python/.venv &&" \
    "clients/python/.venv/bin/pip install -e 'clients/python[test]'" >&2
  exit 1
fi
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/pytest -q
