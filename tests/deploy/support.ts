// Shared by the deploy tests: repository files, YAML, compose-style interpolation, and which process
// reads which environment variable.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ENV_VARIABLE_NAMES } from '../../src/config.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export const readText = (path: string) => readFileSync(`${ROOT}${path}`, 'utf8');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Yaml = any;

/** YAML with merge keys (`<<: *anchor`), as Compose reads it. */
export const readYaml = (path: string): Yaml => parse(readText(path), { merge: true });

/** Files of the checkout: tracked, and untracked unless .gitignore'd (what a commit would hold). */
export function repoFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return [...new Set(out.split('\0').filter((f) => f !== '' && existsSync(`${ROOT}${f}`)))].sort();
}

// Which process reads which variable, from the code: src/service/server.ts (the API; with REDIS_URL it
// only queues), src/service/worker.ts with adapters.ts' openRunner (the engine), and `migrate`, which
// only opens the database. Every name of src/config.ts must be in exactly one list: a new variable fails
// `every variable of src/config.ts has a role` until someone decides where it belongs.
export const SHARED = [
  'DATA_DIR',
  'DATABASE_URL',
  'DATABASE_POOL_MAX',
  'MIGRATE_ON_START',
  'REDIS_URL',
  'REDIS_PREFIX',
  'QUEUE_NAME',
  'SHUTDOWN_TIMEOUT_SECONDS',
  'ENGINE_MAX_STEPS',
  'S3_ENDPOINT',
  'S3_REGION',
  'S3_BUCKET',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'S3_FORCE_PATH_STYLE',
  'LOG_LEVEL',
];
export const API_ONLY = [
  'HOST',
  'PORT',
  'PUBLIC_BASE_URL',
  'TRUST_PROXY',
  'RECONCILE_INTERVAL_SECONDS',
  'PRESIGNED_URL_EXPIRY_SECONDS',
  'API_KEYS',
  'API_KEYS_FILE',
  'ALLOW_ANONYMOUS',
  'RATE_LIMIT_PER_MINUTE',
  'AUTH_FAILURES_PER_MINUTE',
  'CORS_ORIGINS',
  'SWEEP_MAX_RUNS',
  'SWEEP_CHUNK_RUNS',
  'CALIBRATION_MAX_RUNS',
  'MAX_SIMULATION_TIME_HOURS',
  'SYNC_WAIT_SECONDS',
];
/** Read by the engine side: in a queued deployment only by workers. */
export const WORKER_ONLY = [
  'WORKER_CONCURRENCY',
  'STALL_INTERVAL_SECONDS',
  'MAX_ATTEMPTS',
  'ENGINE_KERNEL',
  'ENGINE_TIMEOUT_SECONDS',
  'ENGINE_MEMORY_MB',
  'CALIBRATION_THREADS',
];

export type Role = 'api' | 'worker' | 'migrate';

/**
 * What a service of each role may be given. HOST on a worker or the migration is the exception: neither
 * listens, but loadConfig refuses the image's HOST=0.0.0.0 without keys for every command, so they set
 * it back to loopback (checked separately).
 */
export const ALLOWED: Record<Role, string[]> = {
  api: [...SHARED, ...API_ONLY],
  worker: [...SHARED, ...WORKER_ONLY, 'HOST'],
  migrate: [...SHARED, 'HOST'],
};

/** What a queued deployment (PostgreSQL, Redis, S3) cannot do without. */
export const REQUIRED: Record<Role, string[]> = {
  api: ['DATABASE_URL', 'REDIS_URL', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'],
  worker: ['DATABASE_URL', 'REDIS_URL', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'],
  migrate: ['DATABASE_URL'],
};

export const KNOWN = new Set(ENV_VARIABLE_NAMES);

export const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** Role of a service running the image, from its command (none: the image's `serve`). */
export function roleOf(command: unknown): Role {
  const words = Array.isArray(command) ? command.map(String) : String(command ?? '').split(/\s+/);
  if (words.includes('worker')) return 'worker';
  if (words.includes('migrate')) return 'migrate';
  if (command === undefined || words.includes('serve')) return 'api';
  throw new Error(`a command of the image that is none of serve, worker, migrate: ${String(command)}`);
}

/** A compose service's `environment`, as a mapping whichever form it is written in. */
export function serviceEnv(service: Yaml): Record<string, string> {
  const env = service?.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry: string) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

/**
 * Compose's interpolation: ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error},
 * $NAME and $$. Throws on an unset required variable, like `docker compose config` would.
 */
export function interpolate(text: string, vars: Record<string, string | undefined>): string {
  return text.replace(
    /\$\$|\$\{(\w+)(?:(:?)([-?])((?:[^{}]|\{[^{}]*\})*))?\}|\$(\w+)/g,
    (whole, name?: string, colon?: string, op?: string, arg?: string, bare?: string) => {
      if (whole === '$$') return '$';
      if (bare) return vars[bare] ?? '';
      const value = vars[name as string];
      const missing = value === undefined || (colon === ':' && value === '');
      if (op === '-') return missing ? interpolate(arg ?? '', vars) : (value as string);
      if (op === '?') {
        if (missing) throw new Error(`required variable ${name} is missing: ${arg}`);
        return value as string;
      }
      return value ?? '';
    },
  );
}

/** Every string of a parsed compose file interpolated (Compose does it after parsing). */
export function interpolateTree(node: Yaml, vars: Record<string, string | undefined>): Yaml {
  if (typeof node === 'string') return interpolate(node, vars);
  if (Array.isArray(node)) return node.map((n) => interpolateTree(n, vars));
  if (node && typeof node === 'object')
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolateTree(v, vars)]));
  return node;
}

/** Names a compose text interpolates. */
export const interpolated = (text: string): Set<string> =>
  new Set([...text.matchAll(/\$\{(\w+)/g)].map((m) => m[1]));

/** KEY=VALUE lines of a .env file; `# KEY=VALUE` lines are documented optional settings. */
export function readEnvFile(text: string): { set: Record<string, string>; documented: Set<string> } {
  const set: Record<string, string> = {};
  const documented = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (!m) continue;
    documented.add(m[2]);
    if (!m[1]) set[m[2]] = m[3];
  }
  return { set, documented };
}

/** The README's "## Deploy" section. */
export function readmeDeploySection(): string {
  const readme = readText('README.md');
  const start = readme.indexOf('\n## Deploy\n');
  if (start < 0) throw new Error('README.md has no "## Deploy" section');
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}
