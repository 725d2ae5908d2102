// kawin's strength model over a run's recorded rows (shared/spec/strength.md §5-§7): the kernel recorded
// each phase's r_ss, L_s and weak, strong and Orowan CRSS (assembly/strength.ts); here τ_p and its
// mechanism, the combination over phases, solid solution, base strength and the total.
import type { KernelMath } from '../kernel/types.js';
import type { StrengthConfig } from '../request/strength.js';
import type { SimulationConfig } from '../request/validate.js';
import type { EngineSeries } from './series.js';
import { MECHANISM, type PhaseStrength } from './strength-types.js';

/** Superposition exponent of the phases when their mechanisms agree, and of the three totals (§6, §7). */
const EXPONENT = 1.8;
/** Exponent over phases when their mechanisms are mixed (some weak-pinning dominated, some not), §6. */
const MIXED_EXPONENT = 1.4;

export interface KawinTotals {
  /** τ_prec, MPa. */
  totalCrssMPa: Float64Array;
  precipitationStrengthMPa: Float64Array;
  solidSolutionStrengthMPa: Float64Array;
  totalYieldStrengthMPa: Float64Array;
}

/** x where x is ≥ 0 and finite, else 0 (kawin's clean-up). */
const clean = (x: number) => (x >= 0 && x < Infinity ? x : 0);

/**
 * (Σ x^k)^(1/k) over the values (all ≥ 0), 0 when they are all 0, the value itself when it is the only
 * one above 0 (the same within an ulp without two pow calls: this runs for every row).
 */
export function superpose(values: ArrayLike<number>, exponent: number, { pow }: KernelMath): number {
  let nonzero = 0;
  let only = 0;
  for (let k = 0; k < values.length; k++) {
    if (values[k] > 0) {
      nonzero++;
      only = values[k];
    }
  }
  if (nonzero <= 1) return only;
  let sum = 0;
  for (let k = 0; k < values.length; k++) if (values[k] > 0) sum += pow(values[k], exponent);
  return clean(pow(sum, 1 / exponent));
}

/** Per phase τ_p = min(weak, strong, Orowan), M·τ_p and the mechanism; per row the weak-dominated count. */
function phaseSeries(series: EngineSeries, taylor: number, phases: PhaseStrength[]) {
  const n = series.length;
  const weakCount = new Uint8Array(n);
  series.phases.forEach((ph, p) => {
    const out = phases[p];
    const { slipRadiusM, slipSpacingM, weakCrssPa, strongCrssPa, orowanCrssPa } = ph;
    out.slipPlane = { radiusM: slipRadiusM, spacingM: slipSpacingM, weakCrssPa, strongCrssPa, orowanCrssPa };
    for (let i = 0; i < n; i++) {
      const weak = weakCrssPa[i];
      const strong = strongCrssPa[i];
      const orowan = orowanCrssPa[i];
      const tau = Math.min(weak, strong, orowan);
      out.crssMPa[i] = tau / 1e6;
      out.yieldStrengthMPa[i] = (taylor * tau) / 1e6;
      out.mechanism[i] = tau === orowan ? MECHANISM.bypass : tau === weak ? MECHANISM.weak : MECHANISM.strong;
      if (weak > strong && weak > orowan) weakCount[i]++;
    }
  });
  return weakCount;
}

/** The rows' totals (§6, §7) in MPa, from the phases' CRSS and the matrix composition. */
export function kawinStrength(
  series: EngineSeries,
  config: SimulationConfig,
  s: StrengthConfig,
  phases: PhaseStrength[],
  math: KernelMath,
): KawinTotals {
  const n = series.length;
  const weakCount = phaseSeries(series, config.taylor_factor, phases);
  const P = phases.length;
  const taus = new Float64Array(P);
  const three = new Float64Array(3);
  const totals: KawinTotals = {
    totalCrssMPa: new Float64Array(n),
    precipitationStrengthMPa: new Float64Array(n),
    solidSolutionStrengthMPa: new Float64Array(n),
    totalYieldStrengthMPa: new Float64Array(n),
  };
  const solutes = Object.entries(series.matrixComposition).map(([element, x]) => ({
    x,
    weightPa: s.solid_solution.weights_pa[element as 'MG'] ?? 0,
    exponent: s.solid_solution.exponents[element as 'MG'] ?? 1,
  }));
  three[0] = s.base_strength_mpa * 1e6;
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < P; p++) {
      const ph = series.phases[p];
      taus[p] = Math.min(ph.weakCrssPa[i], ph.strongCrssPa[i], ph.orowanCrssPa[i]);
    }
    // Phases that never formed count as not weak-dominated (§6).
    const exponent = weakCount[i] === 0 || weakCount[i] === P ? EXPONENT : MIXED_EXPONENT;
    const tauPrec = superpose(taus, exponent, math);
    let ss = 0;
    for (const e of solutes) ss += math.pow(e.weightPa * e.x[i], e.exponent);
    three[1] = ss;
    three[2] = config.taylor_factor * tauPrec;
    totals.totalCrssMPa[i] = tauPrec / 1e6;
    totals.precipitationStrengthMPa[i] = three[2] / 1e6;
    totals.solidSolutionStrengthMPa[i] = ss / 1e6;
    totals.totalYieldStrengthMPa[i] = superpose(three, EXPONENT, math) / 1e6;
  }
  return totals;
}
