// The typed seam against the real module: every export the host calls (typed from asc's generated
// .d.ts) exists in build/kernel.wasm and in its JavaScript target, as a function, the memory or a
// constant, and both targets give the layout the same values.
import { readFile } from 'node:fs/promises';
import test from 'ava';
import {
  HOST_EXPORTS,
  LAYOUT_EXPORTS,
  readLayout,
  type KernelExports,
} from '../../src/thermo/module/exports.js';
import { instantiateKernelJs } from '../../src/thermo/module/generated/kernel-js.js';
import { requestSchema } from '../../src/request/schema.js';
import { KERNEL_WASM_PATH } from '../../src/runtime/node.js';

const abort = (): never => {
  throw new Error('the kernel aborted');
};
const imports = { env: { runTemperature: () => {}, abort } };

test('the WebAssembly module exports what the host calls, with the kinds it expects', async (t) => {
  const module = await WebAssembly.compile(await readFile(KERNEL_WASM_PATH));
  const kinds = new Map(WebAssembly.Module.exports(module).map((e) => [e.name, e.kind]));
  for (const name of HOST_EXPORTS) t.is(kinds.get(name), name === 'memory' ? 'memory' : 'function', name);
  for (const name of LAYOUT_EXPORTS) t.is(kinds.get(name), 'global', name);
  const exports = new WebAssembly.Instance(module, imports).exports as unknown as KernelExports;
  for (const value of Object.values(readLayout(exports))) t.true(Number.isInteger(value) && value >= 0);
});

test('the JavaScript target exports the same names and the same layout', async (t) => {
  const js = instantiateKernelJs(imports);
  for (const name of HOST_EXPORTS) {
    if (name === 'memory') t.true(js.memory.buffer instanceof ArrayBuffer);
    else t.is(typeof js[name], 'function', name);
  }
  const module = await WebAssembly.compile(await readFile(KERNEL_WASM_PATH));
  const wasm = new WebAssembly.Instance(module, imports).exports as unknown as KernelExports;
  t.deepEqual(readLayout(js), readLayout(wasm));
});

test("a grown memory detaches the old buffer in both targets (the host's views notice by length 0)", async (t) => {
  const module = await WebAssembly.compile(await readFile(KERNEL_WASM_PATH));
  const wasm = new WebAssembly.Instance(module, imports).exports as unknown as KernelExports;
  for (const ex of [wasm, instantiateKernelJs(imports)]) {
    const view = new Float64Array(ex.memory.buffer, 0, 4);
    const before = ex.memory.buffer.byteLength;
    ex.memory.grow(1);
    t.is(view.length, 0);
    t.is(ex.memory.buffer.byteLength, before + 65536);
  }
});

test('every request the schema accepts fits the kernel: profile points and phases within its capacity', (t) => {
  const layout = readLayout(instantiateKernelJs(imports));
  const { temperature_profile: profile, phases } = requestSchema.properties;
  t.true(profile.properties.time_points_hours.maxItems <= layout.MAX_PROFILE_POINTS);
  t.true(profile.properties.temperatures_celsius.maxItems <= layout.MAX_PROFILE_POINTS);
  t.true(phases.maxItems <= layout.MAX_RUN_PHASES);
});
