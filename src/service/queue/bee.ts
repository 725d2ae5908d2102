// The production queue on Redis with bee-queue: the API produces, `precipitate worker` processes consume.
// bee-queue's stall detection gives a job whose worker died to another worker; a job released by a worker
// that is shutting down goes straight back to the queue as a retry. Both go to the front of the line.
// A Redis restart is survived: clients reconnect forever, scripts are reloaded (bee-redis.ts), and no
// failed stall check or poll ends the process.
import BeeQueue from 'bee-queue';
import type { RedisClient } from 'redis';
import type { QueueConfig } from '../../config.js';
import { openRedis, quitRedis } from '../adapters.js';
import { errorMessage, throttled, type Logger } from '../log.js';
import type { JobHandler } from '../runner/run-job.js';
import { moveToFront, reloadScriptsOnNoscript } from './bee-redis.js';
import { QueueUnavailable, withTimeout, type JobQueue } from './types.js';

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
    redis: reloadScriptsOnNoscript(client),
    isWorker: false,
    getEvents: false,
    sendEvents: false,
    storeJobs: false,
    activateDelayedJobs: false,
  });
  // Once Redis has gone away, commands would wait in the client's offline queue: say so at once instead.
  // (Before the first connection they wait, up to their timeouts: the process is starting.)
  let lost = false;
  client.on('end', () => (lost = true));
  client.on('ready', () => (lost = false));
  const connected = () => {
    if (lost && !client.connected) throw new QueueUnavailable('Redis is not connected');
  };
  return {
    kind: 'bee',
    async enqueue(jobId, options) {
      connected();
      // setId makes a repeated enqueue of the same job a no-op while the queue holds it.
      const job = queue.createJob({ jobId }).setId(jobId).retries(DELIVERY_RETRIES);
      await withTimeout(job.save(), REDIS_TIMEOUT_MS, 'enqueue');
      if (options?.first) {
        const moved = moveToFront(client, `${config.prefix}:${config.name}:waiting`, jobId);
        await withTimeout(moved, REDIS_TIMEOUT_MS, 'enqueue first');
      }
    },
    async holds(jobId) {
      connected();
      return (await withTimeout(queue.getJob(jobId), REDIS_TIMEOUT_MS, 'queue lookup')) != null;
    },
    async check() {
      connected();
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

/**
 * bee-queue's stall timing for STALL_INTERVAL_SECONDS: a job is taken back at the second stall check that
 * finds it without a heartbeat, so checks run every 0.45 of the interval (bee-queue's stallInterval, which
 * also makes workers beat every 0.225) and each worker tries every 0.05: picked up within the interval.
 */
export function stallTiming(stallIntervalMs: number) {
  return { beeStallMs: Math.round(stallIntervalMs * 0.45), checkEveryMs: Math.round(stallIntervalMs / 20) };
}

export function startBeeWorker(
  config: BeeConfig,
  handler: JobHandler,
  concurrency: number,
  log: Logger,
): BeeWorker {
  const client = reloadScriptsOnNoscript(openRedis(config.redisUrl, log));
  const { beeStallMs, checkEveryMs } = stallTiming(config.stallIntervalMs);
  const queue = new BeeQueue<JobData>(config.name, {
    prefix: config.prefix,
    redis: client,
    isWorker: true,
    getEvents: false,
    sendEvents: false,
    storeJobs: false,
    removeOnSuccess: true,
    removeOnFailure: true,
    stallInterval: beeStallMs,
  });
  const waitingKey = `${config.prefix}:${config.name}:waiting`;
  const shutdown = new AbortController();
  const outage = throttled(log);
  const toFront = (jobId: string) =>
    moveToFront(client, waitingKey, jobId).catch((error: unknown) =>
      outage('warn', 'could not move a re-delivered job to the front', { job_id: jobId, error }),
    );
  queue.on('error', (error) => outage('warn', 'queue error', { error: errorMessage(error) }));
  queue.on('failed:fatal' as 'failed', (job, error) =>
    log.error('job delivery failed; the reconciler will enqueue it again', { job_id: job.data.jobId, error }),
  );
  queue.on('retrying', (job, error) => {
    if (error.name === 'ReleasedJob') log.info('job handed back to the queue', { job_id: job.data.jobId });
    else log.warn('job delivery retried', { job_id: job.data.jobId, error });
    void toFront(job.id);
  });
  queue.on('stalled', (jobId) => {
    log.warn('stalled job handed to another worker', { job_id: jobId });
    void toFront(jobId);
  });
  queue.process(concurrency, async (job) => {
    if ((await handler(job.data.jobId, shutdown.signal)) === 'released')
      throw new ReleasedJob(job.data.jobId);
  });
  const stallCheck = setInterval(() => {
    queue.checkStalledJobs().catch((error: unknown) => outage('warn', 'stall check failed', { error }));
  }, checkEveryMs);
  return {
    async close(timeoutMs) {
      clearInterval(stallCheck);
      // Running jobs get the grace period to finish; then they are released and handed back.
      const timer = setTimeout(() => shutdown.abort(), timeoutMs);
      await queue.close(timeoutMs + 5000).catch((error: unknown) => log.warn('queue close', { error }));
      clearTimeout(timer);
      await quitRedis(client);
    },
  };
}
