// The engine pool bounds every run: a step budget, a wall-clock limit and a heap limit per thread. A run
// that hits one fails with a message naming the limit; the thread is replaced and the next job completes.
// A summary that is not finite is never a completed run.
import test from 'ava';
import { simulate } from '../../src/engine/index.js';
import { DEFAULT_CONFIG, KAWIN_EXAMPLE_03, type SimulationRequest } from '../../src/request/index.js';
import { loadEngineDeps } from '../../src/runtime/node.js';
import { silentLogger } from '../../src/service/log.js';
import { nonFiniteFailure, nonFinitePointers } from '../../src/service/runner/finite.js';
import { createEnginePool } from '../../src/service/runner/pool.js';
import type { EngineLimits, EngineOutcome } from '../../src/service/runner/protocol.js';
import { normalized } from '../helpers/engine.js';

const SHORT = {
  composition: { MG: 0.0072, SI: 0.0057 },
  temperature_profile: { time_points_hours: [0], temperatures_celsius: [170] },
  simulation_time_hours: 0.5,
  max_points: 50,
};

/** 20 points cycling 170/250 °C over 100 h: ~25,000 steps, result files of ~50 MB. */
const CYCLES = {
  ...SHORT,
  temperature_profile: {
    time_points_hours: Array.from({ length: 20 }, (_, i) => i * 5),
    temperatures_celsius: Array.from({ length: 20 }, (_, i) => (i % 2 ? 250 : 170)),
  },
  simulation_time_hours: 100,
};

/** 1,000 points alternating 150/200 °C over 100 h: ~840,000 steps, many seconds of engine time. */
const MANY_STEPS = {
  ...SHORT,
  temperature_profile: {
    time_points_hours: Array.from({ length: 1000 }, (_, i) => i / 10),
    temperatures_celsius: Array.from({ length: 1000 }, (_, i) => (i % 2 ? 200 : 150)),
  },
  simulation_time_hours: 100,
};

const LIMITS: EngineLimits = { maxSteps: 500_000, timeoutMs: 300_000, memoryMb: 256 };

/** Runs the bodies one after another on a one-thread pool with these limits. */
async function runAll(limits: Partial<EngineLimits>, bodies: unknown[]): Promise<EngineOutcome[]> {
  const pool = createEnginePool(1, 'auto', silentLogger, { ...LIMITS, ...limits });
  try {
    const outcomes: EngineOutcome[] = [];
    for (const body of bodies) outcomes.push(await pool.run(body, () => {}).outcome);
    return outcomes;
  } finally {
    await pool.close();
  }
}

const failure = (o: EngineOutcome) => (o.status === 'failed' ? o.message : `not failed: ${o.status}`);

test.serial('a run over the step budget fails saying so; the thread runs the next job', async (t) => {
  const [over, next] = await runAll({ maxSteps: 5000 }, [KAWIN_EXAMPLE_03, SHORT]);
  t.regex(
    failure(over),
    /^the run needs more than 5000 steps, the limit of one run \(stopped at .* of 25\.0 h\)/,
  );
  t.is(next.status, 'completed');
});

test.serial('a run over the wall-clock limit fails saying so; its thread is replaced', async (t) => {
  // The limit is far below the slow run's engine time and far above the short run's.
  const [slow, next] = await runAll({ timeoutMs: 3000, maxSteps: 5_000_000 }, [MANY_STEPS, SHORT]);
  t.is(
    failure(slow),
    'the run took longer than the time limit of 3 s (ENGINE_TIMEOUT_SECONDS) and was stopped',
  );
  t.is(next.status, 'completed', failure(next));
});

test.serial('a run over the thread heap limit fails saying so; its thread is replaced', async (t) => {
  // The engine keeps its state in typed arrays and the kernel's memory (bounded by the step budget and the
  // recorded-row cap), so its JavaScript heap is small: a run needs ~4-8 MB of it. A 4 MB limit is what
  // makes a run exceed it here; every run then fails the same way, on a new thread each time.
  const [big, next] = await runAll({ memoryMb: 4 }, [CYCLES, SHORT]);
  const message =
    "the run needed more than the engine thread's memory limit of 4 MB (ENGINE_MEMORY_MB); the thread was replaced";
  t.is(failure(big), message);
  t.is(failure(next), message, 'the replaced thread ran the next job, under the same limit');
  const [roomy] = await runAll({ memoryMb: 64 }, [CYCLES]);
  t.is(roomy.status, 'completed', failure(roomy));
});

test('interfacial_energy.U2_PHASE: 1e300 is a failed job naming the field, never a completed run', async (t) => {
  const [outcome] = await runAll({}, [{ ...SHORT, config: { interfacial_energy: { U2_PHASE: 1e300 } } }]);
  t.regex(failure(outcome), /^\/config\/interfacial_energy\/U2_PHASE must be <= 2/);
});

test('the summary of a run that went NaN is reported as not finite, naming its fields', async (t) => {
  // Past the schema (its bounds reject this request): the engine's own answer to U2_PHASE = 1e300.
  const base = normalized(SHORT);
  const request: SimulationRequest = {
    ...base,
    config: { ...base.config, interfacial_energy: { ...DEFAULT_CONFIG.interfacial_energy, U2_PHASE: 1e300 } },
  };
  const result = await simulate(request, await loadEngineDeps('wasm'));
  const pointers = nonFinitePointers(JSON.parse(JSON.stringify(result.summary)));
  t.true(pointers.includes('/final_time_hours'), pointers.join(' '));
  t.regex(
    nonFiniteFailure(result.summary, result.steps) ?? '',
    /^the run produced numbers that are not finite after 1 steps \(summary \/final_time_hours, /,
  );
  const good = await simulate(normalized(SHORT), await loadEngineDeps('wasm'));
  t.is(nonFiniteFailure(good.summary, good.steps), undefined);
});

test('a job runs the request as the API normalized it; a job stored without one has its body validated', async (t) => {
  const pool = createEnginePool(1, 'auto', silentLogger, LIMITS);
  t.teardown(() => pool.close());
  // The body is not validated again when the normalized request comes with it (the API did that once).
  const body = { ...SHORT, composition: { MG: -1, SI: 0.0057 } };
  const ran = await pool.run(body, () => {}, normalized(SHORT)).outcome;
  t.is(ran.status, 'completed', failure(ran));
  const alone = await pool.run(body, () => {}).outcome;
  t.regex(failure(alone), /^\/composition\/MG /);
});
