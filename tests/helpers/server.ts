// The real `serve` assembly (startServer) in the test's process, on a free port, configured through the same
// loadConfig as production: embedded by default (SQLite, in-process queue, local files in a temp dir).
import { loadConfig } from '../../src/config.js';
import { silentLogger, type Logger } from '../../src/service/log.js';
import { startServer } from '../../src/service/server.js';
import { client, type Client } from '../../tools/harness/http.js';
import { tempDir } from '../../tools/harness/services.js';

export interface TestServer {
  url: string;
  dataDir: string;
  api(key?: string): Client;
  close(): Promise<void>;
}

export async function startTestServer(
  env: Record<string, string> = {},
  log: Logger = silentLogger,
  /** How often a waiting POST /simulate re-reads its row without a notification (startServer's). */
  notifySafetyPollMs?: number,
): Promise<TestServer> {
  const dir = await tempDir('service');
  const config = loadConfig({
    DATA_DIR: dir.path,
    PORT: '0',
    WORKER_CONCURRENCY: '1',
    RATE_LIMIT_PER_MINUTE: '0',
    ...env,
  });
  const server = await startServer(config, log, notifySafetyPollMs);
  return {
    url: server.url,
    dataDir: dir.path,
    api: (key) => client(server.url, key),
    async close() {
      await server.close();
      await dir.remove();
    },
  };
}
