// Per-run state the host keeps between steps: the last two records of what the time-step limits read,
// and what each phase needs from the thermodynamics.
import type { PhaseKinetics } from '../thermo/index.js';

export interface PhaseState {
  name: string;
  index: number;
  interfacialEnergyJPerM2: number;
  molarVolume: number;
  /** Mole fraction of each solute in the precipitate (x^β, constant for a line compound). */
  soluteComposition: Float64Array;
  kinetics: PhaseKinetics;
  /** Step at which `kinetics` was last evaluated (one tie-line per phase per step). */
  kineticsStep: number;
  kineticsValid: boolean;
  /** The kernel's PSD is empty and J = 0: advancing it would change nothing. */
  idle: boolean;
}

/** Values of record n (last) and n−1 (prev) that the next step reads. */
export interface RecordPair {
  timeS: number;
  temperatureK: number;
  /** Per phase. */
  nucleationRate: Float64Array;
  criticalRadiusM: Float64Array;
  drivingForceJPerM3: Float64Array;
}

export function createRecordPair(phaseCount: number): RecordPair {
  return {
    timeS: 0,
    temperatureK: 0,
    nucleationRate: new Float64Array(phaseCount),
    criticalRadiusM: new Float64Array(phaseCount),
    drivingForceJPerM3: new Float64Array(phaseCount),
  };
}

export function copyRecord(from: RecordPair, to: RecordPair): void {
  to.timeS = from.timeS;
  to.temperatureK = from.temperatureK;
  to.nucleationRate.set(from.nucleationRate);
  to.criticalRadiusM.set(from.criticalRadiusM);
  to.drivingForceJPerM3.set(from.drivingForceJPerM3);
}
