import { TdbError } from './source.js';

// The TDB keywords pycalphad knows; the ones we act on are ELEMENT, SPECIES, FUNCTION, PHASE,
// CONSTITUENT, PARAMETER. The rest are accepted and skipped.
const KEYWORDS = [
  'ELEMENT',
  'SPECIES',
  'PHASE',
  'CONSTITUENT',
  'FUNCTION',
  'PARAMETER',
  'TYPE_DEFINITION',
  'DEFINE_SYSTEM_DEFAULT',
  'DEFAULT_COMMAND',
  'DATABASE_INFO',
  'VERSION_DATE',
  'VERSION_DATA',
  'REFERENCE_FILE',
  'ADD_REFERENCES',
  'LIST_OF_REFERENCES',
  'TEMPERATURE_LIMITS',
  'PHASE_DESCRIPTION',
  'ASSESSED_SYSTEMS',
  'REFERENCES',
  'DIFFUSION',
  'ZERO_VOLUME_SPECIES',
  'TABLE',
  'CASE',
  'ENDCASE',
  'VERSION',
];

/** Expands an abbreviated keyword: each '_'/'-' piece must be a prefix of the keyword's piece. */
export function expandKeyword(word: string, line: number): string {
  const pieces = word.split(/[_-]/);
  if (KEYWORDS.includes(pieces.join('_'))) return pieces.join('_');
  const matches = KEYWORDS.filter((keyword) => {
    const full = keyword.split('_');
    return (
      pieces.length <= full.length && pieces.every((piece, i) => piece !== '' && full[i].startsWith(piece))
    );
  });
  const samePieceCount = matches.filter((k) => k.split('_').length === pieces.length);
  const chosen = samePieceCount.length === 1 ? samePieceCount : matches;
  if (chosen.length === 1) return chosen[0];
  if (chosen.length === 0) throw new TdbError(line, `unknown command '${word}'`);
  throw new TdbError(line, `ambiguous command '${word}' (could be ${chosen.join(', ')})`);
}
