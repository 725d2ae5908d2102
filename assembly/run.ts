// A run's whole explicit-Euler step in the kernel (kwn.md §4-§9): the host's src/engine/simulation.ts,
// host-physics.ts and timestep.ts op for op (same IEEE operations in the same order, so the same bits as
// the TypeScript solver), with the state in the saved region (layout.ts R_* and RP_*) and the run's
// constant inputs outside it (run-inputs.ts). The host is called back only when a step's temperature
// differs from the loaded one (runTemperature: the TDB's T-only terms), and appends each recorded row.
// Why: measured in Chromium, the host's per-step JavaScript was most of what a fresh page compiled and
// ran slowly before its first preview.
import {
  advance, appendRecord, clearGrowth, commit, nucleate, prepare, resetGrid, setGrowth, volumeRate,
} from './index';
import {
  OUT_STRIDE, RP_BETA, RP_FRACTION, RP_IDLE, RP_KEEP, RP_KINETICS_STEP, RP_KINETICS_VALID, RP_LAMBDA,
  RP_LAST_CRITICAL, RP_LAST_DRIVING, RP_LAST_RATE, RP_MC, RP_MEAN_RADIUS, RP_NUMBER, RP_PREV_CRITICAL,
  RP_PREV_RATE, RP_PSD_LIMIT, RP_TRIAL, R_LAST_T, R_LAST_TIME, R_MAX_STEP,
  R_PREV_T, R_PREV_TIME, R_RECORDS, R_STEP_INDEX, R_TIME, R_X, S_VM, getR, getS, ld, outBase, phaseCount,
  runBase, runPhase, setR, st, matrixMolarVolume, phaseIsEmpty,
} from './layout';
import {
  ROW_PHASES, ROW_PHASE_QUANTITIES, ROW_SOLUTES, bulkSitesPerM3, compound, endS, getRow, gibbsOf,
  minFractionOfRun, minNumberDensity, putRow, setRunInputs, temperatureAt, x0,
} from './run-inputs';
import { chemicalPotentials, drivingForce, kinetics } from './thermo';
import { chooseTimeStep } from './timestep';
import { T_CURVATURE, T_MU, T_TRIAL, T_X, T_XB, balance, g, m, n, s, solute } from './thermo-block';

// @ts-ignore: decorator
@external("env", "runTemperature")
declare function loadTemperature(temperatureK: f64): void;

const SPHERE_VOLUME_FACTOR: f64 = (4 * Math.PI) / 3;
const J: i32 = 3; // out slots (src/kernel/types.ts OUT)
const R_NUC: i32 = 4;
const R_CRIT: i32 = 5;

let loadedK: f64 = NaN; // not in the saved state: the thermodynamic block is not either

// @ts-ignore: decorator
@inline function ph(p: i32, i: i32): f64 {
  return ld(runPhase(p), i);
}
// @ts-ignore: decorator
@inline function setPh(p: i32, i: i32, v: f64): void {
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
  for (let i = 0; i < n; i++) setR(R_X + i, x0(i));
  setR(R_MAX_STEP, end);
  for (let p = 0; p < phaseCount; p++) {
    setPh(p, RP_KEEP, 1);
    setPh(p, RP_IDLE, 1);
    setPh(p, RP_KINETICS_STEP, -1);
    setPh(p, RP_LAMBDA, NaN);
  }
}

/** After a checkpoint's state is copied in: its step counter (saved after the step had counted itself). */
export function runResumeAt(stepIndex: f64): void {
  setR(R_STEP_INDEX, stepIndex);
}

function ensureTemperature(temperatureK: f64): void {
  if (temperatureK == loadedK) return;
  loadTemperature(temperatureK);
  loadedK = temperatureK;
}

/** The phase's compound into XB. */
function loadCompound(p: i32): void {
  for (let i = 0; i < n; i++) s(T_XB + i, compound(p, i));
}

/**
 * host-physics.ts ensureKinetics: one tie-line and curvature evaluation per phase and step. X holds the
 * step's matrix composition already (nucleation() loaded it; nothing in the step writes X after).
 */
