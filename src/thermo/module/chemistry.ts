// The module's thermodynamics (assembly/thermo.ts) seen from the host, over an instance of either target:
// the kernel's own for a run (src/kernel/instance.ts), or a JavaScript one for the thermodynamics facade
// (src/thermo/index.ts). Nothing else touches the module's thermodynamic block. The host keeps evaluating what depends on
// T alone (src/thermo: the TDB expressions, once per temperature) and writes it into the kernel's block
// when a step's temperature differs from the last; the kernel computes the chemical potentials, tie-lines
// and curvature factors of every step. Why in the kernel: that code, in JavaScript, was what V8 spent most
// of a page's first preview compiling and recompiling (Chromium's optimizing compiler threads).
import { MIN_SITE_FRACTION, R_KAWIN, R_PYCALPHAD } from '../constants.js';
import { PhaseKineticsBase, type PhaseKinetics, type RunThermo, type ThermoAtT } from '../kinetics.js';
import type { CompoundModel, ThermoSystem } from '../system.js';
import type { KernelExports, KernelLayout } from './exports.js';

/** A kernel's thermodynamics bound to one system; classes so that V8's call sites stay monomorphic. */
export class ModuleRunThermo implements RunThermo {
  private view = new Float64Array(0);
  private loaded: ThermoAtT | undefined;
  private system: ThermoSystem | undefined;
  private n = 0;

  constructor(
    private readonly ex: KernelExports,
    private readonly layout: KernelLayout,
  ) {}

  /** The block's view, remade only when the memory has grown (the old one then has length 0: src/kernel/instance.ts). */
  private block(): Float64Array {
    if (this.view.length === 0)
      this.view = new Float64Array(
        this.ex.memory.buffer,
        this.ex.thermoBlock(),
        this.layout.THERMO_BLOCK_DOUBLES,
      );
    return this.view;
  }

  /** Loads the system's constant data; throws when it exceeds the kernel's capacity. */
  bind(system: ThermoSystem): void {
    const { MAX_ELEMENTS, MAX_TERMS } = this.layout;
    const n = system.elements.length;
    const mobility = system.mobilityTerms;
    if (n < 2 || n > MAX_ELEMENTS) {
      throw new Error(`the matrix has ${n} elements; the kernel takes 2 to ${MAX_ELEMENTS}`);
    }
    const terms = Math.max(system.matrix.binaries.length, mobility.length);
    if (terms > MAX_TERMS) {
      throw new Error(`the matrix has ${terms} interaction or mobility terms; the kernel takes ${MAX_TERMS}`);
    }
    // The kernel derives the solutes (every element but the balance one, in order: system.ts's).
    const v = this.block();
    const L = this.layout;
    mobility.forEach((term, k) => {
      const o = L.THERMO_MOBILITY_TERMS + 5 * k;
      v[o] = term.diffuser;
      v[o + 1] = term.species.length;
      v[o + 2] = term.species[0] ?? 0;
      v[o + 3] = term.species[1] ?? 0;
      v[o + 4] = term.order;
    });
    this.ex.thermoSystem(n, system.balance, mobility.length, R_PYCALPHAD, R_KAWIN, MIN_SITE_FRACTION);
    this.n = n;
    this.system = system;
    this.loaded = undefined;
  }

  /** Each element's mobility factor (system element order), until the next bind() sets them to 1. */
  setMobilityFactors(factors: ArrayLike<number>): void {
    this.block().set(factors, this.layout.THERMO_MOBILITY_FACTOR);
  }

  /** Writes a temperature's coefficients, unless they are the ones the kernel holds. */
  load(at: ThermoAtT): Float64Array {
    const v = this.block();
    if (at === this.loaded) return v;
    const L = this.layout;
    const { matrix, mobility } = at;
    v.set(matrix.g0, L.THERMO_G0);
    const active = matrix.active;
    for (let k = 0; k < active.length; k++) {
      const o = L.THERMO_TERMS + 4 * k;
      v[o] = active[k].i;
      v[o + 1] = active[k].j;
      v[o + 2] = active[k].order;
      v[o + 3] = active[k].l;
    }
    v.set(mobility.values, L.THERMO_MOBILITY_VALUES);
    // One temperature: SolutionAtT and MobilityAtT of a ThermoAtT are made at the same one.
    this.ex.thermoTemperature(matrix.temperatureK, active.length);
    this.loaded = at;
    return v;
  }

  chemicalPotentials(at: ThermoAtT, x: ArrayLike<number>, grad: Float64Array, mu: Float64Array): void {
    const v = this.load(at);
    const L = this.layout;
    for (let i = 0; i < this.n; i++) v[L.THERMO_X + i] = x[i];
    this.ex.chemicalPotentials();
    for (let i = 0; i < this.n; i++) {
      grad[i] = v[L.THERMO_GRAD + i];
      mu[i] = v[L.THERMO_MU + i];
    }
  }

  drivingForce(compositionBeta: Float64Array, gibbsBeta: number, mu: ArrayLike<number>): number {
    const v = this.block();
    const L = this.layout;
    for (let i = 0; i < compositionBeta.length; i++) {
      v[L.THERMO_XB + i] = compositionBeta[i];
      v[L.THERMO_MU + i] = mu[i];
    }
    return this.ex.drivingForceAtMu(gibbsBeta, compositionBeta.length);
  }

  phaseKinetics(name: string): PhaseKinetics {
    if (!this.system) throw new Error("the kernel's thermodynamics are not bound to a system");
    return new ModulePhaseKinetics(this, this.system.compound(name), this.n);
  }

  /**
   * Tie-line and curvature factors at x for `k`: λ, or NaN when there is none. `trial` is the phase's
   * x^α of its last solve, in and out (as the host's PhaseKinetics keeps it).
   */
  solve(at: ThermoAtT, x: ArrayLike<number>, k: ModulePhaseKinetics, gOffset: number, trial: Float64Array) {
    const v = this.load(at);
    const L = this.layout;
    const xb = k.compound.composition;
    for (let i = 0; i < this.n; i++) {
      v[L.THERMO_X + i] = x[i];
      v[L.THERMO_XB + i] = xb[i];
      v[L.THERMO_TRIAL + i] = trial[i];
    }
    const lambda = this.ex.kinetics(at.gibbsOf(k.compound), gOffset, k.lambda);
    for (let i = 0; i < this.n; i++) trial[i] = v[L.THERMO_TRIAL + i];
    if (Number.isNaN(lambda)) return lambda;
    for (let i = 0; i < this.n; i++) k.xAlpha[i] = v[L.THERMO_X_ALPHA + i];
    const c = k.curvature;
    for (let a = 0; a < c.dc.length; a++) c.dc[a] = v[L.THERMO_DC + a];
    c.mc = v[L.THERMO_CURVATURE];
    c.betaImpingement = v[L.THERMO_CURVATURE + 1];
    return lambda;
  }
}

class ModulePhaseKinetics extends PhaseKineticsBase {
  constructor(
    private readonly thermo: ModuleRunThermo,
    compound: CompoundModel,
    elementCount: number,
  ) {
    super(compound, elementCount);
  }

  update(at: ThermoAtT, x: ArrayLike<number>, gOffsetJPerMol: number): boolean {
    const lambda = this.thermo.solve(at, x, this, gOffsetJPerMol, this.trialAlpha);
    if (Number.isNaN(lambda)) return false;
    this.lambda = lambda;
    return true;
  }
}
