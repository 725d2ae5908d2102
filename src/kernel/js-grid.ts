// Size grid and population balance of one phase for the plain TypeScript solver (kwn.md §6).
// The arithmetic mirrors assembly/grid.ts operation for operation so both give the same bits.

export const MAX_BINS = 256;

export interface PhaseGrid {
  bins: number;
  minM: number;
  maxM: number;
  bounds: Float64Array; // bins + 1
  size: Float64Array; // bin centres
  size3: Float64Array; // size³
  invWidth: Float64Array; // 1 / (bounds[i+1] − bounds[i])
  invBound: Float64Array; // 1 / bounds[j]
  psd: Float64Array;
  next: Float64Array;
  growth: Float64Array; // bins + 1
  flux: Float64Array; // bins + 1
  dissolutionIndex: number;
  original: boolean;
  /** Any n ≠ 0 in psd (kept by commit and resetGrid so idle phases cost nothing). */
  occupied: boolean;
  // Index ranges, so loops skip the empty parts of a distribution (everything outside them is zero):
  lo: number; // first occupied bin (empty: lo > hi)
  hi: number;
  fluxLo: number; // bounds whose flux prepare wrote
  fluxHi: number;
  nextLo: number; // bins advance wrote into next
  nextHi: number;
  scratchA: Float64Array;
  scratchB: Float64Array;
}

export function createGrid(): PhaseGrid {
  const f = (n: number) => new Float64Array(n);
  return {
    bins: 0,
    minM: 0,
    maxM: 0,
    bounds: f(MAX_BINS + 1),
    size: f(MAX_BINS),
    size3: f(MAX_BINS),
    invWidth: f(MAX_BINS),
    invBound: f(MAX_BINS + 1),
    psd: f(MAX_BINS),
    next: f(MAX_BINS),
    growth: f(MAX_BINS + 1),
    flux: f(MAX_BINS + 1),
    dissolutionIndex: 0,
    original: false,
    occupied: false,
    lo: 0,
    hi: -1,
    fluxLo: 0,
    fluxHi: -1,
    nextLo: 0,
    nextHi: -1,
    scratchA: f(MAX_BINS),
    scratchB: f(MAX_BINS),
  };
}

/** numpy.linspace(min, max, bins + 1) and the cached centres, cubes and reciprocals. */
export function layOut(g: PhaseGrid, minM: number, maxM: number, bins: number): void {
  g.bins = bins;
  g.minM = minM;
  g.maxM = maxM;
  const b = g.bounds;
  const step = (maxM - minM) / bins;
  for (let i = 0; i < bins; i++) b[i] = i * step + minM;
  b[bins] = maxM;
  for (let i = 0; i < bins; i++) {
    const lo = b[i];
    const hi = b[i + 1];
    const s = 0.5 * (lo + hi);
    g.size[i] = s;
    g.size3[i] = s * s * s;
    g.invWidth[i] = 1 / (hi - lo);
  }
  for (let j = 0; j <= bins; j++) g.invBound[j] = 1 / b[j];
}

/**
 * Upwind fluxes of the stored PSD over the bounds next to occupied bins (zero elsewhere, kwn.md §6.2);
 * returns the PSD time-step limit (Infinity when none).
 */
export function fluxesAndLimit(g: PhaseGrid): number {
  const { bins, growth, psd, invWidth, flux, lo, hi } = g;
  const d = g.dissolutionIndex;
  const fluxHi = hi + 1 < bins ? hi + 1 : bins;
  g.fluxLo = lo;
  g.fluxHi = fluxHi;
  let maxGrowth = 0;
  let any = false;
  for (let j = lo; j <= fluxHi; j++) {
    const gr = growth[j];
    if (gr > 0) flux[j] = j >= 1 ? gr * psd[j - 1] * invWidth[j - 1] : 0;
    else flux[j] = j < bins ? gr * psd[j] * invWidth[j] : 0;
    if (j >= d && j < bins && psd[j] > 0) {
      any = true;
      const a = Math.abs(gr);
      if (a > maxGrowth) maxGrowth = a;
    }
  }
  if (!any || maxGrowth === 0) return Infinity;
  return (0.4 * (g.bounds[1] - g.bounds[0])) / maxGrowth;
}

/** Bin receiving nuclei: argmax(bounds > R_nuc) − 1 (binary search). */
// kawin quirk: R_nuc = 0, or a nucleus beyond the grid, makes that −1, i.e. the last bin
export function nucleusBin(g: PhaseGrid, nucleusRadiusM: number): number {
  const b = g.bounds;
  if (!(b[g.bins] > nucleusRadiusM) || b[0] > nucleusRadiusM) return g.bins - 1;
  let lo = 0; // b[lo] <= r
  let hi = g.bins; // b[hi] > r
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (b[mid] > nucleusRadiusM) hi = mid;
    else lo = mid;
  }
  return hi - 1;
}

/** kawin's two positivity limits on flux j (kwn.md §6.3), the lower rule first. */
function corrected(f: number, j: number, bins: number, n: Float64Array, dt: number): number {
  if (j < bins && f * dt < -n[j]) f = -n[j] / dt;
  if (j >= 1 && f * dt > n[j - 1]) f = n[j - 1] / dt;
  return f;
}

/** Flux through bound j: what fluxesAndLimit wrote, zero outside its range. */
function fluxAt(g: PhaseGrid, j: number): number {
  return j >= g.fluxLo && j <= g.fluxHi ? g.flux[j] : 0;
}

/**
 * Positivity-corrected Euler step into `next` with the cleanup below minRadius, over the bins that can be
 * non-zero: the occupied ones, their neighbours and the nucleus bin. Writes N, M1, M3 to out[at..at+2].
 */
export function advanceGrid(
  g: PhaseGrid,
  dt: number,
  rate: number,
  nucleusRadiusM: number,
  minRadiusM: number,
  out: Float64Array,
  at: number,
): void {
  const { bins, psd, next, size, size3, lo, hi } = g;
  const k = nucleusBin(g, nucleusRadiusM);
  let first = hi < lo ? k : lo > 0 ? lo - 1 : 0;
  let last = hi < lo ? k : hi + 1 < bins ? hi + 1 : bins - 1;
  if (k < first) first = k;
  if (k > last) last = k;
  g.nextLo = first;
  g.nextHi = last;
  let lower = corrected(fluxAt(g, first), first, bins, psd, dt);
  let m0 = 0;
  let m1 = 0;
  let m3 = 0;
  for (let i = first; i <= last; i++) {
    const upper = corrected(fluxAt(g, i + 1), i + 1, bins, psd, dt);
    let change = lower - upper;
    if (i === k) change += rate;
    const r = size[i];
    const v = r < minRadiusM ? 0 : psd[i] + change * dt;
    next[i] = v;
    m0 += v;
    m1 += v * r;
    m3 += v * size3[i];
    lower = upper;
  }
  out[at] = m0;
  out[at + 1] = m1;
  out[at + 2] = m3;
}

/** Σ max(0, n R² (G_i + G_{i+1})/2) of the stored PSD. */
export function growingSurfaceRate(g: PhaseGrid): number {
  let growing = 0;
  for (let i = g.lo; i <= g.hi; i++) {
    const r = g.size[i];
    const v = g.psd[i] * r * r * 0.5 * (g.growth[i + 1] + g.growth[i]);
    if (v > 0) growing += v;
  }
  return growing;
}
