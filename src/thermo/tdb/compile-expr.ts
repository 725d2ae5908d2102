// Turns a parsed TDB expression into a function of temperature, evaluated every time the temperature
// changes (each step of a ramp). The expression becomes a short program for a stack machine over one
// Float64Array: the same operations on the same values in the same order as a plain tree walk, so the
// same bits, without a call and a boxed number per node (a tree of closures allocated one per node, a
// quarter of what a run allocated). All-constant operations are done once, as the tree walk would.
import { exp, log, pow } from '../math.js';
import type { Expr } from './expr.js';

export type Evaluator = (temperatureK: number) => number;
type Op = '+' | '-' | '*' | '/' | '**';

/** pycalphad's default pressure, Pa (the variable P). */
const PRESSURE_PA = 101325;

/** Instructions (inlined as numbers by the compiler); Push and Ref take one operand, an index. */
const enum Code {
  Push,
  PushT,
  Add,
  Sub,
  Mul,
  Div,
  Pow,
  Neg,
  Ln,
  Exp,
  LnT,
  Ref,
}
const BINARY: Record<Op, Code> = {
  '+': Code.Add,
  '-': Code.Sub,
  '*': Code.Mul,
  '/': Code.Div,
  '**': Code.Pow,
};

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

// LN(T) appears in most Gibbs energy and mobility expressions, all evaluated at one new temperature at
// a time: the last value is kept, so a temperature costs one logarithm.
let lastT = NaN;
let lastLnT = NaN;
function lnT(t: number): number {
  if (t !== lastT) {
    lastLnT = log(t);
    lastT = t;
  }
  return lastLnT;
}

interface Program {
  code: number[];
  constants: number[];
  refs: Evaluator[];
  /** Stack slots the program needs beyond its base. */
  depth: number;
}

/** Appends the code of `expr` to `p`; returns the stack depth it reaches. */
function emit(expr: Expr, p: Program, resolve: (name: string, line: number) => Evaluator): number {
  const constant = constantOf(expr);
  const push = (value: number) => {
    p.code.push(Code.Push, p.constants.length);
    p.constants.push(value);
    return 1;
  };
  if (constant !== undefined) return push(constant);
  switch (expr.kind) {
    case 'num': // constants, pushed above
    case 'var': // T here: P is a constant too
      p.code.push(Code.PushT);
      return 1;
    case 'ref':
      p.code.push(Code.Ref, p.refs.length);
      p.refs.push(resolve(expr.name, expr.line));
      return 1;
    case 'neg': {
      const depth = emit(expr.arg, p, resolve);
      p.code.push(Code.Neg);
      return depth;
    }
    case 'call': {
      if (isT(expr.arg) && expr.fn === 'LN') {
        p.code.push(Code.LnT);
        return 1;
      }
      const depth = emit(expr.arg, p, resolve);
      p.code.push(expr.fn === 'LN' ? Code.Ln : Code.Exp);
      return depth;
    }
    case 'bin': {
      const a = constantOf(expr.left);
      const b = constantOf(expr.right);
      if (a !== undefined && b !== undefined) return push(apply(expr.op, a, b));
      const left = emit(expr.left, p, resolve);
      const right = emit(expr.right, p, resolve);
      p.code.push(BINARY[expr.op]);
      return Math.max(left, 1 + right);
    }
  }
}

/** One stack for every program; a program called through REF works above its caller's slots. */
let stack = new Float64Array(256);
let stackTop = 0;

function run(code: Int32Array, constants: Float64Array, refs: Evaluator[], depth: number, t: number): number {
  const base = stackTop;
  if (base + depth > stack.length) {
    const grown = new Float64Array(2 * (base + depth));
    grown.set(stack);
    stack = grown;
  }
  let s = stack;
  let sp = base;
  for (let pc = 0; pc < code.length; pc++) {
    switch (code[pc]) {
      case Code.Push:
        s[sp++] = constants[code[++pc]];
        break;
      case Code.PushT:
        s[sp++] = t;
        break;
      case Code.Add:
        sp--;
        s[sp - 1] = s[sp - 1] + s[sp];
        break;
      case Code.Sub:
        sp--;
        s[sp - 1] = s[sp - 1] - s[sp];
        break;
      case Code.Mul:
        sp--;
        s[sp - 1] = s[sp - 1] * s[sp];
        break;
      case Code.Div:
        sp--;
        s[sp - 1] = s[sp - 1] / s[sp];
        break;
      case Code.Pow:
        sp--;
        s[sp - 1] = pow(s[sp - 1], s[sp]);
        break;
      case Code.Neg:
        s[sp - 1] = -s[sp - 1];
        break;
      case Code.Ln:
        s[sp - 1] = log(s[sp - 1]);
        break;
      case Code.Exp:
        s[sp - 1] = exp(s[sp - 1]);
        break;
      case Code.LnT:
        s[sp++] = lnT(t);
        break;
      case Code.Ref: {
        stackTop = sp;
        const value = refs[code[++pc]](t);
        stackTop = base;
        s = stack; // the call may have grown it
        s[sp++] = value;
        break;
      }
    }
  }
  return s[base];
}

/** Turns an expression into a function of T; `resolve` supplies FUNCTION references. */
export function compileExpr(expr: Expr, resolve: (name: string, line: number) => Evaluator): Evaluator {
  const constant = constantOf(expr);
  if (constant !== undefined) return () => constant;
  const p: Program = { code: [], constants: [], refs: [], depth: 0 };
  p.depth = emit(expr, p, resolve);
  const code = Int32Array.from(p.code);
  const constants = Float64Array.from(p.constants);
  const { refs, depth } = p;
  return (t) => run(code, constants, refs, depth, t);
}
