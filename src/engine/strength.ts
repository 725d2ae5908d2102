// Strength from the recorded series, by the request's model (config.strength.model): the seed service's
// (kwn.md §13: Orowan per phase from the mean radius and volume fraction, summed linearly; the default)
// or kawin's (shared/spec/strength.md, strength-kawin.ts); hardness from the total for either (§9).
import type { SimulationConfig } from '../request/validate.js';
import { DEFAULT_STRENGTH } from '../request/strength.js';
import type { EngineSeries } from './series.js';
import { kawinStrength } from './strength-kawin.js';
import type { PhaseStrength, StrengthSeries } from './strength-types.js';
import type { KernelMath, KernelPhaseStrength } from '../kernel/types.js';
import { moduleStrengthRows } from '../kernel/strength-rows.js';
import { createJsModule } from '../thermo/module/instance.js';
import { exp, log, pow } from '../thermo/math.js';

let hostStrengthRows: KernelMath['strengthRows'] | undefined;
/**
 * The module's math from its JavaScript target; simulate() passes its kernel's (faster from WASM, same
 * bits). kawin's model gets a module instance of its own the first time it is asked for.
 */
const HOST_MATH: KernelMath = {
  exp,
  log,
  pow,
  strengthRows: (model, rows, slipPlane) =>
    (hostStrengthRows ??= moduleStrengthRows(createJsModule()))(model, rows, slipPlane),
};

export type { PhaseStrength, SlipPlaneSeries, StrengthSeries } from './strength-types.js';
export { MECHANISM, MECHANISM_NAMES, type MechanismName } from './strength-types.js';

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

function orowanWith(
  k: OrowanConstants,
  meanRadiusM: number,
  volumeFraction: number,
  logOf: KernelMath['log'] = log,
): number {
  let spacingM = meanRadiusM * (Math.sqrt((2 * Math.PI) / (3 * volumeFraction)) - 2);
  if (!Number.isFinite(spacingM) || spacingM <= 0) spacingM = 0;
  if (spacingM === 0) return 0;
  // inner cut-off radius r_i = b
  const tau = (k.lineTension / (k.angular * spacingM)) * logOf((2 * meanRadiusM) / k.burgersM);
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

export function aspectRatio(
  diameterNm: number,
  law: SimulationConfig['aspect_ratio'],
  power: KernelMath['pow'] = pow,
): number {
  return diameterNm > 0 ? law.prefactor * power(diameterNm, law.exponent) : 0;
}

/** Per phase, the particles' shape from the mean radius (both models) and kawin's columns (strength-kawin.ts). */
function phaseColumns(
  series: EngineSeries,
  law: SimulationConfig['aspect_ratio'],
  math: KernelMath,
  kawin: KernelPhaseStrength[],
): PhaseStrength[] {
  const n = series.length;
  const power = math.pow;
  return series.phases.map((ph, p) => {
    const { crssMPa, yieldStrengthMPa, mechanism, slipPlane } = kawin[p];
    const diameterNm = new Float64Array(n);
    const ratio = new Float64Array(n);
    const majorAxisNm = new Float64Array(n);
    // As in seedStrength: the first run computes this before V8 has optimized it, so the loop reads locals.
    const { meanRadiusM } = ph;
    for (let i = 0; i < n; i++) {
      const radiusM = meanRadiusM[i];
      if (radiusM === 0) continue;
      const d = 2 * radiusM * 1e9;
      const ar = aspectRatio(d, law, power);
      diameterNm[i] = d;
      ratio[i] = ar;
      majorAxisNm[i] = ar * d;
    }
    const out: PhaseStrength = {
      name: ph.name,
      diameterNm,
      aspectRatio: ratio,
      majorAxisNm,
      crssMPa,
      yieldStrengthMPa,
      mechanism,
    };
    return slipPlane ? { ...out, slipPlane } : out;
  });
}

/** HV = a·σ_y[MPa] + c (strength.md §9). */
function hardnessOf(
  totalYieldStrengthMPa: Float64Array,
  h: { slope_hv_per_mpa: number; intercept_hv: number },
) {
  return totalYieldStrengthMPa.map((sigma) => h.slope_hv_per_mpa * sigma + h.intercept_hv);
}

export interface StrengthOptions {
  /** kawin's model: each phase's slip-plane columns too (PhaseStrength.slipPlane), for diagnostics and tests. */
  slipPlane?: boolean;
}

export function computeStrength(
  series: EngineSeries,
  config: SimulationConfig,
  math: KernelMath = HOST_MATH,
  options: StrengthOptions = {},
): StrengthSeries {
  const s = config.strength ?? DEFAULT_STRENGTH;
  if (s.model !== 'kawin') return seedStrength(series, config, math);
  const kawin = kawinStrength(series, config, s, math, options.slipPlane ?? false);
  const { totalCrssMPa, precipitationStrengthMPa, solidSolutionStrengthMPa, totalYieldStrengthMPa } = kawin;
  return {
    model: 'kawin',
    phases: phaseColumns(series, config.aspect_ratio, math, kawin.phases),
    totalCrssMPa,
    precipitationStrengthMPa,
    solidSolutionStrengthMPa,
    totalYieldStrengthMPa,
    baseStrengthMPa: new Float64Array(series.length).fill(s.base_strength_mpa),
    hardnessHV: hardnessOf(totalYieldStrengthMPa, s.hardness),
  };
}

function seedStrength(series: EngineSeries, config: SimulationConfig, math: KernelMath): StrengthSeries {
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
      mechanism: new Uint8Array(n), // always bypass (0)
    };
    const { meanRadiusM, volumeFraction } = ph;
    const { diameterNm, aspectRatio: ratio, majorAxisNm, crssMPa, yieldStrengthMPa } = out;
    for (let i = 0; i < n; i++) {
      const radiusM = meanRadiusM[i];
      if (radiusM === 0) continue; // no particles: every quantity is 0 (the arrays start at 0)
      const d = 2 * radiusM * 1e9;
      const ar = aspectRatio(d, law, math.pow);
      const tau = orowanWith(orowan, radiusM, volumeFraction[i], math.log) / 1e6;
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
  return {
    model: 'seed_orowan',
    phases,
    totalCrssMPa,
    precipitationStrengthMPa: totalYieldStrengthMPa,
    solidSolutionStrengthMPa: new Float64Array(n),
    baseStrengthMPa: new Float64Array(n),
    totalYieldStrengthMPa,
    hardnessHV: hardnessOf(totalYieldStrengthMPa, (config.strength ?? DEFAULT_STRENGTH).hardness),
  };
}
