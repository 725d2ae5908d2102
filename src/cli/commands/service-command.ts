// The long-running service commands (`serve`, `worker`) take no options: everything comes from the
// environment, read once by src/config.ts.
import { parseArgs } from 'node:util';
import type { Config } from '../../config.js';
import type { Logger } from '../../service/log.js';
import { environmentHelp, runService } from '../../service/process.js';
import { usageFrom, type CliCommand } from '../command.js';

export function serviceCommand(
  role: 'serve' | 'worker',
  start: (config: Config, log: Logger) => Promise<{ close(): Promise<void> }>,
  description: string,
  summary: string,
): CliCommand {
  return {
    summary,
    usage: `Usage: precipitate ${role}\n\n${description}\n\n${environmentHelp()}`,
    async run(args) {
      try {
        parseArgs({ args, strict: true, options: {} });
      } catch (error) {
        throw usageFrom(error);
      }
      return runService(role, start);
    },
  };
}
