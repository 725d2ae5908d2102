// The seam between the optimiser/sampler and whatever evaluates the objective: a whole batch of points
// at once, so that a pool of worker threads (or Web Workers) can run them in parallel.

/** Evaluates f at every point; the result's i-th value belongs to points[i]. */
export type BatchFunction = (points: number[][]) => Promise<number[]>;

/** A batch function from a plain synchronous one (tests, cheap objectives). */
export function batchOf(f: (x: number[]) => number): BatchFunction {
  return async (points) => points.map((x) => f(x));
}
