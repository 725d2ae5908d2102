// A production deployment for outage tests: its OWN PostgreSQL and Redis (test-services.ts, which the test
// stops, freezes and restarts), s3rver, `precipitate migrate`, the API and two `precipitate worker`s.
import { client, type Client } from '../../tools/harness/http.js';
import { runCli, startApi, startWorkerProcess, type Proc } from '../../tools/harness/processes.js';
import { startS3, tempDir, uniqueName, type S3Server, type TempDir } from '../../tools/harness/services.js';
import {
  startTestPostgres,
  startTestRedis,
  type TestPostgres,
  type TestRedis,
} from '../../tools/harness/test-services.js';

export const STACK_KEY = 'outage-key-0123456789abcdef';

export interface Stack {
  postgres: TestPostgres;
  redis: TestRedis;
  s3: S3Server;
  dir: TempDir;
  env: Record<string, string>;
  api: { proc: Proc; url: string };
  workers: Proc[];
  client(): Client;
  /** Which worker logged that it started the job. */
  workerRunning(id: string, timeoutMs?: number): Promise<Proc>;
  /** Every JSON log line of every process (API and workers) so far. */
  logs(): Record<string, unknown>[];
  close(): Promise<void>;
}

/** What a process wrote that is not a JSON line (everything on stderr must be JSON lines). */
export const notJsonLines = (proc: Proc): string[] =>
  proc
    .output()
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('{'));

export function jsonLines(text: string): Record<string, unknown>[] {
  return text.split('\n').flatMap((line) => {
    try {
      return line.startsWith('{') ? [JSON.parse(line) as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });
}

export async function startStack(extraEnv: Record<string, string> = {}): Promise<Stack> {
  const [postgres, redis, s3, dir] = await Promise.all([
    startTestPostgres(),
    startTestRedis(),
    startS3(),
    tempDir('e2e-outage'),
  ]);
  const env = {
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    REDIS_PREFIX: uniqueName('outage'),
    ...s3.env,
    API_KEYS: STACK_KEY,
    DATA_DIR: dir.path,
    WORKER_CONCURRENCY: '1',
    STALL_INTERVAL_SECONDS: '2',
    RECONCILE_INTERVAL_SECONDS: '1',
    SHUTDOWN_TIMEOUT_SECONDS: '5',
    SYNC_WAIT_SECONDS: '0',
    RATE_LIMIT_PER_MINUTE: '0',
    MIGRATE_ON_START: 'false',
    ...extraEnv,
  };
  const procs: Proc[] = [];
  const spawned = async <T extends Proc | { proc: Proc }>(start: Promise<T>) => {
    const value = await start;
    procs.push('proc' in value ? value.proc : value);
    return value;
  };
  let api: { proc: Proc; url: string };
  let workers: Proc[];
  try {
    await runCli(['migrate'], env);
    api = await spawned(startApi(env));
    workers = await Promise.all([spawned(startWorkerProcess(env)), spawned(startWorkerProcess(env))]);
  } catch (error) {
    // A stack that did not come up leaves nothing running behind.
    await Promise.all(procs.map((p) => p.stop('SIGKILL')));
    await Promise.all([postgres.destroy(), redis.destroy(), s3.close(), dir.remove()]);
    throw error;
  }
  const stack: Stack = {
    postgres,
    redis,
    s3,
    dir,
    env,
    api,
    workers,
    client: () => client(stack.api.url, STACK_KEY),
    workerRunning: (id, timeoutMs = 60_000) =>
      Promise.any(
        stack.workers.map(
          async (p) => (
            await p.waitForLog((e) => e.message === 'job started' && e.job_id === id, timeoutMs),
            p
          ),
        ),
      ),
    logs: () => [stack.api.proc, ...stack.workers].flatMap((p) => jsonLines(p.output())),
    async close() {
      await Promise.all([stack.api.proc.stop('SIGKILL'), ...stack.workers.map((w) => w.stop('SIGKILL'))]);
      await Promise.all([postgres.destroy(), redis.destroy(), s3.close(), dir.remove()]);
    },
  };
  return stack;
}

/** A job that runs for a few seconds (temperature cycles force many steps). */
export function cyclingRequest(cycles = 20, maxPoints = 100) {
  // Ten points per 5 h: 20 cycles are ~380,000 steps, seconds of engine time (under the step budget).
  const hours = Array.from({ length: cycles * 10 }, (_, i) => i * 0.5);
  return {
    composition: { MG: 0.0072, SI: 0.0057 },
    temperature_profile: {
      time_points_hours: hours,
      temperatures_celsius: hours.map((_, i) => (i % 2 ? 250 : 170)),
    },
    simulation_time_hours: cycles * 5,
    max_points: maxPoints,
  };
}
