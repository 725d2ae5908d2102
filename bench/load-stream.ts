// The production bench's load generator in a process of its own, so that its CPU is measured apart from
// the stack's (s3rver stays in the bench process): `node build/bench/load-stream.js URL FIRST COUNT
// CLIENTS` posts seed(FIRST), seed(FIRST + 1), … COUNT distinct requests from CLIENTS synchronous clients
// and prints {seconds, engineMs: [...], doneAtS: [...], cpuMs} as JSON: the stream's wall time, each answer's
// timing.engine_ms, when each answer arrived (s from the stream's start, in order) and this process's CPU
// time over the stream (start-up excluded).
import { Agent } from 'node:http';
import { lightPost, seed } from './load-client.js';

const url = new URL('/api/v1/simulate', process.argv[2]);
const first = Number(process.argv[3]);
const count = Number(process.argv[4]);
const clients = Number(process.argv[5] ?? 4);

const agent = new Agent({ keepAlive: true, maxSockets: clients });
let next = 0;
const engineMs: number[] = [];
const doneAtS: number[] = [];
const cpuBefore = process.cpuUsage();
const started = performance.now();
await Promise.all(
  Array.from({ length: clients }, async () => {
    while (next < count) {
      engineMs.push((await lightPost(agent, url, seed(first + next++))).results.timing.engine_ms);
      doneAtS.push((performance.now() - started) / 1000);
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
agent.destroy();
console.log(JSON.stringify({ seconds, engineMs, doneAtS, cpuMs: (cpu.user + cpu.system) / 1000 }));
