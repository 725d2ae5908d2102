// Size grid and population balance of one phase (kwn.md §6), over raw memory with base pointers held in
// locals.
import {
  A_BOUNDS, A_FLUX, A_GROWTH, A_INV_BOUND, A_INV_WIDTH, A_NEXT, A_PSD, A_SCRATCH_A, A_SCRATCH_B, A_SIZE, A_SIZE3,
  BIN_COUNT, LAST_FLUX, FIRST_FLUX, LAST_OCCUPIED, FIRST_OCCUPIED, GRID_MAX, GRID_MIN, LAST_NEXT, FIRST_NEXT, arr, phaseScalar, ld, setPhaseScalar, st,
} from './layout';
import { OUT_FIRST_MOMENT, OUT_NUMBER_DENSITY, OUT_THIRD_MOMENT } from './layout';

/** numpy.linspace(min, max, bins + 1) and the cached centres, cubes and reciprocals. */
export function layOut(p: i32, minM: f64, maxM: f64, bins: i32): void {
  setPhaseScalar(p, BIN_COUNT, <f64>bins);
  setPhaseScalar(p, GRID_MIN, minM);
  setPhaseScalar(p, GRID_MAX, maxM);
  const b = arr(p, A_BOUNDS);
  const size = arr(p, A_SIZE);
  const size3 = arr(p, A_SIZE3);
  const invW = arr(p, A_INV_WIDTH);
  const invB = arr(p, A_INV_BOUND);
  const step = (maxM - minM) / <f64>bins;
  for (let i = 0; i < bins; i++) st(b, i, <f64>i * step + minM);
  st(b, bins, maxM);
  for (let i = 0; i < bins; i++) {
    const lo = ld(b, i);
    const hi = ld(b, i + 1);
    const s = 0.5 * (lo + hi);
    st(size, i, s);
    st(size3, i, s * s * s);
    st(invW, i, 1 / (hi - lo));
  }
  for (let j = 0; j <= bins; j++) st(invB, j, 1 / ld(b, j));
}

/**
 * Upwind fluxes of the stored PSD over the bounds next to occupied bins (zero elsewhere); returns the PSD
 * time-step limit (Infinity when none).
 */
export function fluxesAndLimit(p: i32, dissolutionIndex: i32): f64 {
  const bins = <i32>phaseScalar(p, BIN_COUNT);
  const lo = <i32>phaseScalar(p, FIRST_OCCUPIED);
  const hi = <i32>phaseScalar(p, LAST_OCCUPIED);
  const fluxHi = hi + 1 < bins ? hi + 1 : bins;
  setPhaseScalar(p, FIRST_FLUX, <f64>lo);
  setPhaseScalar(p, LAST_FLUX, <f64>fluxHi);
  const g = arr(p, A_GROWTH);
  const n = arr(p, A_PSD);
  const invW = arr(p, A_INV_WIDTH);
  const f = arr(p, A_FLUX);
  let maxGrowth: f64 = 0;
  let any = false;
  for (let j = lo; j <= fluxHi; j++) {
    const gr = ld(g, j);
    if (gr > 0) st(f, j, j >= 1 ? gr * ld(n, j - 1) * ld(invW, j - 1) : 0);
    else st(f, j, j < bins ? gr * ld(n, j) * ld(invW, j) : 0);
    if (j >= dissolutionIndex && j < bins && ld(n, j) > 0) {
      any = true;
      const a = Math.abs(gr);
      if (a > maxGrowth) maxGrowth = a;
    }
  }
  if (!any || maxGrowth == 0) return Infinity;
  const b = arr(p, A_BOUNDS);
  return (0.4 * (ld(b, 1) - ld(b, 0))) / maxGrowth;
}

/** Bin receiving nuclei: argmax(bounds > R_nuc) − 1 (binary search). */
// kawin quirk: R_nuc = 0, or a nucleus beyond the grid, makes that −1, i.e. the last bin
export function nucleusBin(p: i32, nucleusRadiusM: f64): i32 {
  const bins = <i32>phaseScalar(p, BIN_COUNT);
  const b = arr(p, A_BOUNDS);
  if (!(ld(b, bins) > nucleusRadiusM) || ld(b, 0) > nucleusRadiusM) return bins - 1;
  let lo = 0; // b[lo] <= r
  let hi = bins; // b[hi] > r
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (ld(b, mid) > nucleusRadiusM) hi = mid;
    else lo = mid;
  }
  return hi - 1;
}

