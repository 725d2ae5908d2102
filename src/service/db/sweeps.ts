// The sweep repository: every query on sweeps and sweep_runs, the same SQL on PostgreSQL and SQLite.
// Delivery of a chunk is at least once, so a run's completion is a conditional update (only a run not yet
// finished takes it): two deliveries of one chunk may both compute a run, but only one row is ever stored.
import type { Db } from './connect.js';
import { UNFINISHED, type JobStatus } from './rows.js';
import { jsonText, runFromDb, sweepFromDb, type SweepRow, type SweepRunRow } from './sweep-rows.js';

const SWEEPS = 'sweeps';
const RUNS = 'sweep_runs';
const now = () => new Date().toISOString();
/** Rows per INSERT: SQLite allows 999 bound values and a run row has 9. */
const INSERT_BATCH = 100;

export interface NewSweepRun {
  run_index: number;
  axis_values: unknown[];
  request: unknown;
  cache_key: string;
}

export type NewSweep = Pick<SweepRow, 'id' | 'owner' | 'document' | 'axes' | 'chunk_runs'>;

export const chunkCount = (totalRuns: number, chunkRuns: number) => Math.ceil(totalRuns / chunkRuns);

/** The sweep and all its runs (pending), in one transaction: a sweep is never stored half. */
export async function insertSweep(db: Db, sweep: NewSweep, runs: NewSweepRun[]): Promise<SweepRow> {
  const at = now();
  const row: SweepRow = {
    ...sweep,
    status: 'pending',
    total_runs: runs.length,
    error_message: null,
    created_at: at,
    completed_at: null,
    updated_at: at,
  };
  const runRows = runs.map((r) => ({
    sweep_id: sweep.id,
    run_index: r.run_index,
    chunk: Math.floor(r.run_index / sweep.chunk_runs),
    status: 'pending',
    axis_values: jsonText(r.axis_values),
    request: jsonText(r.request),
    cache_key: r.cache_key,
    attempt: 0,
    updated_at: at,
  }));
  await db.transaction(async (trx) => {
    await trx(SWEEPS).insert({ ...row, document: jsonText(row.document), axes: jsonText(row.axes) });
    for (let i = 0; i < runRows.length; i += INSERT_BATCH)
      await trx(RUNS).insert(runRows.slice(i, i + INSERT_BATCH));
  });
  return row;
}

export async function getSweep(db: Db, id: string): Promise<SweepRow | undefined> {
  const raw = await db(SWEEPS).where({ id }).first();
  return raw ? sweepFromDb(raw) : undefined;
}

/** The sweep's runs by run index; without the curves unless asked for (they are most of the bytes). */
export async function listRuns(db: Db, sweepId: string, withCurves = false): Promise<SweepRunRow[]> {
  const columns = withCurves ? ['*'] : runColumns.filter((c) => c !== 'curves' && c !== 'request');
  const rows = await db(RUNS).select(columns).where({ sweep_id: sweepId }).orderBy('run_index', 'asc');
  return rows.map((r: Record<string, unknown>) => runFromDb(r));
}

const runColumns = [
  'sweep_id',
  'run_index',
  'chunk',
  'status',
  'axis_values',
  'request',
  'cache_key',
  'metrics',
  'curves',
  'error_message',
  'attempt',
  'worker',
  'updated_at',
];

export type RunCounts = Record<JobStatus, number>;

export async function runCounts(db: Db, sweepId: string): Promise<RunCounts> {
  const rows = await db(RUNS)
    .select('status')
    .count({ n: '*' })
    .where({ sweep_id: sweepId })
    .groupBy('status');
  const counts: RunCounts = { pending: 0, running: 0, completed: 0, failed: 0, cancelled: 0 };
  for (const r of rows as { status: JobStatus; n: number | string }[]) counts[r.status] = Number(r.n);
  return counts;
}

/**
 * Takes the unfinished runs of one chunk for this delivery (also runs of a delivery whose worker died) and
 * returns them by index; marks the sweep running. Empty when the chunk is done or the sweep is finished.
 */
export async function claimChunk(
  db: Db,
  sweepId: string,
  chunk: number,
  worker: string,
): Promise<SweepRunRow[]> {
  const at = now();
  const sweep = await getSweep(db, sweepId);
  if (!sweep || !UNFINISHED.includes(sweep.status)) return [];
  await db(SWEEPS).where({ id: sweepId, status: 'pending' }).update({ status: 'running', updated_at: at });
  const open = () => db(RUNS).where({ sweep_id: sweepId, chunk }).whereIn('status', UNFINISHED);
  await open().update({ status: 'running', worker, updated_at: at, attempt: db.raw('attempt + 1') });
  const rows = await open().select(runColumns).orderBy('run_index', 'asc');
  return rows.map((r: Record<string, unknown>) => runFromDb(r));
}

/** Stores a finished run; false when it was already stored (another delivery) or cancelled. */
export async function completeRun(
  db: Db,
  sweepId: string,
  runIndex: number,
  done: { metrics: unknown; curves: unknown },
): Promise<boolean> {
  const updated = await db(RUNS)
    .where({ sweep_id: sweepId, run_index: runIndex })
    .whereIn('status', UNFINISHED)
    .update({
      status: 'completed',
      metrics: jsonText(done.metrics),
      curves: jsonText(done.curves),
      updated_at: now(),
    });
  return updated === 1;
}

