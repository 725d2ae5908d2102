// Linear-memory layout of the kernel: one fixed block per phase (arrays of MAX_BINS doubles), per-phase
// scalars, the output slots, then the incubation history, which grows at the end of memory.

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

export let phaseCount: i32 = 0;
let phaseBase: usize = 0;
let scalarBase: usize = 0;
export let outBase: usize = 0;
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
  historyBase = outBase + ((<usize>(phases * OUT_STRIDE)) << 3);
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
