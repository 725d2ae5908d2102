// kawin's strength model over a run's recorded rows in the module (assembly/strength-rows.ts): the rows'
// radius moments and matrix composition go in a chunk at a time, the per-phase and per-row results come
// out into whole columns. One call per chunk instead of several per row (bench/README.md, "Strength").
import type { KernelExports } from '../thermo/module/exports.js';
import type { KernelMath, KernelPhaseStrength, KernelStrengthModel, KernelStrengthResults } from './types.js';

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

const PHASE_KEYS = [
  'radiusM',
  'spacingM',
  'weakCrssPa',
  'strongCrssPa',
  'orowanCrssPa',
  'crssMPa',
  'yieldStrengthMPa',
] as const satisfies readonly (keyof KernelPhaseStrength)[];
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

/** Views over the module's chunk: inputs, then outputs (the block is static: its addresses never move). */
function chunkViews(ex: StrengthExports, phases: number, solutes: number) {
  const rows = ex.STRENGTH_CHUNK_ROWS.value;
  const { buffer } = ex.memory;
  const column = (ptr: number) => new Float64Array(buffer, ptr, rows);
  if (
    ex.STRENGTH_PHASE_COLUMNS.value !== PHASE_KEYS.length ||
    ex.STRENGTH_TOTAL_COLUMNS.value !== TOTAL_KEYS.length
  )
    throw new Error('the kernel computes other strength columns than the engine reads');
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  return {
    rows,
    m1: range(phases).map((p) => column(ex.strengthMomentsPtr(p))),
    m2: range(phases).map((p) => column(ex.strengthMomentsPtr(p) + 8 * rows)),
    solutes: range(solutes).map((k) => column(ex.strengthSolutePtr(k))),
    phases: range(phases).map((p) => PHASE_KEYS.map((_, q) => column(ex.strengthPhasePtr(p) + 8 * rows * q))),
    mechanisms: range(phases).map((p) => new Uint8Array(buffer, ex.strengthMechanismPtr(p), rows)),
    totals: TOTAL_KEYS.map((_, t) => column(ex.strengthTotalsPtr() + 8 * rows * t)),
  };
}

function emptyResults(phases: number, n: number): KernelStrengthResults {
  const columns = <K extends string>(keys: readonly K[]) =>
    Object.fromEntries(keys.map((key) => [key, new Float64Array(n)])) as Record<K, Float64Array>;
  return {
    phases: Array.from({ length: phases }, () => ({ ...columns(PHASE_KEYS), mechanism: new Uint8Array(n) })),
    ...columns(TOTAL_KEYS),
  };
}

/** The module's strength over rows, as KernelMath.strengthRows. */
export function moduleStrengthRows(ex: StrengthExports): KernelMath['strengthRows'] {
  return (model, rows) => {
    const P = rows.radiusMomentPerM2.length;
    const n = rows.length;
    setModel(ex, model);
    const out = emptyResults(P, n);
    const views = chunkViews(ex, P, rows.solutes.length);
    const cut = (view: Float64Array | Uint8Array, count: number) =>
      count === view.length ? view : view.subarray(0, count);
    for (let start = 0; start < n; start += views.rows) {
      const count = Math.min(views.rows, n - start);
      const end = start + count;
      for (let p = 0; p < P; p++) {
        views.m1[p].set(rows.radiusMomentPerM2[p].subarray(start, end));
        views.m2[p].set(rows.radiusSquaredMomentPerM[p].subarray(start, end));
      }
      rows.solutes.forEach((x, k) => views.solutes[k].set(x.subarray(start, end)));
      ex.strengthRows(count, P);
      out.phases.forEach((phase, p) => {
        PHASE_KEYS.forEach((key, q) => phase[key].set(cut(views.phases[p][q], count), start));
        phase.mechanism.set(cut(views.mechanisms[p], count), start);
      });
      TOTAL_KEYS.forEach((key, t) => out[key].set(cut(views.totals[t], count), start));
    }
    return out;
  };
}
