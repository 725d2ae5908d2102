// The engine, kernels, thermodynamics and request validation bundle for the browser: no Node-only APIs.
import test from 'ava';
import { build } from 'esbuild';
import { ROOT } from '../../tools/harness/paths.js';

test('src/engine, src/kernel, src/thermo and src/request bundle for the browser platform', async (t) => {
  const entry = `
    export * from './src/engine/index.ts';
    export { createWasmKernel } from './src/kernel/wasm.ts';
    export { createJsKernel } from './src/kernel/js.ts';
    export * from './src/thermo/index.ts';
    export * from './src/request/index.ts';
  `;
  const result = await build({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  t.deepEqual(result.errors, []);
  const code = result.outputFiles[0].text;
  t.false(/from ['"]node:/.test(code));
  t.false(/require\(['"](fs|path|url|worker_threads)['"]\)/.test(code));
  t.true(code.length > 10_000);
});
