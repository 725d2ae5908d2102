// The plain TypeScript implementation of the kernel interface (the "JS solver"). Mirrors assembly/index.ts.
import { AVOGADRO, BOLTZMANN } from '../thermo/constants.js';
import {
  advanceGrid,
  commitGrid,
  createGrid,
  fluxesAndLimit,
  growingSurfaceRate,
  layOut,
  type PhaseGrid,
} from './js-grid.js';
import { appendHistory, createHistory, incubationTime, type IncubationHistory } from './js-history.js';
import { OUT, OUT_STRIDE, type Kernel, type KernelSetup } from './types.js';
import { exp } from '../thermo/math.js';

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

  const kernel: Kernel = {
    name: 'js',
    get out() {
      return out;
    },
    setup(s) {
      setup = { ...s };
      grids = Array.from({ length: s.phaseCount }, () => createGrid());
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
    isEmpty: (p) => !grids[p].occupied,
    resetGrid(p) {
      const g = grids[p];
      if (g.original && !g.occupied) {
        kernel.clearGrowth(p);
        return;
      }
      layOut(g, setup.gridMinM, Math.max(10 * setup.gridMinM, setup.gridMaxM), setup.bins);
      g.psd.fill(0, 0, setup.bins);
      g.next.fill(0, 0, setup.bins);
      kernel.clearGrowth(p);
      g.dissolutionIndex = 0;
      g.original = true;
      g.occupied = false;
      g.lo = 0;
      g.hi = -1;
    },
    clearGrowth(p) {
      grids[p].growth.fill(0, 0, grids[p].bins + 1);
    },
    setGrowth(p, mc, drivingForceJPerMol) {
      const g = grids[p];
      const gibbsThomson = 2 * gamma[p] * molarVolume[p];
      for (let j = 0; j <= g.bins; j++) {
        const inv = g.invBound[j];
        g.growth[j] = mc * inv * (drivingForceJPerMol - gibbsThomson * inv);
      }
    },
    prepare: (p) => fluxesAndLimit(grids[p]),
    volumeRate(p, nucleationRate, nucleusRadiusM) {
      const ratio = setup.matrixMolarVolume / molarVolume[p];
      const r = nucleusRadiusM;
      return (
        ratio *
        (SPHERE_AREA_FACTOR * growingSurfaceRate(grids[p]) +
          SPHERE_VOLUME_FACTOR * nucleationRate * (r * r * r))
      );
    },
    advance(p, dt, nucleationRate, nucleusRadiusM) {
      advanceGrid(grids[p], dt, nucleationRate, nucleusRadiusM, setup.minRadiusM, out, p * OUT_STRIDE);
    },
    nucleate(p, temperatureK, timeS, drivingForceJPerM3, betaImpingement, sites) {
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
        (Math.sqrt((3 * SPHERE_VOLUME_FACTOR) / (4 * Math.PI)) * vm * Math.sqrt(g / kT)) /
        (2 * Math.PI * AVOGADRO * rCrit * rCrit);
      const tau = incubationTime(history, p, timeS, temperatureK, beta, z);
      const incubation = timeS > 0 ? Math.min(exp(-tau / timeS), 1) : tau > 0 ? 0 : 1;
      let rate = z * beta * exp(-gCrit / kT) * incubation;
      rate *= Math.max(sites, 0);
      const n = history.records - 1;
      const dtPrev = n === 0 ? timeS : history.times[n] - history.times[n - 1];
      const nucleus =
        rate * dtPrev >= MIN_NUCLEATED_DENSITY && rCrit >= setup.minRadiusM
          ? rCrit + 0.5 * Math.sqrt(kT / (Math.PI * g))
          : 0;
      out[o + OUT.nucleationRate] = rate;
      out[o + OUT.nucleusRadius] = nucleus;
      out[o + OUT.criticalRadius] = rCrit;
      out[o + OUT.criticalEnergy] = gCrit;
      out[o + OUT.impingement] = beta;
      betaNow[p] = beta;
      return rate;
    },
    commit: (p) => (commitGrid(grids[p], setup.bins, setup.minBins, setup.maxBins, setup.minRadiusM) ? 1 : 0),
    appendRecord(timeS, temperatureK) {
      appendHistory(history, timeS, temperatureK, betaNow);
    },
    bins: (p) => grids[p].bins,
    psd: (p) => grids[p].psd.slice(0, grids[p].bins),
    bounds: (p) => grids[p].bounds.slice(0, grids[p].bins + 1),
  };
  return kernel;
}
