// The documented table of every environment variable the service reads (src/config.ts reads them; the
// README's table, `precipitate --help` and the deployment checks list exactly these).

export interface EnvVariable {
  name: string;
  /** The default as the README shows it; undefined when the variable is optional with no default. */
  default?: string;
  description: string;
  secret?: boolean;
}

/** Every variable the service reads, in README order (the README's table lists exactly these). */
export const ENV_VARIABLES: readonly EnvVariable[] = [
  { name: 'HOST', default: '127.0.0.1', description: 'Address the API listens on' },
  { name: 'PORT', default: '8000', description: 'TCP port of the API (0 picks a free port)' },
  {
    name: 'PUBLIC_BASE_URL',
    description:
      'Absolute URL clients reach the API at (e.g. https://api.example.com); default: from each request',
  },
  {
    name: 'TRUST_PROXY',
    default: 'false',
    description: 'Trust X-Forwarded-* headers (behind a load balancer)',
  },
  { name: 'DATA_DIR', default: './var', description: 'Embedded SQLite database and local result files' },
  {
    name: 'DATABASE_URL',
    description:
      'postgres://user:password@host:5432/db (add ?options=-c%20search_path%3Dname for a schema); unset: SQLite',
    secret: true,
  },
  {
    name: 'DATABASE_POOL_MAX',
    default: '10',
    description: 'Largest number of PostgreSQL connections per process',
  },
  {
    name: 'MIGRATE_ON_START',
    default: 'true',
    description: 'Run pending migrations when `serve` or `worker` starts',
  },
  {
    name: 'REDIS_URL',
    description: 'redis://host:6379: bee-queue and shared rate limits; unset: in-process queue',
    secret: true,
  },
  {
    name: 'REDIS_PREFIX',
    default: 'precipitate',
    description: 'Prefix of every Redis key the service writes',
  },
  { name: 'QUEUE_NAME', default: 'simulations', description: 'Name of the bee-queue queue' },
  {
    name: 'WORKER_CONCURRENCY',
    default: 'number of cores',
    description: 'Simulations run at once per worker process',
  },
  {
    name: 'STALL_INTERVAL_SECONDS',
    default: '5',
    description: 'A job whose worker stopped reporting for this long is given to another worker',
  },
  { name: 'MAX_ATTEMPTS', default: '5', description: 'Times a job is started before it is failed' },
  {
    name: 'RECONCILE_INTERVAL_SECONDS',
    default: '30',
    description: 'How often the API re-queues pending or running jobs whose queue entry vanished',
  },
  {
    name: 'SHUTDOWN_TIMEOUT_SECONDS',
    default: '30',
    description: 'Grace period for running work on SIGTERM',
  },
  { name: 'S3_ENDPOINT', description: 'S3 endpoint, e.g. https://nyc3.digitaloceanspaces.com; unset: AWS' },
  { name: 'S3_REGION', default: 'us-east-1', description: 'S3 region (Spaces: the region slug, e.g. nyc3)' },
  {
    name: 'S3_BUCKET',
    description: 'Bucket (Space) for plots and raw data; unset: files on local disk under DATA_DIR',
  },
  { name: 'S3_ACCESS_KEY_ID', description: 'S3 access key (required with S3_BUCKET)', secret: true },
  { name: 'S3_SECRET_ACCESS_KEY', description: 'S3 secret key (required with S3_BUCKET)', secret: true },
  { name: 'S3_FORCE_PATH_STYLE', default: 'false', description: 'Path-style bucket URLs (MinIO, s3rver)' },
  {
    name: 'PRESIGNED_URL_EXPIRY_SECONDS',
    default: '3600',
    description: 'Lifetime of presigned download URLs',
  },
  {
    name: 'API_KEYS',
    description:
      'Comma-separated API keys (16+ characters); when set every /api route but health and docs needs one',
    secret: true,
  },
  { name: 'API_KEYS_FILE', description: 'File with one API key per line (# comments), added to API_KEYS' },
  {
    name: 'ALLOW_ANONYMOUS',
    default: 'false',
    description:
      'Allow HOST other than loopback without API keys (only behind your own authenticating proxy)',
  },
  {
    name: 'RATE_LIMIT_PER_MINUTE',
    default: '300',
    description: 'Requests per minute per API key (per IP without keys); 0 turns the limit off',
  },
  {
    name: 'AUTH_FAILURES_PER_MINUTE',
    default: '10',
    description:
      'Failed API key checks per minute per IP address before that address gets 429 for the rest of the minute; 0 turns it off',
  },
  {
    name: 'CORS_ORIGINS',
    description: 'Comma-separated origins allowed to call the API from a browser; none by default',
  },
  {
    name: 'MAX_SIMULATION_TIME_HOURS',
    default: '100',
    description: 'Longest simulation_time_hours accepted',
  },
  {
    name: 'SYNC_WAIT_SECONDS',
    default: '10',
    description:
      'How long POST /simulate waits for the result before 202, and a first download for its files before 503',
  },
  {
    name: 'SWEEP_MAX_RUNS',
    default: '1000',
    description: 'Most runs one sweep may have (POST /sweeps answers 422 beyond)',
  },
  {
    name: 'SWEEP_CHUNK_RUNS',
    default: '4',
    description: 'Runs of a sweep a worker takes per queue delivery (a killed worker loses at most these)',
  },
  {
    name: 'CALIBRATION_MAX_RUNS',
    default: '20000',
    description:
      "Most engine runs one calibration may plan (optimiser's max_evaluations plus walkers × (steps + burn_in + 1), per experiment; POST /calibrations answers 422 beyond)",
  },
  {
    name: 'CALIBRATION_THREADS',
    default: 'all cores',
    description: "Engine threads of a worker's calibration pool (started with the first calibration)",
  },
  {
    name: 'ENGINE_KERNEL',
    default: 'auto',
    description: 'wasm, js, or auto (wasm when build/kernel.wasm exists)',
  },
  {
    name: 'ENGINE_MAX_STEPS',
    default: '500000',
    description:
      'Step budget of one run: a schedule expected to need more is rejected (422), a run that needs more fails',
  },
  {
    name: 'ENGINE_TIMEOUT_SECONDS',
    default: '300',
    description: 'Wall time of one run; a longer run fails and its engine thread is replaced',
  },
  {
    name: 'ENGINE_MEMORY_MB',
    default: '256',
    description: 'Heap of each engine thread; a run that needs more fails and its thread is replaced',
  },
  { name: 'LOG_LEVEL', default: 'info', description: 'error, warn, info or debug (JSON lines on stderr)' },
];

export const ENV_VARIABLE_NAMES: readonly string[] = ENV_VARIABLES.map((v) => v.name);
