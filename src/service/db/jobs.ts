// The job repository: every query on simulation_jobs. Plain functions over a Knex instance; the same SQL
// runs on PostgreSQL and SQLite. State changes are conditional updates (no read-modify-write transactions),
// so concurrent API processes and workers never overwrite each other: a worker's writes carry the attempt
// it claimed, and a newer attempt or a cancellation makes them no-ops.
import type { Db } from './connect.js';
import {
  fromDb,
  isoTime,
  NO_PROGRESS,
  toDb,
  UNFINISHED,
  type JobProgress,
  type JobRow,
  type JobStatus,
  type JsonText,
  type StoredResults,
} from './rows.js';

const TABLE = 'simulation_jobs';
const now = () => new Date().toISOString();

/** Columns of a listing: everything but the large JSON documents. */
const LIST_COLUMNS = [
  'id',
  'status',
  'owner',
  'error_message',
  'files_error',
  'progress',
  'attempt',
  'cache_key',
  'idempotency_key',
  'engine_version',
  'cached_from',
  'worker',
  'created_at',
  'started_at',
  'completed_at',
  'updated_at',
];

export type NewJob = Pick<JobRow, 'id' | 'owner' | 'input_params' | 'cache_key'> & Partial<JobRow>;

export async function insertJob(db: Db, job: NewJob): Promise<JobRow> {
  const at = now();
  const row: JobRow = {
    status: 'pending',
    request: null,
    results: null,
    result_urls: null,
    error_message: null,
    files_error: null,
    progress: { fraction: 0, simulated_hours: 0, steps: 0 },
    attempt: 0,
    idempotency_key: null,
    engine_version: null,
    cached_from: null,
    worker: null,
    created_at: at,
    started_at: null,
    completed_at: null,
    updated_at: at,
    ...job,
  };
  await db(TABLE).insert(toDb(row));
  return row;
}

export async function getJob(db: Db, id: string): Promise<JobRow | undefined> {
  const raw = await db(TABLE).where({ id }).first();
  return raw ? fromDb(raw) : undefined;
}

/**
 * The job with its results as the JSON text stored, not parsed: a synchronous answer copies that text
 * into its body (~250 KB that would otherwise be parsed and written out again). row.results is null.
 */
export async function getJobResultsText(
  db: Db,
  id: string,
): Promise<{ row: JobRow; resultsText: string | null } | undefined> {
  const results = db.client.config.client === 'pg' ? db.raw('results::text as results') : 'results';
  const raw = await db(TABLE)
    .select([...LIST_COLUMNS, 'input_params', 'request', 'result_urls', results])
    .where({ id })
    .first();
  if (!raw) return undefined;
  const text = raw.results === null || raw.results === undefined ? null : String(raw.results);
  return { row: fromDb({ ...raw, results: null }), resultsText: text };
}

export interface ListQuery {
  owner: string;
  status?: JobStatus;
  limit: number;
  /** Jobs strictly older than this one (created_at, then id, descending). */
  after?: { created_at: string; id: string };
}

/** The owner's jobs, newest first, without results; at most limit rows. */
export async function listJobs(db: Db, q: ListQuery): Promise<JobRow[]> {
  const query = db(TABLE).select(LIST_COLUMNS).where({ owner: q.owner });
  if (q.status) query.andWhere({ status: q.status });
  if (q.after) {
    const { created_at, id } = q.after;
    query.andWhere((w) =>
      w.where('created_at', '<', created_at).orWhere((o) => o.where({ created_at }).andWhere('id', '<', id)),
    );
  }
  const rows = await query
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(q.limit);
  return rows.map((r: Record<string, unknown>) =>
    fromDb({ input_params: null, results: null, result_urls: null, ...r }),
  );
}

/** The newest completed job computed for this cache key (never itself a copy), if any. */
export async function findReusable(db: Db, cacheKey: string): Promise<JobRow | undefined> {
  const raw = await db(TABLE)
    .where({ cache_key: cacheKey, status: 'completed' })
    .whereNull('cached_from')
    .orderBy('completed_at', 'desc')
    .first();
  return raw ? fromDb(raw) : undefined;
}

export async function findByIdempotencyKey(db: Db, owner: string, key: string): Promise<JobRow | undefined> {
  const raw = await db(TABLE).where({ owner, idempotency_key: key }).first();
  return raw ? fromDb(raw) : undefined;
}

export type ClaimResult =
  | { outcome: 'claimed'; job: JobRow }
  | { outcome: 'finished'; status: JobStatus }
  | { outcome: 'missing' }
  | { outcome: 'exhausted'; attempts: number };

/** Why a job could not be claimed: it is gone, finished, or out of attempts (or raced: try again). */
async function unclaimable(db: Db, id: string, maxAttempts: number): Promise<ClaimResult | undefined> {
  const current = await getJob(db, id);
  if (!current) return { outcome: 'missing' };
  if (!UNFINISHED.includes(current.status)) return { outcome: 'finished', status: current.status };
  if (current.attempt >= maxAttempts) return { outcome: 'exhausted', attempts: current.attempt };
  return undefined;
}

/**
 * Takes a pending job, or a running one whose worker died, for a new attempt: one conditional UPDATE …
 * RETURNING (a read first cost a query per job); only a job it cannot take is read, to say why.
 */
