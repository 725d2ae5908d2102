// The KWN kernel: size distributions, population balance and nucleation rate of every precipitate phase,
// (thermo.ts) the composition-dependent thermodynamics of each step, and (run.ts) the whole step.
// Flat API: numbers in and out, state in linear memory; per-phase results in the `out` slots
// (see src/kernel/types.ts for the slot meanings). The host calls it a few times per step: the step's two
// halves (run.ts), or, for a host that steps itself, each part of it.
import {
  A_BOUNDS, A_GROWTH, A_INV_BOUND, A_NEXT, A_PSD, A_SIZE, A_SIZE3, OUT_STRIDE, S_BETA, S_BINS, S_DISSOLUTION,
  S_GAMMA, S_HI, S_LO, S_NEXT_HI, S_NEXT_LO, S_OCCUPIED, S_ORIGINAL, S_VM, arr, getS, layOutMemory, ld, outBase,
  matrixMolarVolume, phaseIsEmpty, setMatrixMolarVolume, setS, st,
} from './layout';
import { adjust, advanceGrid, clearArray, fluxesAndLimit, growingSurfaceRate, layOut } from './grid';
import { appendHistory, incubationTime, recordCount, resetHistory, timeOf } from './history';

import { exp } from './math';

const AVOGADRO: f64 = 6.022e23;
const BOLTZMANN: f64 = 8.314 / 6.022e23;
const SPHERE_VOLUME_FACTOR: f64 = (4 * Math.PI) / 3;
const SPHERE_AREA_FACTOR: f64 = 4 * Math.PI;
const MIN_NUCLEATED_DENSITY: f64 = 1e-10;

let minRadiusM: f64 = 0;
let gridMinM: f64 = 0;
let gridMaxM: f64 = 0;
let initialBins: i32 = 0;
let minBins: i32 = 0;
let maxBins: i32 = 0;
let latticeParameterM: f64 = 0;

// @ts-ignore: decorator
@inline function out(p: i32): usize {
  return outBase + ((<usize>(p * OUT_STRIDE)) << 3);
}

export function setup(
  phases: i32, minRadius: f64, gridMin: f64, gridMax: f64, bins: i32, minB: i32, maxB: i32, lattice: f64, vmMatrix: f64,
): void {
  minRadiusM = minRadius;
  gridMinM = gridMin;
  gridMaxM = gridMax;
  initialBins = bins;
  minBins = minB;
  maxBins = maxB;
  latticeParameterM = lattice;
  setMatrixMolarVolume(vmMatrix);
  // Room for 32,768 records (2.9 MB for five phases), so that typical runs (example 03: 16.5 k steps)
  // never grow the memory mid-run: each growth detaches the buffer under the host's views, and in
  // Chromium that cost the page's first preview ~0.1 s (interleaved page loads, 1033 vs 935 ms).
  layOutMemory(phases, 32768);
  resetHistory();
  for (let p = 0; p < phases; p++) resetGrid(p);
}

export function setPhase(p: i32, gamma: f64, vm: f64): void {
  setS(p, S_GAMMA, gamma);
  setS(p, S_VM, vm);
}

/** Whether phase p's stored distribution holds no particles (an i32: the host reads it as 0 or 1). */
export function isEmpty(p: i32): i32 {
  return phaseIsEmpty(p) ? 1 : 0;
}


export function resetGrid(p: i32): void {
  if (getS(p, S_ORIGINAL) != 0 && phaseIsEmpty(p)) {
    clearGrowth(p);
    return;
  }
  layOut(p, gridMinM, Math.max(10 * gridMinM, gridMaxM), initialBins);
  clearArray(p, A_PSD, initialBins);
  clearArray(p, A_NEXT, initialBins);
  clearGrowth(p);
  setS(p, S_DISSOLUTION, 0);
  setS(p, S_ORIGINAL, 1);
  setS(p, S_OCCUPIED, 0);
  setS(p, S_LO, 0);
  setS(p, S_HI, -1);
}

export function clearGrowth(p: i32): void {
  clearArray(p, A_GROWTH, <i32>getS(p, S_BINS) + 1);
}

