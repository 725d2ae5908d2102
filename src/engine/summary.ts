// The final state of a run in the API's and the CLI's summary form.
import type { EngineSeries } from './series.js';
import { MECHANISM_NAMES, type MechanismName, type StrengthSeries } from './strength.js';
import type { StrengthModelName } from '../request/strength.js';

export interface PhaseSummary {
  name: string;
  diameter_nm: number;
  aspect_ratio: number;
  major_axis_nm: number;
  number_density_per_m3: number;
  volume_fraction: number;
  crss_mpa: number;
  yield_strength_mpa: number;
  /** The phase's operative mechanism at the final state (the seed model: bypass). */
  mechanism: MechanismName;
}

export interface Summary {
  final_time_hours: number;
  matrix_composition: Record<string, number>;
  phases: PhaseSummary[];
  total_crss_mpa: number;
  total_yield_strength_mpa: number;
  peak_yield_strength_mpa: number;
  peak_yield_strength_time_hours: number;
  strength_model: StrengthModelName;
  precipitation_strength_mpa: number;
  solid_solution_strength_mpa: number;
  base_strength_mpa: number;
  hardness_hv: number;
}

export function summarize(series: EngineSeries, strength: StrengthSeries): Summary {
  const i = series.length - 1;
  let peak = 0;
  for (let k = 1; k < series.length; k++)
    if (strength.totalYieldStrengthMPa[k] > strength.totalYieldStrengthMPa[peak]) peak = k;
  return {
    final_time_hours: series.timeS[i] / 3600,
    matrix_composition: Object.fromEntries(
      Object.entries(series.matrixComposition).map(([k, v]) => [k, v[i]]),
    ),
    phases: series.phases.map((ph, p) => {
      const s = strength.phases[p];
      return {
        name: ph.name,
        diameter_nm: s.diameterNm[i],
        aspect_ratio: s.aspectRatio[i],
        major_axis_nm: s.majorAxisNm[i],
        number_density_per_m3: ph.numberDensityPerM3[i],
        volume_fraction: ph.volumeFraction[i],
        crss_mpa: s.crssMPa[i],
        yield_strength_mpa: s.yieldStrengthMPa[i],
        mechanism: MECHANISM_NAMES[s.mechanism[i]],
      };
    }),
    total_crss_mpa: strength.totalCrssMPa[i],
    total_yield_strength_mpa: strength.totalYieldStrengthMPa[i],
    peak_yield_strength_mpa: strength.totalYieldStrengthMPa[peak],
    peak_yield_strength_time_hours: series.timeS[peak] / 3600,
    strength_model: strength.model,
    precipitation_strength_mpa: strength.precipitationStrengthMPa[i],
    solid_solution_strength_mpa: strength.solidSolutionStrengthMPa[i],
    base_strength_mpa: strength.baseStrengthMPa[i],
    hardness_hv: strength.hardnessHV[i],
  };
}
