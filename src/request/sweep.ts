// A sweep document into its runs: the axes' values (a list or from/to/count), combined as a grid or side
// by side, each set into a copy of the base request through its JSON pointers, and each request validated
// as a single run's would be. Every problem names the axis (and the value) that causes it.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { checkNumericPointer, isIntegerField, PointerError, setPointer } from './pointer.js';
import { AJV_OPTIONS } from './schema-validator.js';
import { DEFAULT_MAX_SWEEP_RUNS, sweepSchema } from './sweep-schema.js';
import {
  validateRequest,
  type SimulationRequest,
  type ValidationIssue,
  type ValidationLimits,
} from './validate.js';

export interface SweepTarget {
  pointer: string;
  offset: number;
}

/** An axis with its pointers resolved (aliases expanded) and its values listed. */
export interface SweepAxis {
  name: string;
  targets: SweepTarget[];
  values: number[];
}

export interface SweepRun {
  /** Position in the sweep (row order: the last axis varies fastest in a grid). */
  index: number;
  /** One value per axis, in the axes' order. */
  axisValues: number[];
  /** Index into each axis's values. */
  valueIndices: number[];
  request: SimulationRequest;
}

export interface ExpandedSweep {
  axes: SweepAxis[];
  combine: 'grid' | 'zip';
  runs: SweepRun[];
}

export interface SweepLimits extends ValidationLimits {
  /** Runs one sweep may have (SWEEP_MAX_RUNS, default DEFAULT_MAX_SWEEP_RUNS). */
  maxRuns?: number;
}

export type SweepExpansion = { ok: true; sweep: ExpandedSweep } | { ok: false; issues: ValidationIssue[] };

interface RawAxis {
  name?: string;
  path: string | (string | { pointer: string; offset?: number })[];
  values: number[] | { from: number; to: number; count: number; scale?: 'linear' | 'log' };
}
interface RawSweep {
  base: object;
  axes: RawAxis[];
  combine?: 'grid' | 'zip';
}

let compiled: ValidateFunction | undefined;
const sweepValidator = () => (compiled ??= new Ajv(AJV_OPTIONS).compile(sweepSchema));

const schemaIssue = (e: ErrorObject): ValidationIssue => {
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties')
    return {
      path: `${e.instancePath}/${String(params.additionalProperty)}`,
      message: 'is not a known field',
    };
  if (e.keyword === 'required')
    return { path: `${e.instancePath}/${String(params.missingProperty)}`, message: 'is required' };
  return { path: e.instancePath || '/', message: e.message ?? 'is invalid' };
};

/** The values of a list or a range (log: evenly spaced in log, both ends > 0; ends exact). */
export function axisValues(values: RawAxis['values']): number[] {
  if (Array.isArray(values)) return [...values];
  const { from, to, count, scale = 'linear' } = values;
  if (count === 1) return [from];
  return Array.from({ length: count }, (_, i) => {
    if (i === count - 1) return to;
    const f = i / (count - 1);
    return scale === 'log' ? from * Math.pow(to / from, f) : from + (to - from) * f;
  });
}

function targetsOf(axis: RawAxis): SweepTarget[] {
  const list = typeof axis.path === 'string' ? [axis.path] : axis.path;
  return list.map((t) =>
    typeof t === 'string' ? { pointer: t, offset: 0 } : { pointer: t.pointer, offset: t.offset ?? 0 },
  );
}

/** Resolves one axis; problems are pushed to `issues` with the axis's path in the document. */
function resolveAxis(axis: RawAxis, a: number, issues: ValidationIssue[]): SweepAxis {
  const targets: SweepTarget[] = [];
  targetsOf(axis).forEach((t, k) => {
    const at = typeof axis.path === 'string' ? `/axes/${a}/path` : `/axes/${a}/path/${k}`;
    try {
      targets.push({ pointer: checkNumericPointer(t.pointer), offset: t.offset });
    } catch (error) {
      if (!(error instanceof PointerError)) throw error;
      issues.push({ path: at, message: error.message });
    }
  });
  const values = axisValues(axis.values);
  const at = `/axes/${a}/values`;
  if (
    !Array.isArray(axis.values) &&
    axis.values.scale === 'log' &&
    !(axis.values.from > 0 && axis.values.to > 0)
  )
    issues.push({ path: at, message: 'a log scale needs from and to greater than 0' });
  const integer = targets.some((t) => isIntegerField(t.pointer));
  values.forEach((v, i) => {
    if (integer && !Number.isInteger(v))
      issues.push({ path: `${at}/${i}`, message: `${v} must be a whole number` });
  });
  const name =
    axis.name ?? (typeof axis.path === 'string' ? axis.path : (targets[0]?.pointer ?? `axis ${a}`));
  return { name, targets, values };
}

