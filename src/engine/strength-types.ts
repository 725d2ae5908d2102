// What the strength models give per recorded row (src/engine/strength.ts).
import type { StrengthModelName } from '../request/strength.js';

/** The operative mechanism of a phase in a row, as stored in PhaseStrength.mechanism. */
export const MECHANISM = { bypass: 0, weak: 1, strong: 2 } as const;
/** The mechanism codes' names, in the summary, the series and the figures. */
export const MECHANISM_NAMES = ['bypass', 'weak_shearing', 'strong_shearing'] as const;
export type MechanismName = (typeof MECHANISM_NAMES)[number];

/** kawin's model only, on request: the slip-plane radius and spacing (strength.md §1) and the CRSS it takes the least of. */
export interface SlipPlaneSeries {
  radiusM: Float64Array;
  spacingM: Float64Array;
  /** Weak-pinning shearing CRSS, all contributions superposed. */
  weakCrssPa: Float64Array;
  strongCrssPa: Float64Array;
  orowanCrssPa: Float64Array;
}

export interface PhaseStrength {
  name: string;
  diameterNm: Float64Array;
  aspectRatio: Float64Array;
  majorAxisNm: Float64Array;
  /** The phase's CRSS: seed, Orowan of the mean radius; kawin, τ_p = min(weak, strong, Orowan). */
  crssMPa: Float64Array;
  yieldStrengthMPa: Float64Array;
  /** MECHANISM code per row (the seed model: always bypass). */
  mechanism: Uint8Array;
  /** kawin's model, when computeStrength is asked for it (options.slipPlane). */
  slipPlane?: SlipPlaneSeries;
}

export interface StrengthSeries {
  model: StrengthModelName;
  phases: PhaseStrength[];
  totalCrssMPa: Float64Array;
  /** σ_prec = M·τ_prec (the seed model: M·Σ τ_p). */
  precipitationStrengthMPa: Float64Array;
  solidSolutionStrengthMPa: Float64Array;
  baseStrengthMPa: Float64Array;
  totalYieldStrengthMPa: Float64Array;
  hardnessHV: Float64Array;
}
