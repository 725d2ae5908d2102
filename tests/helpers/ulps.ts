// What the math tests measure accuracy with: distance in ulps, and a seeded uniform generator.

/** Distance in units in the last place of `expected`. */
export function ulps(actual: number, expected: number): number {
  const next = new Float64Array([Math.abs(expected)]);
  new BigUint64Array(next.buffer)[0] += 1n;
  return Math.abs(actual - expected) / (next[0] - Math.abs(expected));
}

/** A seeded Lehmer generator of numbers in (0, 1): the same draws on every run. */
export function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}
