// A substitutional solution phase (the matrix, e.g. FCC_A1 (AL,MG,SI)1(VA)1) with Redlich-Kister
// binary excess terms, per mole of atoms (thermo.md §2.1): its coefficients at a temperature. GM, the
// chemical potentials and the Hessian at a composition are the kernel module's (assembly/solution.ts).
import { R_PYCALPHAD } from './constants.js';
import type { Evaluator } from './tdb/compile-expr.js';

/** One binary Redlich-Kister term L_k·x_i·x_j·(x_i − x_j)^k; i < j in alphabetical order. */
export interface BinaryTerm {
  i: number;
  j: number;
  order: number;
  perAtom: Evaluator;
}

export interface SolutionModel {
  name: string;
  /** Endmember energy of each element, J per mole of atoms, as a function of T. */
  endmembers: Evaluator[];
  binaries: BinaryTerm[];
}

/** Temperature-dependent coefficients of a solution phase, evaluated once per temperature. */
export interface SolutionAtT {
  temperatureK: number;
  rt: number;
  g0: Float64Array;
  /** The binary terms whose value is not zero at this temperature (undefined LDF functions give 0). */
  active: { i: number; j: number; order: number; l: number }[];
}

/** One binary term that is not zero at a temperature, with its value L there. */
class ActiveTerm {
  constructor(
    readonly i: number,
    readonly j: number,
    readonly order: number,
    readonly l: number,
  ) {}
}

// Classes, not object literals: measured in Node 20, the second temperature's literal objects (a ramp's
// first step) made V8 throw away the optimized code that had read the first temperature's.
class SolutionStateAtT implements SolutionAtT {
  constructor(
    readonly temperatureK: number,
    readonly rt: number,
    readonly g0: Float64Array,
    readonly active: ActiveTerm[],
  ) {}
}

export function solutionAtT(model: SolutionModel, temperatureK: number): SolutionAtT {
  const g0 = new Float64Array(model.endmembers.length);
  for (let i = 0; i < g0.length; i++) g0[i] = model.endmembers[i](temperatureK);
  const active: ActiveTerm[] = [];
  for (const b of model.binaries) {
    const l = b.perAtom(temperatureK);
    if (l !== 0) active.push(new ActiveTerm(b.i, b.j, b.order, l));
  }
  return new SolutionStateAtT(temperatureK, R_PYCALPHAD * temperatureK, g0, active);
}
