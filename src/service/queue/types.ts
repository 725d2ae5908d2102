// The job queue, producer side: what the API and the reconciler need. Messages carry only the job id;
// the database row is the truth, so a lost or repeated message is harmless.

export interface JobQueue {
  kind: 'bee' | 'local';
  /**
   * Puts a job id on the queue; does nothing when the queue already holds it. `first`: next in line, ahead
   * of what waits (a person waits for it: a download's files), when the queue does not hold it yet.
   */
  enqueue(jobId: string, options?: { first?: boolean }): Promise<void>;
  /** Whether the queue holds the job (waiting, running or about to be retried). */
  holds(jobId: string): Promise<boolean>;
  /** Throws when the queue cannot be reached. */
  check(signal: AbortSignal): Promise<void>;
  /** Stops taking work; running work gets timeoutMs to finish, then is told to stop. */
  close(timeoutMs: number): Promise<void>;
}

/** Rejects with QueueUnavailable when `promise` takes longer than timeoutMs. */
export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new QueueUnavailable(`${what} timed out after ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The queue cannot take work now (Redis unreachable): the API answers 503 and retries later. */
export class QueueUnavailable extends Error {
  constructor(detail: string) {
    super(`the queue is unavailable: ${detail}`);
    this.name = 'QueueUnavailable';
  }
}
