// The driving force by the tangent method (thermo.md §3.3), for callers that hold μ already: the kernel
// module's (assembly/thermo.ts), on a JavaScript instance made at the first call.
import { ModuleRunThermo } from './module/chemistry.js';
import { readLayout } from './module/exports.js';
import { createJsModule } from './module/instance.js';

let chemistry: ModuleRunThermo | undefined;

/** ΔG = Σ_i x^β_i μ_i^matrix − GM_β, J per mole of atoms of precipitate; > 0 favours precipitation. */
export function drivingForce(
  compositionBeta: Float64Array,
  gibbsBeta: number,
  mu: ArrayLike<number>,
): number {
  if (!chemistry) {
    const module = createJsModule();
    chemistry = new ModuleRunThermo(module, readLayout(module));
  }
  return chemistry.drivingForce(compositionBeta, gibbsBeta, mu);
}
