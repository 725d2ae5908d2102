// Builds the browser page into build/web/ with esbuild: app.js (page), preview-worker.js (the engine, the
// default database as text), app.css (with uPlot's stylesheet), kernel.wasm (the release kernel, copied)
// and index.html. Run after the kernel and TypeScript builds: `node build/src/web/build.js`.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

/** The repository root (this file runs as build/src/web/build.js). */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const WEB_DIR = join(ROOT, 'build/web');
const SOURCE = join(ROOT, 'src/web');

/** Browsers the page promises to work in (module-free bundles; WebAssembly, Workers, <dialog>). */
const TARGETS = ['chrome110', 'firefox110', 'safari16'];

async function main(): Promise<void> {
  const kernel = join(ROOT, 'build/kernel.wasm');
  const tdb = await readFile(join(ROOT, 'data/AlMgSi.tdb'), 'utf8');
  await rm(WEB_DIR, { recursive: true, force: true });
  await mkdir(WEB_DIR, { recursive: true });
  const common: BuildOptions = {
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: TARGETS,
    minify: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    logLevel: 'warning',
    outdir: WEB_DIR,
    absWorkingDir: ROOT,
  };
  await Promise.all([
    build({ ...common, entryPoints: { app: join(SOURCE, 'main.ts') } }),
    build({ ...common, entryPoints: { boot: join(SOURCE, 'boot.ts') } }),
    build({
      ...common,
      entryPoints: { 'preview-worker': join(SOURCE, 'preview/worker.ts') },
      loader: { '.tdb': 'text' },
      define: { __DATABASE_SHA256__: JSON.stringify(createHash('sha256').update(tdb).digest('hex')) },
    }),
    build({ ...common, entryPoints: { app: join(SOURCE, 'styles.css') } }),
    copyFile(join(SOURCE, 'index.html'), join(WEB_DIR, 'index.html')),
    copyFile(kernel, join(WEB_DIR, 'kernel.wasm')).catch((error: unknown) => {
      throw new Error(`${kernel} is missing: run npm run build:wasm first (${String(error)})`);
    }),
  ]);
}

await main();
