// Atomic mobilities' MQ parameters at a temperature (thermo.md §5). The mobilities and diffusivities at a
// composition are the kernel module's (assembly/curvature.ts).
import type { Evaluator } from './tdb/compile-expr.js';

/** One MQ/MF term of species `diffuser`: value × (1, x_i, or x_i x_j (x_i − x_j)^order). */
export interface MobilityTerm {
  diffuser: number;
  species: number[];
  order: number;
  value: Evaluator;
}

export interface MobilityAtT {
  temperatureK: number;
  values: Float64Array;
}

/** A class, not an object literal, for the reason given at SolutionStateAtT (solution.ts). */
class MobilityStateAtT implements MobilityAtT {
  constructor(
    readonly temperatureK: number,
    readonly values: Float64Array,
  ) {}
}

export function mobilityAtT(terms: MobilityTerm[], temperatureK: number): MobilityAtT {
  const values = new Float64Array(terms.length);
  for (let k = 0; k < terms.length; k++) values[k] = terms[k].value(temperatureK);
  return new MobilityStateAtT(temperatureK, values);
}
