#!/usr/bin/env python3
"""Thermodynamic reference vectors from kawin (driving force, curvature factors, growth).

Developer tool only (never run in CI):

    tools/reference/.venv/bin/python tools/reference/thermo_vectors.py [--tdb PATH] [--out PATH]

Writes tests/fixtures/kawin/thermo.json (see README.md beside this file for the layout).
Uses only kawin's public thermodynamics API:
  MulticomponentThermodynamics(tdb, elements, phases)          (default drivingForceMethod 'tangent')
  .getDrivingForce(x, T, precPhase)                            -> (dG [J/mol], x_beta)
  .curvatureFactor(x, T, precPhase, removeCache, searchDir)    -> CurvatureOutput or None
  .getGrowthAndInterfacialComposition(x, T, dG, R, gExtra, precPhase, removeCache, searchDir)
"""
import argparse
import contextlib
import datetime
import hashlib
import io
import json
import math
import os
import warnings

import pinned  # noqa: E402,F401  re-executes with PYTHONHASHSEED=0 before numpy loads

import numpy as np  # noqa: E402  (after the environment is fixed)

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_TDB = '/work/shared/reference/AlMgSi.tdb'
DEFAULT_OUT = os.path.join(REPO, 'tests', 'fixtures', 'kawin', 'thermo.json')

ELEMENTS = ['AL', 'MG', 'SI']
MATRIX = 'FCC_A1'
PRECIPITATES = ['MGSI_B_P', 'MG5SI6_B_DP', 'B_PRIME_L', 'U1_PHASE', 'U2_PHASE']
GAMMA = {'MGSI_B_P': 0.18, 'MG5SI6_B_DP': 0.084, 'B_PRIME_L': 0.18, 'U1_PHASE': 0.18, 'U2_PHASE': 0.18}
VM = 1e-5
GROWTH_RADII = [5e-10, 1e-9, 2e-9, 5e-9]

X_MIN, X_MAX = 1e-4, 0.02
T_MIN, T_MAX = 373.0, 623.0
SPEC_POINT = (448.15, 0.0072, 0.0057)          # thermo.md section 6 / example 03 start
EXTRA_POINTS = [
    (523.15, 6.19305e-4, 2.061645e-3),         # example 03 after the ramp (thermo.md section 6)
    (523.15, 5.66e-4, 2.032e-3),               # example 03 final matrix composition (kwn.md section 11)
    (473.15, 0.0072, 0.0057),                  # iso200 start
    (453.15, 0.0100, 0.0050),                  # mgrich start
]
N_HALTON = 240
CURVATURE_EVERY = 5                            # every 5th Halton point gets curvature records


def versions():
    from importlib.metadata import version
    return {'kawin_version': version('kawin'),
            'pycalphad_version': version('pycalphad'),
            'numpy_version': version('numpy')}


def halton(i, base):
    f, r = 1.0, 0.0
    while i > 0:
        f /= base
        r += f * (i % base)
        i //= base
    return r


def sig(x, digits=4):
    return float('%.*g' % (digits, x))


def sample_points():
    """Deterministic point set: the spec point, a few named points, the 8 box corners and a
    Halton sequence (bases 2, 3, 5) over log10(x_Mg), log10(x_Si) and T."""
    pts = [SPEC_POINT] + EXTRA_POINTS
    for T in (T_MIN, T_MAX):
        for xm in (X_MIN, X_MAX):
            for xs in (X_MIN, X_MAX):
                pts.append((T, xm, xs))
    lo, hi = math.log10(X_MIN), math.log10(X_MAX)
    halton_pts = []
    for i in range(1, N_HALTON + 1):
        xm = sig(10 ** (lo + halton(i, 2) * (hi - lo)))
        xs = sig(10 ** (lo + halton(i, 3) * (hi - lo)))
        T = round(T_MIN + halton(i, 5) * (T_MAX - T_MIN), 2)
        halton_pts.append((T, xm, xs))
    return pts, halton_pts


def f(x):
    return float(x)


