// The TDB reader (thermo.md §1): grammar, temperature ranges, undefined functions, the gas constant.
import test from 'ava';
import { readFile } from 'node:fs/promises';
import {
  createThermo,
  createThermoFromDatabase,
  drivingForces,
  fullComposition,
} from '../../src/thermo/index.js';
import { createFunctionTable } from '../../src/thermo/tdb/evaluate.js';
import { parseTdb } from '../../src/thermo/tdb/parse.js';
import { databaseFromJson, databaseToJson } from '../../src/thermo/tdb/serialize.js';

const HEADER = `
ELEM VA VACUUM 0 0 0 !
ELEMENT AL FCC_A1 26.98154 4540 28.30 !
ELEMENT MG HCP_A3 24.305 4998.0 32.671 !
ELEMENT SI DIA_A4 28.0855 3217. 18.81 !
`;

const evaluate = (tdb: string, name: string, temperatureK: number) => {
  const db = parseTdb(tdb);
  return createFunctionTable(db).evaluator(db.functions.get(name)!)(temperatureK);
};

test('piecewise functions pick their range and extrapolate the first and last one', (t) => {
  const tdb = `${HEADER} FUNCTION F 300 1+T; 500 Y 10*T; 900 N !`;
  t.is(evaluate(tdb, 'F', 400), 401);
  t.is(evaluate(tdb, 'F', 600), 6000);
  t.is(evaluate(tdb, 'F', 200), 201, 'below the first range: the first range');
  t.is(evaluate(tdb, 'F', 1000), 10000, 'above the last range: the last range');
  t.is(evaluate(tdb, 'F', 500), 5000, 'a break belongs to the upper range');
});

test('a single-range function applies at every temperature', (t) => {
  t.is(evaluate(`${HEADER} FUNCTION G 298.15 2*T; 400 N !`, 'G', 1000), 2000);
});

test('expressions: LN, EXP, ** right-associative and tighter than unary minus, # suffixes, lower case', (t) => {
  const tdb = `${HEADER}
  function aa 1 -T**2+ln(exp(3))+2**3**2; 6000 n !
  FUNCTION BB 1 AA#*2 + T**(-1); 6000 N !`;
  t.is(evaluate(tdb, 'AA', 10), -100 + 3 + 512);
  t.is(evaluate(tdb, 'BB', 10), 2 * (-100 + 3 + 512) + 0.1);
});

test('comments, text after "!" and keyword abbreviations are handled as pycalphad does', (t) => {
  const tdb = `${HEADER}
  $ a comment line ! with a bang
  FUNC F1 1 +5; 6000 N ! this text is lost
  TYPE-DEF % SEQ * !
  PHA MYPHASE % 1 1 > description
  over two lines >> 2 !
  CONST MYPHASE : AL%,MG SI : !
  PARAM G(MYPHASE,AL;0) 1 F1; 6000 N REF:1 !`;
  const db = parseTdb(tdb);
  t.is(evaluate(tdb, 'F1', 300), 5);
  t.deepEqual(db.phases.get('MYPHASE')?.constituents, [['AL', 'MG', 'SI']]);
  t.is(db.parameters.length, 1);
});

test('parameter constituents are sorted within each sublattice and & gives the diffusing species', (t) => {
  const tdb = `${HEADER}
  PHASE FCC_A1 % 2 1 1 !
  CONSTITUENT FCC_A1 : AL,MG,SI : VA : !
  PARAMETER L(FCC_A1,SI,MG:VA;1) 1 100; 6000 N !
  PARAMETER MQ(FCC_A1&MG,MG,AL:*;0) 1 54511; 6000 N !`;
  const [l, mq] = parseTdb(tdb).parameters;
  t.deepEqual(l.constituents, [['MG', 'SI'], ['VA']]);
  t.is(l.order, 1);
  t.is(mq.diffusingSpecies, 'MG');
  t.deepEqual(mq.constituents, [['AL', 'MG'], ['*']]);
});

const SMALL_SYSTEM = `${HEADER}
FUNCTION GAL 1 -1000-10*T; 6000 N !
PHASE FCC_A1 % 2 1 1 !
CONSTITUENT FCC_A1 : AL,MG,SI : VA : !
PARAMETER G(FCC_A1,AL:VA;0) 1 GAL; 6000 N !
PARAMETER G(FCC_A1,MG:VA;0) 1 -2000; 6000 N !
PARAMETER G(FCC_A1,SI:VA;0) 1 -3000; 6000 N !
PARAMETER L(FCC_A1,AL,MG:VA;0) 1 +1*LUNDEFINED#; 6000 N !
PHASE MGSI % 2 1 1 !
CONSTITUENT MGSI : MG : SI : !
PARAMETER G(MGSI,MG:SI;0) 1 -20000; 6000 N !
`;

test('an undefined function evaluates to 0 with a warning naming the line (pycalphad)', (t) => {
  const thermo = createThermo(SMALL_SYSTEM);
  t.true(
    thermo.system.warnings.some((w) => /line 13: .*LUNDEFINED.*evaluates to 0/.test(w)),
    thermo.system.warnings.join('\n'),
  );
  // With L = 0 the matrix is ideal: ΔG = Σ x_β μ − G_β with μ = °G + R T ln x, R = 8.3145.
  const T = 500;
  const x = fullComposition(thermo.system, { MG: 0.01, SI: 0.02 });
  const [r] = drivingForces(thermo, T, x, ['MGSI']);
  const mu = (g0: number, xi: number) => g0 + 8.3145 * T * Math.log(xi);
  const expected = 0.5 * mu(-2000, 0.01) + 0.5 * mu(-3000, 0.02) - -20000 / 2;
  t.true(Math.abs(r.drivingForceJPerMol - expected) < 1e-9);
});

test("R inside an expression is pycalphad's 8.3145, even when the database defines FUNCTION R", (t) => {
  const tdb = `${HEADER} FUNCTION R 1 8.31451; 6000 N !\nFUNCTION Q 1 R*T; 6000 N !`;
  t.is(evaluate(tdb, 'Q', 1), 8.3145);
  t.true(parseTdb(tdb).warnings.some((w) => /FUNCTION R is not used/.test(w)));
  t.is(evaluate(`${HEADER} FUNCTION Q 1 R*T; 6000 N !`, 'Q', 1), 8.3145);
});

test('a parameter naming a species its sublattice lacks is ignored with a warning, as pycalphad does', (t) => {
  const db = parseTdb(`${SMALL_SYSTEM} PARAMETER G(MGSI,SI:SI;0) 1 5; 6000 N !`);
  t.true(db.warnings.some((w) => /not a constituent of sublattice 1; it is ignored/.test(w)));
  t.is(db.parameters.filter((p) => p.phase === 'MGSI').length, 1);
});

test('a parsed database survives its JSON form (the page worker reads the build’s parse)', async (t) => {
  const text = await readFile(new URL('../../../data/AlMgSi.tdb', import.meta.url), 'utf8');
  const parsed = parseTdb(text);
  const restored = databaseFromJson(databaseToJson(parsed));
  t.deepEqual(restored, parsed);
  const [fromText, fromJson] = [createThermo(text), createThermoFromDatabase(restored)];
  const x = fullComposition(fromText.system, { MG: 0.0072, SI: 0.0057 });
  for (const temperatureK of [300, 448.15, 523.15, 800]) {
    t.deepEqual(
      drivingForces(fromJson, temperatureK, x, ['MGSI_B_P', 'MG5SI6_B_DP']),
      drivingForces(fromText, temperatureK, x, ['MGSI_B_P', 'MG5SI6_B_DP']),
    );
  }
});
