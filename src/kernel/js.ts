// The kernel's JavaScript target (the "JS solver"): the same module as build/kernel.wasm, translated to
// JavaScript by binaryen's wasm2js at build time (tools/make/kernel.mjs), so the same functions, the same
// operations and the same bits, over an ArrayBuffer instead of WebAssembly memory.
import { instantiateKernelJs } from '../thermo/module/generated/kernel-js.js';
import { createModuleKernel } from './instance.js';
import type { Kernel } from './types.js';

export function createJsKernel(): Kernel {
  return createModuleKernel('js', instantiateKernelJs);
}
