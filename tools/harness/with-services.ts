// `node build/tools/harness/with-services.js COMMAND...`: starts a throwaway PostgreSQL and Redis (own ports,
// data in a temporary directory), runs COMMAND with TEST_DATABASE_URL and TEST_REDIS_URL pointing at them,
// then removes both and exits with COMMAND's code. `npm test` runs ava this way (through .ci/services.sh).
import { spawn } from 'node:child_process';
import { startTestPostgres, startTestRedis } from './test-services.js';

async function main(command: string[]): Promise<number> {
  if (command.length === 0) {
    process.stderr.write(
      `${JSON.stringify({ level: 'error', message: 'usage: with-services COMMAND...' })}\n`,
    );
    return 2;
  }
  const [postgres, redis] = await Promise.all([startTestPostgres(), startTestRedis()]);
  const stopAll = () => Promise.all([postgres.destroy(), redis.destroy()]);
  try {
    const child = spawn(command[0], command.slice(1), {
      stdio: 'inherit',
      env: { ...process.env, TEST_DATABASE_URL: postgres.url, TEST_REDIS_URL: redis.url },
    });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    const code = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (status, signal) => resolve(status ?? (signal ? 128 : 1)));
    });
    return code;
  } finally {
    await stopAll();
  }
}

process.exitCode = await main(process.argv.slice(2));
