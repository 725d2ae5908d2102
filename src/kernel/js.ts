// The plain TypeScript implementation of the kernel interface (the "JS solver"). Mirrors assembly/index.ts.
import { AVOGADRO, BOLTZMANN } from '../thermo/constants.js';
import {
  advanceGrid,
  createGrid,
  fluxesAndLimit,
  growingSurfaceRate,
  layOut,
  type PhaseGrid,
} from './js-grid.js';
import { commitGrid } from './js-regrid.js';
import { appendHistory, createHistory, incubationTime, type IncubationHistory } from './js-history.js';
import { cloneFields, copyFields } from './js-state.js';
import { OUT, OUT_STRIDE, type Kernel, type KernelSetup, type KernelState } from './types.js';
import { exp } from '../thermo/math.js';

const SPHERE_VOLUME_FACTOR = (4 * Math.PI) / 3;
const SPHERE_AREA_FACTOR = 4 * Math.PI;
const MIN_NUCLEATED_DENSITY = 1e-10;

/** Copies of everything a run changes: the grids, the history, each phase's β* and the output slots. */
interface JsKernelState extends KernelState {
  readonly kernel: 'js';
  readonly grids: PhaseGrid[];
  readonly history: IncubationHistory;
  readonly betaNow: Float64Array;
  readonly slots: Float64Array;
}

/** The TypeScript kernel; a class so that every run shares its methods (keeps V8's call sites monomorphic). */
class JsKernel implements Kernel {
  readonly name = 'js' as const;
  private config!: KernelSetup;
  private grids: PhaseGrid[] = [];
  private gamma = new Float64Array(0);
  private molarVolume = new Float64Array(0);
  private betaNow = new Float64Array(0);
  private history: IncubationHistory = createHistory(1);
  private slots = new Float64Array(0);

  get out(): Float64Array {
    return this.slots;
  }

  setup(s: KernelSetup): void {
    this.config = { ...s };
    this.grids = Array.from({ length: s.phaseCount }, () => createGrid());
    this.gamma = new Float64Array(s.phaseCount);
    this.molarVolume = new Float64Array(s.phaseCount);
    this.betaNow = new Float64Array(s.phaseCount);
    this.history = createHistory(s.phaseCount);
    this.slots = new Float64Array(s.phaseCount * OUT_STRIDE);
    for (let p = 0; p < s.phaseCount; p++) this.resetGrid(p);
  }

  setPhase(p: number, interfacialEnergy: number, vm: number): void {
    this.gamma[p] = interfacialEnergy;
    this.molarVolume[p] = vm;
  }

  isEmpty(p: number): boolean {
    return !this.grids[p].occupied;
  }

  resetGrid(p: number): void {
    const g = this.grids[p];
    const c = this.config;
    if (g.original && !g.occupied) {
      this.clearGrowth(p);
      return;
    }
    layOut(g, c.gridMinM, Math.max(10 * c.gridMinM, c.gridMaxM), c.bins);
    g.psd.fill(0, 0, c.bins);
    g.next.fill(0, 0, c.bins);
    this.clearGrowth(p);
    g.dissolutionIndex = 0;
    g.original = true;
    g.occupied = false;
    g.lo = 0;
    g.hi = -1;
  }

  clearGrowth(p: number): void {
    this.grids[p].growth.fill(0, 0, this.grids[p].bins + 1);
  }

  setGrowth(p: number, mc: number, drivingForceJPerMol: number): void {
    const g = this.grids[p];
    const gibbsThomson = 2 * this.gamma[p] * this.molarVolume[p];
    for (let j = 0; j <= g.bins; j++) {
      const inv = g.invBound[j];
      g.growth[j] = mc * inv * (drivingForceJPerMol - gibbsThomson * inv);
    }
  }

  prepare(p: number): number {
    return fluxesAndLimit(this.grids[p]);
  }

  volumeRate(p: number, nucleationRate: number, nucleusRadiusM: number): number {
    const ratio = this.config.matrixMolarVolume / this.molarVolume[p];
    const r = nucleusRadiusM;
    return (
      ratio *
      (SPHERE_AREA_FACTOR * growingSurfaceRate(this.grids[p]) +
        SPHERE_VOLUME_FACTOR * nucleationRate * (r * r * r))
    );
  }

