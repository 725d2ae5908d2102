// Reads the TDB subset of thermo.md §1 into a TdbDatabase. Every error names the source line.
import { parseExpr, referencedNames } from './expr.js';
import { expandKeyword } from './keywords.js';
import { splitCommands, TdbError, type TdbCommand } from './source.js';
import type { Piecewise, TdbDatabase, TdbParameter, TdbRange } from './types.js';

interface Word {
  text: string;
  offset: number;
}

function words(text: string, from = 0): Word[] {
  const out: Word[] = [];
  const re = /\S+/g;
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ text: m[0], offset: m.index });
  return out;
}

function parseNumber(word: Word | undefined, cmd: TdbCommand, what: string): number {
  if (!word) throw new TdbError(cmd.startLine, `${what} is missing`);
  const value = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:E[+-]?\d+)?$/.test(word.text) ? Number(word.text) : NaN;
  if (!Number.isFinite(value)) {
    throw new TdbError(cmd.lineAt(word.offset), `bad number '${word.text}' where ${what} was expected`);
  }
  return value;
}

/** Parses `T0 expr; T1 Y expr; … Tk N [ref]` starting at `from` in the command text. */
function parsePiecewise(cmd: TdbCommand, from: number, what: string): Piecewise {
  const text = cmd.text;
  const ranges: TdbRange[] = [];
  let cursor = from;
  const first = words(text, cursor)[0];
  let lowK = parseNumber(first, cmd, `the lower temperature limit of ${what}`);
  cursor = first.offset + first.text.length;
  for (;;) {
    const semi = text.indexOf(';', cursor);
    if (semi < 0) throw new TdbError(cmd.lineAt(cursor), `${what}: expected ';' after the expression`);
    const exprSrc = text.slice(cursor, semi);
    if (exprSrc.trim() === '') throw new TdbError(cmd.lineAt(cursor), `${what}: empty expression`);
    const expr = parseExpr(exprSrc, (o) => cmd.lineAt(cursor + o));
    const [highWord, flag] = words(text, semi + 1);
    const highK = parseNumber(highWord, cmd, `the upper temperature limit of ${what}`);
    if (highK <= lowK) {
      throw new TdbError(
        cmd.lineAt(highWord.offset),
        `${what}: upper limit ${highK} K is not above ${lowK} K`,
      );
    }
    ranges.push({ lowK, highK, expr });
    if (!flag || (flag.text[0] !== 'Y' && flag.text !== 'N')) {
      const line = flag ? cmd.lineAt(flag.offset) : cmd.lineAt(highWord.offset);
      throw new TdbError(
        line,
        `${what}: expected 'Y' or 'N' after the limit ${highK}, found '${flag?.text ?? 'end'}'`,
      );
    }
    if (flag.text === 'N') return { ranges, line: cmd.startLine };
    lowK = highK;
    cursor = flag.offset + 1;
  }
}

function parseElement(cmd: TdbCommand, db: TdbDatabase): void {
  const w = words(cmd.text).slice(1);
  if (w.length < 2) throw new TdbError(cmd.startLine, 'ELEMENT needs a symbol and a reference phase');
  const name = w[0].text;
  const massGPerMol = w.length > 2 ? parseNumber(w[2], cmd, 'the atomic mass') : 0;
  for (let i = 3; i < Math.min(w.length, 5); i++) parseNumber(w[i], cmd, i === 3 ? 'H298' : 'S298');
  db.elements.set(name, { name, referencePhase: w[1].text, massGPerMol, line: cmd.startLine });
  db.species.add(name);
}

