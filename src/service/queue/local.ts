// The embedded queue: an in-process FIFO feeding the job handler (which runs each simulation in an engine
// thread). Nothing is kept here that the database does not also have: after a restart the reconciler
// puts every pending or running job back.
import type { Logger } from '../log.js';
import type { JobHandler } from '../runner/run-job.js';
import type { JobQueue } from './types.js';

export function createLocalQueue(handler: JobHandler, concurrency: number, log: Logger): JobQueue {
  const waiting: string[] = [];
  const active = new Map<string, Promise<void>>();
  const shutdown = new AbortController();
  let closing = false;

  const pump = () => {
    while (!closing && active.size < concurrency && waiting.length > 0) {
      const id = waiting.shift() as string;
      const run = handler(id, shutdown.signal)
        .then(() => undefined)
        .catch((error: unknown) =>
          log.error('job delivery failed; the reconciler will retry it', { job_id: id, error }),
        )
        .finally(() => {
          active.delete(id);
          pump();
        });
      active.set(id, run);
    }
  };

  return {
    kind: 'local',
    async enqueue(id, options) {
      if (closing || active.has(id) || waiting.includes(id)) return;
      if (options?.first) waiting.unshift(id);
      else waiting.push(id);
      queueMicrotask(pump);
    },
    async holds(id) {
      return active.has(id) || waiting.includes(id);
    },
    async check() {
      if (closing) throw new Error('the queue is shutting down');
    },
    async close(timeoutMs) {
      closing = true;
      waiting.length = 0;
      const all = Promise.all(active.values());
      const timer = setTimeout(() => shutdown.abort(), timeoutMs);
      await all;
      clearTimeout(timer);
    },
  };
}
