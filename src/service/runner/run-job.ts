// One delivery of a job to a worker: claim it, run the engine in a thread, watch for cancellation,
// store the files and record the outcome. Delivery is at least once, so everything here is conditional on
// the attempt this delivery claimed: a finished job is not run again, a newer attempt wins.
import type { Db } from '../db/connect.js';
import * as jobs from '../db/jobs.js';
import { JsonText, type JobProgress } from '../db/rows.js';
import { whileUnavailable } from '../db/unavailable.js';
import { throttled, type Logger } from '../log.js';
import type { JobNotifier } from '../notify.js';
import type { Storage } from '../storage/types.js';
import type { EnginePool } from './pool.js';
import type { EngineOutput } from './protocol.js';

export interface RunnerDeps {
  db: Db;
  storage: Storage;
  pool: EnginePool;
  log: Logger;
  /** Tells waiting requests that a job finished (completed or failed). */
  notifier: Pick<JobNotifier, 'publish'>;
  /** Who runs the job (host:pid), recorded on the row. */
  workerId: string;
  maxAttempts: number;
  /** How often the job's row is looked at for a cancellation, ms. */
  pollIntervalMs?: number;
  /** Least time between two progress writes, ms (at most twice a second by default). */
  progressIntervalMs?: number;
}

/** 'released' when the job was stopped because its worker is shutting down (it must run elsewhere). */
export type JobHandler = (jobId: string, shutdown: AbortSignal) => Promise<'done' | 'released'>;

type StopReason = 'superseded' | 'shutdown';

/** Polls the row while the engine runs; stops the engine when the attempt is no longer the job's. */
function watch(deps: RunnerDeps, id: string, attempt: number, cancel: (why: StopReason) => void) {
  const pollMs = deps.pollIntervalMs ?? 250;
  const progressMs = deps.progressIntervalMs ?? 500;
  let latest: JobProgress | undefined;
  let lastWrite = 0;
  let stopped = false;
  const tick = async () => {
    let current: boolean;
    if (latest && Date.now() - lastWrite >= progressMs) {
      const progress = latest;
      latest = undefined;
      lastWrite = Date.now();
      current = await jobs.saveProgress(deps.db, id, attempt, progress);
    } else {
      const state = await jobs.jobState(deps.db, id);
      current = state?.status === 'running' && state.attempt === attempt;
    }
    if (!current && !stopped) cancel('superseded');
  };
  let wake: (() => void) | undefined;
  const outage = throttled(deps.log);
  const loop = async () => {
    while (!stopped) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (stopped) break;
      await tick().catch((error: unknown) => outage('warn', 'job poll failed', { job_id: id, error }));
    }
  };
  const done = loop();
  return {
    progress: (p: JobProgress) => (latest = p),
    stop: async () => {
      stopped = true;
      wake?.();
      await done;
    },
  };
}

/** What a completed job keeps in `results`: the text the engine thread wrote. */
function storedResults(output: EngineOutput): JsonText {
  if (output.resultsJson === undefined) throw new Error('the engine thread sent a job no results');
  return new JsonText(output.resultsJson);
}

async function storeCompletion(
  deps: RunnerDeps,
  id: string,
  attempt: number,
  output: EngineOutput,
): Promise<void> {
  const summary = output.summary as { final_time_hours?: number };
  const done = await jobs.completeJob(deps.db, id, attempt, {
    results: storedResults(output),
    // No file at completion: the run data is made at the first download (make-files.ts).
    result_urls: {},
    engine_version: output.engine.version,
    progress: { fraction: 1, simulated_hours: summary.final_time_hours ?? 0, steps: output.steps },
  });
  if (done) {
    await deps.notifier.publish(id);
    return;
  }
  // Cancelled or deleted meanwhile (nothing was stored for it).
  const state = await jobs.jobState(deps.db, id);
  deps.log.info('result discarded', { job_id: id, attempt, status: state?.status ?? 'deleted' });
}

/** Runs one delivery of a job; throws only on infrastructure errors (the queue then retries it). */
export function createJobHandler(deps: RunnerDeps): JobHandler {
  return async (id, shutdown) => {
    // While the database is away a delivery waits (backing off) instead of failing: no attempt is burnt,
    // and a finished result is kept in memory until it is stored.
    const outage = throttled(deps.log);
    const patiently = <T>(what: string, fn: () => Promise<T>) =>
      whileUnavailable(fn, shutdown, (error, delayMs) =>
        outage('warn', `database unavailable; ${what} again later`, {
          job_id: id,
          retry_in_ms: delayMs,
          error,
        }),
      );
    const claim = await patiently('claiming the job', () =>
      jobs.claimJob(deps.db, id, deps.workerId, deps.maxAttempts),
    );
    if (claim.outcome === 'missing' || claim.outcome === 'finished') {
      deps.log.debug('job not run', { job_id: id, reason: claim.outcome });
      return 'done';
    }
    if (claim.outcome === 'exhausted') {
      const message = `gave up after ${claim.attempts} attempts (workers kept stopping)`;
      if (await jobs.failJob(deps.db, id, undefined, message)) await deps.notifier.publish(id);
      return 'done';
    }
    const { attempt } = claim.job;
    const log = deps.log.child({ job_id: id, attempt });
    log.info('job started');
    let reason: StopReason | undefined;
    const task = deps.pool.run(
      claim.job.input_params,
      (p) => watcher.progress(p),
      claim.job.request ?? undefined,
    );
    const stop = (why: StopReason) => {
      reason ??= why;
      task.cancel();
    };
    const watcher = watch(deps, id, attempt, stop);
    const onShutdown = () => stop('shutdown');
    shutdown.addEventListener('abort', onShutdown);
    if (shutdown.aborted) onShutdown();
    try {
      const outcome = await task.outcome;
      await watcher.stop();
      if (outcome.status === 'completed') {
        await patiently('storing the finished result', () => storeCompletion(deps, id, attempt, outcome));
        log.info('job completed', { steps: outcome.steps });
      } else if (outcome.status === 'failed') {
        const failed = await patiently('recording the failure', () =>
          jobs.failJob(deps.db, id, attempt, outcome.message),
        );
        if (failed) await deps.notifier.publish(id);
        log.warn('job failed', { error: outcome.message });
      } else if (reason === 'shutdown') {
        await jobs.releaseJob(deps.db, id, attempt);
        log.info('job released for another worker');
        return 'released';
      } else {
        log.info('job stopped', { reason: reason ?? 'cancelled' });
      }
      return 'done';
    } finally {
      shutdown.removeEventListener('abort', onShutdown);
      await watcher.stop();
    }
  };
}
