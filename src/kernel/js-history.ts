// kawin's non-isothermal incubation time (kwn.md §4 step 6) without re-scanning the history every step.
//
// kawin compares, for every record k, RHS_k = S_{k+1} (S_m = Σ_{j=1..m} β_j (t_j − t_{j−1})) with
// LHS_k = T_k / (2 Z² T) and takes the first sign change. With c = 1/(2 Z² T) the sign of
// S_{k+1} − c T_k is the sign of q_k − c, q_k = S_{k+1} / T_k, which does not depend on the current step.
// Keeping running prefix maxima and minima of q turns the O(n) scan into a binary search.

export interface IncubationHistory {
  phaseCount: number;
  records: number;
  times: Float64Array;
  /** Prefix max / min of q_j over j = 1..k, stored at k·phaseCount + p. */
  prefixMax: Float64Array;
  prefixMin: Float64Array;
  firstTemperatureK: number;
  lastTemperatureK: number;
  /** S_1 and S_n per phase. */
  firstSum: Float64Array;
  lastSum: Float64Array;
}

export function createHistory(phaseCount: number, capacity = 1024): IncubationHistory {
  return {
    phaseCount,
    records: 0,
    times: new Float64Array(capacity),
    prefixMax: new Float64Array(capacity * phaseCount),
    prefixMin: new Float64Array(capacity * phaseCount),
    firstTemperatureK: 0,
    lastTemperatureK: 0,
    firstSum: new Float64Array(phaseCount),
    lastSum: new Float64Array(phaseCount),
  };
}

function grown(a: Float64Array, length: number): Float64Array {
  const b = new Float64Array(length);
  b.set(a);
  return b;
}

/** Appends record m = records with each phase's recorded β*. */
export function appendHistory(
  h: IncubationHistory,
  timeS: number,
  temperatureK: number,
  betas: ArrayLike<number>,
): void {
  const m = h.records;
  const P = h.phaseCount;
  if (m >= h.times.length) {
    h.times = grown(h.times, h.times.length * 2);
    h.prefixMax = grown(h.prefixMax, h.times.length * P);
    h.prefixMin = grown(h.prefixMin, h.times.length * P);
  }
  h.times[m] = timeS;
  if (m === 0) {
    h.firstTemperatureK = temperatureK;
    h.firstSum.fill(0);
    h.lastSum.fill(0);
  } else {
    const dt = timeS - h.times[m - 1];
    for (let p = 0; p < P; p++) {
      const s = h.lastSum[p] + betas[p] * dt;
      h.lastSum[p] = s;
      if (m === 1) h.firstSum[p] = s;
      else {
        const q = s / h.lastTemperatureK; // q_{m−1} = S_m / T_{m−1}
        const at = (m - 1) * P + p;
        h.prefixMax[at] = m === 2 ? q : Math.max(h.prefixMax[at - P], q);
        h.prefixMin[at] = m === 2 ? q : Math.min(h.prefixMin[at - P], q);
      }
    }
  }
  h.lastTemperatureK = temperatureK;
  h.records = m + 1;
}

/** Sign as −1, 0 or 1 (NaN gives 0, as in the WebAssembly kernel). */
function sign(v: number): number {
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

/** Whether prefix k passes c: mode −1 wants q ≥ c, +1 wants q ≤ c, 0 wants q ≠ c. */
function passes(h: IncubationHistory, k: number, p: number, c: number, mode: number): boolean {
  const at = k * h.phaseCount + p;
  if (mode < 0) return h.prefixMax[at] >= c;
  if (mode > 0) return h.prefixMin[at] <= c;
  return h.prefixMax[at] > c || h.prefixMin[at] < c;
}

/** First j in [1, last] whose prefix passes c (prefix values are monotone in j); −1 if none. */
function firstPassing(h: IncubationHistory, p: number, last: number, c: number, mode: number): number {
  if (last < 1 || !passes(h, last, p, c, mode)) return -1;
  let lo = 1;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (passes(h, mid, p, c, mode)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** τ for phase p at time t with the current β* and Z; kawin's formula, including its (t − t_0) term. */
export function incubationTime(
  h: IncubationHistory,
  p: number,
  timeS: number,
  temperatureK: number,
  beta: number,
  zeldovich: number,
): number {
  const n = h.records - 1;
  const t0 = h.times[0];
  const c = 1 / (2 * zeldovich * zeldovich * temperatureK);
  if (n === 0) {
    const lhs0 = c * h.firstTemperatureK;
    return 0 - lhs0 > 0 ? 0 : lhs0 / beta + (timeS - t0);
  }
  const diff0 = h.firstSum[p] - c * h.firstTemperatureK;
  const lhsN = c * h.lastTemperatureK;
  // kawin quirk: the newest term is β·(t − t_0), not β·(t − t_n), and t is never reset after T changes
  const rhsN = h.lastSum[p] + beta * (timeS - t0);
  const diffN = rhsN - lhsN;
  const sign0 = sign(diff0);
  let j = firstPassing(h, p, n - 1, c, sign0);
  if (j < 0 && sign(diffN) !== sign0) j = n;
  if (j >= 1) return h.times[j - 1] - t0;
  return diff0 > 0 ? 0 : (lhsN - rhsN) / beta + (timeS - t0);
}
