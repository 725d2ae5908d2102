// Child processes of the CLI (`precipitate serve`, `worker`, `migrate`, `run`) for end-to-end tests: a clean
// environment (only what the test gives), logs kept for failure messages, and waiting for a log line.
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI, ROOT } from './paths.js';

export interface Proc {
  child: ChildProcess;
  pid: number;
  /** stdout and stderr so far. */
  output(): string;
  /** Resolves with the first JSON log line for which `match` is true. */
  waitForLog(
    match: (entry: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** `precipitate ARGS` (or `command` instead of `node bin/precipitate.js`), in its own process group. */
export function spawnCli(
  args: string[],
  env: Record<string, string>,
  command: string[] = [process.execPath, CLI],
): Proc {
  const child = spawn(command[0], [...command.slice(1), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let text = '';
  const waiters: (() => void)[] = [];
  const append = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const w of [...waiters]) w();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const entries = () =>
    text.split('\n').flatMap((line) => {
      try {
        return line.startsWith('{') ? [JSON.parse(line) as Record<string, unknown>] : [];
      } catch {
        return [];
      }
    });
  return {
    child,
    pid: child.pid as number,
    output: () => text,
    exited,
    waitForLog(match, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = entries().find(match);
          if (!found) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no such log line within ${timeoutMs} ms; output:\n${text.slice(-4000)}`));
        }, timeoutMs);
        const onExit = () => {
          cleanup();
          reject(new Error(`process exited before the log line; output:\n${text.slice(-4000)}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          waiters.splice(waiters.indexOf(check), 1);
          child.off('exit', onExit);
        };
        waiters.push(check);
        child.once('exit', onExit);
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      // The whole group: `npm start` runs the server as its child; wait until all of it is gone.
      const group = -(child.pid as number);
      const alive = () => {
        try {
          process.kill(group, 0);
          return true;
        } catch {
          return false;
        }
      };
      if (alive()) process.kill(group, signal);
      const code = await exited;
      for (let i = 0; i < 200 && alive(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      return code;
    },
  };
}

/** `precipitate serve` on a free port; resolves once it listens. */
export async function startApi(env: Record<string, string>): Promise<{ proc: Proc; url: string }> {
  const proc = spawnCli(['serve'], { PORT: '0', LOG_LEVEL: 'info', ...env });
  const entry = await proc.waitForLog((e) => e.message === 'listening');
  return { proc, url: String(entry.url) };
}

export async function startWorkerProcess(env: Record<string, string>): Promise<Proc> {
  const proc = spawnCli(['worker'], { LOG_LEVEL: 'info', ...env });
  await proc.waitForLog((e) => e.message === 'worker started');
  return proc;
}

/** Runs a CLI command to the end; rejects on a non-zero exit. */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<string> {
  const proc = spawnCli(args, env);
  let stdout = '';
  proc.child.stdout?.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  const code = await proc.exited;
  if (code !== 0)
    throw new Error(`precipitate ${args.join(' ')} exited with ${code}:\n${proc.output().slice(-4000)}`);
  return stdout;
}
