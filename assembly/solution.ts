// The matrix solution (src/thermo/solution.ts, op for op): GM, chemical potentials and the Hessian of GM
// at a composition held in the thermodynamics block (thermo-block.ts).
import { log } from './math';
import { T_G0, T_TERMS, g, gi, minSiteFraction, n, powOrZero, rt, s, terms } from './thermo-block';

/** The host's solutionGibbs. */
function solutionGibbs(x: i32): f64 {
  let gm: f64 = 0;
  for (let i = 0; i < n; i++) {
    const xi = g(x + i);
    gm += xi * g(T_G0 + i);
    if (xi > 1e-15) gm += rt * xi * log(xi);
  }
  for (let k = 0; k < terms; k++) {
    const t = T_TERMS + 4 * k;
    const xi = g(x + gi(t));
    const xj = g(x + gi(t + 1));
    gm += g(t + 3) * xi * xj * powOrZero(xi - xj, g(t + 2));
  }
  return gm;
}

/** The host's solutionChemicalPotentials at x (block offset) into grad and mu. */
export function potentials(x: i32, grad: i32, mu: i32): void {
  // logarithms of max(x, 1e-14), as pycalphad clamps site fractions
  for (let i = 0; i < n; i++) s(grad + i, g(T_G0 + i) + rt * (log(Math.max(g(x + i), minSiteFraction)) + 1));
  if (terms == 0) {
    for (let i = 0; i < n; i++) s(mu + i, g(grad + i) - rt);
    return;
  }
  for (let k = 0; k < terms; k++) {
    const t = T_TERMS + 4 * k;
    const i = gi(t);
    const j = gi(t + 1);
    const order = g(t + 2);
    const l = g(t + 3);
    const xi = g(x + i);
    const xj = g(x + j);
    const d = xi - xj;
    const dk = powOrZero(d, order);
    const dk1 = order * powOrZero(d, order - 1);
    s(grad + i, g(grad + i) + l * (xj * dk + xi * xj * dk1));
    s(grad + j, g(grad + j) + l * (xi * dk - xi * xj * dk1));
  }
  const gm = solutionGibbs(x);
  let sum: f64 = 0;
  for (let j = 0; j < n; j++) sum += g(x + j) * g(grad + j);
  for (let k = 0; k < n; k++) s(mu + k, gm + g(grad + k) - sum);
}

/** The host's solutionHessian. */
export function hessian(x: i32, out: i32): void {
  for (let k = 0; k < n * n; k++) s(out + k, 0);
  for (let i = 0; i < n; i++) s(out + i * n + i, rt / Math.max(g(x + i), minSiteFraction));
  for (let k = 0; k < terms; k++) {
    const t = T_TERMS + 4 * k;
    const i = gi(t);
    const j = gi(t + 1);
    const o = g(t + 2);
    const l = g(t + 3);
    const xi = g(x + i);
    const xj = g(x + j);
    const d = xi - xj;
    const t1 = o * powOrZero(d, o - 1);
    const t2 = o * (o - 1) * xi * xj * powOrZero(d, o - 2);
    s(out + i * n + i, g(out + i * n + i) + l * (2 * xj * t1 + t2));
    s(out + j * n + j, g(out + j * n + j) + l * (-2 * xi * t1 + t2));
    const cross = l * ((1 + o) * powOrZero(d, o) - t2);
    s(out + i * n + j, g(out + i * n + j) + cross);
    s(out + j * n + i, g(out + j * n + i) + cross);
  }
}

