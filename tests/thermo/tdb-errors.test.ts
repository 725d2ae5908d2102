// Malformed or unsupported TDB input gets an error naming the line and what was expected.
import test from 'ava';
import { createThermo, TdbError } from '../../src/thermo/index.js';

const BASE = [
  'ELEMENT VA VACUUM 0 0 0 !',
  'ELEMENT AL FCC_A1 26.98 0 0 !',
  'ELEMENT MG HCP_A3 24.305 0 0 !',
  'ELEMENT SI DIA_A4 28.0855 0 0 !',
  'PHASE FCC_A1 % 2 1 1 !',
  'CONSTITUENT FCC_A1 : AL,MG,SI : VA : !',
  'PARAMETER G(FCC_A1,AL:VA;0) 1 -1000; 6000 N !',
  'PARAMETER G(FCC_A1,MG:VA;0) 1 -2000; 6000 N !',
  'PARAMETER G(FCC_A1,SI:VA;0) 1 -3000; 6000 N !',
];
const withLines = (...extra: string[]) => [...BASE, ...extra].join('\n');

const CASES: [string, string, RegExp][] = [
  [
    'unterminated command',
    withLines('FUNCTION F 1 2*T; 6000 N'),
    /line 10: FUNCTION command is not terminated: expected '!'/,
  ],
  [
    'unknown phase in a parameter',
    withLines('PARAMETER G(NOPE,AL;0) 1 0; 6000 N !'),
    /line 10: parameter G\(NOPE,…\) refers to unknown phase 'NOPE'/,
  ],
  [
    'bad number as a temperature limit',
    withLines('FUNCTION F 1 2*T; 6OOO N !'),
    /line 10: bad number '6OOO' where the upper temperature limit of FUNCTION F was expected/,
  ],
  [
    'bad number inside an expression',
    withLines('FUNCTION F 1 2.5X*T; 6000 N !'),
    /line 10: bad number '2\.5X…' in expression/,
  ],
  [
    'missing Y/N flag',
    withLines('FUNCTION F 1 2*T; 6000 !'),
    /line 10: FUNCTION F: expected 'Y' or 'N' after the limit 6000/,
  ],
  [
    'missing semicolon',
    withLines('FUNCTION F 1 2*T 6000 N !'),
    /line 10: FUNCTION F: expected ';' after the expression/,
  ],
  [
    'unbalanced parenthesis',
    withLines('FUNCTION F 1 2*(T+1; 6000 N !'),
    /line 10: missing "\)" in expression/,
  ],
  ['unknown command', withLines('FOOBAR X Y !'), /line 10: unknown command 'FOOBAR'/],
  [
    'constituent of an undeclared phase',
    withLines('CONSTITUENT GHOST : AL : !'),
    /line 10: CONSTITUENT for unknown phase 'GHOST'/,
  ],
  [
    'sublattice count mismatch',
    withLines('PHASE P2 % 2 1 1 !', 'CONSTITUENT P2 : AL : !'),
    /line 11: CONSTITUENT P2 lists 1 sublattices but PHASE P2 declares 2/,
  ],
  [
    'unknown species in a constituent list',
    withLines('PHASE P2 % 1 1 !', 'CONSTITUENT P2 : ZN : !'),
    /line 11: CONSTITUENT P2: unknown species 'ZN'/,
  ],
  [
    'site ratios missing',
    withLines('PHASE P2 % 3 1 2 > text !'),
    /line 10: PHASE P2 declares 3 sublattices but gives 2 site ratios/,
  ],
  [
    'upper limit below lower limit',
    withLines('FUNCTION F 500 2*T; 300 N !'),
    /line 10: FUNCTION F: upper limit 300 K is not above 500 K/,
  ],
  [
    'circular function definitions',
    withLines('FUNCTION A 1 B+1; 6000 N !', 'FUNCTION B 1 A+1; 6000 N !'),
    /FUNCTION [AB] refers to itself \(circular definition\)/,
  ],
  [
    'garbage character in an expression',
    withLines('FUNCTION F 1 2*T@; 6000 N !'),
    /line 10: unexpected character '@' in expression/,
  ],
];

for (const [what, tdb, message] of CASES) {
  test(`rejects: ${what}`, (t) => {
    const error = t.throws(() => createThermo(tdb), { instanceOf: TdbError });
    t.regex(error.message, message);
  });
}

test('rejects a precipitate with mixing on a sublattice when it is asked for', (t) => {
  const thermo = createThermo(
    withLines(
      'PHASE MIXED % 2 1 1 !',
      'CONSTITUENT MIXED : MG,SI : SI : !',
      'PARAMETER G(MIXED,MG:SI;0) 1 -5; 6000 N !',
    ),
  );
  const error = t.throws(() => thermo.system.compound('MIXED'), { instanceOf: TdbError });
  t.regex(
    error.message,
    /line 11: phase MIXED: mixing on sublattice 1 \(MG, SI\) is not supported for a precipitate/,
  );
});

test('rejects ternary interactions in the matrix', (t) => {
  const error = t.throws(() => createThermo(withLines('PARAMETER L(FCC_A1,AL,MG,SI:VA;0) 1 100; 6000 N !')), {
    instanceOf: TdbError,
  });
  t.regex(error.message, /line 10: ternary interactions in matrix phase FCC_A1 are not supported/);
});

test('rejects a file without the matrix phase', (t) => {
  const error = t.throws(() => createThermo('ELEMENT AL FCC_A1 27 0 0 !'), { instanceOf: TdbError });
  t.regex(error.message, /no matrix phase FCC_A1/);
});

test('rejects magnetic parameters on the matrix as unsupported', (t) => {
  const error = t.throws(() => createThermo(withLines('PARAMETER TC(FCC_A1,AL:VA;0) 1 100; 6000 N !')), {
    instanceOf: TdbError,
  });
  t.regex(error.message, /line 10: parameter type TC of phase FCC_A1 is not supported/);
});
