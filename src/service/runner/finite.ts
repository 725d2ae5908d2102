// A run whose numbers are not finite is not a result: the JSON pointers of every number that is not
// finite (NaN, ±Infinity) in a summary, so that the job fails saying where.

export function nonFinitePointers(value: unknown, pointer = ''): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [pointer || '/'];
  if (value === null || value === undefined) return [pointer || '/'];
  if (typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return entries.flatMap(([key, v]) => nonFinitePointers(v, `${pointer}/${key}`));
}

/** The failure message of a summary with numbers that are not finite, or undefined when all are. */
export function nonFiniteFailure(summary: unknown, steps: number): string | undefined {
  const bad = nonFinitePointers(summary);
  if (bad.length === 0) return undefined;
  const listed = bad.slice(0, 5).join(', ') + (bad.length > 5 ? ` and ${bad.length - 5} more` : '');
  return (
    `the run produced numbers that are not finite after ${steps} steps (summary ${listed}): ` +
    'the model cannot compute this request'
  );
}
