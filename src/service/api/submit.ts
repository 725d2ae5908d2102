// Accepting a simulation: Idempotency-Key replay, reuse of a completed identical result, or a new pending
// job. The row is written before the queue is told, so an accepted job is never lost: if the queue is
// unreachable now, the reconciler enqueues the row later.
import { randomUUID } from 'node:crypto';
import type { SimulationRequest } from '../../request/index.js';
import { cacheKey, canonicalJson } from '../canonical.js';
import type { Db } from '../db/connect.js';
import * as jobs from '../db/jobs.js';
import type { JobRow } from '../db/rows.js';
import type { Logger } from '../log.js';
import type { JobQueue } from '../queue/types.js';
import type { Storage } from '../storage/types.js';
import { Problem } from './problem.js';

export interface EngineIdentity {
  version: string;
  databaseSha256: string;
}

export interface SubmitDeps {
  db: Db;
  queue: JobQueue;
  storage: Storage;
  log: Logger;
  engine: EngineIdentity;
}

export interface Submission {
  owner: string;
  /** The body as the client sent it (stored as input_params). */
  submitted: unknown;
  /** The same request normalized (defaults, mole fractions): what the cache key is made of. */
  request: SimulationRequest;
  idempotencyKey?: string;
  /**
   * Called with a new job's id before its row is written (and so before anyone can run it): a synchronous
   * request registers its wait for the job's notification here, and then needs not read the row it wrote.
   */
  beforeInsert?: (jobId: string) => void;
}

export interface Accepted {
  job: JobRow;
  /** True when an earlier request with the same Idempotency-Key made this job. */
  replayed: boolean;
}

const idempotencyMismatch = (key: string) =>
  new Problem(
    422,
    'idempotency-key-reused',
    'Idempotency-Key reused',
    `Idempotency-Key '${key}' was used with another body`,
    {
      errors: [
        {
          in: 'header',
          pointer: 'Idempotency-Key',
          detail: 'was already used with a different request body',
        },
      ],
    },
  );

async function replay(db: Db, s: Submission): Promise<Accepted | undefined> {
  if (!s.idempotencyKey) return undefined;
  const earlier = await jobs.findByIdempotencyKey(db, s.owner, s.idempotencyKey);
  if (!earlier) return undefined;
  if (canonicalJson(earlier.input_params) !== canonicalJson(s.submitted))
    throw idempotencyMismatch(s.idempotencyKey);
  return { job: earlier, replayed: true };
}

/**
 * A completed job for the same request, answered for this owner as a new row that points at the original's
 * stored files (cached_from); nothing is copied. undefined when there is none.
 */
async function reuse(deps: SubmitDeps, base: jobs.NewJob): Promise<JobRow | undefined> {
  const source = await jobs.findReusable(deps.db, base.cache_key);
  if (!source?.results || !source.result_urls) return undefined;
  const at = new Date().toISOString();
  return jobs.insertJob(deps.db, {
    ...base,
    status: 'completed' as const,
    results: source.results,
    result_urls: source.result_urls,
    progress: source.progress,
    engine_version: source.engine_version,
    cached_from: source.id,
    started_at: at,
    completed_at: at,
  });
}

export async function submit(deps: SubmitDeps, s: Submission): Promise<Accepted> {
  const earlier = await replay(deps.db, s);
  if (earlier) return earlier;
  const base: jobs.NewJob = {
    id: randomUUID(),
    owner: s.owner,
    input_params: s.submitted,
    request: s.request,
    cache_key: cacheKey(s.request, deps.engine.version, deps.engine.databaseSha256),
    idempotency_key: s.idempotencyKey ?? null,
  };
  try {
    const cached = await reuse(deps, base);
    if (cached) return { job: cached, replayed: false };
    s.beforeInsert?.(base.id);
    const job = await jobs.insertJob(deps.db, base);
    await deps.queue.enqueue(job.id).catch((error: unknown) => {
      deps.log.warn('queue unreachable; the reconciler will enqueue the job', { job_id: job.id, error });
    });
    return { job, replayed: false };
  } catch (error) {
    // Two requests with one Idempotency-Key at once: the unique index let one in; answer as its replay.
    const raced = await replay(deps.db, s);
    if (raced) return raced;
    throw error;
  }
}

/** Seconds per simulated hour: from recent runs when there are some, refreshed each minute. */
export function createEstimator(db: Db, fallbackSecondsPerHour = 0.1) {
  let cached: { value: number; atMs: number } | undefined;
  return async (hours: number): Promise<number> => {
    if (!cached || Date.now() - cached.atMs > 60_000) {
      const measured = await jobs.recentSecondsPerHour(db).catch(() => undefined);
      cached = { value: measured ?? fallbackSecondsPerHour, atMs: Date.now() };
    }
    return Math.max(1, Math.ceil(hours * cached.value + 0.5));
  };
}
