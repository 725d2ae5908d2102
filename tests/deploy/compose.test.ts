// docker-compose.yml (local development), docker-compose.prod.yml (the Droplet) and .do/app.yaml (App
// Platform), checked as data: services and start order, and that each process gets exactly the variables
// of src/config.ts its role reads, with values src/config.ts's loadConfig accepts.
import test, { type ExecutionContext } from 'ava';
import { ENV_VARIABLE_NAMES, loadConfig } from '../../src/config.js';
import { execForm, only, parseDockerfile, stageEnv } from './dockerfile.js';
import {
  ALLOWED,
  API_ONLY,
  interpolate,
  interpolated,
  interpolateTree,
  KNOWN,
  LOOPBACK,
  readEnvFile,
  readmeDeploySection,
  readText,
  readYaml,
  REQUIRED,
  roleOf,
  serviceEnv,
  SHARED,
  WORKER_ONLY,
  type Role,
  type Yaml,
} from './support.js';

const runtime = parseDockerfile(readText('Dockerfile')).at(-1)!;
/** The image's own ENV; NODE_ENV is Node's, not the service's. */
const { NODE_ENV: _nodeEnv, ...IMAGE_ENV } = stageEnv(runtime);
const IMAGE_CMD = execForm(only(runtime, 'CMD')[0].args)!;
const EXAMPLE = readEnvFile(readText('deploy/env.example'));
/** Variables of the production compose file that configure Compose itself, not a process. */
const COMPOSE_VARIABLES = ['IMAGE', 'IMAGE_TAG', 'API_PUBLISH'];

