// Malformed requests of every kind get a 4xx application/problem+json that names the field; never a 5xx.
import test from 'ava';
import { EXAMPLE_REQUEST } from '../../src/request/index.js';
import type { Client } from '../../tools/harness/http.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const valid = () =>
  structuredClone(EXAMPLE_REQUEST) as Record<string, unknown> & {
    composition: Record<string, unknown>;
    temperature_profile: Record<string, unknown>;
  };

const edit = (change: (body: ReturnType<typeof valid>) => void) => {
  const body = valid();
  change(body);
  return body;
};

interface Case {
  name: string;
  /** A JSON value to send, or raw text. */
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  method?: string;
  path?: string;
  /** The field the answer must name (a JSON pointer, parameter or header). */
  field: string;
  status?: number;
}

const tooMany = Array.from({ length: 1001 }, (_, i) => i);

const CASES: Case[] = [
  {
    name: 'composition missing',
    body: edit((b) => delete (b as Record<string, unknown>).composition),
    field: '/composition',
  },
  { name: 'MG is a string', body: edit((b) => (b.composition.MG = '0.0072')), field: '/composition/MG' },
  { name: 'MG is negative', body: edit((b) => (b.composition.MG = -0.01)), field: '/composition/MG' },
  { name: 'MG is zero', body: edit((b) => (b.composition.MG = 0)), field: '/composition/MG' },
  { name: 'MG is a boolean', body: edit((b) => (b.composition.MG = true)), field: '/composition/MG' },
  { name: 'MG is an array', body: edit((b) => (b.composition.MG = [0.1])), field: '/composition/MG' },
  { name: 'SI missing', body: edit((b) => delete b.composition.SI), field: '/composition/SI' },
  { name: 'unknown element', body: edit((b) => (b.composition.CU = 0.01)), field: '/composition/CU' },
  {
    name: 'solute sum ≥ 1',
    body: edit((b) => Object.assign(b.composition, { MG: 0.6, SI: 0.5 })),
    field: '/composition',
  },
  {
    name: 'weight percent sum ≥ 100',
    body: edit((b) =>
      Object.assign(b, { composition_unit: 'weight_percent', composition: { MG: 60, SI: 45 } }),
    ),
    field: '/composition',
  },
  { name: 'unknown unit', body: edit((b) => (b.composition_unit = 'ppm')), field: '/composition_unit' },
  {
    name: 'profile missing',
    body: edit((b) => delete (b as Record<string, unknown>).temperature_profile),
    field: '/temperature_profile',
  },
  {
    name: 'time points not an array',
    body: edit((b) => (b.temperature_profile.time_points_hours = 5)),
    field: '/temperature_profile/time_points_hours',
  },
  {
    name: 'time points empty',
    body: edit((b) => (b.temperature_profile.time_points_hours = [])),
    field: '/temperature_profile/time_points_hours',
  },
  {
    name: 'time points not increasing',
    body: edit((b) => (b.temperature_profile.time_points_hours = [0, 16, 16])),
    field: '/temperature_profile/time_points_hours/2',
  },
  {
    name: 'negative time point',
    body: edit((b) => (b.temperature_profile.time_points_hours = [-1, 16, 17])),
    field: '/temperature_profile/time_points_hours/0',
  },
  {
    name: 'fewer temperatures than times',
    body: edit((b) => (b.temperature_profile.temperatures_celsius = [175, 175])),
    field: '/temperature_profile/temperatures_celsius',
  },
  {
    name: 'temperature above 700 °C',
    body: edit((b) => (b.temperature_profile.temperatures_celsius = [175, 900, 175])),
    field: '/temperature_profile/temperatures_celsius/1',
  },
  {
    name: 'temperature as text',
    body: edit((b) => (b.temperature_profile.temperatures_celsius = ['hot', 175, 175])),
    field: '/temperature_profile/temperatures_celsius/0',
  },
  {
    name: 'unknown profile field',
    body: edit((b) => (b.temperature_profile.rate = 1)),
    field: '/temperature_profile/rate',
  },
  {
    name: 'huge arrays (1001 points)',
    body: edit((b) =>
      Object.assign(b.temperature_profile, {
        time_points_hours: tooMany,
        temperatures_celsius: tooMany.map(() => 175),
      }),
    ),
    field: '/temperature_profile/time_points_hours',
  },
  {
    name: 'time missing',
    body: edit((b) => delete (b as Record<string, unknown>).simulation_time_hours),
    field: '/simulation_time_hours',
  },
  {
    name: 'time negative',
    body: edit((b) => (b.simulation_time_hours = -5)),
    field: '/simulation_time_hours',
  },
  { name: 'time zero', body: edit((b) => (b.simulation_time_hours = 0)), field: '/simulation_time_hours' },
  {
    name: 'time as text',
    body: edit((b) => (b.simulation_time_hours = '25')),
    field: '/simulation_time_hours',
  },
  { name: 'time null', body: edit((b) => (b.simulation_time_hours = null)), field: '/simulation_time_hours' },
  {
    name: 'time over the maximum',
    body: edit((b) => (b.simulation_time_hours = 101)),
    field: '/simulation_time_hours',
  },
  {
    name: 'time 1e400 (Infinity)',
    raw: JSON.stringify(valid()).replace('"simulation_time_hours":25', '"simulation_time_hours":1e400'),
    field: '/simulation_time_hours',
  },
  { name: 'unknown phase', body: edit((b) => (b.phases = ['MGSI_B_P', 'THETA'])), field: '/phases/1' },
  { name: 'phases repeated', body: edit((b) => (b.phases = ['MGSI_B_P', 'MGSI_B_P'])), field: '/phases' },
  { name: 'phases empty', body: edit((b) => (b.phases = [])), field: '/phases' },
  { name: 'max_points 1', body: edit((b) => (b.max_points = 1)), field: '/max_points' },
  { name: 'max_points 2.5', body: edit((b) => (b.max_points = 2.5)), field: '/max_points' },
  {
    name: 'negative Taylor factor',
    body: edit((b) => (b.config = { taylor_factor: -2 })),
    field: '/config/taylor_factor',
  },
  {
    name: 'Poisson ratio 0.5',
    body: edit((b) => (b.config = { dislocation: { poisson_ratio: 0.5 } })),
    field: '/config/dislocation/poisson_ratio',
  },
  { name: 'unknown config field', body: edit((b) => (b.config = { magic: 1 })), field: '/config/magic' },
  { name: 'unknown top-level field', body: edit((b) => (b.priority = 'high')), field: '/priority' },
  { name: 'body is an array', body: [valid()], field: '/' },
  { name: 'body is null', raw: 'null', field: '/' },
  { name: 'body is a string', raw: '"simulate"', field: '/' },
  {
    name: 'NaN',
    raw: JSON.stringify(valid()).replace('"simulation_time_hours":25', '"simulation_time_hours":NaN'),
    field: '/',
    status: 400,
  },
  {
    name: 'Infinity literal',
    raw: JSON.stringify(valid()).replace('0.0072', 'Infinity'),
    field: '/',
    status: 400,
  },
  { name: 'truncated JSON', raw: JSON.stringify(valid()).slice(0, 40), field: '/', status: 400 },
  { name: 'deeply nested JSON', raw: '['.repeat(30000) + ']'.repeat(30000), field: '/' },
  { name: 'empty body', raw: '', field: '/' },
  {
    name: 'body over 64 KiB',
    raw: JSON.stringify({ ...valid(), pad: 'x'.repeat(70_000) }),
    field: '/',
    status: 413,
  },
  {
    name: 'text/plain',
    raw: JSON.stringify(valid()),
    headers: { 'Content-Type': 'text/plain' },
    field: 'Content-Type',
    status: 415,
  },
  {
    name: 'form encoded',
    raw: 'simulation_time_hours=25',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    field: 'Content-Type',
    status: 415,
  },
  {
    name: 'Idempotency-Key too long',
    body: valid(),
    headers: { 'Idempotency-Key': 'k'.repeat(300) },
    field: 'Idempotency-Key',
    status: 400,
  },
  { name: 'list: limit 0', method: 'GET', path: '/api/v1/jobs?limit=0', field: 'limit', status: 400 },
  {
    name: 'list: limit not a number',
    method: 'GET',
    path: '/api/v1/jobs?limit=ten',
    field: 'limit',
    status: 400,
  },
  {
    name: 'list: limit twice',
    method: 'GET',
    path: '/api/v1/jobs?limit=1&limit=2',
    field: 'limit',
    status: 400,
  },
  {
    name: 'list: unknown status',
    method: 'GET',
    path: '/api/v1/jobs?status=done',
    field: 'status',
    status: 400,
  },
  {
    name: 'list: bad cursor',
    method: 'GET',
    path: '/api/v1/jobs?cursor=garbage',
    field: 'cursor',
    status: 400,
  },
  {
    name: 'list: unknown parameter',
    method: 'GET',
    path: '/api/v1/jobs?sort=asc',
    field: 'sort',
    status: 400,
  },
];

