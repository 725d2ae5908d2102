// Size grid and population balance of one phase for the plain TypeScript solver (kwn.md §6).
// The arithmetic mirrors assembly/grid.ts operation for operation so both give the same bits.

export const MAX_BINS = 256;

export interface PhaseGrid {
  bins: number;
  minM: number;
  maxM: number;
  bounds: Float64Array; // bins + 1
  size: Float64Array; // bin centres
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
    invWidth: f(MAX_BINS),
    invBound: f(MAX_BINS + 1),
    psd: f(MAX_BINS),
    next: f(MAX_BINS),
    growth: f(MAX_BINS + 1),
    flux: f(MAX_BINS + 1),
    dissolutionIndex: 0,
    original: false,
    occupied: false,
    scratchA: f(MAX_BINS),
    scratchB: f(MAX_BINS),
  };
}

/** numpy.linspace(min, max, bins + 1): i·step + min, last bound exactly max. */
export function layOut(g: PhaseGrid, minM: number, maxM: number, bins: number): void {
  g.bins = bins;
  g.minM = minM;
  g.maxM = maxM;
  const step = (maxM - minM) / bins;
  for (let i = 0; i < bins; i++) g.bounds[i] = i * step + minM;
  g.bounds[bins] = maxM;
  for (let i = 0; i < bins; i++) {
    g.size[i] = 0.5 * (g.bounds[i] + g.bounds[i + 1]);
    g.invWidth[i] = 1 / (g.bounds[i + 1] - g.bounds[i]);
  }
  for (let j = 0; j <= bins; j++) g.invBound[j] = 1 / g.bounds[j];
}

/** Upwind fluxes through the bounds (kwn.md §6.2); flux[j] > 0 moves particles up. */
export function computeFluxes(g: PhaseGrid): void {
  const { bins, growth, psd, invWidth, flux } = g;
  for (let j = 0; j <= bins; j++) {
    const gr = growth[j];
    if (gr > 0) flux[j] = j >= 1 ? gr * psd[j - 1] * invWidth[j - 1] : 0;
    else flux[j] = j < bins ? gr * psd[j] * invWidth[j] : 0;
  }
}

/** Bin receiving nuclei: argmax(bounds > R_nuc) − 1, where −1 (none, or R_nuc below the grid) is the last bin. */
export function nucleusBin(g: PhaseGrid, nucleusRadiusM: number): number {
  for (let j = 0; j <= g.bins; j++) {
    if (g.bounds[j] > nucleusRadiusM) return j === 0 ? g.bins - 1 : j - 1;
  }
  return g.bins - 1;
}

/** Positivity correction (kwn.md §6.3) and the Euler update into `next`, then the cleanup below minRadius. */
export function advanceGrid(g: PhaseGrid, dt: number, nucleationRate: number, nucleusRadiusM: number, minRadiusM: number): void {
  const { bins, flux, psd, next, size } = g;
  for (let j = 0; j < bins; j++) if (flux[j] * dt < -psd[j]) flux[j] = -psd[j] / dt;
  for (let j = 1; j <= bins; j++) if (flux[j] * dt > psd[j - 1]) flux[j] = psd[j - 1] / dt;
  const k = nucleusBin(g, nucleusRadiusM);
  for (let i = 0; i < bins; i++) {
    let rate = flux[i] - flux[i + 1];
    if (i === k) rate += nucleationRate;
    next[i] = size[i] < minRadiusM ? 0 : psd[i] + rate * dt;
  }
}

/** Time-step limit from the growth rates at the lower bounds of occupied bins past the dissolution index. */
export function psdTimeLimit(g: PhaseGrid): number {
  let maxGrowth = 0;
  let any = false;
  for (let i = g.dissolutionIndex; i < g.bins; i++) {
    if (g.psd[i] > 0) {
      any = true;
      const a = Math.abs(g.growth[i]);
      if (a > maxGrowth) maxGrowth = a;
    }
  }
  if (!any || maxGrowth === 0) return Infinity;
  return (0.4 * (g.bounds[1] - g.bounds[0])) / maxGrowth;
}

/** np.interp(x, xp, fp) with edge values held outside [xp0, xpLast]; xs and xp ascending. */
function interpolate(xs: Float64Array, count: number, xp: Float64Array, fp: Float64Array, n: number, out: Float64Array): void {
  let j = 0;
  for (let i = 0; i < count; i++) {
    const x = xs[i];
    if (x <= xp[0]) out[i] = fp[0];
    else if (x >= xp[n - 1]) out[i] = fp[n - 1];
    else {
      while (xp[j + 1] < x) j++;
      while (xp[j] > x) j--;
      const slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
      out[i] = slope * (x - xp[j]) + fp[j];
    }
  }
}

function thirdMoment(psd: Float64Array, size: Float64Array, bins: number): number {
  let s = 0;
  for (let i = 0; i < bins; i++) s += psd[i] * size[i] * size[i] * size[i];
  return s;
}

/** changeSizeClasses: re-grid to [cmin, max(10 cmin, cmax)] with `bins` bins, conserving Σ n R³. */
export function regrid(g: PhaseGrid, cminM: number, cmaxM: number, bins: number): void {
  const oldBins = g.bins;
  const oldV = thirdMoment(g.psd, g.size, oldBins);
  const density = g.scratchA;
  const oldSize = g.scratchB;
  for (let i = 0; i < oldBins; i++) {
    density[i] = g.psd[i] / (g.bounds[i + 1] - g.bounds[i]);
    oldSize[i] = g.size[i];
  }
  layOut(g, cminM, Math.max(10 * cminM, cmaxM), bins);
  interpolate(g.size, bins, oldSize, density, oldBins, g.psd);
  for (let i = 0; i < bins; i++) g.psd[i] = g.psd[i] * (g.bounds[i + 1] - g.bounds[i]);
  const newV = thirdMoment(g.psd, g.size, bins);
  for (let i = 0; i < bins; i++) g.psd[i] = newV !== 0 ? (g.psd[i] * oldV) / newV : 0;
}
