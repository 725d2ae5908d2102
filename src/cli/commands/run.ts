// `precipitate run request.json`: one simulation from a request file, summary to stdout, files with --out.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { simulate, type Progress, type SimulationResult } from '../../engine/index.js';
import { validateRequest } from '../../request/validate.js';
import { loadEngineDeps, type KernelName } from '../../runtime/node.js';
import { UsageError, usageFrom, type CliCommand } from '../command.js';

const usage = `Usage: precipitate run REQUEST.json [--json] [--engine wasm|js] [--out DIR]

Runs one ageing simulation. REQUEST.json follows the API's request schema ('-' reads standard input).
  --json           print {"summary", "timing"} as JSON
  --engine NAME    wasm (default) or js: the kernel as WebAssembly or as JavaScript (wasm2js)
  --out DIR        also write the plots (PNG and SVG), results.json and results.csv into DIR
                   (at most 2000 rows; every step with "output": {"full_series": true} in the request)`;

function options(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        engine: { type: 'string', default: 'wasm' },
        out: { type: 'string' },
      },
    });
  } catch (error) {
    throw usageFrom(error);
  }
}

/** A JSON document from a file ('-': standard input); `kind` names it in errors. */
export async function readRequest(path: string, kind = 'request'): Promise<unknown> {
  let text: string;
  try {
    text = path === '-' ? await readStdin() : await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${kind} file '${path}'`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`'${path}' is not valid JSON: ${(error as Error).message}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function progressBar(): ((p: Progress) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (p) => {
    const width = 30;
    const filled = Math.round(p.fraction * width);
    process.stderr.write(
      `\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${p.simulatedHours.toFixed(2)} h, ${p.steps} steps`,
    );
  };
}

function printTable(result: SimulationResult): void {
  const s = result.summary;
  const comp = Object.entries(s.matrix_composition).map(([k, v]) => `x_${k} = ${v.toExponential(4)}`);
  console.log(
    `After ${s.final_time_hours} h: matrix ${comp.join(', ')}; ${result.steps} steps in ${result.timing.engine_ms.toFixed(0)} ms (${result.engine.kernel})`,
  );
  console.log(
    ['phase'.padEnd(13), 'N (1/m³)', '   d (nm)', '   AR', '   f (%)', ' CRSS (MPa)', ' σy (MPa)'].join(''),
  );
  for (const p of s.phases) {
    console.log(
      p.name.padEnd(13) +
        p.number_density_per_m3.toExponential(2).padStart(9) +
        p.diameter_nm.toFixed(2).padStart(9) +
        p.aspect_ratio.toFixed(2).padStart(7) +
        (p.volume_fraction * 100).toFixed(4).padStart(9) +
        p.crss_mpa.toFixed(2).padStart(11) +
        p.yield_strength_mpa.toFixed(2).padStart(10),
    );
  }
  console.log(
    `total: CRSS ${s.total_crss_mpa.toFixed(2)} MPa, yield strength ${s.total_yield_strength_mpa.toFixed(2)} MPa (peak ${s.peak_yield_strength_mpa.toFixed(2)} MPa at ${s.peak_yield_strength_time_hours.toFixed(2)} h)`,
  );
}

async function run(args: string[]): Promise<number> {
  const { values, positionals } = options(args);
  if (positionals.length !== 1) throw new UsageError('expected exactly one request file (or -)');
  if (values.engine !== 'wasm' && values.engine !== 'js')
    throw new UsageError(`--engine must be wasm or js, got '${values.engine}'`);
  const body = await readRequest(positionals[0]);
  const checked = validateRequest(body);
  if (!checked.ok)
    throw new UsageError(
      `invalid request: ${checked.issues.map((i) => `${i.path || '/'} ${i.message}`).join('; ')}`,
    );
  const deps = await loadEngineDeps(values.engine as KernelName);
  const onProgress = values.json ? undefined : progressBar();
  const result = await simulate(checked.request, deps, { onProgress });
  if (onProgress) process.stderr.write('\n');
  if (values.json) console.log(JSON.stringify({ summary: result.summary, timing: result.timing }, null, 2));
  else printTable(result);
  if (values.out) {
    const { writeOutputs } = await import('./run-output.js'); // loads the renderer only when asked
    await writeOutputs(result, body, values.out, values.json);
  }
  return 0;
}

export const command: CliCommand = { summary: 'run one ageing simulation from a request file', usage, run };
