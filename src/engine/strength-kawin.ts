// kawin's strength model over a run's recorded rows (shared/spec/strength.md §1-§7), computed by the
// kernel module after the run (assembly/strength-rows.ts: each phase's r_ss, L_s, CRSS, τ_p and mechanism,
// the combination over phases, solid solution, base strength and the total) from the rows' radius moments
// and matrix composition; written once for WASM, the JS solver and the page.
import type { KernelMath } from '../kernel/types.js';
import type { StrengthConfig } from '../request/strength.js';
import type { SimulationConfig } from '../request/validate.js';
import type { EngineSeries } from './series.js';
import { kernelStrengthModel } from './strength-terms.js';
import type { PhaseStrength } from './strength-types.js';

export interface KawinTotals {
  /** τ_prec, MPa. */
  totalCrssMPa: Float64Array;
  precipitationStrengthMPa: Float64Array;
  solidSolutionStrengthMPa: Float64Array;
  totalYieldStrengthMPa: Float64Array;
}

/** The rows' totals (§6, §7) in MPa; each phase's CRSS, mechanism and slip plane into `phases`. */
export function kawinStrength(
  series: EngineSeries,
  config: SimulationConfig,
  s: StrengthConfig,
  phases: PhaseStrength[],
  math: KernelMath,
): KawinTotals {
  const solutes = Object.keys(series.matrixComposition);
  const model = kernelStrengthModel(
    config,
    s,
    series.phases.map((ph) => ph.name),
    solutes,
  );
  const results = math.strengthRows(model, {
    length: series.length,
    radiusMomentPerM2: series.phases.map((ph) => ph.radiusMomentPerM2),
    radiusSquaredMomentPerM: series.phases.map((ph) => ph.radiusSquaredMomentPerM),
    solutes: solutes.map((element) => series.matrixComposition[element]),
  });
  results.phases.forEach((r, p) => {
    const out = phases[p];
    out.crssMPa = r.crssMPa;
    out.yieldStrengthMPa = r.yieldStrengthMPa;
    out.mechanism = r.mechanism;
    const { radiusM, spacingM, weakCrssPa, strongCrssPa, orowanCrssPa } = r;
    out.slipPlane = { radiusM, spacingM, weakCrssPa, strongCrssPa, orowanCrssPa };
  });
  const { totalCrssMPa, precipitationStrengthMPa, solidSolutionStrengthMPa, totalYieldStrengthMPa } = results;
  return { totalCrssMPa, precipitationStrengthMPa, solidSolutionStrengthMPa, totalYieldStrengthMPa };
}
