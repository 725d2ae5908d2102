// `precipitate serve`: the REST API (and, without REDIS_URL, the simulations too).
import { startServer } from '../../service/server.js';
import { serviceCommand } from './service-command.js';

export const command = serviceCommand(
  'serve',
  startServer,
  `Serves the REST API under /api/v1 (docs at /api/v1/docs). Configured by the environment only: with nothing
set it serves http://127.0.0.1:8000 with SQLite, an in-process queue and result files under ./var.
Stops gracefully on SIGTERM or SIGINT.`,
  'serve the REST API (embedded defaults without environment)',
);
