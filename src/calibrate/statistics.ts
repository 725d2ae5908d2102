// Summaries of posterior samples: quantiles, medians, central intervals and correlations.

/** The q-quantile (0..1) of values, linearly interpolated between order statistics. */
export function quantile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return NaN;
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
}

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

export function variance(values: ArrayLike<number>): number {
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i] - m) ** 2;
  return s / (values.length - 1);
}

/** Column j of row-major samples. */
export function column(samples: number[][], j: number): Float64Array {
  return Float64Array.from(samples, (row) => row[j]);
}

/** The Pearson correlation matrix of the samples' columns. */
export function correlationMatrix(samples: number[][]): number[][] {
  const dim = samples[0]?.length ?? 0;
  const columns = Array.from({ length: dim }, (_, j) => column(samples, j));
  const means = columns.map(mean);
  const sds = columns.map((c) => Math.sqrt(variance(c)));
  return columns.map((ci, i) =>
    columns.map((cj, j) => {
      if (i === j) return 1;
      let s = 0;
      for (let k = 0; k < ci.length; k++) s += (ci[k] - means[i]) * (cj[k] - means[j]);
      return s / (ci.length - 1) / (sds[i] * sds[j]);
    }),
  );
}

export interface Interval {
  low: number;
  high: number;
}

/** The central interval holding `mass` (e.g. 0.9: from the 5 % to the 95 % quantile). */
export function centralInterval(values: ArrayLike<number>, mass: number): Interval {
  const tail = (1 - mass) / 2;
  return { low: quantile(values, tail), high: quantile(values, 1 - tail) };
}
