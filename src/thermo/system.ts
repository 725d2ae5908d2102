// Builds the models the engine needs from a parsed TDB: the matrix solution phase, its mobilities, and
// stoichiometric precipitates. Unsupported descriptions are errors naming the TDB line.
import { createFunctionTable, type FunctionTable } from './tdb/evaluate.js';
import type { Evaluator } from './tdb/compile-expr.js';
import { TdbError } from './tdb/source.js';
import type { TdbDatabase, TdbParameter, TdbPhase } from './tdb/types.js';
import type { MobilityTerm } from './mobility.js';
import type { BinaryTerm, SolutionModel } from './solution.js';

export interface CompoundModel {
  name: string;
  /** Mole fraction of every system element in the compound. */
  composition: Float64Array;
  atomsPerFormula: number;
  /** GM of the compound, J per mole of atoms. */
  gibbsPerAtom: Evaluator;
}

export interface ThermoSystem {
  /** The matrix elements, alphabetical (pycalphad's order), e.g. AL, MG, SI. */
  elements: string[];
  balance: number;
  /** Indices of the non-balance elements, alphabetical. */
  solutes: number[];
  matrix: SolutionModel;
  mobilityTerms: MobilityTerm[];
  /** Elements without any MQ parameter: kinetics cannot be computed until the database gives them. */
  elementsWithoutMobility: string[];
  compound(name: string): CompoundModel;
  /** Phases of the database that could serve as precipitates (stoichiometric, within the elements). */
  compoundNames: string[];
  warnings: string[];
}

export interface SystemOptions {
  matrixPhase?: string;
  balanceElement?: string;
}

const SUPPORTED_TYPES = new Set(['G', 'L']);

function paramsOf(db: TdbDatabase, phase: string, types: Set<string>): TdbParameter[] {
  return db.parameters.filter((p) => p.phase === phase && types.has(p.type));
}

function rejectUnsupportedTypes(db: TdbDatabase, phase: TdbPhase): void {
  const bad = db.parameters.find(
    (p) => p.phase === phase.name && !SUPPORTED_TYPES.has(p.type) && p.type !== 'MQ' && p.type !== 'MF',
  );
  if (bad) throw new TdbError(bad.line, `parameter type ${bad.type} of phase ${phase.name} is not supported`);
}

function mixingSublattice(phase: TdbPhase): number {
  const lists = phase.constituents ?? [];
  const mixing = lists.map((l, i) => (l.some((s) => s !== 'VA') ? i : -1)).filter((i) => i >= 0);
  if (mixing.length !== 1) {
    throw new TdbError(
      phase.constituentLine ?? phase.line,
      `matrix phase ${phase.name} must have exactly one sublattice of elements (others vacancies only)`,
    );
  }
  if (lists[mixing[0]].includes('VA')) {
    throw new TdbError(
      phase.constituentLine ?? phase.line,
      `matrix phase ${phase.name}: vacancies mixing with elements are not supported`,
    );
  }
  return mixing[0];
}

function buildMatrix(
  db: TdbDatabase,
  table: FunctionTable,
  phase: TdbPhase,
  s: number,
  elements: string[],
): SolutionModel {
  const sites = phase.siteRatios[s];
  const params = paramsOf(db, phase.name, SUPPORTED_TYPES);
  const endmembers = elements.map((el) => {
    const p = params.find(
      (q) => q.type === 'G' && q.constituents[s].length === 1 && q.constituents[s][0] === el,
    );
    if (!p) throw new TdbError(phase.line, `matrix phase ${phase.name} has no G parameter for ${el}`);
    const ev = table.evaluator(p.value);
    return (t: number) => ev(t) / sites;
  });
  const binaries: BinaryTerm[] = [];
  for (const p of params) {
    const list = p.constituents[s];
    if (list.length === 1) continue;
    if (list.length > 2)
      throw new TdbError(p.line, `ternary interactions in matrix phase ${phase.name} are not supported`);
    const ev = table.evaluator(p.value);
    binaries.push({
      i: elements.indexOf(list[0]),
      j: elements.indexOf(list[1]),
      order: p.order,
      perAtom: (t) => ev(t) / sites,
    });
  }
  return { name: phase.name, endmembers, binaries };
}