export function setGrowth(p: i32, mc: f64, drivingForceJPerMol: f64): void {
  const bins = <i32>getS(p, S_BINS);
  const g = arr(p, A_GROWTH);
  const invB = arr(p, A_INV_BOUND);
  const gibbsThomson = 2 * getS(p, S_GAMMA) * getS(p, S_VM);
  for (let j = 0; j <= bins; j++) {
    const inv = ld(invB, j);
    st(g, j, mc * inv * (drivingForceJPerMol - gibbsThomson * inv));
  }
}

export function prepare(p: i32): f64 {
  return fluxesAndLimit(p, <i32>getS(p, S_DISSOLUTION));
}

export function volumeRate(p: i32, nucleationRate: f64, nucleusRadiusM: f64): f64 {
  const ratio = matrixMolarVolume / getS(p, S_VM);
  const r = nucleusRadiusM;
  return ratio * (SPHERE_AREA_FACTOR * growingSurfaceRate(p) + SPHERE_VOLUME_FACTOR * nucleationRate * (r * r * r));
}

export function advance(p: i32, dt: f64, nucleationRate: f64, nucleusRadiusM: f64): void {
  advanceGrid(p, dt, nucleationRate, nucleusRadiusM, minRadiusM, out(p));
}

export function nucleate(p: i32, temperatureK: f64, timeS: f64, drivingForceJPerM3: f64, betaImpingement: f64, sites: f64): f64 {
  const g = getS(p, S_GAMMA);
  const vm = getS(p, S_VM);
  const kT = BOLTZMANN * temperatureK;
  const rCrit = Math.max((2 * g) / drivingForceJPerM3, minRadiusM);
  const gCrit = SPHERE_VOLUME_FACTOR * g * rCrit * rCrit;
  const a = latticeParameterM;
  const beta = (betaImpingement * SPHERE_AREA_FACTOR * rCrit * rCrit) / (a * a * a * a);
  const o = out(p);
  if (beta == 0) return ld(o, 3); // kawin keeps the previous values
  const z = (Math.sqrt((3 * SPHERE_VOLUME_FACTOR) / (4 * Math.PI)) * vm * Math.sqrt(g / kT)) / (2 * Math.PI * AVOGADRO * rCrit * rCrit);
  const tau = incubationTime(p, timeS, temperatureK, beta, z);
  const incubation = timeS > 0 ? Math.min(exp(-tau / timeS), 1) : tau > 0 ? 0 : 1;
  let rate = z * beta * exp(-gCrit / kT) * incubation;
  rate *= Math.max(sites, 0);
  const n = recordCount() - 1;
  const dtPrev = n == 0 ? timeS : timeOf(n) - timeOf(n - 1);
  const nucleus = rate * dtPrev >= MIN_NUCLEATED_DENSITY && rCrit >= minRadiusM ? rCrit + 0.5 * Math.sqrt(kT / (Math.PI * g)) : 0;
  st(o, 3, rate);
  st(o, 4, nucleus);
  st(o, 5, rCrit);
  st(o, 6, gCrit);
  st(o, 7, beta);
  setS(p, S_BETA, beta);
  return rate;
}

export function commit(p: i32): i32 {
  const n = arr(p, A_PSD);
  const next = arr(p, A_NEXT);
  // NEXT was written over [NEXT_LO, NEXT_HI]; PSD is zero outside [LO, HI], which lies inside it.
  let from = <i32>getS(p, S_NEXT_LO);
  let to = <i32>getS(p, S_NEXT_HI);
  // kawin quirk: n < 1 is dropped only now, after the mass balance already counted those bins
  for (let i = from; i <= to; i++) {
    const v = ld(next, i);
    st(n, i, v < 1 ? 0 : v);
  }
  const changed = adjust(p, initialBins, minBins, maxBins, from, to);
  if (changed) {
    from = 0;
    to = <i32>getS(p, S_BINS) - 1;
  }
  const size = arr(p, A_SIZE);
  const size3 = arr(p, A_SIZE3);
  let lo = to + 1;
  let hi = -1;
  let total: f64 = 0;
  for (let i = from; i <= to; i++) {
    if (ld(size, i) < minRadiusM) st(n, i, 0);
    else if (ld(n, i) != 0) {
      if (lo > i) lo = i;
      hi = i;
    }
    total += ld(n, i) * ld(size3, i);
  }
  let index = 0;
  if (hi >= 0) {
    const threshold = 1e-3 * total;
    let running: f64 = 0;
    for (let i = lo; i <= hi; i++) {
      running += ld(n, i) * ld(size3, i);
      if (running > threshold) {
        index = i;
        break;
      }
    }
  }
  setS(p, S_OCCUPIED, hi >= 0 ? 1 : 0);
  setS(p, S_LO, hi >= 0 ? <f64>lo : 0);
  setS(p, S_HI, <f64>hi);
  setS(p, S_DISSOLUTION, <f64>index);
  if (changed) setS(p, S_ORIGINAL, 0);
  return changed ? 1 : 0;
}

