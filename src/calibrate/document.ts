// A calibration document into what the fit needs: each experiment as a raw request (the shared base plus
// its own fields) with its observations, and each parameter as a checked pointer with its bounds. Every
// problem names its field by JSON pointer into the document.
import type { ValidateFunction } from 'ajv';
import {
  CALIBRATION_LIMITS,
  OBSERVABLES,
  type Observable,
  type PeakQuantity,
} from '../request/calibration-schema.js';
import { PHASES, type PhaseName } from '../request/defaults.js';
import type { RawRequest } from '../request/normalize.js';
import { checkNumericPointer, PointerError, setPointer } from '../request/pointer.js';
import {
  describe,
  validateRequest,
  type ValidationIssue,
  type ValidationLimits,
} from '../request/validate.js';
import { calibrationValidator } from './calibration-validator.js';
import { checkParameterBounds, type Parameter } from './parameters.js';

export interface Observation {
  timeHours: number;
  quantity: Observable;
  value: number;
  sd: number;
  phase?: PhaseName;
}

/** A measured time to peak: of the maximum of strength or hardness over the run. */
export interface PeakTime {
  timeHours: number;
  quantity: PeakQuantity;
  /** One sd is ×/÷ this factor (the residual is ln(model / measured) / ln(sdFactor)). */
  sdFactor: number;
}

export interface Experiment {
  name: string;
  source?: string;
  /** The experiment's request before the parameters are set (valid at every parameter bound). */
  raw: RawRequest;
  /** The point measurements (the rms is over these). */
  observations: Observation[];
  peakTimes: PeakTime[];
}

export interface CalibrationMethod {
  seed: number;
  maxEvaluations: number;
  walkers: number;
  steps: number;
  burnIn: number;
}

export interface CalibrationPlan {
  experiments: Experiment[];
  parameters: Parameter[];
  method: CalibrationMethod;
}

export type CalibrationCheck = { ok: true; plan: CalibrationPlan } | { ok: false; issues: ValidationIssue[] };

/** When an observation gives no sd: this fraction of its value. */
export const DEFAULT_RELATIVE_SD = 0.05;

/** Ajv's issues, without the branch-by-branch noise of an observation's oneOf (nor its if/then's summary). */
function schemaIssues(validate: ValidateFunction): ValidationIssue[] {
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
  const oneOfAt = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  return errors
    .filter((e) => !(oneOfAt.has(e.instancePath) && e.schemaPath.includes('/oneOf/')))
    .map((e) =>
      e.keyword === 'oneOf'
        ? { path: e.instancePath, message: `must give exactly one of ${OBSERVABLES.join(', ')}` }
        : describe(e),
    );
}

interface RawExperiment extends Omit<
  RawRequest,
  'simulation_time_hours' | 'phases' | 'config' | 'max_points'
> {
  name: string;
  source?: string;
  simulation_time_hours?: number;
  observations: (RawObservation | RawPeakTime)[];
}
type RawObservation = { time_hours: number; sd?: number; phase?: PhaseName } & Partial<
  Record<Observable, number>
>;
interface RawPeakTime {
  time_to_peak_hours: number;
  quantity: PeakQuantity;
  sd_factor: number;
}
const isPeakTime = (o: RawObservation | RawPeakTime): o is RawPeakTime => 'time_to_peak_hours' in o;
/** An observation's time, a measurement's or a peak's. */
const timeOf = (o: RawObservation | RawPeakTime) => (isPeakTime(o) ? o.time_to_peak_hours : o.time_hours);
interface RawCalibration {
  base?: Pick<RawRequest, 'phases' | 'config' | 'max_points'>;
  experiments: RawExperiment[];
  parameters: (Omit<Parameter, 'name' | 'paths' | 'scale'> & {
    name?: string;
    path: string | string[];
    scale?: Parameter['scale'];
  })[];
  method?: { seed?: number; max_evaluations?: number; walkers?: number; steps?: number; burn_in?: number };
}

function observationsOf(e: RawExperiment): Observation[] {
  return e.observations
    .flatMap((o) => (isPeakTime(o) ? [] : [o]))
    .map((o) => {
      const quantity = OBSERVABLES.find((q) => o[q] !== undefined)!;
      const value = o[quantity]!;
      return {
        timeHours: o.time_hours,
        quantity,
        value,
        sd: o.sd ?? DEFAULT_RELATIVE_SD * value,
        ...(o.phase && { phase: o.phase }),
      };
    });
}

function peakTimesOf(e: RawExperiment): PeakTime[] {
  return e.observations
    .filter(isPeakTime)
    .map((o) => ({ timeHours: o.time_to_peak_hours, quantity: o.quantity, sdFactor: o.sd_factor }));
}

function experimentOf(base: RawCalibration['base'], e: RawExperiment): Experiment {
  const lastHours = Math.max(...e.observations.map(timeOf));
  const raw: RawRequest = {
    ...structuredClone(base ?? {}),
    composition: { ...e.composition },
    ...(e.composition_unit && { composition_unit: e.composition_unit }),
    temperature_profile: structuredClone(e.temperature_profile),
    simulation_time_hours: e.simulation_time_hours ?? lastHours,
  };
  const observations = observationsOf(e);
  return {
    name: e.name,
    ...(e.source && { source: e.source }),
    raw,
    observations,
    peakTimes: peakTimesOf(e),
  };
}

/** Where an issue of an experiment's request belongs in the document: its own fields, or the base's. */
function documentPath(experimentIndex: number, requestPath: string): string {
  const shared = ['/config', '/phases', '/max_points'].some((p) => requestPath.startsWith(p));
  return shared ? `/base${requestPath}` : `/experiments/${experimentIndex}${requestPath}`;
}

