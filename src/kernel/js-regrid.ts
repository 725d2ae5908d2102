// Bin adding, re-gridding and the end-of-step commit of one phase's size distribution for the plain
// TypeScript solver (kwn.md §6.4–6.6); mirrors assembly/grid.ts operation for operation.
import { layOut, type PhaseGrid } from './js-grid.js';

function thirdMoment(g: PhaseGrid, bins: number): number {
  let s = 0;
  for (let i = 0; i < bins; i++) s += g.psd[i] * g.size3[i];
  return s;
}

/** np.interp of the old number density per metre (scratchA at centres scratchB) onto the new centres. */
function interpolate(g: PhaseGrid, count: number, oldCount: number): void {
  const xs = g.size;
  const xp = g.scratchB;
  const fp = g.scratchA;
  let j = 0;
  for (let i = 0; i < count; i++) {
    const x = xs[i];
    if (x <= xp[0]) g.psd[i] = fp[0];
    else if (x >= xp[oldCount - 1]) g.psd[i] = fp[oldCount - 1];
    else {
      while (xp[j + 1] < x) j++;
      while (xp[j] > x) j--;
      const slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
      g.psd[i] = slope * (x - xp[j]) + fp[j];
    }
  }
}

/** changeSizeClasses: re-grid to [cmin, max(10 cmin, cmax)] with `bins` bins, conserving Σ n R³. */
export function regrid(g: PhaseGrid, cminM: number, cmaxM: number, bins: number): void {
  const oldBins = g.bins;
  const oldV = thirdMoment(g, oldBins);
  const b = g.bounds;
  for (let i = 0; i < oldBins; i++) {
    g.scratchA[i] = g.psd[i] / (b[i + 1] - b[i]);
    g.scratchB[i] = g.size[i];
  }
  layOut(g, cminM, Math.max(10 * cminM, cmaxM), bins);
  interpolate(g, bins, oldBins);
  for (let i = 0; i < bins; i++) g.psd[i] = g.psd[i] * (b[i + 1] - b[i]);
  const newV = thirdMoment(g, bins);
  for (let i = 0; i < bins; i++) g.psd[i] = newV !== 0 ? (g.psd[i] * oldV) / newV : 0;
}

/** all(G < 0) over every bound, scanning from the top where growing distributions fail at once. */
function dissolvingEverywhere(g: PhaseGrid): boolean {
  for (let j = g.bins; j >= 0; j--) if (!(g.growth[j] < 0)) return false;
  return true;
}

/** kawin's adjustSizeClassesEuler (kwn.md §6.5); true when the grid changed. psd is zero outside [from, to]. */
export function adjust(
  g: PhaseGrid,
  initialBins: number,
  minBins: number,
  maxBins: number,
  from: number,
  to: number,
): boolean {
  // kawin tests all(G < 0) on the growth rates of the grid as it was before any bins are added.
  const dissolving = dissolvingEverywhere(g);
  let changed = false;
  if (g.psd[g.bins - 1] > 1) {
    const added = Math.trunc(initialBins / 4);
    const width = g.bounds[1] - g.bounds[0];
    g.psd.fill(0, g.bins, g.bins + added);
    layOut(g, g.minM, g.maxM + added * width, g.bins + added);
    changed = true;
  }
  const b = g.bounds;
  if (g.bins > maxBins) {
    regrid(g, b[0], b[g.bins], minBins);
    return true;
  }
  if (dissolving && b[g.bins] > 10 * b[0]) {
    let lastOccupied = -1;
    for (let i = from; i <= to; i++) if (g.psd[i] > 1) lastOccupied = i;
    if (lastOccupied >= 0 && g.size[lastOccupied] < g.size[Math.trunc(minBins / 2)]) {
      regrid(g, b[0], b[lastOccupied + 1], maxBins);
      changed = true;
    }
  }
  return changed;
}

/** PSD ← next with n < 1 dropped, resize, cleanup below minRadius, dissolution index; true if re-gridded. */
export function commitGrid(
  g: PhaseGrid,
  initialBins: number,
  minBins: number,
  maxBins: number,
  minRadiusM: number,
): boolean {
  // next was written over [nextLo, nextHi]; psd is zero outside [lo, hi], which lies inside it.
  let from = g.nextLo;
  let to = g.nextHi;
  // kawin quirk: n < 1 is dropped only now, after the mass balance already counted those bins
  for (let i = from; i <= to; i++) {
    const v = g.next[i];
    g.psd[i] = v < 1 ? 0 : v;
  }
  const changed = adjust(g, initialBins, minBins, maxBins, from, to);
  if (changed) {
    from = 0;
    to = g.bins - 1;
  }
  let lo = to + 1;
  let hi = -1;
  let total = 0;
  for (let i = from; i <= to; i++) {
    if (g.size[i] < minRadiusM) g.psd[i] = 0;
    else if (g.psd[i] !== 0) {
      if (lo > i) lo = i;
      hi = i;
    }
    total += g.psd[i] * g.size3[i];
  }
  let index = 0;
  if (hi >= 0) {
    const threshold = 1e-3 * total;
    let running = 0;
    for (let i = lo; i <= hi; i++) {
      running += g.psd[i] * g.size3[i];
      if (running > threshold) {
        index = i;
        break;
      }
    }
  }
  g.occupied = hi >= 0;
  g.lo = hi >= 0 ? lo : 0;
  g.hi = hi;
  g.dissolutionIndex = index;
  if (changed) g.original = false;
  return changed;
}
