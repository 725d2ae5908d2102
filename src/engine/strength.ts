// Strength from the recorded series, by the request's model (config.strength.model): the seed service's
// (kwn.md §13: Orowan per phase from the mean radius and volume fraction, summed linearly; the default)
// or kawin's (shared/spec/strength.md, strength-kawin.ts); hardness from the total for either (§9).
import type { SimulationConfig } from '../request/validate.js';
import { DEFAULT_STRENGTH } from '../request/strength.js';
import type { EngineSeries } from './series.js';
import { kawinStrength } from './strength-kawin.js';
import type { PhaseStrength, StrengthSeries } from './strength-types.js';
import type {
  ColumnAllocator,
  KernelMath,
  KernelPhaseStrength,
  KernelSeedModel,
  KernelSeedRows,
} from '../kernel/types.js';
import { FRESH_COLUMNS, moduleStrengthRows } from '../kernel/strength-rows.js';
import { moduleSeedRows } from '../kernel/seed-rows.js';
import { createJsModule } from '../thermo/module/instance.js';
import { exp, log, pow } from '../thermo/math.js';

let hostModule: ReturnType<typeof createJsModule> | undefined;
const host = () => (hostModule ??= createJsModule());
let hostStrengthRows: KernelMath['strengthRows'] | undefined;
let hostSeedRows: ReturnType<typeof moduleSeedRows> | undefined;
const hostSeed = () => (hostSeedRows ??= moduleSeedRows(host()));
/**
 * The module's math from its JavaScript target; simulate() passes its kernel's (faster from WASM, same
 * bits). The models over rows get a module instance of their own the first time they are asked for.
 */
const HOST_MATH: KernelMath = {
  exp,
  log,
  pow,
  strengthRows: (model, rows, slipPlane, alloc) =>
    (hostStrengthRows ??= moduleStrengthRows(host()))(model, rows, slipPlane, alloc),
  shapeRows: (model, rows, alloc) => hostSeed().shapeRows(model, rows, alloc),
  seedStrengthRows: (model, rows, alloc) => hostSeed().seedStrengthRows(model, rows, alloc),
};

export type { PhaseStrength, SlipPlaneSeries, StrengthSeries } from './strength-types.js';
export { MECHANISM, MECHANISM_NAMES, type MechanismName } from './strength-types.js';

function seedModel(config: SimulationConfig): KernelSeedModel {
  const { dislocation, aspect_ratio: law } = config;
  return {
    aspectRatioPrefactor: law.prefactor,
    aspectRatioExponent: law.exponent,
    shearModulusGpa: dislocation.shear_modulus_gpa,
    burgersNm: dislocation.burgers_vector_nm,
    poisson: dislocation.poisson_ratio,
    taylorFactor: config.taylor_factor,
  };
}

const seedRows = (series: EngineSeries): KernelSeedRows => ({
  length: series.length,
  meanRadiusM: series.phases.map((ph) => ph.meanRadiusM),
  volumeFraction: series.phases.map((ph) => ph.volumeFraction),
});

/** Orowan CRSS in Pa for one phase at one instant (the seed model's); 0 where the spacing or the result is undefined. */
export function orowanCrssPa(
  meanRadiusM: number,
  volumeFraction: number,
  dislocation: SimulationConfig['dislocation'],
): number {
  const m = host();
  m.seedStrengthBegin(
    0,
    0,
    dislocation.shear_modulus_gpa,
    dislocation.burgers_vector_nm,
    dislocation.poisson_ratio,
    0,
  );
  return m.seedOrowanCrss(meanRadiusM, volumeFraction);
}

/** Per phase, the particles' shape from the mean radius (the module) and kawin's columns (strength-kawin.ts). */
function phaseColumns(
  series: EngineSeries,
  config: SimulationConfig,
  math: KernelMath,
  kawin: KernelPhaseStrength[],
  alloc: ColumnAllocator,
): PhaseStrength[] {
  const shapes = math.shapeRows(seedModel(config), seedRows(series), alloc);
  return series.phases.map((ph, p) => {
    const { crssMPa, yieldStrengthMPa, mechanism, slipPlane } = kawin[p];
    const out: PhaseStrength = { name: ph.name, ...shapes[p], crssMPa, yieldStrengthMPa, mechanism };
    return slipPlane ? { ...out, slipPlane } : out;
  });
}

/** HV = a·σ_y[MPa] + c (strength.md §9). */
function hardnessOf(
  totalYieldStrengthMPa: Float64Array,
  h: { slope_hv_per_mpa: number; intercept_hv: number },
  alloc: ColumnAllocator,
) {
  const hardness = alloc.float64(totalYieldStrengthMPa.length);
  totalYieldStrengthMPa.forEach((sigma, i) => (hardness[i] = h.slope_hv_per_mpa * sigma + h.intercept_hv));
  return hardness;
}

export interface StrengthOptions {
  /** kawin's model: each phase's slip-plane columns too (PhaseStrength.slipPlane), for diagnostics and tests. */
  slipPlane?: boolean;
  /** Where the result columns go (fresh arrays by default; simulate() passes its RunArena, if any). */
  alloc?: ColumnAllocator;
}

export function computeStrength(
  series: EngineSeries,
  config: SimulationConfig,
  math: KernelMath = HOST_MATH,
  options: StrengthOptions = {},
): StrengthSeries {
  const s = config.strength ?? DEFAULT_STRENGTH;
  const alloc = options.alloc ?? FRESH_COLUMNS;
  if (s.model !== 'kawin') return seedStrength(series, config, math, alloc);
  const kawin = kawinStrength(series, config, s, math, options.slipPlane ?? false, alloc);
  const { totalCrssMPa, precipitationStrengthMPa, solidSolutionStrengthMPa, totalYieldStrengthMPa } = kawin;
  return {
    model: 'kawin',
    phases: phaseColumns(series, config, math, kawin.phases, alloc),
    totalCrssMPa,
    precipitationStrengthMPa,
    solidSolutionStrengthMPa,
    totalYieldStrengthMPa,
    baseStrengthMPa: alloc.float64(series.length).fill(s.base_strength_mpa),
    hardnessHV: hardnessOf(totalYieldStrengthMPa, s.hardness, alloc),
  };
}

function seedStrength(
  series: EngineSeries,
  config: SimulationConfig,
  math: KernelMath,
  alloc: ColumnAllocator,
): StrengthSeries {
  const n = series.length;
  const seed = math.seedStrengthRows(seedModel(config), seedRows(series), alloc);
  const { totalCrssMPa, totalYieldStrengthMPa } = seed;
  return {
    model: 'seed_orowan',
    // always bypass (0)
    phases: seed.phases.map((ph, p) => ({
      name: series.phases[p].name,
      ...ph,
      mechanism: alloc.uint8(n),
    })),
    totalCrssMPa,
    precipitationStrengthMPa: totalYieldStrengthMPa,
    solidSolutionStrengthMPa: alloc.float64(n),
    baseStrengthMPa: alloc.float64(n),
    totalYieldStrengthMPa,
    hardnessHV: hardnessOf(totalYieldStrengthMPa, (config.strength ?? DEFAULT_STRENGTH).hardness, alloc),
  };
}
