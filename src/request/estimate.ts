// What a request's schedule will cost the engine, known before it runs: every kelvin of heating takes at
// least one step (the step limit on heating), in practice two or more.
import { MIN_STEPS_PER_KELVIN_HEATING } from './defaults.js';

/** Total rise of the piecewise-linear schedule over [0, endHours], K (cooling not counted). */
export function heatingKelvin(timesHours: number[], temperaturesCelsius: number[], endHours: number): number {
  let heating = 0;
  for (let i = 1; i < timesHours.length && timesHours[i - 1] < endHours; i++) {
    const t0 = timesHours[i - 1];
    const t1 = timesHours[i];
    const T0 = temperaturesCelsius[i - 1];
    // The last segment the run reaches counts up to the end of the run only.
    const T1 =
      t1 <= endHours
        ? temperaturesCelsius[i]
        : T0 + ((temperaturesCelsius[i] - T0) * (endHours - t0)) / (t1 - t0);
    if (T1 > T0) heating += T1 - T0;
  }
  return heating;
}

/** The fewest steps the engine is expected to take for the schedule. */
export function estimatedMinimumSteps(
  timesHours: number[],
  temperaturesCelsius: number[],
  endHours: number,
): number {
  return Math.ceil(MIN_STEPS_PER_KELVIN_HEATING * heatingKelvin(timesHours, temperaturesCelsius, endHours));
}
