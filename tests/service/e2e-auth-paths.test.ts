// End to end in production mode: `precipitate serve` with API_KEYS and two `precipitate worker` processes
// on real PostgreSQL (own schema) and Redis (own prefix). No spelling of an API path (case, duplicate or
// trailing slashes, encoded characters, dot segments) runs or lists anything without the key; with the
// key only the canonical spelling finds a route. The database is the witness: no job of the anonymous
// owner exists afterwards.
import test from 'ava';
import knexFactory from 'knex';
import { rawRequest } from '../../tools/harness/http.js';
import { runCli, startApi, startWorkerProcess, type Proc } from '../../tools/harness/processes.js';
import {
  clearRedisPrefix,
  createPgSchema,
  redisUrl,
  tempDir,
  uniqueName,
  type PgSchema,
  type TempDir,
} from '../../tools/harness/services.js';

const KEY = 'e2e-paths-key-0123456789abcdef';
const keyed = { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' };
const anonymous = { 'Content-Type': 'application/json' };

const body = JSON.stringify({
  composition: { MG: 0.0072, SI: 0.0057 },
  temperature_profile: { time_points_hours: [0], temperatures_celsius: [175] },
  simulation_time_hours: 1,
  max_points: 20,
});

const spellings = (rest: string) => [
  `/API/v1/${rest}`,
  `/Api/V1/${rest}`,
  `/api/v1/${rest.toUpperCase()}`,
  `//api/v1/${rest}`,
  `/api//v1/${rest}`,
  `/api/v1/${rest}/`,
  `/%61pi/v1/${rest}`,
  `/api%2Fv1%2F${rest}`,
  `/api/v1/%${rest.charCodeAt(0).toString(16)}${rest.slice(1)}`,
  `/api/./v1/${rest}`,
  `/api/v0/../v1/${rest}`,
];

let schema: PgSchema | undefined;
let dir: TempDir | undefined;
let env: Record<string, string> = {};
const procs: Proc[] = [];
let url = '';

test.before(async () => {
  schema = await createPgSchema();
  dir = await tempDir('e2e-auth-paths');
  env = {
    DATABASE_URL: schema.url,
    REDIS_URL: redisUrl(),
    REDIS_PREFIX: uniqueName('e2e_paths'),
    API_KEYS: KEY,
    DATA_DIR: dir.path,
    WORKER_CONCURRENCY: '1',
    SYNC_WAIT_SECONDS: '60',
    RATE_LIMIT_PER_MINUTE: '100000',
    AUTH_FAILURES_PER_MINUTE: '100000',
    MIGRATE_ON_START: 'false',
  };
  await runCli(['migrate'], env);
  const api = await startApi(env);
  url = api.url;
  procs.push(api.proc, ...(await Promise.all([startWorkerProcess(env), startWorkerProcess(env)])));
});

test.after.always(async () => {
  await Promise.all(procs.map((p) => p.stop('SIGKILL')));
  if (env.REDIS_PREFIX) await clearRedisPrefix(env.REDIS_PREFIX);
  await schema?.drop();
  await dir?.remove();
});

test('no spelling of a path gets past the key check; only the canonical one has a route', async (t) => {
  for (const [method, rest, payload] of [
    ['POST', 'simulate', body],
    ['POST', 'simulate/async', body],
    ['GET', 'jobs', undefined],
  ] as const) {
    for (const path of spellings(rest)) {
      const without = await rawRequest(url, method, path, anonymous, payload);
      t.is(without.status, 401, `${method} ${path} without a key: ${without.text.slice(0, 200)}`);
      const withKey = await rawRequest(url, method, path, keyed, payload);
      t.is(withKey.status, 404, `${method} ${path} with the key: ${withKey.text.slice(0, 200)}`);
    }
  }

  // The canonical spelling works, and the workers run the job.
  const done = await rawRequest(url, 'POST', '/api/v1/simulate', keyed, body);
  t.is(done.status, 200, done.text.slice(0, 300));
  t.is((JSON.parse(done.text) as { status: string }).status, 'completed');

  const db = knexFactory({ client: 'pg', connection: (schema as PgSchema).url, pool: { min: 0, max: 1 } });
  try {
    const owners = (await db('simulation_jobs').select('owner').count({ n: '*' }).groupBy('owner')) as {
      owner: string;
      n: string | number;
    }[];
    t.is(owners.length, 1, JSON.stringify(owners));
    t.not(owners[0].owner, 'anonymous');
    t.is(Number(owners[0].n), 1, 'only the canonical request made a job');
  } finally {
    await db.destroy();
  }
  const listed = await rawRequest(url, 'GET', '/api/v1/jobs', keyed);
  t.is((JSON.parse(listed.text) as { jobs: unknown[] }).jobs.length, 1);
});
