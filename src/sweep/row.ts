// One run of a sweep as a row of metrics, computed where the run ran (a worker thread, a Web Worker):
// the axis values, the peak and final strength, per phase final state, and compact curves (yield
// strength and volume fraction against time) from which maps are drawn without re-running. Isomorphic.
import type { SimulationResult, Summary } from '../engine/index.js';

export interface SweepRowPhase {
  name: string;
  number_density_per_m3: number;
  mean_radius_nm: number;
  volume_fraction: number;
}

/** Recorded rows of a run, thinned: real rows (no interpolation), always with the peak and the last. */
export interface SweepCurves {
  time_hours: number[];
  yield_strength_mpa: number[];
  /** All phases together. */
  volume_fraction: number[];
}

export interface SweepRow {
  index: number;
  /** One value per axis, in the sweep's axes order. */
  axis_values: number[];
  peak_yield_strength_mpa: number;
  peak_time_hours: number;
  /** First recorded time the yield strength reaches 90 % of its peak. */
  time_to_90_percent_peak_hours: number;
  /** Whether the peak is the run's last row (not reached within the simulated time). */
  peak_at_end: boolean;
  final_yield_strength_mpa: number;
  /** The final hardness (summary.hardness_hv). */
  final_hardness_hv: number | null;
  phases: SweepRowPhase[];
  steps: number;
  engine_ms: number;
  curves: SweepCurves;
}

/** Points of a compact curve unless asked otherwise (evenly spaced in log time). */
export const DEFAULT_CURVE_POINTS = 120;

/** The run's final Vickers hardness (strength.md §9, either strength model); null if a summary lacks it. */
export function hardnessOf(summary: Summary): number | null {
  return Number.isFinite(summary.hardness_hv) ? summary.hardness_hv : null;
}

/** Indices of about `points` rows evenly spaced in log time (the first, the last and `keep` included). */
export function curveIndices(timeS: Float64Array, points: number, keep: number[] = []): number[] {
  const n = timeS.length;
  const chosen = new Set<number>([0, n - 1, ...keep]);
  const firstS = timeS.find((t) => t > 0) ?? 0;
  const lastS = timeS[n - 1];
  if (firstS > 0 && lastS > firstS && points > 2) {
    const logFirst = Math.log(firstS);
    const span = Math.log(lastS) - logFirst;
    let i = 0;
    for (let k = 0; k < points; k++) {
      const targetS = Math.exp(logFirst + (span * k) / (points - 1));
      while (i < n - 1 && timeS[i] < targetS) i++;
      chosen.add(i);
    }
  }
  return [...chosen].sort((a, b) => a - b);
}

function firstReaching(values: Float64Array, threshold: number): number {
  for (let i = 0; i < values.length; i++) if (values[i] >= threshold) return i;
  return values.length - 1;
}

/** The sweep row of a completed run. */
export function sweepRow(
  result: SimulationResult,
  index: number,
  axisValues: number[],
  curvePoints = DEFAULT_CURVE_POINTS,
): SweepRow {
  const { series, strength, summary } = result;
  const last = series.length - 1;
  const ys = strength.totalYieldStrengthMPa;
  const peakIndex = ys.indexOf(summary.peak_yield_strength_mpa);
  const total = new Float64Array(series.length);
  for (const phase of series.phases)
    for (let i = 0; i < series.length; i++) total[i] += phase.volumeFraction[i];
  const keep = curveIndices(series.timeS, curvePoints, [peakIndex]);
  return {
    index,
    axis_values: axisValues,
    peak_yield_strength_mpa: summary.peak_yield_strength_mpa,
    peak_time_hours: summary.peak_yield_strength_time_hours,
    time_to_90_percent_peak_hours:
      series.timeS[firstReaching(ys, 0.9 * summary.peak_yield_strength_mpa)] / 3600,
    peak_at_end: peakIndex === last || summary.peak_yield_strength_mpa === ys[last],
    final_yield_strength_mpa: summary.total_yield_strength_mpa,
    final_hardness_hv: hardnessOf(summary),
    phases: series.phases.map((phase) => ({
      name: phase.name,
      number_density_per_m3: phase.numberDensityPerM3[last],
      mean_radius_nm: phase.meanRadiusM[last] * 1e9,
      volume_fraction: phase.volumeFraction[last],
    })),
    steps: result.steps,
    engine_ms: result.timing.engine_ms,
    curves: {
      time_hours: keep.map((i) => series.timeS[i] / 3600),
      yield_strength_mpa: keep.map((i) => ys[i]),
      volume_fraction: keep.map((i) => total[i]),
    },
  };
}
