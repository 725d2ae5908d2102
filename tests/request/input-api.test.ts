// The same forgiving input through the API (embedded service): "Mg"/"si" accepted and answered like MG/SI,
// percentages typed as mole fractions refused with the unit hint on /composition, and the service's own
// 100 h limit unchanged while the CLI's is 1000 h.
import test from 'ava';
import { KAWIN_EXAMPLE_03 } from '../../src/request/index.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
test.before(async () => {
  server = await startTestServer();
});
test.after.always(async () => {
  await server?.close();
});

const post = (body: unknown) =>
  fetch(`${server.url}/api/v1/simulate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

const SHORT = { ...KAWIN_EXAMPLE_03, simulation_time_hours: 2 };

test.serial('"Mg" and "si" give the result of MG and SI', async (t) => {
  const upper = await post(SHORT);
  const mixed = await post({ ...SHORT, composition: { Mg: 0.0072, si: 0.0057 } });
  t.is(upper.status, 200);
  t.is(mixed.status, 200);
  const [a, b] = (await Promise.all([upper.json(), mixed.json()])) as {
    results: { summary: { total_yield_strength_mpa: number } };
  }[];
  t.is(b.results.summary.total_yield_strength_mpa, a.results.summary.total_yield_strength_mpa);
});

test.serial('wt.% typed as mole fractions: 422 naming /composition, with the hint', async (t) => {
  const response = await post({ ...SHORT, composition: { Mg: 1.0, Si: 0.6 } });
  t.is(response.status, 422);
  const problem = (await response.json()) as { errors: { pointer: string; detail: string }[] };
  t.deepEqual(
    problem.errors.map((e) => e.pointer),
    ['/composition'],
  );
  t.regex(problem.errors[0].detail, /did you mean weight_percent\? \(set composition_unit/);
});

test.serial('the service keeps its 100 h limit', async (t) => {
  const response = await post({ ...SHORT, simulation_time_hours: 504 });
  t.is(response.status, 422);
  const problem = (await response.json()) as { errors: { pointer: string; detail: string }[] };
  t.deepEqual(problem.errors[0], {
    in: 'body',
    pointer: '/simulation_time_hours',
    detail: 'must be at most 100 h (the configured maximum)',
  });
});
