// Splits TDB text into commands the way pycalphad reads a file (thermo.md §1.1), keeping, for every
// command, the original line numbers so that errors can name the line a problem is on.

export class TdbError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(`TDB line ${line}: ${message}`);
    this.name = 'TdbError';
    this.line = line;
  }
}

export interface TdbCommand {
  /** Upper-cased command text without the terminating '!', lines joined by one space. */
  text: string;
  /** Line (1-based) of each character of `text`. */
  lineAt: (offset: number) => number;
  startLine: number;
  terminated: boolean;
}

function stripLine(raw: string): { body: string; hasBang: boolean } {
  let line = raw.toUpperCase().replace(/\t/g, ' ');
  const dollar = line.indexOf('$');
  if (dollar >= 0) line = line.slice(0, dollar);
  const bang = line.indexOf('!');
  if (bang >= 0) return { body: line.slice(0, bang + 1), hasBang: true };
  return { body: line, hasBang: false };
}

/** Cuts the file into '!'-terminated commands; a trailing piece without '!' is returned unterminated. */
export function splitCommands(tdbText: string): TdbCommand[] {
  const lines = tdbText.split(/\r\n|\r|\n/);
  const commands: TdbCommand[] = [];
  let text = '';
  let starts: number[] = []; // offsets in `text` where a new source line begins
  let startLines: number[] = [];

  const flush = (terminated: boolean) => {
    const trimmedStart = text.length - text.trimStart().length;
    const body = text.trim();
    if (body.length > 0) {
      const offs = starts;
      const lns = startLines;
      const lineAt = (offset: number) => {
        const target = offset + trimmedStart;
        let lo = 0;
        let hi = offs.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (offs[mid] <= target) lo = mid;
          else hi = mid - 1;
        }
        return lns[lo];
      };
      commands.push({ text: body, lineAt, startLine: lineAt(0), terminated });
    }
    text = '';
    starts = [];
    startLines = [];
  };

  lines.forEach((raw, index) => {
    // pycalphad keeps a line only up to its first '!': the rest of that line is lost.
    const { body, hasBang } = stripLine(raw);
    const piece = hasBang ? body.slice(0, -1) : body;
    if (text.length > 0) text += ' ';
    starts.push(text.length);
    startLines.push(index + 1);
    text += piece;
    if (hasBang) flush(true);
  });
  flush(false);
  return commands;
}
