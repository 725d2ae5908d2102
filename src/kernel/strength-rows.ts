// kawin's strength model over a run's recorded rows in the module (assembly/strength-rows.ts): the rows'
// radius moments and matrix composition go in a chunk at a time, the per-phase and per-row results come
// out into whole columns. One call per chunk instead of several per row (bench/README.md, "Strength").
import type { KernelExports } from '../thermo/module/exports.js';
import type {
  ColumnAllocator,
  KernelMath,
  KernelPhaseStrength,
  KernelSlipPlane,
  KernelStrengthModel,
  KernelStrengthResults,
  KernelStrengthRows,
} from './types.js';

type StrengthExports = Pick<
  KernelExports,
  | 'memory'
  | 'strengthBegin'
  | 'strengthTerm'
  | 'strengthTotals'
  | 'strengthSolute'
  | 'strengthMomentsPtr'
  | 'strengthSolutePtr'
  | 'strengthPhasePtr'
  | 'strengthTotalsPtr'
  | 'strengthMechanismPtr'
  | 'strengthRows'
  | 'STRENGTH_CHUNK_ROWS'
  | 'STRENGTH_PHASE_COLUMNS'
  | 'STRENGTH_TOTAL_COLUMNS'
>;

/** The kernel's columns per phase, in its order (assembly/strength-rows.ts STRENGTH_PHASE_COLUMNS). */
const SLIP_PLANE_KEYS = [
  'radiusM',
  'spacingM',
  'weakCrssPa',
  'strongCrssPa',
  'orowanCrssPa',
] as const satisfies readonly (keyof KernelSlipPlane)[];
const PHASE_KEYS = ['crssMPa', 'yieldStrengthMPa'] as const satisfies readonly (keyof KernelPhaseStrength)[];
const TOTAL_KEYS = [
  'totalCrssMPa',
  'precipitationStrengthMPa',
  'solidSolutionStrengthMPa',
  'totalYieldStrengthMPa',
] as const satisfies readonly (keyof KernelStrengthResults)[];

function setModel(ex: StrengthExports, model: KernelStrengthModel): void {
  ex.strengthBegin(model.shearModulusPa, model.burgersM, model.poisson);
  model.terms.forEach((terms, p) => terms.forEach(([code, a, c], k) => ex.strengthTerm(p, k, code, a, c)));
  ex.strengthTotals(model.taylorFactor, model.baseStrengthPa, model.solutes.length);
  model.solutes.forEach((s, k) => ex.strengthSolute(k, s.weightPa, s.exponent));
}

/** Fresh zeroed columns (the row functions' default). */
export const FRESH_COLUMNS: ColumnAllocator = {
  float64: (n) => new Float64Array(n),
  uint8: (n) => new Uint8Array(n),
};

/** A zeroed column of n doubles per key. */
export const columns = <K extends string>(keys: readonly K[], n: number, alloc = FRESH_COLUMNS) =>
  Object.fromEntries(keys.map((key) => [key, alloc.float64(n)])) as Record<K, Float64Array>;

/** A view of a chunk column of the module: `n` doubles from `ptr`, column `q` of a run of consecutive ones. */
export const chunkView =
  (buffer: ArrayBufferLike, n: number) =>
  (ptr: number, q = 0) =>
    new Float64Array(buffer, ptr + 8 * n * q, n);

function emptyResults(
  phases: number,
  n: number,
  slipPlane: boolean,
  alloc: ColumnAllocator,
): KernelStrengthResults {
  return {
    phases: Array.from({ length: phases }, () => ({
      ...columns(PHASE_KEYS, n, alloc),
      mechanism: alloc.uint8(n),
      ...(slipPlane && { slipPlane: columns(SLIP_PLANE_KEYS, n, alloc) }),
    })),
    ...columns(TOTAL_KEYS, n, alloc),
  };
}

export type Column = Float64Array | Uint8Array;

/**
 * Views over the module's chunk (a static block: its addresses never move) paired with where they go:
 * the inputs [row array, view], the outputs [view, result column].
 */
function chunkPairs(ex: StrengthExports, rows: KernelStrengthRows, out: KernelStrengthResults) {
  const N = ex.STRENGTH_CHUNK_ROWS.value;
  const Q = SLIP_PLANE_KEYS.length + PHASE_KEYS.length;
  if (ex.STRENGTH_PHASE_COLUMNS.value !== Q || ex.STRENGTH_TOTAL_COLUMNS.value !== TOTAL_KEYS.length)
    throw new Error('the kernel computes other strength columns than the engine reads');
  const { buffer } = ex.memory;
  const view = chunkView(buffer, N);
  const inputs: [Float64Array, Float64Array][] = [
    ...rows.radiusMomentPerM2.map((m1, p): [Float64Array, Float64Array] => [
      m1,
      view(ex.strengthMomentsPtr(p)),
    ]),
    ...rows.radiusSquaredMomentPerM.map((m2, p): [Float64Array, Float64Array] => [
      m2,
      view(ex.strengthMomentsPtr(p), 1),
    ]),
    ...rows.solutes.map((x, k): [Float64Array, Float64Array] => [x, view(ex.strengthSolutePtr(k))]),
  ];
  const outputs: [Column, Column][] = out.phases.flatMap((phase, p) => {
    const at = ex.strengthPhasePtr(p);
    const slip = phase.slipPlane;
    return [
      ...(slip ? SLIP_PLANE_KEYS.map((key, q): [Column, Column] => [view(at, q), slip[key]]) : []),
      ...PHASE_KEYS.map((key, q): [Column, Column] => [view(at, SLIP_PLANE_KEYS.length + q), phase[key]]),
      [new Uint8Array(buffer, ex.strengthMechanismPtr(p), N), phase.mechanism],
    ];
  });
  outputs.push(...TOTAL_KEYS.map((key, t): [Column, Column] => [view(ex.strengthTotalsPtr(), t), out[key]]));
  return { N, inputs, outputs };
}

/** The module's strength over rows, as KernelMath.strengthRows. */
export function moduleStrengthRows(ex: StrengthExports): KernelMath['strengthRows'] {
  return (model, rows, slipPlane, alloc = FRESH_COLUMNS) => {
    const P = rows.radiusMomentPerM2.length;
    const n = rows.length;
    setModel(ex, model);
    const out = emptyResults(P, n, slipPlane, alloc);
    const { N, inputs, outputs } = chunkPairs(ex, rows, out);
    throughChunks(n, N, inputs, outputs, (count) => ex.strengthRows(count, P));
    return out;
  };
}

/**
 * n rows through the module's chunk of N rows: each input column's rows copied into its view, `compute`
 * called for the chunk's row count, each output view copied into its column.
 */
export function throughChunks(
  n: number,
  N: number,
  inputs: readonly (readonly [Float64Array, Float64Array])[],
  outputs: readonly (readonly [Column, Column])[],
  compute: (count: number) => void,
): void {
  for (let start = 0; start < n; start += N) {
    const count = Math.min(N, n - start);
    for (const [from, to] of inputs) to.set(from.subarray(start, start + count));
    compute(count);
    for (const [from, to] of outputs) to.set(count === N ? from : from.subarray(0, count), start);
  }
}
