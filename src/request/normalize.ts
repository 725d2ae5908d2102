// The defaults-filling half of request validation, without the schema validator: the preview worker
// normalizes the page's initial request with it before the page (and Ajv) has loaded.
import {
  ATOMIC_MASS_G_PER_MOL,
  DEFAULT_CONFIG,
  DEFAULT_MOBILITY_FACTOR,
  DEFAULT_NUCLEATION_SITE_FACTOR,
  DEFAULT_MAX_POINTS,
  PHASES,
  SOLUTES,
  type PhaseName,
  type SoluteName,
} from './defaults.js';
import { normalizeStrength, type RawStrength, type StrengthConfig } from './strength.js';

export type CompositionUnit = 'mole_fraction' | 'atomic_percent' | 'weight_percent';

export interface SimulationConfig {
  aspect_ratio: { prefactor: number; exponent: number };
  dislocation: { shear_modulus_gpa: number; burgers_vector_nm: number; poisson_ratio: number };
  interfacial_energy: Record<PhaseName, number>;
  taylor_factor: number;
  /** Present only when a factor differs from 1 (so other requests keep their cache keys). */
  mobility_factor?: Record<SoluteName, number>;
  nucleation_site_factor?: Record<PhaseName, number>;
  /** Present only when the request gives it (so other requests keep their cache keys): seed_orowan otherwise. */
  strength?: StrengthConfig;
}

/** A valid request with every default filled in; the composition is converted to mole fractions. */
export interface SimulationRequest {
  composition: Record<SoluteName, number>;
  composition_unit: 'mole_fraction';
  temperature_profile: { time_points_hours: number[]; temperatures_celsius: number[] };
  simulation_time_hours: number;
  phases: PhaseName[];
  max_points: number;
  config: SimulationConfig;
  /**
   * Present only when something beyond the default is asked for (so other requests keep their cache keys):
   * the full step-by-step record, size distributions at chosen times (h, ascending).
   */
  output?: { full_series?: true; size_distribution_times_hours?: number[]; time_axis?: 'linear' };
}

/** Converts solute contents in any unit to mole fractions (balance Al). */
export function toMoleFractions(
  composition: Record<SoluteName, number>,
  unit: CompositionUnit,
): Record<SoluteName, number> {
  const entries = Object.entries(composition) as [SoluteName, number][];
  if (unit === 'mole_fraction') return { ...composition };
  if (unit === 'atomic_percent')
    return Object.fromEntries(entries.map(([k, v]) => [k, v / 100])) as Record<SoluteName, number>;
  const soluteWt = entries.reduce((s, [, v]) => s + v, 0);
  const moles = entries.map(([k, v]) => [k, v / ATOMIC_MASS_G_PER_MOL[k]] as const);
  const total = moles.reduce((s, [, n]) => s + n, 0) + (100 - soluteWt) / ATOMIC_MASS_G_PER_MOL.AL;
  return Object.fromEntries(moles.map(([k, n]) => [k, n / total])) as Record<SoluteName, number>;
}

/**
 * The body with its composition's element symbols in the database's spelling ("Mg", "mg" → "MG"), so
 * that API, CLI and page accept either. A key that is not a solute, or whose spelling is already
 * present, is left as it is for the schema to name.
 */
export function canonicalSymbols(body: unknown): unknown {
  const composition = (body as { composition?: unknown } | null)?.composition;
  if (typeof composition !== 'object' || composition === null || Array.isArray(composition)) return body;
  const keys = Object.keys(composition);
  const renamed = keys.map((key) => {
    const upper = key.toUpperCase();
    const known = (SOLUTES as readonly string[]).includes(upper);
    return known && !keys.includes(upper) && keys.filter((k) => k.toUpperCase() === upper).length === 1
      ? upper
      : key;
  });
  if (renamed.every((key, i) => key === keys[i])) return body;
  const values = Object.values(composition) as unknown[];
  return {
    ...(body as object),
    composition: Object.fromEntries(renamed.map((key, i) => [key, values[i]])),
  };
}

export interface RawRequest {
  composition: Record<SoluteName, number>;
  composition_unit?: CompositionUnit;
  temperature_profile: { time_points_hours: number[]; temperatures_celsius: number[] };
  simulation_time_hours: number;
  phases?: PhaseName[];
  max_points?: number;
  output?: { full_series?: boolean; size_distribution_times_hours?: number[]; time_axis?: 'log' | 'linear' };
  config?: Partial<{
    [K in Exclude<keyof SimulationConfig, 'strength'>]: Partial<SimulationConfig[K]> | number;
  }> & { strength?: RawStrength };
}

/** { [key]: factors } when a factor differs from 1, else nothing. */
function unlessDefault<K extends string>(key: K, factors: Record<string, number>) {
  return Object.values(factors).some((f) => f !== 1) ? ({ [key]: factors } as Record<K, typeof factors>) : {};
}

/** Fills in every default of a valid request (the caller has checked it against the schema). */
export function normalizeRequest(raw: RawRequest): SimulationRequest {
  const unit = raw.composition_unit ?? 'mole_fraction';
  const c = raw.config ?? {};
  const merge = <T extends object>(base: T, over: unknown): T => ({
    ...base,
    ...((over as Partial<T>) ?? {}),
  });
  return {
    composition: toMoleFractions(raw.composition, unit),
    composition_unit: 'mole_fraction',
    temperature_profile: {
      time_points_hours: [...raw.temperature_profile.time_points_hours],
      temperatures_celsius: [...raw.temperature_profile.temperatures_celsius],
    },
    simulation_time_hours: raw.simulation_time_hours,
    phases: raw.phases ? [...raw.phases] : [...PHASES],
    max_points: raw.max_points ?? DEFAULT_MAX_POINTS,
    config: {
      aspect_ratio: merge(DEFAULT_CONFIG.aspect_ratio, c.aspect_ratio),
      dislocation: merge(DEFAULT_CONFIG.dislocation, c.dislocation),
      interfacial_energy: merge(DEFAULT_CONFIG.interfacial_energy, c.interfacial_energy),
      taylor_factor: typeof c.taylor_factor === 'number' ? c.taylor_factor : DEFAULT_CONFIG.taylor_factor,
      ...unlessDefault('mobility_factor', merge(DEFAULT_MOBILITY_FACTOR, c.mobility_factor)),
      ...unlessDefault(
        'nucleation_site_factor',
        merge(DEFAULT_NUCLEATION_SITE_FACTOR, c.nucleation_site_factor),
      ),
      ...(c.strength ? { strength: normalizeStrength(c.strength) } : {}),
    },
    ...outputOf(raw),
  };
}

/** The output block with only what differs from the default (absent when nothing does). */
function outputOf(raw: RawRequest): Pick<SimulationRequest, 'output'> {
  const times = raw.output?.size_distribution_times_hours ?? [];
  const output = {
    ...(raw.output?.full_series ? { full_series: true as const } : {}),
    ...(times.length > 0 ? { size_distribution_times_hours: [...times] } : {}),
    ...(raw.output?.time_axis === 'linear' ? { time_axis: 'linear' as const } : {}),
  };
  return Object.keys(output).length > 0 ? { output } : {};
}
