// The two model parameters calibration added to config: a mobility factor per solute and a
// nucleation-site density factor per phase. Their defaults leave every request, and its result, as before.
import test from 'ava';
import { requestKey } from '../../src/engine/index.js';
import { validateRequest } from '../../src/request/validate.js';
import { normalized, runWith } from '../helpers/engine.js';

const base = {
  composition: { MG: 0.5, SI: 0.435 },
  composition_unit: 'weight_percent',
  temperature_profile: { time_points_hours: [0], temperatures_celsius: [175] },
  simulation_time_hours: 30,
  phases: ['MGSI_B_P', 'MG5SI6_B_DP'],
};
const withConfig = (config: object) => ({ ...base, config });

function peak(result: Awaited<ReturnType<typeof runWith>>) {
  const ys = result.strength.totalYieldStrengthMPa;
  let at = 0;
  for (let i = 1; i < ys.length; i++) if (ys[i] > ys[at]) at = i;
  return { mpa: ys[at], hours: result.series.timeS[at] / 3600 };
}

test('factors of 1 normalize to the request without them (same cache key, same result)', (t) => {
  const plain = normalized(base);
  const ones = normalized(
    withConfig({ mobility_factor: { MG: 1, SI: 1 }, nucleation_site_factor: { MGSI_B_P: 1 } }),
  );
  t.is(requestKey(ones), requestKey(plain));
  t.is(plain.config.mobility_factor, undefined);
  const set = normalized(withConfig({ mobility_factor: { SI: 2 } }));
  t.deepEqual(set.config.mobility_factor, { MG: 1, SI: 2 });
  t.is(set.config.nucleation_site_factor, undefined);
});

test('factors out of range are refused, naming the field', (t) => {
  const result = validateRequest(
    withConfig({ mobility_factor: { MG: 0 }, nucleation_site_factor: { U9: 1 } }),
  );
  t.false(result.ok);
  if (result.ok) return;
  const paths = result.issues.map((i) => i.path);
  t.true(paths.includes('/config/mobility_factor/MG'), JSON.stringify(paths));
  t.true(paths.includes('/config/nucleation_site_factor/U9'), JSON.stringify(paths));
});

test('faster diffusion brings the peak earlier, slower diffusion later', async (t) => {
  const reference = peak(await runWith('wasm', base));
  const fast = peak(await runWith('wasm', withConfig({ mobility_factor: { MG: 4, SI: 4 } })));
  const slow = peak(await runWith('wasm', withConfig({ mobility_factor: { MG: 0.25, SI: 0.25 } })));
  t.true(fast.hours < 0.6 * reference.hours, `${fast.hours} vs ${reference.hours} h`);
  t.true(slow.hours > 1.5 * reference.hours, `${slow.hours} vs ${reference.hours} h`);
});

test('fewer nucleation sites give fewer, larger precipitates; both kernels agree bit for bit', async (t) => {
  const fewer = withConfig({ nucleation_site_factor: { MGSI_B_P: 0.01, MG5SI6_B_DP: 0.01 } });
  const reference = (await runWith('wasm', base)).series.phases[0];
  const wasm = await runWith('wasm', fewer);
  const js = await runWith('js', fewer);
  const phase = wasm.series.phases[0];
  const last = phase.numberDensityPerM3.length - 1;
  t.true(phase.numberDensityPerM3[last] < 0.2 * reference.numberDensityPerM3.at(-1)!);
  t.true(phase.meanRadiusM[last] > reference.meanRadiusM.at(-1)!);
  t.deepEqual(js.strength.totalYieldStrengthMPa, wasm.strength.totalYieldStrengthMPa);
});
