// The queue adapters with real Redis (bee-queue) and in process: a job id is held once however often it is
// enqueued, is delivered to the handler, and a delivery released on shutdown goes back to the queue.
import test from 'ava';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/service/log.js';
import { openRedis, quitRedis } from '../../src/service/adapters.js';
import { createBeeProducer, startBeeWorker } from '../../src/service/queue/bee.js';
import { createLocalQueue } from '../../src/service/queue/local.js';
import { clearRedisPrefix, redisUrl, uniqueName } from '../../tools/harness/services.js';

const until = async (check: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

test('bee-queue: an id enqueued twice is delivered once; released deliveries come back', async (t) => {
  const prefix = uniqueName('queue');
  const config = loadConfig({ REDIS_URL: redisUrl(), REDIS_PREFIX: prefix, STALL_INTERVAL_SECONDS: '1' });
  const queueConfig = config.queue;
  if (queueConfig.kind !== 'bee') return t.fail();
  const redis = openRedis(redisUrl(), silentLogger);
  const producer = createBeeProducer(queueConfig, redis);
  const delivered: string[] = [];
  let release = true;
  const startWorker = () =>
    startBeeWorker(
      queueConfig,
      async (id) => {
        delivered.push(id);
        if (id === 'job-b' && release) {
          release = false;
          return 'released';
        }
        return 'done';
      },
      2,
      silentLogger,
    );
  let worker: ReturnType<typeof startWorker> | undefined;
  try {
    await producer.check(AbortSignal.timeout(2000));
    await producer.enqueue('job-a');
    t.true(await producer.holds('job-a'));
    await producer.enqueue('job-a');
    await producer.enqueue('job-b');
    // The worker starts after both enqueues of job-a: a repeat is a no-op only while the queue holds the
    // job, and a worker already running could finish job-a in between.
    worker = startWorker();
    await until(() => delivered.filter((d) => d === 'job-b').length === 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    t.deepEqual(
      delivered.filter((d) => d === 'job-a'),
      ['job-a'],
    );
    t.false(await producer.holds('job-a'), 'a delivered job leaves the queue');
    t.false(await producer.holds('job-b'));
  } finally {
    await worker?.close(1000);
    await producer.close(1000);
    await quitRedis(redis);
    await clearRedisPrefix(prefix);
  }
});

test('in-process queue: once per id, at most `concurrency` at a time, close waits for running work', async (t) => {
  let running = 0;
  let peak = 0;
  const done: string[] = [];
  const queue = createLocalQueue(
    async (id, shutdown) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, shutdown.aborted ? 0 : 50));
      running--;
      done.push(id);
      return 'done';
    },
    2,
    silentLogger,
  );
  for (const id of ['a', 'b', 'c', 'a', 'd']) await queue.enqueue(id);
  t.true(await queue.holds('a'));
  await until(() => done.length === 4);
  t.deepEqual([...done].sort(), ['a', 'b', 'c', 'd']);
  t.is(peak, 2);
  t.false(await queue.holds('a'));
  await queue.enqueue('e');
  await queue.close(1000);
  t.true(done.includes('e'));
  await t.throwsAsync(queue.check(AbortSignal.timeout(100)));
});

test('bee-queue and in-process: an id enqueued `first` is delivered before those waiting', async (t) => {
  const prefix = uniqueName('queue-first');
  const config = loadConfig({ REDIS_URL: redisUrl(), REDIS_PREFIX: prefix });
  const queueConfig = config.queue;
  if (queueConfig.kind !== 'bee') return t.fail();
  const redis = openRedis(redisUrl(), silentLogger);
  const producer = createBeeProducer(queueConfig, redis);
  const delivered: string[] = [];
  const handler = async (id: string) => {
    delivered.push(id);
    return 'done' as const;
  };
  let worker: ReturnType<typeof startBeeWorker> | undefined;
  try {
    for (const id of ['run-1', 'run-2', 'run-3']) await producer.enqueue(id);
    await producer.enqueue('files-x', { first: true });
    worker = startBeeWorker(queueConfig, handler, 1, silentLogger);
    await until(() => delivered.length === 4);
    t.deepEqual(delivered, ['files-x', 'run-1', 'run-2', 'run-3']);
  } finally {
    await worker?.close(1000);
    await producer.close(1000);
    await quitRedis(redis);
    await clearRedisPrefix(prefix);
  }
  const local: string[] = [];
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const queue = createLocalQueue(
    async (id) => {
      local.push(id);
      if (id === 'busy') await held;
      return 'done';
    },
    1,
    silentLogger,
  );
  for (const id of ['busy', 'run-1', 'run-2']) await queue.enqueue(id);
  await queue.enqueue('files-x', { first: true });
  release();
  await until(() => local.length === 4);
  t.deepEqual(local, ['busy', 'files-x', 'run-1', 'run-2']);
  await queue.close(1000);
});
