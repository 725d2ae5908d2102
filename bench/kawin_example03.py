"""Times one kawin 0.5.0 run of example 03 with the oracle's set-up (tools/reference/simulate.py).

Run with the oracle's virtualenv: tools/reference/.venv/bin/python bench/kawin_example03.py
Prints {"seconds": ..., "steps": ...} as JSON.
"""
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'tools', 'reference'))

import simulate  # noqa: E402  the oracle's model set-up
from kawin.solver import explicitEulerIterator  # noqa: E402

with open(os.path.join(HERE, '..', 'tools', 'reference', 'cases', 'example03.json')) as f:
    request = json.load(f)
model, _ = simulate.build_model(request, simulate.DEFAULT_TDB)
started = time.perf_counter()
model.solve(float(request['simulation_time_hours']) * 3600, iterator=explicitEulerIterator, verbose=False)
print(json.dumps({'seconds': time.perf_counter() - started, 'steps': int(model.data.n)}))
