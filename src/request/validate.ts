// Validates a simulation request against the schema (Ajv, compiled once) plus the checks JSON Schema
// cannot express, and fills in the defaults. Every problem is reported with its JSON path.
import { Ajv, type ErrorObject } from 'ajv';
import {
  ATOMIC_MASS_G_PER_MOL,
  DEFAULT_CONFIG,
  DEFAULT_MAX_POINTS,
  DEFAULT_MAX_SIMULATION_HOURS,
  PHASES,
  type PhaseName,
  type SoluteName,
} from './defaults.js';
import { requestSchema } from './schema.js';

export type CompositionUnit = 'mole_fraction' | 'atomic_percent' | 'weight_percent';

export interface SimulationConfig {
  aspect_ratio: { prefactor: number; exponent: number };
  dislocation: { shear_modulus_gpa: number; burgers_vector_nm: number; poisson_ratio: number };
  interfacial_energy: Record<PhaseName, number>;
  taylor_factor: number;
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
}

export interface ValidationIssue {
  /** JSON pointer into the request, e.g. /temperature_profile/time_points_hours/2 */
  path: string;
  message: string;
}

export type ValidationResult =
  { ok: true; request: SimulationRequest } | { ok: false; issues: ValidationIssue[] };

let compiled: ReturnType<Ajv['compile']> | undefined;
function schemaValidator() {
  compiled ??= new Ajv({ allErrors: true, strict: false }).compile(requestSchema);
  return compiled;
}

function describe(error: ErrorObject): ValidationIssue {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: `${error.instancePath}/${String(params.missingProperty)}`, message: 'is required' };
    case 'additionalProperties':
      return {
        path: `${error.instancePath}/${String(params.additionalProperty)}`,
        message: 'is not a known field',
      };
    case 'enum':
      return {
        path: error.instancePath,
        message: `must be one of ${(params.allowedValues as unknown[]).join(', ')}`,
      };
    default:
      return { path: error.instancePath || '/', message: error.message ?? 'is invalid' };
  }
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

interface RawRequest {
  composition: Record<SoluteName, number>;
  composition_unit?: CompositionUnit;
  temperature_profile: { time_points_hours: number[]; temperatures_celsius: number[] };
  simulation_time_hours: number;
  phases?: PhaseName[];
  max_points?: number;
  config?: Partial<{ [K in keyof SimulationConfig]: Partial<SimulationConfig[K]> | number }>;
}

function semanticIssues(raw: RawRequest, maxSimulationHours: number): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const { time_points_hours: times, temperatures_celsius: temps } = raw.temperature_profile;
  if (times.length !== temps.length) {
    issues.push({
      path: '/temperature_profile/temperatures_celsius',
      message: `must have as many entries as time_points_hours (${times.length}), has ${temps.length}`,
    });
  }
  for (let i = 1; i < times.length; i++) {
    if (!(times[i] > times[i - 1])) {
      issues.push({
        path: `/temperature_profile/time_points_hours/${i}`,
        message: `must be greater than the previous time point (${times[i - 1]} h)`,
      });
    }
  }
  if (raw.simulation_time_hours > maxSimulationHours) {
    issues.push({
      path: '/simulation_time_hours',
      message: `must be at most ${maxSimulationHours} h (the configured maximum)`,
    });
  }
  const unit = raw.composition_unit ?? 'mole_fraction';
  const limit = unit === 'mole_fraction' ? 1 : 100;
  const sum = Object.values(raw.composition).reduce((s, v) => s + v, 0);
  if (sum >= limit) {
    issues.push({
      path: '/composition',
      message: `solute contents sum to ${sum}; they must sum to less than ${limit} (${unit})`,
    });
  }
  return issues;
}

function normalize(raw: RawRequest): SimulationRequest {
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
    },
  };
}

export function validateRequest(
  body: unknown,
  options: { maxSimulationHours?: number } = {},
): ValidationResult {
  const validate = schemaValidator();
  if (!validate(body)) return { ok: false, issues: (validate.errors ?? []).map(describe) };
  const raw = body as RawRequest;
  const issues = semanticIssues(raw, options.maxSimulationHours ?? DEFAULT_MAX_SIMULATION_HOURS);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, request: normalize(raw) };
}
