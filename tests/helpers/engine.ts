// Running the engine from tests: the default database and either kernel, as the CLI and service do.
import { simulate, type SimulationResult } from '../../src/engine/index.js';
import { validateRequest, type SimulationRequest } from '../../src/request/validate.js';
import { loadEngineDeps, type KernelName } from '../../src/runtime/node.js';

export const KERNELS: KernelName[] = ['wasm', 'js'];

export function normalized(body: unknown): SimulationRequest {
  const checked = validateRequest(body, { maxSimulationHours: 1000 });
  if (!checked.ok) throw new Error(`invalid test request: ${JSON.stringify(checked.issues)}`);
  return checked.request;
}

export async function runWith(kernel: KernelName, body: unknown): Promise<SimulationResult> {
  return simulate(normalized(body), await loadEngineDeps(kernel));
}