def fl_list(a):
    return [float(v) for v in np.atleast_1d(np.asarray(a, dtype=float)).ravel()]


def new_therm(tdb):
    from kawin.thermo import MulticomponentThermodynamics
    return MulticomponentThermodynamics(tdb, ELEMENTS, [MATRIX] + PRECIPITATES)


def call_quiet(fn, *args, **kwargs):
    """Call a kawin function, capturing what it prints (kawin prints a warning when it
    falls back to a previous curvature result)."""
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf), warnings.catch_warnings():
            warnings.simplefilter('ignore')
            out = fn(*args, **kwargs)
        err = None
    except Exception as exc:  # record, don't crash: the fixture says what kawin did
        out, err = None, '%s: %s' % (type(exc).__name__, exc)
    return out, err, buf.getvalue().strip()


def curvature_record(c, err, printed):
    if c is None:
        rec = {'result': None}
        if err:
            rec['error'] = err
        if printed:
            rec['printed'] = printed
        return rec
    gba = None if c.gba is None else [[float(v) for v in row] for row in np.atleast_2d(c.gba)]
    rec = {'x_alpha': fl_list(c.c_eq_alpha), 'x_beta': fl_list(c.c_eq_beta), 'mc': f(c.mc),
           'dc': fl_list(c.dc), 'beta': f(c.beta), 'gba': gba}
    if printed:
        rec['printed'] = printed
    return rec


def growth_record(g, err, printed):
    if g is None:
        rec = {'result': None}
        if err:
            rec['error'] = err
        if printed:
            rec['printed'] = printed
        return rec
    rec = {'growth_rate': fl_list(g.growth_rate),
           'c_alpha': [fl_list(r) for r in np.atleast_2d(g.c_alpha)],
           'c_beta': [fl_list(r) for r in np.atleast_2d(g.c_beta)],
           'c_eq_alpha': fl_list(g.c_eq_alpha), 'c_eq_beta': fl_list(g.c_eq_beta)}
    if printed:
        rec['printed'] = printed
    return rec


def driving_forces(therm, pts):
    out = []
    for (T, xm, xs) in pts:
        x = np.array([xm, xs])
        rec = {'temperature_k': T, 'x_mg': xm, 'x_si': xs, 'phases': {}}
        for p in PRECIPITATES:
            res, err, printed = call_quiet(therm.getDrivingForce, x, T, p)
            if res is None or res[0] is None or np.asarray(res[0]).dtype == object:
                rec['phases'][p] = {'driving_force_j_per_mol': None, 'precipitate_composition': None,
                                    'error': err or 'kawin returned None'}
                continue
            dg, xb = res
            rec['phases'][p] = {'driving_force_j_per_mol': f(dg), 'precipitate_composition': fl_list(xb)}
        out.append(rec)
    return out


def curvature_point(tdb, T, xm, xs, df_rec):
    """Per phase: 'first' = curvatureFactor on a fresh object (global eq., GE = gOffset = 1),
    'cached' = second identical call (local eq. from the cached composition sets, GE = 0).
    searchDir = precipitate composition from the driving force, as the KWN model passes it.
    'first_no_search_dir' = first call on another fresh object without searchDir (as in KWN setup)."""
    x = np.array([xm, xs])
    rec = {'temperature_k': T, 'x_mg': xm, 'x_si': xs, 'phases': {}}
    therm = new_therm(tdb)
    therm_nosd = new_therm(tdb)
    for p in PRECIPITATES:
        d = df_rec['phases'][p]
        sd = d['precipitate_composition']
        c1 = curvature_record(*call_quiet(therm.curvatureFactor, x, T, p, False, sd))
        c2 = curvature_record(*call_quiet(therm.curvatureFactor, x, T, p, False, sd))
        c0 = curvature_record(*call_quiet(therm_nosd.curvatureFactor, x, T, p, False, None))
        rec['phases'][p] = {'driving_force_j_per_mol': d['driving_force_j_per_mol'], 'search_dir': sd,
                            'first': c1, 'cached': c2, 'first_no_search_dir': c0}
    return rec


