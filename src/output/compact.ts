// A compact, JSON-friendly copy of a run's series for API responses and charts: at most maxPoints rows,
// chosen so that the curves keep their shape. Isomorphic (no Node APIs).
import type { SimulationResult } from '../engine/index.js';
import { MECHANISM_NAMES, type MechanismName } from '../engine/strength.js';
import { logTimes, thinLogTime } from './log-thin.js';

export { logTimes, thinLogTime };

export const DEFAULT_COMPACT_POINTS = 500;
export const MAX_COMPACT_POINTS = 5000;

export interface CompactPhaseSeries {
  number_density_per_m3: number[];
  mean_radius_nm: number[];
  diameter_nm: number[];
  major_axis_nm: number[];
  volume_fraction: number[];
  crss_mpa: number[];
  yield_strength_mpa: number[];
}

export interface CompactSeries {
  /** Rows in this compact series. */
  points: number;
  /** Rows the engine recorded (the full series in results.json / results.csv). */
  recorded_points: number;
  time_hours: number[];
  temperature_c: number[];
  /** Matrix mole fraction of each solute. */
  matrix_composition: Record<string, number[]>;
  phases: Record<string, CompactPhaseSeries>;
  total_crss_mpa: number[];
  total_yield_strength_mpa: number[];
  // The strength breakdown (issue 19); compactRows always fills it, series stored before may lack it.
  precipitation_strength_mpa?: number[];
  solid_solution_strength_mpa?: number[];
  base_strength_mpa?: number[];
  hardness_hv?: number[];
  /** Each phase's operative mechanism per row (the seed model: bypass). */
  mechanism?: Record<string, MechanismName[]>;
}

/**
 * Indices of the local extrema of y. Changes smaller than 1e-12 of the largest |y| count as flat, so that
 * round-off noise in a phase that has (nearly) vanished does not turn every row into an "extremum".
 */
export function localExtrema(y: ArrayLike<number>, into: Set<number> = new Set()): Set<number> {
  // `v - v === 0` is Number.isFinite(v), the reference value is kept rather than read again, and the
  // tolerance test needs no Math.abs: ~25 % less of the worker's CPU per run than before (issue 17).
  const n = y.length;
  let largest = 0;
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (v - v === 0) largest = Math.max(largest, v < 0 ? -v : v);
  }
  const tolerance = largest * 1e-12;
  let direction = 0;
  let refIndex = -1;
  let ref = 0;
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (v - v !== 0) continue;
    if (refIndex < 0) {
      refIndex = i;
      ref = v;
      continue;
    }
    const change = v - ref;
    if (change <= tolerance && change >= -tolerance) continue;
    const sign = change > 0 ? 1 : -1;
    if (direction !== 0 && sign !== direction) into.add(refIndex);
    direction = sign;
    refIndex = i;
    ref = v;
  }
  return into;
}

export function argMax(y: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < y.length; i++) if (y[i] > y[best]) best = i;
  return best;
}

/** Picks `count` of the sorted `indices` evenly by rank. */
function evenByRank(indices: number[], count: number): number[] {
  if (count >= indices.length) return indices;
  if (count <= 0) return [];
  if (count === 1) return [indices[Math.floor(indices.length / 2)]];
  return Array.from(
    { length: count },
    (_, k) => indices[Math.round((k * (indices.length - 1)) / (count - 1))],
  );
}

/**
 * Row indices (sorted) of a shape-keeping subset of at most maxPoints rows: the first and last row, every
 * local extremum of the `extremaOf` series, the `alsoKeep` rows and the rest evenly in log-time. When the extrema alone are too
 * many, the first and last rows, the peak of `peakOf` and extrema evenly by rank.
 */
export function selectIndices(
  timeS: ArrayLike<number>,
  extremaOf: ArrayLike<number>[],
  peakOf: ArrayLike<number>,
  maxPoints: number,
  alsoKeep: Iterable<number> = [],
): number[] {
  if (timeS.length <= maxPoints) return Array.from({ length: timeS.length }, (_, i) => i);
  const extrema = new Set<number>(alsoKeep);
  for (const y of extremaOf) localExtrema(y, extrema);
  return selectAround(timeS, extrema, argMax(peakOf), maxPoints);
}

/**
 * selectIndices once the rows to keep (`extrema`) and the peak are known: both selections of a service run
 * share them (run-rows.ts). `logT`: ln t per row, when the caller has it already.
 */
