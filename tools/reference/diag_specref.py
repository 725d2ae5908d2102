#!/usr/bin/env python3
"""Diagnostic (not a fixture): run shared/spec/kwn_reference.py's Model on a case and record where
its time steps go, optionally with another gas constant inside the MQ expressions.

    tools/reference/.venv/bin/python tools/reference/diag_specref.py example03 [R_TDB]
        -> runs/diag-specref-<case>-R<R_TDB>.json
"""
import importlib.util
import json
import os
import sys
import time

import numpy as np

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = '/work/shared/spec/kwn_reference.py'


def main():
    case = sys.argv[1] if len(sys.argv) > 1 else 'example03'
    spec = importlib.util.spec_from_file_location('kwn_reference', SPEC)
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    if len(sys.argv) > 2:
        ref.RTDB = float(sys.argv[2])
    req = json.load(open(os.path.join(HERE, 'cases', case + '.json')))
    tp_h = req['temperature_profile']['time_points_hours']
    tp_k = [c + 273.15 for c in req['temperature_profile']['temperatures_celsius']]
    names = req['phases']
    gam = req['config']['interfacial_energy']
    m = ref.Model([req['composition']['MG'], req['composition']['SI']],
                  lambda t: float(np.interp(t / 3600, tp_h, tp_k, tp_k[0], tp_k[-1])),
                  names, [gam[n] for n in names])
    t0 = time.time()
    steps = m.solve(req['simulation_time_hours'] * 3600, verbose_every=0)
    t = np.array(m.data['time'])
    bounds = [float(h) for h in tp_h[1:]] + [float(req['simulation_time_hours'])]
    out = {'case': case, 'R_TDB': ref.RTDB, 'steps': steps, 'wall_seconds': round(time.time() - t0, 1),
           'steps_before_hours': {str(h): int(np.searchsorted(t, h * 3600)) for h in [1, 4, 8, 16, 17, 18, 25] if h <= req['simulation_time_hours']},
           'final': {'composition': [float(v) for v in m.data['comp'][-1]],
                     'phases': {n: {'number_density': float(m.data['dens'][-1][p]), 'mean_radius_m': float(m.data['Ravg'][-1][p]),
                                    'volume_fraction': float(m.data['vf'][-1][p]),
                                    'driving_force_j_per_mol': float(m.data['dG'][-1][p] * 1e-5)} for p, n in enumerate(names)}},
           'step10000': None}
    if steps >= 10000:
        out['step10000'] = {'time_s': float(t[10000]), 'composition': [float(v) for v in m.data['comp'][10000]],
                            'phases': {n: {'number_density': float(m.data['dens'][10000][p]), 'mean_radius_m': float(m.data['Ravg'][10000][p]),
                                           'volume_fraction': float(m.data['vf'][10000][p]),
                                           'driving_force_j_per_mol': float(m.data['dG'][10000][p] * 1e-5)} for p, n in enumerate(names)}}
    os.makedirs(os.path.join(HERE, 'runs'), exist_ok=True)
    path = os.path.join(HERE, 'runs', 'diag-specref-%s-R%s.json' % (case, ref.RTDB))
    json.dump(out, open(path, 'w'), indent=1)
    print(steps, path)


if __name__ == '__main__':
    main()