function buildMobility(
  db: TdbDatabase,
  table: FunctionTable,
  phase: TdbPhase,
  s: number,
  elements: string[],
): MobilityTerm[] {
  return paramsOf(db, phase.name, new Set(['MQ', 'MF'])).map((p) => {
    const diffuser = elements.indexOf(p.diffusingSpecies ?? '');
    if (diffuser < 0)
      throw new TdbError(p.line, `mobility parameter needs a diffusing element of ${phase.name} after '&'`);
    const list = p.constituents[s] ?? ['*'];
    if (list.length > 2) throw new TdbError(p.line, `ternary mobility interactions are not supported`);
    const species = list[0] === '*' ? [] : list.map((sp) => elements.indexOf(sp));
    return { diffuser, species, order: p.order, value: table.evaluator(p.value) };
  });
}

function buildCompound(
  db: TdbDatabase,
  table: FunctionTable,
  name: string,
  elements: string[],
): CompoundModel {
  const phase = db.phases.get(name);
  if (!phase || !phase.constituents) throw new Error(`unknown phase '${name}'`);
  rejectUnsupportedTypes(db, phase);
  const line = phase.constituentLine ?? phase.line;
  const lists = phase.constituents;
  lists.forEach((list, i) => {
    if (list.length !== 1) {
      throw new TdbError(
        line,
        `phase ${name}: mixing on sublattice ${i + 1} (${list.join(', ')}) is not supported for a precipitate (stoichiometric phases only)`,
      );
    }
    if (list[0] !== 'VA' && !elements.includes(list[0])) {
      throw new TdbError(line, `phase ${name}: element ${list[0]} is not an element of the matrix`);
    }
  });
  const composition = new Float64Array(elements.length);
  lists.forEach((list, i) => {
    if (list[0] !== 'VA') composition[elements.indexOf(list[0])] += phase.siteRatios[i];
  });
  const atoms = composition.reduce((a, b) => a + b, 0);
  if (atoms === 0) throw new TdbError(line, `phase ${name} holds no atoms`);
  for (let i = 0; i < composition.length; i++) composition[i] /= atoms;
  const g = paramsOf(db, name, new Set(['G'])).find((p) => p.order === 0);
  if (!g) throw new TdbError(phase.line, `phase ${name} has no G parameter for its endmember`);
  const ev = table.evaluator(g.value);
  return { name, composition, atomsPerFormula: atoms, gibbsPerAtom: (t) => ev(t) / atoms };
}

export function createThermoSystem(db: TdbDatabase, options: SystemOptions = {}): ThermoSystem {
  const matrixName = options.matrixPhase ?? 'FCC_A1';
  const phase = db.phases.get(matrixName);
  if (!phase || !phase.constituents) throw new TdbError(1, `the database has no matrix phase ${matrixName}`);
  rejectUnsupportedTypes(db, phase);
  const s = mixingSublattice(phase);
  const elements = [...phase.constituents[s]].sort();
  const balanceName = options.balanceElement ?? 'AL';
  const balance = elements.indexOf(balanceName);
  if (balance < 0)
    throw new TdbError(phase.line, `balance element ${balanceName} is not in matrix phase ${matrixName}`);
  const table = createFunctionTable(db);
  const matrix = buildMatrix(db, table, phase, s, elements);
  const mobilityTerms = buildMobility(db, table, phase, s, elements);
  const compounds = new Map<string, CompoundModel>();
  const compoundNames = [...db.phases.values()]
    .filter(
      (p) =>
        p.name !== matrixName &&
        p.constituents?.every((l) => l.length === 1 && (l[0] === 'VA' || elements.includes(l[0]))),
    )
    .map((p) => p.name);
  return {
    elements,
    balance,
    solutes: elements.map((_, i) => i).filter((i) => i !== balance),
    matrix,
    mobilityTerms,
    elementsWithoutMobility: elements.filter((_, i) => !mobilityTerms.some((t) => t.diffuser === i)),
    compound(name) {
      let c = compounds.get(name);
      if (!c) {
        c = buildCompound(db, table, name, elements);
        compounds.set(name, c);
      }
      return c;
    },
    compoundNames,
    warnings: db.warnings,
  };
}
