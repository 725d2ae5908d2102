// The plain TypeScript implementation of the kernel interface (the "JS solver").
import { AVOGADRO, BOLTZMANN } from '../thermo/constants.js';
import {
  advanceGrid,
  computeFluxes,
  createGrid,
  layOut,
  psdTimeLimit,
  regrid,
  type PhaseGrid,
} from './js-grid.js';
import { appendHistory, createHistory, incubationTime, type IncubationHistory } from './js-history.js';
import { OUT, OUT_STRIDE, type Kernel, type KernelSetup } from './types.js';

const SPHERE_VOLUME_FACTOR = (4 * Math.PI) / 3;
const SPHERE_AREA_FACTOR = 4 * Math.PI;
const MIN_NUCLEATED_DENSITY = 1e-10;

export function createJsKernel(): Kernel {
  let setup: KernelSetup;
  let grids: PhaseGrid[] = [];
  let gamma = new Float64Array(0);
  let molarVolume = new Float64Array(0);
  let betaNow = new Float64Array(0);
  let history: IncubationHistory = createHistory(1);
  let out = new Float64Array(0);

  const zeroGrowth = (g: PhaseGrid) => g.growth.fill(0, 0, g.bins + 1);

  /** kawin's adjustSizeClassesEuler (kwn.md §6.5); true when the grid changed. */
  const adjust = (g: PhaseGrid): boolean => {
    // kawin tests all(G < 0) on the growth rates of the grid as it was before any bins are added.
    let dissolving = true;
    for (let j = 0; j <= g.bins; j++) if (!(g.growth[j] < 0)) dissolving = false;
    let changed = false;
    if (g.psd[g.bins - 1] > 1) {
      const added = Math.trunc(setup.bins / 4);
      const width = g.bounds[1] - g.bounds[0];
      g.psd.fill(0, g.bins, g.bins + added);
      layOut(g, g.minM, g.maxM + added * width, g.bins + added);
      changed = true;
    }
    if (g.bins > setup.maxBins) {
      regrid(g, g.bounds[0], g.bounds[g.bins], setup.minBins);
      return true;
    }
    if (dissolving && g.bounds[g.bins] > 10 * g.bounds[0]) {
      let lastOccupied = -1;
      for (let i = 0; i < g.bins; i++) if (g.psd[i] > 1) lastOccupied = i;
      if (lastOccupied >= 0 && g.size[lastOccupied] < g.size[Math.trunc(setup.minBins / 2)]) {
        regrid(g, g.bounds[0], g.bounds[lastOccupied + 1], setup.maxBins);
        changed = true;
      }
    }
    return changed;
  };

  const dissolutionIndex = (g: PhaseGrid): number => {
    let total = 0;
    for (let i = 0; i < g.bins; i++) total += g.psd[i] * g.size[i] * g.size[i] * g.size[i];
    const threshold = 1e-3 * total;
    let running = 0;
    for (let i = 0; i < g.bins; i++) {
      running += g.psd[i] * g.size[i] * g.size[i] * g.size[i];
      if (running > threshold) return i;
    }
    return 0;
  };

  const kernel: Kernel = {
    name: 'js',
    get out() {
      return out;
    },
    setup(s) {
      setup = { ...s };
      grids = Array.from({ length: s.phaseCount }, createGrid);
      gamma = new Float64Array(s.phaseCount);
      molarVolume = new Float64Array(s.phaseCount);
      betaNow = new Float64Array(s.phaseCount);
      history = createHistory(s.phaseCount);
      out = new Float64Array(s.phaseCount * OUT_STRIDE);
      for (let p = 0; p < s.phaseCount; p++) kernel.resetGrid(p);
    },
    setPhase(p, interfacialEnergy, vm) {
      gamma[p] = interfacialEnergy;
      molarVolume[p] = vm;
    },
    resetGrid(p) {
      const g = grids[p];
      if (g.original && kernel.isEmpty(p)) {
        zeroGrowth(g);
        return;
      }
      layOut(g, setup.gridMinM, Math.max(10 * setup.gridMinM, setup.gridMaxM), setup.bins);
      g.psd.fill(0);
      g.next.fill(0);
      zeroGrowth(g);
      g.dissolutionIndex = 0;
      g.original = true;
      g.occupied = false;
    },
    clearGrowth(p) {
      zeroGrowth(grids[p]);
    },
    setGrowth(p, mc, drivingForceJPerMol) {
      const g = grids[p];
      const gibbsThomson = 2 * gamma[p] * molarVolume[p];
      for (let j = 0; j <= g.bins; j++) {
        const inv = g.invBound[j];
        g.growth[j] = mc * inv * (drivingForceJPerMol - gibbsThomson * inv);
      }
    },
    prepare(p) {
      const g = grids[p];
      computeFluxes(g);
      return psdTimeLimit(g);
    },
    volumeRate(p, nucleationRate, nucleusRadiusM) {
      const g = grids[p];
      let growing = 0;
      for (let i = 0; i < g.bins; i++) {
        const v = g.psd[i] * g.size[i] * g.size[i] * 0.5 * (g.growth[i + 1] + g.growth[i]);
        if (v > 0) growing += v;
      }
      const ratio = setup.matrixMolarVolume / molarVolume[p];
      return ratio * (SPHERE_AREA_FACTOR * growing + SPHERE_VOLUME_FACTOR * nucleationRate * nucleusRadiusM ** 3);
    },
    advance(p, dt, nucleationRate, nucleusRadiusM) {
      const g = grids[p];
      advanceGrid(g, dt, nucleationRate, nucleusRadiusM, setup.minRadiusM);
      let n = 0;
      let m1 = 0;
      let m3 = 0;
      for (let i = 0; i < g.bins; i++) {
        const v = g.next[i];
        const r = g.size[i];
        n += v;
        m1 += v * r;
        m3 += v * r * r * r;
      }
      const o = p * OUT_STRIDE;
      out[o + OUT.numberDensity] = n;
      out[o + OUT.firstMoment] = m1;
      out[o + OUT.thirdMoment] = m3;
    },
    nucleate(p, temperatureK, timeS, drivingForceJPerM3, betaImpingement, sitesPerM3) {
      const g = gamma[p];
      const vm = molarVolume[p];
      const kT = BOLTZMANN * temperatureK;
      const rCrit = Math.max((2 * g) / drivingForceJPerM3, setup.minRadiusM);
      const gCrit = SPHERE_VOLUME_FACTOR * g * rCrit * rCrit;
      const a = setup.latticeParameterM;
      const beta = (betaImpingement * SPHERE_AREA_FACTOR * rCrit * rCrit) / (a * a * a * a);
      const o = p * OUT_STRIDE;
      if (beta === 0) return out[o + OUT.nucleationRate]; // kawin keeps the previous values
      const z =
        (Math.sqrt((3 * SPHERE_VOLUME_FACTOR) / (4 * Math.PI)) * vm * Math.sqrt(g / kT)) / (2 * Math.PI * AVOGADRO * rCrit * rCrit);
      const tau = incubationTime(history, p, timeS, temperatureK, beta, z);
      const incubation = timeS > 0 ? Math.min(Math.exp(-tau / timeS), 1) : tau > 0 ? 0 : 1;
      let rate = z * beta * Math.exp(-gCrit / kT) * incubation;
      rate *= Math.max(sitesPerM3, 0);
      const n = history.records - 1;
      const dtPrev = n === 0 ? timeS : history.times[n] - history.times[n - 1];
      const nucleus = rate * dtPrev >= MIN_NUCLEATED_DENSITY && rCrit >= setup.minRadiusM ? rCrit + 0.5 * Math.sqrt(kT / (Math.PI * g)) : 0;
      out[o + OUT.nucleationRate] = rate;
      out[o + OUT.nucleusRadius] = nucleus;
      out[o + OUT.criticalRadius] = rCrit;
      out[o + OUT.criticalEnergy] = gCrit;
      out[o + OUT.impingement] = beta;
      betaNow[p] = beta;
      return rate;
    },
    commit(p) {
      const g = grids[p];
      for (let i = 0; i < g.bins; i++) g.psd[i] = g.next[i] < 1 ? 0 : g.next[i];
      const changed = adjust(g);
      let occupied = false;
      for (let i = 0; i < g.bins; i++) {
        if (g.size[i] < setup.minRadiusM) g.psd[i] = 0;
        else if (g.psd[i] !== 0) occupied = true;
      }
      g.occupied = occupied;
      g.dissolutionIndex = occupied ? dissolutionIndex(g) : 0;
      if (changed) g.original = false;
      return changed ? 1 : 0;
    },
    appendRecord(timeS, temperatureK) {
      appendHistory(history, timeS, temperatureK, betaNow);
    },
    isEmpty: (p) => !grids[p].occupied,
    bins: (p) => grids[p].bins,
    psd: (p) => grids[p].psd.slice(0, grids[p].bins),
    bounds: (p) => grids[p].bounds.slice(0, grids[p].bins + 1),
  };
  return kernel;
}