/** Applies kawin's two positivity limits to flux j (lower rule first, then the upper rule). */
// @ts-ignore: decorator
@inline function corrected(f: f64, j: i32, bins: i32, n: usize, dt: f64): f64 {
  if (j < bins && f * dt < -ld(n, j)) f = -ld(n, j) / dt;
  if (j >= 1 && f * dt > ld(n, j - 1)) f = ld(n, j - 1) / dt;
  return f;
}

/** Flux through bound j: what prepare wrote, zero outside its range. */
// @ts-ignore: decorator
@inline function fluxAt(f: usize, j: i32, lo: i32, hi: i32): f64 {
  return j >= lo && j <= hi ? ld(f, j) : 0;
}

/**
 * Positivity-corrected Euler step into NEXT (cleanup below minRadius included) over the bins that can be
 * non-zero: the occupied ones, their neighbours and the nucleus bin. Writes N, M1, M3 to `out`.
 */
export function advanceGrid(p: i32, dt: f64, rate: f64, nucleusRadiusM: f64, minRadiusM: f64, out: usize): void {
  const bins = <i32>phaseScalar(p, BIN_COUNT);
  const f = arr(p, A_FLUX);
  const n = arr(p, A_PSD);
  const next = arr(p, A_NEXT);
  const size = arr(p, A_SIZE);
  const size3 = arr(p, A_SIZE3);
  const k = nucleusBin(p, nucleusRadiusM);
  const lo = <i32>phaseScalar(p, FIRST_OCCUPIED);
  const hi = <i32>phaseScalar(p, LAST_OCCUPIED);
  const fluxLo = <i32>phaseScalar(p, FIRST_FLUX);
  const fluxHi = <i32>phaseScalar(p, LAST_FLUX);
  let first = hi < lo ? k : lo > 0 ? lo - 1 : 0;
  let last = hi < lo ? k : hi + 1 < bins ? hi + 1 : bins - 1;
  if (k < first) first = k;
  if (k > last) last = k;
  setPhaseScalar(p, FIRST_NEXT, <f64>first);
  setPhaseScalar(p, LAST_NEXT, <f64>last);
  let lower = corrected(fluxAt(f, first, fluxLo, fluxHi), first, bins, n, dt);
  let m0: f64 = 0;
  let m1: f64 = 0;
  let m3: f64 = 0;
  for (let i = first; i <= last; i++) {
    const upper = corrected(fluxAt(f, i + 1, fluxLo, fluxHi), i + 1, bins, n, dt);
    let change = lower - upper;
    if (i == k) change += rate;
    const r = ld(size, i);
    const v = r < minRadiusM ? 0 : ld(n, i) + change * dt;
    st(next, i, v);
    m0 += v;
    m1 += v * r;
    m3 += v * ld(size3, i);
    lower = upper;
  }
  st(out, OUT_NUMBER_DENSITY, m0);
  st(out, OUT_FIRST_MOMENT, m1);
  st(out, OUT_THIRD_MOMENT, m3);
}

/** Σ max(0, n R² (G_i + G_{i+1})/2) of the stored PSD. */
export function growingSurfaceRate(p: i32): f64 {
  const n = arr(p, A_PSD);
  const size = arr(p, A_SIZE);
  const g = arr(p, A_GROWTH);
  const hi = <i32>phaseScalar(p, LAST_OCCUPIED);
  let growing: f64 = 0;
  for (let i = <i32>phaseScalar(p, FIRST_OCCUPIED); i <= hi; i++) {
    const r = ld(size, i);
    const v = ld(n, i) * r * r * 0.5 * (ld(g, i + 1) + ld(g, i));
    if (v > 0) growing += v;
  }
  return growing;
}

function thirdMoment(p: i32, bins: i32): f64 {
  const n = arr(p, A_PSD);
  const size3 = arr(p, A_SIZE3);
  let s: f64 = 0;
  for (let i = 0; i < bins; i++) s += ld(n, i) * ld(size3, i);
  return s;
}

