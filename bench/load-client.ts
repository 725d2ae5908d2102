// The production bench's load generator (issue 17): the seed request with distinct compositions, posted
// synchronously over node:http with a keep-alive agent. In a deployment the clients run elsewhere; here
// they share the two cores with the stack they measure, so they do as little as they can: no JSON parse
// of the ~280 KB answer, only its head and its engine time read from the bytes.
import { execFile } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { promisify } from 'node:util';
import { EXAMPLE_REQUEST } from '../src/request/index.js';
import type { Client } from '../tools/harness/http.js';

/** The seed request with the Mg content nudged by i parts in 10⁴ (|i| ≤ 300): a distinct cache key per i. */
export const seed = (i: number) => ({
  ...EXAMPLE_REQUEST,
  composition: { ...EXAMPLE_REQUEST.composition, MG: EXAMPLE_REQUEST.composition.MG * (1 + i * 1e-4) },
});

export interface Job {
  job_id: string;
  status: string;
  results: { files: Record<string, string>; timing: { engine_ms: number } };
}

/**
 * Bytes of an answer's end kept to find engine_ms: the stored results end with engine and timing, and the
 * job view's file URLs and statuses follow them (~2 KB with s3rver's presigned URLs).
 */
const TAIL_BYTES = 16384;
/** Where the stored results start in an answer (after the job's fields). */
const RESULTS = ',"results":{"summary":';

/**
 * The stream's answer: its status and engine time. The API writes the job's fields first and the stored
 * results (summary and compact series) after them: the bytes before the results hold the job's fields and
 * the last few kilobytes the timing. Undefined for any other shape.
 */
function answeredJob(head: Buffer, tail: Buffer): Job | undefined {
  const at = head.indexOf(RESULTS);
  const timing = tail.lastIndexOf('"timing":{"engine_ms":');
  const field = timing < 0 ? '' : tail.subarray(timing, timing + 64).toString('latin1');
  const engineMs = /^"timing":\{"engine_ms":([-+.0-9eE]+)/.exec(field)?.[1];
  if (at < 0 || engineMs === undefined) return undefined;
  const job = JSON.parse(`${head.subarray(0, at).toString('utf8')}}`) as Omit<Job, 'results'>;
  return { ...job, results: { files: {}, timing: { engine_ms: Number(engineMs) } } };
}

/**
 * A synchronous POST /simulate: the answer's bytes up to its results and its last TAIL_BYTES are kept, the
 * rest dropped as it arrives (fetch, with undici's web streams, cost ~2× the CPU per request).
 */
export function lightPost(agent: Agent, url: URL, body: unknown): Promise<Job> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) },
      },
      (res) => {
        // The answer's bytes up to the results (all of it when they never come: an error), and its end.
        let head: Buffer = Buffer.alloc(0);
        let tail: Buffer = Buffer.alloc(0);
        res.on('data', (c: Buffer) => {
          if (head.indexOf(RESULTS) < 0) head = Buffer.concat([head, c]);
          tail = c.length >= TAIL_BYTES ? c : Buffer.concat([tail, c]).subarray(-TAIL_BYTES);
        });
        res.on('error', reject);
        res.on('end', () => {
          const job = res.statusCode === 200 ? answeredJob(head, tail.subarray(-TAIL_BYTES)) : undefined;
          if (job?.status === 'completed') return resolve(job);
          reject(new Error(`POST /simulate: ${res.statusCode} ${head.subarray(0, 300).toString()}`));
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The load generator's stream (bench/load-stream.ts) against the API at `url`, in a process of its own. */
export async function loadStream(url: string, first: number, count: number, clients: number) {
  const { stdout } = await promisify(execFile)(process.execPath, [
    new URL('./load-stream.js', import.meta.url).pathname,
    url,
    String(first),
    String(count),
    String(clients),
  ]);
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
    seconds: number;
    engineMs: number[];
    /** When each answer arrived, s from the stream's start, in order. */
    doneAtS: number[];
    cpuMs: number;
  };
}

/**
 * Runs per second between the `clients`-th answer and the `clients`-th from the end: the stream once every
 * client has a request in flight and before the queue runs dry (a finite stream's start and end leave a
 * worker idle for up to a run each).
 */
export function steadyRunsPerS(doneAtS: number[], clients: number): number {
  const from = clients - 1;
  const to = doneAtS.length - clients;
  return to > from ? (to - from) / (doneAtS[to] - doneAtS[from]) : NaN;
}

/** A synchronous POST of `body` that must complete: the job and the wall time of the request, ms. */
export async function post(api: Client, body: unknown): Promise<{ job: Job; ms: number }> {
  const started = performance.now();
  const reply = await api.post<Job>('/api/v1/simulate', body);
  const elapsed = performance.now() - started;
  if (reply.status !== 200 || reply.body.status !== 'completed')
    throw new Error(`POST /simulate: ${reply.status} ${reply.text.slice(0, 300)}`);
  return { job: reply.body, ms: elapsed };
}
