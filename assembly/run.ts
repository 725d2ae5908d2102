// A run's whole explicit-Euler step in the kernel (kwn.md §4-§9): time-step choice, advance, mass
// balance, nucleation, growth and the recorded row, with the state in the saved region (layout.ts RUN_*
// and the run values per phase) and the run's constant inputs outside it (run-inputs.ts). The host is called back only when a step's temperature
// differs from the loaded one (runTemperature: the TDB's T-only terms), and appends each recorded row.
// Why: measured in Chromium, the host's per-step JavaScript was most of what a fresh page compiled and
// ran slowly before its first preview.
import {
  OUT_CRITICAL_RADIUS, OUT_FIRST_MOMENT, OUT_NUCLEATION_RATE, OUT_NUCLEUS_RADIUS, OUT_NUMBER_DENSITY, OUT_THIRD_MOMENT,
} from './layout';
import {
  advance, appendRecord, clearGrowth, commit, nucleate, prepare, resetGrid, setGrowth, volumeRate,
} from './index';
import {
  OUT_CRITICAL_RADIUS, OUT_FIRST_MOMENT, OUT_NUCLEATION_RATE, OUT_NUCLEUS_RADIUS, OUT_NUMBER_DENSITY, OUT_THIRD_MOMENT,
} from './layout';
import {
  OUT_STRIDE, CURVATURE_BETA, VOLUME_FRACTION, IDLE, KEEP_DISTRIBUTION, KINETICS_STEP, KINETICS_VALID, TIE_LINE_LAMBDA,
  LAST_CRITICAL_RADIUS, LAST_DRIVING_FORCE, LAST_NUCLEATION_RATE, CURVATURE_MC, MEAN_RADIUS, NUMBER_DENSITY, PREVIOUS_CRITICAL_RADIUS,
  PREVIOUS_NUCLEATION_RATE, PSD_STEP_LIMIT, TRIAL_COMPOSITION, RUN_LAST_TEMPERATURE, RUN_LAST_TIME, RUN_MAX_STEP,
  RUN_PREVIOUS_TEMPERATURE, RUN_PREVIOUS_TIME, RUN_RECORDS, RUN_STEP_INDEX, RUN_TIME, RUN_COMPOSITION, MOLAR_VOLUME, SITE_FACTOR, runScalar, phaseScalar, ld, outBase, phaseCount,
  runBase, runPhase, setRunScalar, st, matrixMolarVolume, phaseIsEmpty, SPHERE_VOLUME_FACTOR,
} from './layout';
import { A_PSD, A_SIZE, FIRST_OCCUPIED, LAST_OCCUPIED, arr } from './layout';
import {
  OUT_CRITICAL_RADIUS, OUT_FIRST_MOMENT, OUT_NUCLEATION_RATE, OUT_NUCLEUS_RADIUS, OUT_NUMBER_DENSITY, OUT_THIRD_MOMENT,
} from './layout';
import {
  ROW_FIRST_MOMENT, ROW_SECOND_MOMENT, ROW_PHASES, ROW_PHASE_QUANTITIES, ROW_SOLUTES, bulkSitesPerM3, compound, endS, getRow, gibbsOf,
  minFractionOfRun, minNumberDensity, putRow, setRunInputs, temperatureAt, x0,
} from './run-inputs';
import { chemicalPotentials, drivingForce, kinetics } from './thermo';
import { chooseTimeStep } from './timestep';
import { THERMO_CURVATURE, THERMO_MU, THERMO_TRIAL, THERMO_X, THERMO_XB, balance, blockValue, soluteCount, elementCount, setBlockValue, solute } from './thermo-block';

// @ts-ignore: decorator
@external("env", "runTemperature")
declare function loadTemperature(temperatureK: f64): void;


let loadedK: f64 = NaN; // not in the saved state: the thermodynamic block is not either

// @ts-ignore: decorator
@inline function runPhaseValue(p: i32, i: i32): f64 {
  return ld(runPhase(p), i);
}
// @ts-ignore: decorator
@inline function setRunPhaseValue(p: i32, i: i32, v: f64): void {
  st(runPhase(p), i, v);
}
// @ts-ignore: decorator
@inline function outOf(p: i32, slot: i32): f64 {
  return ld(outBase, p * OUT_STRIDE + slot);
}

/** A fresh run after setup(): inputs from the run* setters; the state as createRunState makes it. */
export function runBegin(points: i32, end: f64, bulkSites: f64): void {
  setRunInputs(points, end, bulkSites);
  loadedK = NaN;
  for (let i = 0; i < elementCount; i++) setRunScalar(RUN_COMPOSITION + i, x0(i));
  setRunScalar(RUN_MAX_STEP, end);
  for (let p = 0; p < phaseCount; p++) {
    setRunPhaseValue(p, KEEP_DISTRIBUTION, 1);
    setRunPhaseValue(p, IDLE, 1);
    setRunPhaseValue(p, KINETICS_STEP, -1);
    setRunPhaseValue(p, TIE_LINE_LAMBDA, NaN);
  }
}

