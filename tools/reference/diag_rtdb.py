#!/usr/bin/env python3
"""Diagnostic (not a fixture): does the gas constant inside the TDB mobility expressions explain
the small differences between kawin 0.5.0 and the kawin 279cedf notebook numbers of kwn.md §11?

pycalphad 0.11.x replaces the symbol R in every TDB expression by its own R = 8.3145 while parsing,
so the TDB's FUNCTION R = 8.31451 is never used (see FINDINGS.md). thermo.md/kwn.md assume
R*T*LN(D0) with R = 8.31451. Both only differ in the pre-exponential term, by the factor
D0^((8.31451 - 8.3145)/8.3145), so the spec's mobilities are emulated here with kawin's public
per-element mobility correction (setMobilityCorrection) using the dilute D0 of each element.

    tools/reference/.venv/bin/python tools/reference/diag_rtdb.py [case]   -> runs/diag-rtdb-<case>.json
"""
import json
import math
import os
import sys
import time

import simulate  # pins PYTHONHASHSEED (re-exec) exactly like simulate.py

R_PC, R_TDB = 8.3145, 8.31451
DILUTE_D0 = {'AL': 1.39e-5, 'MG': 3.7e-5, 'SI': 2.31e-4}   # MQ(FCC_A1&X,AL:VA) pre-factors in AlMgSi.tdb


def main():
    case = sys.argv[1] if len(sys.argv) > 1 else 'example03'
    with open(os.path.join(simulate.CASES_DIR, case + '.json')) as fh:
        req = json.load(fh)
    model, phases = simulate.build_model(req, simulate.DEFAULT_TDB)
    factors = {e: math.exp((R_TDB - R_PC) / R_PC * math.log(d0)) for e, d0 in DILUTE_D0.items()}
    for e, fct in factors.items():
        model.therm.setMobilityCorrection(e, fct)
    from kawin.solver import explicitEulerIterator
    t0 = time.time()
    model.solve(float(req['simulation_time_hours']) * 3600, iterator=explicitEulerIterator,
                verbose=True, vIt=2000)
    wall = time.time() - t0
    final, _ = simulate.collect(model, phases, [0])
    out = {'case': case, 'mobility_correction': factors, 'steps': int(model.data.n),
           'wall_seconds': round(wall, 1), 'final': final}
    out.update(simulate.versions())
    os.makedirs(simulate.RUNS_DIR, exist_ok=True)
    path = os.path.join(simulate.RUNS_DIR, 'diag-rtdb-%s.json' % case)
    with open(path, 'w') as fh:
        json.dump(out, fh, indent=1, sort_keys=True)
    print('%d steps -> %s' % (model.data.n, path))


if __name__ == '__main__':
    main()
