// `precipitate worker`: runs queued simulations (needs REDIS_URL).
import { startWorker } from '../../service/worker.js';
import { serviceCommand } from './service-command.js';

export const command = serviceCommand(
  'worker',
  startWorker,
  `Takes simulations from the bee-queue queue in Redis (REDIS_URL) and runs WORKER_CONCURRENCY of them at a
time, each on its own engine thread; results go to the database and the storage the API uses. Run as many
worker processes, on as many machines, as you like. Stops gracefully on SIGTERM or SIGINT: running jobs
get SHUTDOWN_TIMEOUT_SECONDS to finish, then go back to the queue.`,
  'run queued simulations (production: needs REDIS_URL)',
);
