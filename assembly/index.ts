// The KWN kernel: size distributions, population balance and nucleation rate of every precipitate phase,
// (thermo.ts) the composition-dependent thermodynamics of each step, and (run.ts) the whole step.
// Flat API: numbers in and out, state in linear memory; per-phase results in the `out` slots (layout.ts
// OUT_*). One source for two targets: asc builds it to build/kernel.wasm, and tools/make/kernel.mjs
// translates that to JavaScript (wasm2js) for the JS solver and src/thermo. The host calls it twice per
// step (run.ts) and reads the layout by the names exported at the end of this file.
import {
  A_BOUNDS, A_GROWTH, A_INV_BOUND, A_NEXT, A_PSD, A_SIZE, A_SIZE3, OUT_STRIDE, IMPINGEMENT, BIN_COUNT, DISSOLUTION_INDEX,
  INTERFACIAL_ENERGY, SITE_FACTOR, LAST_OCCUPIED, FIRST_OCCUPIED, LAST_NEXT, FIRST_NEXT, OCCUPIED, ORIGINAL_GRID, MOLAR_VOLUME, arr, phaseScalar, layOutMemory, ld, outBase,
  matrixMolarVolume, phaseIsEmpty, setMatrixMolarVolume, SPHERE_VOLUME_FACTOR, setPhaseScalar, st,
} from './layout';
import {
  OUT_CRITICAL_ENERGY, OUT_CRITICAL_RADIUS, OUT_IMPINGEMENT, OUT_NUCLEATION_RATE, OUT_NUCLEUS_RADIUS,
} from './layout';
import { adjust, advanceGrid, clearArray, fluxesAndLimit, growingSurfaceRate, layOut } from './grid';
import { appendHistory, incubationTime, recordCount, resetHistory, timeOf } from './history';

import { exp } from './math';