function parseFunction(cmd: TdbCommand, db: TdbDatabase): void {
  const w = words(cmd.text);
  if (w.length < 3) throw new TdbError(cmd.startLine, 'FUNCTION needs a name and a temperature range');
  const name = w[1].text.replace(/#/g, '');
  db.functions.set(name, parsePiecewise(cmd, w[1].offset + w[1].text.length, `FUNCTION ${name}`));
}

function parsePhase(cmd: TdbCommand, db: TdbDatabase): void {
  const w = words(cmd.text);
  if (w.length < 4)
    throw new TdbError(cmd.startLine, 'PHASE needs a name, type codes and the sublattice count');
  const name = w[1].text.split(':')[0];
  const count = parseNumber(w[3], cmd, 'the number of sublattices');
  if (!Number.isInteger(count) || count < 1) {
    throw new TdbError(
      cmd.lineAt(w[3].offset),
      `the number of sublattices must be a whole number ≥ 1, got '${w[3].text}'`,
    );
  }
  const siteRatios: number[] = [];
  for (let i = 0; i < count; i++) {
    const word = w[4 + i];
    if (!word || word.text.startsWith('>')) {
      throw new TdbError(
        cmd.startLine,
        `PHASE ${name} declares ${count} sublattices but gives ${i} site ratios`,
      );
    }
    const ratio = parseNumber(word, cmd, `site ratio ${i + 1} of phase ${name}`);
    if (ratio <= 0)
      throw new TdbError(cmd.lineAt(word.offset), `site ratio ${i + 1} of phase ${name} must be > 0`);
    siteRatios.push(ratio);
  }
  db.phases.set(name, { name, typeCodes: w[2].text, siteRatios, line: cmd.startLine });
}

function parseConstituent(cmd: TdbCommand, db: TdbDatabase): void {
  const w = words(cmd.text);
  const name = (w[1]?.text ?? '').split(':')[0];
  const phase = db.phases.get(name);
  if (!phase)
    throw new TdbError(
      cmd.startLine,
      `CONSTITUENT for unknown phase '${name}' (declare it with PHASE first)`,
    );
  const body = cmd.text.slice(cmd.text.indexOf(':', w[1].offset + name.length));
  const parts = body.split(':').slice(1);
  if (parts.length > 0 && parts[parts.length - 1].trim() === '') parts.pop();
  const sublattices = parts.map((part) =>
    part
      .split(/[,\s]+/)
      .map((s) => s.replace(/%/g, ''))
      .filter((s) => s !== ''),
  );
  if (sublattices.length !== phase.siteRatios.length) {
    throw new TdbError(
      cmd.startLine,
      `CONSTITUENT ${name} lists ${sublattices.length} sublattices but PHASE ${name} declares ${phase.siteRatios.length}`,
    );
  }
  sublattices.forEach((list, i) => {
    if (list.length === 0)
      throw new TdbError(cmd.startLine, `CONSTITUENT ${name}: sublattice ${i + 1} is empty`);
    for (const sp of list) {
      if (!db.species.has(sp))
        throw new TdbError(cmd.startLine, `CONSTITUENT ${name}: unknown species '${sp}'`);
    }
  });
  phase.constituents = sublattices;
  phase.constituentLine = cmd.startLine;
}

function parseParameter(cmd: TdbCommand, db: TdbDatabase): void {
  const text = cmd.text;
  const open = text.indexOf('(');
  const close = text.indexOf(')', open);
  if (open < 0 || close < 0)
    throw new TdbError(cmd.startLine, "PARAMETER needs 'TYPE(PHASE,CONSTITUENTS;ORDER)'");
  const type = text.slice(text.search(/\s/), open).trim();
  const inside = text.slice(open + 1, close).replace(/\s+/g, '');
  const comma = inside.indexOf(',');
  if (!type || comma < 0)
    throw new TdbError(cmd.startLine, `malformed parameter designation '${type}(${inside})'`);
  const [phasePart, diffusingSpecies] = inside.slice(0, comma).split('&');
  const phaseName = phasePart.split(':')[0];
  const [constPart, orderPart] = inside.slice(comma + 1).split(';');
  const order = orderPart === undefined || orderPart === '' ? 0 : Number(orderPart);
  if (!Number.isInteger(order) || order < 0) {
    throw new TdbError(cmd.startLine, `bad interaction order '${orderPart}' in ${type}(${inside})`);
  }
  const constituents = constPart.split(':').map((s) =>
    s
      .split(',')
      .map((x) => x.replace(/%/g, ''))
      .filter((x) => x !== '')
      .sort(),
  );
  const value = parsePiecewise(cmd, close + 1, `${type}(${inside})`);
  const param: TdbParameter = { type, phase: phaseName, constituents, order, value, line: cmd.startLine };
  if (diffusingSpecies) param.diffusingSpecies = diffusingSpecies;
  db.parameters.push(param);
}

/** Validates a parameter; false when it can never apply (pycalphad ignores those). */
function checkParameter(param: TdbParameter, db: TdbDatabase): boolean {
  const where = `${param.type}(${param.phase}${param.diffusingSpecies ? '&' + param.diffusingSpecies : ''},…)`;
  const phase = db.phases.get(param.phase);
  if (!phase) throw new TdbError(param.line, `parameter ${where} refers to unknown phase '${param.phase}'`);
  if (!phase.constituents) throw new TdbError(param.line, `phase ${param.phase} has no CONSTITUENT command`);
  const lists = phase.constituents;
  const mobility = param.type === 'MQ' || param.type === 'MF';
  if (param.constituents.length > lists.length || (!mobility && param.constituents.length !== lists.length)) {
    throw new TdbError(
      param.line,
      `parameter ${where} gives ${param.constituents.length} sublattices; phase ${param.phase} has ${lists.length}`,
    );
  }
  if (param.diffusingSpecies && !db.species.has(param.diffusingSpecies)) {
    throw new TdbError(
      param.line,
      `parameter ${where}: unknown diffusing species '${param.diffusingSpecies}'`,
    );
  }
  let ignored = false;
  param.constituents.forEach((list, i) => {
    if (list.length === 0) throw new TdbError(param.line, `parameter ${where}: sublattice ${i + 1} is empty`);
    for (const sp of list) {
      if (sp !== '*' && !db.species.has(sp))
        throw new TdbError(param.line, `parameter ${where}: unknown species '${sp}'`);
      if (sp !== '*' && !lists[i].includes(sp) && !ignored) {
        // pycalphad accepts such a parameter and never uses it; so do we, but say so.
        db.warnings.push(
          `line ${param.line}: parameter ${where} names ${sp}, not a constituent of sublattice ${i + 1}; it is ignored`,
        );
        ignored = true;
      }
    }
  });
  return !ignored;
}

function collectUndefinedNames(db: TdbDatabase): void {
  const seen = new Set<string>();
  const visit = (pw: Piecewise, owner: string) => {
    for (const range of pw.ranges) {
      for (const name of referencedNames(range.expr)) {
        if (db.functions.has(name) || name === 'R' || seen.has(name)) continue;
        seen.add(name);
        db.warnings.push(
          `line ${pw.line}: ${owner} uses undefined function ${name}; it evaluates to 0 (as in pycalphad)`,
        );
      }
    }
  };
  const r = db.functions.get('R');
  if (r)
    db.warnings.push(
      `line ${r.line}: FUNCTION R is not used: R in expressions is pycalphad's 8.3145, as in pycalphad`,
    );
  for (const [name, pw] of db.functions) visit(pw, `FUNCTION ${name}`);
  for (const p of db.parameters) visit(p.value, `parameter ${p.type}(${p.phase},…)`);
}

const HANDLERS: Record<string, (cmd: TdbCommand, db: TdbDatabase) => void> = {
  ELEMENT: parseElement,
  SPECIES: (cmd, db) => void db.species.add(words(cmd.text)[1]?.text ?? ''),
  FUNCTION: parseFunction,
  PHASE: parsePhase,
  CONSTITUENT: parseConstituent,
  PARAMETER: parseParameter,
};

/** Reads a TDB file. Throws TdbError naming the line for anything malformed. */
export function parseTdb(tdbText: string): TdbDatabase {
  const db: TdbDatabase = {
    elements: new Map(),
    species: new Set(['VA', '/-']),
    functions: new Map(),
    phases: new Map(),
    parameters: [],
    warnings: [],
  };
  for (const cmd of splitCommands(tdbText)) {
    const keyword = expandKeyword(words(cmd.text)[0].text, cmd.startLine);
    if (keyword === 'LIST_OF_REFERENCES' || keyword === 'REFERENCES') continue; // may swallow the rest of the file
    if (!cmd.terminated) {
      throw new TdbError(
        cmd.startLine,
        `${keyword} command is not terminated: expected '!' before the end of the file`,
      );
    }
    HANDLERS[keyword]?.(cmd, db);
  }
  db.parameters = db.parameters.filter((p) => checkParameter(p, db));
  if (db.elements.size === 0) throw new TdbError(1, 'no ELEMENT command: the file declares no elements');
  collectUndefinedNames(db);
  return db;
}
