// kawin's explicit-Euler time-step choice (kwn.md §8) for a run the kernel steps: src/engine/timestep.ts
// op for op, reading the run's last two records (layout.ts R_* and RP_*).
import {
  RP_LAST_CRITICAL, RP_LAST_DRIVING, RP_LAST_RATE, RP_PREV_CRITICAL, RP_PREV_RATE, RP_PSD_LIMIT, R_LAST_T,
  R_LAST_TIME, R_PREV_T, R_PREV_TIME, R_RECORDS, getR, ld, phaseCount, runPhase,
} from './layout';
import { log10 } from './math';
import {
  endS, firstStepS, growthFactor, maxCriticalRadiusChange, maxNucleatedPerStep, maxRateChangeDecades,
  maxTemperatureChangeK, maxVolumeChange, minNucleationRate,
} from './run-inputs';

// @ts-ignore: decorator
@inline function ph(p: i32, i: i32): f64 {
  return ld(runPhase(p), i);
}

/** timestep.ts chooseTimeStep: the smallest of six limits, or 0.1 % more than the previous step. */
export function chooseTimeStep(volumeRate: f64): f64 {
  const records = <i32>getR(R_RECORDS);
  const last = getR(R_LAST_TIME);
  const lastK = getR(R_LAST_T);
  const prevK = getR(R_PREV_T);
  const previousStep = records == 1 ? firstStepS : last - getR(R_PREV_TIME);
  const untilEnd = endS - last;
  let dt = untilEnd;
  const P = phaseCount;
  // kawin quirk: the PSD limit applies only while T did not change over the last step (exact comparison)
  if (records > 1 && lastK == prevK) {
    for (let p = 0; p < P; p++) if (ph(p, RP_PSD_LIMIT) < dt) dt = ph(p, RP_PSD_LIMIT);
  }
  for (let p = 0; p < P; p++) {
    const a = ph(p, RP_LAST_RATE);
    if (records > 1) {
      const b = ph(p, RP_PREV_RATE);
      if (a > minNucleationRate && b > minNucleationRate && a != b) {
        dt = Math.min(dt, (maxRateChangeDecades * previousStep) / Math.abs(log10(b / a)));
      }
    } else if (a * previousStep > maxNucleatedPerStep) {
      dt = Math.min(dt, maxNucleatedPerStep / a);
    }
  }
  if (records > 1) {
    const heating = lastK - prevK; // signed: cooling never limits the step
    if (heating > maxTemperatureChangeK) dt = Math.min(dt, (maxTemperatureChangeK * previousStep) / heating);
    let allSettled = true;
    for (let p = 0; p < P; p++) {
      const r0 = ph(p, RP_PREV_CRITICAL);
      const r1 = ph(p, RP_LAST_CRITICAL);
      if (!(r0 == 0 && r1 - r0 == 0 && ph(p, RP_LAST_DRIVING) <= 0)) allSettled = false;
    }
    if (!allSettled) {
      for (let p = 0; p < P; p++) {
        const r0 = ph(p, RP_PREV_CRITICAL);
        const r1 = ph(p, RP_LAST_CRITICAL);
        if (r0 > 0 && r1 - r0 != 0 && ph(p, RP_LAST_DRIVING) > 0) {
          dt = Math.min(dt, (maxCriticalRadiusChange * previousStep) / Math.abs((r1 - r0) / r0));
        }
      }
    }
  }
  if (volumeRate != 0) dt = Math.min(dt, maxVolumeChange / (2 * Math.abs(volumeRate)));
  // kawin quirk: exact comparison with the remaining time decides whether the step just grows by 0.1 %
  return dt == untilEnd ? growthFactor * previousStep : dt;
}
