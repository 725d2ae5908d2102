// Running a long-lived service process from the CLI: configuration errors as exit code 2, SIGTERM and
// SIGINT as a graceful stop (a second signal exits at once).
import { ConfigError, ENV_VARIABLES, loadConfig, type Config } from '../config.js';
import { createLogger, errorMessage, type Logger } from './log.js';

export function environmentHelp(): string {
  const width = Math.max(...ENV_VARIABLES.map((v) => v.name.length));
  const lines = ENV_VARIABLES.map(
    (v) => `  ${v.name.padEnd(width)}  ${v.description}${v.default ? ` (default: ${v.default})` : ''}`,
  );
  return ['Environment (read once at start-up; see README "Configuration"):', ...lines].join('\n');
}

export async function runService(
  role: string,
  start: (config: Config, log: Logger) => Promise<{ close(): Promise<void> }>,
): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(process.env, undefined, { listens: role === 'serve' });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`precipitate ${role}: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const log = createLogger(config.logLevel, { role, pid: process.pid });
  // Node prints process warnings (e.g. the AWS SDK's Node version notice) as multi-line text on stderr;
  // here they become one JSON line each, like every other line.
  process.removeAllListeners('warning');
  process.on('warning', (warning) =>
    log.warn('process warning', { name: warning.name, warning: warning.message.replace(/\s+/g, ' ') }),
  );
  let service: { close(): Promise<void> };
  try {
    service = await start(config, log);
  } catch (error) {
    log.error('start-up failed', { error: errorMessage(error) });
    return error instanceof ConfigError ? 2 : 1;
  }
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info('signal received', { signal });
      process.once(signal, () => process.exit(130));
      resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  try {
    await service.close();
    return 0;
  } catch (error) {
    log.error('shutdown failed', { error: errorMessage(error) });
    return 1;
  }
}