/** A service of ours: built here, or the production image (before or after interpolation). */
const runsImage = (service: Yaml) =>
  service.build !== undefined ||
  /^(\$\{IMAGE\b|[^:]+\/deepalloy-precipitate:)/.test(String(service.image ?? ''));

/** The checks every process running the image gets, in any of the three files. */
function checkProcesses(
  t: ExecutionContext,
  label: string,
  processes: [string, Role, Record<string, string>][],
) {
  t.deepEqual(
    [...new Set(processes.map(([, role]) => role))].sort(),
    ['api', 'migrate', 'worker'],
    `${label}: an API, a worker and a migration`,
  );
  const shared = new Map<string, [string, string]>();
  for (const [name, role, env] of processes) {
    const where = `${label}: ${name} (${role})`;
    t.deepEqual(
      Object.keys(env).filter((k) => !KNOWN.has(k)),
      [],
      `${where} sets variables src/config.ts does not read`,
    );
    t.deepEqual(
      Object.keys(env).filter((k) => KNOWN.has(k) && !ALLOWED[role].includes(k)),
      [],
      `${where}: not for this role`,
    );
    t.deepEqual(
      REQUIRED[role].filter((k) => !env[k]),
      [],
      `${where} lacks`,
    );
    if (role !== 'api' && env.HOST !== undefined)
      t.regex(env.HOST, LOOPBACK, `${where}: HOST only to stay on loopback`);
    // The image's ENV below the service's, as Docker combines them; loadConfig is what `serve`, `worker`
    // and `migrate` run first, and it refuses what would stop them.
    t.notThrows(() => loadConfig({ ...IMAGE_ENV, ...env }), `${where}: the configuration is refused`);
    for (const key of SHARED.filter((k) => env[k] !== undefined)) {
      const seen = shared.get(key);
      if (seen) t.is(env[key], seen[1], `${where}: ${key} differs from ${seen[0]}'s`);
      else shared.set(key, [name, env[key]]);
    }
  }
}

function composeProcesses(services: Record<string, Yaml>): [string, Role, Record<string, string>][] {
  return Object.entries(services)
    .filter(([, s]) => runsImage(s))
    .map(([name, s]) => [name, roleOf(s.command), serviceEnv(s)]);
}

/** Start order: conditions only, on services that can meet them. */
function checkDependencies(t: ExecutionContext, label: string, services: Record<string, Yaml>) {
  for (const [name, service] of Object.entries(services)) {
    if (service.depends_on === undefined) continue;
    t.false(Array.isArray(service.depends_on), `${label}: ${name}'s depends_on needs conditions`);
    for (const [dep, { condition }] of Object.entries<Yaml>(service.depends_on)) {
      const target = services[dep];
      t.truthy(target, `${label}: ${name} depends on a missing service ${dep}`);
      if (condition === 'service_healthy') {
        const own = target.healthcheck;
        t.true(own?.test !== undefined && !own.disable, `${label}: ${dep} has no health check for ${name}`);
      } else {
        t.is(condition, 'service_completed_successfully', `${label}: ${name} -> ${dep}`);
        t.is(target.restart, 'no', `${label}: ${dep} is a one-shot`);
      }
    }
  }
}

function checkImageCommands(t: ExecutionContext, label: string, services: Record<string, Yaml>) {
  for (const [name, s] of Object.entries(services).filter(([, s]) => runsImage(s))) {
    if (s.command === undefined) continue;
    const role = roleOf(s.command);
    t.deepEqual(s.command, [...IMAGE_CMD.slice(0, -1), role], `${label}: ${name} runs the image's command`);
  }
  const worker = services.worker;
  // Docker's default 10 s would kill simulations that SHUTDOWN_TIMEOUT_SECONDS (30 s) lets finish.
  t.true(parseInt(worker.stop_grace_period, 10) > 30, `${label}: worker stop_grace_period`);
  t.true(worker.healthcheck?.disable, `${label}: the image's health check asks the API; workers have none`);
}

test('every variable of src/config.ts has a role', (t) => {
  const all = [...SHARED, ...API_ONLY, ...WORKER_ONLY];
  t.is(new Set(all).size, all.length, 'a variable in two lists');
  t.deepEqual([...all].sort(), [...ENV_VARIABLE_NAMES].sort());
  t.deepEqual(
    Object.keys(IMAGE_ENV).filter((k) => !KNOWN.has(k)),
    [],
    'the Dockerfile sets unknown variables',
  );
});

test('docker-compose.yml: services, health checks and start order', (t) => {
  const doc = readYaml('docker-compose.yml');
  const s = doc.services;
  t.deepEqual(Object.keys(s).sort(), [
    'api',
    'createbucket',
    'migrate',
    'minio',
    'postgres',
    'redis',
    'worker',
  ]);
  t.is(s.postgres.image, 'postgres:15');
  t.true(s.postgres.healthcheck.test.includes('pg_isready'));
  const pgVolume = String(s.postgres.volumes[0]).split(':');
  t.is(pgVolume[1], '/var/lib/postgresql/data');
  t.true(pgVolume[0] in doc.volumes, 'PostgreSQL keeps its data in a named volume');
  t.is(s.redis.image, 'redis:7');
  t.is(s.redis.command.join(' '), 'redis-server --appendonly yes');
  t.true(s.redis.healthcheck.test.includes('ping'));
  t.regex(s.createbucket.command.join(' '), /mc mb --ignore-existing/);
  t.is(s.worker.deploy.replicas, 2);
  t.deepEqual(s.api.ports, ['127.0.0.1:8000:8000'], 'the API on localhost:8000, the host only');
  for (const name of ['api', 'worker']) {
    t.deepEqual(
      Object.fromEntries(Object.entries<Yaml>(s[name].depends_on).map(([k, v]) => [k, v.condition])),
      {
        postgres: 'service_healthy',
        redis: 'service_healthy',
        createbucket: 'service_completed_successfully',
        migrate: 'service_completed_successfully',
      },
      `${name} starts after the migration, with the database, Redis and the bucket ready`,
    );
  }
  checkDependencies(t, 'docker-compose.yml', s);
  checkImageCommands(t, 'docker-compose.yml', s);
});

test('docker-compose.yml: each process gets the variables of its role, pointing at the services', (t) => {
  const s = readYaml('docker-compose.yml').services;
  checkProcesses(t, 'docker-compose.yml', composeProcesses(s));
  const env = serviceEnv(s.api);
  const db = new URL(env.DATABASE_URL);
  const pg = serviceEnv(s.postgres);
  t.is(db.hostname, 'postgres');
  t.deepEqual(
    [db.username, db.password, db.pathname],
    [pg.POSTGRES_USER, pg.POSTGRES_PASSWORD, `/${pg.POSTGRES_DB}`],
  );
  t.is(new URL(env.REDIS_URL).hostname, 'redis');
  const minio = serviceEnv(s.minio);
  t.is(new URL(env.S3_ENDPOINT).hostname, 'minio');
  t.deepEqual(
    [env.S3_ACCESS_KEY_ID, env.S3_SECRET_ACCESS_KEY],
    [minio.MINIO_ROOT_USER, minio.MINIO_ROOT_PASSWORD],
  );
  t.is(env.S3_FORCE_PATH_STYLE, 'true', 'MinIO needs path-style URLs');
  const create = s.createbucket.command.join(' ');
  t.true(
    create.includes(`${minio.MINIO_ROOT_USER} ${minio.MINIO_ROOT_PASSWORD}`),
    'mc logs in with the root user',
  );
  t.regex(
    create,
    new RegExp(`mc mb --ignore-existing \\w+/${env.S3_BUCKET}$`),
    'creates the bucket the API uses',
  );
});

test('docker-compose.prod.yml: api, workers, migration and redis; PostgreSQL and Spaces by URL', (t) => {
  const text = readText('docker-compose.prod.yml');
  const s = interpolateTree(readYaml('docker-compose.prod.yml'), EXAMPLE.set).services;
  t.deepEqual(Object.keys(s).sort(), ['api', 'migrate', 'redis', 'worker']);
  t.is(s.api.image, `${EXAMPLE.set.IMAGE}:${EXAMPLE.set.IMAGE_TAG}`);
  t.regex(text, /image: \$\{IMAGE:\?[^}]*\}:\$\{IMAGE_TAG:-latest\}/, 'the tag the deploy script writes');
  t.is(s.redis.image, 'redis:7');
  t.is(s.redis.command.join(' '), 'redis-server --appendonly yes');
  t.is(s.worker.deploy.replicas, 2);
  t.deepEqual(s.api.ports, ['8000:8000']);
  for (const name of ['api', 'worker', 'migrate', 'redis'])
    t.is(s[name].restart === 'no', name === 'migrate');
  for (const name of ['api', 'worker'])
    t.deepEqual(
      Object.keys(s[name].depends_on).sort(),
      ['migrate', 'redis'],
      `${name} waits for the migration`,
    );
  checkDependencies(t, 'docker-compose.prod.yml', s);
  checkImageCommands(t, 'docker-compose.prod.yml', s);
  checkProcesses(t, 'docker-compose.prod.yml', composeProcesses(s));
  t.truthy(serviceEnv(s.api).API_KEYS, 'production requires keys');
});

