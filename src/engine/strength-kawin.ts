// kawin's strength model over a run's recorded rows (shared/spec/strength.md §1-§7): per phase the
// slip-plane geometry and CRSS, their combination over phases, solid solution, base strength and total.
import type { SimulationConfig } from '../request/validate.js';
import type { StrengthConfig } from '../request/strength.js';
import type { EngineSeries } from './series.js';
import { MECHANISM, type PhaseStrength, type SlipPlaneSeries } from './strength-types.js';
import {
  SUPERPOSITION_EXPONENT,
  dislocationOf,
  phaseCrss,
  phaseTerms,
  slipPlaneGeometry,
  superpose,
} from './strength-terms.js';
import type { KernelMath } from '../kernel/types.js';

/** Exponent over phases when their mechanisms are mixed (some weak-pinning dominated, some not), §6. */
const MIXED_EXPONENT = 1.4;

export interface KawinTotals {
  /** τ_prec, MPa. */
  totalCrssMPa: Float64Array;
  precipitationStrengthMPa: Float64Array;
  solidSolutionStrengthMPa: Float64Array;
  totalYieldStrengthMPa: Float64Array;
}

function slipPlaneSeries(n: number): SlipPlaneSeries {
  const column = () => new Float64Array(n);
  return {
    radiusM: column(),
    spacingM: column(),
    weakMPa: column(),
    strongMPa: column(),
    orowanMPa: column(),
  };
}

/** Per phase: slip-plane series, τ_p, M·τ_p and the mechanism; per row the weak-dominated phases and τ_p (Pa). */
function phaseSeries(
  series: EngineSeries,
  config: SimulationConfig,
  s: StrengthConfig,
  phases: PhaseStrength[],
  math: KernelMath,
) {
  const n = series.length;
  const d = dislocationOf(config.dislocation);
  const M = config.taylor_factor;
  const weakCount = new Uint8Array(n);
  const tauPa = new Float64Array(n * series.phases.length);
  const geometry = new Float64Array(2);
  const scratch = new Float64Array(2);
  const crss = new Float64Array(3);
  series.phases.forEach((ph, p) => {
    const terms = phaseTerms(s.contributions, ph.name, d, math);
    const slip = slipPlaneSeries(n);
    const out = phases[p];
    out.slipPlane = slip;
    for (let i = 0; i < n; i++) {
      slipPlaneGeometry(ph.radiusMomentPerM2[i], ph.radiusSquaredMomentPerM[i], geometry);
      const [r, L] = geometry;
      if (r === 0 && L === 0) continue; // no particles: every CRSS is 0, the mechanism bypass
      phaseCrss(r, L, terms, d, scratch, crss, math);
      const [weak, strong, orowan] = crss;
      const tau = Math.min(weak, strong, orowan);
      slip.radiusM[i] = r;
      slip.spacingM[i] = L;
      slip.weakMPa[i] = weak / 1e6;
      slip.strongMPa[i] = strong / 1e6;
      slip.orowanMPa[i] = orowan / 1e6;
      tauPa[i * series.phases.length + p] = tau;
      out.crssMPa[i] = tau / 1e6;
      out.yieldStrengthMPa[i] = (M * tau) / 1e6;
      out.mechanism[i] = tau === orowan ? MECHANISM.bypass : tau === weak ? MECHANISM.weak : MECHANISM.strong;
      if (weak > strong && weak > orowan) weakCount[i]++;
    }
  });
  return { weakCount, tauPa };
}

/** The rows' totals (§6, §7) in MPa, from the phases' CRSS and the matrix composition. */
export function kawinStrength(
  series: EngineSeries,
  config: SimulationConfig,
  s: StrengthConfig,
  phases: PhaseStrength[],
  math: KernelMath,
): KawinTotals {
  const { pow } = math;
  const n = series.length;
  const { weakCount, tauPa } = phaseSeries(series, config, s, phases, math);
  const P = phases.length;
  const taus = new Float64Array(P);
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
  const basePa = s.base_strength_mpa * 1e6;
  const three = new Float64Array(3);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < P; p++) taus[p] = tauPa[i * P + p];
    // Phases that never formed count as not weak-dominated (§6).
    const exponent = weakCount[i] === 0 || weakCount[i] === P ? SUPERPOSITION_EXPONENT : MIXED_EXPONENT;
    const tauPrec = superpose(taus, exponent, math);
    let ss = 0;
    for (const e of solutes) ss += pow(e.weightPa * e.x[i], e.exponent);
    const prec = config.taylor_factor * tauPrec;
    three[0] = basePa;
    three[1] = ss;
    three[2] = prec;
    const total = superpose(three, SUPERPOSITION_EXPONENT, math);
    totals.totalCrssMPa[i] = tauPrec / 1e6;
    totals.precipitationStrengthMPa[i] = prec / 1e6;
    totals.solidSolutionStrengthMPa[i] = ss / 1e6;
    totals.totalYieldStrengthMPa[i] = total >= 0 && total < Infinity ? total / 1e6 : 0;
  }
  return totals;
}