const SPHERE_AREA_FACTOR: f64 = 4 * Math.PI;
// kawin's Avogadro and Boltzmann constants, from the host (src/thermo/constants.ts) at setup
let avogadro: f64 = 0;
let boltzmann: f64 = 0;
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
  avogadroPerMol: f64, boltzmannJPerK: f64,
): void {
  avogadro = avogadroPerMol;
  boltzmann = boltzmannJPerK;
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

export function setPhase(p: i32, gamma: f64, vm: f64, siteFactor: f64): void {
  setPhaseScalar(p, INTERFACIAL_ENERGY, gamma);
  setPhaseScalar(p, MOLAR_VOLUME, vm);
  setPhaseScalar(p, SITE_FACTOR, siteFactor);
}

/** Whether phase p's stored distribution holds no particles (an i32: the host reads it as 0 or 1). */
export function isEmpty(p: i32): i32 {
  return phaseIsEmpty(p) ? 1 : 0;
}


export function resetGrid(p: i32): void {
  if (phaseScalar(p, ORIGINAL_GRID) != 0 && phaseIsEmpty(p)) {
    clearGrowth(p);
    return;
  }
  layOut(p, gridMinM, Math.max(10 * gridMinM, gridMaxM), initialBins);
  clearArray(p, A_PSD, initialBins);
  clearArray(p, A_NEXT, initialBins);
  clearGrowth(p);
  setPhaseScalar(p, DISSOLUTION_INDEX, 0);
  setPhaseScalar(p, ORIGINAL_GRID, 1);
  setPhaseScalar(p, OCCUPIED, 0);
  setPhaseScalar(p, FIRST_OCCUPIED, 0);
  setPhaseScalar(p, LAST_OCCUPIED, -1);
}

export function clearGrowth(p: i32): void {
  clearArray(p, A_GROWTH, <i32>phaseScalar(p, BIN_COUNT) + 1);
}

export function setGrowth(p: i32, mc: f64, drivingForceJPerMol: f64): void {
  const bins = <i32>phaseScalar(p, BIN_COUNT);
  const g = arr(p, A_GROWTH);
  const invB = arr(p, A_INV_BOUND);
  const gibbsThomson = 2 * phaseScalar(p, INTERFACIAL_ENERGY) * phaseScalar(p, MOLAR_VOLUME);
  for (let j = 0; j <= bins; j++) {
    const inv = ld(invB, j);
    st(g, j, mc * inv * (drivingForceJPerMol - gibbsThomson * inv));
  }
}

export function prepare(p: i32): f64 {
  return fluxesAndLimit(p, <i32>phaseScalar(p, DISSOLUTION_INDEX));
}

export function volumeRate(p: i32, nucleationRate: f64, nucleusRadiusM: f64): f64 {
  const ratio = matrixMolarVolume / phaseScalar(p, MOLAR_VOLUME);
  const r = nucleusRadiusM;
  return ratio * (SPHERE_AREA_FACTOR * growingSurfaceRate(p) + SPHERE_VOLUME_FACTOR * nucleationRate * (r * r * r));
}

export function advance(p: i32, dt: f64, nucleationRate: f64, nucleusRadiusM: f64): void {
  advanceGrid(p, dt, nucleationRate, nucleusRadiusM, minRadiusM, out(p));
}

export function nucleate(p: i32, temperatureK: f64, timeS: f64, drivingForceJPerM3: f64, betaImpingement: f64, sites: f64): f64 {
  const g = phaseScalar(p, INTERFACIAL_ENERGY);
  const vm = phaseScalar(p, MOLAR_VOLUME);
  const kT = boltzmann * temperatureK;
  const rCrit = Math.max((2 * g) / drivingForceJPerM3, minRadiusM);
  const gCrit = SPHERE_VOLUME_FACTOR * g * rCrit * rCrit;
  const a = latticeParameterM;
  const beta = (betaImpingement * SPHERE_AREA_FACTOR * rCrit * rCrit) / (a * a * a * a);
  const o = out(p);
  if (beta == 0) return ld(o, OUT_NUCLEATION_RATE); // kawin keeps the previous values
  const z = (Math.sqrt((3 * SPHERE_VOLUME_FACTOR) / (4 * Math.PI)) * vm * Math.sqrt(g / kT)) / (2 * Math.PI * avogadro * rCrit * rCrit);
  const tau = incubationTime(p, timeS, temperatureK, beta, z);
  const incubation = timeS > 0 ? Math.min(exp(-tau / timeS), 1) : tau > 0 ? 0 : 1;
  let rate = z * beta * exp(-gCrit / kT) * incubation;
  rate *= Math.max(sites, 0);
  const n = recordCount() - 1;
  const dtPrev = n == 0 ? timeS : timeOf(n) - timeOf(n - 1);
  const nucleus = rate * dtPrev >= MIN_NUCLEATED_DENSITY && rCrit >= minRadiusM ? rCrit + 0.5 * Math.sqrt(kT / (Math.PI * g)) : 0;
  st(o, OUT_NUCLEATION_RATE, rate);
  st(o, OUT_NUCLEUS_RADIUS, nucleus);
  st(o, OUT_CRITICAL_RADIUS, rCrit);
  st(o, OUT_CRITICAL_ENERGY, gCrit);
  st(o, OUT_IMPINGEMENT, beta);
  setPhaseScalar(p, IMPINGEMENT, beta);
  return rate;
}

export function commit(p: i32): i32 {
  const n = arr(p, A_PSD);
  const next = arr(p, A_NEXT);
  // NEXT was written over [NEXT_LO, NEXT_HI]; PSD is zero outside [LO, HI], which lies inside it.
  let from = <i32>phaseScalar(p, FIRST_NEXT);
  let to = <i32>phaseScalar(p, LAST_NEXT);
  // kawin quirk: n < 1 is dropped only now, after the mass balance already counted those bins
  for (let i = from; i <= to; i++) {
    const v = ld(next, i);
    st(n, i, v < 1 ? 0 : v);
  }
  const changed = adjust(p, initialBins, minBins, maxBins, from, to);
  if (changed) {
    from = 0;
    to = <i32>phaseScalar(p, BIN_COUNT) - 1;
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
  setPhaseScalar(p, OCCUPIED, hi >= 0 ? 1 : 0);
  setPhaseScalar(p, FIRST_OCCUPIED, hi >= 0 ? <f64>lo : 0);
  setPhaseScalar(p, LAST_OCCUPIED, <f64>hi);
  setPhaseScalar(p, DISSOLUTION_INDEX, <f64>index);
  if (changed) setPhaseScalar(p, ORIGINAL_GRID, 0);
  return changed ? 1 : 0;
}

export function appendRecord(timeS: f64, temperatureK: f64): void {
  appendHistory(timeS, temperatureK);
}

export function binsOf(p: i32): i32 {
  return <i32>phaseScalar(p, BIN_COUNT);
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
  setPhaseScalar(p, IMPINGEMENT, beta);
}

// The incubation time alone, for tests/engine/incubation.test.ts (nucleate calls it).
export { incubationTime } from './history';

// Checkpoints (resuming a run): the state is memory [stateStart, stateEnd) plus the history's scalars.
export { historyScalar, restoreHistory, stateEnd } from './history';
export { stateStart } from './layout';

// The composition-dependent thermodynamics of a step (src/thermo/module/chemistry.ts).
export {
  chemicalPotentials, drivingForceAtMu, kinetics, thermoBlock, thermoSystem, thermoTemperature,
} from './thermo';

// The engine's own exp, log, pow, log10 and cbrt (math.ts), for the host's T-only expressions and strength.
export { cbrt, exp, log, log10, pow } from './math';
export { ratioPower18, rootOfSum18, strengthExp, strengthLog, strengthPow } from './strength-math';

// A run's whole step (run.ts), its constant inputs (run-inputs.ts) and recorded row (src/kernel/run-steps.ts).
// kawin's strength model's inputs for a run (strength.ts).
export { strengthBegin, strengthTerm } from './strength';
export {
  strengthMechanismPtr, strengthMomentsPtr, strengthPhasePtr, strengthPhaseRow, strengthRows, strengthSolute, strengthSolutePtr, strengthTotals,
  strengthTotalsPtr,
} from './strength-rows';
// The particles' shape and the seed model's strength over recorded rows (strength-seed.ts).
export {
  seedFractionPtr, seedOrowanCrss, seedPhasePtr, seedRadiusPtr, seedStrengthBegin, seedStrengthRows, seedTotalsPtr,
} from './strength-seed';
export { runBegin, runChooseStep, runFinishStep, runResumeAt, runScalarsPtr, runSetUp } from './run';
export {
  runCompound, runGibbs, runInitialComposition, runLimits, runProfilePoint, runRowPtr,
} from './run-inputs';

// The layout the host reads by name (src/thermo/module/exports.ts): capacities, and offsets in
// doubles from thermoBlock(), runScalarsPtr() and runRowPtr().
export { MAX_ELEMENTS, MAX_TERMS } from './thermo-block';
export {
  THERMO_BLOCK_DOUBLES, THERMO_CURVATURE, THERMO_MOBILITY_FACTOR, THERMO_DC, THERMO_G0,
  THERMO_GRAD, THERMO_MOBILITY_TERMS, THERMO_MOBILITY_VALUES,
  THERMO_MU, THERMO_TERMS, THERMO_TRIAL, THERMO_X, THERMO_XB,
  THERMO_X_ALPHA,
} from './thermo-block';
export { MAX_PROFILE_POINTS, MAX_RUN_PHASES, ROW_PHASE_QUANTITIES, ROW_PHASES_OFFSET } from './run-inputs';
export { STRENGTH_CHUNK_ROWS, STRENGTH_PHASE_COLUMNS, STRENGTH_TOTAL_COLUMNS } from './strength-rows';
export { SEED_CHUNK_ROWS, SEED_PHASE_COLUMNS, SEED_TOTAL_COLUMNS } from './strength-seed';
export {
  RUN_LAST_TEMPERATURE, RUN_MAX_STEP, RUN_RECORDS,
  RUN_STEP_INDEX, RUN_TIME,
} from './layout';
