// Real services for the service tests: PostgreSQL and Redis (throwaway instances that .ci/services.sh starts
// for the run, see test-services.ts) and an s3rver started here on a free port. Every test gets its own names
// (schema, Redis prefix, bucket, directories) and removes them afterwards. A missing service is an error,
// never a skip.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory from 'knex';
import { createClient } from 'redis';
import S3rver from 's3rver';

let counter = 0;

/** A name no other test (in this or another ava process) uses: prefix_pid_n_random. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
}

function serviceUrl(name: 'TEST_DATABASE_URL' | 'TEST_REDIS_URL'): string {
  const value = process.env[name];
  if (value) return value;
  throw new Error(
    `${name} is not set: run the tests through \`npm test\`, or one file with ` +
      '`bash .ci/services.sh npx ava build/tests/…`, which start throwaway PostgreSQL and Redis',
  );
}

export const databaseUrl = () => serviceUrl('TEST_DATABASE_URL');
export const redisUrl = () => serviceUrl('TEST_REDIS_URL');

export interface PgSchema {
  schema: string;
  /** DATABASE_URL whose connections use the schema (search_path). */
  url: string;
  drop(): Promise<void>;
}

/** A fresh PostgreSQL schema for one test. */
export async function createPgSchema(): Promise<PgSchema> {
  const schema = uniqueName('t');
  const admin = knexFactory({ client: 'pg', connection: databaseUrl(), pool: { min: 0, max: 1 } });
  try {
    await admin.raw(`CREATE SCHEMA "${schema}"`);
  } finally {
    await admin.destroy();
  }
  const url = new URL(databaseUrl());
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    schema,
    url: url.toString(),
    async drop() {
      const db = knexFactory({ client: 'pg', connection: databaseUrl(), pool: { min: 0, max: 1 } });
      try {
        await db.raw(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await db.destroy();
      }
    },
  };
}

/** Deletes every Redis key under prefix (a test's queue and rate-limit keys). */
export async function clearRedisPrefix(prefix: string): Promise<void> {
  const client = createClient(redisUrl());
  const call = <T>(fn: (cb: (error: Error | null, value: T) => void) => void) =>
    new Promise<T>((resolve, reject) => fn((error, value) => (error ? reject(error) : resolve(value))));
  try {
    let cursor = '0';
    do {
      const [next, keys] = await call<[string, string[]]>((cb) =>
        client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', '500', cb),
      );
      cursor = next;
      if (keys.length > 0) await call<number>((cb) => client.del(keys, cb));
    } while (cursor !== '0');
  } finally {
    await new Promise((resolve) => client.quit(resolve));
  }
}

/** A function that does its work on the first call only; later calls get the same promise. */
export function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}

export interface TempDir {
  path: string;
  remove(): Promise<void>;
}

export async function tempDir(prefix: string): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), `${prefix}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export interface S3Server {
  endpoint: string;
  bucket: string;
  /** The S3_* variables that point the service at this server. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** s3rver over real HTTP on a free loopback port, with one bucket, in its own directory. */
export async function startS3(): Promise<S3Server> {
  const dir = await tempDir('s3rver');
  const bucket = uniqueName('bucket').replace(/_/g, '-').toLowerCase();
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: dir.path,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    env: {
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    },
    close: once(async () => {
      await server.close();
      await dir.remove();
    }),
  };
}

/** Bytes of the files under `dir`, at any depth (0 before anything is stored there). */
export async function bytesUnder(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []))
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  return total;
}
