// What two bare engines achieve side by side on this machine (issue 17): the production stack's throughput
// is compared with 2 ÷ (engine time of one run alone), which assumes that two engines on the two cores run
// as fast as one alone. This measures it: one engine stream (bench/engine-stream.ts, a process running the
// seed request with distinct compositions one after another) alone, then two side by side, same requests,
// warm. The ceiling is 2 ÷ (median engine time of a run while the two run side by side).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const STREAM_URL = new URL('./engine-stream.js', import.meta.url);

interface StreamResult {
  engineMs: number[];
  simulateMs: number[];
  wallMs: number;
  cpuMs: number;
}

export interface EngineCeiling {
  /** Median engine time of a run, one stream alone / each of two side by side, ms. */
  aloneMs: number;
  sideBySideMs: number;
  /** Median wall time of a run's whole simulate() (kinetics, strength, summary), one stream alone, ms. */
  aloneSimulateMs: number;
  /** Runs per second of each stream's wall time (engine and strength), summed over the streams. */
  aloneRunsPerS: number;
  sideBySideRunsPerS: number;
  /** CPU time per run of the stream's process (all its threads), one alone / two side by side, ms. */
  aloneCpuMs: number;
  sideBySideCpuMs: number;
  /** 2 ÷ sideBySideMs: what two engines side by side reach, runs per second. */
  ceilingRunsPerS: number;
}

async function stream(first: number, count: number): Promise<StreamResult> {
  const { stdout } = await promisify(execFile)(process.execPath, [
    STREAM_URL.pathname,
    String(first),
    String(count),
  ]);
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as StreamResult;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = (s.length - 1) / 2;
  return (s[Math.floor(mid)] + s[Math.ceil(mid)]) / 2;
};

/** One stream alone, then two side by side, `count` runs each of the same requests (nothing is cached here). */
export async function measureEngineCeiling(count: number): Promise<EngineCeiling> {
  const alone = await stream(300, count);
  const pair = await Promise.all([stream(300, count), stream(300, count)]);
  const sideBySideMs = median(pair.flatMap((s) => s.engineMs));
  return {
    aloneMs: median(alone.engineMs),
    sideBySideMs,
    aloneSimulateMs: median(alone.simulateMs),
    aloneRunsPerS: (count * 1000) / alone.wallMs,
    sideBySideRunsPerS: pair.reduce((sum, s) => sum + (count * 1000) / s.wallMs, 0),
    aloneCpuMs: alone.cpuMs / count,
    sideBySideCpuMs: (pair[0].cpuMs + pair[1].cpuMs) / (2 * count),
    ceilingRunsPerS: 2000 / sideBySideMs,
  };
}

export function printEngineCeiling(c: EngineCeiling, count: number): void {
  console.log(
    `## Two bare engines side by side: ${count} warm runs each of the same seed requests (Mg nudged per run)\n`,
  );
  console.log('| measure | value |');
  console.log('|---|---:|');
  console.log(`| engine time of a run, one stream alone, median (ms) | ${c.aloneMs.toFixed(0)} |`);
  console.log(
    `| engine time of a run, two streams side by side, median (ms) | ${c.sideBySideMs.toFixed(0)} |`,
  );
  console.log(`| side by side / alone | ${(c.sideBySideMs / c.aloneMs).toFixed(2)} |`);
  console.log(
    `| simulate() of a run (kinetics + strength + summary), one stream alone, median (ms) | ${c.aloneSimulateMs.toFixed(0)} |`,
  );
  const cpu = `${c.aloneCpuMs.toFixed(0)} / ${c.sideBySideCpuMs.toFixed(0)}`;
  console.log(
    `| CPU per run of a stream's process (simulate() and its GC), alone / side by side (ms) | ${cpu} |`,
  );
  console.log(`| runs/s (engine and strength), one stream alone | ${c.aloneRunsPerS.toFixed(2)} |`);
  console.log(
    `| runs/s (engine and strength), two streams side by side | ${c.sideBySideRunsPerS.toFixed(2)} |`,
  );
  console.log(`| ceiling: 2 ÷ engine time side by side (runs/s) | ${c.ceilingRunsPerS.toFixed(2)} |`);
  console.log('');
}
