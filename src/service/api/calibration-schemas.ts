// JSON Schemas of the calibration routes' responses, for the OpenAPI document (the body is the shared
// calibration schema, src/request/calibration-schema.ts).
import { JOB_STATUSES } from '../db/rows.js';

const number = { type: 'number' };
const byParameter = (items: unknown) => ({
  type: 'object',
  additionalProperties: items,
  description: 'by parameter name',
});

export const calibrationSchemaOut = {
  type: 'object',
  required: ['id', 'status', 'progress', 'attempt', 'created_at', 'links'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    status: { type: 'string', enum: [...JOB_STATUSES] },
    progress: {
      type: 'object',
      required: ['phase', 'done', 'total', 'runs_done', 'runs_planned', 'best_chi_squared'],
      properties: {
        phase: { type: 'string', enum: ['queued', 'optimise', 'sample', 'finished'] },
        done: { type: 'integer', description: "the optimiser's evaluations, or the sampler's steps, done" },
        total: { type: 'integer', description: 'the same, planned for the phase' },
        runs_done: { type: 'integer', description: 'engine runs so far' },
        runs_planned: { type: 'integer', description: 'the most engine runs the plan may take' },
        best_chi_squared: {
          type: ['number', 'null'],
          description: 'the best fit so far: −2 ln posterior (χ² plus the priors)',
        },
      },
    },
    attempt: { type: 'integer', description: 'deliveries to a worker (a killed worker’s is re-run)' },
    error: { type: ['string', 'null'], description: 'why the calibration failed' },
    created_at: { type: 'string', format: 'date-time' },
    completed_at: { type: ['string', 'null'], format: 'date-time' },
    links: {
      type: 'object',
      properties: { self: { type: 'string', format: 'uri' }, results: { type: 'string', format: 'uri' } },
    },
  },
};

/** The CLI's `precipitate calibrate --json` document. */
export const calibrationResultsSchema = {
  type: 'object',
  required: ['best', 'posterior', 'fit', 'runs'],
  properties: {
    best: {
      type: 'object',
      required: ['values', 'request_config', 'chi_squared'],
      properties: {
        values: byParameter(number),
        request_config: { type: 'object', description: 'the config with the best values applied' },
        chi_squared: number,
        evaluations: { type: 'integer' },
        restarts: { type: 'integer' },
      },
    },
    posterior: {
      type: ['object', 'null'],
      description: 'null when the method asked for no sampling (steps 0)',
      properties: {
        samples: { type: 'integer' },
        walkers: { type: 'integer' },
        steps: { type: 'integer' },
        acceptance_fraction: number,
        median: byParameter(number),
        interval_90: byParameter({ type: 'array', items: number, minItems: 2, maxItems: 2 }),
        correlation: {
          type: 'object',
          properties: {
            paths: { type: 'array', items: { type: 'string' } },
            matrix: { type: 'array', items: { type: 'array', items: number } },
          },
        },
        draws: {
          type: 'array',
          items: { type: 'array', items: number },
          description: 'posterior samples (values in the parameters’ order), for corner plots',
        },
      },
    },
    fit: {
      type: 'object',
      properties: {
        rms: { type: 'object', description: 'root-mean-square error by quantity, over every experiment' },
        per_experiment: {
          type: 'array',
          items: {
            type: 'object',
            description:
              'observations, curves with the 5–95 % band, peaks, measured times to peak (peak_times), χ²',
          },
        },
      },
    },
    runs: {
      type: 'object',
      properties: {
        total: { type: 'integer' },
        failed: { type: 'integer' },
        seconds: number,
        runs_per_second: number,
        engine_seconds: number,
      },
    },
  },
};
