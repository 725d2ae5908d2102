// The engine limits of the configuration: defaults, values read, and bad values named at start-up.
import test from 'ava';
import { ConfigError, loadConfig } from '../../src/config.js';
import { DEFAULT_MAX_STEPS } from '../../src/request/index.js';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

test('every job is bounded by default: steps, wall time, thread heap', (t) => {
  t.deepEqual(loadConfig({}).engineLimits, {
    maxSteps: DEFAULT_MAX_STEPS,
    timeoutSeconds: 300,
    memoryMb: 256,
  });
});

test('ENGINE_MAX_STEPS, ENGINE_TIMEOUT_SECONDS and ENGINE_MEMORY_MB are read', (t) => {
  const config = loadConfig({
    ENGINE_MAX_STEPS: '20000',
    ENGINE_TIMEOUT_SECONDS: '2.5',
    ENGINE_MEMORY_MB: '512',
  });
  t.deepEqual(config.engineLimits, { maxSteps: 20000, timeoutSeconds: 2.5, memoryMb: 512 });
});

test('limits that bound nothing, or are not numbers, stop the start-up naming the variable', (t) => {
  const problems = problemsOf({
    ENGINE_MAX_STEPS: '1e12',
    ENGINE_TIMEOUT_SECONDS: '0',
    ENGINE_MEMORY_MB: 'lots',
  });
  t.deepEqual(problems.map((p) => p.split(':')[0]).sort(), [
    'ENGINE_MAX_STEPS',
    'ENGINE_MEMORY_MB',
    'ENGINE_TIMEOUT_SECONDS',
  ]);
});
