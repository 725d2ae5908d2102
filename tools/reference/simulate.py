#!/usr/bin/env python3
"""Run kawin's multi-phase KWN (explicit Euler) model and write reference fixtures.

Developer tool only (never run in CI). Run it with the interpreter of the
virtualenv made by setup.sh:

    tools/reference/.venv/bin/python tools/reference/simulate.py            # all cases
    tools/reference/.venv/bin/python tools/reference/simulate.py iso200     # one case
    tools/reference/.venv/bin/python tools/reference/simulate.py --force example03

Each case is a request JSON in tools/reference/cases/<case>.json, in the
project's API schema:

    {"composition": {"MG": x, "SI": x},
     "temperature_profile": {"time_points_hours": [...], "temperatures_celsius": [...]},
     "simulation_time_hours": h, "phases": [...], "config": {"interfacial_energy": {...}}}

The model is set up like kawin's examples/03_Multiphase_Precipitation:
FCC_A1 matrix, Vm = 1e-5 m^3/mol ('VM', 4 atoms per cell) for matrix and
precipitates, bulk nucleation, the interfacial energies of the request, the
temperature given as an ARRAY profile (hours, kelvin) even when isothermal,
the explicit Euler iterator and model.solve(hours * 3600).

Output: tests/fixtures/kawin/sim-<case>.json (skipped when it exists, unless
--force). The full, unthinned kawin record is also kept as
tools/reference/runs/<case>.npz (git-ignored) for later analysis.
"""
import argparse
import datetime
import json
import math
import os
import sys
import time

import pinned  # noqa: E402,F401  re-executes with PYTHONHASHSEED=0 before numpy loads

import numpy as np  # noqa: E402  (after the environment is fixed)

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CASES_DIR = os.path.join(HERE, 'cases')
RUNS_DIR = os.path.join(HERE, 'runs')
FIXTURE_DIR = os.path.join(REPO, 'tests', 'fixtures', 'kawin')
DEFAULT_TDB = '/work/shared/reference/AlMgSi.tdb'

MATRIX_PHASE = 'FCC_A1'
ELEMENTS = ['AL', 'MG', 'SI']
SOLUTES = ['MG', 'SI']
DEFAULT_GAMMA = {'MGSI_B_P': 0.18, 'MG5SI6_B_DP': 0.084, 'B_PRIME_L': 0.18,
                 'U1_PHASE': 0.18, 'U2_PHASE': 0.18}
VM = 1e-5            # m^3/mol, matrix and precipitates
ATOMS_PER_CELL = 4
MAX_SERIES_ROWS = 3000


def versions():
    from importlib.metadata import version
    return {'kawin_version': version('kawin'),
            'pycalphad_version': version('pycalphad'),
            'numpy_version': version('numpy')}


def build_model(req, tdb):
    """Build the kawin objects exactly as example 03 does (0.5.0 API)."""
    from kawin.thermo import MulticomponentThermodynamics
    from kawin.precipitation import (PrecipitateModel, MatrixParameters,
                                     PrecipitateParameters, TemperatureParameters)

    phases = list(req['phases'])
    gamma = dict(DEFAULT_GAMMA)
    gamma.update(req.get('config', {}).get('interfacial_energy', {}))

    therm = MulticomponentThermodynamics(tdb, ELEMENTS, [MATRIX_PHASE] + phases)

    matrix = MatrixParameters(SOLUTES)
    matrix.initComposition = [req['composition'][e] for e in SOLUTES]
    matrix.volume.setVolume(VM, 'VM', ATOMS_PER_CELL)

    precipitates = []
    for name in phases:
        prec = PrecipitateParameters(name)
        prec.gamma = gamma[name]
        prec.volume.setVolume(VM, 'VM', ATOMS_PER_CELL)
        prec.nucleation.setNucleationType('bulk')
        precipitates.append(prec)

    tp = req['temperature_profile']
    hours = [float(h) for h in tp['time_points_hours']]
    kelvin = [float(c) + 273.15 for c in tp['temperatures_celsius']]
    temperature = TemperatureParameters(hours, kelvin)   # array profile -> non-isothermal path

    model = PrecipitateModel(matrix, precipitates, therm, temperature)
    return model, phases


def thin_indices(n_rows, max_rows=MAX_SERIES_ROWS):
    """Evenly spaced step indices, always keeping the first and the last row."""
    if n_rows <= max_rows:
        return list(range(n_rows))
    idx = np.unique(np.round(np.linspace(0, n_rows - 1, max_rows)).astype(int))
    return [int(i) for i in idx]


def fl(x):
    """float for JSON; non-finite values become strings so the file stays valid JSON."""
    x = float(x)
    if math.isfinite(x):
        return x
    return repr(x)