export function appendRecord(timeS: f64, temperatureK: f64): void {
  appendHistory(timeS, temperatureK);
}

export function binsOf(p: i32): i32 {
  return <i32>getS(p, S_BINS);
}

export function psdPtr(p: i32): usize {
  return arr(p, A_PSD);
}

export function boundsPtr(p: i32): usize {
  return arr(p, A_BOUNDS);
}

export function outPtr(): usize {
  return outBase;
}

/** β* of phase p as the next appended record reads it (nucleate sets it; tests/engine/incubation.test.ts). */
export function setImpingement(p: i32, beta: f64): void {
  setS(p, S_BETA, beta);
}

// The incubation time alone, for tests/engine/incubation.test.ts (nucleate calls it).
export { incubationTime } from './history';

// Checkpoints (resuming a run): the state is memory [stateStart, stateEnd) plus the history's scalars.
export { historyScalar, restoreHistory, stateEnd } from './history';
export { stateStart } from './layout';

// The composition-dependent thermodynamics of a step (src/kernel/wasm-thermo.ts).
export {
  chemicalPotentials, drivingForceAtMu, kinetics, thermoBlock, thermoSystem, thermoTemperature,
} from './thermo';

// The engine's own exp, log, pow, log10 and cbrt (math.ts), for the host's T-only expressions and strength.
export { cbrt, exp, log, log10, pow } from './math';

// A run's whole step (run.ts), its constant inputs (run-inputs.ts) and recorded row (src/kernel/wasm-run.ts).
export { runBegin, runChooseStep, runFinishStep, runResumeAt, runScalarsPtr, runSetUp } from './run';
export {
  runCompound, runGibbs, runInitialComposition, runLimits, runProfilePoint, runRowPtr,
} from './run-inputs';

// The layout the host reads by name (src/kernel/run-thermo.ts, run-steps.ts): capacities, and offsets in
// doubles from thermoBlock(), runScalarsPtr() and runRowPtr().
export { MAX_ELEMENTS, MAX_TERMS } from './thermo-block';
export {
  BLOCK_DOUBLES as THERMO_BLOCK_DOUBLES, T_CURVATURE as THERMO_CURVATURE, T_DC as THERMO_DC, T_G0 as THERMO_G0,
  T_GRAD as THERMO_GRAD, T_MOBILITY_TERMS as THERMO_MOBILITY_TERMS, T_MOBILITY_VALUES as THERMO_MOBILITY_VALUES,
  T_MU as THERMO_MU, T_TERMS as THERMO_TERMS, T_TRIAL as THERMO_TRIAL, T_X as THERMO_X, T_XB as THERMO_XB,
  T_X_ALPHA as THERMO_X_ALPHA,
} from './thermo-block';
export { MAX_PROFILE_POINTS, MAX_RUN_PHASES, ROW_PHASE_QUANTITIES, ROW_PHASES_OFFSET } from './run-inputs';
export {
  R_LAST_T as RUN_LAST_TEMPERATURE, R_MAX_STEP as RUN_MAX_STEP, R_RECORDS as RUN_RECORDS,
  R_STEP_INDEX as RUN_STEP_INDEX, R_TIME as RUN_TIME,
} from './layout';
