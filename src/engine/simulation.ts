// The host side of the KWN model (kwn.md §7-9): thermodynamics, mass balance, time stepping and
// recording; the kernel owns the size distributions and the nucleation rate.
import { OUT, OUT_STRIDE, type Kernel } from '../kernel/types.js';
import { AVOGADRO } from '../thermo/constants.js';
import { drivingForce } from '../thermo/equilibrium.js';
import { createPhaseKinetics, fullComposition, type Thermo } from '../thermo/index.js';
import { solutionChemicalPotentials } from '../thermo/solution.js';
import type { SimulationRequest } from '../request/validate.js';
import * as C from './constants.js';
import { profileFromCelsius, temperatureAt } from './profile.js';
import { createRecorder, PHASE_QUANTITIES } from './series.js';
import { copyRecord, createRecordPair, type PhaseState } from './state.js';
import { chooseTimeStep } from './timestep.js';

export type Simulation = ReturnType<typeof createSimulation>;

export interface SimulationOptions {
  /** Diagnostics: replay these step sizes (s) instead of choosing them, e.g. a reference run's. */
  replayStepsS?: ArrayLike<number>;
}

export function createSimulation(request: SimulationRequest, thermo: Thermo, kernel: Kernel, options: SimulationOptions = {}) {
  const { system } = thermo;
  const soluteNames = system.solutes.map((i) => system.elements[i]);
  const x0 = fullComposition(system, request.composition);
  const x = x0.slice();
  const n = x.length;
  const profile = profileFromCelsius(request.temperature_profile.time_points_hours, request.temperature_profile.temperatures_celsius);
  const endS = request.simulation_time_hours * 3600;
  const phases: PhaseState[] = request.phases.map((name, index) => {
    const kinetics = createPhaseKinetics(thermo, name);
    return {
      name,
      index,
      interfacialEnergyJPerM2: request.config.interfacial_energy[name],
      molarVolume: C.MOLAR_VOLUME_M3,
      soluteComposition: Float64Array.from(system.solutes, (i) => kinetics.compound.composition[i]),
      kinetics,
      kineticsStep: -1,
      kineticsValid: false,
      idle: true,
    };
  });
  const P = phases.length;
  let minSolute = Infinity;
  for (const i of system.solutes) minSolute = Math.min(minSolute, x0[i]);
  const bulkSitesPerM3 = (minSolute * AVOGADRO) / C.MOLAR_VOLUME_M3;

  kernel.setup({
    phaseCount: P,
    minRadiusM: C.MIN_RADIUS_M,
    gridMinM: C.GRID_MIN_M,
    gridMaxM: C.GRID_MAX_M,
    bins: C.GRID_BINS,
    minBins: C.GRID_MIN_BINS,
    maxBins: C.GRID_MAX_BINS,
    latticeParameterM: Math.cbrt((C.ATOMS_PER_UNIT_CELL * C.MOLAR_VOLUME_M3) / AVOGADRO),
    matrixMolarVolume: C.MOLAR_VOLUME_M3,
  });
  for (const ph of phases) kernel.setPhase(ph.index, ph.interfacialEnergyJPerM2, ph.molarVolume);

  const out = () => kernel.out;
  const last = createRecordPair(P);
  const prev = createRecordPair(P);
  let records = 0;
  let stepIndex = 0;
  let timeS = 0;
  let maxStepS = endS;
  const minStepS = C.STEP_LIMITS.minFractionOfRun * endS;
  const numberDensity = new Float64Array(P);
  const meanRadius = new Float64Array(P);
  const volumeFraction = new Float64Array(P);
  const mu = new Float64Array(n);
  const grad = new Float64Array(n);
  const soluteRow = new Float64Array(soluteNames.length);
  const phaseRow = new Float64Array(P * PHASE_QUANTITIES.length);
  const recorder = createRecorder(soluteNames, request.phases);

  const ensureKinetics = (ph: PhaseState, temperatureK: number, drivingForceJPerMol: number): boolean => {
    if (ph.kineticsStep === stepIndex) return ph.kineticsValid;
    const at = thermo.atTemperature(temperatureK);
    // kawin: cached local equilibrium (GE = 0) when the precipitate is stable at x, else a search with gOffset = 1 J/mol
    const gOffset = drivingForceJPerMol > 0 ? 0 : 1;
    const solved = ph.kinetics.update(at, x, gOffset);
    ph.kineticsValid = solved || ph.kineticsValid;
    ph.kineticsStep = stepIndex;
    return ph.kineticsValid;
  };

  const nucleation = (temperatureK: number) => {
    const at = thermo.atTemperature(temperatureK);
    solutionChemicalPotentials(at.matrix, x, grad, mu);
    let occupied = 0;
    for (let p = 0; p < P; p++) occupied += numberDensity[p];
    for (const ph of phases) {
      const dgMolar = drivingForce(ph.kinetics.compound.composition, at.gibbsOf(ph.kinetics.compound), mu);
      const dgVolumetric = dgMolar / ph.molarVolume;
      last.drivingForceJPerM3[ph.index] = dgVolumetric;
      // kawin quirk: with ΔG_v < 0, R*, G*, β*, J and R_nuc keep the previous step's values
      if (dgVolumetric < 0) continue;
      if (!ensureKinetics(ph, temperatureK, dgMolar)) continue;
      kernel.nucleate(ph.index, temperatureK, timeS, dgVolumetric, ph.kinetics.curvature.betaImpingement, bulkSitesPerM3 - occupied);
    }
  };

  /** Growth rates; returns false for phases that kawin resets (ΔG_v < 0 and no particles). */
  const growth = (temperatureK: number, keep: boolean[]) => {
    for (const ph of phases) {
      const p = ph.index;
      const dgVolumetric = last.drivingForceJPerM3[p];
      keep[p] = true;
      if (dgVolumetric < 0 && numberDensity[p] <= 0) {
        kernel.clearGrowth(p);
        keep[p] = false;
        continue;
      }
      const dgMolar = dgVolumetric * ph.molarVolume;
      if (!ensureKinetics(ph, temperatureK, dgMolar)) {
        if (dgVolumetric < 0) {
          kernel.clearGrowth(p);
          keep[p] = false;
        }
        continue; // kawin keeps the previous growth rates
      }
      kernel.setGrowth(p, ph.kinetics.curvature.mc, dgMolar);
    }
  };

  const massBalance = () => {
    let totalFraction = 0;
    for (let s = 0; s < soluteRow.length; s++) soluteRow[s] = 0; // Σ fconc per solute
    for (const ph of phases) {
      const p = ph.index;
      const o = p * OUT_STRIDE;
      const count = ph.idle ? 0 : out()[o + OUT.numberDensity];
      numberDensity[p] = count;
      if (count < C.MIN_NUMBER_DENSITY) {
        meanRadius[p] = 0;
        volumeFraction[p] = 0;
        continue;
      }
      meanRadius[p] = out()[o + OUT.firstMoment] / count;
      const atomFraction = (C.MOLAR_VOLUME_M3 / ph.molarVolume) * C.SPHERE_VOLUME_FACTOR * out()[o + OUT.thirdMoment];
      volumeFraction[p] = volumeFraction[p] === 1 ? 1 : Math.min(atomFraction, 1);
      for (let s = 0; s < soluteRow.length; s++) soluteRow[s] += atomFraction * ph.soluteComposition[s];
      totalFraction += volumeFraction[p];
    }
    if (totalFraction < 1) {
      let soluteSum = 0;
      system.solutes.forEach((i, s) => {
        const v = (x0[i] - soluteRow[s]) / (1 - totalFraction);
        x[i] = v < 0 ? 0 : v;
        soluteSum += x[i];
      });
      x[system.balance] = 1 - soluteSum;
    }
  };

  const record = (temperatureK: number) => {
    const q = PHASE_QUANTITIES.length;
    system.solutes.forEach((i, s) => (soluteRow[s] = x[i]));
    for (const ph of phases) {
      const p = ph.index;
      const o = p * OUT_STRIDE;
      phaseRow[p * q] = numberDensity[p];
      phaseRow[p * q + 1] = meanRadius[p];
      phaseRow[p * q + 2] = volumeFraction[p];
      phaseRow[p * q + 3] = last.drivingForceJPerM3[p] * ph.molarVolume;
      phaseRow[p * q + 4] = out()[o + OUT.nucleationRate];
      phaseRow[p * q + 5] = out()[o + OUT.criticalRadius];
      last.nucleationRate[p] = out()[o + OUT.nucleationRate];
      last.criticalRadiusM[p] = out()[o + OUT.criticalRadius];
    }
    last.timeS = timeS;
    last.temperatureK = temperatureK;
    recorder.append(timeS, temperatureK, soluteRow, phaseRow);
    kernel.appendRecord(timeS, temperatureK);
    records++;
  };

  const keep: boolean[] = new Array(P).fill(true);
  const psdLimits = new Float64Array(P);

  /** Set-up row (kwn.md §9 S1-S4). */
  const setup = () => {
    const temperatureK = temperatureAt(profile, 0);
    kernel.appendRecord(0, temperatureK); // record 0 of the incubation history, β* = 0 until nucleation runs
    nucleation(temperatureK);
    growth(temperatureK, keep);
    const q = PHASE_QUANTITIES.length;
    system.solutes.forEach((i, s) => (soluteRow[s] = x[i]));
    for (const ph of phases) {
      const o = ph.index * OUT_STRIDE;
      phaseRow.fill(0, ph.index * q, (ph.index + 1) * q);
      phaseRow[ph.index * q + 3] = last.drivingForceJPerM3[ph.index] * ph.molarVolume;
      phaseRow[ph.index * q + 5] = out()[o + OUT.criticalRadius];
      last.criticalRadiusM[ph.index] = out()[o + OUT.criticalRadius];
    }
    last.timeS = 0;
    last.temperatureK = temperatureK;
    recorder.append(0, temperatureK, soluteRow, phaseRow);
    records = 1;
  };

  const step = () => {
    stepIndex++;
    if (maxStepS > endS - timeS) maxStepS = endS - timeS;
    psdLimits.fill(Infinity);
    for (const ph of phases) {
      const o = ph.index * OUT_STRIDE;
      ph.idle = kernel.isEmpty(ph.index) && out()[o + OUT.nucleationRate] === 0;
      if (!ph.idle) psdLimits[ph.index] = kernel.prepare(ph.index);
    }
    const lastPhase = phases[P - 1];
    const lo = lastPhase.index * OUT_STRIDE;
    // kawin quirk: only the last phase's volume change limits the time step
    const volumeRate = lastPhase.idle ? 0 : kernel.volumeRate(lastPhase.index, out()[lo + OUT.nucleationRate], out()[lo + OUT.nucleusRadius]);
    let dt = chooseTimeStep({ records, last, prev, endS, psdLimits, volumeRate });
    dt = Math.min(Math.max(dt, minStepS), maxStepS);
    if (options.replayStepsS && stepIndex <= options.replayStepsS.length) dt = options.replayStepsS[stepIndex - 1];
    for (const ph of phases) {
      if (ph.idle) continue;
      const o = ph.index * OUT_STRIDE;
      kernel.advance(ph.index, dt, out()[o + OUT.nucleationRate], out()[o + OUT.nucleusRadius]);
    }
    timeS += dt;
    const temperatureK = temperatureAt(profile, timeS);
    copyRecord(last, prev);
    massBalance();
    nucleation(temperatureK);
    growth(temperatureK, keep);
    record(temperatureK);
    for (const ph of phases) {
      const p = ph.index;
      if (!keep[p]) {
        kernel.resetGrid(p);
        continue;
      }
      if (ph.idle) continue;
      if (kernel.commit(p) === 1 && ph.kineticsValid) {
        kernel.setGrowth(p, ph.kinetics.curvature.mc, last.drivingForceJPerM3[p] * ph.molarVolume);
      }
    }
  };

  return {
    setup,
    step,
    get timeS() {
      return timeS;
    },
    endS,
    get steps() {
      return records - 1;
    },
    series: () => recorder.series(),
    soluteNames,
  };
}
