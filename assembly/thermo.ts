// The composition-dependent thermodynamics of a step (thermo.md §3-§5): the matrix's chemical potentials,
// the tie-line with a line compound and the curvature factors there (the only implementation: runs and
// src/thermo's facade both call it); the host evaluates everything that depends on T alone and
// writes it into the block (thermo-block.ts) when the temperature changes.
import { curvatureAtAlpha } from './curvature';
import { exp, log } from './math';
import { hessian, potentials } from './solution';
import {
  TIE_LINE_DIRECTION, TIE_LINE_GRAD, TIE_LINE_HESSIAN, TIE_LINE_MU, THERMO_GRAD, THERMO_MU, THERMO_TRIAL, THERMO_X, THERMO_XB, THERMO_X_ALPHA, blockValue, elementCount, rt, setBlockValue, terms,
} from './thermo-block';

export { thermoBlock, thermoSystem, thermoTemperature } from './thermo-block';

/** μ of the matrix at X into MU (and ∂GM/∂x into GRAD). */
export function chemicalPotentials(): void {
  potentials(THERMO_X, THERMO_GRAD, THERMO_MU);
}

/** ΔG = Σ x^β_i μ_i − G^β over `elements`, x^β = XB and μ at offset `mu` of the block (thermo.md §3.3). */
export function drivingForce(gibbsBeta: f64, mu: i32, elements: i32): f64 {
  let sum: f64 = 0;
  for (let i = 0; i < elements; i++) if (blockValue(THERMO_XB + i) > 0) sum += blockValue(THERMO_XB + i) * blockValue(mu + i);
  return sum - gibbsBeta;
}

/** drivingForce with the x^β and μ the host wrote at XB and MU (src/thermo's drivingForce). */
export function drivingForceAtMu(gibbsBeta: f64, elements: i32): f64 {
  return drivingForce(gibbsBeta, THERMO_MU, elements);
}

function fillAlpha(u: f64, lambdaMax: f64, limiting: i32): f64 {
  const gap = exp(u);
  const lambda = lambdaMax - gap;
  for (let i = 0; i < elementCount; i++) {
    const d = blockValue(TIE_LINE_DIRECTION + i);
    setBlockValue(THERMO_TRIAL + i, i == limiting ? gap * -d : blockValue(THERMO_XB + i) + lambda * d);
  }
  return gap;
}

function tieResidual(gibbsBeta: f64, offset: f64): f64 {
  potentials(THERMO_TRIAL, TIE_LINE_GRAD, TIE_LINE_MU);
  return drivingForce(gibbsBeta, TIE_LINE_MU, elementCount) - offset;
}

function tieSlope(): f64 {
  if (terms == 0) {
    let total: f64 = 0;
    for (let i = 0; i < elementCount; i++)
      if (blockValue(THERMO_XB + i) != 0) total += (blockValue(THERMO_XB + i) * blockValue(TIE_LINE_DIRECTION + i)) / blockValue(THERMO_TRIAL + i);
    return rt * total;
  }
  hessian(THERMO_TRIAL, TIE_LINE_HESSIAN);
  for (let j = 0; j < elementCount; j++) {
    let sum: f64 = 0;
    for (let k = 0; k < elementCount; k++) sum += blockValue(THERMO_TRIAL + k) * blockValue(TIE_LINE_HESSIAN + j * elementCount + k);
    setBlockValue(TIE_LINE_GRAD + j, sum);
  }
  let total: f64 = 0;
  for (let i = 0; i < elementCount; i++) {
    if (blockValue(THERMO_XB + i) == 0) continue;
    let row: f64 = 0;
    for (let j = 0; j < elementCount; j++) row += (blockValue(TIE_LINE_HESSIAN + i * elementCount + j) - blockValue(TIE_LINE_GRAD + j)) * blockValue(TIE_LINE_DIRECTION + j);
    total += blockValue(THERMO_XB + i) * row;
  }
  return total;
}

/**
 * The matrix composition x^α of the two-phase equilibrium between the matrix and a line compound at
 * overall composition x = X, x^β = XB: x^α = x^β + λ(x − x^β) with Σ x^β_i μ_i(x^α) = G^β + offset; x^α
 * into TRIAL, returns λ or NaN. The unknown is u = ln(λmax − λ), where λmax empties the first element the
 * compound needs: the residual is then nearly linear in u, Newton needs no damping, and that element's
 * fraction is computed without cancellation. A warm start (λ of the last step) only speeds it up.
 */
function solveTieLine(gibbsBeta: f64, offset: f64, lambdaGuess: f64): f64 {
  let lambdaMax: f64 = Infinity;
  let limiting = -1;
  for (let i = 0; i < elementCount; i++) {
    const d = blockValue(THERMO_X + i) - blockValue(THERMO_XB + i);
    setBlockValue(TIE_LINE_DIRECTION + i, d);
    if (d < 0 && blockValue(THERMO_XB + i) / -d < lambdaMax) {
      lambdaMax = blockValue(THERMO_XB + i) / -d;
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
 * `lambdaGuess`), then the curvature factors at x^α (src/thermo's PhaseKinetics.update). Returns λ, or NaN
 * (no tie-line: only TRIAL changed).
 */
export function kinetics(gibbsBeta: f64, offset: f64, lambdaGuess: f64): f64 {
  const lambda = solveTieLine(gibbsBeta, offset, lambdaGuess);
  if (lambda != lambda) return lambda;
  for (let i = 0; i < elementCount; i++) setBlockValue(THERMO_X_ALPHA + i, blockValue(THERMO_TRIAL + i));
  curvatureAtAlpha();
  return lambda;
}