/** np.interp of the old number density per metre onto the new centres, edge values held. */
function interpolate(p: i32, count: i32, oldCount: i32): void {
  const xs = arr(p, A_SIZE);
  const xp = arr(p, A_SCRATCH_B);
  const fp = arr(p, A_SCRATCH_A);
  const out = arr(p, A_PSD);
  let j = 0;
  for (let i = 0; i < count; i++) {
    const x = ld(xs, i);
    if (x <= ld(xp, 0)) st(out, i, ld(fp, 0));
    else if (x >= ld(xp, oldCount - 1)) st(out, i, ld(fp, oldCount - 1));
    else {
      while (ld(xp, j + 1) < x) j++;
      while (ld(xp, j) > x) j--;
      const slope = (ld(fp, j + 1) - ld(fp, j)) / (ld(xp, j + 1) - ld(xp, j));
      st(out, i, slope * (x - ld(xp, j)) + ld(fp, j));
    }
  }
}

/** changeSizeClasses: re-grid to [cmin, max(10 cmin, cmax)] with `bins` bins, conserving Σ n R³. */
export function regrid(p: i32, cminM: f64, cmaxM: f64, bins: i32): void {
  const oldBins = <i32>phaseScalar(p, BIN_COUNT);
  const oldV = thirdMoment(p, oldBins);
  const b = arr(p, A_BOUNDS);
  const n = arr(p, A_PSD);
  const size = arr(p, A_SIZE);
  const density = arr(p, A_SCRATCH_A);
  const oldSize = arr(p, A_SCRATCH_B);
  for (let i = 0; i < oldBins; i++) {
    st(density, i, ld(n, i) / (ld(b, i + 1) - ld(b, i)));
    st(oldSize, i, ld(size, i));
  }
  layOut(p, cminM, Math.max(10 * cminM, cmaxM), bins);
  interpolate(p, bins, oldBins);
  for (let i = 0; i < bins; i++) st(n, i, ld(n, i) * (ld(b, i + 1) - ld(b, i)));
  const newV = thirdMoment(p, bins);
  for (let i = 0; i < bins; i++) st(n, i, newV != 0 ? (ld(n, i) * oldV) / newV : 0);
}

/** all(G < 0) over every bound, scanning from the top where growing distributions fail at once. */
function dissolvingEverywhere(p: i32, bins: i32): bool {
  const g = arr(p, A_GROWTH);
  for (let j = bins; j >= 0; j--) if (!(ld(g, j) < 0)) return false;
  return true;
}

/** kawin's adjustSizeClassesEuler (kwn.md §6.5); true when the grid changed. PSD is zero outside [from, to]. */
export function adjust(p: i32, initialBins: i32, minBins: i32, maxBins: i32, from: i32, to: i32): bool {
  let bins = <i32>phaseScalar(p, BIN_COUNT);
  const n = arr(p, A_PSD);
  // kawin tests all(G < 0) on the growth rates of the grid as it was before any bins are added.
  const dissolving = dissolvingEverywhere(p, bins);
  let changed = false;
  if (ld(n, bins - 1) > 1) {
    const added = initialBins / 4;
    const b = arr(p, A_BOUNDS);
    const width = ld(b, 1) - ld(b, 0);
    for (let i = bins; i < bins + added; i++) st(n, i, 0);
    layOut(p, phaseScalar(p, GRID_MIN), phaseScalar(p, GRID_MAX) + <f64>added * width, bins + added);
    bins += added;
    changed = true;
  }
  const b = arr(p, A_BOUNDS);
  if (bins > maxBins) {
    regrid(p, ld(b, 0), ld(b, bins), minBins);
    return true;
  }
  if (dissolving && ld(b, bins) > 10 * ld(b, 0)) {
    let lastOccupied = -1;
    for (let i = from; i <= to; i++) if (ld(n, i) > 1) lastOccupied = i;
    const size = arr(p, A_SIZE);
    if (lastOccupied >= 0 && ld(size, lastOccupied) < ld(size, minBins / 2)) {
      regrid(p, ld(b, 0), ld(b, lastOccupied + 1), maxBins);
      changed = true;
    }
  }
  return changed;
}

export function clearArray(p: i32, a: i32, count: i32): void {
  memory.fill(arr(p, a), 0, (<usize>count) << 3);
}

export { A_GROWTH, A_NEXT, A_PSD };