function ensureKinetics(p: i32, drivingForceJPerMol: f64): bool {
  const stepIndex = getR(R_STEP_INDEX);
  if (ph(p, RP_KINETICS_STEP) == stepIndex) return ph(p, RP_KINETICS_VALID) != 0;
  // kawin quirk: gOffset = 1 J/mol on the search path (precipitate unstable at x), 0 from its cached equilibrium
  const offset: f64 = drivingForceJPerMol > 0 ? 0 : 1;
  const base = runPhase(p);
  for (let i = 0; i < n; i++) s(T_TRIAL + i, ld(base, RP_TRIAL + i));
  loadCompound(p);
  const lambda = kinetics(gibbsOf(p), offset, ph(p, RP_LAMBDA));
  for (let i = 0; i < n; i++) st(base, RP_TRIAL + i, g(T_TRIAL + i));
  const solved = lambda == lambda;
  if (solved) {
    setPh(p, RP_LAMBDA, lambda);
    setPh(p, RP_MC, g(T_CURVATURE));
    setPh(p, RP_BETA, g(T_CURVATURE + 1));
  }
  // kawin reuses its previous curvature output when none is found
  const valid = solved || ph(p, RP_KINETICS_VALID) != 0;
  setPh(p, RP_KINETICS_VALID, valid ? 1 : 0);
  setPh(p, RP_KINETICS_STEP, stepIndex);
  return valid;
}

function nucleation(temperatureK: f64): void {
  ensureTemperature(temperatureK);
  for (let i = 0; i < n; i++) s(T_X + i, getR(R_X + i));
  chemicalPotentials();
  // kawin quirk: one pool of bulk sites shared by every phase
  let occupied: f64 = 0;
  for (let p = 0; p < phaseCount; p++) occupied += ph(p, RP_NUMBER);
  for (let p = 0; p < phaseCount; p++) {
    loadCompound(p);
    const dgMolar = drivingForce(gibbsOf(p), T_MU, n);
    const dgVolumetric = dgMolar / getS(p, S_VM);
    setPh(p, RP_LAST_DRIVING, dgVolumetric);
    // kawin quirk: with ΔG_v < 0, R*, G*, β*, J and R_nuc keep the previous step's values
    if (dgVolumetric < 0) continue;
    if (!ensureKinetics(p, dgMolar)) continue;
    nucleate(p, temperatureK, getR(R_TIME), dgVolumetric, ph(p, RP_BETA), bulkSitesPerM3 - occupied);
  }
}

function dropPhase(p: i32): void {
  clearGrowth(p);
  setPh(p, RP_KEEP, 0);
}

function growth(): void {
  for (let p = 0; p < phaseCount; p++) {
    const dgVolumetric = ph(p, RP_LAST_DRIVING);
    setPh(p, RP_KEEP, 1);
    if (dgVolumetric < 0 && ph(p, RP_NUMBER) <= 0) {
      dropPhase(p);
      continue;
    }
    const dgMolar = dgVolumetric * getS(p, S_VM);
    if (!ensureKinetics(p, dgMolar)) {
      if (dgVolumetric < 0) dropPhase(p);
      continue; // kawin keeps the previous growth rates
    }
    setGrowth(p, ph(p, RP_MC), dgMolar);
  }
}

/** N, R̄ and f of each phase from the advanced distributions, then the matrix composition (kwn.md §7). */
function massBalance(): void {
  for (let k = 0; k < m; k++) putRow(ROW_SOLUTES + k, 0); // Σ_p fconc per solute, until record()
  let totalFraction: f64 = 0;
  for (let p = 0; p < phaseCount; p++) {
    const count = ph(p, RP_IDLE) != 0 ? 0 : outOf(p, 0);
    setPh(p, RP_NUMBER, count);
    if (count < minNumberDensity) {
      setPh(p, RP_MEAN_RADIUS, 0);
      setPh(p, RP_FRACTION, 0);
      continue;
    }
    setPh(p, RP_MEAN_RADIUS, outOf(p, 1) / count);
    const atomFraction = (matrixMolarVolume / getS(p, S_VM)) * SPHERE_VOLUME_FACTOR * outOf(p, 2);
    setPh(p, RP_FRACTION, ph(p, RP_FRACTION) == 1 ? 1 : Math.min(atomFraction, 1));
    for (let k = 0; k < m; k++) putRow(ROW_SOLUTES + k, getRow(ROW_SOLUTES + k) + atomFraction * compound(p, solute(k)));
    totalFraction += ph(p, RP_FRACTION);
  }
  if (totalFraction >= 1) return;
  let soluteSum: f64 = 0;
  for (let k = 0; k < m; k++) {
    const i = solute(k);
    const v = (x0(i) - getRow(ROW_SOLUTES + k)) / (1 - totalFraction);
    setR(R_X + i, v < 0 ? 0 : v);
    soluteSum += getR(R_X + i);
  }
  setR(R_X + balance, 1 - soluteSum);
}

