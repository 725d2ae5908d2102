// A JavaScript instance of the kernel module (its wasm2js target, built by tools/make/kernel.mjs), for
// what the host computes with the module's functions outside a run: the facade's chemical potentials,
// driving forces and tie-lines, and exp/log/pow/cbrt (math.ts).
import type { KernelExports } from './exports.js';
import { instantiateKernelJs } from './generated/kernel-js.js';

function outsideRun(): never {
  throw new Error('the kernel module called the host outside a run');
}

export function createJsModule(): KernelExports {
  return instantiateKernelJs({ env: { runTemperature: outsideRun, abort: outsideRun } });
}
