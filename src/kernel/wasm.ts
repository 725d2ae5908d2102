// The kernel's WebAssembly target: build/kernel.wasm (asc), compiled once, instantiated per kernel.
import type { KernelExports } from '../thermo/module/exports.js';
import { createModuleKernel } from './instance.js';
import type { Kernel } from './types.js';

export function createWasmKernel(module: WebAssembly.Module): Kernel {
  return createModuleKernel(
    'wasm',
    (imports) => new WebAssembly.Instance(module, { ...imports }).exports as unknown as KernelExports,
  );
}
