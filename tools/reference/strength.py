#!/usr/bin/env python3
"""Run kawin 0.5.0's KWN model with its StrengthModel coupled and write strength fixtures.

Developer tool only (never run in CI):

    tools/reference/.venv/bin/python tools/reference/strength.py user2 five every   # cases-strength/*.json
    tools/reference/.venv/bin/python tools/reference/strength.py --force user2

Each case is a request in the project's API schema (cases-strength/<case>.json) whose
config.strength (see README.md, "Strength") is turned into kawin's StrengthModel
(strength.md §10): DislocationParameters(G, b, nu), the contributions (coherency and modulus
for all phases when the request gives none), SolidSolutionStrength(weights, exponents) and
sigma0, added with model.addCouplingModel before model.solve. The precipitation model is
set up as simulate.py does it.

Output: tests/fixtures/kawin/strength-<case>.json with every recorded time (for replaying
kawin's steps) and, on evenly thinned rows, x_Mg, x_Si, per phase r_ss, L_s and the
CRSS terms of computeCRSS/combineCRSS, and sigma_prec, sigma_ss, sigma_0, sigma_y from
StrengthModel.totalStrength.
"""
import argparse
import datetime
import json
import os
import sys
import time

import pinned  # noqa: F401  re-executes with PYTHONHASHSEED=0 before numpy loads

import numpy as np  # noqa: E402

from simulate import DEFAULT_TDB, FIXTURE_DIR, HERE, RUNS_DIR, build_model, fl, thin_indices, versions  # noqa: E402

CASES_DIR = os.path.join(HERE, 'cases-strength')
MAX_ROWS = 600
# strength.md §8 / the request's defaults (src/request/defaults.ts)
DEFAULT_DISLOCATION = {'shear_modulus_gpa': 25.4, 'burgers_vector_nm': 0.286, 'poisson_ratio': 0.34}
DEFAULT_CONTRIBUTIONS = [{'type': 'coherency', 'misfit_strain': 0.025},
                         {'type': 'modulus', 'precipitate_shear_modulus_gpa': 50}]
DEFAULT_WEIGHTS_PA = {'MG': 1.676e9, 'SI': 0.958e9}


def contribution(c):
    """One kawin contribution object from the request's form."""
    from kawin.precipitation.coupling.Strength import (APBContribution, CoherencyContribution,
                                                       InterfacialContribution, ModulusContribution,
                                                       SFEContribution)
    phase = c.get('phase', 'all')
    kind = c['type']
    if kind == 'coherency':
        return CoherencyContribution(c['misfit_strain'], phase=phase)
    if kind == 'modulus':
        return ModulusContribution(c['precipitate_shear_modulus_gpa'] * 1e9, phase=phase)
    if kind == 'anti_phase_boundary':
        return APBContribution(c['energy_j_per_m2'], phase=phase)
    if kind == 'stacking_fault':
        return SFEContribution(c['matrix_energy_j_per_m2'], c['precipitate_energy_j_per_m2'], phase=phase)
    if kind == 'interfacial':
        return InterfacialContribution(c['energy_j_per_m2'], phase=phase)
    raise ValueError('unknown contribution type %r' % kind)


def strength_model(req, phases):
    from kawin.precipitation.coupling.Strength import (DislocationParameters, SolidSolutionStrength,
                                                       StrengthModel)
    cfg = req.get('config', {})
    s = cfg.get('strength', {})
    d = dict(DEFAULT_DISLOCATION)
    d.update(cfg.get('dislocation', {}))
    disl = DislocationParameters(d['shear_modulus_gpa'] * 1e9, d['burgers_vector_nm'] * 1e-9,
                                 d['poisson_ratio'])
    contributions = [contribution(c) for c in s.get('contributions', DEFAULT_CONTRIBUTIONS)]
    ss = s.get('solid_solution', {})
    ss_model = SolidSolutionStrength(dict(ss.get('weights_pa', DEFAULT_WEIGHTS_PA)), dict(ss.get('exponents', {})))
    model = StrengthModel(phases, contributions, disl, ssModel=ss_model,
                          sigma0=s.get('base_strength_mpa', 0) * 1e6)
    model.M = cfg.get('taylor_factor', 2.24)
    return model, disl, contributions