test('docker-compose.prod.yml: every setting is documented in deploy/env.example and the README', (t) => {
  const text = readText('docker-compose.prod.yml');
  const names = interpolated(text);
  t.deepEqual(
    [...names].filter((n) => !EXAMPLE.documented.has(n)),
    [],
    'interpolated but not in deploy/env.example',
  );
  const extra = [...EXAMPLE.documented].filter((n) => !KNOWN.has(n) && !COMPOSE_VARIABLES.includes(n));
  t.deepEqual(extra, [], 'deploy/env.example names what is neither a variable of src/config.ts nor Compose');
  t.deepEqual(
    [...EXAMPLE.documented].filter((n) => !names.has(n)),
    [],
    'deploy/env.example: not used by the compose file',
  );
  const readme = readmeDeploySection();
  t.deepEqual(
    [...names].filter((n) => !readme.includes(`\`${n}\``)),
    [],
    'missing from README "Deploy"',
  );
  // A required variable left out of .env stops `docker compose` before anything starts.
  const { DATABASE_URL: _db, ...withoutDatabase } = EXAMPLE.set;
  t.throws(() => interpolateTree(readYaml('docker-compose.prod.yml'), withoutDatabase), {
    message: /DATABASE_URL/,
  });
  t.is(interpolate('${A:-x}${B-y}$$', { B: '' }), 'x$');
});

test('.do/app.yaml: API, workers and a pre-deploy migration of the same image', (t) => {
  const app = readYaml('.do/app.yaml');
  const bindings: Record<string, string> = {
    APP_URL: 'https://precipitate.ondigitalocean.app',
    'db.USERNAME': 'precipitate',
    'db.PASSWORD': 'secret',
    'db.HOSTNAME': 'db.example.com',
    'db.PORT': '25060',
    'db.DATABASE': 'precipitate',
  };
  const samples: Record<string, string> = {
    ...EXAMPLE.set,
    REDIS_URL: 'rediss://default:secret@redis.example.com:25061',
  };
  const envOf = (envs: Yaml[] = []) =>
    Object.fromEntries(
      envs.map((e) => {
        const value = String(e.value).replace(
          /\$\{([\w.]+)\}/g,
          (_, b: string) => bindings[b] ?? `<unbound ${b}>`,
        );
        return [e.key, value === 'CHANGE_ME' ? samples[e.key] : value];
      }),
    );
  const common = envOf(app.envs);
  const components: [string, Yaml, string | undefined][] = [
    ...app.services.map((c: Yaml) => [c.name, c, c.run_command]),
    ...app.workers.map((c: Yaml) => [c.name, c, c.run_command]),
    ...app.jobs.map((c: Yaml) => [c.name, c, c.run_command]),
  ];
  const processes = components.map(([name, c, command]): [string, Role, Record<string, string>] => {
    t.deepEqual(c.image, app.services[0].image, `${name} runs the API's image`);
    if (command !== undefined) t.is(command, [...IMAGE_CMD.slice(0, -1), roleOf(command)].join(' '));
    return [name, roleOf(command), { ...common, ...envOf(c.envs) }];
  });
  checkProcesses(t, '.do/app.yaml', processes);
  const [api] = app.services;
  t.is(String(api.http_port), IMAGE_ENV.PORT);
  t.is(api.health_check.http_path, '/api/v1/health');
  t.is(api.image.registry_type, 'GHCR');
  t.deepEqual(
    app.jobs.map((j: Yaml) => j.kind),
    ['PRE_DEPLOY'],
  );
  t.deepEqual(
    app.databases.map((d: Yaml) => d.engine),
    ['PG'],
  );
});
