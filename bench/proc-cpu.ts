// CPU time of the production bench's processes and threads, and the round trips of its servers, from Linux's
// /proc (clock ticks of 10 ms), PostgreSQL's statistics and Redis's INFO (bench/production.ts).
import { readdir, readFile } from 'node:fs/promises';
import pg from 'pg';
import { createClient } from 'redis';
import { databaseUrl, redisUrl } from '../tools/harness/services.js';

const pgClient = pg.Client;

/** The fields of a /proc stat file after the process name: index 11 is utime, 12 stime, 13 cutime, 14 cstime. */
const statFields = (stat: string) => stat.slice(stat.lastIndexOf(')') + 2).split(' ');

/** User and system CPU time of a stat file's fields, ms (clock ticks of 10 ms). */
const userSystem = (fields: string[]) => ({ user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 });

/** CPU time a process has used so far, user and system apart, ms. */
export async function userSystemMs(pid: number): Promise<{ user: number; system: number }> {
  return userSystem(statFields(await readFile(`/proc/${pid}/stat`, 'utf8')));
}

/** CPU time (user + system) a process has used so far, ms (Linux /proc; clock ticks of 10 ms). */
export async function cpuMs(pid: number): Promise<number> {
  const { user, system } = await userSystemMs(pid);
  return user + system;
}

/** CPU time of each thread of a process so far (user and system), ms, by thread id. */
export async function threadCpuMs(pid: number): Promise<Map<string, { user: number; system: number }>> {
  const out = new Map<string, { user: number; system: number }>();
  for (const tid of await readdir(`/proc/${pid}/task`)) {
    const stat = await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8').catch(() => '');
    if (stat) out.set(tid, userSystem(statFields(stat)));
  }
  return out;
}

interface ProcEntry {
  pid: number;
  ppid: number;
  name: string;
  cmdline: string;
}

async function processes(): Promise<ProcEntry[]> {
  const all: ProcEntry[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (!stat) continue;
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    all.push({ pid: Number(entry), ppid, name, cmdline: cmdline.replace(/\0/g, ' ') });
  }
  return all;
}

/** CPU time of the children a process has waited for (cutime + cstime), ms. */
async function childrenCpuMs(pid: number): Promise<number> {
  const fields = statFields(await readFile(`/proc/${pid}/stat`, 'utf8'));
  return (Number(fields[13]) + Number(fields[14])) * 10; // cutime, cstime
}

/** A PostgreSQL process's kind from its title: 'backends' for client connections, else e.g. 'walwriter'. */
function pgKind(cmdline: string): string {
  const title = cmdline.replace(/^postgres:\s*/, '').trim();
  const known = ['walwriter', 'checkpointer', 'background writer', 'autovacuum', 'logical replication'];
  return known.find((k) => title.startsWith(k)) ?? (title.includes('(') ? 'backends' : 'other');
}

/**
 * CPU used so far by the PostgreSQL (postmaster, its children, and the children that ended: autovacuum
 * workers, closed connections) and Redis that `.ci/services.sh` started for this bench, found by their
 * ports; ms, PostgreSQL's also by kind of process.
 */
export async function serverCpuMs(): Promise<{
  postgres: number;
  redis: number;
  pgByKind: Map<string, number>;
}> {
  const pgPort = new URL(databaseUrl()).port;
  const redisPort = new URL(redisUrl()).port;
  const all = await processes();
  const postmaster = all.find((p) => p.name === 'postgres' && p.cmdline.includes(`-p ${pgPort} `));
  const redis = all.find((p) => p.name.startsWith('redis') && p.cmdline.includes(`:${redisPort}`));
  const pgByKind = new Map<string, number>();
  const add = (kind: string, value: number) => pgByKind.set(kind, (pgByKind.get(kind) ?? 0) + value);
  if (postmaster) {
    add('postmaster', await cpuMs(postmaster.pid).catch(() => 0));
    add('ended children', await childrenCpuMs(postmaster.pid).catch(() => 0));
    for (const p of all.filter((c) => c.ppid === postmaster.pid))
      add(pgKind(p.cmdline), await cpuMs(p.pid).catch(() => 0));
  }
  const postgres = [...pgByKind.values()].reduce((a, b) => a + b, 0);
  return { postgres, redis: redis ? await cpuMs(redis.pid).catch(() => 0) : 0, pgByKind };
}

/**
 * Statements PostgreSQL committed (pg_stat_database.xact_commit: each autocommit statement is one) and
 * commands Redis processed (INFO stats), so far: the round trips of a run, by difference.
 */
export async function serverCounts(): Promise<{ statements: number; redisCommands: number }> {
  const pg = new pgClient({ connectionString: databaseUrl() });
  await pg.connect();
  try {
    await pg.query('select pg_stat_clear_snapshot()');
    const { rows } = await pg.query<{ n: string }>(
      'select xact_commit::text as n from pg_stat_database where datname = current_database()',
    );
    const redis = createClient(redisUrl());
    const info = await new Promise<string>((resolve, reject) =>
      redis.info('stats', (error, text) => (error ? reject(error) : resolve(String(text)))),
    );
    await new Promise((resolve) => redis.quit(resolve));
    const commands = Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? NaN);
    return { statements: Number(rows[0].n), redisCommands: commands };
  } finally {
    await pg.end();
  }
}

export type ThreadTimes = Map<string, { user: number; system: number }>;

/**
 * Of the CPU a worker process used between two snapshots: its busiest threads besides the main one (the
 * engine threads; user and system time), its main thread (queue, database, storage calls), and the rest
 * (V8's helper threads: concurrent and parallel GC of every isolate, the engine threads' included; libuv's
 * pool: gzip, hashing, file I/O).
 */
export function workerThreadsShare(pid: number, before: ThreadTimes, after: ThreadTimes, threads: number) {
  const used = [...after].map(([tid, t]) => {
    const b = before.get(tid) ?? { user: 0, system: 0 };
    return {
      tid,
      user: t.user - b.user,
      system: t.system - b.system,
      all: t.user + t.system - b.user - b.system,
    };
  });
  const main = used.find((u) => u.tid === String(pid));
  const others = used.filter((u) => u !== main).sort((a, b) => b.all - a.all);
  const engine = others.slice(0, threads);
  const sum = (xs: typeof used, f: (u: (typeof used)[number]) => number) => xs.reduce((a, u) => a + f(u), 0);
  return {
    engineUser: sum(engine, (u) => u.user),
    engineSystem: sum(engine, (u) => u.system),
    main: main?.all ?? 0,
    helpers: sum(others.slice(threads), (u) => u.all),
  };
}
