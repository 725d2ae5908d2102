// The composition-dependent thermodynamics of a step (thermo.md §3-§5): the matrix's chemical potentials,
// the tie-line with a line compound and the curvature factors there. Op for op the host's
// src/thermo/solution.ts, equilibrium.ts, mobility.ts and curvature.ts (same IEEE operations in the same
// order, same exp/log/pow), so the same bits; the host evaluates everything that depends on T alone and
// writes it into the block (thermo-block.ts) when the temperature changes.
import { curvatureAtAlpha } from './curvature';
import { exp, log } from './math';
import { hessian, potentials } from './solution';
import {
  S_DIRECTION, S_GRAD, S_HESSIAN, S_MU, T_GRAD, T_MU, T_TRIAL, T_X, T_XB, T_X_ALPHA, g, n, rt, s, terms,
} from './thermo-block';

export { thermoBlock, thermoSystem, thermoTemperature } from './thermo-block';

/** μ of the matrix at X into MU (and ∂GM/∂x into GRAD). */
export function chemicalPotentials(): void {
  potentials(T_X, T_GRAD, T_MU);
}

/** ΔG = Σ x^β_i μ_i − G^β over `elements`, x^β = XB and μ at offset `mu` of the block (thermo.md §3.3). */
export function drivingForce(gibbsBeta: f64, mu: i32, elements: i32): f64 {
  let sum: f64 = 0;
  for (let i = 0; i < elements; i++) if (g(T_XB + i) > 0) sum += g(T_XB + i) * g(mu + i);
  return sum - gibbsBeta;
}

/** drivingForce with the x^β and μ the host wrote at XB and MU (src/thermo's drivingForce). */
export function drivingForceAtMu(gibbsBeta: f64, elements: i32): f64 {
  return drivingForce(gibbsBeta, T_MU, elements);
}

function fillAlpha(u: f64, lambdaMax: f64, limiting: i32): f64 {
  const gap = exp(u);
  const lambda = lambdaMax - gap;
  for (let i = 0; i < n; i++) {
    const d = g(S_DIRECTION + i);
    s(T_TRIAL + i, i == limiting ? gap * -d : g(T_XB + i) + lambda * d);
  }
  return gap;
}

function tieResidual(gibbsBeta: f64, offset: f64): f64 {
  potentials(T_TRIAL, S_GRAD, S_MU);
  return drivingForce(gibbsBeta, S_MU, n) - offset;
}

function tieSlope(): f64 {
  if (terms == 0) {
    let total: f64 = 0;
    for (let i = 0; i < n; i++)
      if (g(T_XB + i) != 0) total += (g(T_XB + i) * g(S_DIRECTION + i)) / g(T_TRIAL + i);
    return rt * total;
  }
  hessian(T_TRIAL, S_HESSIAN);
  for (let j = 0; j < n; j++) {
    let sum: f64 = 0;
    for (let k = 0; k < n; k++) sum += g(T_TRIAL + k) * g(S_HESSIAN + j * n + k);
    s(S_GRAD + j, sum);
  }
  let total: f64 = 0;
  for (let i = 0; i < n; i++) {
    if (g(T_XB + i) == 0) continue;
    let row: f64 = 0;
    for (let j = 0; j < n; j++) row += (g(S_HESSIAN + i * n + j) - g(S_GRAD + j)) * g(S_DIRECTION + j);
    total += g(T_XB + i) * row;
  }
  return total;
}

/** The host's solveTieLine (equilibrium.ts) with x = X, x^β = XB; x^α into TRIAL. λ, or NaN. */
function solveTieLine(gibbsBeta: f64, offset: f64, lambdaGuess: f64): f64 {
  let lambdaMax: f64 = Infinity;
  let limiting = -1;
  for (let i = 0; i < n; i++) {
    const d = g(T_X + i) - g(T_XB + i);
    s(S_DIRECTION + i, d);
    if (d < 0 && g(T_XB + i) / -d < lambdaMax) {
      lambdaMax = g(T_XB + i) / -d;
      limiting = i;
    }
  }
  if (limiting < 0) return NaN;
  const warm = lambdaGuess > 0 && lambdaGuess < lambdaMax;
  const uTop = log(lambdaMax);
  let uHigh = uTop;
  let uLow = uTop - 80;
  if (!warm) {
    fillAlpha(uHigh, lambdaMax, limiting);
    if (!(tieResidual(gibbsBeta, offset) > 0)) return NaN;
    fillAlpha(uLow, lambdaMax, limiting);
    if (!(tieResidual(gibbsBeta, offset) < 0)) return NaN;
  }
  let u = log(lambdaMax - (warm ? lambdaGuess : lambdaMax > 1 ? 1 : 0.5 * lambdaMax));
  for (let iteration = 0; iteration < 100; iteration++) {
    const gap = fillAlpha(u, lambdaMax, limiting);
    const h = tieResidual(gibbsBeta, offset);
    if (h == 0) return lambdaMax - gap;
    if (h > 0) uHigh = u;
    else uLow = u;
    let next = u + h / (tieSlope() * gap);
    const newton = next > uLow && next < uHigh;
    if (!newton) next = 0.5 * (uLow + uHigh);
    const converged =
      (newton && Math.abs(next - u) <= 1e-7 * Math.max(1, Math.abs(u))) || uHigh - uLow <= 1e-15 * Math.abs(u);
    u = next;
    if (converged) return lambdaMax - fillAlpha(u, lambdaMax, limiting);
  }
  return warm ? solveTieLine(gibbsBeta, offset, NaN) : NaN;
}

/**
 * Tie-line at X with the compound XB (Gibbs energy `gibbsBeta`, offset `offset`, starting from
 * `lambdaGuess`), then the curvature factors at x^α: the host's PhaseKinetics.update. Returns λ, or NaN
 * (no tie-line: only TRIAL changed).
 */
export function kinetics(gibbsBeta: f64, offset: f64, lambdaGuess: f64): f64 {
  const lambda = solveTieLine(gibbsBeta, offset, lambdaGuess);
  if (lambda != lambda) return lambda;
  for (let i = 0; i < n; i++) s(T_X_ALPHA + i, g(T_TRIAL + i));
  curvatureAtAlpha();
  return lambda;
}
