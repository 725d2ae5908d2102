#!/usr/bin/env python3
"""Writes the full sequence of kawin's recorded times for each simulated case, so that tests can replay
kawin's exact step sizes through our engine (tests/fixtures/kawin/steps-<case>.json).

    tools/reference/.venv/bin/python tools/reference/export_steps.py [case ...]

Reads tools/reference/runs/<case>.npz, which simulate.py leaves behind.
"""
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RUNS = os.path.join(HERE, 'runs')
FIXTURES = os.path.join(HERE, '..', '..', 'tests', 'fixtures', 'kawin')


def export(case):
    data = np.load(os.path.join(RUNS, case + '.npz'))
    times = [float(t) for t in data['time']]
    out = os.path.join(FIXTURES, 'steps-%s.json' % case)
    with open(out, 'w') as f:
        json.dump({'case': case, 'time_s': times}, f, separators=(',', ':'))
        f.write('\n')
    print('%s: %d records -> %s' % (case, len(times), out))


if __name__ == '__main__':
    cases = sys.argv[1:] or sorted(n[:-4] for n in os.listdir(RUNS) if n.endswith('.npz'))
    for name in cases:
        export(name)
