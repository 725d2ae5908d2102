// Thinning rows evenly in log-time (the compact series and the default raw data, compact.ts): one candidate
// per non-empty bucket of equal slices of log-time, with as many buckets as still fit the budget.
// Isomorphic.

/** ln t of every row (rows at t = 0 give -Infinity and are never candidates). */
export function logTimes(timeS: ArrayLike<number>): Float64Array {
  const logs = new Float64Array(timeS.length);
  for (let i = 0; i < timeS.length; i++) logs[i] = Math.log(timeS[i]);
  return logs;
}

/** Where each candidate lies between the first and the last in log-time, 0..1 (`logT`: ln t per row). */
function logTimeFractions(logT: ArrayLike<number>, candidates: number[]): Float64Array {
  const lo = logT[candidates[0]];
  const span = logT[candidates[candidates.length - 1]] - lo || 1;
  // A loop: Float64Array.from with a map function was a tenth of a service run's non-engine time.
  const fractions = new Float64Array(candidates.length);
  for (let k = 0; k < candidates.length; k++) fractions[k] = (logT[candidates[k]] - lo) / span;
  return fractions;
}

/** Whether bucketPick would pick at most `budget` candidates (without building the list). */
function fitsBudget(fractions: Float64Array, buckets: number, budget: number): boolean {
  // The fractions are sorted, so a bucket's candidates are consecutive: from each bucket's first candidate,
  // gallop to the next bucket's instead of scanning every candidate (the same count; issue 17).
  const last = buckets - 1;
  let count = 0;
  for (let k = 0; k < fractions.length;) {
    if (++count > budget) return false; // most tries fail early in the scan
    const bucket = Math.min(last, Math.floor(fractions[k] * buckets));
    if (bucket === last) return true;
    k = nextBucketStart(fractions, buckets, bucket, k);
  }
  return true;
}

/** The first index after k whose bucket is above `bucket` (k's), or the length: galloping, then bisection. */
function nextBucketStart(fractions: Float64Array, buckets: number, bucket: number, k: number): number {
  const n = fractions.length;
  let inside = k;
  let step = 1;
  let beyond = k + 1;
  while (beyond < n && Math.floor(fractions[beyond] * buckets) <= bucket) {
    inside = beyond;
    step *= 2;
    beyond = k + step;
  }
  beyond = Math.min(beyond, n);
  while (beyond - inside > 1) {
    const mid = (inside + beyond) >>> 1;
    if (Math.floor(fractions[mid] * buckets) <= bucket) inside = mid;
    else beyond = mid;
  }
  return beyond;
}

/** One candidate per non-empty bucket of `buckets` equal slices of log-time. */
function bucketPick(candidates: number[], fractions: Float64Array, buckets: number): number[] {
  const picked: number[] = [];
  let lastBucket = -1;
  for (let k = 0; k < candidates.length; k++) {
    const bucket = Math.min(buckets - 1, Math.floor(fractions[k] * buckets));
    if (bucket !== lastBucket) picked.push(candidates[k]);
    lastBucket = bucket;
  }
  return picked;
}

/** Up to `budget` of the candidates, spread evenly in log-time (candidates must have time > 0, sorted). */
export function thinLogTime(
  timeS: ArrayLike<number>,
  candidates: number[],
  budget: number,
  logT?: ArrayLike<number>,
): number[] {
  if (candidates.length <= budget) return candidates;
  if (budget <= 0) return [];
  // The logarithms once, not once per bucket count tried (the preview draws right after its run).
  const fractions = logTimeFractions(logT ?? logTimes(timeS), candidates);
  // The most buckets that still yield at most `budget` picks: early rows are sparse in log-time, so
  // asking for `budget` buckets alone would leave part of the budget unused.
  let low = 1;
  let high = candidates.length;
  let best = 1;
  while (low <= high) {
    const mid = Math.floor((low + high) / 2);
    if (fitsBudget(fractions, mid, budget)) {
      best = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return bucketPick(candidates, fractions, best);
}
