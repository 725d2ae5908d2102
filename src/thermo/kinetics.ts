// What a run reads of the composition-dependent thermodynamics (thermo.md §3-§5): the matrix's chemical
// potentials and each precipitate's tie-line kinetics, computed by the kernel module (assembly/thermo.ts,
// seen through module/chemistry.ts), whichever its target.
import type { CompoundModel } from './system.js';
import type { MobilityAtT } from './mobility.js';
import type { SolutionAtT } from './solution.js';

/** Everything that depends on temperature alone, evaluated once per temperature. */
export interface ThermoAtT {
  temperatureK: number;
  matrix: SolutionAtT;
  mobility: MobilityAtT;
  gibbsOf(compound: CompoundModel): number;
}

export interface CurvatureResult {
  /** 1 / (x̄ᵀ M⁻¹ x̄), mol·m²/(J·s). */
  mc: number;
  /** (D^ref)⁻¹ x̄ / den per solute, mol/J. */
  dc: Float64Array;
  /** Impingement diffusion factor β, m²/s. */
  betaImpingement: number;
}

/** Repeated tie-line + curvature evaluations of one precipitate (no allocation per call). */
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
  /** What the next update() starts from (λ, x^α, the curvature output), as a copy. */
  saveState(): Float64Array;
  restoreState(saved: Float64Array): void;
}

/** The chemical potentials of the matrix and each phase's tie-line kinetics, for one system. */
export interface RunThermo {
  chemicalPotentials(at: ThermoAtT, x: ArrayLike<number>, grad: Float64Array, mu: Float64Array): void;
  phaseKinetics(name: string): PhaseKinetics;
  /** ΔG = Σ_i x^β_i μ_i − G^β, J per mole of atoms of precipitate; > 0 favours precipitation. */
  drivingForce(compositionBeta: Float64Array, gibbsBeta: number, mu: ArrayLike<number>): number;
  /** Multiplies each element's mobility (system element order) by a factor (kawin's mobility correction). */
  setMobilityFactors(factors: ArrayLike<number>): void;
}

/** What every PhaseKinetics keeps between updates, and its copy. */
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
