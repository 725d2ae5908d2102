// Atomic mobilities from MQ parameters and the diffusivities kawin derives from them (thermo.md §5).
import { R_KAWIN, R_PYCALPHAD } from './constants.js';
import type { Evaluator } from './tdb/compile-expr.js';
import { exp, pow } from './math.js';

/** One MQ/MF term of species `diffuser`: value × (1, x_i, or x_i x_j (x_i − x_j)^order). */
export interface MobilityTerm {
  diffuser: number;
  species: number[];
  order: number;
  value: Evaluator;
}

export interface MobilityAtT {
  temperatureK: number;
  values: Float64Array;
}

/** A class, not an object literal, for the reason given at SolutionStateAtT (solution.ts). */
class MobilityStateAtT implements MobilityAtT {
  constructor(
    readonly temperatureK: number,
    readonly values: Float64Array,
  ) {}
}

export function mobilityAtT(terms: MobilityTerm[], temperatureK: number): MobilityAtT {
  const values = new Float64Array(terms.length);
  for (let k = 0; k < terms.length; k++) values[k] = terms[k].value(temperatureK);
  return new MobilityStateAtT(temperatureK, values);
}

/** Mobilities M_c = exp(MQ_c / RT) / RT in m²·mol/(J·s), R = 8.3145 as kawin uses pycalphad's v.R. */
export function mobilities(
  terms: MobilityTerm[],
  at: MobilityAtT,
  x: ArrayLike<number>,
  out: Float64Array,
): void {
  out.fill(0);
  for (let k = 0; k < terms.length; k++) {
    const term = terms[k];
    const s = term.species;
    let monomial = 1;
    if (s.length === 1) monomial = x[s[0]];
    else if (s.length === 2) {
      const d = x[s[0]] - x[s[1]];
      monomial = x[s[0]] * x[s[1]] * (term.order === 0 ? 1 : pow(d, term.order));
    }
    out[term.diffuser] += at.values[k] * monomial;
  }
  const rt = R_PYCALPHAD * at.temperatureK;
  for (let c = 0; c < out.length; c++) out[c] = exp(out[c] / rt) / rt;
}

/** Tracer diffusivities D*_c = 8.314·T·M_c (kawin hard-codes its own R here). m²/s */
export function tracerDiffusivities(
  mobility: ArrayLike<number>,
  temperatureK: number,
  out: Float64Array,
): void {
  for (let c = 0; c < mobility.length; c++) out[c] = R_KAWIN * temperatureK * mobility[c];
}

/**
 * Interdiffusivity with the balance element as reference (volume-fixed frame), over the solutes:
 * L_ab = (δ_ab − x_a) x_b M_b, D = L·P with P_ij = (e_i − x)ᵀ g'' (e_j − x), D^ref_ab = D_ab − D_a,ref.
 * `hessian` is g'' (n×n); result is (n−1)×(n−1) over `solutes`, row-major. m²/s
 */
export function interdiffusivity(
  x: ArrayLike<number>,
  mobility: ArrayLike<number>,
  hessian: Float64Array,
  solutes: readonly number[],
  balance: number,
  rowDot: Float64Array,
  chem: Float64Array,
  out: Float64Array,
): void {
  const n = x.length;
  // P_ij = g''_ij − Σ_k x_k g''_kj − Σ_k x_k g''_ik + Σ_kl x_k x_l g''_kl
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += x[k] * hessian[k * n + j];
    rowDot[j] = s;
  }
  let xx = 0;
  for (let j = 0; j < n; j++) xx += x[j] * rowDot[j];
  // D_aj = Σ_i L_ai P_ij
  for (let a = 0; a < n; a++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const lai = ((a === i ? 1 : 0) - x[a]) * x[i] * mobility[i];
        const pij = hessian[i * n + j] - rowDot[j] - rowDot[i] + xx;
        s += lai * pij;
      }
      chem[a * n + j] = s;
    }
  }
  const m = solutes.length;
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < m; b++)
      out[a * m + b] = chem[solutes[a] * n + solutes[b]] - chem[solutes[a] * n + balance];
  }
}
