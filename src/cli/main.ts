// `precipitate <command> [options]`: dispatches to src/cli/commands/*.
import { UsageError, type CliCommand } from './command.js';

const COMMANDS: Record<string, () => Promise<{ command: CliCommand }>> = {
  thermo: () => import('./commands/thermo.js'),
  run: () => import('./commands/run.js'),
  sweep: () => import('./commands/sweep.js'),
  calibrate: () => import('./commands/calibrate.js'),
  serve: () => import('./commands/serve.js'),
  worker: () => import('./commands/worker.js'),
  migrate: () => import('./commands/migrate.js'),
};

async function help(): Promise<string> {
  const lines = ['Usage: precipitate <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(COMMANDS))
    lines.push(`  ${name.padEnd(9)} ${(await load()).command.summary}`);
  lines.push('', 'Run `precipitate <command> --help` for the options of a command.');
  return lines.join('\n');
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await help());
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`precipitate: unknown command '${name}' (try --help)`);
    return 2;
  }
  const { command } = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`precipitate ${name}: ${error.message}`);
      return 2;
    }
    console.error(`precipitate ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
