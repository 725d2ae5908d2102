// JSON Schemas of the sweep routes' responses, for the OpenAPI document (the body is the shared sweep
// schema, src/request/sweep-schema.ts).
import { JOB_STATUSES } from '../db/rows.js';

const number = { type: 'number' };

export const sweepRowSchema = {
  type: 'object',
  description: 'One run: its axis values and metrics (curves in the results only); a failed run has error',
  required: ['index', 'axis_values'],
  properties: {
    index: { type: 'integer', description: 'position in the sweep (grid: the last axis varies fastest)' },
    axis_values: { type: 'array', items: number, description: 'one value per axis, in the axes order' },
    peak_yield_strength_mpa: number,
    peak_time_hours: number,
    time_to_90_percent_peak_hours: number,
    peak_at_end: { type: 'boolean', description: 'the peak is the last row: not reached in the time run' },
    final_yield_strength_mpa: number,
    final_hardness_hv: { type: ['number', 'null'] },
    phases: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          number_density_per_m3: number,
          mean_radius_nm: number,
          volume_fraction: number,
        },
      },
    },
    steps: { type: 'integer' },
    engine_ms: number,
    curves: {
      type: 'object',
      description: 'compact curves against time, from which maps are drawn without re-running',
      properties: {
        time_hours: { type: 'array', items: number },
        yield_strength_mpa: { type: 'array', items: number },
        volume_fraction: { type: 'array', items: number },
      },
    },
    error: { type: ['string', 'null'], description: 'why the run failed' },
  },
};

export const sweepSchemaOut = {
  type: 'object',
  required: ['id', 'status', 'axes', 'progress', 'created_at', 'table', 'links'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    status: { type: 'string', enum: [...JOB_STATUSES] },
    axes: {
      type: 'array',
      items: {
        type: 'object',
        properties: { name: { type: 'string' }, values: { type: 'array', items: number } },
      },
    },
    progress: {
      type: 'object',
      properties: {
        runs_done: { type: 'integer', description: 'completed or failed runs' },
        runs_total: { type: 'integer' },
        runs_failed: { type: 'integer' },
        runs_cancelled: { type: 'integer' },
        fraction: { type: 'number', minimum: 0, maximum: 1 },
      },
    },
    created_at: { type: 'string', format: 'date-time' },
    completed_at: { type: ['string', 'null'], format: 'date-time' },
    error: { type: 'string', description: "a failed sweep (every run failed): the first run's error" },
    table: { type: 'array', items: sweepRowSchema, description: 'the finished runs so far, by index' },
    links: {
      type: 'object',
      properties: { self: { type: 'string', format: 'uri' }, results: { type: 'string', format: 'uri' } },
    },
  },
};

export const sweepResultsSchema = {
  type: 'object',
  required: ['id', 'status', 'axes', 'rows', 'failed'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    status: { type: 'string', enum: [...JOB_STATUSES] },
    axes: {
      type: 'array',
      items: { type: 'string' },
      description: 'axis names, in the order of axis_values',
    },
    rows: { type: 'array', items: sweepRowSchema },
    failed: { type: 'array', items: sweepRowSchema },
  },
};
