// kawin's non-isothermal incubation time (kwn.md §4 step 6) in O(log n) per call, without re-scanning the
// history every step. kawin compares, for every record k, RHS_k = S_{k+1} (S_m = Σ_{j=1..m} β_j (t_j −
// t_{j−1})) with LHS_k = T_k / (2 Z² T) and takes the first sign change. With c = 1/(2 Z² T) the sign of
// S_{k+1} − c T_k is the sign of q_k − c, q_k = S_{k+1} / T_k, which does not depend on the current step:
// running prefix maxima and minima of q (kept with each record) turn the O(n) scan into a binary search.
import {
  IMPINGEMENT, FIRST_IMPINGEMENT_SUM, LAST_IMPINGEMENT_SUM, phaseScalar, growHistory, historyBase, historyCapacity, historyStride, ld, phaseCount,
  setPhaseScalar, st,
} from './layout';

let records: i32 = 0;
let firstTemperatureK: f64 = 0;
let lastTemperatureK: f64 = 0;

export function resetHistory(): void {
  records = 0;
}

export function recordCount(): i32 {
  return records;
}

// @ts-ignore: decorator
@inline function rec(m: i32): usize {
  return historyBase + ((<usize>(m * historyStride())) << 3);
}

/** End of the kernel's state in memory: the last history record written. */
export function stateEnd(): usize {
  return rec(records);
}

/** The history's scalars, which live outside memory: 0 records, 1 first T, 2 last T (checkpoints). */
export function historyScalar(which: i32): f64 {
  return which == 0 ? <f64>records : which == 1 ? firstTemperatureK : lastTemperatureK;
}

/** Restores the history's scalars of a checkpoint; its bytes are copied in by the host afterwards. */
export function restoreHistory(count: i32, firstT: f64, lastT: f64): void {
  while (historyCapacity < count) growHistory();
  records = count;
  firstTemperatureK = firstT;
  lastTemperatureK = lastT;
}

export function timeOf(m: i32): f64 {
  return ld(rec(m), 0);
}

export function appendHistory(timeS: f64, temperatureK: f64): void {
  const m = records;
  if (m >= historyCapacity) growHistory();
  const r = rec(m);
  st(r, 0, timeS);
  const P = phaseCount;
  if (m == 0) {
    firstTemperatureK = temperatureK;
    for (let p = 0; p < P; p++) {
      setPhaseScalar(p, FIRST_IMPINGEMENT_SUM, 0);
      setPhaseScalar(p, LAST_IMPINGEMENT_SUM, 0);
    }
  } else {
    const dt = timeS - timeOf(m - 1);
    const at = rec(m - 1); // prefix over j = 1..m−1 lives with record m−1
    const before = rec(m - 2);
    for (let p = 0; p < P; p++) {
      const s = phaseScalar(p, LAST_IMPINGEMENT_SUM) + phaseScalar(p, IMPINGEMENT) * dt;
      setPhaseScalar(p, LAST_IMPINGEMENT_SUM, s);
      if (m == 1) setPhaseScalar(p, FIRST_IMPINGEMENT_SUM, s);
      else {
        const q = s / lastTemperatureK; // q_{m−1} = S_m / T_{m−1}
        st(at, 1 + p, m == 2 ? q : Math.max(ld(before, 1 + p), q));
        st(at, 1 + P + p, m == 2 ? q : Math.min(ld(before, 1 + P + p), q));
      }
    }
  }
  lastTemperatureK = temperatureK;
  records = m + 1;
}

/** Whether prefix k passes c: mode −1 wants q ≥ c, +1 wants q ≤ c, 0 wants q ≠ c. */
// @ts-ignore: decorator
@inline function passes(k: i32, p: i32, c: f64, mode: i32): bool {
  const r = rec(k);
  const hi = ld(r, 1 + p);
  const lo = ld(r, 1 + phaseCount + p);
  if (mode < 0) return hi >= c;
  if (mode > 0) return lo <= c;
  return hi > c || lo < c;
}

function firstPassing(p: i32, last: i32, c: f64, mode: i32): i32 {
  if (last < 1 || !passes(last, p, c, mode)) return -1;
  let lo = 1;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (passes(mid, p, c, mode)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

// @ts-ignore: decorator
@inline function sign(v: f64): i32 {
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

export function incubationTime(p: i32, timeS: f64, temperatureK: f64, beta: f64, zeldovich: f64): f64 {
  const n = records - 1;
  const t0 = timeOf(0);
  const c = 1 / (2 * zeldovich * zeldovich * temperatureK);
  if (n == 0) {
    const lhs0 = c * firstTemperatureK;
    return 0 - lhs0 > 0 ? 0 : lhs0 / beta + (timeS - t0);
  }
  const diff0 = phaseScalar(p, FIRST_IMPINGEMENT_SUM) - c * firstTemperatureK;
  const lhsN = c * lastTemperatureK;
  // kawin quirk: the newest term is β·(t − t_0), not β·(t − t_n), and t is never reset after T changes
  const rhsN = phaseScalar(p, LAST_IMPINGEMENT_SUM) + beta * (timeS - t0);
  const diffN = rhsN - lhsN;
  const sign0 = sign(diff0);
  let j = firstPassing(p, n - 1, c, sign0 < 0 ? -1 : sign0 > 0 ? 1 : 0);
  if (j < 0 && sign(diffN) != sign0) j = n;
  if (j >= 1) return timeOf(j - 1) - t0;
  return diff0 > 0 ? 0 : (lhsN - rhsN) / beta + (timeS - t0);
}
