// One delivery of a sweep chunk to a worker: claim the chunk's unfinished runs, then run them one after
// another on the engine threads, storing each run's row the moment it is done (its checkpoint): a worker
// killed mid-chunk loses only the run it was on, and the next delivery runs only what is left. A run whose
// request (cache key) some sweep already computed takes that row instead of running again.
import * as sweeps from '../db/sweeps.js';
import type { SweepRunRow } from '../db/sweep-rows.js';
import { whileUnavailable } from '../db/unavailable.js';
import { throttled } from '../log.js';
import type { JobHandler, RunnerDeps } from '../runner/run-job.js';
import { parseChunkId } from './chunk-id.js';
import { splitRow } from './rows.js';

type Outcome = 'done' | 'cancelled' | 'released';

/** Polls the sweep while a run is under way (cancellation) and touches the chunk (a live worker). */
function watchSweep(deps: RunnerDeps, sweepId: string, chunk: number, onCancelled: () => void) {
  const outage = throttled(deps.log);
  const timer = setInterval(() => {
    sweeps
      .sweepUnfinished(deps.db, sweepId)
      .then(async (open) => (open ? sweeps.touchChunk(deps.db, sweepId, chunk) : onCancelled()))
      .catch((error: unknown) => outage('warn', 'sweep poll failed', { sweep_id: sweepId, error }));
  }, deps.pollIntervalMs ?? 250);
  return () => clearInterval(timer);
}

async function runOne(deps: RunnerDeps, run: SweepRunRow, shutdown: AbortSignal): Promise<Outcome> {
  const cached = await sweeps.findCachedRun(deps.db, run.cache_key);
  if (cached) {
    await sweeps.completeRun(deps.db, run.sweep_id, run.run_index, cached);
    return 'done';
  }
  const task = deps.pool.run(run.request, () => undefined, run.request, {
    index: run.run_index,
    axisValues: run.axis_values as number[],
  });
  let stopped: Outcome | undefined;
  const stop = (why: Outcome) => {
    stopped ??= why;
    task.cancel();
  };
  const unwatch = watchSweep(deps, run.sweep_id, run.chunk, () => stop('cancelled'));
  const onShutdown = () => stop('released');
  shutdown.addEventListener('abort', onShutdown);
  if (shutdown.aborted) onShutdown();
  try {
    const outcome = await task.outcome;
    if (outcome.status === 'completed') {
      await sweeps.completeRun(deps.db, run.sweep_id, run.run_index, splitRow(outcome.sweepRow));
      return 'done';
    }
    if (outcome.status === 'failed') {
      await sweeps.failRun(deps.db, run.sweep_id, run.run_index, outcome.message);
      return 'done';
    }
    return stopped ?? 'cancelled';
  } finally {
    unwatch();
    shutdown.removeEventListener('abort', onShutdown);
  }
}

/** Runs one delivery of a chunk; throws only on infrastructure errors (the queue then retries it). */
async function runChunk(deps: RunnerDeps, sweepId: string, chunk: number, shutdown: AbortSignal) {
  const log = deps.log.child({ sweep_id: sweepId, chunk });
  const outage = throttled(deps.log);
  const patiently = <T>(what: string, fn: () => Promise<T>) =>
    whileUnavailable(fn, shutdown, (error, delayMs) =>
      outage('warn', `database unavailable; ${what} again later`, {
        sweep_id: sweepId,
        retry_in_ms: delayMs,
        error,
      }),
    );
  const runs = await patiently('claiming the chunk', () =>
    sweeps.claimChunk(deps.db, sweepId, chunk, deps.workerId),
  );
  if (runs.length === 0) return 'done' as const;
  log.info('sweep chunk started', { runs: runs.map((r) => r.run_index) });
  for (const run of runs) {
    if (run.attempt > deps.maxAttempts) {
      const message = `gave up after ${run.attempt - 1} attempts (workers kept stopping)`;
      await patiently('recording the failure', () =>
        sweeps.failRun(deps.db, sweepId, run.run_index, message),
      );
      continue;
    }
    const outcome = await patiently('running the run', () => runOne(deps, run, shutdown));
    if (outcome === 'released') {
      await sweeps.releaseChunk(deps.db, sweepId, chunk);
      log.info('sweep chunk released for another worker');
      return 'released' as const;
    }
    if (outcome === 'cancelled') {
      log.info('sweep chunk stopped: the sweep was cancelled');
      return 'done' as const;
    }
  }
  if (await patiently('finishing the sweep', () => sweeps.finishIfDone(deps.db, sweepId)))
    log.info('sweep completed');
  log.info('sweep chunk completed');
  return 'done' as const;
}

/** The worker's handler for every queue message: sweep chunks here, simulations to `jobs`. */
export function withSweepChunks(deps: RunnerDeps, jobs: JobHandler): JobHandler {
  return async (id, shutdown) => {
    const chunk = parseChunkId(id);
    if (!chunk) return jobs(id, shutdown);
    return runChunk(deps, chunk.sweepId, chunk.chunk, shutdown);
  };
}
