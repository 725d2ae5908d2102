// A synchronous POST /simulate is woken by the job-finished notification, not by reading the database
// over and over: the waiting request's safety re-read is set to an hour here, so without a notification
// the request would time out (SYNC_WAIT_SECONDS) and answer 202 instead of 200. Embedded (in-process event)
// and production (Redis pub/sub between a worker and the API, PostgreSQL, S3) in this process.
import test from 'ava';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/service/log.js';
import { createLocalNotifier, createRedisNotifier } from '../../src/service/notify.js';
import { startServer } from '../../src/service/server.js';
import { startWorker } from '../../src/service/worker.js';
import { openRedis, quitRedis } from '../../src/service/adapters.js';
import { client } from '../../tools/harness/http.js';
import { startTestServer } from '../helpers/server.js';
import {
  clearRedisPrefix,
  createPgSchema,
  redisUrl,
  startS3,
  tempDir,
  uniqueName,
} from '../../tools/harness/services.js';

const HOUR_MS = 3_600_000;

const run = (celsius: number) => ({
  composition: { MG: 0.0072, SI: 0.0057 },
  temperature_profile: { time_points_hours: [0], temperatures_celsius: [celsius] },
  simulation_time_hours: 2,
  max_points: 50,
});

test('embedded: the synchronous answer comes by the in-process notification', async (t) => {
  const server = await startTestServer({ SYNC_WAIT_SECONDS: '60' }, silentLogger, HOUR_MS);
  t.teardown(() => server.close());
  const api = server.api();
  for (const celsius of [171, 172]) {
    const reply = await api.post('/api/v1/simulate', run(celsius));
    t.is(reply.status, 200, reply.text.slice(0, 200));
    t.is(reply.body.status, 'completed');
  }
});

test('production: a worker’s Redis message wakes the API’s waiting request', async (t) => {
  const schema = await createPgSchema();
  const s3 = await startS3();
  const dir = await tempDir('notify-production');
  const prefix = uniqueName('notify');
  const config = loadConfig({
    DATABASE_URL: schema.url,
    REDIS_URL: redisUrl(),
    REDIS_PREFIX: prefix,
    ...s3.env,
    DATA_DIR: dir.path,
    PORT: '0',
    WORKER_CONCURRENCY: '1',
    RATE_LIMIT_PER_MINUTE: '0',
    SYNC_WAIT_SECONDS: '60',
  });
  const server = await startServer(config, silentLogger, HOUR_MS);
  const worker = await startWorker(config, silentLogger);
  try {
    const api = client(server.url);
    const reply = await api.post('/api/v1/simulate', run(173));
    t.is(reply.status, 200, reply.text.slice(0, 200));
    t.is(reply.body.status, 'completed');
  } finally {
    await worker.close();
    await server.close();
    await clearRedisPrefix(prefix);
    await schema.drop();
    await s3.close();
    await dir.remove();
  }
});

test('notifiers: a publish reaches the waiter of that job only, in-process and across Redis connections', async (t) => {
  const prefix = uniqueName('notify');
  const publisher = openRedis(redisUrl(), silentLogger);
  const listener = openRedis(redisUrl(), silentLogger);
  const worker = createRedisNotifier(publisher, prefix, silentLogger, { subscribe: false });
  const api = createRedisNotifier(listener, prefix, silentLogger, { subscribe: true });
  const local = createLocalNotifier();
  try {
    for (const [name, from, to] of [
      ['redis', worker, api],
      ['in-process', local, local],
    ] as const) {
      const other = to.next('job-b');
      let otherFired = false;
      void other.finished.then(() => (otherFired = true));
      const waiting = to.next('job-a');
      // A Redis subscription is made asynchronously: publish until the first message arrives.
      let delivered = false;
      void waiting.finished.then(() => (delivered = true));
      while (!delivered) {
        await from.publish('job-a');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      t.false(otherFired, `${name}: another job's waiter stays asleep`);
      other.cancel();
    }
  } finally {
    await api.close();
    await local.close();
    await Promise.all([quitRedis(publisher), quitRedis(listener)]);
  }
});