/** After a checkpoint's state is copied in: its step counter (saved after the step had counted itself). */
export function runResumeAt(stepIndex: f64): void {
  setRunScalar(RUN_STEP_INDEX, stepIndex);
}

function ensureTemperature(temperatureK: f64): void {
  if (temperatureK == loadedK) return;
  loadTemperature(temperatureK);
  loadedK = temperatureK;
}

/** The phase's compound into XB. */
function loadCompound(p: i32): void {
  for (let i = 0; i < elementCount; i++) setBlockValue(THERMO_XB + i, compound(p, i));
}

/**
 * host-physics.ts ensureKinetics: one tie-line and curvature evaluation per phase and step. X holds the
 * step's matrix composition already (nucleation() loaded it; nothing in the step writes X after).
 */
function ensureKinetics(p: i32, drivingForceJPerMol: f64): bool {
  const stepIndex = runScalar(RUN_STEP_INDEX);
  if (runPhaseValue(p, KINETICS_STEP) == stepIndex) return runPhaseValue(p, KINETICS_VALID) != 0;
  // kawin quirk: gOffset = 1 J/mol on the search path (precipitate unstable at x), 0 from its cached equilibrium
  const offset: f64 = drivingForceJPerMol > 0 ? 0 : 1;
  const base = runPhase(p);
  for (let i = 0; i < elementCount; i++) setBlockValue(THERMO_TRIAL + i, ld(base, TRIAL_COMPOSITION + i));
  loadCompound(p);
  const lambda = kinetics(gibbsOf(p), offset, runPhaseValue(p, TIE_LINE_LAMBDA));
  for (let i = 0; i < elementCount; i++) st(base, TRIAL_COMPOSITION + i, blockValue(THERMO_TRIAL + i));
  const solved = lambda == lambda;
  if (solved) {
    setRunPhaseValue(p, TIE_LINE_LAMBDA, lambda);
    setRunPhaseValue(p, CURVATURE_MC, blockValue(THERMO_CURVATURE));
    setRunPhaseValue(p, CURVATURE_BETA, blockValue(THERMO_CURVATURE + 1));
  }
  // kawin reuses its previous curvature output when none is found
  const valid = solved || runPhaseValue(p, KINETICS_VALID) != 0;
  setRunPhaseValue(p, KINETICS_VALID, valid ? 1 : 0);
  setRunPhaseValue(p, KINETICS_STEP, stepIndex);
  return valid;
}

function nucleation(temperatureK: f64): void {
  ensureTemperature(temperatureK);
  for (let i = 0; i < elementCount; i++) setBlockValue(THERMO_X + i, runScalar(RUN_COMPOSITION + i));
  chemicalPotentials();
  // kawin quirk: one pool of bulk sites shared by every phase
  let occupied: f64 = 0;
  for (let p = 0; p < phaseCount; p++) occupied += runPhaseValue(p, NUMBER_DENSITY);
  for (let p = 0; p < phaseCount; p++) {
    loadCompound(p);
    const dgMolar = drivingForce(gibbsOf(p), THERMO_MU, elementCount);
    const dgVolumetric = dgMolar / phaseScalar(p, MOLAR_VOLUME);
    setRunPhaseValue(p, LAST_DRIVING_FORCE, dgVolumetric);
    // kawin quirk: with ΔG_v < 0, R*, G*, β*, J and R_nuc keep the previous step's values
    if (dgVolumetric < 0) continue;
    if (!ensureKinetics(p, dgMolar)) continue;
    nucleate(p, temperatureK, runScalar(RUN_TIME), dgVolumetric, runPhaseValue(p, CURVATURE_BETA), phaseScalar(p, SITE_FACTOR) * bulkSitesPerM3 - occupied);
  }
}

function dropPhase(p: i32): void {
  clearGrowth(p);
  setRunPhaseValue(p, KEEP_DISTRIBUTION, 0);
}

function growth(): void {
  for (let p = 0; p < phaseCount; p++) {
    const dgVolumetric = runPhaseValue(p, LAST_DRIVING_FORCE);
    setRunPhaseValue(p, KEEP_DISTRIBUTION, 1);
    if (dgVolumetric < 0 && runPhaseValue(p, NUMBER_DENSITY) <= 0) {
      dropPhase(p);
      continue;
    }
    const dgMolar = dgVolumetric * phaseScalar(p, MOLAR_VOLUME);
    if (!ensureKinetics(p, dgMolar)) {
      if (dgVolumetric < 0) dropPhase(p);
      continue; // kawin keeps the previous growth rates
    }
    setGrowth(p, runPhaseValue(p, CURVATURE_MC), dgMolar);
  }
}

