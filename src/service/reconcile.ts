// Puts back on the queue every job the database says is pending or running but the queue no longer holds
// (Redis restarted, a delivery failed for good, the embedded server restarted). A job enqueued twice is
// harmless: the queue ignores a second copy of an id it holds, and a worker skips a finished job. A running
// job whose worker still reports (its row updated within `liveMs`) is left alone: after Redis lost its
// entry, a second delivery would take it over from a live worker, whose finishing delivery would then drop
// the new entry, and so on until the job's attempts ran out. If that worker dies, its row goes stale and
// the next pass puts the job back.
import type { Db } from './db/connect.js';
import { listUnfinished } from './db/jobs.js';
import { errorMessage, throttled, type Logger } from './log.js';
import type { JobQueue } from './queue/types.js';
import { reconcileSweeps } from './sweeps/reconcile.js';
import { reconcileCalibrations } from './calibrations/submit.js';

const BATCH = 1000;

export async function reconcileOnce(db: Db, queue: JobQueue, log: Logger, liveMs = 0): Promise<number> {
  let requeued = 0;
  const liveSince = Date.now() - liveMs;
  for (const job of await listUnfinished(db, BATCH)) {
    if (job.status === 'running' && Date.parse(job.updated_at) > liveSince) continue;
    if (await queue.holds(job.id)) continue;
    await queue.enqueue(job.id);
    requeued++;
  }
  requeued += await reconcileSweeps(db, queue, liveSince);
  requeued += await reconcileCalibrations(db, queue, liveSince);
  if (requeued > 0) log.info('jobs put back on the queue', { count: requeued });
  return requeued;
}

export interface Reconciler {
  stop(): Promise<void>;
}

/** Reconciles now and then every intervalMs until stopped; failures are logged and retried next time. */
export function startReconciler(
  db: Db,
  queue: JobQueue,
  log: Logger,
  intervalMs: number,
  /** A running job whose row was updated within this long has a live worker (see above). */
  liveMs = 0,
): Reconciler {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const outage = throttled(log);
  const run = () => {
    running = reconcileOnce(db, queue, log, liveMs)
      .catch((error: unknown) => outage('warn', 'reconcile failed', { error: errorMessage(error) }))
      .finally(() => {
        if (!stopped) timer = setTimeout(run, intervalMs);
      });
  };
  run();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
