// The tests' PostgreSQL and Redis are throwaway instances of their own (.ci/services.sh): data in a
// temporary directory, not the default ports, no fixed password — a developer's databases are never touched.
import { tmpdir } from 'node:os';
import test from 'ava';
import knexFactory from 'knex';
import { createClient } from 'redis';
import { databaseUrl, redisUrl } from '../../tools/harness/services.js';

test('the tests’ PostgreSQL keeps its data in a temporary directory, off port 5432, with a random password', async (t) => {
  const url = new URL(databaseUrl());
  t.not(url.port, '5432');
  t.not(url.port, '');
  t.regex(url.password, /^[\w-]{20,}$/);
  const db = knexFactory({ client: 'pg', connection: databaseUrl(), pool: { min: 0, max: 1 } });
  try {
    const { rows } = (await db.raw('SHOW data_directory')) as { rows: { data_directory: string }[] };
    t.true(rows[0].data_directory.startsWith(`${tmpdir()}/test-pg-`), rows[0].data_directory);
  } finally {
    await db.destroy();
  }
});

test('the tests’ Redis keeps its data in a temporary directory, off port 6379', async (t) => {
  const url = new URL(redisUrl());
  t.not(url.port, '6379');
  t.not(url.port, '');
  const client = createClient(redisUrl());
  try {
    const [, dir] = await new Promise<string[]>((resolve, reject) =>
      client.config('GET', 'dir', (error, value) =>
        error ? reject(error) : resolve(value as unknown as string[]),
      ),
    );
    t.true(dir.startsWith(`${tmpdir()}/test-redis-`), dir);
  } finally {
    await new Promise((resolve) => client.quit(resolve));
  }
});
