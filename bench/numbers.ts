// Medians and the bench tables' number formats.
export const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
};
export const median = (xs: number[]) => quantile(xs, 0.5);
export const ms = (x: number) => x.toFixed(0);
/** CPU per run: /proc counts 10 ms ticks, i.e. 0.17–0.25 ms per run over a 40–60-run stream. */
export const ms1 = (x: number) => x.toFixed(1);
