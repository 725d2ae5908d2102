#!/usr/bin/env python3
"""Compare tests/fixtures/kawin/thermo.json (kawin) with the closed forms of the specs.

Developer tool only. Uses the closed-form thermodynamics in /work/shared/spec/kwn_reference.py
(thermo.md sections 3-5) and prints, per quantity, the largest relative difference from kawin.

    tools/reference/.venv/bin/python tools/reference/compare_spec.py [--spec-dir DIR] [--thermo PATH]
"""
import argparse
import importlib.util
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.dont_write_bytecode = True


def load_reference(spec_dir):
    spec = importlib.util.spec_from_file_location('kwn_reference', os.path.join(spec_dir, 'kwn_reference.py'))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def rel(a, b):
    a = np.asarray(a, float)
    b = np.asarray(b, float)
    scale = np.maximum(np.abs(a), np.abs(b))
    with np.errstate(invalid='ignore', divide='ignore'):
        r = np.where(scale > 0, np.abs(a - b) / scale, 0.0)
    return float(np.max(r))


class Worst:
    def __init__(self):
        self.d = {}

    def add(self, key, value, where):
        if key not in self.d or value > self.d[key][0]:
            self.d[key] = (value, where)

    def report(self, title):
        print(title)
        for k in sorted(self.d):
            v, w = self.d[k]
            print('  %-34s max rel diff %.3e  at %s' % (k, v, w))


def spec_curvature(ref, xs, T, name, goff):
    th = ref.Thermo([name])
    xa, xb = th.tie(np.asarray(xs, float), T, name, goff)
    RT = ref.RPC * T
    H = RT * (np.diag(1 / xa[1:]) + 1 / xa[0])
    M = ref.mobilities(xa, T)
    Dn = np.zeros((2, 2))
    for k in range(2):
        for j in range(2):
            Dn[k, j] = RT * ((M[k + 1] if k == j else 0) - xa[k + 1] * (M[j + 1] - M[0]))
    xbar = xb[1:] - xa[1:]
    den = xbar @ (H @ np.linalg.inv(Dn)) @ xbar
    beta = 1 / np.sum((xb - xa) ** 2 / (ref.RK * T * M * xa))
    return {'x_alpha': xa[1:], 'x_beta': xb[1:], 'mc': 1 / den, 'dc': (np.linalg.inv(Dn) @ xbar) / den, 'beta': beta}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--spec-dir', default='/work/shared/spec')
    ap.add_argument('--thermo', default=os.path.join(REPO, 'tests', 'fixtures', 'kawin', 'thermo.json'))
    ap.add_argument('--r-tdb', type=float, default=None,
                    help='override the gas constant used inside the TDB MQ expressions (spec: 8.31451)')
    args = ap.parse_args()
    ref = load_reference(args.spec_dir)
    if args.r_tdb is not None:
        ref.RTDB = args.r_tdb
    print('closed form with R inside MQ expressions = %r' % ref.RTDB)
    data = json.load(open(args.thermo))
    print('kawin %s, pycalphad %s' % (data['kawin_version'], data['pycalphad_version']))

    w = Worst()
    absdg = 0.0
    for i, r in enumerate(data['driving_force']):
        xs = [r['x_mg'], r['x_si']]
        for name, d in r['phases'].items():
            dg, xb = ref.driving_force(xs, r['temperature_k'], name)
            absdg = max(absdg, abs(dg - d['driving_force_j_per_mol']))
            w.add('driving_force', rel(dg, d['driving_force_j_per_mol']), (i, name))
            w.add('precipitate_composition', rel(xb[1:], d['precipitate_composition']), (i, name))
    w.report('Driving force (%d points), closed form vs kawin; max abs diff %.3e J/mol'
             % (len(data['driving_force']), absdg))
    p0 = data['driving_force'][0]
    print('  spec point %.2f K %s %s: %s' % (p0['temperature_k'], p0['x_mg'], p0['x_si'], ', '.join(
        '%s %.6f' % (n, d['driving_force_j_per_mol']) for n, d in p0['phases'].items())))

    counts = {'supersaturated': 0, 'not': 0, 'first_none': 0, 'cached_none': 0, 'nosd_none': 0}
    for kind, goff_of in (('first', lambda dg: 1.0), ('cached', lambda dg: 0.0 if dg > 0 else 1.0)):
        w = Worst()
        for i, r in enumerate(data['curvature']):
            xs = [r['x_mg'], r['x_si']]
            T = r['temperature_k']
            for name, d in r['phases'].items():
                rec = d[kind]
                dg = d['driving_force_j_per_mol']
                if kind == 'first':
                    counts['supersaturated' if dg > 1 else 'not'] += 1
                    counts['nosd_none'] += d['first_no_search_dir'].get('result', 0) is None
                if 'mc' not in rec:
                    counts[kind + '_none'] += 1
                    continue
                tag = 'supersat' if dg > 1 else 'undersat'
                s = spec_curvature(ref, xs, T, name, goff_of(dg))
                for key in ('x_alpha', 'mc', 'dc', 'beta'):
                    w.add('%s %s' % (tag, key), rel(s[key], rec[key]), (i, name))
                gba = np.abs(np.asarray(rec['gba'], float)).max()
                w.add('%s |gba| (abs)' % tag, gba, (i, name))
        w.report('Curvature "%s" vs closed form (goff %s)' % (
            kind, '1' if kind == 'first' else '0 if dG > 0 else 1'))
    print('  phase-points: %d supersaturated (dG > 1 J/mol), %d not; None results: first %d, cached %d, '
          'first without searchDir %d' % (counts['supersaturated'], counts['not'], counts['first_none'],
                                          counts['cached_none'], counts['nosd_none']))

    g = data['growth']
    xs = np.array([g['x_mg'], g['x_si']])
    print('Growth at %.2f K, R = %s' % (g['temperature_k'], g['radii_m']))
    for name, d in g['phases'].items():
        for kind in ('first', 'cached'):
            rec = d[kind]
            s = spec_curvature(ref, xs, g['temperature_k'], name, 1.0 if kind == 'first' else 0.0)
            rdiff = d['driving_force_j_per_mol'] - np.asarray(d['gextra_j_per_mol'])
            v = s['mc'] / np.asarray(g['radii_m']) * rdiff
            ca = np.clip(xs[None, :] - np.outer(rdiff, s['dc']), 0, 1)
            print('  %-12s %-6s v(kawin) %s | rel diff v %.2e, c_alpha %.2e, c_beta-x_beta %.1e' % (
                name, kind, ' '.join('%.5e' % x for x in rec['growth_rate']), rel(v, rec['growth_rate']),
                rel(ca, rec['c_alpha']), np.abs(np.asarray(rec['c_beta']) - s['x_beta'][None, :]).max()))


if __name__ == '__main__':
    main()