def per_phase(sm, phases, idx):
    """kawin's computeCRSS and combineCRSS per phase (strength.md §3-§5) on the rows idx."""
    from kawin.precipitation.coupling.Strength import combineCRSS, computeCRSS
    out = {}
    for p, name in enumerate(phases):
        rss, ls = sm.rss[:, p], sm.Ls[:, p]
        weak, strong, owo = computeCRSS(rss, ls, sm.contributions, sm.dislocations, name)
        tau, weak_sum, strong_sum, orowan = combineCRSS(weak, strong, owo, sm.singlePhaseExp, True)
        tau = np.where(np.isfinite(tau), tau, 0)
        out[name] = {
            'r_ss_m': [fl(rss[i]) for i in idx],
            'l_s_m': [fl(ls[i]) for i in idx],
            'tau_pa': [fl(tau[i]) for i in idx],
            'weak_sum_pa': [fl(weak_sum[i]) for i in idx],
            'strong_sum_pa': [fl(strong_sum[i]) for i in idx],
            'orowan_pa': [fl(orowan[i]) for i in idx],
            'contributions': sorted(weak.keys()),
        }
    return out


def run_case(case, tdb, force):
    out_path = os.path.join(FIXTURE_DIR, 'strength-%s.json' % case)
    if os.path.exists(out_path) and not force:
        print('[%s] %s exists, skipping' % (case, out_path))
        return
    with open(os.path.join(CASES_DIR, case + '.json')) as f:
        req = json.load(f)
    model, phases = build_model(req, tdb)
    sm, _, _ = strength_model(req, phases)
    model.addCouplingModel(sm)
    from kawin.solver import explicitEulerIterator
    seconds = float(req['simulation_time_hours']) * 3600
    print('[%s] solving %.0f s ...' % (case, seconds), flush=True)
    t0 = time.time()
    model.solve(seconds, iterator=explicitEulerIterator, verbose=True, vIt=1000)
    wall = time.time() - t0
    d = model.data
    rows = d.n + 1
    if sm.rss.shape[0] != rows:
        raise RuntimeError('rss has %d rows, the data %d' % (sm.rss.shape[0], rows))
    if list(model.elements) != ['MG', 'SI']:
        raise RuntimeError('elements %r' % (model.elements,))
    sigma_y, sigma_prec, sigma_ss, sigma_0 = sm.totalStrength(model, returnContributions=True)
    os.makedirs(RUNS_DIR, exist_ok=True)
    np.savez_compressed(os.path.join(RUNS_DIR, 'strength-%s.npz' % case), rss=sm.rss, Ls=sm.Ls,
                        time=d.time[:rows], sigma_y=sigma_y)
    idx = thin_indices(rows, MAX_ROWS)
    out = {
        'case': case,
        'request': req,
        'generated_utc': datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'),
        'setup': 'simulate.py build_model + StrengthModel(phases, contributions, DislocationParameters(G, b, nu), '
                 'ssModel=SolidSolutionStrength(weights, exp), sigma0) via addCouplingModel; M = taylor_factor',
        'steps': int(d.n),
        'wall_seconds': round(wall, 1),
        'time_s': [fl(t) for t in d.time[:rows]],
        'rows': {
            'step_index': idx,
            'time_s': [fl(d.time[i]) for i in idx],
            'x_mg': [fl(d.composition[i, 0]) for i in idx],
            'x_si': [fl(d.composition[i, 1]) for i in idx],
            'sigma_prec_pa': [fl(sigma_prec[i]) for i in idx],
            'sigma_ss_pa': [fl(sigma_ss[i]) for i in idx],
            'sigma_0_pa': [fl(sigma_0[i]) for i in idx],
            'sigma_y_pa': [fl(sigma_y[i]) for i in idx],
            'phases': per_phase(sm, phases, idx),
        },
    }
    out.update(versions())
    out['python_hash_seed'] = int(os.environ['PYTHONHASHSEED'])
    tmp = out_path + '.tmp'
    with open(tmp, 'w') as f:
        json.dump(out, f, sort_keys=True, separators=(',', ':'))
        f.write('\n')
    os.replace(tmp, out_path)
    print('[%s] %d steps, %.1f s -> %s' % (case, d.n, wall, out_path), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('cases', nargs='*')
    ap.add_argument('--tdb', default=DEFAULT_TDB)
    ap.add_argument('--force', action='store_true')
    args = ap.parse_args()
    cases = args.cases or sorted(f[:-5] for f in os.listdir(CASES_DIR) if f.endswith('.json'))
    for case in cases:
        run_case(case, args.tdb, args.force)


if __name__ == '__main__':
    sys.exit(main())
