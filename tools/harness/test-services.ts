// Throwaway PostgreSQL and Redis for the tests: each on a free loopback port with its data in a temporary
// directory, a random password for PostgreSQL, removed afterwards. Never the developer's own servers.
// PostgreSQL refuses to run as root: as root (CI), initdb and pg_ctl run as the `postgres` system user.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { chown, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function pgBin(name: string): Promise<string> {
  const root = '/usr/lib/postgresql';
  const versions = await readdir(root).catch(() => [] as string[]);
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest ? join(root, newest, 'bin', name) : name;
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL program, as the postgres user when we are root. */
async function pg(name: string, args: string[]): Promise<void> {
  const bin = await pgBin(name);
  const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  await run(command, argv, { maxBuffer: 16 * 1024 * 1024 });
}

export interface TestPostgres {
  url: string;
  /** Stops the server (fast shutdown: open connections are cut). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Freezes every server process (SIGSTOP): connections open but nothing answers, as a hung database. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  destroy(): Promise<void>;
}

const postmasterPid = async (dataDir: string) =>
  Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);

async function childPids(pid: number): Promise<number[]> {
  const { stdout } = await run('ps', ['-o', 'pid=', '--ppid', String(pid)]);
  return stdout.split(/\s+/).filter(Boolean).map(Number);
}

// A backend listed a moment ago may have ended since (its client went away): that is not an error.
function killIfAlive(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const dir = await mkdtemp(join(tmpdir(), 'test-pg-'));
  const dataDir = join(dir, 'data');
  const password = randomBytes(18).toString('base64url');
  const pwFile = join(dir, 'pw');
  await writeFile(pwFile, password, { mode: 0o600 });
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout), Number(gid));
    await chown(pwFile, Number(stdout), Number(gid));
  }
  const user = 'precipitate_test';
  await pg('initdb', ['-D', dataDir, '-U', user, '--pwfile', pwFile, '-A', 'scram-sha-256', '-E', 'UTF8']);
  await rm(pwFile);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=300',
    '-c shared_buffers=32MB',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
  ].join(' ');
  const log = join(dir, 'postgres.log');
  const start = () => pg('pg_ctl', ['-D', dataDir, '-l', log, '-o', options, '-w', '-t', '60', 'start']);
  const stop = () => pg('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
  // The postmaster first, so that it forks no new backend while its children are signalled.
  const signal = async (name: NodeJS.Signals) => {
    const postmaster = await postmasterPid(dataDir);
    process.kill(postmaster, name);
    for (const pid of await childPids(postmaster)) killIfAlive(pid, name);
  };
  await start();
  let running = true;
  // Should this process end without destroy() (a crashed test), the server does not outlive it.
  const onExit = () => {
    try {
      const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (!running) return;
      // A frozen server (pause()) takes no signal but SIGCONT: thaw it and its backends first.
      const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
      for (const child of [pid, ...children.split(/\s+/).filter(Boolean).map(Number)])
        process.kill(child, 'SIGCONT');
      process.kill(pid, 'SIGQUIT');
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // already gone
    }
  };
  process.once('exit', onExit);
  return {
    url: `postgres://${user}:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await stop();
      running = false;
    },
    async start() {
      await start();
      running = true;
    },
    pause: () => signal('SIGSTOP'),
    resume: () => signal('SIGCONT'),
    async destroy() {
      process.off('exit', onExit);
      if (running) await signal('SIGCONT').catch(() => undefined);
      if (running) await stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface TestRedis {
  url: string;
  /** Kills the server (SIGKILL: as a crash, nothing saved). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
  destroy(): Promise<void>;
}

export async function startTestRedis(): Promise<TestRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'test-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    const proc = spawn('redis-server', [...args, '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (/ready to accept connections/i.test(output)) resolve();
      };
      proc.stdout?.on('data', onData);
      proc.stderr?.on('data', onData);
      proc.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
    });
    proc.stdout?.removeAllListeners('data').resume();
    proc.stderr?.removeAllListeners('data').resume();
  };
  const stop = async () => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
  };
  await start();
  const onExit = () => {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    async destroy() {
      process.off('exit', onExit);
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
