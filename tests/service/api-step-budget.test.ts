// The API refuses, before anything runs, a schedule whose heating needs more steps than the workers'
// configured budget (ENGINE_MAX_STEPS), not only more than the default one.
import test from 'ava';
import { startTestServer } from '../helpers/server.js';

/** Twenty points alternating 150/250 °C over 10 h: ~2,000 K of heating, well under the default budget. */
const REQUEST = {
  composition: { MG: 0.0072, SI: 0.0057 },
  temperature_profile: {
    time_points_hours: Array.from({ length: 20 }, (_, i) => (i * 10) / 19),
    temperatures_celsius: Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 150 : 250)),
  },
  simulation_time_hours: 10,
};

test('a schedule over ENGINE_MAX_STEPS is a 422 naming the temperatures; under the default it is accepted', async (t) => {
  const strict = await startTestServer({ ENGINE_MAX_STEPS: '1000' });
  const loose = await startTestServer();
  t.teardown(() => Promise.all([strict.close(), loose.close()]));
  const refused = await strict.api().post('/api/v1/simulate/async', REQUEST);
  t.is(refused.status, 422);
  const errors = refused.body.errors as { pointer: string; detail: string }[];
  t.is(errors[0].pointer, '/temperature_profile/temperatures_celsius');
  t.regex(errors[0].detail, /the limit is 1000/);
  const accepted = await loose.api().post('/api/v1/simulate/async', REQUEST);
  t.is(accepted.status, 202);
});
