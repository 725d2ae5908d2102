// A substitutional solution phase (the matrix, e.g. FCC_A1 (AL,MG,SI)1(VA)1) with Redlich-Kister
// binary excess terms, per mole of atoms (thermo.md §2.1, §3.1, §3.2).
import { MIN_SITE_FRACTION, R_PYCALPHAD } from './constants.js';
import type { Evaluator } from './tdb/compile-expr.js';
import { log, pow } from './math.js';

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

const powOrZero = (d: number, k: number) => (k < 0 ? 0 : k === 0 ? 1 : pow(d, k));

/** GM in J/mol of atoms; `x` holds every element's mole fraction. */
export function solutionGibbs(at: SolutionAtT, x: ArrayLike<number>): number {
  let g = 0;
  for (let i = 0; i < x.length; i++) {
    g += x[i] * at.g0[i];
    if (x[i] > 1e-15) g += at.rt * x[i] * log(x[i]);
  }
  for (const b of at.active) g += b.l * x[b.i] * x[b.j] * powOrZero(x[b.i] - x[b.j], b.order);
  return g;
}

/** Chemical potentials μ_m = GM + ∂GM/∂x_m − Σ_j x_j ∂GM/∂x_j, with x ≥ 1e-14 as pycalphad clamps it. */
export function solutionChemicalPotentials(
  at: SolutionAtT,
  x: ArrayLike<number>,
  grad: Float64Array,
  mu: Float64Array,
): void {
  const n = x.length;
  for (let i = 0; i < n; i++) grad[i] = at.g0[i] + at.rt * (log(Math.max(x[i], MIN_SITE_FRACTION)) + 1);
  if (at.active.length === 0) {
    // Ideal solution: the closed form μ_i = °G_i + RT ln x_i, identical to the general expression.
    for (let i = 0; i < n; i++) mu[i] = grad[i] - at.rt;
    return;
  }
  for (const b of at.active) {
    const xi = x[b.i];
    const xj = x[b.j];
    const d = xi - xj;
    const dk = powOrZero(d, b.order);
    const dk1 = b.order * powOrZero(d, b.order - 1);
    grad[b.i] += b.l * (xj * dk + xi * xj * dk1);
    grad[b.j] += b.l * (xi * dk - xi * xj * dk1);
  }
  const gm = solutionGibbs(at, x);
  let s = 0;
  for (let j = 0; j < n; j++) s += x[j] * grad[j];
  for (let m = 0; m < n; m++) mu[m] = gm + grad[m] - s;
}

/** Full Hessian g''_ij of GM in the mole fractions taken as independent, row-major n×n. */
export function solutionHessian(at: SolutionAtT, x: ArrayLike<number>, out: Float64Array): void {
  const n = x.length;
  out.fill(0);
  for (let i = 0; i < n; i++) out[i * n + i] = at.rt / Math.max(x[i], MIN_SITE_FRACTION);
  for (const b of at.active) {
    const l = b.l;
    const xi = x[b.i];
    const xj = x[b.j];
    const d = xi - xj;
    const o = b.order;
    const t1 = o * powOrZero(d, o - 1);
    const t2 = o * (o - 1) * xi * xj * powOrZero(d, o - 2);
    out[b.i * n + b.i] += l * (2 * xj * t1 + t2);
    out[b.j * n + b.j] += l * (-2 * xi * t1 + t2);
    const cross = l * ((1 + o) * powOrZero(d, o) - t2);
    out[b.i * n + b.j] += cross;
    out[b.j * n + b.i] += cross;
  }
}
