import type { Expr } from './expr.js';

/** One temperature range of a piecewise function: expr applies for lowK <= T < highK. */
export interface TdbRange {
  lowK: number;
  highK: number;
  expr: Expr;
}

export interface Piecewise {
  ranges: TdbRange[];
  line: number;
}

export interface TdbElement {
  name: string;
  referencePhase: string;
  massGPerMol: number;
  line: number;
}

export interface TdbPhase {
  name: string;
  typeCodes: string;
  siteRatios: number[];
  /** Species per sublattice, as CONSTITUENT lists them ('%' removed); undefined until CONSTITUENT. */
  constituents?: string[][];
  line: number;
  constituentLine?: number;
}

export interface TdbParameter {
  /** G, L, MQ, MF, TC, BMAGN, … */
  type: string;
  phase: string;
  /** The species after '&' (mobility parameters). */
  diffusingSpecies?: string;
  /** Species per sublattice, sorted alphabetically within each sublattice; '*' is a wildcard. */
  constituents: string[][];
  order: number;
  value: Piecewise;
  line: number;
}

export interface TdbDatabase {
  elements: Map<string, TdbElement>;
  species: Set<string>;
  functions: Map<string, Piecewise>;
  phases: Map<string, TdbPhase>;
  parameters: TdbParameter[];
  /** Non-fatal findings, each naming its line (e.g. a function used but never defined). */
  warnings: string[];
}
