// The one typed wrapper around the WebAssembly kernel (build/kernel.wasm, from assembly/). Nothing else
// touches the module. Views over its memory are made once and remade only when the memory grows.
import { exp } from '../thermo/math.js';
import { OUT_STRIDE, type Kernel, type KernelSetup } from './types.js';

interface KernelExports {
  memory: WebAssembly.Memory;
  setup(
    phases: number,
    minRadius: number,
    gridMin: number,
    gridMax: number,
    bins: number,
    minBins: number,
    maxBins: number,
    lattice: number,
    vmMatrix: number,
  ): void;
  setPhase(p: number, gamma: number, vm: number): void;
  isEmpty(p: number): number;
  resetGrid(p: number): void;
  clearGrowth(p: number): void;
  setGrowth(p: number, mc: number, drivingForceJPerMol: number): void;
  prepare(p: number): number;
  volumeRate(p: number, nucleationRate: number, nucleusRadiusM: number): number;
  advance(p: number, dt: number, nucleationRate: number, nucleusRadiusM: number): void;
  nucleate(
    p: number,
    temperatureK: number,
    timeS: number,
    drivingForceJPerM3: number,
    beta: number,
    sites: number,
  ): number;
  commit(p: number): number;
  appendRecord(timeS: number, temperatureK: number): void;
  binsOf(p: number): number;
  psdPtr(p: number): number;
  boundsPtr(p: number): number;
  outPtr(): number;
}

const imports = {
  env: {
    // The engine's own exp (not Math.exp, which differs between JavaScript engines), so the kernel, the
    // TypeScript solver, the service and the browser all give the same bits.
    exp,
    abort(): never {
      throw new Error('WebAssembly kernel aborted');
    },
  },
};

/** Instantiates a compiled kernel module (compile once, instantiate per run or per worker). */
export function createWasmKernel(module: WebAssembly.Module): Kernel {
  const instance = new WebAssembly.Instance(module, imports);
  const ex = instance.exports as unknown as KernelExports;
  let phaseCount = 0;
  let buffer: ArrayBuffer | undefined;
  let out = new Float64Array(0);
  const refreshViews = () => {
    if (ex.memory.buffer === buffer) return;
    buffer = ex.memory.buffer;
    out = new Float64Array(buffer, ex.outPtr(), phaseCount * OUT_STRIDE);
  };
  const copyOut = (ptr: number, length: number) => new Float64Array(ex.memory.buffer, ptr, length).slice();

  return {
    name: 'wasm',
    get out() {
      return out;
    },
    setup(s: KernelSetup) {
      phaseCount = s.phaseCount;
      ex.setup(
        s.phaseCount,
        s.minRadiusM,
        s.gridMinM,
        s.gridMaxM,
        s.bins,
        s.minBins,
        s.maxBins,
        s.latticeParameterM,
        s.matrixMolarVolume,
      );
      buffer = undefined;
      refreshViews();
    },
    setPhase: (p, gamma, vm) => ex.setPhase(p, gamma, vm),
    isEmpty: (p) => ex.isEmpty(p) !== 0,
    resetGrid: (p) => ex.resetGrid(p),
    clearGrowth: (p) => ex.clearGrowth(p),
    setGrowth: (p, mc, dg) => ex.setGrowth(p, mc, dg),
    prepare: (p) => ex.prepare(p),
    volumeRate: (p, rate, radius) => ex.volumeRate(p, rate, radius),
    advance: (p, dt, rate, radius) => ex.advance(p, dt, rate, radius),
    nucleate: (p, t, time, dg, beta, sites) => ex.nucleate(p, t, time, dg, beta, sites),
    commit: (p) => ex.commit(p),
    appendRecord(timeS, temperatureK) {
      ex.appendRecord(timeS, temperatureK);
      refreshViews(); // the history may have grown the memory
    },
    bins: (p) => ex.binsOf(p),
    psd: (p) => copyOut(ex.psdPtr(p), ex.binsOf(p)),
    bounds: (p) => copyOut(ex.boundsPtr(p), ex.binsOf(p) + 1),
  };
}
