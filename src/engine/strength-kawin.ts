// kawin's strength model over a run's recorded rows (shared/spec/strength.md §1-§7), computed by the
// kernel module after the run (assembly/strength-rows.ts: each phase's r_ss, L_s, CRSS, τ_p and mechanism,
// the combination over phases, solid solution, base strength and the total) from the rows' radius moments
// and matrix composition; written once for WASM, the JS solver and the page.
import type { ColumnAllocator, KernelMath, KernelStrengthResults } from '../kernel/types.js';
import type { StrengthConfig } from '../request/strength.js';
import type { SimulationConfig } from '../request/validate.js';
import type { EngineSeries } from './series.js';
import { kernelStrengthModel } from './strength-terms.js';

/** Each phase's CRSS, mechanism and, if asked, slip plane; the rows' totals (§6, §7) in MPa. */
export function kawinStrength(
  series: EngineSeries,
  config: SimulationConfig,
  s: StrengthConfig,
  math: KernelMath,
  slipPlane: boolean,
  alloc?: ColumnAllocator,
): KernelStrengthResults {
  const solutes = Object.keys(series.matrixComposition);
  const phases = series.phases.map((ph) => ph.name);
  return math.strengthRows(
    kernelStrengthModel(config, s, phases, solutes),
    {
      length: series.length,
      radiusMomentPerM2: series.phases.map((ph) => ph.radiusMomentPerM2),
      radiusSquaredMomentPerM: series.phases.map((ph) => ph.radiusSquaredMomentPerM),
      solutes: solutes.map((element) => series.matrixComposition[element]),
    },
    slipPlane,
    alloc,
  );
}