def collect(model, phases, idx):
    d = model.data
    n = d.n
    final = {
        'step': int(n),
        'time_s': fl(d.time[n]),
        'temperature_k': fl(d.temperature[n]),
        'composition': [fl(v) for v in d.composition[n]],
        'phases': {},
    }
    for p, name in enumerate(phases):
        vm = model.precipitates[p].volume.Vm
        final['phases'][name] = {
            'number_density': fl(d.precipitateDensity[n, p]),
            'mean_radius_m': fl(d.Ravg[n, p]),
            'volume_fraction': fl(d.volFrac[n, p]),
            'driving_force_j_per_mol': fl(d.drivingForce[n, p] * vm),
            'driving_force_j_per_m3': fl(d.drivingForce[n, p]),
            'critical_radius_m': fl(d.Rcrit[n, p]),
            'nucleation_rate': fl(d.nucRate[n, p]),
            'impingement': fl(d.impingement[n, p]),
            'x_eq_alpha': [fl(v) for v in d.xEqAlpha[n, p]],
            'x_eq_beta': [fl(v) for v in d.xEqBeta[n, p]],
            'psd_bins': int(model.PBM[p].bins),
            'psd_max_m': fl(model.PBM[p].max),
        }
    series = {
        'series_step_index': idx,
        'time_s': [fl(d.time[i]) for i in idx],
        'temperature_k': [fl(d.temperature[i]) for i in idx],
        'x_mg': [fl(d.composition[i, 0]) for i in idx],
        'x_si': [fl(d.composition[i, 1]) for i in idx],
        'phases': {},
    }
    for p, name in enumerate(phases):
        series['phases'][name] = {
            'number_density': [fl(d.precipitateDensity[i, p]) for i in idx],
            'mean_radius_m': [fl(d.Ravg[i, p]) for i in idx],
            'volume_fraction': [fl(d.volFrac[i, p]) for i in idx],
            'driving_force_j_per_m3': [fl(d.drivingForce[i, p]) for i in idx],
            'nucleation_rate': [fl(d.nucRate[i, p]) for i in idx],
        }
    return final, series


def run_case(case, tdb, force=False, verbose_every=2000):
    req_path = os.path.join(CASES_DIR, case + '.json')
    out_path = os.path.join(FIXTURE_DIR, 'sim-%s.json' % case)
    if os.path.exists(out_path) and not force:
        print('[%s] %s exists, skipping (use --force to rerun)' % (case, out_path))
        return
    with open(req_path) as f:
        req = json.load(f)

    model, phases = build_model(req, tdb)
    from kawin.solver import explicitEulerIterator

    sim_seconds = float(req['simulation_time_hours']) * 3600
    print('[%s] solving %.0f s ...' % (case, sim_seconds), flush=True)
    t0 = time.time()
    model.solve(sim_seconds, iterator=explicitEulerIterator,
                verbose=verbose_every > 0, vIt=max(verbose_every, 1))
    wall = time.time() - t0
    sys.stdout.flush()

    os.makedirs(RUNS_DIR, exist_ok=True)
    np.savez_compressed(os.path.join(RUNS_DIR, case + '.npz'),
                        **{k: np.asarray(v) for k, v in model.data.toDict().items()})

    n_rows = model.data.n + 1
    idx = thin_indices(n_rows)
    final, series = collect(model, phases, idx)
    out = {
        'case': case,
        'request': req,
        'generated_utc': datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'),
        'setup': {
            'thermodynamics': 'MulticomponentThermodynamics(tdb, %s, %s) default drivingForceMethod' % (
                ELEMENTS, [MATRIX_PHASE] + phases),
            'volume': 'setVolume(%g, "VM", %d) for matrix and every precipitate' % (VM, ATOMS_PER_CELL),
            'nucleation': 'bulk',
            'temperature': 'TemperatureParameters(hours, kelvin) array profile, kelvin = celsius + 273.15',
            'iterator': 'explicitEulerIterator',
            'solve': 'model.solve(%r)' % sim_seconds,
            'bulk_n0': fl(model.matrix.nucleationSites.bulkN0),
        },
        'steps': int(model.data.n),
        'wall_seconds': round(wall, 1),
        'final': final,
        'series_rows': len(idx),
        'series_total_rows': n_rows,
        'series': series,
    }
    out.update(versions())
    out['python_hash_seed'] = int(HASH_SEED)
    os.makedirs(FIXTURE_DIR, exist_ok=True)
    tmp = out_path + '.tmp'
    with open(tmp, 'w') as f:
        json.dump(out, f, sort_keys=True, separators=(',', ':'))
        f.write('\n')
    os.replace(tmp, out_path)
    print('[%s] %d steps, %.1f s wall -> %s (%d bytes)' % (
        case, model.data.n, wall, out_path, os.path.getsize(out_path)), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('cases', nargs='*', help='case names (default: every cases/*.json)')
    ap.add_argument('--tdb', default=DEFAULT_TDB)
    ap.add_argument('--force', action='store_true', help='rerun cases whose fixture exists')
    ap.add_argument('--verbose-every', type=int, default=2000,
                    help="print kawin's status every N iterations (0: quiet)")
    args = ap.parse_args()
    cases = args.cases or sorted(f[:-5] for f in os.listdir(CASES_DIR) if f.endswith('.json'))
    for case in cases:
        run_case(case, args.tdb, force=args.force, verbose_every=args.verbose_every)


if __name__ == '__main__':
    main()
