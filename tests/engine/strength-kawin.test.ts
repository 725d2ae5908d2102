// kawin's strength model (shared/spec/strength.md) against kawin 0.5.0's StrengthModel coupled to its KWN
// run (tools/reference/strength.py, tests/fixtures/kawin/strength-*.json): replaying kawin's own step
// sizes, every recorded row's r_ss, L_s, per-phase CRSS terms and the strength totals agree to 1e-6.
import test from 'ava';
import { readdirSync } from 'node:fs';
import { createSimulation } from '../../src/engine/simulation.js';
import { computeStrength, type StrengthSeries } from '../../src/engine/strength.js';
import type { EngineSeries } from '../../src/engine/series.js';
import { loadEngineDeps } from '../../src/runtime/node.js';
import { FIXTURES, readFixture } from '../../tools/harness/paths.js';
import { normalized, runWith } from '../helpers/engine.js';
import { interpolateAt } from '../helpers/kawin-fixtures.js';

interface KawinPhaseStrength {
  r_ss_m: number[];
  l_s_m: number[];
  tau_pa: number[];
  weak_sum_pa: number[];
  strong_sum_pa: number[];
  orowan_pa: number[];
  contributions: string[];
}

interface StrengthFixture {
  case: string;
  kawin_version: string;
  request: Record<string, unknown>;
  steps: number;
  time_s: number[];
  rows: {
    step_index: number[];
    time_s: number[];
    x_mg: number[];
    x_si: number[];
    sigma_prec_pa: number[];
    sigma_ss_pa: number[];
    sigma_0_pa: number[];
    sigma_y_pa: number[];
    phases: Record<string, KawinPhaseStrength>;
  };
}

const CASES = readdirSync(`${FIXTURES}kawin`)
  .filter((f) => /^strength-[a-z0-9]+\.json$/.test(f))
  .map((f) => f.slice('strength-'.length, -'.json'.length))
  .sort();

const TOLERANCE = 1e-6;

/** Relative difference; 0 when both are 0 (kawin's cleaned-up terms). */
const relative = (ours: number, theirs: number) =>
  ours === theirs ? 0 : Math.abs(ours - theirs) / Math.abs(theirs);

async function replay(k: StrengthFixture): Promise<{ series: EngineSeries; strength: StrengthSeries }> {
  const request = normalized(k.request);
  const steps = k.time_s.slice(1).map((t, i) => t - k.time_s[i]);
  const deps = await loadEngineDeps('wasm');
  const sim = createSimulation(request, deps.thermo, deps.kernel, { replayStepsS: steps });
  sim.setup();
  while (sim.timeS < sim.endS && sim.steps < steps.length) sim.step();
  const series = sim.series();
  return { series, strength: computeStrength(series, request.config, undefined, { slipPlane: true }) };
}

test('there are kawin strength fixtures: the user two phases, all five, every contribution type', (t) => {
  t.deepEqual(CASES, ['every', 'five', 'user2']);
  const every = readFixture<StrengthFixture>('kawin/strength-every.json');
  const kinds = (every.request.config as { strength: { contributions: { type: string; phase?: string }[] } })
    .strength.contributions;
  t.deepEqual(new Set(kinds.map((c) => c.type)).size, 5);
  t.true(kinds.some((c) => c.phase !== undefined));
  t.is(Object.keys(readFixture<StrengthFixture>('kawin/strength-five.json').rows.phases).length, 5);
});

for (const name of CASES) {
  test(`${name}: replaying kawin's steps, r_ss, L_s and every strength quantity agree to 1e-6`, async (t) => {
    const k = readFixture<StrengthFixture>(`kawin/strength-${name}.json`);
    t.is(k.kawin_version, '0.5.0');
    const { series, strength } = await replay(k);
    t.is(series.length, k.steps + 1);
    t.is(strength.model, 'kawin');
    const worst = new Map<string, number>();
    const check = (what: string, ours: number, theirs: number) => {
      const e = relative(ours, theirs);
      if (!(e <= (worst.get(what) ?? 0))) worst.set(what, e);
    };
    k.rows.step_index.forEach((step, row) => {
      check('x_MG', series.matrixComposition.MG[step], k.rows.x_mg[row]);
      check('σ_prec', strength.precipitationStrengthMPa[step] * 1e6, k.rows.sigma_prec_pa[row]);
      check('σ_ss', strength.solidSolutionStrengthMPa[step] * 1e6, k.rows.sigma_ss_pa[row]);
      check('σ_0', strength.baseStrengthMPa[step] * 1e6, k.rows.sigma_0_pa[row]);
      check('σ_y', strength.totalYieldStrengthMPa[step] * 1e6, k.rows.sigma_y_pa[row]);
      for (const phase of strength.phases) {
        const theirs = k.rows.phases[phase.name];
        const slip = phase.slipPlane!;
        check(`${phase.name} r_ss`, slip.radiusM[step], theirs.r_ss_m[row]);
        check(`${phase.name} L_s`, slip.spacingM[step], theirs.l_s_m[row]);
        check(`${phase.name} τ_p`, phase.crssMPa[step] * 1e6, theirs.tau_pa[row]);
        check(`${phase.name} weak`, slip.weakCrssPa[step], theirs.weak_sum_pa[row]);
        check(`${phase.name} strong`, slip.strongCrssPa[step], theirs.strong_sum_pa[row]);
        check(`${phase.name} Orowan`, slip.orowanCrssPa[step], theirs.orowan_pa[row]);
      }
    });
    const failing = [...worst].filter(([, e]) => !(e <= TOLERANCE));
    t.log(
      `${k.rows.step_index.length} rows; largest relative differences: ` +
        [...worst].map(([what, e]) => `${what} ${e.toExponential(1)}`).join(', '),
    );
    t.deepEqual(failing, []);
    // The run reached particles: the comparison is not one of zeros.
    t.true(Math.max(...k.rows.sigma_prec_pa) > 1e7);
  });
}

for (const name of CASES) {
  test(`${name}: running freely, σ_y is within 3 % of kawin's peak at every fixture row`, async (t) => {
    const k = readFixture<StrengthFixture>(`kawin/strength-${name}.json`);
    const { series, strength } = await runWith('wasm', k.request);
    const peak = Math.max(...k.rows.sigma_y_pa) / 1e6;
    let worst = 0;
    k.rows.time_s.forEach((time, row) => {
      const ours = interpolateAt(series.timeS, strength.totalYieldStrengthMPa, time);
      worst = Math.max(worst, Math.abs(ours - k.rows.sigma_y_pa[row] / 1e6) / peak);
    });
    t.log(`largest difference ${(100 * worst).toFixed(3)} % of kawin's peak (${peak.toFixed(1)} MPa)`);
    t.true(worst <= 0.03);
  });
}
