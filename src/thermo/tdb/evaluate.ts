// Turns piecewise TDB functions and parameters into functions of temperature (thermo.md §1.4, §1.5).
import { R_PYCALPHAD } from '../constants.js';
import { compileExpr, type Evaluator } from './compile-expr.js';
import { TdbError } from './source.js';
import type { Piecewise, TdbDatabase } from './types.js';

/**
 * A single range applies at every T; with several ranges the first extends below its limit and the
 * last above its limit (pycalphad's extrapolate_temperature_bounds).
 */
function piecewiseEvaluator(pw: Piecewise, compile: (pw: Piecewise) => Evaluator[]): Evaluator {
  const parts = compile(pw);
  if (parts.length === 1) return parts[0];
  const highs = pw.ranges.map((r) => r.highK);
  return (t) => {
    let i = 0;
    while (i < parts.length - 1 && t >= highs[i]) i++;
    return parts[i](t);
  };
}

/**
 * A FUNCTION keeps its value at the last temperature: the compounds' and the matrix's expressions call the
 * same few (GHSERAL, GHSERMG, GHSERSI) at each new temperature of a ramp. Same function, same T, same bits.
 */
function lastValueKept(evaluate: Evaluator): Evaluator {
  let lastT = NaN;
  let lastValue = NaN;
  return (t) => {
    if (t !== lastT) {
      lastValue = evaluate(t);
      lastT = t;
    }
    return lastValue;
  };
}

export interface FunctionTable {
  /** Evaluator for a parameter's (or function's) piecewise value. */
  evaluator(pw: Piecewise): Evaluator;
}

export function createFunctionTable(db: TdbDatabase): FunctionTable {
  const resolved = new Map<string, Evaluator>();
  const resolving = new Set<string>();

  const resolve = (name: string, line: number): Evaluator => {
    // pycalphad replaces the symbol R by its own constant while it parses each expression, so a database's
    // FUNCTION R is never used (tools/reference/FINDINGS.md F1, kawin 0.5.0 + pycalphad 0.11).
    if (name === 'R') return () => R_PYCALPHAD;
    const cached = resolved.get(name);
    if (cached) return cached;
    const pw = db.functions.get(name);
    if (!pw) return () => 0; // an undefined name is 0 (thermo.md §1.5)
    if (resolving.has(name))
      throw new TdbError(line, `FUNCTION ${name} refers to itself (circular definition)`);
    resolving.add(name);
    const ev = lastValueKept(piecewiseEvaluator(pw, compile));
    resolving.delete(name);
    resolved.set(name, ev);
    return ev;
  };
  const compile = (pw: Piecewise) => pw.ranges.map((r) => compileExpr(r.expr, resolve));
  for (const [name, pw] of db.functions) resolve(name, pw.line);
  return { evaluator: (pw) => piecewiseEvaluator(pw, compile) };
}
