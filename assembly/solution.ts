// The matrix solution (thermo.md §3.1-§3.2): GM, chemical potentials and the Hessian of GM
// at a composition held in the thermodynamics block (thermo-block.ts).
import { log } from './math';
import { THERMO_G0, THERMO_TERMS, blockValue, blockIndex, minSiteFraction, elementCount, powOrZero, rt, setBlockValue, terms } from './thermo-block';

/** GM in J/mol of atoms at x (block offset). */
function solutionGibbs(x: i32): f64 {
  let gm: f64 = 0;
  for (let i = 0; i < elementCount; i++) {
    const xi = blockValue(x + i);
    gm += xi * blockValue(THERMO_G0 + i);
    if (xi > 1e-15) gm += rt * xi * log(xi);
  }
  for (let k = 0; k < terms; k++) {
    const t = THERMO_TERMS + 4 * k;
    const xi = blockValue(x + blockIndex(t));
    const xj = blockValue(x + blockIndex(t + 1));
    gm += blockValue(t + 3) * xi * xj * powOrZero(xi - xj, blockValue(t + 2));
  }
  return gm;
}

/** μ_m = GM + ∂GM/∂x_m − Σ_j x_j ∂GM/∂x_j at x (block offset) into grad and mu, x ≥ 1e-14 as pycalphad clamps it. */
export function potentials(x: i32, grad: i32, mu: i32): void {
  // logarithms of max(x, 1e-14), as pycalphad clamps site fractions
  for (let i = 0; i < elementCount; i++) setBlockValue(grad + i, blockValue(THERMO_G0 + i) + rt * (log(Math.max(blockValue(x + i), minSiteFraction)) + 1));
  if (terms == 0) {
    for (let i = 0; i < elementCount; i++) setBlockValue(mu + i, blockValue(grad + i) - rt);
    return;
  }
  for (let k = 0; k < terms; k++) {
    const t = THERMO_TERMS + 4 * k;
    const i = blockIndex(t);
    const j = blockIndex(t + 1);
    const order = blockValue(t + 2);
    const l = blockValue(t + 3);
    const xi = blockValue(x + i);
    const xj = blockValue(x + j);
    const d = xi - xj;
    const dk = powOrZero(d, order);
    const dk1 = order * powOrZero(d, order - 1);
    setBlockValue(grad + i, blockValue(grad + i) + l * (xj * dk + xi * xj * dk1));
    setBlockValue(grad + j, blockValue(grad + j) + l * (xi * dk - xi * xj * dk1));
  }
  const gm = solutionGibbs(x);
  let sum: f64 = 0;
  for (let j = 0; j < elementCount; j++) sum += blockValue(x + j) * blockValue(grad + j);
  for (let k = 0; k < elementCount; k++) setBlockValue(mu + k, gm + blockValue(grad + k) - sum);
}

/** The full Hessian g''_ij of GM in the mole fractions taken as independent, row-major n×n, at x into out. */
export function hessian(x: i32, out: i32): void {
  for (let k = 0; k < elementCount * elementCount; k++) setBlockValue(out + k, 0);
  for (let i = 0; i < elementCount; i++) setBlockValue(out + i * elementCount + i, rt / Math.max(blockValue(x + i), minSiteFraction));
  for (let k = 0; k < terms; k++) {
    const t = THERMO_TERMS + 4 * k;
    const i = blockIndex(t);
    const j = blockIndex(t + 1);
    const o = blockValue(t + 2);
    const l = blockValue(t + 3);
    const xi = blockValue(x + i);
    const xj = blockValue(x + j);
    const d = xi - xj;
    const t1 = o * powOrZero(d, o - 1);
    const t2 = o * (o - 1) * xi * xj * powOrZero(d, o - 2);
    setBlockValue(out + i * elementCount + i, blockValue(out + i * elementCount + i) + l * (2 * xj * t1 + t2));
    setBlockValue(out + j * elementCount + j, blockValue(out + j * elementCount + j) + l * (-2 * xi * t1 + t2));
    const cross = l * ((1 + o) * powOrZero(d, o) - t2);
    setBlockValue(out + i * elementCount + j, blockValue(out + i * elementCount + j) + cross);
    setBlockValue(out + j * elementCount + i, blockValue(out + j * elementCount + i) + cross);
  }
}

