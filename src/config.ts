// The service's configuration: every environment variable it reads, read once and validated here. Each
// other module receives what it needs as arguments. A bad value stops the start-up with a message naming
// the variable (never echoing a secret); nothing is read from the environment later.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { hashApiKey, type ApiKey } from './api-keys.js';
import { reader, type Env, type EnvReader } from './env-reader.js';
import { DEFAULT_MAX_STEPS } from './request/defaults.js';
import { DEFAULT_MAX_SWEEP_RUNS } from './request/sweep-schema.js';
import { CALIBRATION_LIMITS } from './request/calibration-schema.js';

export { ENV_VARIABLES, ENV_VARIABLE_NAMES, type EnvVariable } from './env-variables.js';

export type DatabaseConfig =
  { kind: 'pg'; url: string; poolMax: number } | { kind: 'sqlite'; filename: string };
export type QueueConfig =
  | { kind: 'bee'; redisUrl: string; prefix: string; name: string; stallIntervalMs: number }
  | { kind: 'local' };
export type StorageConfig =
  | {
      kind: 's3';
      endpoint?: string;
      region: string;
      bucket: string;
      accessKeyId: string;
      secretAccessKey: string;
      forcePathStyle: boolean;
      presignExpirySeconds: number;
    }
  | { kind: 'local'; dir: string };
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface Config {
  host: string;
  port: number;
  publicBaseUrl?: string;
  trustProxy: boolean;
  dataDir: string;
  database: DatabaseConfig;
  migrateOnStart: boolean;
  queue: QueueConfig;
  /** Redis for shared rate limits; the same server as the queue. */
  redis?: { url: string; prefix: string };
  workerConcurrency: number;
  maxAttempts: number;
  reconcileIntervalSeconds: number;
  shutdownTimeoutSeconds: number;
  storage: StorageConfig;
  apiKeys: ApiKey[];
  rateLimitPerMinute: number;
  /** Failed API key checks per minute per IP address before every request of that address gets 429. */
  authFailuresPerMinute: number;
  corsOrigins: string[];
  maxSimulationHours: number;
  syncWaitSeconds: number;
  /** Runs one sweep may have (SWEEP_MAX_RUNS), and runs per queue delivery of a sweep (SWEEP_CHUNK_RUNS). */
  sweepMaxRuns: number;
  sweepChunkRuns: number;
  /** Engine runs one calibration may plan (CALIBRATION_MAX_RUNS), and its threads in a worker (CALIBRATION_THREADS). */
  calibrationMaxRuns: number;
  calibrationThreads: number;
  engineKernel: 'auto' | 'wasm' | 'js';
  /** What one job may use: steps, wall time, heap of its engine thread. */
  engineLimits: { maxSteps: number; timeoutSeconds: number; memoryMb: number };
  logLevel: LogLevel;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

function readApiKeys(r: EnvReader, readFile: (path: string) => string): ApiKey[] {
  const keys = (r.raw('API_KEYS') ?? '').split(',').map((k) => k.trim());
  const file = r.raw('API_KEYS_FILE');
  if (file !== undefined) {
    try {
      const lines = readFile(file).split(/\r?\n/);
      keys.push(...lines.map((l) => l.trim()).filter((l) => !l.startsWith('#')));
    } catch {
      r.problems.push(`API_KEYS_FILE: cannot read '${file}'`);
    }
  }
  const present = keys.filter((k) => k !== '');
  if (present.some((k) => k.length < 16 || /\s/.test(k))) {
    r.problems.push('API_KEYS: every key must be at least 16 characters without spaces');
  }
  return [...new Set(present)].map(hashApiKey);
}

function readStorage(r: EnvReader, dataDir: string): StorageConfig {
  const bucket = r.raw('S3_BUCKET');
  const presignExpirySeconds = r.integer('PRESIGNED_URL_EXPIRY_SECONDS', 3600, 1, 604800);
  const forcePathStyle = r.boolean('S3_FORCE_PATH_STYLE', false);
  const endpoint = r.url('S3_ENDPOINT', ['http:', 'https:'], false);
  const region = r.string('S3_REGION', 'us-east-1');
  if (bucket === undefined) {
    for (const name of ['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']) {
      if (r.raw(name) !== undefined)
        r.problems.push(`${name}: set, but S3_BUCKET is not (set both or neither)`);
    }
    return { kind: 'local', dir: resolve(dataDir, 'results') };
  }
  const accessKeyId = r.raw('S3_ACCESS_KEY_ID');
  const secretAccessKey = r.raw('S3_SECRET_ACCESS_KEY');
  if (accessKeyId === undefined) r.problems.push('S3_ACCESS_KEY_ID: required when S3_BUCKET is set');
  if (secretAccessKey === undefined) r.problems.push('S3_SECRET_ACCESS_KEY: required when S3_BUCKET is set');
  return {
    kind: 's3',
    endpoint,
    region,
    bucket,
    accessKeyId: accessKeyId ?? '',
    secretAccessKey: secretAccessKey ?? '',
    forcePathStyle,
    presignExpirySeconds,
  };
}

/**
 * Reads and validates the whole configuration; throws ConfigError naming every bad variable. `listens`:
 * whether this process serves HTTP (only then does a public HOST without keys matter).
 */
export function loadConfig(
  env: Env = process.env,
  readFile = (p: string) => readFileSync(p, 'utf8'),
  options: { listens?: boolean } = {},
): Config {
  const r = reader(env);
  const dataDir = resolve(r.string('DATA_DIR', './var'));
  const host = r.string('HOST', '127.0.0.1');
  const databaseUrl = r.url('DATABASE_URL', ['postgres:', 'postgresql:'], true);
  const redisUrl = r.url('REDIS_URL', ['redis:', 'rediss:'], true);
  const prefix = r.string('REDIS_PREFIX', 'precipitate');
  const publicBaseUrl = r.url('PUBLIC_BASE_URL', ['http:', 'https:'], false)?.replace(/\/+$/, '');
  const apiKeys = readApiKeys(r, readFile);
  const allowAnonymous = r.boolean('ALLOW_ANONYMOUS', false);
  if ((options.listens ?? true) && apiKeys.length === 0 && !allowAnonymous && !LOOPBACK.test(host)) {
    r.problems.push(`HOST: '${host}' is not a loopback address; set API_KEYS (or ALLOW_ANONYMOUS=true)`);
  }
  const config: Config = {
    host,
    port: r.integer('PORT', 8000, 0, 65535),
    publicBaseUrl,
    trustProxy: r.boolean('TRUST_PROXY', false),
    dataDir,
    database: databaseUrl
      ? { kind: 'pg', url: databaseUrl, poolMax: r.integer('DATABASE_POOL_MAX', 10, 1, 1000) }
      : { kind: 'sqlite', filename: resolve(dataDir, 'precipitate.sqlite') },
    migrateOnStart: r.boolean('MIGRATE_ON_START', true),
    queue: redisUrl
      ? {
          kind: 'bee',
          redisUrl,
          prefix,
          name: r.string('QUEUE_NAME', 'simulations'),
          stallIntervalMs: 1000 * r.positive('STALL_INTERVAL_SECONDS', 5, 3600),
        }
      : { kind: 'local' },
    redis: redisUrl ? { url: redisUrl, prefix } : undefined,
    workerConcurrency: r.integer('WORKER_CONCURRENCY', availableParallelism(), 1, 256),
    maxAttempts: r.integer('MAX_ATTEMPTS', 5, 1, 100),
    reconcileIntervalSeconds: r.positive('RECONCILE_INTERVAL_SECONDS', 30, 86400),
    shutdownTimeoutSeconds: r.positive('SHUTDOWN_TIMEOUT_SECONDS', 30, 3600),
    storage: readStorage(r, dataDir),
    apiKeys,
    rateLimitPerMinute: r.integer('RATE_LIMIT_PER_MINUTE', 300, 0, 1_000_000),
    authFailuresPerMinute: r.integer('AUTH_FAILURES_PER_MINUTE', 10, 0, 1_000_000),
    corsOrigins: (r.raw('CORS_ORIGINS') ?? '')
      .split(',')
      .map((o) => o.trim().replace(/\/+$/, ''))
      .filter(Boolean),
    maxSimulationHours: r.positive('MAX_SIMULATION_TIME_HOURS', 100, 1e6),
    syncWaitSeconds: r.integer('SYNC_WAIT_SECONDS', 10, 0, 300),
    sweepMaxRuns: r.integer('SWEEP_MAX_RUNS', DEFAULT_MAX_SWEEP_RUNS, 1, 100_000),
    sweepChunkRuns: r.integer('SWEEP_CHUNK_RUNS', 4, 1, 1000),
    calibrationMaxRuns: r.integer('CALIBRATION_MAX_RUNS', 20_000, 1, CALIBRATION_LIMITS.runs),
    calibrationThreads: r.integer('CALIBRATION_THREADS', availableParallelism(), 1, 256),
    engineKernel: r.oneOf('ENGINE_KERNEL', 'auto', ['auto', 'wasm', 'js'] as const),
    engineLimits: {
      maxSteps: r.integer('ENGINE_MAX_STEPS', DEFAULT_MAX_STEPS, 1000, 10_000_000),
      timeoutSeconds: r.positive('ENGINE_TIMEOUT_SECONDS', 300, 86400),
      memoryMb: r.integer('ENGINE_MEMORY_MB', 256, 4, 65536),
    },
    logLevel: r.oneOf('LOG_LEVEL', 'info', ['error', 'warn', 'info', 'debug'] as const),
  };
  for (const origin of config.corsOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      r.problems.push(`CORS_ORIGINS: '${origin}' is not an origin like https://app.example.com`);
    }
  }
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}

/** What the logs may say about the configuration: the adapters in use, never a secret. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    database: config.database.kind === 'pg' ? 'postgresql' : `sqlite ${config.database.filename}`,
    queue: config.queue.kind === 'bee' ? `bee-queue '${config.queue.name}'` : 'in-process',
    storage:
      config.storage.kind === 's3' ? `s3 bucket '${config.storage.bucket}'` : `local ${config.storage.dir}`,
    auth: config.apiKeys.length > 0 ? `${config.apiKeys.length} API key(s)` : 'off',
    worker_concurrency: config.workerConcurrency,
    engine_limits: config.engineLimits,
  };
}