export async function failRun(db: Db, sweepId: string, runIndex: number, message: string): Promise<boolean> {
  const updated = await db(RUNS)
    .where({ sweep_id: sweepId, run_index: runIndex })
    .whereIn('status', UNFINISHED)
    .update({ status: 'failed', error_message: message, updated_at: now() });
  return updated === 1;
}

/** A live delivery's sign of life: its chunk's running runs were touched now. */
export async function touchChunk(db: Db, sweepId: string, chunk: number): Promise<void> {
  await db(RUNS).where({ sweep_id: sweepId, chunk, status: 'running' }).update({ updated_at: now() });
}

/** Puts a chunk's running runs back to pending (its worker is shutting down). */
export async function releaseChunk(db: Db, sweepId: string, chunk: number): Promise<void> {
  await db(RUNS)
    .where({ sweep_id: sweepId, chunk, status: 'running' })
    .update({ status: 'pending', worker: null, updated_at: now() });
}

/**
 * Finishes the sweep when none of its runs is left to do: completed when at least one run completed, failed
 * (naming the first run's error) when every run failed. True when this call finished it.
 */
export async function finishIfDone(db: Db, sweepId: string): Promise<boolean> {
  const open = await db(RUNS).where({ sweep_id: sweepId }).whereIn('status', UNFINISHED).first('run_index');
  if (open) return false;
  const done = await db(RUNS).where({ sweep_id: sweepId, status: 'completed' }).first('run_index');
  const failure = done ? undefined : await firstFailure(db, sweepId);
  const at = now();
  const updated = await db(SWEEPS)
    .where({ id: sweepId })
    .whereIn('status', UNFINISHED)
    .update(
      failure === undefined
        ? { status: 'completed', completed_at: at, updated_at: at }
        : { status: 'failed', error_message: failure, completed_at: at, updated_at: at },
    );
  return updated === 1;
}

/** "every run failed; run 0: <its error>", or undefined when no run failed (an empty sweep). */
async function firstFailure(db: Db, sweepId: string): Promise<string | undefined> {
  const run = (await db(RUNS)
    .where({ sweep_id: sweepId, status: 'failed' })
    .orderBy('run_index')
    .first('run_index', 'error_message')) as { run_index: number; error_message: string | null } | undefined;
  return run && `every run failed; run ${run.run_index}: ${run.error_message ?? 'no message'}`;
}

/** pending or running → cancelled, with every unfinished run; false when the sweep had finished. */
export async function cancelSweep(db: Db, sweepId: string): Promise<boolean> {
  const at = now();
  return db.transaction(async (trx) => {
    const updated = await trx(SWEEPS)
      .where({ id: sweepId })
      .whereIn('status', UNFINISHED)
      .update({ status: 'cancelled', completed_at: at, updated_at: at });
    if (updated !== 1) return false;
    await trx(RUNS)
      .where({ sweep_id: sweepId })
      .whereIn('status', UNFINISHED)
      .update({ status: 'cancelled', updated_at: at });
    return true;
  });
}

/** Whether the sweep is still to be run (a delivery polls this to see a cancellation). */
export async function sweepUnfinished(db: Db, sweepId: string): Promise<boolean> {
  const raw = await db(SWEEPS).select('status').where({ id: sweepId }).first();
  return raw !== undefined && UNFINISHED.includes(raw.status as JobStatus);
}

/** Deletes a finished sweep with its runs; false when it does not exist or is unfinished. */
export async function deleteFinishedSweep(db: Db, sweepId: string): Promise<boolean> {
  return db.transaction(async (trx) => {
    const sweep = await trx(SWEEPS).select('status').where({ id: sweepId }).first();
    if (!sweep || UNFINISHED.includes(sweep.status as JobStatus)) return false;
    await trx(RUNS).where({ sweep_id: sweepId }).delete();
    await trx(SWEEPS).where({ id: sweepId }).delete();
    return true;
  });
}

/** A completed run of any sweep with this cache key (same request, engine and database), if any. */
export async function findCachedRun(
  db: Db,
  cacheKey: string,
): Promise<{ metrics: unknown; curves: unknown } | undefined> {
  const raw = await db(RUNS)
    .select('metrics', 'curves')
    .where({ cache_key: cacheKey, status: 'completed' })
    .first();
  return raw ? { metrics: runFromDb({ ...raw }).metrics, curves: runFromDb({ ...raw }).curves } : undefined;
}

export interface OpenChunk {
  sweep_id: string;
  chunk: number;
  /** Whether one of its runs is running, and when such a run was last touched. */
  running_updated_at: string | null;
}

/** Chunks with runs left to do: what the queue must hold. */
export async function listOpenChunks(db: Db, limit: number): Promise<OpenChunk[]> {
  const rows = await db(RUNS)
    .select('sweep_id', 'chunk', 'status')
    .max({ updated_at: 'updated_at' })
    .whereIn('status', UNFINISHED)
    .groupBy('sweep_id', 'chunk', 'status')
    .orderBy([
      { column: 'sweep_id', order: 'asc' },
      { column: 'chunk', order: 'asc' },
    ])
    .limit(limit);
  const chunks = new Map<string, OpenChunk>();
  for (const r of rows as Record<string, unknown>[]) {
    const key = `${String(r.sweep_id)}:${Number(r.chunk)}`;
    const entry = chunks.get(key) ?? {
      sweep_id: String(r.sweep_id),
      chunk: Number(r.chunk),
      running_updated_at: null,
    };
    if (r.status === 'running') entry.running_updated_at = new Date(r.updated_at as string).toISOString();
    chunks.set(key, entry);
  }
  return [...chunks.values()];
}
