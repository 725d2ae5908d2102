// The thermodynamics facade: parse a TDB once, evaluate what depends on temperature alone (here, in
// TypeScript: the TDB's expressions), and ask for chemical potentials, driving forces, tie-lines and
// curvature factors, which the kernel module computes (assembly/thermo.ts, module/chemistry.ts). Browser-safe.
import { mobilityAtT, type MobilityAtT } from './mobility.js';
import { ModuleRunThermo } from './module/chemistry.js';
import { readLayout } from './module/exports.js';
import { createJsModule } from './module/instance.js';
import type { PhaseKinetics, RunThermo, ThermoAtT } from './kinetics.js';
import { solutionAtT, type SolutionAtT } from './solution.js';
import { createThermoSystem, type CompoundModel, type SystemOptions, type ThermoSystem } from './system.js';
import { parseTdb } from './tdb/parse.js';
import type { TdbDatabase } from './tdb/types.js';

export { TdbError } from './tdb/source.js';
export type { CompoundModel, ThermoSystem } from './system.js';
export { PhaseKineticsBase } from './kinetics.js';
export type { CurvatureResult, PhaseKinetics, RunThermo, ThermoAtT } from './kinetics.js';

// Classes below (not objects of closures) so that every instance shares its methods: the engine's call
// sites stay monomorphic from one temperature and one run to the next, which keeps V8's JIT output.

class TemperatureState implements ThermoAtT {
  readonly matrix: SolutionAtT;
  readonly mobility: MobilityAtT;
  private readonly gibbs = new Map<CompoundModel, number>();

  constructor(
    system: ThermoSystem,
    readonly temperatureK: number,
  ) {
    this.matrix = solutionAtT(system.matrix, temperatureK);
    this.mobility = mobilityAtT(system.mobilityTerms, temperatureK);
  }

  gibbsOf(compound: CompoundModel): number {
    let g = this.gibbs.get(compound);
    if (g === undefined) {
      g = compound.gibbsPerAtom(this.temperatureK);
      this.gibbs.set(compound, g);
    }
    return g;
  }
}

export interface Thermo {
  system: ThermoSystem;
  /** Cached for the most recent temperature (the engine asks every step; T changes only on ramps). */
  atTemperature(temperatureK: number): ThermoAtT;
}

class CachedThermo implements Thermo {
  private last: TemperatureState | undefined;
  constructor(readonly system: ThermoSystem) {}
  atTemperature(temperatureK: number): ThermoAtT {
    if (this.last?.temperatureK !== temperatureK) this.last = new TemperatureState(this.system, temperatureK);
    return this.last;
  }
}

export function createThermo(tdbText: string, options: SystemOptions = {}): Thermo {
  return createThermoFromDatabase(parseTdb(tdbText), options);
}

/** From a database parsed already (the page's worker: src/thermo/tdb/serialize.ts). */
export function createThermoFromDatabase(db: TdbDatabase, options: SystemOptions = {}): Thermo {
  return new CachedThermo(createThermoSystem(db, options));
}

/** Full mole-fraction vector (alphabetical elements) from solute fractions; the balance element takes the rest. */
export function fullComposition(system: ThermoSystem, solutes: Record<string, number>): Float64Array {
  const x = new Float64Array(system.elements.length);
  let sum = 0;
  for (const [name, value] of Object.entries(solutes)) {
    const i = system.elements.indexOf(name);
    if (i < 0 || i === system.balance)
      throw new Error(`'${name}' is not a solute of the matrix (${system.elements.join(', ')})`);
    x[i] = value;
    sum += value;
  }
  x[system.balance] = 1 - sum;
  return x;
}

/**
 * The composition-dependent thermodynamics of `thermo`'s system outside a run: the kernel module's own
 * (assembly/thermo.ts), on a JavaScript instance made for the first query and kept with the system.
 */
const facadeChemistry = new WeakMap<ThermoSystem, ModuleRunThermo>();

export function thermoChemistry(thermo: Thermo): RunThermo {
  let chemistry = facadeChemistry.get(thermo.system);
  if (!chemistry) {
    const module = createJsModule();
    chemistry = new ModuleRunThermo(module, readLayout(module));
    chemistry.bind(thermo.system);
    facadeChemistry.set(thermo.system, chemistry);
  }
  return chemistry;
}

export function chemicalPotentials(thermo: Thermo, temperatureK: number, x: Float64Array): Float64Array {
  const n = x.length;
  const mu = new Float64Array(n);
  thermoChemistry(thermo).chemicalPotentials(thermo.atTemperature(temperatureK), x, new Float64Array(n), mu);
  return mu;
}

export interface PhaseDrivingForce {
  name: string;
  drivingForceJPerMol: number;
  precipitateComposition: Float64Array;
}

export function drivingForces(
  thermo: Thermo,
  temperatureK: number,
  x: Float64Array,
  phases: string[],
): PhaseDrivingForce[] {
  const mu = chemicalPotentials(thermo, temperatureK, x);
  const at = thermo.atTemperature(temperatureK);
  const chemistry = thermoChemistry(thermo);
  return phases.map((name) => {
    const compound = thermo.system.compound(name);
    return {
      name,
      drivingForceJPerMol: chemistry.drivingForce(compound.composition, at.gibbsOf(compound), mu),
      precipitateComposition: compound.composition,
    };
  });
}

/** Tie-line and curvature evaluations of one precipitate of `thermo`'s system (no allocation per call). */
export function createPhaseKinetics(thermo: Thermo, name: string): PhaseKinetics {
  return thermoChemistry(thermo).phaseKinetics(name);
}
