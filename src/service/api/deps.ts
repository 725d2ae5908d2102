// What the app is made from: adapters and settings, passed in (the app reads no environment).
import type { ApiKey } from '../../api-keys.js';
import type { Db } from '../db/connect.js';
import { getJob } from '../db/jobs.js';
import type { JobRow } from '../db/rows.js';
import type { Logger } from '../log.js';
import type { JobNotifier } from '../notify.js';
import type { JobQueue } from '../queue/types.js';
import type { RateLimiter } from '../rate-limit.js';
import { isSafeJobId } from '../storage/types.js';
import type { Storage } from '../storage/types.js';
import type { AppContext } from './middleware.js';
import { notFound } from './problem.js';
import type { EngineIdentity } from './submit.js';

export interface AppSettings {
  apiKeys: ApiKey[];
  corsOrigins: string[];
  maxSimulationHours: number;
  /** The workers' step budget (ENGINE_MAX_STEPS): a request whose schedule needs more is a 422. */
  engineLimits?: { maxSteps: number };
  syncWaitSeconds: number;
  /** Runs one sweep may have (SWEEP_MAX_RUNS) and runs per queue delivery (SWEEP_CHUNK_RUNS). */
  sweepMaxRuns?: number;
  sweepChunkRuns?: number;
  /** Engine runs one calibration may plan (CALIBRATION_MAX_RUNS). */
  calibrationMaxRuns?: number;
  publicBaseUrl?: string;
  trustProxy: boolean;
}

export interface AppDeps {
  db: Db;
  queue: JobQueue;
  storage: Storage;
  /** Wakes a synchronous POST /simulate when its job finishes (notify.ts). */
  notifier: JobNotifier;
  limiter: RateLimiter;
  /** Counts failed API key checks per IP address; an address over its limit gets 429 for everything. */
  authFailures: RateLimiter;
  log: Logger;
  engine: EngineIdentity;
  settings: AppSettings;
  /** Aborted when the server begins to shut down: requests waiting for a result answer at once. */
  shutdown?: AbortSignal;
}

/** Where the client reached the API (Koa 3: ctx.origin is the Origin header, not this). */
export const baseUrl = (deps: AppDeps, ctx: AppContext) =>
  deps.settings.publicBaseUrl ?? `${ctx.protocol}://${ctx.host}`;

/** The job named by the path, if it belongs to the caller; otherwise 404 (never 403: ids are not revealed). */
export async function ownedJob(deps: AppDeps, ctx: AppContext): Promise<JobRow> {
  const id = String((ctx as unknown as { params: Record<string, string> }).params.id ?? '');
  const row = isSafeJobId(id) ? await getJob(deps.db, id) : undefined;
  if (!row || row.owner !== ctx.state.owner) throw notFound(`no job with id '${id}'`);
  return row;
}

/** What ends a request's wait for a result: the client going away, or the server shutting down. */
export function waitStops(deps: AppDeps, ctx: AppContext): AbortSignal[] {
  const gone = new AbortController();
  ctx.res.once('close', () => gone.abort());
  return [gone.signal, ...(deps.shutdown ? [deps.shutdown] : [])];
}
