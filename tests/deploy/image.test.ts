// A rehearsal of `docker build` and `docker run` without Docker: the build context as .dockerignore
// filters it is copied into a temporary directory, each stage of the real Dockerfile gets a directory
// standing for its file system, its COPY/WORKDIR/ENV are followed and its RUN steps run there with
// /bin/sh; then the runtime stage's CMD is started with the image's ENV. A file missing from the context,
// a dev-only dependency used at run time, or a build step that needs more than the npm registry fails it.
//
// What the host stands in for: the base images (the host's Node must be the image's major version and
// brings python3/make/g++), and the network: npm runs with --prefer-offline on the host's npm cache (the
// registry is asked only for what it lacks), and better-sqlite3's prebuilt addon, which the Docker build
// downloads from GitHub, is put in the npm cache from the host's own build (compiling it would take
// minutes). Not rehearsed: apt-get steps (skipped; there are none now), file ownership (--chown, USER:
// the test runs as whoever runs it) and the HEALTHCHECK's schedule (its command is run once).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statfsSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { basename, join, posix } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { execForm, parseDockerfile, parseEnv, splitFlags, type Stage } from './dockerfile.js';
import { contextFiles, parseDockerignore } from './dockerignore.js';
import { readText, ROOT } from './support.js';

const REQUEST = {
  composition: { MG: 0.0072, SI: 0.0057 },
  temperature_profile: { time_points_hours: [0], temperatures_celsius: [180] },
  simulation_time_hours: 2,
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Where to build: a memory file system when there is room (npm writes, and the teardown deletes, tens of
 * thousands of files, which takes minutes on a slow disk), else the temporary directory.
 */
function scratchDir(): string {
  try {
    const fs = statfsSync('/dev/shm');
    if (fs.bavail * fs.bsize > 2 * 1024 ** 3) return '/dev/shm';
  } catch {
    // no /dev/shm
  }
  return tmpdir();
}

/** Runs a RUN step as Docker does (`/bin/sh -c`), keeping the end of its output for failures. */
function sh(
  command: string,
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    // At a lower priority: the rest of the suite, timing-sensitive tests among it, runs alongside.
    const argv = existsSync('/usr/bin/nice') ? ['/usr/bin/nice', '-n', '10', '/bin/sh'] : ['/bin/sh'];
    const child = spawn(argv[0], [...argv.slice(1), '-c', command], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const keep = (chunk: Buffer) => (out = (out + chunk.toString('utf8')).slice(-20_000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('exit', (code) => resolve({ code, out }));
  });
}

/**
 * Puts better-sqlite3's prebuilt addon where prebuild-install looks before downloading it (the npm
 * cache's _prebuilds), made from the host's build of the lockfile's version. Returns the file to remove
 * afterwards, if it was not there already.
 */
function seedPrebuild(t: ExecutionContext, npmCache: string): string | undefined {
  const lock = JSON.parse(readText('package-lock.json'));
  const locked = lock.packages['node_modules/better-sqlite3']?.version;
  const dir = join(ROOT, 'node_modules/better-sqlite3');
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (pkg.version !== locked) {
    t.log(`host better-sqlite3 ${pkg.version} is not the locked ${locked}: the rehearsal compiles it (slow)`);
    return undefined;
  }
  const util = createRequire(join(dir, 'package.json'))('prebuild-install/util');
  const glibc = Boolean(
    (process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header?.glibcVersionRuntime,
  );
  const url: string = util.getDownloadUrl({
    pkg,
    runtime: 'node',
    abi: process.versions.modules,
    platform: process.platform,
    arch: process.arch,
    libc: glibc ? '' : 'musl',
    'tag-prefix': 'v',
  });
  const digest = createHash('sha512').update(url).digest('hex').slice(0, 6);
  const cached = join(npmCache, '_prebuilds', `${digest}-${basename(url).replace(/[^a-zA-Z0-9.]+/g, '-')}`);
  if (existsSync(cached)) return undefined;
  mkdirSync(join(npmCache, '_prebuilds'), { recursive: true });
  const partial = `${cached}.${process.pid}.tmp`;
  const tar = spawnSync('tar', ['-czf', partial, '-C', dir, 'build/Release/better_sqlite3.node']);
  if (tar.status !== 0) throw new Error(`tar: ${tar.stderr}`);
  renameSync(partial, cached);
  return cached;
}

interface Rehearsal {
  /** Directory standing for / of each stage. */
  roots: Map<string, string>;
  final: Stage;
  workdir: string;
  env: Record<string, string>;
}

/** Follows every stage of the Dockerfile in `work`. */
async function rehearseBuild(
  t: ExecutionContext,
  work: string,
  baseEnv: Record<string, string>,
): Promise<Rehearsal> {
  const stages = parseDockerfile(readText('Dockerfile'));
  const context = contextFiles(ROOT, parseDockerignore(readText('.dockerignore')));
  const roots = new Map<string, string>();
  let workdir = '/';
  let env: Record<string, string> = {};
  for (const stage of stages) {
    const major = /^node:(\d+)/.exec(stage.base)?.[1];
    t.is(
      major,
      process.versions.node.split('.')[0],
      `${stage.base}: the host's Node stands in for the image's`,
    );
    const root = join(work, 'stages', stage.name);
    mkdirSync(root, { recursive: true });
    roots.set(stage.name, root);
    const at = (path: string) => join(root, posix.resolve(workdir, path));
    workdir = '/';
    env = {};
    for (const { keyword, args, line } of stage.instructions) {
      const where = `Dockerfile line ${line} (${stage.name})`;
      if (keyword === 'WORKDIR') {
        workdir = posix.resolve(workdir, args);
        mkdirSync(at('.'), { recursive: true });
      } else if (keyword === 'ENV') {
        for (const [k, v] of parseEnv(args)) env[k] = v;
      } else if (keyword === 'COPY') {
        const { flags, rest } = splitFlags(args);
        const words = rest.split(/\s+/);
        if (words.some((w) => /[*?[$]/.test(w)) || rest.startsWith('['))
          throw new Error(`${where}: the rehearsal copies literal paths only`);
        const dest = words.pop() as string;
        for (const source of words) {
          const into = dest.endsWith('/') || words.length > 1;
          if (flags.from) {
            const from = roots.get(flags.from);
            if (!from) throw new Error(`${where}: no stage ${flags.from} before this one`);
            const src = join(from, posix.resolve('/', source));
            if (!existsSync(src))
              throw new Error(`${where}: ${source} does not exist in stage ${flags.from}`);
            cpSync(src, into ? join(at(dest), basename(src)) : at(dest), {
              recursive: true,
              verbatimSymlinks: true,
            });
          } else {
            const prefix = posix.normalize(source).replace(/^\.\/?|\/$/g, '');
            const files = context.filter((f) => prefix === '' || f === prefix || f.startsWith(`${prefix}/`));
            if (files.length === 0) throw new Error(`${where}: ${source} is not in the build context`);
            for (const file of files) {
              const relative =
                file === prefix ? basename(file) : file.slice(prefix === '' ? 0 : prefix.length + 1);
              const target = file === prefix && !into ? at(dest) : join(at(dest), relative);
              cpSync(join(ROOT, file), target, { verbatimSymlinks: true });
            }
          }
        }
      } else if (keyword === 'RUN') {
        if (/\bapt-get\b/.test(args)) {
          t.log(`${where}: skipped, apt-get cannot run here: ${args}`);
          continue;
        }
        const started = Date.now();
        const { code, out } = await sh(args, at('.'), { ...baseEnv, ...env });
        t.log(`${where}: RUN ${args} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
        if (code !== 0) throw new Error(`${where}: RUN ${args} exited with ${code}:\n${out}`);
      } else if (!['USER', 'EXPOSE', 'HEALTHCHECK', 'CMD', 'LABEL'].includes(keyword)) {
        throw new Error(`${where}: the rehearsal does not follow ${keyword}`);
      }
    }
  }
  const final = stages.at(-1) as Stage;
  return { roots, final, workdir: join(roots.get(final.name) as string, workdir), env };
}

test('the image builds from its context alone and serves /health and a simulation', async (t) => {
  t.timeout(12 * 60_000);
  const work = mkdtempSync(join(scratchDir(), 'precipitate-image-'));
  const npmCache = process.env.npm_config_cache ?? join(homedir(), '.npm');
  const seeded = seedPrebuild(t, npmCache);
  t.teardown(() => {
    rmSync(work, { recursive: true, force: true });
    if (seeded) rmSync(seeded, { force: true });
  });
  const home = join(work, 'home');
  mkdirSync(home);
  // Nothing of the caller's environment but PATH: the Docker build has none of it either.
  const baseEnv = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    npm_config_cache: npmCache,
    npm_config_prefer_offline: 'true',
    npm_config_update_notifier: 'false',
  };
  const started = Date.now();
  const image = await rehearseBuild(t, work, baseEnv);
  t.log(`build: ${((Date.now() - started) / 1000).toFixed(0)} s`);

  // The runtime stage: production dependencies, build outputs and data only.
  const app = image.workdir;
  for (const needed of [
    'package.json',
    'bin/precipitate.js',
    'build/kernel.wasm',
    'build/src/cli/main.js',
    'data/AlMgSi.tdb',
  ])
    t.true(existsSync(join(app, needed)), `${needed} in the image`);
  for (const absent of ['src', 'tests', 'assembly', 'node_modules/.cache'])
    t.false(existsSync(join(app, absent)), absent);
  const lock = JSON.parse(readText('package-lock.json'));
  const devOnly = Object.entries<{ dev?: boolean }>(lock.packages)
    .filter(([path, p]) => p.dev && path.startsWith('node_modules/'))
    .map(([path]) => path);
  t.deepEqual(
    devOnly.filter((path) => existsSync(join(app, path))),
    [],
    'dev-only packages in the image',
  );

  // The image's ENV, with its absolute paths moved into the rehearsal's root.
  const root = image.roots.get(image.final.name) as string;
  const imageEnv = Object.fromEntries(
    Object.entries(image.env).map(([k, v]) => [
      k,
      v.startsWith('/') && existsSync(join(root, v)) ? join(root, v) : v,
    ]),
  );
  const port = await freePort();
  const runEnv = { PATH: baseEnv.PATH, HOME: home, ...imageEnv, PORT: String(port) };
  const cmd = execForm(image.final.instructions.filter((i) => i.keyword === 'CMD').at(-1)?.args ?? '');
  if (!cmd) throw new Error('the runtime stage has no exec-form CMD');

  // As `docker run IMAGE` without keys: HOST=0.0.0.0 is refused, naming HOST.
  const refused = spawnSync(cmd[0], cmd.slice(1), {
    cwd: app,
    env: runEnv,
    encoding: 'utf8',
    timeout: 60_000,
  });
  t.is(refused.status, 2, refused.stderr);
  t.regex(refused.stderr, /HOST/);

  // As `docker run -e API_KEYS=… IMAGE`.
  const key = createHash('sha256').update(work).digest('hex');
  const server = spawn(cmd[0], cmd.slice(1), {
    cwd: app,
    env: { ...runEnv, API_KEYS: key },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stdout.on('data', (c: Buffer) => (log += c.toString('utf8')));
  server.stderr.on('data', (c: Buffer) => (log += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
  t.teardown(() => {
    if (server.exitCode === null) server.kill('SIGKILL');
  });
  const base = `http://127.0.0.1:${port}/api/v1`;
  let health: Response | undefined;
  for (let i = 0; i < 120 && server.exitCode === null; i++) {
    health = await fetch(`${base}/health`).catch(() => undefined);
    if (health) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (!health) throw new Error(`the server did not answer:\n${log.slice(-4000)}`);
  t.is(health.status, 200, await health.text());
  t.is((await fetch(`${base}/docs`)).status, 200, 'Swagger UI');
  const page = await fetch(`http://127.0.0.1:${port}/`);
  t.is(page.status, 200, 'the browser page (build/web)');
  t.regex(page.headers.get('content-type') ?? '', /^text\/html/);

  const auth = { Authorization: `Bearer ${key}` };
  const answer = await fetch(`${base}/simulate`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json', Prefer: 'wait=120' },
    body: JSON.stringify(REQUEST),
  });
  const job = (await answer.json()) as { status: string; results?: { files?: Record<string, string> } };
  t.is(answer.status, 200, JSON.stringify(job));
  t.is(job.status, 'completed', JSON.stringify(job));
  // A plot: the chart renderer (resvg's native package) and its fonts are in the runtime dependencies.
  const plot = job.results?.files?.precipitation_plot;
  t.truthy(plot, JSON.stringify(job.results));
  const png = await fetch(new URL(plot as string, base), { headers: auth });
  t.is(png.status, 200);
  t.is(png.headers.get('content-type'), 'image/png');

  // The HEALTHCHECK's command, once, in the image's environment.
  const healthcheck = image.final.instructions.find((i) => i.keyword === 'HEALTHCHECK');
  const probe = execForm(splitFlags(healthcheck?.args ?? '').rest.replace(/^CMD\s+/, ''));
  if (!probe) throw new Error('HEALTHCHECK needs the exec form');
  const probed = spawnSync(probe[0], probe.slice(1), {
    cwd: app,
    env: runEnv,
    encoding: 'utf8',
    timeout: 30_000,
  });
  t.is(probed.status, 0, `HEALTHCHECK: ${probed.stdout}${probed.stderr}`);

  // `docker stop`: SIGTERM to the CMD's process, which must stop by itself.
  server.kill('SIGTERM');
  const code = await Promise.race([
    exited,
    new Promise((resolve) => setTimeout(() => resolve('timeout'), 20_000)),
  ]);
  t.is(code, 0, `stop on SIGTERM:\n${log.slice(-2000)}`);
  t.log(`total: ${((Date.now() - started) / 1000).toFixed(0)} s`);
});
