// The JSON Schema of a simulation request: one schema for the CLI, the API (and its OpenAPI document)
// and the browser form. Checks JSON Schema cannot express are in validate.ts.
import {
  DEFAULT_CONFIG,
  DEFAULT_MAX_POINTS,
  EXAMPLE_REQUEST,
  MAX_MAX_POINTS,
  MAX_SIZE_DISTRIBUTION_TIMES,
  PHASES,
  SOLUTES,
} from './defaults.js';
import { strengthSchema } from './strength.js';

const positive = (description: string) => ({ type: 'number', exclusiveMinimum: 0, description });
/** A model parameter within physically meaningful bounds (beyond them the model's numbers mean nothing). */
const bounded = (description: string, minimum: number, maximum: number) => ({
  type: 'number',
  minimum,
  maximum,
  description: `${description} (${minimum} to ${maximum})`,
});

const phaseEnergies = Object.fromEntries(
  PHASES.map((p) => [p, bounded(`interfacial energy of ${p}, J/m²`, 0.001, 2)]),
);

export const requestSchema = {
  $id: 'https://deepalloy.example/schemas/simulation-request.json',
  title: 'SimulationRequest',
  type: 'object',
  additionalProperties: false,
  required: ['composition', 'temperature_profile', 'simulation_time_hours'],
  properties: {
    composition: {
      type: 'object',
      description: 'Solute contents, balance Al, in composition_unit',
      additionalProperties: false,
      required: [...SOLUTES],
      properties: Object.fromEntries(SOLUTES.map((s) => [s, positive(`${s} content`)])),
    },
    composition_unit: {
      type: 'string',
      enum: ['mole_fraction', 'atomic_percent', 'weight_percent'],
      default: 'mole_fraction',
    },
    temperature_profile: {
      type: 'object',
      description: 'Piecewise-linear temperature in time, held flat after the last point',
      additionalProperties: false,
      required: ['time_points_hours', 'temperatures_celsius'],
      properties: {
        time_points_hours: {
          type: 'array',
          minItems: 1,
          maxItems: 1000,
          items: { type: 'number', minimum: 0 },
        },
        temperatures_celsius: {
          type: 'array',
          minItems: 1,
          maxItems: 1000,
          items: { type: 'number', minimum: 0, maximum: 700 },
        },
      },
    },
    simulation_time_hours: positive('Ageing time simulated, hours'),
    phases: {
      type: 'array',
      minItems: 1,
      maxItems: PHASES.length,
      uniqueItems: true,
      items: { type: 'string', enum: [...PHASES] },
      default: [...PHASES],
    },
    max_points: {
      type: 'integer',
      minimum: 2,
      maximum: MAX_MAX_POINTS,
      default: DEFAULT_MAX_POINTS,
      description: 'Largest number of points in the compact series of a response',
    },
    config: {
      type: 'object',
      additionalProperties: false,
      properties: {
        aspect_ratio: {
          type: 'object',
          additionalProperties: false,
          description: 'AR = prefactor · (d / 1 nm)^exponent',
          properties: {
            prefactor: bounded('aspect-ratio prefactor', 0.1, 100),
            exponent: bounded('aspect-ratio exponent', -1, 1),
          },
        },
        dislocation: {
          type: 'object',
          additionalProperties: false,
          properties: {
            shear_modulus_gpa: bounded('matrix shear modulus, GPa', 1, 500),
            burgers_vector_nm: bounded('Burgers vector, nm', 0.1, 1),
            poisson_ratio: { type: 'number', minimum: 0, exclusiveMaximum: 0.5 },
          },
        },
        interfacial_energy: { type: 'object', additionalProperties: false, properties: phaseEnergies },
        taylor_factor: bounded('Taylor factor', 1, 5),
        mobility_factor: {
          type: 'object',
          additionalProperties: false,
          description: "Factor on each solute's atomic mobility, hence its diffusivities (default 1)",
          properties: Object.fromEntries(
            SOLUTES.map((s) => [s, bounded(`mobility factor of ${s}`, 1e-4, 1e4)]),
          ),
        },
        nucleation_site_factor: {
          type: 'object',
          additionalProperties: false,
          description: 'Factor on the bulk nucleation-site density each phase nucleates on (default 1)',
          properties: Object.fromEntries(
            PHASES.map((p) => [p, bounded(`site-density factor of ${p}`, 1e-8, 100)]),
          ),
        },
        strength: strengthSchema(PHASES),
      },
      default: DEFAULT_CONFIG,
    },
    output: {
      type: 'object',
      additionalProperties: false,
      description: 'What the result files hold',
      properties: {
        full_series: {
          type: 'boolean',
          default: false,
          description:
            'results.json and results.csv with every solver step (by default: at most 2000 rows that keep every curve, ramp and phase appearance, and the exact final state)',
        },
        time_axis: {
          type: 'string',
          enum: ['log', 'linear'],
          default: 'log',
          description: "The figures' time axis: log from a decade that shows the schedule, or linear from 0",
        },
        size_distribution_times_hours: {
          type: 'array',
          maxItems: MAX_SIZE_DISTRIBUTION_TIMES,
          items: { type: 'number', minimum: 0 },
          description: `Ageing times (h, ascending, within simulation_time_hours, at most ${MAX_SIZE_DISTRIBUTION_TIMES}) at which each phase's particle size distribution is reported, besides the final one`,
        },
      },
    },
  },
  examples: [EXAMPLE_REQUEST],
} as const;
