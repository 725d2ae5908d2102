// `precipitate thermo`: driving forces and precipitate compositions at one temperature and composition.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { PHASES } from '../../request/defaults.js';
import { DEFAULT_TDB_PATH } from '../../runtime/node.js';
import { createThermo, drivingForces, fullComposition } from '../../thermo/index.js';
import { UsageError, usageFrom, type CliCommand } from '../command.js';

const usage = `Usage: precipitate thermo --temperature-k K --composition MG=0.0072,SI=0.0057 [--phases A,B] [--tdb FILE] [--json]

Driving force (J/mol of atoms, tangent method) and composition of each precipitate phase.
  --temperature-k K     temperature in kelvin (> 0)
  --composition LIST    solute mole fractions, balance the matrix's main element
  --phases LIST         precipitate phases (default: ${PHASES.join(',')})
  --tdb FILE            thermodynamic database (default: data/AlMgSi.tdb)
  --json                machine-readable output`;

function parseComposition(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text.split(',')) {
    const [key, value, extra] = part.split('=');
    const v = Number(value);
    if (!key || value === undefined || extra !== undefined || value.trim() === '' || !Number.isFinite(v)) {
      throw new UsageError(`--composition: expected ELEMENT=number, got '${part}'`);
    }
    if (!(v > 0 && v < 1))
      throw new UsageError(`--composition: ${key} must be a mole fraction between 0 and 1, got ${value}`);
    out[key.trim().toUpperCase()] = v;
  }
  const sum = Object.values(out).reduce((a, b) => a + b, 0);
  if (sum >= 1) throw new UsageError(`--composition: solute fractions sum to ${sum}, must be below 1`);
  return out;
}

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      options: {
        'temperature-k': { type: 'string' },
        composition: { type: 'string' },
        phases: { type: 'string' },
        tdb: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    throw usageFrom(error);
  }
}

async function run(args: string[]): Promise<number> {
  const o = parseOptions(args);
  if (o['temperature-k'] === undefined) throw new UsageError('--temperature-k is required');
  if (o.composition === undefined) throw new UsageError('--composition is required');
  const temperatureK = Number(o['temperature-k']);
  if (!Number.isFinite(temperatureK) || temperatureK <= 0) {
    throw new UsageError(`--temperature-k must be a positive number of kelvin, got '${o['temperature-k']}'`);
  }
  const composition = parseComposition(o.composition);
  const phases = o.phases ? o.phases.split(',').map((p) => p.trim().toUpperCase()) : [...PHASES];
  const tdbPath = o.tdb ?? DEFAULT_TDB_PATH;
  let tdbText: string;
  try {
    tdbText = await readFile(tdbPath, 'utf8');
  } catch {
    throw new UsageError(`--tdb: cannot read '${tdbPath}'`);
  }
  const thermo = createThermo(tdbText);
  const { system } = thermo;
  for (const name of Object.keys(composition)) {
    if (!system.elements.includes(name) || name === system.elements[system.balance]) {
      throw new UsageError(
        `--composition: '${name}' is not a solute of the matrix (${system.solutes.map((i) => system.elements[i]).join(', ')})`,
      );
    }
  }
  for (const p of phases) {
    if (!system.compoundNames.includes(p))
      throw new UsageError(`--phases: '${p}' is not a stoichiometric phase of the database`);
  }
  const x = fullComposition(system, composition);
  const byElement = (v: ArrayLike<number>) => Object.fromEntries(system.elements.map((e, i) => [e, v[i]]));
  const results = drivingForces(thermo, temperatureK, x, phases);
  if (o.json) {
    const body = {
      temperature_k: temperatureK,
      composition: byElement(x),
      phases: results.map((r) => ({
        name: r.name,
        driving_force_j_per_mol: r.drivingForceJPerMol,
        precipitate_composition: byElement(r.precipitateComposition),
      })),
    };
    console.log(JSON.stringify(body, null, 2));
    return 0;
  }
  console.log(
    `T = ${temperatureK} K, ${system.elements.map((e, i) => `x_${e} = ${x[i].toPrecision(6)}`).join(', ')}`,
  );
  console.log(
    `${'phase'.padEnd(14)}${'ΔG (J/mol)'.padStart(14)}  ${system.elements.map((e) => `x_${e}`.padStart(9)).join('')}`,
  );
  for (const r of results) {
    const comp = system.elements.map((_, i) => r.precipitateComposition[i].toFixed(5).padStart(9)).join('');
    console.log(`${r.name.padEnd(14)}${r.drivingForceJPerMol.toFixed(3).padStart(14)}  ${comp}`);
  }
  return 0;
}

export const command: CliCommand = {
  summary: 'driving forces of precipitate phases at one T and composition',
  usage,
  run,
};
