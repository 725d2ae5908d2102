// Curvature factors and the impingement diffusion factor at the tie-line matrix composition x^α
// (thermo.md §4 step 2, §5): the host's src/thermo/curvature.ts and mobility.ts, op for op.
import { exp, pow } from './math';
import { hessian } from './solution';
import {
  C_CHEMICAL, C_DIFFUSIVITY, C_HESSIAN, C_HESSIAN_REF, C_MOBILITY, C_ROW_DOT, C_SOLVED, C_TRACER, C_WORK, C_X_BAR,
  T_CURVATURE, T_DC, T_MOBILITY_TERMS, T_MOBILITY_VALUES, T_XB, T_X_ALPHA, balance, g, gi, m, mobilityTerms, n, rt,
  s, solute, temperatureK, terms, tracerGasConstant,
} from './thermo-block';

/** M_c = exp(MQ_c / RT) / RT at x^α into C_MOBILITY (mobility.ts: mobilities). */
function mobilities(): void {
  for (let c = 0; c < n; c++) s(C_MOBILITY + c, 0);
  for (let k = 0; k < mobilityTerms; k++) {
    const t = T_MOBILITY_TERMS + 5 * k;
    const count = gi(t + 1);
    let monomial: f64 = 1;
    if (count == 1) monomial = g(T_X_ALPHA + gi(t + 2));
    else if (count == 2) {
      const a = g(T_X_ALPHA + gi(t + 2));
      const b = g(T_X_ALPHA + gi(t + 3));
      const order = g(t + 4);
      monomial = a * b * (order == 0 ? 1 : pow(a - b, order));
    }
    const c = C_MOBILITY + gi(t);
    s(c, g(c) + g(T_MOBILITY_VALUES + k) * monomial);
  }
  for (let c = 0; c < n; c++) s(C_MOBILITY + c, exp(g(C_MOBILITY + c) / rt) / rt);
}

/** Interdiffusivity over the solutes with the balance element as reference (mobility.ts). */
function interdiffusivity(): void {
  for (let j = 0; j < n; j++) {
    let sum: f64 = 0;
    for (let k = 0; k < n; k++) sum += g(T_X_ALPHA + k) * g(C_HESSIAN + k * n + j);
    s(C_ROW_DOT + j, sum);
  }
  let xx: f64 = 0;
  for (let j = 0; j < n; j++) xx += g(T_X_ALPHA + j) * g(C_ROW_DOT + j);
  for (let a = 0; a < n; a++) {
    for (let j = 0; j < n; j++) {
      let sum: f64 = 0;
      for (let i = 0; i < n; i++) {
        const lai = (<f64>(a == i ? 1 : 0) - g(T_X_ALPHA + a)) * g(T_X_ALPHA + i) * g(C_MOBILITY + i);
        const pij = g(C_HESSIAN + i * n + j) - g(C_ROW_DOT + j) - g(C_ROW_DOT + i) + xx;
        sum += lai * pij;
      }
      s(C_CHEMICAL + a * n + j, sum);
    }
  }
  for (let a = 0; a < m; a++) {
    const A = solute(a);
    for (let b = 0; b < m; b++)
      s(C_DIFFUSIVITY + a * m + b, g(C_CHEMICAL + A * n + solute(b)) - g(C_CHEMICAL + A * n + balance));
  }
}

/** Solves D y = x̄ (C_DIFFUSIVITY, C_X_BAR) into C_SOLVED by Gaussian elimination with pivoting. */
function solveSmall(): void {
  const w = C_WORK;
  const y = C_SOLVED;
  for (let k = 0; k < m * m; k++) s(w + k, g(C_DIFFUSIVITY + k));
  for (let k = 0; k < m; k++) s(y + k, g(C_X_BAR + k));
  for (let c = 0; c < m; c++) {
    let p = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(g(w + r * m + c)) > Math.abs(g(w + p * m + c))) p = r;
    if (p != c) {
      for (let k = 0; k < m; k++) {
        const t = g(w + c * m + k);
        s(w + c * m + k, g(w + p * m + k));
        s(w + p * m + k, t);
      }
      const t = g(y + c);
      s(y + c, g(y + p));
      s(y + p, t);
    }
    for (let r = c + 1; r < m; r++) {
      const f = g(w + r * m + c) / g(w + c * m + c);
      for (let k = c; k < m; k++) s(w + r * m + k, g(w + r * m + k) - f * g(w + c * m + k));
      s(y + r, g(y + r) - f * g(y + c));
    }
  }
  for (let c = m - 1; c >= 0; c--) {
    let sum = g(y + c);
    for (let k = c + 1; k < m; k++) sum -= g(w + c * m + k) * g(y + k);
    s(y + c, sum / g(w + c * m + c));
  }
}

/** mc, dc and β at x^α (X_ALPHA) for the compound XB, into T_CURVATURE and T_DC (curvatureFactors). */
export function curvatureAtAlpha(): void {
  const r = balance;
  mobilities();
  if (terms == 0) {
    for (let a = 0; a < m; a++) {
      const A = solute(a);
      for (let b = 0; b < m; b++) {
        const B = solute(b);
        const mb = g(C_MOBILITY + B);
        s(C_HESSIAN_REF + a * m + b, rt * ((a == b ? 1 / g(T_X_ALPHA + A) : 0) + 1 / g(T_X_ALPHA + r)));
        s(C_DIFFUSIVITY + a * m + b, rt * ((a == b ? mb : 0) - g(T_X_ALPHA + A) * (mb - g(C_MOBILITY + r))));
      }
    }
  } else {
    hessian(T_X_ALPHA, C_HESSIAN);
    // kawin's dMudX: H_AB = (e_A − e_ref)ᵀ g'' (e_B − e_ref)
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) {
        const A = solute(a);
        const B = solute(b);
        const h = C_HESSIAN;
        s(C_HESSIAN_REF + a * m + b, g(h + A * n + B) - g(h + A * n + r) - g(h + r * n + B) + g(h + r * n + r));
      }
    }
    interdiffusivity();
  }
  for (let a = 0; a < m; a++) {
    const A = solute(a);
    s(C_X_BAR + a, g(T_XB + A) - g(T_X_ALPHA + A));
  }
  solveSmall();
  let den: f64 = 0;
  for (let a = 0; a < m; a++) {
    let hy: f64 = 0;
    for (let b = 0; b < m; b++) hy += g(C_HESSIAN_REF + a * m + b) * g(C_SOLVED + b);
    den += g(C_X_BAR + a) * hy;
  }
  s(T_CURVATURE, 1 / den);
  for (let a = 0; a < m; a++) s(T_DC + a, g(C_SOLVED + a) / den);
  // kawin quirk: tracer diffusivities with kawin's own R, not pycalphad's
  for (let i = 0; i < n; i++) s(C_TRACER + i, tracerGasConstant * temperatureK * g(C_MOBILITY + i));
  let sum: f64 = 0;
  for (let i = 0; i < n; i++) {
    const dx = g(T_XB + i) - g(T_X_ALPHA + i);
    sum += (dx * dx) / (g(T_X_ALPHA + i) * g(C_TRACER + i)); // kawin quirk: the balance element counts too
  }
  s(T_CURVATURE + 1, 1 / sum);
}
