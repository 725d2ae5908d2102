// JSON Schemas of the API's responses, for the OpenAPI document (requests use the engine's schema).
import { API_FILE_KEYS } from '../../output/index.js';
import { JOB_STATUSES } from '../db/rows.js';

const timestamp = { type: 'string', format: 'date-time' };
const nullableTimestamp = { type: ['string', 'null'], format: 'date-time' };

export const progressSchema = {
  type: 'object',
  properties: {
    fraction: { type: 'number', minimum: 0, maximum: 1, description: 'simulated time over requested time' },
    simulated_hours: { type: 'number' },
    steps: { type: 'integer' },
  },
};

export const resultsSchema = {
  type: 'object',
  required: ['summary', 'series', 'files'],
  properties: {
    summary: { type: 'object', description: 'Final state: matrix composition, per-phase size and strength' },
    series: { type: 'object', description: 'Compact time series, at most max_points rows' },
    engine: { type: 'object', description: 'Engine version, kernel and database hash' },
    timing: { type: 'object', description: "The engine's time for the run (engine_ms) and its steps" },
    files: {
      type: 'object',
      description:
        "Download URLs: the API makes each file from the job's run data when it is fetched (the first fetch has a worker run the request again to make that)",
      properties: Object.fromEntries(
        Object.keys(API_FILE_KEYS).map((k) => [k, { type: 'string', format: 'uri' }]),
      ),
    },
    file_status: {
      type: 'object',
      description:
        "Per key of files: 'ready' to download (made when fetched), or 'missing' (an older job's file that is not stored, or files_error says why it cannot be made)",
      properties: Object.fromEntries(
        Object.keys(API_FILE_KEYS).map((k) => [k, { type: 'string', enum: ['ready', 'missing'] }]),
      ),
    },
    files_error: {
      type: 'string',
      description: "Why the files cannot be made (the engine no longer gives the job's numbers)",
    },
  },
};

export const jobSchema = {
  type: 'object',
  required: ['job_id', 'status', 'created_at', 'progress'],
  properties: {
    job_id: { type: 'string', format: 'uuid' },
    status: { type: 'string', enum: [...JOB_STATUSES] },
    created_at: timestamp,
    started_at: nullableTimestamp,
    completed_at: nullableTimestamp,
    progress: progressSchema,
    cached: { type: 'boolean', description: 'true when an identical earlier run was reused' },
    error: { type: 'string', description: 'why the job failed' },
    results: resultsSchema,
  },
};

export const acceptedSchema = {
  type: 'object',
  required: ['job_id', 'status', 'created_at', 'estimated_duration_seconds'],
  properties: {
    job_id: { type: 'string', format: 'uuid' },
    status: { type: 'string', enum: [...JOB_STATUSES] },
    created_at: timestamp,
    estimated_duration_seconds: { type: 'integer' },
    cached: { type: 'boolean' },
  },
};

export const jobListSchema = {
  type: 'object',
  required: ['jobs', 'next_cursor'],
  properties: {
    jobs: { type: 'array', items: jobSchema },
    next_cursor: {
      type: ['string', 'null'],
      description: 'pass as ?cursor= for the next page; null on the last',
    },
  },
};

export const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          in: { type: 'string', enum: ['body', 'query', 'path', 'header'] },
          pointer: {
            type: 'string',
            description: 'JSON pointer into the body, or the parameter/header name',
          },
          detail: { type: 'string' },
        },
      },
    },
  },
};

const check = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['up', 'down'] },
    latency_ms: { type: 'number' },
    error: { type: 'string' },
  },
};

export const healthSchema = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ok'] },
    checks: { type: 'object', properties: { database: check, queue: check, storage: check } },
    engine: { type: 'object' },
    adapters: { type: 'object' },
    auth: { type: 'string', enum: ['api-key', 'off'], description: 'whether /api routes need a bearer key' },
    limits: { type: 'object', properties: { max_simulation_time_hours: { type: 'number' } } },
  },
};

export const problem = (description: string) => ({
  description,
  schema: problemSchema,
  contentType: 'application/problem+json',
});
