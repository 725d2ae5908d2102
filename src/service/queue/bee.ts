// The production queue on Redis with bee-queue: the API produces, `precipitate worker` processes consume.
// bee-queue's stall detection gives a job whose worker died to another worker; a job released by a worker
// that is shutting down goes straight back to the queue as a retry.
import BeeQueue from 'bee-queue';
import type { RedisClient } from 'redis';
import type { QueueConfig } from '../../config.js';
import type { Logger } from '../log.js';
import type { JobHandler } from '../runner/run-job.js';
import { withTimeout, type JobQueue } from './types.js';

type BeeConfig = Extract<QueueConfig, { kind: 'bee' }>;

interface JobData {
  jobId: string;
}

/** Retries of a delivery that failed on infrastructure (database, storage) before the reconciler's turn. */
const DELIVERY_RETRIES = 3;
const REDIS_TIMEOUT_MS = 5000;

export function createBeeProducer(config: BeeConfig, client: RedisClient): JobQueue {
  const queue = new BeeQueue<JobData>(config.name, {
    prefix: config.prefix,
    redis: client,
    isWorker: false,
    getEvents: false,
    sendEvents: false,
    storeJobs: false,
    activateDelayedJobs: false,
  });
  return {
    kind: 'bee',
    async enqueue(jobId) {
      // setId makes a repeated enqueue of the same job a no-op while the queue holds it.
      const job = queue.createJob({ jobId }).setId(jobId).retries(DELIVERY_RETRIES);
      await withTimeout(job.save(), REDIS_TIMEOUT_MS, 'enqueue');
    },
    async holds(jobId) {
      return (await withTimeout(queue.getJob(jobId), REDIS_TIMEOUT_MS, 'queue lookup')) != null;
    },
    async check() {
      await withTimeout(
        queue.ready().then(() => queue.checkHealth()),
        2000,
        'queue health check',
      );
    },
    async close() {
      await queue.close(1000).catch(() => undefined);
    },
  };
}

/** Thrown by a delivery whose worker is shutting down, so that bee-queue hands the job to another worker. */
export class ReleasedJob extends Error {
  constructor(jobId: string) {
    super(`job ${jobId} released: its worker is shutting down`);
    this.name = 'ReleasedJob';
  }
}

export interface BeeWorker {
  close(timeoutMs: number): Promise<void>;
}

export function startBeeWorker(
  config: BeeConfig,
  handler: JobHandler,
  concurrency: number,
  log: Logger,
): BeeWorker {
  const queue = new BeeQueue<JobData>(config.name, {
    prefix: config.prefix,
    redis: { url: config.redisUrl },
    isWorker: true,
    getEvents: false,
    sendEvents: false,
    storeJobs: false,
    removeOnSuccess: true,
    removeOnFailure: true,
    stallInterval: config.stallIntervalMs,
  });
  const shutdown = new AbortController();
  queue.on('error', (error) => log.error('queue error', { error }));
  queue.on('failed', (job, error) => log.error('job delivery failed', { job_id: job.data.jobId, error }));
  queue.on('retrying', (job, error) => log.warn('job delivery retried', { job_id: job.data.jobId, error }));
  queue.process(concurrency, async (job) => {
    if ((await handler(job.data.jobId, shutdown.signal)) === 'released')
      throw new ReleasedJob(job.data.jobId);
  });
  void queue.checkStalledJobs(config.stallIntervalMs, (error, stalled) => {
    if (error) log.error('stall check failed', { error });
    else if (stalled > 0) log.warn('stalled jobs handed to other workers', { count: stalled });
  });
  return {
    async close(timeoutMs) {
      // Running jobs get the grace period to finish; then they are released and reported as retries.
      const timer = setTimeout(() => shutdown.abort(), timeoutMs);
      await queue.close(timeoutMs + 5000).catch((error: unknown) => log.warn('queue close', { error }));
      clearTimeout(timer);
    },
  };
}