/** N, R̄ and f of each phase from the advanced distributions, then the matrix composition (kwn.md §7). */
function massBalance(): void {
  for (let k = 0; k < soluteCount; k++) putRow(ROW_SOLUTES + k, 0); // Σ_p fconc per solute, until record()
  let totalFraction: f64 = 0;
  for (let p = 0; p < phaseCount; p++) {
    const count = runPhaseValue(p, IDLE) != 0 ? 0 : outOf(p, OUT_NUMBER_DENSITY);
    setRunPhaseValue(p, NUMBER_DENSITY, count);
    if (count < minNumberDensity) {
      setRunPhaseValue(p, MEAN_RADIUS, 0);
      setRunPhaseValue(p, VOLUME_FRACTION, 0);
      continue;
    }
    setRunPhaseValue(p, MEAN_RADIUS, outOf(p, OUT_FIRST_MOMENT) / count);
    const atomFraction = (matrixMolarVolume / phaseScalar(p, MOLAR_VOLUME)) * SPHERE_VOLUME_FACTOR * outOf(p, OUT_THIRD_MOMENT);
    setRunPhaseValue(p, VOLUME_FRACTION, runPhaseValue(p, VOLUME_FRACTION) == 1 ? 1 : Math.min(atomFraction, 1));
    for (let k = 0; k < soluteCount; k++) putRow(ROW_SOLUTES + k, getRow(ROW_SOLUTES + k) + atomFraction * compound(p, solute(k)));
    totalFraction += runPhaseValue(p, VOLUME_FRACTION);
  }
  if (totalFraction >= 1) return;
  let soluteSum: f64 = 0;
  for (let k = 0; k < soluteCount; k++) {
    const i = solute(k);
    const v = (x0(i) - getRow(ROW_SOLUTES + k)) / (1 - totalFraction);
    setRunScalar(RUN_COMPOSITION + i, v < 0 ? 0 : v);
    soluteSum += runScalar(RUN_COMPOSITION + i);
  }
  setRunScalar(RUN_COMPOSITION + balance, 1 - soluteSum);
}

/** The current state as a row (ROW_PHASE_QUANTITIES per phase: the engine's PHASE_QUANTITIES) and the last record. */
function record(temperatureK: f64): void {
  const timeS = runScalar(RUN_TIME);
  for (let k = 0; k < soluteCount; k++) putRow(ROW_SOLUTES + k, runScalar(RUN_COMPOSITION + solute(k)));
  for (let p = 0; p < phaseCount; p++) {
    const o = ROW_PHASES + p * ROW_PHASE_QUANTITIES;
    putRow(o, runPhaseValue(p, NUMBER_DENSITY));
    putRow(o + 1, runPhaseValue(p, MEAN_RADIUS));
    putRow(o + 2, runPhaseValue(p, VOLUME_FRACTION));
    putRow(o + 3, runPhaseValue(p, LAST_DRIVING_FORCE) * phaseScalar(p, MOLAR_VOLUME));
    putRow(o + 4, outOf(p, OUT_NUCLEATION_RATE));
    putRow(o + 5, outOf(p, OUT_CRITICAL_RADIUS));
    setRunPhaseValue(p, LAST_NUCLEATION_RATE, outOf(p, OUT_NUCLEATION_RATE));
    setRunPhaseValue(p, LAST_CRITICAL_RADIUS, outOf(p, OUT_CRITICAL_RADIUS));
  }
  setRunScalar(RUN_LAST_TIME, timeS);
  setRunScalar(RUN_LAST_TEMPERATURE, temperatureK);
  appendRecord(timeS, temperatureK);
  setRunScalar(RUN_RECORDS, runScalar(RUN_RECORDS) + 1);
}

/** The set-up row (kwn.md §9 S1-S4): nucleation and growth at t = 0 with empty distributions. */
export function runSetUp(): void {
  const temperatureK = temperatureAt(0);
  appendRecord(0, temperatureK); // record 0 of the incubation history; β* = 0 until nucleation runs
  nucleation(temperatureK);
  growth();
  setRunScalar(RUN_LAST_TIME, 0);
  setRunScalar(RUN_LAST_TEMPERATURE, temperatureK);
  for (let k = 0; k < soluteCount; k++) putRow(ROW_SOLUTES + k, runScalar(RUN_COMPOSITION + solute(k)));
  for (let p = 0; p < phaseCount; p++) {
    setRunPhaseValue(p, LAST_CRITICAL_RADIUS, outOf(p, OUT_CRITICAL_RADIUS));
    const o = ROW_PHASES + p * ROW_PHASE_QUANTITIES;
    for (let q = 0; q < ROW_PHASE_QUANTITIES; q++) putRow(o + q, 0);
    putRow(o + 3, runPhaseValue(p, LAST_DRIVING_FORCE) * phaseScalar(p, MOLAR_VOLUME));
    putRow(o + 5, runPhaseValue(p, LAST_CRITICAL_RADIUS));
  }
  setRunScalar(RUN_RECORDS, 1);
}