/** The current state as a row (src/engine/series.ts PHASE_QUANTITIES per phase) and the last record. */
function record(temperatureK: f64): void {
  const timeS = getR(R_TIME);
  for (let k = 0; k < m; k++) putRow(ROW_SOLUTES + k, getR(R_X + solute(k)));
  for (let p = 0; p < phaseCount; p++) {
    const o = ROW_PHASES + p * ROW_PHASE_QUANTITIES;
    putRow(o, ph(p, RP_NUMBER));
    putRow(o + 1, ph(p, RP_MEAN_RADIUS));
    putRow(o + 2, ph(p, RP_FRACTION));
    putRow(o + 3, ph(p, RP_LAST_DRIVING) * getS(p, S_VM));
    putRow(o + 4, outOf(p, J));
    putRow(o + 5, outOf(p, R_CRIT));
    setPh(p, RP_LAST_RATE, outOf(p, J));
    setPh(p, RP_LAST_CRITICAL, outOf(p, R_CRIT));
  }
  setR(R_LAST_TIME, timeS);
  setR(R_LAST_T, temperatureK);
  appendRecord(timeS, temperatureK);
  setR(R_RECORDS, getR(R_RECORDS) + 1);
}

/** The set-up row (kwn.md §9 S1-S4): nucleation and growth at t = 0 with empty distributions. */
export function runSetUp(): void {
  const temperatureK = temperatureAt(0);
  appendRecord(0, temperatureK); // record 0 of the incubation history; β* = 0 until nucleation runs
  nucleation(temperatureK);
  growth();
  setR(R_LAST_TIME, 0);
  setR(R_LAST_T, temperatureK);
  for (let k = 0; k < m; k++) putRow(ROW_SOLUTES + k, getR(R_X + solute(k)));
  for (let p = 0; p < phaseCount; p++) {
    setPh(p, RP_LAST_CRITICAL, outOf(p, R_CRIT));
    const o = ROW_PHASES + p * ROW_PHASE_QUANTITIES;
    for (let q = 0; q < ROW_PHASE_QUANTITIES; q++) putRow(o + q, 0);
    putRow(o + 3, ph(p, RP_LAST_DRIVING) * getS(p, S_VM));
    putRow(o + 5, ph(p, RP_LAST_CRITICAL));
  }
  setR(R_RECORDS, 1);
}

/** simulation.ts chooseStep: a step's start (counted, fluxes prepared); returns its size, s. */
export function runChooseStep(): f64 {
  setR(R_STEP_INDEX, getR(R_STEP_INDEX) + 1);
  const timeS = getR(R_TIME);
  if (getR(R_MAX_STEP) > endS - timeS) setR(R_MAX_STEP, endS - timeS);
  const P = phaseCount;
  for (let p = 0; p < P; p++) {
    const idle = phaseIsEmpty(p) && outOf(p, J) == 0;
    setPh(p, RP_IDLE, idle ? 1 : 0);
    setPh(p, RP_PSD_LIMIT, idle ? Infinity : prepare(p));
  }
  const lastPhase = P - 1;
  // kawin quirk: only the last phase's volume change limits the time step
  const rate = ph(lastPhase, RP_IDLE) != 0 ? 0 : volumeRate(lastPhase, outOf(lastPhase, J), outOf(lastPhase, R_NUC));
  return Math.min(Math.max(chooseTimeStep(rate), minFractionOfRun * endS), getR(R_MAX_STEP));
}

/** The rest of the step, of size dt (s): advance, mass balance, nucleation, growth, record, commit. */
export function runFinishStep(dt: f64): void {
  const P = phaseCount;
  for (let p = 0; p < P; p++) if (ph(p, RP_IDLE) == 0) advance(p, dt, outOf(p, J), outOf(p, R_NUC));
  const timeS = getR(R_TIME) + dt;
  setR(R_TIME, timeS);
  const temperatureK = temperatureAt(timeS);
  setR(R_PREV_TIME, getR(R_LAST_TIME));
  setR(R_PREV_T, getR(R_LAST_T));
  for (let p = 0; p < P; p++) {
    setPh(p, RP_PREV_RATE, ph(p, RP_LAST_RATE));
    setPh(p, RP_PREV_CRITICAL, ph(p, RP_LAST_CRITICAL));
  }
  massBalance();
  nucleation(temperatureK);
  growth();
  record(temperatureK);
  for (let p = 0; p < P; p++) {
    if (ph(p, RP_KEEP) == 0) {
      resetGrid(p);
      continue;
    }
    if (ph(p, RP_IDLE) != 0) continue;
    if (commit(p) == 1 && ph(p, RP_KINETICS_VALID) != 0) {
      setGrowth(p, ph(p, RP_MC), ph(p, RP_LAST_DRIVING) * getS(p, S_VM));
    }
  }
}

/** The run's scalars (R_*), for the host's view: time, largest step, step index, records. */
export function runScalarsPtr(): usize {
  return runBase;
}
