// Driving force by the tangent method and the matrix/precipitate tie-line (thermo.md §3.3, §4 step 1).
import type { CompoundModel } from './system.js';
import { solutionChemicalPotentials, solutionHessian, type SolutionAtT } from './solution.js';
import { exp, log } from './math.js';

/** ΔG = Σ_i x^β_i μ_i^matrix − GM_β, J per mole of atoms of precipitate; > 0 favours precipitation. */
export function drivingForce(
  compositionBeta: Float64Array,
  gibbsBeta: number,
  mu: ArrayLike<number>,
): number {
  let s = 0;
  for (let i = 0; i < compositionBeta.length; i++)
    if (compositionBeta[i] > 0) s += compositionBeta[i] * mu[i];
  return s - gibbsBeta;
}

export interface TieLineScratch {
  grad: Float64Array;
  mu: Float64Array;
  hessian: Float64Array;
  direction: Float64Array;
  /** The two starting logarithms of a solve (see solveTieLine). */
  logs: Float64Array;
}

export function tieLineScratch(elementCount: number): TieLineScratch {
  return {
    grad: new Float64Array(elementCount),
    mu: new Float64Array(elementCount),
    hessian: new Float64Array(elementCount * elementCount),
    direction: new Float64Array(elementCount),
    logs: new Float64Array(2),
  };
}

/** Fills x^α for u = ln(λmax − λ); the limiting element is e^u·|d| (no cancellation). Returns e^u. */
function fillAlpha(
  u: number,
  lambdaMax: number,
  limiting: number,
  xb: Float64Array,
  d: Float64Array,
  xAlpha: Float64Array,
): number {
  const gap = exp(u);
  const lambda = lambdaMax - gap;
  for (let i = 0; i < xb.length; i++) xAlpha[i] = i === limiting ? gap * -d[i] : xb[i] + lambda * d[i];
  return gap;
}

function tieResidual(
  matrix: SolutionAtT,
  xb: Float64Array,
  gibbsBeta: number,
  offset: number,
  xAlpha: Float64Array,
  s: TieLineScratch,
): number {
  solutionChemicalPotentials(matrix, xAlpha, s.grad, s.mu);
  return drivingForce(xb, gibbsBeta, s.mu) - offset;
}

/** dh/dλ = Σ_i x^β_i Σ_j P_ij d_j with P_ij = (e_i − x)ᵀ g'' (e_j − x) at x^α (Σ d = 0). */
function tieSlope(matrix: SolutionAtT, xb: Float64Array, xAlpha: Float64Array, s: TieLineScratch): number {
  const n = xb.length;
  const d = s.direction;
  if (matrix.active.length === 0) {
    // Ideal solution: P_ij = RT (δ_ij / x_i − 1), so Σ_j P_ij d_j = RT d_i / x_i.
    let total = 0;
    for (let i = 0; i < n; i++) if (xb[i] !== 0) total += (xb[i] * d[i]) / xAlpha[i];
    return matrix.rt * total;
  }
  const g = s.hessian;
  solutionHessian(matrix, xAlpha, g);
  const weighted = s.grad; // reused: Σ_k x_k g''_jk for each j
  for (let j = 0; j < n; j++) {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += xAlpha[k] * g[j * n + k];
    weighted[j] = sum;
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (xb[i] === 0) continue;
    let row = 0;
    for (let j = 0; j < n; j++) row += (g[i * n + j] - weighted[j]) * d[j];
    total += xb[i] * row;
  }
  return total;
}

/**
 * Finds the matrix composition x^α of the two-phase equilibrium between the matrix and a line compound
 * at overall composition x: x^α = x^β + λ(x − x^β) with Σ x^β_i μ_i(x^α) = GM_β + gOffset.
 * Writes x^α into `xAlpha` and returns λ, or NaN when no such equilibrium exists.
 *
 * The unknown is u = ln(λmax − λ), where λmax empties the first element the compound needs: the residual
 * is then nearly linear in u (that element's μ ~ RT ln x), Newton needs no damping, and that element's
 * fraction is computed without cancellation. `lambdaGuess` (e.g. the previous step's λ) only speeds it up.
 */
export function solveTieLine(
  matrix: SolutionAtT,
  compound: CompoundModel,
  gibbsBeta: number,
  x: ArrayLike<number>,
  gOffsetJPerMol: number,
  xAlpha: Float64Array,
  scratch: TieLineScratch,
  lambdaGuess = NaN,
): number {
  const xb = compound.composition;
  const n = xb.length;
  const d = scratch.direction;
  let lambdaMax = Infinity;
  let limiting = -1;
  for (let i = 0; i < n; i++) {
    d[i] = x[i] - xb[i];
    if (d[i] < 0 && xb[i] / -d[i] < lambdaMax) {
      lambdaMax = xb[i] / -d[i];
      limiting = i;
    }
  }
  if (limiting < 0) return NaN; // x is richer than the compound in every element: no tie-line
  // h rises with u (λ falls). u = ln λmax is λ = 0 (x^α = x^β); u → −∞ empties the limiting element.
  const warm = lambdaGuess > 0 && lambdaGuess < lambdaMax;
  // The logarithms go through a Float64Array: taken as returned, they made V8 keep u, uLow and uHigh as
  // heap numbers, one new object per assignment (measured in Node 20: 160 -> 64 bytes per solve).
  const logs = scratch.logs;
  logs[0] = log(lambdaMax);
  const uTop = logs[0];
  let uHigh = uTop;
  let uLow = uTop - 80;
  if (!warm) {
    fillAlpha(uHigh, lambdaMax, limiting, xb, d, xAlpha);
    if (!(tieResidual(matrix, xb, gibbsBeta, gOffsetJPerMol, xAlpha, scratch) > 0)) return NaN; // never stable here
    fillAlpha(uLow, lambdaMax, limiting, xb, d, xAlpha);
    if (!(tieResidual(matrix, xb, gibbsBeta, gOffsetJPerMol, xAlpha, scratch) < 0)) return NaN;
  }
  logs[1] = log(lambdaMax - (warm ? lambdaGuess : lambdaMax > 1 ? 1 : 0.5 * lambdaMax));
  let u = logs[1];
  for (let iteration = 0; iteration < 100; iteration++) {
    const gap = fillAlpha(u, lambdaMax, limiting, xb, d, xAlpha);
    const h = tieResidual(matrix, xb, gibbsBeta, gOffsetJPerMol, xAlpha, scratch);
    if (h === 0) return lambdaMax - gap;
    if (h > 0) uHigh = u;
    else uLow = u;
    let next = u + h / (tieSlope(matrix, xb, xAlpha, scratch) * gap);
    const newton = next > uLow && next < uHigh;
    if (!newton) next = 0.5 * (uLow + uHigh);
    // h is nearly linear in u: after a Newton step this small the error is ~1e-15 (quadratic convergence)
    const converged =
      (newton && Math.abs(next - u) <= 1e-7 * Math.max(1, Math.abs(u))) ||
      uHigh - uLow <= 1e-15 * Math.abs(u);
    u = next;
    if (converged) return lambdaMax - fillAlpha(u, lambdaMax, limiting, xb, d, xAlpha);
  }
  // Only a warm start can get here (no root on this line): decide properly from a cold start.
  return warm ? solveTieLine(matrix, compound, gibbsBeta, x, gOffsetJPerMol, xAlpha, scratch) : NaN;
}