def growth_section(tdb, df_rec):
    T, xm, xs = SPEC_POINT
    x = np.array([xm, xs])
    therm = new_therm(tdb)
    R = np.array(GROWTH_RADII)
    out = {'temperature_k': T, 'x_mg': xm, 'x_si': xs, 'radii_m': GROWTH_RADII, 'molar_volume': VM,
           'gextra_formula': 'gExtra = 2*gamma*Vm/R (sphere, no strain)', 'phases': {}}
    for p in PRECIPITATES:
        d = df_rec['phases'][p]
        dg = d['driving_force_j_per_mol']
        gextra = 2 * GAMMA[p] * VM / R
        args = (x, T, dg, R, gextra)
        kw = {'precPhase': p, 'removeCache': False, 'searchDir': d['precipitate_composition']}
        g1 = growth_record(*call_quiet(therm.getGrowthAndInterfacialComposition, *args, **kw))
        g2 = growth_record(*call_quiet(therm.getGrowthAndInterfacialComposition, *args, **kw))
        out['phases'][p] = {'gamma': GAMMA[p], 'driving_force_j_per_mol': dg, 'gextra_j_per_mol': fl_list(gextra),
                            'first': g1, 'cached': g2}
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--tdb', default=DEFAULT_TDB)
    ap.add_argument('--out', default=DEFAULT_OUT)
    args = ap.parse_args()

    with open(args.tdb, 'rb') as fh:
        tdb_sha = hashlib.sha256(fh.read()).hexdigest()

    named, halton_pts = sample_points()
    pts = named + halton_pts
    therm = new_therm(args.tdb)
    df = driving_forces(therm, pts)
    print('driving force: %d points' % len(df), flush=True)

    # curvature at the named points and every CURVATURE_EVERY-th Halton point
    curv_idx = list(range(len(named))) + [len(named) + i for i in range(0, len(halton_pts), CURVATURE_EVERY)]
    curvature = []
    for k, i in enumerate(curv_idx):
        r = df[i]
        curvature.append(curvature_point(args.tdb, r['temperature_k'], r['x_mg'], r['x_si'], r))
        if k % 10 == 0:
            print('curvature %d/%d' % (k + 1, len(curv_idx)), flush=True)

    growth = growth_section(args.tdb, df[0])

    out = {
        'generated_utc': datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'),
        'tdb_sha256': tdb_sha,
        'elements': ELEMENTS,
        'matrix_phase': MATRIX,
        'phases': PRECIPITATES,
        'driving_force_method': 'tangent (kawin default)',
        'point_set': ('point 0 = thermo.md section 6 (448.15 K, 0.0072, 0.0057); points 1-4 named; '
                      'points 5-12 box corners; then %d Halton points (bases 2,3,5) over log10 x in '
                      '[%g, %g] and T in [%g, %g] K, x rounded to 4 significant digits, T to 0.01 K'
                      % (N_HALTON, X_MIN, X_MAX, T_MIN, T_MAX)),
        'driving_force': df,
        'curvature_note': ('first = curvatureFactor(x, T, phase, removeCache=False, searchDir=x_beta) on a fresh '
                           'MulticomponentThermodynamics (global equilibrium, GE = gOffset = 1 J/mol); cached = '
                           'the identical second call (local equilibrium from cached composition sets, GE = 0); '
                           'first_no_search_dir = first call on another fresh object with searchDir=None. '
                           'x_alpha/x_beta/dc are [Mg, Si]; mc in m^2 mol/(J s); dc in mol/J; beta in m^2/s.'),
        'curvature': curvature,
        'growth': growth,
    }
    out.update(versions())
    out['python_hash_seed'] = int(HASH_SEED)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, 'w') as fh:
        json.dump(out, fh, sort_keys=True, indent=1)
        fh.write('\n')
    print('wrote %s (%d bytes)' % (args.out, os.path.getsize(args.out)))


if __name__ == '__main__':
    main()
