// Validates a simulation request against the schema (Ajv) plus the checks JSON Schema cannot express,
// and fills in the defaults. Every problem is reported with its JSON path.
import type { ErrorObject } from 'ajv';
import {
  DEFAULT_MAX_SIMULATION_HOURS,
  DEFAULT_MAX_STEPS,
  MIN_STEPS_PER_KELVIN_HEATING,
  PHASES,
  SOLUTE_MOLE_FRACTION_RANGE,
} from './defaults.js';
import { estimatedMinimumSteps } from './estimate.js';
import {
  canonicalSymbols,
  normalizeRequest,
  toMoleFractions,
  type CompositionUnit,
  type RawRequest,
  type SimulationRequest,
} from './normalize.js';
import { outputIssues } from './output-checks.js';
import { schemaValidator } from './schema-validator.js';
import { strengthIssues } from './strength.js';

export type { CompositionUnit, SimulationConfig, SimulationRequest } from './normalize.js';
export { toMoleFractions } from './normalize.js';

export interface ValidationIssue {
  /** JSON pointer into the request, e.g. /temperature_profile/time_points_hours/2 */
  path: string;
  message: string;
}

export type ValidationResult =
  { ok: true; request: SimulationRequest } | { ok: false; issues: ValidationIssue[] };

/** An Ajv error as an issue naming its field by JSON pointer (also for the sweep and calibration documents). */
export function describe(error: ErrorObject): ValidationIssue {
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

export interface ValidationLimits {
  /** Longest simulation_time_hours accepted (MAX_SIMULATION_TIME_HOURS). */
  maxSimulationHours?: number;
  /** The engine's step budget (ENGINE_MAX_STEPS): a schedule expected to need more is rejected. */
  maxSteps?: number;
}

/** Each solute within SOLUTE_MOLE_FRACTION_RANGE once converted to mole fractions (only when the sum is < 1). */
function compositionIssues(raw: RawRequest, unit: CompositionUnit): ValidationIssue[] {
  const { min, max } = SOLUTE_MOLE_FRACTION_RANGE;
  const fractions = toMoleFractions(raw.composition, unit);
  return Object.entries(fractions)
    .filter(([, x]) => !(x >= min && x <= max))
    .map(([element, x]) => ({
      path: `/composition/${element}`,
      message: `is ${x.toPrecision(3)} as a mole fraction; each solute must be between ${min} and ${max} (a dilute Al alloy)`,
    }));
}

/**
 * For mole fractions that look like percentages: the unit they fit (each solute in range once converted),
 * weight percent first (how Al alloys are specified), as a hint that names composition_unit.
 */
function unitHint(raw: RawRequest, unit: CompositionUnit): string {
  if (unit !== 'mole_fraction') return '';
  const percentUnits: CompositionUnit[] = ['weight_percent', 'atomic_percent'];
  const sum = Object.values(raw.composition).reduce((s, v) => s + v, 0);
  const fits = percentUnits.filter((other) => sum < 100 && compositionIssues(raw, other).length === 0);
  if (fits.length === 0) return '';
  const also = fits.length > 1 ? `; ${fits[1]} also fits` : '';
  return ` — did you mean ${fits[0]}? (set composition_unit${also})`;
}

/** A schedule that heats so much that the run would exceed the step budget (see estimate.ts). */
function costIssues(raw: RawRequest, maxSteps: number): ValidationIssue[] {
  const { time_points_hours: times, temperatures_celsius: temps } = raw.temperature_profile;
  const steps = estimatedMinimumSteps(times, temps, raw.simulation_time_hours);
  if (steps <= maxSteps) return [];
  const kelvin = Math.round(steps / MIN_STEPS_PER_KELVIN_HEATING);
  return [
    {
      path: '/temperature_profile/temperatures_celsius',
      message:
        `heats by ${kelvin} K in all within simulation_time_hours, which takes at least ${steps} engine steps ` +
        `(${MIN_STEPS_PER_KELVIN_HEATING} per K); the limit is ${maxSteps}: heat less often or less far`,
    },
  ];
}

function semanticIssues(raw: RawRequest, limits: Required<ValidationLimits>): ValidationIssue[] {
  const maxSimulationHours = limits.maxSimulationHours;
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
      message:
        `solute contents sum to ${sum}; they must sum to less than ${limit} (${unit})` + unitHint(raw, unit),
    });
  } else {
    const ranged = compositionIssues(raw, unit);
    const hint = ranged.length > 0 ? unitHint(raw, unit) : '';
    issues.push(...ranged.map((issue) => ({ ...issue, message: issue.message + hint })));
  }
  issues.push(...strengthIssues(raw.config?.strength, raw.phases ?? PHASES));
  issues.push(...outputIssues(raw));
  // The cost estimate needs a well-formed schedule.
  return issues.length > 0 ? issues : costIssues(raw, limits.maxSteps);
}

export function validateRequest(submitted: unknown, options: ValidationLimits = {}): ValidationResult {
  const validate = schemaValidator();
  const body = canonicalSymbols(submitted);
  if (!validate(body)) return { ok: false, issues: (validate.errors ?? []).map(describe) };
  const raw = body as RawRequest;
  const issues = semanticIssues(raw, {
    maxSimulationHours: options.maxSimulationHours ?? DEFAULT_MAX_SIMULATION_HOURS,
    maxSteps: options.maxSteps ?? DEFAULT_MAX_STEPS,
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, request: normalizeRequest(raw) };
}