export async function claimJob(
  db: Db,
  id: string,
  worker: string,
  maxAttempts: number,
): Promise<ClaimResult> {
  for (;;) {
    const at = now();
    const changes = toDb({
      status: 'running',
      worker,
      started_at: at,
      updated_at: at,
      progress: NO_PROGRESS,
    });
    const [raw] = (await db(TABLE)
      .where({ id })
      .whereIn('status', UNFINISHED)
      .andWhere('attempt', '<', maxAttempts)
      .update({ ...changes, attempt: db.raw('attempt + 1') }, '*')) as Record<string, unknown>[];
    if (raw) return { outcome: 'claimed', job: fromDb(raw) };
    const why = await unclaimable(db, id, maxAttempts);
    if (why) return why;
  }
}

/** Status and attempt only: what a worker polls to see a cancellation or a takeover. */
export async function jobState(
  db: Db,
  id: string,
): Promise<{ status: JobStatus; attempt: number } | undefined> {
  const raw = await db(TABLE).select('status', 'attempt').where({ id }).first();
  return raw ? { status: raw.status, attempt: Number(raw.attempt) } : undefined;
}

const running = (db: Db, id: string, attempt: number) => db(TABLE).where({ id, attempt, status: 'running' });

/** False when the attempt is no longer the job's running one (cancelled, deleted or taken over). */
export async function saveProgress(
  db: Db,
  id: string,
  attempt: number,
  progress: JobProgress,
): Promise<boolean> {
  return (await running(db, id, attempt).update(toDb({ progress, updated_at: now() }))) === 1;
}

export interface Completion {
  /** The results, or their JSON text as the engine thread made it. */
  results: StoredResults | JsonText;
  result_urls: Record<string, string>;
  engine_version: string;
  progress: JobProgress;
}

export async function completeJob(db: Db, id: string, attempt: number, done: Completion): Promise<boolean> {
  const at = now();
  const values = {
    ...done,
    status: 'completed' as const,
    completed_at: at,
    updated_at: at,
    error_message: null,
  };
  return (await running(db, id, attempt).update(toDb(values))) === 1;
}

/** Fails the given attempt, or (attempt undefined) the job whatever attempt it is at, if unfinished. */
export async function failJob(
  db: Db,
  id: string,
  attempt: number | undefined,
  message: string,
): Promise<boolean> {
  const at = now();
  const query =
    attempt === undefined ? db(TABLE).where({ id }).whereIn('status', UNFINISHED) : running(db, id, attempt);
  return (
    (await query.update({ status: 'failed', error_message: message, completed_at: at, updated_at: at })) === 1
  );
}

/** Puts a running attempt back to pending (its worker is shutting down); it runs again later. */
export async function releaseJob(db: Db, id: string, attempt: number): Promise<boolean> {
  return (
    (await running(db, id, attempt).update({ status: 'pending', worker: null, updated_at: now() })) === 1
  );
}

/** pending or running → cancelled; false when the job had already finished (or does not exist). */
export async function cancelJob(db: Db, id: string): Promise<boolean> {
  const at = now();
  const updated = await db(TABLE)
    .where({ id })
    .whereIn('status', UNFINISHED)
    .update({ status: 'cancelled', completed_at: at, updated_at: at });
  return updated === 1;
}

/** Deletes a finished job's row; false when it does not exist or is still unfinished. */
export async function deleteFinishedJob(db: Db, id: string): Promise<boolean> {
  return (await db(TABLE).where({ id }).whereNotIn('status', UNFINISHED).delete()) === 1;
}

/** Jobs the queue must hold: pending or running, oldest first. */
export function listUnfinished(
  db: Db,
  limit: number,
): Promise<Pick<JobRow, 'id' | 'status' | 'updated_at'>[]> {
  return listUnfinishedIn(db, TABLE, limit);
}

/** The unfinished rows of a table of queued work (jobs, calibrations), oldest first. */
export async function listUnfinishedIn(
  db: Db,
  table: string,
  limit: number,
): Promise<Pick<JobRow, 'id' | 'status' | 'updated_at'>[]> {
  const rows = await db(table)
    .select('id', 'status', 'updated_at')
    .whereIn('status', UNFINISHED)
    .orderBy('created_at', 'asc')
    .limit(limit);
  return rows.map((r: Record<string, unknown>) => ({
    id: String(r.id),
    status: r.status as JobStatus,
    updated_at: isoTime(r.updated_at) ?? '',
  }));
}

/** Wall time per simulated hour of recent completed runs, for estimates (undefined with no history). */
export async function recentSecondsPerHour(db: Db, sample = 20): Promise<number | undefined> {
  const rows = await db(TABLE)
    .select('input_params', 'started_at', 'completed_at')
    .where({ status: 'completed' })
    .whereNull('cached_from')
    .orderBy('completed_at', 'desc')
    .limit(sample);
  const rates = rows
    .map((r: Record<string, unknown>) => fromDb(r))
    .map((r) => {
      const hours = Number((r.input_params as { simulation_time_hours?: unknown })?.simulation_time_hours);
      const seconds = (Date.parse(r.completed_at ?? '') - Date.parse(r.started_at ?? '')) / 1000;
      return seconds / hours;
    })
    .filter((rate) => Number.isFinite(rate) && rate >= 0);
  return rates.length > 0 ? rates.reduce((a, b) => a + b, 0) / rates.length : undefined;
}
