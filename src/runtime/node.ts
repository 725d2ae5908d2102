// Node-only loading of the default database and the kernels from the package's own files.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sha256Hex, type EngineDeps } from '../engine/index.js';
import { createJsKernel } from '../kernel/js.js';
import type { Kernel } from '../kernel/types.js';
import { createWasmKernel } from '../kernel/wasm.js';
import { createThermo } from '../thermo/index.js';

export type KernelName = 'wasm' | 'js';

/** The package root (this file is build/src/runtime/node.js). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DEFAULT_TDB_PATH = `${PACKAGE_ROOT}data/AlMgSi.tdb`;
export const KERNEL_WASM_PATH = `${PACKAGE_ROOT}build/kernel.wasm`;

let wasmModule: Promise<WebAssembly.Module> | undefined;

/** Compiles build/kernel.wasm once per process; each kernel gets its own instance. */
export async function loadKernel(name: KernelName = 'wasm'): Promise<Kernel> {
  if (name === 'js') return createJsKernel();
  wasmModule ??= readFile(KERNEL_WASM_PATH).then((bytes) => WebAssembly.compile(bytes));
  return createWasmKernel(await wasmModule);
}

export interface LoadedDatabase {
  tdbText: string;
  sha256: string;
  path: string;
}

export async function loadDatabase(path = DEFAULT_TDB_PATH): Promise<LoadedDatabase> {
  const tdbText = await readFile(path, 'utf8');
  return { tdbText, sha256: await sha256Hex(tdbText), path };
}

/** Thermodynamics from the default database and a fresh kernel: what a run needs. */
export async function loadEngineDeps(kernel: KernelName = 'wasm', tdbPath?: string): Promise<EngineDeps> {
  const db = await loadDatabase(tdbPath);
  return { thermo: createThermo(db.tdbText), kernel: await loadKernel(kernel), databaseSha256: db.sha256 };
}
