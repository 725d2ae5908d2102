// Configuration: embedded defaults with no environment, production adapters chosen by the environment,
// every bad value reported naming its variable (never echoing a secret), and the README documenting each.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { ConfigError, ENV_VARIABLE_NAMES, loadConfig } from '../../src/config.js';
import { ROOT } from '../../tools/harness/paths.js';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env, () => {
      throw new Error('no such file');
    });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

test('no environment: embedded SQLite, in-process queue, local files, loopback, auth off', (t) => {
  const config = loadConfig({});
  t.is(config.host, '127.0.0.1');
  t.is(config.port, 8000);
  t.is(config.database.kind, 'sqlite');
  t.is(config.queue.kind, 'local');
  t.is(config.storage.kind, 'local');
  t.deepEqual(config.apiKeys, []);
  t.deepEqual(config.corsOrigins, []);
  t.is(config.maxSimulationHours, 100);
  t.is(config.syncWaitSeconds, 10);
  t.true(config.workerConcurrency >= 1);
});

test('production variables choose PostgreSQL, bee-queue and S3', (t) => {
  const config = loadConfig({
    DATABASE_URL: 'postgres://u:secret@db:5432/app',
    REDIS_URL: 'redis://cache:6379',
    S3_ENDPOINT: 'https://nyc3.digitaloceanspaces.com',
    S3_REGION: 'nyc3',
    S3_BUCKET: 'results',
    S3_ACCESS_KEY_ID: 'AKIA',
    S3_SECRET_ACCESS_KEY: 'shh',
    API_KEYS: 'k1-0123456789abcdef, k2-0123456789abcdef',
    HOST: '0.0.0.0',
    CORS_ORIGINS: 'https://app.example.com,https://lab.example.org/',
    PRESIGNED_URL_EXPIRY_SECONDS: '600',
  });
  t.like(config.database, { kind: 'pg' });
  t.like(config.queue, { kind: 'bee', name: 'simulations', prefix: 'precipitate', stallIntervalMs: 5000 });
  t.like(config.storage, { kind: 's3', bucket: 'results', region: 'nyc3', presignExpirySeconds: 600 });
  t.is(config.apiKeys.length, 2);
  t.regex(config.apiKeys[0].id, /^key_[0-9a-f]{16}$/);
  t.deepEqual(config.corsOrigins, ['https://app.example.com', 'https://lab.example.org']);
});

test('API keys from a file are added to API_KEYS', (t) => {
  const config = loadConfig({ API_KEYS_FILE: '/keys' }, () => '# team keys\nfile-key-0123456789abcdef\n\n');
  t.is(config.apiKeys.length, 1);
});

test('each bad value is reported naming its variable; secrets are not echoed', (t) => {
  const problems = problemsOf({
    PORT: '80000',
    DATABASE_URL: 'mysql://user:hunter2@db/app',
    REDIS_URL: 'not a url :// hunter3',
    S3_BUCKET: 'b',
    MAX_SIMULATION_TIME_HOURS: '-1',
    SYNC_WAIT_SECONDS: 'ten',
    WORKER_CONCURRENCY: '0',
    ENGINE_KERNEL: 'gpu',
    LOG_LEVEL: 'loud',
    TRUST_PROXY: 'maybe',
    CORS_ORIGINS: 'app.example.com',
    API_KEYS: 'short',
    API_KEYS_FILE: '/missing',
    HOST: '0.0.0.0',
    RATE_LIMIT_PER_MINUTE: '1.5',
  });
  const named = (name: string) =>
    t.true(
      problems.some((p) => p.startsWith(`${name}:`)),
      `${name} in ${problems.join(' | ')}`,
    );
  for (const name of [
    'PORT',
    'DATABASE_URL',
    'REDIS_URL',
    'S3_ACCESS_KEY_ID',
    'S3_SECRET_ACCESS_KEY',
    'MAX_SIMULATION_TIME_HOURS',
  ])
    named(name);
  for (const name of [
    'SYNC_WAIT_SECONDS',
    'WORKER_CONCURRENCY',
    'ENGINE_KERNEL',
    'LOG_LEVEL',
    'TRUST_PROXY',
    'CORS_ORIGINS',
  ])
    named(name);
  for (const name of ['API_KEYS', 'API_KEYS_FILE', 'RATE_LIMIT_PER_MINUTE']) named(name);
  const text = problems.join('\n');
  t.false(text.includes('hunter2'));
  t.false(text.includes('hunter3'));
  t.false(text.includes('short'), 'an API key is never echoed');
});

test('a public HOST needs API keys (or an explicit ALLOW_ANONYMOUS)', (t) => {
  t.true(problemsOf({ HOST: '0.0.0.0' }).some((p) => p.startsWith('HOST:')));
  t.deepEqual(problemsOf({ HOST: '0.0.0.0', ALLOW_ANONYMOUS: 'true' }), []);
  t.deepEqual(problemsOf({ HOST: '0.0.0.0', API_KEYS: 'a-long-enough-key-123' }), []);
  // Workers and migrations listen on nothing: the image's HOST=0.0.0.0 does not concern them.
  t.notThrows(() => loadConfig({ HOST: '0.0.0.0' }, undefined, { listens: false }));
  t.true(
    problemsOf({ S3_ENDPOINT: 'https://x.example.com' }).some((p) => p.startsWith('S3_ENDPOINT:')),
    'S3 without a bucket',
  );
});

test('the README documents every environment variable', (t) => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  for (const name of ENV_VARIABLE_NAMES) t.true(readme.includes(`\`${name}\``), name);
});
