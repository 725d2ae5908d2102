// Curvature factors and the impingement diffusion factor at the tie-line matrix composition x^α
// (thermo.md §4 step 2, §5): mobilities, interdiffusivity, the Philippe-Voorhees mc and dc, and β.
import { exp, pow } from './math';
import { hessian } from './solution';
import {
  CURVATURE_CHEMICAL, CURVATURE_DIFFUSIVITY, CURVATURE_HESSIAN, CURVATURE_HESSIAN_REF, CURVATURE_MOBILITY, CURVATURE_ROW_DOT, CURVATURE_SOLVED, CURVATURE_TRACER, CURVATURE_WORK, CURVATURE_X_BAR,
  THERMO_CURVATURE, THERMO_DC, THERMO_MOBILITY_FACTOR, THERMO_MOBILITY_TERMS, THERMO_MOBILITY_VALUES, THERMO_XB, THERMO_X_ALPHA, balance, blockValue, blockIndex, soluteCount, mobilityTerms, elementCount, rt,
  setBlockValue, solute, temperatureK, terms, tracerGasConstant,
} from './thermo-block';

/** M_c = f_c exp(MQ_c / RT) / RT at x^α into CURVATURE_MOBILITY (mobility.ts: mobilities; f_c the mobility factor). */
function mobilities(): void {
  for (let c = 0; c < elementCount; c++) setBlockValue(CURVATURE_MOBILITY + c, 0);
  for (let k = 0; k < mobilityTerms; k++) {
    const t = THERMO_MOBILITY_TERMS + 5 * k;
    const count = blockIndex(t + 1);
    let monomial: f64 = 1;
    if (count == 1) monomial = blockValue(THERMO_X_ALPHA + blockIndex(t + 2));
    else if (count == 2) {
      const a = blockValue(THERMO_X_ALPHA + blockIndex(t + 2));
      const b = blockValue(THERMO_X_ALPHA + blockIndex(t + 3));
      const order = blockValue(t + 4);
      monomial = a * b * (order == 0 ? 1 : pow(a - b, order));
    }
    const c = CURVATURE_MOBILITY + blockIndex(t);
    setBlockValue(c, blockValue(c) + blockValue(THERMO_MOBILITY_VALUES + k) * monomial);
  }
  for (let c = 0; c < elementCount; c++) setBlockValue(CURVATURE_MOBILITY + c, (exp(blockValue(CURVATURE_MOBILITY + c) / rt) / rt) * blockValue(THERMO_MOBILITY_FACTOR + c));
}

/** Interdiffusivity over the solutes with the balance element as reference (mobility.ts). */
function interdiffusivity(): void {
  for (let j = 0; j < elementCount; j++) {
    let sum: f64 = 0;
    for (let k = 0; k < elementCount; k++) sum += blockValue(THERMO_X_ALPHA + k) * blockValue(CURVATURE_HESSIAN + k * elementCount + j);
    setBlockValue(CURVATURE_ROW_DOT + j, sum);
  }
  let xx: f64 = 0;
  for (let j = 0; j < elementCount; j++) xx += blockValue(THERMO_X_ALPHA + j) * blockValue(CURVATURE_ROW_DOT + j);
  for (let a = 0; a < elementCount; a++) {
    for (let j = 0; j < elementCount; j++) {
      let sum: f64 = 0;
      for (let i = 0; i < elementCount; i++) {
        const lai = (<f64>(a == i ? 1 : 0) - blockValue(THERMO_X_ALPHA + a)) * blockValue(THERMO_X_ALPHA + i) * blockValue(CURVATURE_MOBILITY + i);
        const pij = blockValue(CURVATURE_HESSIAN + i * elementCount + j) - blockValue(CURVATURE_ROW_DOT + j) - blockValue(CURVATURE_ROW_DOT + i) + xx;
        sum += lai * pij;
      }
      setBlockValue(CURVATURE_CHEMICAL + a * elementCount + j, sum);
    }
  }
  for (let a = 0; a < soluteCount; a++) {
    const A = solute(a);
    for (let b = 0; b < soluteCount; b++)
      setBlockValue(CURVATURE_DIFFUSIVITY + a * soluteCount + b, blockValue(CURVATURE_CHEMICAL + A * elementCount + solute(b)) - blockValue(CURVATURE_CHEMICAL + A * elementCount + balance));
  }
}

