// Philippe-Voorhees curvature factors and kawin's impingement diffusion factor, evaluated at the tie-line
// matrix composition x^α (thermo.md §4 step 2, §5).
import {
  interdiffusivity,
  mobilities,
  tracerDiffusivities,
  type MobilityAtT,
  type MobilityTerm,
} from './mobility.js';
import { solutionHessian, type SolutionAtT } from './solution.js';

export interface CurvatureResult {
  /** 1 / (x̄ᵀ M⁻¹ x̄), mol·m²/(J·s). */
  mc: number;
  /** (D^ref)⁻¹ x̄ / den per solute, mol/J. */
  dc: Float64Array;
  /** Impingement diffusion factor β, m²/s. */
  betaImpingement: number;
}

export interface CurvatureScratch {
  hessian: Float64Array;
  hessianRef: Float64Array;
  diffusivity: Float64Array;
  mobility: Float64Array;
  tracer: Float64Array;
  rowDot: Float64Array;
  chemical: Float64Array;
  work: Float64Array;
  xBar: Float64Array;
  solved: Float64Array;
}

export function curvatureScratch(n: number): CurvatureScratch {
  const m = n - 1;
  return {
    hessian: new Float64Array(n * n),
    hessianRef: new Float64Array(m * m),
    diffusivity: new Float64Array(m * m),
    mobility: new Float64Array(n),
    tracer: new Float64Array(n),
    rowDot: new Float64Array(n),
    chemical: new Float64Array(n * n),
    work: new Float64Array(m * m),
    xBar: new Float64Array(m),
    solved: new Float64Array(m),
  };
}

/** Solves A y = b for a small dense m×m matrix (copied into `w`) by Gaussian elimination with pivoting. */
function solveSmall(a: Float64Array, b: Float64Array, m: number, w: Float64Array, y: Float64Array): void {
  for (let k = 0; k < m * m; k++) w[k] = a[k];
  for (let k = 0; k < m; k++) y[k] = b[k];
  for (let c = 0; c < m; c++) {
    let p = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(w[r * m + c]) > Math.abs(w[p * m + c])) p = r;
    if (p !== c) {
      for (let k = 0; k < m; k++) {
        const t = w[c * m + k];
        w[c * m + k] = w[p * m + k];
        w[p * m + k] = t;
      }
      const t = y[c];
      y[c] = y[p];
      y[p] = t;
    }
    for (let r = c + 1; r < m; r++) {
      const f = w[r * m + c] / w[c * m + c];
      for (let k = c; k < m; k++) w[r * m + k] -= f * w[c * m + k];
      y[r] -= f * y[c];
    }
  }
  for (let c = m - 1; c >= 0; c--) {
    let s = y[c];
    for (let k = c + 1; k < m; k++) s -= w[c * m + k] * y[k];
    y[c] = s / w[c * m + c];
  }
}

/**
 * mc, dc and β at x^α for a line compound of composition x^β. Gba (dμ/dx of the compound) is 0 for line
 * compounds (thermo.md §3.2), so c_β is x^β at every radius and is not computed here.
 */
export function curvatureFactors(
  matrix: SolutionAtT,
  mobilityTerms: MobilityTerm[],
  mobilityAt: MobilityAtT,
  xAlpha: Float64Array,
  xBeta: Float64Array,
  solutes: readonly number[],
  balance: number,
  scratch: CurvatureScratch,
  out: CurvatureResult,
): void {
  const n = xAlpha.length;
  const m = solutes.length;
  const r = balance;
  mobilities(mobilityTerms, mobilityAt, xAlpha, scratch.mobility);
  if (matrix.active.length === 0) {
    // Ideal solution (thermo.md §3.2, §5.3): H_AB = RT (δ_AB/x_A + 1/x_ref), D_ab = RT [δ_ab M_b − x_a (M_b − M_ref)]
    const rt = matrix.rt;
    const M = scratch.mobility;
    for (let a = 0; a < m; a++) {
      const A = solutes[a];
      for (let b = 0; b < m; b++) {
        const B = solutes[b];
        scratch.hessianRef[a * m + b] = rt * ((a === b ? 1 / xAlpha[A] : 0) + 1 / xAlpha[r]);
        scratch.diffusivity[a * m + b] = rt * ((a === b ? M[B] : 0) - xAlpha[A] * (M[B] - M[r]));
      }
    }
  } else {
    const g = scratch.hessian;
    solutionHessian(matrix, xAlpha, g);
    // kawin's dMudX: H_AB = (e_A − e_ref)ᵀ g'' (e_B − e_ref)
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) {
        const A = solutes[a];
        const B = solutes[b];
        scratch.hessianRef[a * m + b] = g[A * n + B] - g[A * n + r] - g[r * n + B] + g[r * n + r];
      }
    }
    interdiffusivity(
      xAlpha,
      scratch.mobility,
      g,
      solutes,
      balance,
      scratch.rowDot,
      scratch.chemical,
      scratch.diffusivity,
    );
  }
  for (let a = 0; a < m; a++) scratch.xBar[a] = xBeta[solutes[a]] - xAlpha[solutes[a]];
  // M⁻¹ = H·D⁻¹ (H on the left), so x̄ᵀ M⁻¹ x̄ = x̄ᵀ H y with D y = x̄.
  solveSmall(scratch.diffusivity, scratch.xBar, m, scratch.work, scratch.solved);
  let den = 0;
  for (let a = 0; a < m; a++) {
    let hy = 0;
    for (let b = 0; b < m; b++) hy += scratch.hessianRef[a * m + b] * scratch.solved[b];
    den += scratch.xBar[a] * hy;
  }
  out.mc = 1 / den;
  for (let a = 0; a < m; a++) out.dc[a] = scratch.solved[a] / den;
  tracerDiffusivities(scratch.mobility, matrix.temperatureK, scratch.tracer);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const dx = xBeta[i] - xAlpha[i];
    sum += (dx * dx) / (xAlpha[i] * scratch.tracer[i]); // the balance element counts too (kawin)
  }
  out.betaImpingement = 1 / sum;
}
