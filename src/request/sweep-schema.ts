// The JSON Schema of a sweep document: one schema for the CLI, the API and the page. A sweep is a base
// request and axes, each a JSON pointer (or several) into the request and its values; expandSweep
// (sweep.ts) turns it into the runs. Checks JSON Schema cannot express are there.
import { requestSchema } from './schema.js';

/** Runs one sweep may have unless configured otherwise (SWEEP_MAX_RUNS). */
export const DEFAULT_MAX_SWEEP_RUNS = 1000;
/** Values one axis may list or generate. */
export const MAX_AXIS_VALUES = 1000;
export const MAX_AXES = 4;

const pointer = {
  type: 'string',
  maxLength: 200,
  description: 'JSON pointer into the request, e.g. /composition/MG',
};

const target = {
  oneOf: [
    pointer,
    {
      type: 'object',
      additionalProperties: false,
      required: ['pointer'],
      description: 'A place set to the axis value plus offset (e.g. a time point that follows the axis)',
      properties: { pointer, offset: { type: 'number', default: 0 } },
    },
  ],
};

const range = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to', 'count'],
  properties: {
    from: { type: 'number' },
    to: { type: 'number' },
    count: { type: 'integer', minimum: 1, maximum: MAX_AXIS_VALUES },
    scale: { type: 'string', enum: ['linear', 'log'], default: 'linear' },
  },
};

/** The base request's schema without its own $id and examples (it is embedded here). */
const { $id: _id, examples: _examples, ...baseSchema } = requestSchema;

export const sweepSchema = {
  $id: 'https://deepalloy.example/schemas/sweep.json',
  title: 'Sweep',
  type: 'object',
  additionalProperties: false,
  required: ['base', 'axes'],
  properties: {
    base: { ...baseSchema, description: 'The simulation request every run starts from' },
    axes: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_AXES,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'values'],
        properties: {
          name: {
            type: 'string',
            maxLength: 80,
            description: 'Column name in the table (default: the path)',
          },
          path: {
            description:
              'Where the value goes: a JSON pointer (`*` for every array element, e.g. ' +
              '/temperature_profile/temperatures_celsius/*; alias /isothermal_temperature_celsius), ' +
              'or a list of them, each optionally {"pointer", "offset"}',
            oneOf: [pointer, { type: 'array', minItems: 1, maxItems: 20, items: target }],
          },
          values: {
            oneOf: [
              { type: 'array', minItems: 1, maxItems: MAX_AXIS_VALUES, items: { type: 'number' } },
              range,
            ],
          },
        },
      },
    },
    combine: {
      type: 'string',
      enum: ['grid', 'zip'],
      default: 'grid',
      description: 'grid: every combination of the axes; zip: the axes side by side (equal lengths)',
    },
  },
  examples: [
    {
      base: {
        composition: { MG: 0.0072, SI: 0.0057 },
        temperature_profile: { time_points_hours: [0], temperatures_celsius: [175] },
        simulation_time_hours: 100,
      },
      axes: [{ path: '/isothermal_temperature_celsius', values: { from: 140, to: 260, count: 30 } }],
    },
  ],
} as const;
