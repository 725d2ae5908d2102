// Puts back on the queue every job the database says is pending or running but the queue no longer holds
// (Redis restarted, a delivery failed for good, the embedded server restarted). A job enqueued twice is
// harmless: the queue ignores a second copy of an id it holds, and a worker skips a finished job.
import type { Db } from './db/connect.js';
import { listUnfinished } from './db/jobs.js';
import { errorMessage, throttled, type Logger } from './log.js';
import type { JobQueue } from './queue/types.js';

const BATCH = 1000;

export async function reconcileOnce(db: Db, queue: JobQueue, log: Logger): Promise<number> {
  let requeued = 0;
  for (const job of await listUnfinished(db, BATCH)) {
    if (await queue.holds(job.id)) continue;
    await queue.enqueue(job.id);
    requeued++;
  }
  if (requeued > 0) log.info('jobs put back on the queue', { count: requeued });
  return requeued;
}

export interface Reconciler {
  stop(): Promise<void>;
}

/** Reconciles now and then every intervalMs until stopped; failures are logged and retried next time. */
export function startReconciler(db: Db, queue: JobQueue, log: Logger, intervalMs: number): Reconciler {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const outage = throttled(log);
  const run = () => {
    running = reconcileOnce(db, queue, log)
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
