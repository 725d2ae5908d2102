// Linear-memory layout of the kernel: one fixed block per phase (arrays of MAX_BINS doubles), per-phase
// scalars, the output slots, the state of a run the kernel steps (run.ts), then the incubation history,
// which grows at the end of memory.
import { MAX_ELEMENTS } from './thermo-block';

export const MAX_BINS: i32 = 256;
export const OUT_STRIDE: i32 = 8;

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
export const S_BINS: i32 = 0;
export const S_MIN: i32 = 1;
export const S_MAX: i32 = 2;
export const S_DISSOLUTION: i32 = 3;
export const S_ORIGINAL: i32 = 4;
export const S_OCCUPIED: i32 = 5;
export const S_GAMMA: i32 = 6;
export const S_VM: i32 = 7;
export const S_BETA: i32 = 8;
export const S_FIRST_SUM: i32 = 9;
export const S_LAST_SUM: i32 = 10;
// Index ranges (kept so loops skip the empty parts of a distribution; outside them everything is zero):
export const S_LO: i32 = 11; // first occupied bin of PSD (empty: LO > HI)
export const S_HI: i32 = 12; // last occupied bin of PSD
export const S_FLUX_LO: i32 = 13; // fluxes written by prepare: bounds FLUX_LO..FLUX_HI, zero elsewhere
export const S_FLUX_HI: i32 = 14;
export const S_NEXT_LO: i32 = 15; // bins written by advance into NEXT
export const S_NEXT_HI: i32 = 16;
export const SCALARS: i32 = 17;

// A run the kernel steps (run.ts): its scalars, then RP_DOUBLES per phase. Part of the saved state.
export const R_TIME: i32 = 0;
export const R_MAX_STEP: i32 = 1;
export const R_STEP_INDEX: i32 = 2;
export const R_RECORDS: i32 = 3;
export const R_LAST_TIME: i32 = 4;
export const R_LAST_T: i32 = 5;
export const R_PREV_TIME: i32 = 6;
export const R_PREV_T: i32 = 7;
export const R_X: i32 = 8; // matrix composition, every element
export const R_SCALARS: i32 = R_X + MAX_ELEMENTS;
// Per phase: N, R̄, f, keep, idle, kinetics step and validity, PSD limit, the last record's J, R*, ΔG_v
// and the previous one's J, R* (what the time step reads), then what the next tie-line and the step read
// of the last one (λ, mc, β, the last trial x^α).
export const RP_NUMBER: i32 = 0;
export const RP_MEAN_RADIUS: i32 = 1;
export const RP_FRACTION: i32 = 2;
export const RP_KEEP: i32 = 3;
export const RP_IDLE: i32 = 4;
export const RP_KINETICS_STEP: i32 = 5;
export const RP_KINETICS_VALID: i32 = 6;
export const RP_PSD_LIMIT: i32 = 7;
export const RP_LAST_RATE: i32 = 8;
export const RP_LAST_CRITICAL: i32 = 9;
export const RP_LAST_DRIVING: i32 = 10;
export const RP_PREV_RATE: i32 = 11;
export const RP_PREV_CRITICAL: i32 = 12;
export const RP_LAMBDA: i32 = 13;
export const RP_MC: i32 = 14;
export const RP_BETA: i32 = 15;
export const RP_TRIAL: i32 = 16;
export const RP_DOUBLES: i32 = RP_TRIAL + MAX_ELEMENTS;

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
@inline export function getS(p: i32, s: i32): f64 {
  return load<f64>(scalarBase + ((<usize>(p * SCALARS + s)) << 3));
}

// @ts-ignore: decorator
@inline export function setS(p: i32, s: i32, v: f64): void {
  store<f64>(scalarBase + ((<usize>(p * SCALARS + s)) << 3), v);
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
@inline export function getR(i: i32): f64 {
  return load<f64>(runBase + ((<usize>i) << 3));
}

// @ts-ignore: decorator
@inline export function setR(i: i32, v: f64): void {
  store<f64>(runBase + ((<usize>i) << 3), v);
}

/** Address of phase p's run doubles. */
// @ts-ignore: decorator
@inline export function runPhase(p: i32): usize {
  return runBase + ((<usize>(R_SCALARS + p * RP_DOUBLES)) << 3);
}

/** Whether phase p's stored distribution holds no particles. */
export function phaseIsEmpty(p: i32): bool {
  return getS(p, S_OCCUPIED) == 0;
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
  outBase = scalarBase + ((<usize>(phases * SCALARS)) << 3);
  runBase = outBase + ((<usize>(phases * OUT_STRIDE)) << 3);
  historyBase = runBase + ((<usize>(R_SCALARS + phases * RP_DOUBLES)) << 3);
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
