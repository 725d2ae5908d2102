// The thermodynamics facade: parse a TDB once, then ask for driving forces, tie-lines and curvature factors.
// Browser-safe: no Node APIs.
import {
  curvatureFactors,
  curvatureScratch,
  type CurvatureResult,
  type CurvatureScratch,
} from './curvature.js';
import { drivingForce, solveTieLine, tieLineScratch, type TieLineScratch } from './equilibrium.js';
import { mobilityAtT, type MobilityAtT } from './mobility.js';
import { solutionAtT, solutionChemicalPotentials, type SolutionAtT } from './solution.js';
import { createThermoSystem, type CompoundModel, type SystemOptions, type ThermoSystem } from './system.js';
import { parseTdb } from './tdb/parse.js';
import type { TdbDatabase } from './tdb/types.js';

export { TdbError } from './tdb/source.js';
export type { CompoundModel, ThermoSystem } from './system.js';
export type { CurvatureResult } from './curvature.js';

/** Everything that depends on temperature alone, evaluated once per temperature. */
export interface ThermoAtT {
  temperatureK: number;
  matrix: SolutionAtT;
  mobility: MobilityAtT;
  gibbsOf(compound: CompoundModel): number;
}

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

export function chemicalPotentials(thermo: Thermo, temperatureK: number, x: Float64Array): Float64Array {
  const n = x.length;
  const mu = new Float64Array(n);
  solutionChemicalPotentials(thermo.atTemperature(temperatureK).matrix, x, new Float64Array(n), mu);
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
  return phases.map((name) => {
    const compound = thermo.system.compound(name);
    return {
      name,
      drivingForceJPerMol: drivingForce(compound.composition, at.gibbsOf(compound), mu),
      precipitateComposition: compound.composition,
    };
  });
}

/** Scratch for repeated tie-line + curvature evaluations of one precipitate (no allocation per call). */
export interface PhaseKinetics {
  compound: CompoundModel;
  xAlpha: Float64Array;
  curvature: CurvatureResult;
  lambda: number;
  /**
   * Tie-line at x with the given offset, then the curvature factors at x^α. False when no tie-line exists;
   * the previous results are then left in place (kawin reuses its previous curvature output).
   */
  update(at: ThermoAtT, x: ArrayLike<number>, gOffsetJPerMol: number): boolean;
  /** What the next update() starts from (λ, x^α, the curvature output), for a checkpoint of a run. */
  saveState(): Float64Array;
  restoreState(saved: Float64Array): void;
}

/** What every PhaseKinetics keeps between steps, and its checkpoint copy (the host's and a kernel's). */
export abstract class PhaseKineticsBase implements PhaseKinetics {
  readonly xAlpha: Float64Array;
  readonly curvature: CurvatureResult;
  lambda = NaN;
  /** x^α of the last tie-line solve, found or not. */
  protected readonly trialAlpha: Float64Array;

  constructor(
    readonly compound: CompoundModel,
    elementCount: number,
  ) {
    this.xAlpha = new Float64Array(elementCount);
    this.curvature = { mc: 0, dc: new Float64Array(elementCount - 1), betaImpingement: 0 };
    this.trialAlpha = new Float64Array(elementCount);
  }

  abstract update(at: ThermoAtT, x: ArrayLike<number>, gOffsetJPerMol: number): boolean;

  saveState(): Float64Array {
    const { curvature: c, xAlpha, trialAlpha } = this;
    const saved = new Float64Array(3 + c.dc.length + 2 * xAlpha.length);
    saved.set([this.lambda, c.mc, c.betaImpingement]);
    saved.set(c.dc, 3);
    saved.set(xAlpha, 3 + c.dc.length);
    saved.set(trialAlpha, 3 + c.dc.length + xAlpha.length);
    return saved;
  }

  restoreState(saved: Float64Array): void {
    const { curvature: c, xAlpha, trialAlpha } = this;
    [this.lambda, c.mc, c.betaImpingement] = saved;
    let at = 3;
    for (const target of [c.dc, xAlpha, trialAlpha]) {
      target.set(saved.subarray(at, at + target.length));
      at += target.length;
    }
  }
}

class PhaseKineticsState extends PhaseKineticsBase {
  private readonly tieScratch: TieLineScratch;
  private readonly curvScratch: CurvatureScratch;

  constructor(
    private readonly system: ThermoSystem,
    name: string,
  ) {
    const n = system.elements.length;
    super(system.compound(name), n);
    this.tieScratch = tieLineScratch(n);
    this.curvScratch = curvatureScratch(n);
  }

  update(at: ThermoAtT, x: ArrayLike<number>, gOffsetJPerMol: number): boolean {
    const { compound, system } = this;
    const gibbs = at.gibbsOf(compound);
    const lambda = solveTieLine(
      at.matrix,
      compound,
      gibbs,
      x,
      gOffsetJPerMol,
      this.trialAlpha,
      this.tieScratch,
      this.lambda,
    );
    if (Number.isNaN(lambda)) return false;
    this.lambda = lambda;
    this.xAlpha.set(this.trialAlpha);
    curvatureFactors(
      at.matrix,
      system.mobilityTerms,
      at.mobility,
      this.xAlpha,
      compound.composition,
      system.solutes,
      system.balance,
      this.curvScratch,
      this.curvature,
    );
    return true;
  }
}

export function createPhaseKinetics(thermo: Thermo, name: string): PhaseKinetics {
  return new PhaseKineticsState(thermo.system, name);
}

/**
 * The composition-dependent thermodynamics of a run's steps: the matrix's chemical potentials and each
 * phase's tie-line kinetics. The host's own (below), or a kernel's (Kernel.runThermo) with the same bits.
 */
export interface RunThermo {
  chemicalPotentials(at: ThermoAtT, x: ArrayLike<number>, grad: Float64Array, mu: Float64Array): void;
  phaseKinetics(name: string): PhaseKinetics;
}

class HostRunThermo implements RunThermo {
  constructor(private readonly thermo: Thermo) {}
  chemicalPotentials(at: ThermoAtT, x: ArrayLike<number>, grad: Float64Array, mu: Float64Array): void {
    solutionChemicalPotentials(at.matrix, x, grad, mu);
  }
  phaseKinetics(name: string): PhaseKinetics {
    return createPhaseKinetics(this.thermo, name);
  }
}

export function hostRunThermo(thermo: Thermo): RunThermo {
  return new HostRunThermo(thermo);
}