/** Value indices of every run: grid (last axis fastest) or zip. */
function combinations(axes: SweepAxis[], combine: 'grid' | 'zip'): number[][] {
  if (combine === 'zip') return axes[0].values.map((_, i) => axes.map(() => i));
  let out: number[][] = [[]];
  for (const axis of axes) out = out.flatMap((prefix) => axis.values.map((_, i) => [...prefix, i]));
  return out;
}

function runCount(axes: SweepAxis[], combine: 'grid' | 'zip'): number {
  return combine === 'zip' ? axes[0].values.length : axes.reduce((n, a) => n * a.values.length, 1);
}

function shapeIssues(axes: SweepAxis[], combine: 'grid' | 'zip', maxRuns: number): ValidationIssue[] {
  if (combine === 'zip') {
    const n = axes[0].values.length;
    const bad = axes.findIndex((a) => a.values.length !== n);
    if (bad > 0)
      return [
        {
          path: `/axes/${bad}/values`,
          message: `has ${axes[bad].values.length} values, axis 0 has ${n}: zip needs equal lengths`,
        },
      ];
  }
  const runs = runCount(axes, combine);
  if (runs > maxRuns)
    return [{ path: '/axes', message: `give ${runs} runs; a sweep may have at most ${maxRuns}` }];
  return [];
}

/** The axis a run's problem is due to: the one whose pointer the problem's path lies on (or contains). */
function blame(issue: ValidationIssue, axes: SweepAxis[]): number {
  const on = (p: string) => {
    const stem = p.replace(/\/\*$/, '').replace(/\/\*\//g, '/');
    return issue.path.startsWith(stem) || stem.startsWith(issue.path);
  };
  const found = axes.findIndex((a) => a.targets.some((t) => on(t.pointer)));
  return found >= 0 ? found : axes.length - 1;
}

function runIssues(issues: ValidationIssue[], axes: SweepAxis[], indices: number[]): ValidationIssue[] {
  return issues.map((issue) => {
    const a = blame(issue, axes);
    const setting = axes.map((axis, k) => `${axis.name} = ${axis.values[indices[k]]}`).join(', ');
    return {
      path: `/axes/${a}/values/${indices[a]}`,
      message: `with ${setting}: ${issue.path} ${issue.message}`,
    };
  });
}

/** The runs of a sweep, or every problem found (at most `maxIssues` of those the runs give). */
export function expandSweep(doc: unknown, limits: SweepLimits = {}, maxIssues = 20): SweepExpansion {
  const validate = sweepValidator();
  if (!validate(doc)) return { ok: false, issues: (validate.errors ?? []).map(schemaIssue) };
  const raw = doc as RawSweep;
  const combine = raw.combine ?? 'grid';
  const issues: ValidationIssue[] = [];
  const axes = raw.axes.map((axis, a) => resolveAxis(axis, a, issues));
  if (issues.length === 0)
    issues.push(...shapeIssues(axes, combine, limits.maxRuns ?? DEFAULT_MAX_SWEEP_RUNS));
  if (issues.length > 0) return { ok: false, issues };
  const runs: SweepRun[] = [];
  for (const indices of combinations(axes, combine)) {
    const body = structuredClone(raw.base);
    const axisValuesOfRun = indices.map((i, a) => axes[a].values[i]);
    try {
      axes.forEach((axis, a) =>
        axis.targets.forEach((t) => setPointer(body, t.pointer, axisValuesOfRun[a] + t.offset)),
      );
    } catch (error) {
      if (!(error instanceof PointerError)) throw error;
      const a = axes.findIndex((axis) => axis.targets.some((t) => error.message.startsWith(t.pointer)));
      return { ok: false, issues: [{ path: `/axes/${Math.max(a, 0)}/path`, message: error.message }] };
    }
    const checked = validateRequest(body, limits);
    if (!checked.ok) issues.push(...runIssues(checked.issues, axes, indices));
    else
      runs.push({
        index: runs.length,
        axisValues: axisValuesOfRun,
        valueIndices: indices,
        request: checked.request,
      });
    if (issues.length >= maxIssues) break;
  }
  return issues.length > 0
    ? { ok: false, issues: issues.slice(0, maxIssues) }
    : { ok: true, sweep: { axes, combine, runs } };
}
