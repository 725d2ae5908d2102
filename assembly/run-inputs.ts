// What a run the kernel steps (run.ts) reads but never changes, outside the saved state (a run resumed
// from a checkpoint may have a different schedule after it): the schedule, x0, each phase's compound,
// the time-step limits, and the Gibbs energies at the loaded temperature; and the row a step records.
import { MAX_ELEMENTS } from './thermo-block';

export const MAX_RUN_PHASES: i32 = 8;
export const MAX_PROFILE_POINTS: i32 = 1000;
const E: i32 = MAX_ELEMENTS;
export const ROW_PHASE_QUANTITIES: i32 = 8;
// A phase's row values after the six of the KWN model: the radius moments M1 and M2 of its distribution
// (strength.md §1), from which kawin's strength model computes its rows after the run (strength-rows.ts).
export const ROW_FIRST_MOMENT: i32 = 6;
export const ROW_SECOND_MOMENT: i32 = 7;

// Offsets (doubles) in the block.
const I_HOURS: i32 = 0;
const I_KELVIN: i32 = I_HOURS + MAX_PROFILE_POINTS;
const I_X0: i32 = I_KELVIN + MAX_PROFILE_POINTS;
const I_COMPOSITION: i32 = I_X0 + E; // x^β of each phase's compound, every element
const I_GIBBS: i32 = I_COMPOSITION + MAX_RUN_PHASES * E; // G^β per atom at the loaded temperature
export const ROW_SOLUTES: i32 = I_GIBBS + MAX_RUN_PHASES;
export const ROW_PHASES: i32 = ROW_SOLUTES + E;
const INPUT_DOUBLES: i32 = ROW_PHASES + MAX_RUN_PHASES * ROW_PHASE_QUANTITIES;
/** Where the phases' values start in the row, doubles from its start (the solutes come first). */
export const ROW_PHASES_OFFSET: i32 = ROW_PHASES - ROW_SOLUTES;

const INPUTS: usize = memory.data(INPUT_DOUBLES << 3, 16);

// @ts-ignore: decorator
@inline function get(i: i32): f64 {
  return load<f64>(INPUTS + ((<usize>i) << 3));
}
// @ts-ignore: decorator
@inline export function getRow(i: i32): f64 {
  return get(i);
}
// @ts-ignore: decorator
@inline export function putRow(i: i32, v: f64): void {
  store<f64>(INPUTS + ((<usize>i) << 3), v);
}

export let profilePoints: i32 = 0;
export let endS: f64 = 0;
export let bulkSitesPerM3: f64 = 0;
// kawin's time-step constraints and the mass balance's threshold (src/engine/constants.ts)
export let firstStepS: f64 = 0;
export let growthFactor: f64 = 0;
export let minFractionOfRun: f64 = 0;
export let maxRateChangeDecades: f64 = 0;
export let minNucleationRate: f64 = 0;
export let maxNucleatedPerStep: f64 = 0;
export let maxTemperatureChangeK: f64 = 0;
export let maxCriticalRadiusChange: f64 = 0;
export let maxVolumeChange: f64 = 0;
export let minNumberDensity: f64 = 0;

export function runLimits(
  firstStep: f64, growth: f64, minFraction: f64, rateDecades: f64, minRate: f64, maxNucleated: f64, maxHeating: f64,
  maxCriticalChange: f64, maxVolume: f64, minDensity: f64,
): void {
  firstStepS = firstStep;
  growthFactor = growth;
  minFractionOfRun = minFraction;
  maxRateChangeDecades = rateDecades;
  minNucleationRate = minRate;
  maxNucleatedPerStep = maxNucleated;
  maxTemperatureChangeK = maxHeating;
  maxCriticalRadiusChange = maxCriticalChange;
  maxVolumeChange = maxVolume;
  minNumberDensity = minDensity;
}

export function runProfilePoint(i: i32, hours: f64, kelvin: f64): void {
  store<f64>(INPUTS + ((<usize>(I_HOURS + i)) << 3), hours);
  store<f64>(INPUTS + ((<usize>(I_KELVIN + i)) << 3), kelvin);
}

export function runInitialComposition(i: i32, x: f64): void {
  store<f64>(INPUTS + ((<usize>(I_X0 + i)) << 3), x);
}

export function runCompound(p: i32, i: i32, x: f64): void {
  store<f64>(INPUTS + ((<usize>(I_COMPOSITION + p * E + i)) << 3), x);
}

/** G^β of phase p's compound at the loaded temperature (the host, from its temperature callback). */
export function runGibbs(p: i32, gibbs: f64): void {
  store<f64>(INPUTS + ((<usize>(I_GIBBS + p)) << 3), gibbs);
}

export function runRowPtr(): usize {
  return INPUTS + ((<usize>ROW_SOLUTES) << 3);
}

export function setRunInputs(points: i32, end: f64, bulkSites: f64): void {
  profilePoints = points;
  endS = end;
  bulkSitesPerM3 = bulkSites;
}

// @ts-ignore: decorator
@inline export function x0(i: i32): f64 {
  return get(I_X0 + i);
}
// @ts-ignore: decorator
@inline export function compound(p: i32, i: i32): f64 {
  return get(I_COMPOSITION + p * E + i);
}
// @ts-ignore: decorator
@inline export function gibbsOf(p: i32): f64 {
  return get(I_GIBBS + p);
}

/** T(t) with numpy.interp's arithmetic (slope first), so flat segments give exactly the same T. */
export function temperatureAt(timeS: f64): f64 {
  const x = timeS / 3600;
  const last = profilePoints - 1;
  if (x <= get(I_HOURS)) return get(I_KELVIN);
  if (x >= get(I_HOURS + last)) return get(I_KELVIN + last);
  let j = 0;
  while (get(I_HOURS + j + 1) <= x) j++;
  const slope = (get(I_KELVIN + j + 1) - get(I_KELVIN + j)) / (get(I_HOURS + j + 1) - get(I_HOURS + j));
  return slope * (x - get(I_HOURS + j)) + get(I_KELVIN + j);
}
