// Builds the browser page into build/web/ with esbuild: index.html (boot.ts inlined), app.js (page, with
// the request validator generated ahead of time), preview-worker.js (the engine, the default database
// parsed), app.css (with uPlot's stylesheet) and kernel.wasm (the release kernel, copied). Run after the
// kernel and TypeScript builds: `node build/tools/make/web.js`.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { calibrationSchema } from '../../src/request/calibration-schema.js';
import { AJV_OPTIONS } from '../../src/request/schema-validator.js';
import { requestSchema } from '../../src/request/schema.js';
import { parseTdb } from '../../src/thermo/tdb/parse.js';
import { databaseToJson } from '../../src/thermo/tdb/serialize.js';

/** The repository root (this file runs as build/tools/make/web.js). */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const WEB_DIR = join(ROOT, 'build/web');
const SOURCE = join(ROOT, 'src/web');

/** Browsers the page promises to work in (module-free bundles; WebAssembly, Workers, <dialog>). */
const TARGETS = ['chrome110', 'firefox110', 'safari16'];
/** The request validator as Ajv's standalone code (tests/web/validator.test.ts compares the two). */
const GENERATED_VALIDATOR = join(ROOT, 'build/generated/request-schema-validator.js');
/** The calibration document's validator, likewise (the page's Calibrate view; no eval under its CSP). */
const GENERATED_CALIBRATION_VALIDATOR = join(ROOT, 'build/generated/calibration-validator.js');

/** Writes the request schema's validator as code (same schema, same options as the server's). */
async function writeGeneratedValidator(): Promise<void> {
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: true } });
  // The module stands in for src/request/schema-validator.ts: same export, no Ajv compiler at run time.
  const code = `${standalone.default(ajv, ajv.compile(requestSchema))}\nexport const schemaValidator = () => validate;\n`;
  await mkdir(join(GENERATED_VALIDATOR, '..'), { recursive: true });
  await writeFile(GENERATED_VALIDATOR, code);
  const calibration = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: true } });
  const calibrationCode = `${standalone.default(calibration, calibration.compile(calibrationSchema))}\nexport const calibrationValidator = () => validate;\n`;
  await writeFile(GENERATED_CALIBRATION_VALIDATOR, calibrationCode);
}

/** Resolves the page's import of the compiled validator to the generated one. */
const generatedValidator: Plugin = {
  name: 'generated-validator',
  setup(plugin) {
    plugin.onResolve({ filter: /\/schema-validator\.js$/ }, () => ({ path: GENERATED_VALIDATOR }));
    plugin.onResolve({ filter: /\/calibration-validator\.js$/ }, () => ({
      path: GENERATED_CALIBRATION_VALIDATOR,
    }));
  },
};

/**
 * A .tdb import is the database parsed here, as JSON (src/thermo/tdb/serialize.ts): the worker then
 * skips parsing the text on every page load. A malformed file fails the build with its TdbError.
 */
const parsedDatabase: Plugin = {
  name: 'parsed-database',
  setup(plugin) {
    plugin.onLoad({ filter: /\.tdb$/ }, async ({ path }) => ({
      contents: `export default ${JSON.stringify(databaseToJson(parseTdb(await readFile(path, 'utf8'))))};`,
      loader: 'js',
    }));
  },
};

/** Where index.html takes boot.ts's script. */
const BOOT_SLOT = '<script data-inline="boot"></script>';

/** index.html with boot.ts inlined in its slot: the worker starts without waiting for a request. */
async function writePage(common: BuildOptions): Promise<void> {
  const boot = await build({
    ...common,
    entryPoints: [join(SOURCE, 'boot.ts')],
    sourcemap: false,
    legalComments: 'none',
    write: false,
  });
  const script = boot.outputFiles[0].text.trim();
  const html = await readFile(join(SOURCE, 'index.html'), 'utf8');
  if (!html.includes(BOOT_SLOT)) throw new Error(`index.html: no ${BOOT_SLOT} for boot.ts`);
  await writeFile(
    join(WEB_DIR, 'index.html'),
    html.replace(BOOT_SLOT, () => `<script>${script}</script>`),
  );
}

async function main(): Promise<void> {
  const kernel = join(ROOT, 'build/kernel.wasm');
  const tdb = await readFile(join(ROOT, 'data/AlMgSi.tdb'), 'utf8');
  await rm(WEB_DIR, { recursive: true, force: true });
  await mkdir(WEB_DIR, { recursive: true });
  await writeGeneratedValidator();
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
    build({ ...common, entryPoints: { app: join(SOURCE, 'main.ts') }, plugins: [generatedValidator] }),
    writePage(common),
    build({
      ...common,
      entryPoints: {
        'preview-worker': join(SOURCE, 'preview/worker.ts'),
        'map-worker': join(SOURCE, 'map/worker.ts'),
        'calibrate-worker': join(SOURCE, 'calibrate/worker.ts'),
      },
      plugins: [parsedDatabase],
      define: { __DATABASE_SHA256__: JSON.stringify(createHash('sha256').update(tdb).digest('hex')) },
    }),
    build({ ...common, entryPoints: { app: join(SOURCE, 'styles.css') } }),
    copyFile(kernel, join(WEB_DIR, 'kernel.wasm')).catch((error: unknown) => {
      throw new Error(`${kernel} is missing: run npm run build:wasm first (${String(error)})`);
    }),
  ]);
}

await main();