export function selectAround(
  timeS: ArrayLike<number>,
  extrema: Set<number>,
  peak: number,
  maxPoints: number,
  logT?: ArrayLike<number>,
): number[] {
  const n = timeS.length;
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  const last = n - 1;
  const required = new Set([0, last, peak, ...extrema]);
  if (required.size > maxPoints) {
    // Two points cannot hold first, peak and last: the final state and the peak matter more than t = 0.
    const anchors = maxPoints >= 3 ? [0, peak, last] : [peak, last];
    const rest = [...extrema].filter((i) => !anchors.includes(i)).sort((a, b) => a - b);
    const kept = new Set([...anchors, ...evenByRank(rest, maxPoints - new Set(anchors).size)]);
    return [...kept].sort((a, b) => a - b);
  }
  const isRequired = new Uint8Array(n);
  for (const i of required) isRequired[i] = 1;
  const candidates: number[] = [];
  for (let i = 0; i < n; i++) if (isRequired[i] === 0 && timeS[i] > 0) candidates.push(i);
  const thinned = thinLogTime(timeS, candidates, maxPoints - required.size, logT);
  return [...required, ...thinned].sort((a, b) => a - b);
}

export function sumOf(arrays: ArrayLike<number>[], n: number): Float64Array {
  const total = new Float64Array(n);
  for (const a of arrays) for (let i = 0; i < n; i++) total[i] += a[i];
  return total;
}

export function clampPoints(maxPoints: number | undefined): number {
  const wanted = Number.isFinite(maxPoints) ? Math.floor(maxPoints as number) : DEFAULT_COMPACT_POINTS;
  return Math.min(MAX_COMPACT_POINTS, Math.max(2, wanted));
}

/**
 * Row indices a compact series of `result` with at most maxPoints rows keeps; rows before `fromRow` are
 * left out (charts start their time axis where precipitation starts and spend no points before it).
 * `totalDensity`: the phases' summed number densities per row, when the caller has them already.
 */
export function compactIndices(
  result: SimulationResult,
  maxPoints: number,
  fromRow = 0,
  totalDensity?: Float64Array,
): number[] {
  const { series, strength } = result;
  const from = Math.max(0, Math.min(fromRow, series.length - 1));
  const window = (a: Float64Array) => (from === 0 ? a : a.subarray(from));
  const densities = series.phases.map((p) => window(p.numberDensityPerM3));
  const extremaOf = [
    ...densities,
    totalDensity ? window(totalDensity) : sumOf(densities, series.length - from),
    window(strength.totalYieldStrengthMPa),
  ];
  const rows = selectIndices(
    window(series.timeS),
    extremaOf,
    window(strength.totalYieldStrengthMPa),
    maxPoints,
  );
  return from === 0 ? rows : rows.map((i) => i + from);
}

/** The given rows (sorted indices) of `result` as a compact series. */
export function compactRows(result: SimulationResult, rows: number[]): CompactSeries {
  const pick = (a: ArrayLike<number>, scale = 1) => rows.map((i) => a[i] * scale);
  const { series, strength } = result;
  const phases: Record<string, CompactPhaseSeries> = {};
  series.phases.forEach((ph, p) => {
    const s = strength.phases[p];
    phases[ph.name] = {
      number_density_per_m3: pick(ph.numberDensityPerM3),
      mean_radius_nm: pick(ph.meanRadiusM, 1e9),
      diameter_nm: pick(s.diameterNm),
      major_axis_nm: pick(s.majorAxisNm),
      volume_fraction: pick(ph.volumeFraction),
      crss_mpa: pick(s.crssMPa),
      yield_strength_mpa: pick(s.yieldStrengthMPa),
    };
  });
  return {
    points: rows.length,
    recorded_points: series.length,
    time_hours: rows.map((i) => series.timeS[i] / 3600),
    temperature_c: rows.map((i) => series.temperatureK[i] - 273.15),
    matrix_composition: Object.fromEntries(
      Object.entries(series.matrixComposition).map(([k, v]) => [k, pick(v)]),
    ),
    phases,
    total_crss_mpa: pick(strength.totalCrssMPa),
    total_yield_strength_mpa: pick(strength.totalYieldStrengthMPa),
    precipitation_strength_mpa: pick(strength.precipitationStrengthMPa),
    solid_solution_strength_mpa: pick(strength.solidSolutionStrengthMPa),
    base_strength_mpa: pick(strength.baseStrengthMPa),
    hardness_hv: pick(strength.hardnessHV),
    mechanism: Object.fromEntries(
      strength.phases.map((s) => [s.name, rows.map((i) => MECHANISM_NAMES[s.mechanism[i]])]),
    ),
  };
}

/** The series of `result` with at most maxPoints rows (default: the request's max_points; at most 5000). */
export function compactSeries(result: SimulationResult, maxPoints?: number): CompactSeries {
  return compactRows(result, compactIndices(result, clampPoints(maxPoints ?? result.request.max_points)));
}
