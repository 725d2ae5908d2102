// Linear-memory layout of the kernel: one fixed block per phase (arrays of MAX_BINS doubles), per-phase
// scalars, the output slots, the state of a run the kernel steps (run.ts), then the incubation history,
// which grows at the end of memory.
import { MAX_ELEMENTS } from './thermo-block';

export const MAX_BINS: i32 = 256;
export const SPHERE_VOLUME_FACTOR: f64 = (4 * Math.PI) / 3;
export const OUT_STRIDE: i32 = 8;
// Each phase's output slots (OUT_STRIDE doubles from outBase): what advance and nucleate write.
export const OUT_NUMBER_DENSITY: i32 = 0; // Σ n of the advanced PSD, 1/m³
export const OUT_FIRST_MOMENT: i32 = 1; // Σ n·R, m/m³
export const OUT_THIRD_MOMENT: i32 = 2; // Σ n·R³, m³/m³
export const OUT_NUCLEATION_RATE: i32 = 3; // J, 1/(m³ s)
export const OUT_NUCLEUS_RADIUS: i32 = 4; // R_nuc, m
export const OUT_CRITICAL_RADIUS: i32 = 5; // R*, m
export const OUT_CRITICAL_ENERGY: i32 = 6; // G*, J
export const OUT_IMPINGEMENT: i32 = 7; // β*, 1/s (the value recorded for the incubation time)

// Offsets (in doubles) of the arrays inside one phase block.
export const A_BOUNDS: i32 = 0;
export const A_SIZE: i32 = A_BOUNDS + MAX_BINS + 1;
export const A_SIZE3: i32 = A_SIZE + MAX_BINS;
export const A_INV_WIDTH: i32 = A_SIZE3 + MAX_BINS;
export const A_INV_BOUND: i32 = A_INV_WIDTH + MAX_BINS;
export const A_PSD: i32 = A_INV_BOUND + MAX_BINS + 1;
export const A_NEXT: i32 = A_PSD + MAX_BINS;
export const A_GROWTH: i32 = A_NEXT + MAX_BINS;
export const A_FLUX: i32 = A_GROWTH + MAX_BINS + 1;
export const A_SCRATCH_A: i32 = A_FLUX + MAX_BINS + 1;
export const A_SCRATCH_B: i32 = A_SCRATCH_A + MAX_BINS;
export const PHASE_DOUBLES: i32 = A_SCRATCH_B + MAX_BINS;

// Per-phase scalars (doubles; integers are stored as doubles too, they are small).
export const BIN_COUNT: i32 = 0;
export const GRID_MIN: i32 = 1;
export const GRID_MAX: i32 = 2;
export const DISSOLUTION_INDEX: i32 = 3;
export const ORIGINAL_GRID: i32 = 4;
export const OCCUPIED: i32 = 5;
export const INTERFACIAL_ENERGY: i32 = 6;
export const MOLAR_VOLUME: i32 = 7;
export const IMPINGEMENT: i32 = 8;
export const FIRST_IMPINGEMENT_SUM: i32 = 9;
export const LAST_IMPINGEMENT_SUM: i32 = 10;
// Index ranges (kept so loops skip the empty parts of a distribution; outside them everything is zero):
export const FIRST_OCCUPIED: i32 = 11; // first occupied bin of PSD (empty: FIRST_OCCUPIED > LAST_OCCUPIED)
export const LAST_OCCUPIED: i32 = 12; // last occupied bin of PSD
export const FIRST_FLUX: i32 = 13; // fluxes written by prepare: bounds FIRST_FLUX..LAST_FLUX, zero elsewhere
export const LAST_FLUX: i32 = 14;
export const FIRST_NEXT: i32 = 15; // bins written by advance into NEXT
export const LAST_NEXT: i32 = 16;
export const SITE_FACTOR: i32 = 17; // nucleation-site density factor of the phase (1 by default)
export const PHASE_SCALARS: i32 = 18;

