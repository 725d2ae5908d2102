// Reading the kawin simulation fixtures (tools/reference/simulate.py) and comparing our series with them.
import { existsSync, readdirSync } from 'node:fs';
import { orowanCrssPa } from '../../src/engine/strength.js';
import { DEFAULT_CONFIG } from '../../src/request/defaults.js';
import { FIXTURES, readFixture } from '../../tools/harness/paths.js';

export interface KawinPhaseSeries {
  number_density: number[];
  mean_radius_m: number[];
  volume_fraction: number[];
}
export interface KawinFinalPhase {
  number_density: number;
  mean_radius_m: number;
  volume_fraction: number;
}
export interface KawinSimulation {
  case: string;
  kawin_version: string;
  request: Record<string, unknown>;
  steps: number;
  final: { composition: [number, number]; phases: Record<string, KawinFinalPhase> };
  series: {
    time_s: number[];
    series_step_index: number[];
    x_mg: number[];
    x_si: number[];
    phases: Record<string, KawinPhaseSeries>;
  };
}

const SIM_FILES = readdirSync(`${FIXTURES}kawin`).filter((f) => /^sim-.*\.json$/.test(f));

/** Cases with a main fixture sim-<case>.json (kawin run with PYTHONHASHSEED=0). */
export const SIMULATION_CASES = SIM_FILES.filter((f) => !f.slice(4, -5).includes('.'))
  .map((f) => f.slice(4, -5))
  .sort();

export const loadSimulation = (name: string) => readFixture<KawinSimulation>(`kawin/sim-${name}.json`);

/**
 * Every kawin run of a case: the main one and the reruns that differ only in Python's hash seed
 * (sim-<case>.<label>.json), which changes pycalphad's summation order and so kawin's last bits.
 */
export function loadKawinRuns(name: string): KawinSimulation[] {
  const reruns = SIM_FILES.filter((f) => f.startsWith(`sim-${name}.`) && f !== `sim-${name}.json`).sort();
  return [loadSimulation(name), ...reruns.map((f) => readFixture<KawinSimulation>(`kawin/${f}`))];
}

/** kawin's recorded times of every step, when tools/reference/export_steps.py wrote them. */
export function kawinStepTimes(name: string): number[] | undefined {
  const path = `kawin/steps-${name}.json`;
  return existsSync(`${FIXTURES}${path}`) ? readFixture<{ time_s: number[] }>(path).time_s : undefined;
}

/** Total yield strength (MPa) from per-phase mean radius and volume fraction, the service's law. */
export function totalYieldStrengthMPa(phases: { radiusM: number; fraction: number }[]): number {
  const crss = phases.reduce(
    (s, p) => s + orowanCrssPa(p.radiusM, p.fraction, DEFAULT_CONFIG.dislocation),
    0,
  );
  return (DEFAULT_CONFIG.taylor_factor * crss) / 1e6;
}

/** Linear interpolation of (xs, ys) at x; xs ascending. */
export function interpolateAt(xs: ArrayLike<number>, ys: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  if (x <= xs[0]) return ys[0];
  if (x >= xs[hi]) return ys[hi];
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid;
    else hi = mid;
  }
  return ys[lo] + ((ys[hi] - ys[lo]) * (x - xs[lo])) / (xs[hi] - xs[lo]);
}

export const relativeError = (actual: number, expected: number) =>
  Math.abs(actual - expected) / Math.abs(expected);
