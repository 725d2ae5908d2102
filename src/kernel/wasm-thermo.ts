// The WebAssembly kernel's thermodynamics (assembly/thermo.ts) seen from the host: half of the one typed
// wrapper (wasm.ts builds it; nothing else touches the module). The host keeps evaluating what depends on
// T alone (src/thermo: the TDB expressions, once per temperature) and writes it into the kernel's block
// when a step's temperature differs from the last; the kernel computes the chemical potentials, tie-lines
// and curvature factors of every step with the host's operations, so the same bits as src/thermo
// (tests/thermo/wasm-thermo.test.ts). Why: that code, in JavaScript, was what V8 spent most of a page's
// first preview compiling and recompiling (Chromium's optimizing compiler threads).
import { MIN_SITE_FRACTION, R_KAWIN, R_PYCALPHAD } from '../thermo/constants.js';
import {
  PhaseKineticsBase,
  type CompoundModel,
  type PhaseKinetics,
  type RunThermo,
  type ThermoAtT,
  type ThermoSystem,
} from '../thermo/index.js';

export interface ThermoExports {
  memory: WebAssembly.Memory;
  thermoBlock(): number;
  thermoLayout(slot: number): number;
  thermoSystem(
    elements: number,
    balance: number,
    mobilityTerms: number,
    rPycalphad: number,
    rKawin: number,
    minSiteFraction: number,
  ): void;
  thermoTemperature(temperatureK: number, terms: number): void;
  chemicalPotentials(): void;
  kinetics(gibbsBeta: number, offset: number, lambdaGuess: number): number;
}

/** Slots of thermoLayout (assembly/thermo-block.ts): capacities, then offsets (doubles) in the block. */
const enum Slot {
  MaxElements,
  MaxTerms,
  BlockDoubles,
  X,
  XB,
  G0,
  Terms,
  MobilityTerms,
  MobilityValues,
  Grad,
  Mu,
  Trial,
  XAlpha,
  Dc,
  Curvature,
}

/** The block's offsets, read from the module once. */
class Layout {
  readonly maxElements: number;
  readonly maxTerms: number;
  readonly doubles: number;
  readonly x: number;
  readonly xb: number;
  readonly g0: number;
  readonly terms: number;
  readonly mobilityTerms: number;
  readonly mobilityValues: number;
  readonly grad: number;
  readonly mu: number;
  readonly trial: number;
  readonly xAlpha: number;
  readonly dc: number;
  readonly curvature: number;
  constructor(at: (slot: Slot) => number) {
    this.maxElements = at(Slot.MaxElements);
    this.maxTerms = at(Slot.MaxTerms);
    this.doubles = at(Slot.BlockDoubles);
    this.x = at(Slot.X);
    this.xb = at(Slot.XB);
    this.g0 = at(Slot.G0);
    this.terms = at(Slot.Terms);
    this.mobilityTerms = at(Slot.MobilityTerms);
    this.mobilityValues = at(Slot.MobilityValues);
    this.grad = at(Slot.Grad);
    this.mu = at(Slot.Mu);
    this.trial = at(Slot.Trial);
    this.xAlpha = at(Slot.XAlpha);
    this.dc = at(Slot.Dc);
    this.curvature = at(Slot.Curvature);
  }
}

/** A kernel's thermodynamics bound to one system; classes so that V8's call sites stay monomorphic. */
export class WasmRunThermo implements RunThermo {
  private readonly layout: Layout;
  private view = new Float64Array(0);
  private loaded: ThermoAtT | undefined;
  private system: ThermoSystem | undefined;
  private n = 0;

  constructor(private readonly ex: ThermoExports) {
    this.layout = new Layout((slot) => ex.thermoLayout(slot));
  }

  /** The block's view, remade only when the memory has grown (the old one then has length 0: wasm.ts). */
  private block(): Float64Array {
    if (this.view.length === 0)
      this.view = new Float64Array(this.ex.memory.buffer, this.ex.thermoBlock(), this.layout.doubles);
    return this.view;
  }

  /** Loads the system's constant data; false when it exceeds the kernel's capacity (the host's is used). */
  bind(system: ThermoSystem): boolean {
    const { maxElements, maxTerms } = this.layout;
    const n = system.elements.length;
    const mobility = system.mobilityTerms;
    if (n < 2 || n > maxElements) return false;
    if (system.matrix.binaries.length > maxTerms || mobility.length > maxTerms) return false;
    // The kernel derives the solutes (every element but the balance one, in order: system.ts's).
    const v = this.block();
    const L = this.layout;
    mobility.forEach((term, k) => {
      const o = L.mobilityTerms + 5 * k;
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
    return true;
  }

  /** Writes a temperature's coefficients, unless they are the ones the kernel holds. */
  load(at: ThermoAtT): Float64Array {
    const v = this.block();
    if (at === this.loaded) return v;
    const L = this.layout;
    const { matrix, mobility } = at;
    v.set(matrix.g0, L.g0);
    const active = matrix.active;
    for (let k = 0; k < active.length; k++) {
      const o = L.terms + 4 * k;
      v[o] = active[k].i;
      v[o + 1] = active[k].j;
      v[o + 2] = active[k].order;
      v[o + 3] = active[k].l;
    }
    v.set(mobility.values, L.mobilityValues);
    // One temperature: SolutionAtT and MobilityAtT of a ThermoAtT are made at the same one.
    this.ex.thermoTemperature(matrix.temperatureK, active.length);
    this.loaded = at;
    return v;
  }

  chemicalPotentials(at: ThermoAtT, x: ArrayLike<number>, grad: Float64Array, mu: Float64Array): void {
    const v = this.load(at);
    const L = this.layout;
    for (let i = 0; i < this.n; i++) v[L.x + i] = x[i];
    this.ex.chemicalPotentials();
    for (let i = 0; i < this.n; i++) {
      grad[i] = v[L.grad + i];
      mu[i] = v[L.mu + i];
    }
  }

  phaseKinetics(name: string): PhaseKinetics {
    if (!this.system) throw new Error("the kernel's thermodynamics are not bound to a system");
    return new WasmPhaseKinetics(this, this.system.compound(name), this.n);
  }

  /**
   * Tie-line and curvature factors at x for `k`: λ, or NaN when there is none. `trial` is the phase's
   * x^α of its last solve, in and out (as the host's PhaseKinetics keeps it).
   */
  solve(at: ThermoAtT, x: ArrayLike<number>, k: WasmPhaseKinetics, gOffset: number, trial: Float64Array) {
    const v = this.load(at);
    const L = this.layout;
    const xb = k.compound.composition;
    for (let i = 0; i < this.n; i++) {
      v[L.x + i] = x[i];
      v[L.xb + i] = xb[i];
      v[L.trial + i] = trial[i];
    }
    const lambda = this.ex.kinetics(at.gibbsOf(k.compound), gOffset, k.lambda);
    for (let i = 0; i < this.n; i++) trial[i] = v[L.trial + i];
    if (Number.isNaN(lambda)) return lambda;
    for (let i = 0; i < this.n; i++) k.xAlpha[i] = v[L.xAlpha + i];
    const c = k.curvature;
    for (let a = 0; a < c.dc.length; a++) c.dc[a] = v[L.dc + a];
    c.mc = v[L.curvature];
    c.betaImpingement = v[L.curvature + 1];
    return lambda;
  }
}

class WasmPhaseKinetics extends PhaseKineticsBase {
  constructor(
    private readonly thermo: WasmRunThermo,
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