// A run the kernel steps (run.ts): its scalars, then RUN_PHASE_DOUBLES per phase. Part of the saved state.
export const RUN_TIME: i32 = 0;
export const RUN_MAX_STEP: i32 = 1;
export const RUN_STEP_INDEX: i32 = 2;
export const RUN_RECORDS: i32 = 3;
export const RUN_LAST_TIME: i32 = 4;
export const RUN_LAST_TEMPERATURE: i32 = 5;
export const RUN_PREVIOUS_TIME: i32 = 6;
export const RUN_PREVIOUS_TEMPERATURE: i32 = 7;
export const RUN_COMPOSITION: i32 = 8; // matrix composition, every element
export const RUN_SCALARS: i32 = RUN_COMPOSITION + MAX_ELEMENTS;
// Per phase: N, R̄, f, keep, idle, kinetics step and validity, PSD limit, the last record's J, R*, ΔG_v
// and the previous one's J, R* (what the time step reads), then what the next tie-line and the step read
// of the last one (λ, mc, β, the last trial x^α).
export const NUMBER_DENSITY: i32 = 0;
export const MEAN_RADIUS: i32 = 1;
export const VOLUME_FRACTION: i32 = 2;
export const KEEP_DISTRIBUTION: i32 = 3;
export const IDLE: i32 = 4;
export const KINETICS_STEP: i32 = 5;
export const KINETICS_VALID: i32 = 6;
export const PSD_STEP_LIMIT: i32 = 7;
export const LAST_NUCLEATION_RATE: i32 = 8;
export const LAST_CRITICAL_RADIUS: i32 = 9;
export const LAST_DRIVING_FORCE: i32 = 10;
export const PREVIOUS_NUCLEATION_RATE: i32 = 11;
export const PREVIOUS_CRITICAL_RADIUS: i32 = 12;
export const TIE_LINE_LAMBDA: i32 = 13;
export const CURVATURE_MC: i32 = 14;
export const CURVATURE_BETA: i32 = 15;
export const TRIAL_COMPOSITION: i32 = 16;
export const RUN_PHASE_DOUBLES: i32 = TRIAL_COMPOSITION + MAX_ELEMENTS;

export let phaseCount: i32 = 0;
/** Vm of the matrix, m³/mol (setup; read by nucleation's volume rate and run.ts's mass balance). */
export let matrixMolarVolume: f64 = 0;
export function setMatrixMolarVolume(v: f64): void {
  matrixMolarVolume = v;
}
let phaseBase: usize = 0;
let scalarBase: usize = 0;
export let outBase: usize = 0;
export let runBase: usize = 0;
export let historyBase: usize = 0;
export let historyCapacity: i32 = 0;

/** Byte address of array `a` of phase p. */
// @ts-ignore: decorator
@inline export function arr(p: i32, a: i32): usize {
  return phaseBase + ((<usize>(p * PHASE_DOUBLES + a)) << 3);
}

// @ts-ignore: decorator
@inline export function phaseScalar(p: i32, s: i32): f64 {
  return load<f64>(scalarBase + ((<usize>(p * PHASE_SCALARS + s)) << 3));
}

// @ts-ignore: decorator
@inline export function setPhaseScalar(p: i32, s: i32, v: f64): void {
  store<f64>(scalarBase + ((<usize>(p * PHASE_SCALARS + s)) << 3), v);
}

// @ts-ignore: decorator
@inline export function ld(base: usize, i: i32): f64 {
  return load<f64>(base + ((<usize>i) << 3));
}

// @ts-ignore: decorator
@inline export function st(base: usize, i: i32, v: f64): void {
  store<f64>(base + ((<usize>i) << 3), v);
}

// @ts-ignore: decorator
@inline export function runScalar(i: i32): f64 {
  return load<f64>(runBase + ((<usize>i) << 3));
}

// @ts-ignore: decorator
@inline export function setRunScalar(i: i32, v: f64): void {
  store<f64>(runBase + ((<usize>i) << 3), v);
}

/** Address of phase p's run doubles. */
// @ts-ignore: decorator
@inline export function runPhase(p: i32): usize {
  return runBase + ((<usize>(RUN_SCALARS + p * RUN_PHASE_DOUBLES)) << 3);
}

/** Whether phase p's stored distribution holds no particles. */
export function phaseIsEmpty(p: i32): bool {
  return phaseScalar(p, OCCUPIED) == 0;
}

/** Stride of one history record: time, then prefix max and prefix min of q per phase. */
export function historyStride(): i32 {
  return 1 + 2 * phaseCount;
}

function ensureBytes(end: usize): void {
  const have = (<usize>memory.size()) << 16;
  if (end > have) {
    const pages = <i32>((end - have + 0xffff) >> 16);
    if (memory.grow(pages) < 0) unreachable();
  }
}

/** Lays out memory for `phases` phases and an initial history capacity. */
export function layOutMemory(phases: i32, capacity: i32): void {
  phaseCount = phases;
  phaseBase = (__heap_base + 15) & ~(<usize>15);
  scalarBase = phaseBase + ((<usize>(phases * PHASE_DOUBLES)) << 3);
  outBase = scalarBase + ((<usize>(phases * PHASE_SCALARS)) << 3);
  runBase = outBase + ((<usize>(phases * OUT_STRIDE)) << 3);
  historyBase = runBase + ((<usize>(RUN_SCALARS + phases * RUN_PHASE_DOUBLES)) << 3);
  historyCapacity = capacity;
  ensureBytes(historyBase + ((<usize>(capacity * historyStride())) << 3));
  memory.fill(phaseBase, 0, historyBase - phaseBase);
}

/** First byte of the kernel's state (phase blocks, scalars, outputs, then the history). */
export function stateStart(): usize {
  return phaseBase;
}

/** Doubles the history capacity; the history is last in memory, so nothing moves. */
export function growHistory(): void {
  historyCapacity *= 2;
  ensureBytes(historyBase + ((<usize>(historyCapacity * historyStride())) << 3));
}
