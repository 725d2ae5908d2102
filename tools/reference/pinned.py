"""Pins what makes pycalphad/kawin results vary from run to run. Import it before numpy, pycalphad or kawin.

pycalphad/kawin results depend (in the last digits, and through the KWN time stepping also visibly) on
Python's string-hash randomisation, so the importing script re-executes itself once with
PYTHONHASHSEED=0; BLAS threads are pinned to one so that reductions sum in a fixed order.
"""
import os
import sys

HASH_SEED = '0'

for _var in ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS'):
    os.environ.setdefault(_var, '1')
if os.environ.get('PYTHONHASHSEED') != HASH_SEED:
    os.environ['PYTHONHASHSEED'] = HASH_SEED
    os.execv(sys.executable, [sys.executable] + sys.argv)
