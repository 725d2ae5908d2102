// "Job finished" notifications, so that a synchronous POST /simulate answers the moment its job is done
// instead of polling the database: an in-process event when the server runs the jobs itself (embedded), a
// Redis pub/sub channel when worker processes do. The row stays the truth: a waiter reads it after each
// notification, and re-reads it every safetyPollMs in case a message was lost (pub/sub is at most once:
// a Redis reconnect drops what was published meanwhile).
import { EventEmitter } from 'node:events';
import type { RedisClient } from 'redis';
import type { Db } from './db/connect.js';
import { getJobResultsText } from './db/jobs.js';
import { UNFINISHED, type JobRow } from './db/rows.js';
import type { Logger } from './log.js';

export interface JobNotifier {
  kind: 'in-process' | 'redis';
  /** Tells every waiter, in every API process, that the job reached a final state. */
  publish(jobId: string): Promise<void>;
  /** Resolves at the next publish(jobId); register before reading the row so that none is missed. */
  next(jobId: string): { finished: Promise<void>; cancel(): void };
  /** Re-read of a waited-for row when no notification came; a backstop, not the way answers arrive. */
  safetyPollMs: number;
  close(): Promise<void>;
}

/** Default backstop: a lost message delays an answer by at most this. */
export const SAFETY_POLL_MS = 5000;

function waiters(events: EventEmitter) {
  return (jobId: string) => {
    let cancel = () => {};
    const finished = new Promise<void>((resolve) => {
      const done = () => resolve();
      events.once(jobId, done);
      cancel = () => events.off(jobId, done);
    });
    return { finished, cancel };
  };
}

function emitter(): EventEmitter {
  const events = new EventEmitter();
  events.setMaxListeners(0); // one listener per waiting request
  return events;
}

/** Notifications within one process (the embedded server: API and engine threads together). */
export function createLocalNotifier(safetyPollMs = SAFETY_POLL_MS): JobNotifier {
  const events = emitter();
  return {
    kind: 'in-process',
    async publish(jobId) {
      events.emit(jobId);
    },
    next: waiters(events),
    safetyPollMs,
    async close() {
      events.removeAllListeners();
    },
  };
}

/**
 * Notifications over Redis pub/sub on `${prefix}:jobs:finished`. `publisher` is a connection the process
 * has; with `subscribe`, a second connection is opened for the subscription (a subscribed Redis
 * connection takes no other command). Workers publish only; the API subscribes.
 */
export function createRedisNotifier(
  publisher: RedisClient,
  prefix: string,
  log: Logger,
  options: { subscribe: boolean; safetyPollMs?: number },
): JobNotifier {
  const channel = `${prefix}:jobs:finished`;
  const events = emitter();
  const subscriber = options.subscribe ? publisher.duplicate() : undefined;
  if (subscriber) {
    subscriber.on('error', (error: unknown) => log.debug('notification channel error', { error }));
    subscriber.on('message', (_channel: string, jobId: string) => events.emit(jobId));
    subscriber.subscribe(channel);
  }
  return {
    kind: 'redis',
    publish(jobId) {
      return new Promise((resolve) => {
        // A lost notification only delays an answer (safety poll): log it, never fail the job for it.
        publisher.publish(channel, jobId, (error) => {
          if (error) log.warn('job notification not sent', { job_id: jobId, error });
          resolve();
        });
      });
    },
    next: waiters(events),
    safetyPollMs: options.safetyPollMs ?? SAFETY_POLL_MS,
    async close() {
      events.removeAllListeners();
      if (subscriber) await new Promise<void>((resolve) => subscriber.quit(() => resolve()));
    },
  };
}

/** A row as waitForFinish last read it: results as their stored JSON text (row.results null) when read. */
export interface WaitedRow {
  row: JobRow;
  resultsText: string | null;
}

export type JobWaiter = ReturnType<JobNotifier['next']>;

/** What waitUntil waits for: notifications on `id`, after each of which `read` says where things are. */
export interface WaitSpec<T> {
  id: string;
  /** The state known before waiting; returned as it is if nothing else is read. */
  initial: T;
  /** The state now (undefined: unknown, keep the last). */
  read: () => Promise<T | undefined>;
  done: (state: T) => boolean;
  timeoutMs: number;
  stop: AbortSignal[];
  /** notifier.next(id) taken before `initial` was read or written: the first wait reads nothing. */
  registered?: JobWaiter;
}

/**
 * The state once `done`, or as last read when timeoutMs has passed, the client left or the server is
 * shutting down (any `stop` signal). Each wait subscribes before it reads, so a notification published
 * in between is not missed; the notifier's safety poll re-reads when a notification was lost.
 */
export async function waitUntil<T>(notifier: JobNotifier, spec: WaitSpec<T>): Promise<T> {
  const deadline = Date.now() + spec.timeoutMs;
  let timedOut = false;
  let state = spec.initial;
  /** One wait; true when the state read is done. */
  const waitOnce = async (next: JobWaiter, readFirst: boolean): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    let onStop = () => {};
    try {
      if (readFirst) {
        state = (await spec.read()) ?? state;
        if (spec.done(state)) return true;
      }
      const wake = new Promise<void>((resolve) => {
        const leftMs = Math.max(0, deadline - Date.now());
        const last = leftMs <= notifier.safetyPollMs;
        // The timer's clock is not Date.now(): one that ends the wait says so itself (no read past it).
        timer = setTimeout(
          () => {
            timedOut = last;
            resolve();
          },
          Math.min(notifier.safetyPollMs, leftMs),
        );
        onStop = resolve;
        for (const s of spec.stop) s.addEventListener('abort', onStop, { once: true });
      });
      await Promise.race([next.finished, wake]);
      return false;
    } finally {
      next.cancel();
      clearTimeout(timer);
      for (const s of spec.stop) s.removeEventListener('abort', onStop);
    }
  };
  let first = spec.registered;
  try {
    while (!spec.done(state) && !timedOut && Date.now() < deadline && !spec.stop.some((s) => s.aborted)) {
      const next = first ?? notifier.next(spec.id);
      const readFirst = first === undefined;
      first = undefined;
      if (await waitOnce(next, readFirst)) break;
    }
  } finally {
    spec.registered?.cancel();
  }
  return state;
}

/**
 * The job's row once it is finished, or as it is when timeoutMs has passed, the client left or the server
 * is shutting down (waitUntil). `registered`: notifier.next(job.id) taken before `job` was read or written
 * (submit's beforeInsert), so that the first wait needs no read of the row (one statement less per
 * synchronous run, issue 17). Out of time, the client follows Location from the row as last read.
 */
export function waitForFinish(
  db: Db,
  notifier: JobNotifier,
  job: JobRow,
  timeoutMs: number,
  stop: AbortSignal[],
  registered?: JobWaiter,
): Promise<WaitedRow> {
  return waitUntil<WaitedRow>(notifier, {
    id: job.id,
    initial: { row: job, resultsText: null },
    read: () => getJobResultsText(db, job.id),
    done: (read) => !UNFINISHED.includes(read.row.status),
    timeoutMs,
    stop,
    registered,
  });
}
