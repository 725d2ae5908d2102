// kawin's explicit-Euler time-step choice (kwn.md §8): the smallest of six limits, or 0.1 % more than the
// previous step when none binds.
import { STEP_LIMITS as L } from './constants.js';
import type { RunState } from './run-state.js';
import { log10 } from '../thermo/math.js';

/**
 * What the choice reads of a run: records so far (set-up row included; the last one is record
 * n = records − 1), the last two records, the run's end (s) and each phase's PSD limit (Infinity when
 * none). The run's own state is passed: an object of these per step was most of what a step allocated.
 */
export type TimeStepInputs = Pick<RunState, 'records' | 'last' | 'prev' | 'endS' | 'psdLimits'>;

/** `volumeRate`: dV/dt of the last phase. */
export function chooseTimeStep(run: TimeStepInputs, volumeRate: number): number {
  const { records, last, prev, endS, psdLimits } = run;
  const n = records - 1;
  const previousStep = n === 0 ? L.firstStepS : last.timeS - prev.timeS;
  const untilEnd = endS - last.timeS;
  let dt = untilEnd;
  const P = psdLimits.length;
  // kawin quirk: the PSD limit applies only while T did not change over the last step (exact comparison)
  if (n > 0 && last.temperatureK === prev.temperatureK) {
    for (let p = 0; p < P; p++) if (psdLimits[p] < dt) dt = psdLimits[p];
  }
  for (let p = 0; p < P; p++) {
    const a = last.nucleationRate[p];
    if (n > 0) {
      const b = prev.nucleationRate[p];
      if (a > L.minNucleationRate && b > L.minNucleationRate && a !== b) {
        dt = Math.min(dt, (L.maxNucleationRateChangeDecades * previousStep) / Math.abs(log10(b / a)));
      }
    } else if (a * previousStep > L.maxNucleatedPerStep) {
      dt = Math.min(dt, L.maxNucleatedPerStep / a);
    }
  }
  if (n > 0) {
    const heating = last.temperatureK - prev.temperatureK; // signed: cooling never limits the step
    if (heating > L.maxTemperatureChangeK)
      dt = Math.min(dt, (L.maxTemperatureChangeK * previousStep) / heating);
    let allSettled = true;
    for (let p = 0; p < P; p++) {
      const r0 = prev.criticalRadiusM[p];
      const r1 = last.criticalRadiusM[p];
      if (!(r0 === 0 && r1 - r0 === 0 && last.drivingForceJPerM3[p] <= 0)) allSettled = false;
    }
    if (!allSettled) {
      for (let p = 0; p < P; p++) {
        const r0 = prev.criticalRadiusM[p];
        const r1 = last.criticalRadiusM[p];
        if (r0 > 0 && r1 - r0 !== 0 && last.drivingForceJPerM3[p] > 0) {
          dt = Math.min(dt, (L.maxCriticalRadiusChange * previousStep) / Math.abs((r1 - r0) / r0));
        }
      }
    }
  }
  if (volumeRate !== 0) dt = Math.min(dt, L.maxVolumeChange / (2 * Math.abs(volumeRate)));
  // kawin quirk: exact comparison with the remaining time decides whether the step just grows by 0.1 %
  return dt === untilEnd ? L.growthFactor * previousStep : dt;
}
