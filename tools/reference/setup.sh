#!/usr/bin/env bash
# Create tools/reference/.venv with kawin==0.5.0 and its pinned dependencies.
# Developer tool only: CI never runs Python; the fixtures it produces are committed.
# Idempotent: does nothing when the venv already matches requirements.txt.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${here}/.venv"
req="${here}/requirements.txt"
stamp="${venv}/.requirements.sha256"
python="${PYTHON:-python3}"

want="$(sha256sum "${req}" | cut -d' ' -f1)"
if [[ -x "${venv}/bin/python" && -f "${stamp}" && "$(cat "${stamp}")" == "${want}" ]]; then
  echo "tools/reference/.venv is up to date (kawin $("${venv}/bin/python" -c 'from importlib.metadata import version; print(version("kawin"))'))"
  exit 0
fi

if [[ ! -x "${venv}/bin/python" ]]; then
  "${python}" -m venv "${venv}"
fi
"${venv}/bin/python" -m pip install --quiet --upgrade pip
"${venv}/bin/python" -m pip install --quiet -r "${req}"
"${venv}/bin/python" -m pip check
"${venv}/bin/python" -c 'import kawin.thermo, kawin.precipitation, pycalphad, scipy' 2>/dev/null
echo "${want}" > "${stamp}"
echo "tools/reference/.venv ready: $("${venv}/bin/python" -c 'from importlib.metadata import version as v; print("kawin", v("kawin"), "pycalphad", v("pycalphad"), "numpy", v("numpy"))')"
