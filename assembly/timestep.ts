// kawin's explicit-Euler time-step choice (kwn.md §8): the smallest of six limits, or 0.1 % more than the
// previous step when none binds, reading the run's last two records (layout.ts RUN_* and the run values
// per phase).
import {
  LAST_CRITICAL_RADIUS, LAST_DRIVING_FORCE, LAST_NUCLEATION_RATE, PREVIOUS_CRITICAL_RADIUS, PREVIOUS_NUCLEATION_RATE, PSD_STEP_LIMIT, RUN_LAST_TEMPERATURE,
  RUN_LAST_TIME, RUN_PREVIOUS_TEMPERATURE, RUN_PREVIOUS_TIME, RUN_RECORDS, runScalar, ld, phaseCount, runPhase,
} from './layout';
import { log10 } from './math';
import {
  endS, firstStepS, growthFactor, maxCriticalRadiusChange, maxNucleatedPerStep, maxRateChangeDecades,
  maxTemperatureChangeK, maxVolumeChange, minNucleationRate,
} from './run-inputs';

// @ts-ignore: decorator
@inline function runPhaseValue(p: i32, i: i32): f64 {
  return ld(runPhase(p), i);
}

/** timestep.ts chooseTimeStep: the smallest of six limits, or 0.1 % more than the previous step. */
export function chooseTimeStep(volumeRate: f64): f64 {
  const records = <i32>runScalar(RUN_RECORDS);
  const last = runScalar(RUN_LAST_TIME);
  const lastK = runScalar(RUN_LAST_TEMPERATURE);
  const prevK = runScalar(RUN_PREVIOUS_TEMPERATURE);
  const previousStep = records == 1 ? firstStepS : last - runScalar(RUN_PREVIOUS_TIME);
  const untilEnd = endS - last;
  let dt = untilEnd;
  const P = phaseCount;
  // kawin quirk: the PSD limit applies only while T did not change over the last step (exact comparison)
  if (records > 1 && lastK == prevK) {
    for (let p = 0; p < P; p++) if (runPhaseValue(p, PSD_STEP_LIMIT) < dt) dt = runPhaseValue(p, PSD_STEP_LIMIT);
  }
  for (let p = 0; p < P; p++) {
    const a = runPhaseValue(p, LAST_NUCLEATION_RATE);
    if (records > 1) {
      const b = runPhaseValue(p, PREVIOUS_NUCLEATION_RATE);
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
      const r0 = runPhaseValue(p, PREVIOUS_CRITICAL_RADIUS);
      const r1 = runPhaseValue(p, LAST_CRITICAL_RADIUS);
      if (!(r0 == 0 && r1 - r0 == 0 && runPhaseValue(p, LAST_DRIVING_FORCE) <= 0)) allSettled = false;
    }
    if (!allSettled) {
      for (let p = 0; p < P; p++) {
        const r0 = runPhaseValue(p, PREVIOUS_CRITICAL_RADIUS);
        const r1 = runPhaseValue(p, LAST_CRITICAL_RADIUS);
        if (r0 > 0 && r1 - r0 != 0 && runPhaseValue(p, LAST_DRIVING_FORCE) > 0) {
          dt = Math.min(dt, (maxCriticalRadiusChange * previousStep) / Math.abs((r1 - r0) / r0));
        }
      }
    }
  }
  if (volumeRate != 0) dt = Math.min(dt, maxVolumeChange / (2 * Math.abs(volumeRate)));
  // kawin quirk: exact comparison with the remaining time decides whether the step just grows by 0.1 %
  return dt == untilEnd ? growthFactor * previousStep : dt;
}