function experimentIssues(
  experiments: Experiment[],
  rawExperiments: RawExperiment[],
  limits: ValidationLimits,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  experiments.forEach((e, i) => {
    const checked = validateRequest(e.raw, limits);
    if (!checked.ok) issues.push(...checked.issues.map((x) => ({ ...x, path: documentPath(i, x.path) })));
    const phases = e.raw.phases ?? [...PHASES];
    rawExperiments[i].observations.forEach((o, j) => {
      const at = `/experiments/${i}/observations/${j}`;
      if (timeOf(o) > e.raw.simulation_time_hours)
        issues.push({
          path: `${at}/${isPeakTime(o) ? 'time_to_peak_hours' : 'time_hours'}`,
          message: `is after simulation_time_hours (${e.raw.simulation_time_hours} h)`,
        });
      if (!isPeakTime(o) && o.phase && !phases.includes(o.phase))
        issues.push({
          path: `${at}/phase`,
          message: `is not one of the phases simulated (${phases.join(', ')})`,
        });
    });
  });
  return issues;
}

function pointerIssue(p: Parameter, k: number): ValidationIssue | undefined {
  for (const [j, path] of p.paths.entries()) {
    try {
      checkNumericPointer(path);
    } catch (error) {
      if (!(error instanceof PointerError)) throw error;
      return { path: `/parameters/${k}/path${p.paths.length > 1 ? `/${j}` : ''}`, message: error.message };
    }
  }
  return undefined;
}

/** Each parameter's pointer resolves, and every experiment's request is valid at each of its bounds. */
function parameterIssues(
  parameters: Parameter[],
  experiments: Experiment[],
  limits: ValidationLimits,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  parameters.forEach((p, k) => {
    const bad = pointerIssue(p, k);
    if (bad) return issues.push(bad);
    const bounds = checkParameterBounds(p);
    if (bounds) return issues.push({ path: `/parameters/${k}/${bounds.field}`, message: bounds.message });
    for (const field of ['min', 'max'] as const) {
      for (const e of experiments) {
        const raw = structuredClone(e.raw);
        p.paths.forEach((path) => setPointer(raw, path, p[field]));
        const checked = validateRequest(raw, limits);
        if (checked.ok) continue;
        const why = checked.issues.map((x) => `${x.path} ${x.message}`).join('; ');
        issues.push({
          path: `/parameters/${k}/${field}`,
          message: `makes the request of '${e.name}' invalid: ${why}`,
        });
        break;
      }
    }
  });
  return issues;
}

function methodOf(raw: RawCalibration['method'], dim: number): CalibrationMethod {
  const walkers = raw?.walkers ?? Math.max(8, 2 * dim + 2);
  return {
    seed: raw?.seed ?? 1,
    maxEvaluations: raw?.max_evaluations ?? 60 * dim,
    walkers: walkers + (walkers % 2),
    steps: raw?.steps ?? 40,
    burnIn: raw?.burn_in ?? 20,
  };
}

/** The most engine runs the plan may take: optimiser and sampler, every experiment. */
export function plannedRuns(plan: CalibrationPlan): number {
  const { method: m } = plan;
  const sampler = m.steps > 0 ? m.walkers * (m.steps + m.burnIn + 1) : 0;
  return (m.maxEvaluations + sampler) * plan.experiments.length;
}

function budgetIssues(plan: CalibrationPlan): ValidationIssue[] {
  const runs = plannedRuns(plan);
  if (runs <= CALIBRATION_LIMITS.runs) return [];
  const message = `asks for up to ${runs} engine runs; a calibration may have at most ${CALIBRATION_LIMITS.runs}`;
  return [{ path: '/method', message }];
}

function parameterOf(raw: RawCalibration['parameters'][number]): Parameter {
  const paths = typeof raw.path === 'string' ? [raw.path] : [...raw.path];
  return {
    name: raw.name ?? paths.join(','),
    paths,
    min: raw.min,
    max: raw.max,
    scale: raw.scale ?? 'linear',
    ...(raw.prior && { prior: raw.prior }),
    ...(raw.start !== undefined && { start: raw.start }),
  };
}

/** Checks a calibration document and turns it into a plan (limits: as for a single run). */
export function checkCalibration(body: unknown, limits: ValidationLimits = {}): CalibrationCheck {
  const validate = calibrationValidator();
  if (!validate(body)) return { ok: false, issues: schemaIssues(validate) };
  const doc = body as RawCalibration;
  const experiments = doc.experiments.map((e) => experimentOf(doc.base, e));
  const parameters = doc.parameters.map(parameterOf);
  const names = parameters.map((p) => p.name);
  const twice = names.findIndex((n, k) => names.indexOf(n) !== k);
  if (twice >= 0)
    return {
      ok: false,
      issues: [{ path: `/parameters/${twice}`, message: `names '${names[twice]}' again` }],
    };
  let issues = experimentIssues(experiments, doc.experiments, limits);
  if (issues.length === 0) issues = parameterIssues(parameters, experiments, limits);
  const plan = { experiments, parameters, method: methodOf(doc.method, parameters.length) };
  if (issues.length === 0) issues = budgetIssues(plan);
  if (plan.method.walkers < 2 * parameters.length && plan.method.steps > 0)
    issues.push({
      path: '/method/walkers',
      message: `must be at least ${2 * parameters.length} (twice the parameters)`,
    });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, plan };
}
