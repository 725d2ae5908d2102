// `precipitate run request.json`: one simulation from a request file, summary to stdout, files with --out.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { simulate, type Progress, type SimulationResult } from '../../engine/index.js';
import { validateRequest } from '../../request/validate.js';
import { loadEngineDeps, type KernelName } from '../../runtime/node.js';
import { formatSignificant } from '../../output/numbers.js';
import { PEAK_NOT_REACHED } from '../../output/style.js';
import { UsageError, usageFrom, type CliCommand } from '../command.js';

/** A local run's own limit on simulation_time_hours: the service's (MAX_SIMULATION_TIME_HOURS) guards shared workers. */
export const CLI_DEFAULT_MAX_HOURS = 1000;

const usage = `Usage: precipitate run REQUEST.json [--json] [--engine wasm|js] [--out DIR] [--max-hours H]

Runs one ageing simulation. REQUEST.json follows the API's request schema ('-' reads standard input).
  --json           print {"summary", "timing"} as JSON
  --engine NAME    wasm (default) or js: the kernel as WebAssembly or as JavaScript (wasm2js)
  --out DIR        also write the plots (PNG and SVG), results.json and results.csv into DIR
                   (at most 2000 rows; every step with "output": {"full_series": true} in the request)
  --max-hours H    longest simulation_time_hours accepted (default ${CLI_DEFAULT_MAX_HOURS}; the service's own
                   limit, MAX_SIMULATION_TIME_HOURS, is separate)`;

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
        'max-hours': { type: 'string', default: String(CLI_DEFAULT_MAX_HOURS) },
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

const shown = (value: number, digits = 4) => formatSignificant(value, digits);

/** The final state as a person reads it: 3–4 significant figures, radius as in the figures. */
function printTable(result: SimulationResult): void {
  const s = result.summary;
  const comp = Object.entries(s.matrix_composition).map(([k, v]) => `x_${k} = ${shown(v)}`);
  console.log(
    `After ${shown(s.final_time_hours)} h: matrix ${comp.join(', ')}; ${result.steps} steps in ${result.timing.engine_ms.toFixed(0)} ms (${result.engine.kernel})`,
  );
  const columns = [13, 11, 8, 6, 11, 11, 11];
  // Every cell right-aligned after at least one space, so that a wide number never runs into the next.
  const line = (cells: string[]) =>
    cells.map((c, i) => (i ? ` ${c.padStart(columns[i] - 1)}` : c.padEnd(columns[i]))).join('');
  console.log(line(['phase', 'N (1/m³)', 'r (nm)', 'AR', 'f (%)', 'CRSS (MPa)', 'σy (MPa)']) + '  mechanism');
  for (const p of s.phases) {
    const size = [shown(p.number_density_per_m3, 3), shown(p.diameter_nm / 2, 3), shown(p.aspect_ratio, 3)];
    const cells = [
      p.name,
      ...size,
      shown(p.volume_fraction * 100, 3),
      shown(p.crss_mpa),
      shown(p.yield_strength_mpa),
    ];
    console.log(`${line(cells)}  ${p.mechanism}`);
  }
  const peak = s.peak_reached
    ? `peak ${shown(s.peak_yield_strength_mpa)} MPa at ${shown(s.peak_yield_strength_time_hours)} h`
    : `${PEAK_NOT_REACHED.toLowerCase()} (${shown(s.peak_yield_strength_mpa)} MPa at the end)`;
  console.log(
    `total: CRSS ${shown(s.total_crss_mpa)} MPa, yield strength ${shown(s.total_yield_strength_mpa)} MPa, hardness ${shown(s.hardness_hv)} HV (${peak})`,
  );
}

function maxHoursOption(text: string): number {
  const hours = Number(text);
  if (text.trim() === '' || !Number.isFinite(hours) || hours <= 0)
    throw new UsageError(`--max-hours must be a positive number of hours, got '${text}'`);
  return hours;
}

async function run(args: string[]): Promise<number> {
  const { values, positionals } = options(args);
  if (positionals.length !== 1) throw new UsageError('expected exactly one request file (or -)');
  if (values.engine !== 'wasm' && values.engine !== 'js')
    throw new UsageError(`--engine must be wasm or js, got '${values.engine}'`);
  const maxSimulationHours = maxHoursOption(values['max-hours']);
  const body = await readRequest(positionals[0]);
  const checked = validateRequest(body, { maxSimulationHours });
  if (!checked.ok)
    throw new UsageError(
      `invalid request: ${checked.issues
        .map((i) => `${i.path || '/'} ${i.message}`)
        .join('; ')
        .replace('(the configured maximum)', '(--max-hours)')}`,
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