  advance(p: number, dt: number, nucleationRate: number, nucleusRadiusM: number): void {
    advanceGrid(
      this.grids[p],
      dt,
      nucleationRate,
      nucleusRadiusM,
      this.config.minRadiusM,
      this.slots,
      p * OUT_STRIDE,
    );
  }

  nucleate(
    p: number,
    temperatureK: number,
    timeS: number,
    drivingForceJPerM3: number,
    betaImpingement: number,
    sites: number,
  ): number {
    const out = this.slots;
    const minRadiusM = this.config.minRadiusM;
    const g = this.gamma[p];
    const vm = this.molarVolume[p];
    const kT = BOLTZMANN * temperatureK;
    const rCrit = Math.max((2 * g) / drivingForceJPerM3, minRadiusM);
    const gCrit = SPHERE_VOLUME_FACTOR * g * rCrit * rCrit;
    const a = this.config.latticeParameterM;
    const beta = (betaImpingement * SPHERE_AREA_FACTOR * rCrit * rCrit) / (a * a * a * a);
    const o = p * OUT_STRIDE;
    if (beta === 0) return out[o + OUT.nucleationRate]; // kawin keeps the previous values
    const z =
      (Math.sqrt((3 * SPHERE_VOLUME_FACTOR) / (4 * Math.PI)) * vm * Math.sqrt(g / kT)) /
      (2 * Math.PI * AVOGADRO * rCrit * rCrit);
    const tau = incubationTime(this.history, p, timeS, temperatureK, beta, z);
    const incubation = timeS > 0 ? Math.min(exp(-tau / timeS), 1) : tau > 0 ? 0 : 1;
    let rate = z * beta * exp(-gCrit / kT) * incubation;
    rate *= Math.max(sites, 0);
    const n = this.history.records - 1;
    const dtPrev = n === 0 ? timeS : this.history.times[n] - this.history.times[n - 1];
    const nucleus =
      rate * dtPrev >= MIN_NUCLEATED_DENSITY && rCrit >= minRadiusM
        ? rCrit + 0.5 * Math.sqrt(kT / (Math.PI * g))
        : 0;
    out[o + OUT.nucleationRate] = rate;
    out[o + OUT.nucleusRadius] = nucleus;
    out[o + OUT.criticalRadius] = rCrit;
    out[o + OUT.criticalEnergy] = gCrit;
    out[o + OUT.impingement] = beta;
    this.betaNow[p] = beta;
    return rate;
  }

  commit(p: number): number {
    const c = this.config;
    return commitGrid(this.grids[p], c.bins, c.minBins, c.maxBins, c.minRadiusM) ? 1 : 0;
  }

  appendRecord(timeS: number, temperatureK: number): void {
    appendHistory(this.history, timeS, temperatureK, this.betaNow);
  }

  saveState(): JsKernelState {
    return {
      kernel: 'js',
      phaseCount: this.grids.length,
      grids: this.grids.map(cloneFields),
      history: cloneFields(this.history),
      betaNow: this.betaNow.slice(),
      slots: this.slots.slice(),
    };
  }

  restoreState(state: KernelState): void {
    if (state.kernel !== 'js' || state.phaseCount !== this.grids.length) {
      throw new Error(`cannot restore a ${state.kernel} state of ${state.phaseCount} phases`);
    }
    const saved = state as JsKernelState;
    saved.grids.forEach((grid, p) => copyFields(grid, this.grids[p]));
    copyFields(saved.history, this.history);
    this.betaNow.set(saved.betaNow);
    this.slots.set(saved.slots);
  }

  bins(p: number): number {
    return this.grids[p].bins;
  }
  psd(p: number): Float64Array {
    return this.grids[p].psd.slice(0, this.grids[p].bins);
  }
  bounds(p: number): Float64Array {
    return this.grids[p].bounds.slice(0, this.grids[p].bins + 1);
  }
}

export function createJsKernel(): Kernel {
  return new JsKernel();
}
