// `precipitate worker`: runs queued simulations (needs REDIS_URL).
import { parseArgs } from 'node:util';
import { environmentHelp, runService } from '../../service/process.js';
import { startWorker } from '../../service/worker.js';
import { usageFrom, type CliCommand } from '../command.js';

const usage = `Usage: precipitate worker

Takes simulations from the bee-queue queue in Redis (REDIS_URL) and runs WORKER_CONCURRENCY of them at a
time, each on its own engine thread; results go to the database and the storage the API uses. Run as many
worker processes, on as many machines, as you like. Stops gracefully on SIGTERM or SIGINT: running jobs
get SHUTDOWN_TIMEOUT_SECONDS to finish, then go back to the queue.

${environmentHelp()}`;

async function run(args: string[]): Promise<number> {
  try {
    parseArgs({ args, strict: true, options: {} });
  } catch (error) {
    throw usageFrom(error);
  }
  return runService('worker', startWorker);
}

export const command: CliCommand = {
  summary: 'run queued simulations (production: needs REDIS_URL)',
  usage,
  run,
};
