// `precipitate serve`: the REST API (and, without REDIS_URL, the simulations too).
import { parseArgs } from 'node:util';
import { environmentHelp, runService } from '../../service/process.js';
import { startServer } from '../../service/server.js';
import { usageFrom, type CliCommand } from '../command.js';

const usage = `Usage: precipitate serve

Serves the REST API under /api/v1 (docs at /api/v1/docs). Configured by the environment only: with nothing
set it serves http://127.0.0.1:8000 with SQLite, an in-process queue and result files under ./var.
Stops gracefully on SIGTERM or SIGINT.

${environmentHelp()}`;

async function run(args: string[]): Promise<number> {
  try {
    parseArgs({ args, strict: true, options: {} });
  } catch (error) {
    throw usageFrom(error);
  }
  return runService('serve', startServer);
}

export const command: CliCommand = {
  summary: 'serve the REST API (embedded defaults without environment)',
  usage,
  run,
};