/** simulation.ts chooseStep: a step's start (counted, fluxes prepared); returns its size, s. */
export function runChooseStep(): f64 {
  setRunScalar(RUN_STEP_INDEX, runScalar(RUN_STEP_INDEX) + 1);
  const timeS = runScalar(RUN_TIME);
  if (runScalar(RUN_MAX_STEP) > endS - timeS) setRunScalar(RUN_MAX_STEP, endS - timeS);
  const P = phaseCount;
  for (let p = 0; p < P; p++) {
    const idle = phaseIsEmpty(p) && outOf(p, OUT_NUCLEATION_RATE) == 0;
    setRunPhaseValue(p, IDLE, idle ? 1 : 0);
    setRunPhaseValue(p, PSD_STEP_LIMIT, idle ? Infinity : prepare(p));
  }
  const lastPhase = P - 1;
  // kawin quirk: only the last phase's volume change limits the time step
  const rate = runPhaseValue(lastPhase, IDLE) != 0 ? 0 : volumeRate(lastPhase, outOf(lastPhase, OUT_NUCLEATION_RATE), outOf(lastPhase, OUT_NUCLEUS_RADIUS));
  return Math.min(Math.max(chooseTimeStep(rate), minFractionOfRun * endS), runScalar(RUN_MAX_STEP));
}

/** The rest of the step, of size dt (s): advance, mass balance, nucleation, growth, record, commit. */
export function runFinishStep(dt: f64): void {
  const P = phaseCount;
  for (let p = 0; p < P; p++) if (runPhaseValue(p, IDLE) == 0) advance(p, dt, outOf(p, OUT_NUCLEATION_RATE), outOf(p, OUT_NUCLEUS_RADIUS));
  const timeS = runScalar(RUN_TIME) + dt;
  setRunScalar(RUN_TIME, timeS);
  const temperatureK = temperatureAt(timeS);
  setRunScalar(RUN_PREVIOUS_TIME, runScalar(RUN_LAST_TIME));
  setRunScalar(RUN_PREVIOUS_TEMPERATURE, runScalar(RUN_LAST_TEMPERATURE));
  for (let p = 0; p < P; p++) {
    setRunPhaseValue(p, PREVIOUS_NUCLEATION_RATE, runPhaseValue(p, LAST_NUCLEATION_RATE));
    setRunPhaseValue(p, PREVIOUS_CRITICAL_RADIUS, runPhaseValue(p, LAST_CRITICAL_RADIUS));
  }
  massBalance();
  nucleation(temperatureK);
  growth();
  record(temperatureK);
  for (let p = 0; p < P; p++) {
    if (runPhaseValue(p, KEEP_DISTRIBUTION) == 0) {
      resetGrid(p);
      continue;
    }
    if (runPhaseValue(p, IDLE) != 0) continue;
    if (commit(p) == 1 && runPhaseValue(p, KINETICS_VALID) != 0) {
      setGrowth(p, runPhaseValue(p, CURVATURE_MC), runPhaseValue(p, LAST_DRIVING_FORCE) * phaseScalar(p, MOLAR_VOLUME));
    }
  }
  recordMoments();
}

/**
 * M1 = Σ n·r (1/m²) and M2 = Σ n·r² (1/m) of each phase's distribution into the row (strength.md §1):
 * after the step's bins were added, re-gridded and cleaned, which is after kawin appended its data row.
 * kawin's strength model reads them from the recorded rows after the run (strength-rows.ts).
 */
function recordMoments(): void {
  for (let p = 0; p < phaseCount; p++) {
    let m1: f64 = 0;
    let m2: f64 = 0;
    if (!phaseIsEmpty(p)) {
      const n = arr(p, A_PSD);
      const size = arr(p, A_SIZE);
      const hi = <i32>phaseScalar(p, LAST_OCCUPIED);
      for (let i = <i32>phaseScalar(p, FIRST_OCCUPIED); i <= hi; i++) {
        const nr = ld(n, i) * ld(size, i);
        m1 += nr;
        m2 += nr * ld(size, i);
      }
    }
    const o = ROW_PHASES + p * ROW_PHASE_QUANTITIES;
    putRow(o + ROW_FIRST_MOMENT, m1);
    putRow(o + ROW_SECOND_MOMENT, m2);
  }
}

/** The run's scalars (RUN_*), for the host's view: time, largest step, step index, records. */
export function runScalarsPtr(): usize {
  return runBase;
}
