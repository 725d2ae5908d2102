// What the host computes each step (kwn.md §4, §5, §7): nucleation inputs, growth rates, mass balance,
// and the recorded row. The kernel does the per-bin work. Loops over the phases are indexed: a for-of
// loop makes an iterator result object per phase and step until V8 has optimized the function.
import { OUT, OUT_STRIDE } from '../kernel/types.js';
import { drivingForce } from '../thermo/equilibrium.js';
import * as C from './constants.js';
import type { RunState } from './run-state.js';
import { PHASE_QUANTITIES } from './series.js';
import type { PhaseState } from './state.js';

/** One tie-line and curvature evaluation per phase per step, shared by nucleation and growth. */
function ensureKinetics(
  s: RunState,
  ph: PhaseState,
  temperatureK: number,
  drivingForceJPerMol: number,
): boolean {
  if (ph.kineticsStep === s.stepIndex) return ph.kineticsValid;
  const at = s.thermo.atTemperature(temperatureK);
  // kawin quirk: gOffset = 1 J/mol on the search path (precipitate unstable at x), 0 from its cached equilibrium
  const gOffset = drivingForceJPerMol > 0 ? 0 : 1;
  const solved = ph.kinetics.update(at, s.x, gOffset);
  ph.kineticsValid = solved || ph.kineticsValid; // kawin reuses its previous curvature output when none is found
  ph.kineticsStep = s.stepIndex;
  return ph.kineticsValid;
}

export function nucleation(s: RunState, temperatureK: number): void {
  const at = s.thermo.atTemperature(temperatureK);
  s.chemistry.chemicalPotentials(at, s.x, s.grad, s.mu);
  // kawin quirk: one pool of bulk sites shared by every phase
  let occupied = 0;
  for (let p = 0; p < s.phases.length; p++) occupied += s.numberDensity[p];
  for (let j = 0; j < s.phases.length; j++) {
    const ph = s.phases[j];
    const compound = ph.kinetics.compound;
    const dgMolar = drivingForce(compound.composition, at.gibbsOf(compound), s.mu);
    const dgVolumetric = dgMolar / ph.molarVolume;
    s.last.drivingForceJPerM3[ph.index] = dgVolumetric;
    // kawin quirk: with ΔG_v < 0, R*, G*, β*, J and R_nuc keep the previous step's values
    if (dgVolumetric < 0) continue;
    if (!ensureKinetics(s, ph, temperatureK, dgMolar)) continue;
    const beta = ph.kinetics.curvature.betaImpingement;
    s.kernel.nucleate(ph.index, temperatureK, s.timeS, dgVolumetric, beta, s.bulkSitesPerM3 - occupied);
  }
}

/** Growth rates at the bounds; phases with ΔG_v < 0 and no particles are marked for reset. */
export function growth(s: RunState, temperatureK: number): void {
  for (let j = 0; j < s.phases.length; j++) {
    const ph = s.phases[j];
    const p = ph.index;
    const dgVolumetric = s.last.drivingForceJPerM3[p];
    s.keep[p] = true;
    if (dgVolumetric < 0 && s.numberDensity[p] <= 0) {
      s.kernel.clearGrowth(p);
      s.keep[p] = false;
      continue;
    }
    const dgMolar = dgVolumetric * ph.molarVolume;
    if (!ensureKinetics(s, ph, temperatureK, dgMolar)) {
      if (dgVolumetric < 0) {
        s.kernel.clearGrowth(p);
        s.keep[p] = false;
      }
      continue; // kawin keeps the previous growth rates
    }
    s.kernel.setGrowth(p, ph.kinetics.curvature.mc, dgMolar);
  }
}

/** N, R̄ and f of each phase from the advanced distributions, then the matrix composition (kwn.md §7). */
export function massBalance(s: RunState): void {
  const out = s.kernel.out;
  const held = s.soluteRow; // Σ_p fconc per solute
  held.fill(0);
  let totalFraction = 0;
  for (let j = 0; j < s.phases.length; j++) {
    const ph = s.phases[j];
    const p = ph.index;
    const o = p * OUT_STRIDE;
    const count = ph.idle ? 0 : out[o + OUT.numberDensity];
    s.numberDensity[p] = count;
    if (count < C.MIN_NUMBER_DENSITY) {
      s.meanRadius[p] = 0;
      s.volumeFraction[p] = 0;
      continue;
    }
    s.meanRadius[p] = out[o + OUT.firstMoment] / count;
    const atomFraction =
      (C.MOLAR_VOLUME_M3 / ph.molarVolume) * C.SPHERE_VOLUME_FACTOR * out[o + OUT.thirdMoment];
    s.volumeFraction[p] = s.volumeFraction[p] === 1 ? 1 : Math.min(atomFraction, 1);
    for (let k = 0; k < held.length; k++) held[k] += atomFraction * ph.soluteComposition[k];
    totalFraction += s.volumeFraction[p];
  }
  if (totalFraction >= 1) return;
  let soluteSum = 0;
  for (let k = 0; k < s.solutes.length; k++) {
    const i = s.solutes[k];
    const v = (s.x0[i] - held[k]) / (1 - totalFraction);
    s.x[i] = v < 0 ? 0 : v;
    soluteSum += s.x[i];
  }
  s.x[s.balance] = 1 - soluteSum;
}

/** Appends the current state as a record (kwn.md §10) and remembers what the next step reads. */
export function record(s: RunState, temperatureK: number): void {
  const out = s.kernel.out;
  const q = PHASE_QUANTITIES.length;
  for (let k = 0; k < s.solutes.length; k++) s.soluteRow[k] = s.x[s.solutes[k]];
  for (let j = 0; j < s.phases.length; j++) {
    const ph = s.phases[j];
    const p = ph.index;
    const o = p * OUT_STRIDE;
    s.phaseRow[p * q] = s.numberDensity[p];
    s.phaseRow[p * q + 1] = s.meanRadius[p];
    s.phaseRow[p * q + 2] = s.volumeFraction[p];
    s.phaseRow[p * q + 3] = s.last.drivingForceJPerM3[p] * ph.molarVolume;
    s.phaseRow[p * q + 4] = out[o + OUT.nucleationRate];
    s.phaseRow[p * q + 5] = out[o + OUT.criticalRadius];
    s.last.nucleationRate[p] = out[o + OUT.nucleationRate];
    s.last.criticalRadiusM[p] = out[o + OUT.criticalRadius];
  }
  s.last.timeS = s.timeS;
  s.last.temperatureK = temperatureK;
  s.recorder.append(s.timeS, temperatureK, s.soluteRow, s.phaseRow);
  s.kernel.appendRecord(s.timeS, temperatureK);
  s.records++;
}
