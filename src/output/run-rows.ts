// Which rows of a run a service run keeps: the default raw data's (a few thousand, stored) and the compact
// series' (the answer). Both keep the same local extrema and peak and thin the rest in log-time, so a
// service run finds those and the logarithms once for both (runRows) instead of once per selection
// (issue 17); the rows are exactly rawDataIndices' and compactIndices'. Isomorphic.
import type { SimulationResult } from '../engine/index.js';
import { argMax, localExtrema, logTimes, selectAround, selectIndices, sumOf } from './compact.js';

/** Rows of the default raw data (results.json / results.csv): a few thousand at most. */
export const DEFAULT_RAW_ROWS = 2000;

/** Rows where y starts or stops changing: both ends of every ramp of a piecewise-linear schedule. */
export function slopeChanges(y: ArrayLike<number>, into: Set<number> = new Set()): Set<number> {
  for (let i = 1; i + 1 < y.length; i++) {
    const before = y[i] !== y[i - 1];
    const after = y[i + 1] !== y[i];
    if (before !== after) into.add(i);
  }
  return into;
}

/** Rows where y turns from zero to positive (a phase appears) and the last positive row before a zero. */
export function appearances(y: ArrayLike<number>, into: Set<number> = new Set()): Set<number> {
  for (let i = 1; i < y.length; i++) {
    if (y[i] > 0 && !(y[i - 1] > 0)) into.add(i);
    if (!(y[i] > 0) && y[i - 1] > 0) into.add(i - 1);
  }
  return into;
}

/** Rows the raw data keeps besides the extrema: the ends of temperature ramps, phases appearing and going. */
function rawDataKeeps(result: SimulationResult): Set<number> {
  const keep = slopeChanges(result.series.temperatureK);
  for (const phase of result.series.phases) appearances(phase.numberDensityPerM3, keep);
  return keep;
}

/** The series both selections keep the local extrema of: each phase's number density, their sum, strength. */
function extremaSeries(result: SimulationResult): ArrayLike<number>[] {
  const { series, strength } = result;
  const densities = series.phases.map((p) => p.numberDensityPerM3);
  return [...densities, sumOf(densities, series.length), strength.totalYieldStrengthMPa];
}

/**
 * Row indices of the default raw data: like the compact series (extrema of number densities and strength,
 * first, peak and last row, the rest evenly in log-time) but denser, with the ends of temperature ramps
 * and each phase's appearance and disappearance kept. The last row is the exact final state.
 */
export function rawDataIndices(result: SimulationResult, maxRows = DEFAULT_RAW_ROWS): number[] {
  const yieldMPa = result.strength.totalYieldStrengthMPa;
  return selectIndices(result.series.timeS, extremaSeries(result), yieldMPa, maxRows, rawDataKeeps(result));
}

/**
 * The rows of a service run's compact series (at most maxPoints, as compactIndices from row 0) and of its
 * default raw data (rawDataIndices), with the extrema, the peak and ln t found once.
 */
export function runRows(result: SimulationResult, maxPoints: number): { compact: number[]; raw: number[] } {
  const { timeS } = result.series;
  const extrema = new Set<number>();
  for (const y of extremaSeries(result)) localExtrema(y, extrema);
  const peak = argMax(result.strength.totalYieldStrengthMPa);
  const logT = timeS.length > Math.min(maxPoints, DEFAULT_RAW_ROWS) ? logTimes(timeS) : undefined;
  const keep = rawDataKeeps(result);
  for (const i of extrema) keep.add(i);
  return {
    compact: selectAround(timeS, extrema, peak, maxPoints, logT),
    raw: selectAround(timeS, keep, peak, DEFAULT_RAW_ROWS, logT),
  };
}
