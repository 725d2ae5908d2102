// Turns a parsed TDB expression into a function of temperature, evaluated every time the temperature
// changes (each step of a ramp). Numbers, negated numbers and T as operands are captured by the closure
// rather than called, and all-constant operations are done once: the same operations on the same values
// in the same order as a plain tree walk, so the same bits, with about half the calls.
import { exp, log, pow } from '../math.js';
import type { Expr } from './expr.js';

export type Evaluator = (temperatureK: number) => number;
type Op = '+' | '-' | '*' | '/' | '**';

/** pycalphad's default pressure, Pa (the variable P). */
const PRESSURE_PA = 101325;

/** The value of an operand that does not depend on T (a number, P, or one of them negated). */
function constantOf(expr: Expr): number | undefined {
  if (expr.kind === 'num') return expr.value;
  if (expr.kind === 'var') return expr.name === 'P' ? PRESSURE_PA : undefined;
  if (expr.kind === 'neg') {
    const inner = constantOf(expr.arg);
    return inner === undefined ? undefined : -inner;
  }
  return undefined;
}

const isT = (expr: Expr) => expr.kind === 'var' && expr.name === 'T';

// LN(T) appears in most Gibbs energy and mobility expressions, all evaluated at one new temperature at
// a time (each step of a ramp): the last value is kept, so a temperature costs one logarithm.
let lastT = NaN;
let lastLnT = NaN;
function lnT(t: number): number {
  if (t !== lastT) {
    lastLnT = log(t);
    lastT = t;
  }
  return lastLnT;
}

function apply(op: Op, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '**':
      return pow(a, b);
  }
}

function constantLeft(op: Op, a: number, right: Expr, r: Evaluator): Evaluator {
  if (isT(right)) return op === '*' ? (t) => a * t : (t) => apply(op, a, t);
  switch (op) {
    case '+':
      return (t) => a + r(t);
    case '-':
      return (t) => a - r(t);
    case '*':
      return (t) => a * r(t);
    case '/':
      return (t) => a / r(t);
    case '**':
      return (t) => pow(a, r(t));
  }
}

function constantRight(op: Op, left: Expr, l: Evaluator, b: number): Evaluator {
  if (isT(left)) return op === '**' ? (t) => pow(t, b) : (t) => apply(op, t, b);
  switch (op) {
    case '+':
      return (t) => l(t) + b;
    case '-':
      return (t) => l(t) - b;
    case '*':
      return (t) => l(t) * b;
    case '/':
      return (t) => l(t) / b;
    case '**':
      return (t) => pow(l(t), b);
  }
}

function binary(op: Op, l: Evaluator, r: Evaluator): Evaluator {
  switch (op) {
    case '+':
      return (t) => l(t) + r(t);
    case '-':
      return (t) => l(t) - r(t);
    case '*':
      return (t) => l(t) * r(t);
    case '/':
      return (t) => l(t) / r(t);
    case '**':
      return (t) => pow(l(t), r(t));
  }
}

/** Turns an expression into a function of T; `resolve` supplies FUNCTION references. */
export function compileExpr(expr: Expr, resolve: (name: string, line: number) => Evaluator): Evaluator {
  const constant = constantOf(expr);
  if (constant !== undefined) return () => constant;
  switch (expr.kind) {
    case 'num': // constants, returned above
    case 'var': // T here: P is a constant too
      return (t) => t;
    case 'ref':
      return resolve(expr.name, expr.line);
    case 'neg': {
      const a = compileExpr(expr.arg, resolve);
      return (t) => -a(t);
    }
    case 'call': {
      if (isT(expr.arg)) return expr.fn === 'LN' ? lnT : (t) => exp(t);
      const a = compileExpr(expr.arg, resolve);
      return expr.fn === 'LN' ? (t) => log(a(t)) : (t) => exp(a(t));
    }
    case 'bin': {
      const a = constantOf(expr.left);
      const b = constantOf(expr.right);
      if (a !== undefined && b !== undefined) {
        const value = apply(expr.op, a, b);
        return () => value;
      }
      if (a !== undefined) return constantLeft(expr.op, a, expr.right, compileExpr(expr.right, resolve));
      if (b !== undefined) return constantRight(expr.op, expr.left, compileExpr(expr.left, resolve), b);
      return binary(expr.op, compileExpr(expr.left, resolve), compileExpr(expr.right, resolve));
    }
  }
}
