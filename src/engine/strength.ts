// Orowan strengthening and yield strength from the recorded series, the way the seed service's wrapper
// computes them (kwn.md §13): per phase from the mean radius and volume fraction, summed linearly.
import type { SimulationConfig } from '../request/validate.js';
import type { EngineSeries } from './series.js';
import { log, pow } from '../thermo/math.js';

export interface PhaseStrength {
  name: string;
  diameterNm: Float64Array;
  aspectRatio: Float64Array;
  majorAxisNm: Float64Array;
  crssMPa: Float64Array;
  yieldStrengthMPa: Float64Array;
}

export interface StrengthSeries {
  phases: PhaseStrength[];
  totalCrssMPa: Float64Array;
  totalYieldStrengthMPa: Float64Array;
}

/** What the Orowan stress of one dislocation takes from its parameters, computed once per series. */
interface OrowanConstants {
  /** G·b, N/m. */
  lineTension: number;
  /** 2π·√(1 − ν). */
  angular: number;
  burgersM: number;
}

function orowanConstants(dislocation: SimulationConfig['dislocation']): OrowanConstants {
  const shearModulusPa = dislocation.shear_modulus_gpa * 1e9;
  const burgersM = dislocation.burgers_vector_nm * 1e-9;
  return {
    lineTension: shearModulusPa * burgersM,
    angular: 2 * Math.PI * Math.sqrt(1 - dislocation.poisson_ratio),
    burgersM,
  };
}

function orowanWith(k: OrowanConstants, meanRadiusM: number, volumeFraction: number): number {
  let spacingM = meanRadiusM * (Math.sqrt((2 * Math.PI) / (3 * volumeFraction)) - 2);
  if (!Number.isFinite(spacingM) || spacingM <= 0) spacingM = 0;
  if (spacingM === 0) return 0;
  // inner cut-off radius r_i = b
  const tau = (k.lineTension / (k.angular * spacingM)) * log((2 * meanRadiusM) / k.burgersM);
  return Number.isFinite(tau) ? tau : 0;
}

/** Orowan CRSS in Pa for one phase at one instant; 0 where the spacing or the result is undefined. */
export function orowanCrssPa(
  meanRadiusM: number,
  volumeFraction: number,
  dislocation: SimulationConfig['dislocation'],
): number {
  return orowanWith(orowanConstants(dislocation), meanRadiusM, volumeFraction);
}

export function aspectRatio(diameterNm: number, law: SimulationConfig['aspect_ratio']): number {
  return diameterNm > 0 ? law.prefactor * pow(diameterNm, law.exponent) : 0;
}

export function computeStrength(series: EngineSeries, config: SimulationConfig): StrengthSeries {
  const n = series.length;
  const totalCrssMPa = new Float64Array(n);
  const law = config.aspect_ratio;
  const taylor = config.taylor_factor;
  const orowan = orowanConstants(config.dislocation);
  // The preview computes this once per run, mostly before V8 has optimized it: the loop reads locals.
  const phases = series.phases.map((ph) => {
    const out: PhaseStrength = {
      name: ph.name,
      diameterNm: new Float64Array(n),
      aspectRatio: new Float64Array(n),
      majorAxisNm: new Float64Array(n),
      crssMPa: new Float64Array(n),
      yieldStrengthMPa: new Float64Array(n),
    };
    const { meanRadiusM, volumeFraction } = ph;
    const { diameterNm, aspectRatio: ratio, majorAxisNm, crssMPa, yieldStrengthMPa } = out;
    for (let i = 0; i < n; i++) {
      const radiusM = meanRadiusM[i];
      if (radiusM === 0) continue; // no particles: every quantity is 0 (the arrays start at 0)
      const d = 2 * radiusM * 1e9;
      const ar = aspectRatio(d, law);
      const tau = orowanWith(orowan, radiusM, volumeFraction[i]) / 1e6;
      diameterNm[i] = d;
      ratio[i] = ar;
      majorAxisNm[i] = ar * d;
      crssMPa[i] = tau;
      yieldStrengthMPa[i] = taylor * tau;
      totalCrssMPa[i] += tau;
    }
    return out;
  });
  const totalYieldStrengthMPa = totalCrssMPa.map((t) => config.taylor_factor * t);
  return { phases, totalCrssMPa, totalYieldStrengthMPa };
}
