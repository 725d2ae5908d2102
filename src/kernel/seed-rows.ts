// The particles' shape and the seed model's strength over a run's recorded rows in the module
// (assembly/strength-seed.ts): the rows' mean radii (and volume fractions) go in a chunk at a time, the
// per-phase and per-row results come out into whole columns: a call per chunk instead of a pow and a log
// per phase and row from the host (bench/README.md, issue 17 round 3).
import type { KernelExports } from '../thermo/module/exports.js';
import { chunkView, columns, FRESH_COLUMNS, throughChunks, type Column } from './strength-rows.js';
import type {
  ColumnAllocator,
  KernelMath,
  KernelSeedModel,
  KernelSeedResults,
  KernelSeedRows,
  KernelShapes,
} from './types.js';

type SeedExports = Pick<
  KernelExports,
  | 'memory'
  | 'seedStrengthBegin'
  | 'seedRadiusPtr'
  | 'seedFractionPtr'
  | 'seedPhasePtr'
  | 'seedTotalsPtr'
  | 'seedStrengthRows'
  | 'SEED_CHUNK_ROWS'
  | 'SEED_PHASE_COLUMNS'
  | 'SEED_TOTAL_COLUMNS'
>;

/** The kernel's columns per phase and per row, in its order (assembly/strength-seed.ts). */
const SHAPE_KEYS = [
  'diameterNm',
  'aspectRatio',
  'majorAxisNm',
] as const satisfies readonly (keyof KernelShapes)[];
const SEED_KEYS = [...SHAPE_KEYS, 'crssMPa', 'yieldStrengthMPa'] as const;
const TOTAL_KEYS = [
  'totalCrssMPa',
  'totalYieldStrengthMPa',
] as const satisfies readonly (keyof KernelSeedResults)[];

/** The rows through the module: each phase's `keys` columns, and with `totals` the rows' two sums. */
function seedRows<K extends (typeof SEED_KEYS)[number]>(
  ex: SeedExports,
  model: KernelSeedModel,
  rows: KernelSeedRows,
  keys: readonly K[],
  totals: Record<(typeof TOTAL_KEYS)[number], Float64Array> | undefined,
  alloc: ColumnAllocator,
): Record<K, Float64Array>[] {
  const N = ex.SEED_CHUNK_ROWS.value;
  if (ex.SEED_PHASE_COLUMNS.value !== SEED_KEYS.length || ex.SEED_TOTAL_COLUMNS.value !== TOTAL_KEYS.length)
    throw new Error('the kernel computes other seed strength columns than the engine reads');
  const m = model;
  ex.seedStrengthBegin(
    m.aspectRatioPrefactor,
    m.aspectRatioExponent,
    m.shearModulusGpa,
    m.burgersNm,
    m.poisson,
    m.taylorFactor,
  );
  const { buffer } = ex.memory;
  const view = chunkView(buffer, N);
  const phases = rows.meanRadiusM.map(() => columns(keys, rows.length, alloc));
  const inputs: [Float64Array, Float64Array][] = rows.meanRadiusM.map((r, p) => [
    r,
    view(ex.seedRadiusPtr(p)),
  ]);
  if (totals)
    inputs.push(
      ...rows.volumeFraction.map((f, p): [Float64Array, Float64Array] => [f, view(ex.seedFractionPtr(p))]),
    );
  const outputs: [Column, Column][] = phases.flatMap((phase, p) =>
    keys.map((key): [Column, Column] => [view(ex.seedPhasePtr(p), SEED_KEYS.indexOf(key)), phase[key]]),
  );
  if (totals)
    outputs.push(...TOTAL_KEYS.map((key, t): [Column, Column] => [view(ex.seedTotalsPtr(), t), totals[key]]));
  const P = phases.length;
  const orowan = totals ? 1 : 0;
  throughChunks(rows.length, N, inputs, outputs, (count) => ex.seedStrengthRows(count, P, orowan));
  return phases;
}

/** The module's shapes and seed strength over rows, as KernelMath.shapeRows and .seedStrengthRows. */
export function moduleSeedRows(ex: SeedExports): Pick<KernelMath, 'shapeRows' | 'seedStrengthRows'> {
  return {
    shapeRows: (model, rows, alloc = FRESH_COLUMNS) =>
      seedRows(ex, model, rows, SHAPE_KEYS, undefined, alloc),
    seedStrengthRows: (model, rows, alloc = FRESH_COLUMNS) => {
      const totals = columns(TOTAL_KEYS, rows.length, alloc);
      return { phases: seedRows(ex, model, rows, SEED_KEYS, totals, alloc), ...totals };
    },
  };
}