let server: TestServer;
let api: Client;

test.before(async () => {
  server = await startTestServer();
  api = server.api();
});

test.after.always(async () => {
  await server?.close();
});

test(`at least 30 malformed requests are covered (${CASES.length})`, (t) => {
  t.true(CASES.length >= 30);
});

for (const c of CASES) {
  for (const path of c.path ? [c.path] : ['/api/v1/simulate/async', '/api/v1/simulate']) {
    test(`${c.name} → 4xx naming ${c.field} (${c.method ?? 'POST'} ${path.replace('/api/v1', '')})`, async (t) => {
      const raw = c.raw ?? (c.body === undefined ? undefined : JSON.stringify(c.body));
      const reply = await api.request(c.method ?? 'POST', path, {
        raw,
        headers: { ...(raw !== undefined ? { 'Content-Type': 'application/json' } : {}), ...c.headers },
      });
      t.true(
        reply.status >= 400 && reply.status < 500,
        `status ${reply.status}: ${reply.text.slice(0, 300)}`,
      );
      if (c.status) t.is(reply.status, c.status);
      t.is(reply.headers.get('content-type'), 'application/problem+json');
      const body = reply.body as {
        status: number;
        type: string;
        title: string;
        detail: string;
        errors?: { pointer: string }[];
      };
      t.is(body.status, reply.status);
      t.truthy(body.type && body.title && body.detail);
      const pointers = (body.errors ?? []).map((e) => e.pointer);
      t.true(pointers.includes(c.field), `errors ${JSON.stringify(body.errors)} should name ${c.field}`);
    });
  }
}

test('unknown routes, unknown jobs and wrong methods are problem+json too', async (t) => {
  for (const [method, path, status] of [
    ['GET', '/nope', 404],
    ['GET', '/api/v1/nope', 404],
    ['GET', '/api/v1/jobs/not-a-uuid', 404],
    ['GET', '/api/v1/jobs/00000000-0000-4000-8000-000000000000', 404],
    ['DELETE', '/api/v1/jobs/00000000-0000-4000-8000-000000000000', 404],
    ['GET', '/api/v1/jobs/00000000-0000-4000-8000-000000000000/files/../../etc/passwd', 404],
    ['PUT', '/api/v1/simulate', 405],
    ['GET', '/api/v1/simulate', 405],
  ] as const) {
    const reply = await api.request(method, path);
    t.is(reply.status, status, `${method} ${path}`);
    t.is(reply.headers.get('content-type'), 'application/problem+json', `${method} ${path}`);
  }
});
