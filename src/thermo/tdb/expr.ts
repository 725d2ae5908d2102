// Arithmetic expressions of TDB files (thermo.md §1.3): + - * / **, unary signs, LN/LOG/EXP, numbers,
// the variable T and names of FUNCTIONs. '**' binds tighter than unary minus and is right-associative,
// as in Python, which pycalphad uses to read them.
import { TdbError } from './source.js';

export type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'var'; name: 'T' | 'P' }
  | { kind: 'ref'; name: string; line: number }
  | { kind: 'neg'; arg: Expr }
  | { kind: 'bin'; op: '+' | '-' | '*' | '/' | '**'; left: Expr; right: Expr }
  | { kind: 'call'; fn: 'LN' | 'EXP'; arg: Expr };

interface Token {
  type: 'num' | 'name' | 'op' | 'lp' | 'rp';
  text: string;
  offset: number;
}

const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:E[+-]?\d+)?/;
const NAME = /^[A-Z_][A-Z0-9_]*/;

function tokenize(src: string, lineOf: (offset: number) => number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '#') {
      i++; // pycalphad removes every '#'
      continue;
    }
    const rest = src.slice(i);
    const num = NUMBER.exec(rest);
    if (num) {
      const after = rest[num[0].length];
      if (after !== undefined && /[A-Z_]/.test(after) && after !== 'E') {
        throw new TdbError(lineOf(i), `bad number '${rest.slice(0, num[0].length + 1)}…' in expression`);
      }
      tokens.push({ type: 'num', text: num[0], offset: i });
      i += num[0].length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      tokens.push({ type: 'name', text: name[0], offset: i });
      i += name[0].length;
      continue;
    }
    if (rest.startsWith('**')) {
      tokens.push({ type: 'op', text: '**', offset: i });
      i += 2;
      continue;
    }
    if ('+-*/'.includes(c)) tokens.push({ type: 'op', text: c, offset: i });
    else if (c === '(') tokens.push({ type: 'lp', text: c, offset: i });
    else if (c === ')') tokens.push({ type: 'rp', text: c, offset: i });
    else throw new TdbError(lineOf(i), `unexpected character '${c}' in expression`);
    i++;
  }
  return tokens;
}

/** Parses one expression; `lineOf` maps an offset in `src` to its source line. */
export function parseExpr(src: string, lineOf: (offset: number) => number): Expr {
  const tokens = tokenize(src, lineOf);
  let pos = 0;
  const endLine = () => lineOf(Math.max(0, src.length - 1));
  const peek = () => tokens[pos];
  const fail = (message: string): never => {
    const t = peek();
    throw new TdbError(t ? lineOf(t.offset) : endLine(), message);
  };

  const additive = (): Expr => {
    let left = multiplicative();
    while (peek()?.type === 'op' && (peek().text === '+' || peek().text === '-')) {
      const op = tokens[pos++].text as '+' | '-';
      left = { kind: 'bin', op, left, right: multiplicative() };
    }
    return left;
  };
  const multiplicative = (): Expr => {
    let left = unary();
    while (peek()?.type === 'op' && (peek().text === '*' || peek().text === '/')) {
      const op = tokens[pos++].text as '*' | '/';
      left = { kind: 'bin', op, left, right: unary() };
    }
    return left;
  };
  const unary = (): Expr => {
    const t = peek();
    if (t?.type === 'op' && (t.text === '-' || t.text === '+')) {
      pos++;
      const arg = unary();
      return t.text === '-' ? { kind: 'neg', arg } : arg;
    }
    return power();
  };
  const power = (): Expr => {
    const base = primary();
    if (peek()?.type === 'op' && peek().text === '**') {
      pos++;
      return { kind: 'bin', op: '**', left: base, right: unary() };
    }
    return base;
  };
  const primary = (): Expr => {
    const t = peek();
    if (!t) return fail('expression ends where a number, T, a function name or "(" was expected');
    pos++;
    if (t.type === 'num') return { kind: 'num', value: Number(t.text) };
    if (t.type === 'lp') {
      const inner = additive();
      if (peek()?.type !== 'rp') fail('missing ")" in expression');
      pos++;
      return inner;
    }
    if (t.type === 'name') {
      if (t.text === 'T' || t.text === 'P') return { kind: 'var', name: t.text };
      if ((t.text === 'LN' || t.text === 'LOG' || t.text === 'EXP') && peek()?.type === 'lp') {
        pos++;
        const arg = additive();
        if (peek()?.type !== 'rp') fail(`missing ")" after ${t.text}(`);
        pos++;
        return { kind: 'call', fn: t.text === 'EXP' ? 'EXP' : 'LN', arg };
      }
      return { kind: 'ref', name: t.text, line: lineOf(t.offset) };
    }
    pos--;
    return fail(`unexpected '${t.text}' where a number, T, a function name or "(" was expected`);
  };

  const expr = additive();
  if (pos < tokens.length) fail(`unexpected '${tokens[pos].text}' after a complete expression`);
  return expr;
}

/** Names of FUNCTIONs an expression refers to. */
export function referencedNames(expr: Expr, out: Set<string> = new Set()): Set<string> {
  switch (expr.kind) {
    case 'ref':
      out.add(expr.name);
      break;
    case 'neg':
    case 'call':
      referencedNames(expr.arg, out);
      break;
    case 'bin':
      referencedNames(expr.left, out);
      referencedNames(expr.right, out);
      break;
  }
  return out;
}