/** Solves D y = x̄ (CURVATURE_DIFFUSIVITY, CURVATURE_X_BAR) into CURVATURE_SOLVED by Gaussian elimination with pivoting. */
function solveSmall(): void {
  const w = CURVATURE_WORK;
  const y = CURVATURE_SOLVED;
  for (let k = 0; k < soluteCount * soluteCount; k++) setBlockValue(w + k, blockValue(CURVATURE_DIFFUSIVITY + k));
  for (let k = 0; k < soluteCount; k++) setBlockValue(y + k, blockValue(CURVATURE_X_BAR + k));
  for (let c = 0; c < soluteCount; c++) {
    let p = c;
    for (let r = c + 1; r < soluteCount; r++) if (Math.abs(blockValue(w + r * soluteCount + c)) > Math.abs(blockValue(w + p * soluteCount + c))) p = r;
    if (p != c) {
      for (let k = 0; k < soluteCount; k++) {
        const t = blockValue(w + c * soluteCount + k);
        setBlockValue(w + c * soluteCount + k, blockValue(w + p * soluteCount + k));
        setBlockValue(w + p * soluteCount + k, t);
      }
      const t = blockValue(y + c);
      setBlockValue(y + c, blockValue(y + p));
      setBlockValue(y + p, t);
    }
    for (let r = c + 1; r < soluteCount; r++) {
      const f = blockValue(w + r * soluteCount + c) / blockValue(w + c * soluteCount + c);
      for (let k = c; k < soluteCount; k++) setBlockValue(w + r * soluteCount + k, blockValue(w + r * soluteCount + k) - f * blockValue(w + c * soluteCount + k));
      setBlockValue(y + r, blockValue(y + r) - f * blockValue(y + c));
    }
  }
  for (let c = soluteCount - 1; c >= 0; c--) {
    let sum = blockValue(y + c);
    for (let k = c + 1; k < soluteCount; k++) sum -= blockValue(w + c * soluteCount + k) * blockValue(y + k);
    setBlockValue(y + c, sum / blockValue(w + c * soluteCount + c));
  }
}

/** mc, dc and β at x^α (X_ALPHA) for the compound XB, into THERMO_CURVATURE and THERMO_DC (curvatureFactors). */
export function curvatureAtAlpha(): void {
  const r = balance;
  mobilities();
  if (terms == 0) {
    for (let a = 0; a < soluteCount; a++) {
      const A = solute(a);
      for (let b = 0; b < soluteCount; b++) {
        const B = solute(b);
        const mb = blockValue(CURVATURE_MOBILITY + B);
        setBlockValue(CURVATURE_HESSIAN_REF + a * soluteCount + b, rt * ((a == b ? 1 / blockValue(THERMO_X_ALPHA + A) : 0) + 1 / blockValue(THERMO_X_ALPHA + r)));
        setBlockValue(CURVATURE_DIFFUSIVITY + a * soluteCount + b, rt * ((a == b ? mb : 0) - blockValue(THERMO_X_ALPHA + A) * (mb - blockValue(CURVATURE_MOBILITY + r))));
      }
    }
  } else {
    hessian(THERMO_X_ALPHA, CURVATURE_HESSIAN);
    // kawin's dMudX: H_AB = (e_A − e_ref)ᵀ g'' (e_B − e_ref)
    for (let a = 0; a < soluteCount; a++) {
      for (let b = 0; b < soluteCount; b++) {
        const A = solute(a);
        const B = solute(b);
        const h = CURVATURE_HESSIAN;
        setBlockValue(CURVATURE_HESSIAN_REF + a * soluteCount + b, blockValue(h + A * elementCount + B) - blockValue(h + A * elementCount + r) - blockValue(h + r * elementCount + B) + blockValue(h + r * elementCount + r));
      }
    }
    interdiffusivity();
  }
  for (let a = 0; a < soluteCount; a++) {
    const A = solute(a);
    setBlockValue(CURVATURE_X_BAR + a, blockValue(THERMO_XB + A) - blockValue(THERMO_X_ALPHA + A));
  }
  solveSmall();
  let den: f64 = 0;
  for (let a = 0; a < soluteCount; a++) {
    let hy: f64 = 0;
    for (let b = 0; b < soluteCount; b++) hy += blockValue(CURVATURE_HESSIAN_REF + a * soluteCount + b) * blockValue(CURVATURE_SOLVED + b);
    den += blockValue(CURVATURE_X_BAR + a) * hy;
  }
  setBlockValue(THERMO_CURVATURE, 1 / den);
  for (let a = 0; a < soluteCount; a++) setBlockValue(THERMO_DC + a, blockValue(CURVATURE_SOLVED + a) / den);
  // kawin quirk: tracer diffusivities with kawin's own R, not pycalphad's
  for (let i = 0; i < elementCount; i++) setBlockValue(CURVATURE_TRACER + i, tracerGasConstant * temperatureK * blockValue(CURVATURE_MOBILITY + i));
  let sum: f64 = 0;
  for (let i = 0; i < elementCount; i++) {
    const dx = blockValue(THERMO_XB + i) - blockValue(THERMO_X_ALPHA + i);
    sum += (dx * dx) / (blockValue(THERMO_X_ALPHA + i) * blockValue(CURVATURE_TRACER + i)); // kawin quirk: the balance element counts too
  }
  setBlockValue(THERMO_CURVATURE + 1, 1 / sum);
}
