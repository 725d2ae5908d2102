// A derivative-free minimiser for a few bounded parameters: Nelder-Mead (with the dimension-adapted
// coefficients of Gao & Han 2012) in the unit cube, points projected onto the cube, started from the best
// point of a Latin-hypercube design and restarted from its own best point with a fresh simplex until a
// restart no longer improves the minimum (restarts undo the simplex's collapse onto a face or a ridge).
// Global stage: the design scales with the budget, and short screening descents from its best mutually
// distant points pick the basins that the full searches then go down, best first.
import type { BatchFunction } from './batch.js';
import type { Random } from './random.js';

export interface MinimizeOptions {
  random: Random;
  /** Function evaluations to stop at (default 200 per dimension); the batch that reaches it (at most dim points) completes. */
  maxEvaluations?: number;
  /** Points of the initial Latin-hypercube design (default: a fifth of the budget, at least 4 per dimension; the cube's centre is added). */
  designPoints?: number;
  /** Design points (mutually ≥ 0.1 apart) screened by a short descent before the full searches (default 6). */
  screenStarts?: number;
  /** Evaluations of each screening descent (default 15 per dimension). */
  screenEvaluations?: number;
  /** A starting point in the unit cube, evaluated with the design. */
  start?: number[];
  /** Edge of a fresh simplex in unit coordinates (default 0.2). */
  simplexSize?: number;
  /** Converged when the simplex's values differ by less than this and its edge is below xTolerance. */
  fTolerance?: number;
  xTolerance?: number;
  /** Most restarts after the first descent (default 6). */
  maxRestarts?: number;
  /** Called after every batch with the evaluations so far and the best value. */
  onProgress?: (evaluations: number, bestValue: number) => void;
}

export interface MinimizeResult {
  /** The best point, in unit coordinates. */
  x: number[];
  value: number;
  evaluations: number;
  restarts: number;
}

interface Vertex {
  x: number[];
  f: number;
}

/** Design points closer than this (unit coordinates) to an optimum found are not started from. */
const SEPARATION = 0.1;
const clamp01 = (x: number[]) => x.map((v) => Math.min(1, Math.max(0, v)));
/** NaN (a failed evaluation) ranks below everything. */
const rank = (f: number) => (Number.isNaN(f) ? Infinity : f);

function latinHypercube(count: number, dim: number, random: Random): number[][] {
  const columns = Array.from({ length: dim }, () => {
    const order = Array.from({ length: count }, (_, i) => i);
    for (let i = count - 1; i > 0; i--) {
      const j = random.integer(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    return order.map((cell) => (cell + random.uniform()) / count);
  });
  return Array.from({ length: count }, (_, i) => columns.map((c) => c[i]));
}

/** The simplex around x: each axis stepped by `size`, inwards where outwards would leave the cube. */
function simplexAround(x: number[], size: number): number[][] {
  return [x, ...x.map((v, i) => x.map((w, j) => (j !== i ? w : v + size <= 1 ? v + size : v - size)))];
}

class Minimizer {
  evaluations = 0;
  best: Vertex = { x: [], f: Infinity };
  /** Where the current descent stops (the whole budget, or a screening descent's share of it). */
  limit: number;
  constructor(
    private readonly f: BatchFunction,
    private readonly options: MinimizeOptions,
    readonly budget: number,
  ) {
    this.limit = budget;
  }

  async evaluate(points: number[][]): Promise<Vertex[]> {
    const xs = points.map(clamp01);
    const values = await this.f(xs);
    this.evaluations += xs.length;
    const vertices = xs.map((x, i) => ({ x, f: rank(values[i]) }));
    for (const v of vertices) if (v.f < this.best.f) this.best = v;
    this.options.onProgress?.(this.evaluations, this.best.f);
    return vertices;
  }

  exhausted(): boolean {
    return this.evaluations >= Math.min(this.limit, this.budget);
  }

  /** One Nelder-Mead descent from a simplex; returns its best vertex. */
  async descend(simplex: Vertex[]): Promise<Vertex> {
    const n = simplex.length - 1;
    const [alpha, beta, gamma, delta] = [1, 1 + 2 / n, 0.75 - 1 / (2 * n), 1 - 1 / n];
    const fTol = this.options.fTolerance ?? 1e-8;
    const xTol = this.options.xTolerance ?? 1e-6;
    while (!this.exhausted()) {
      simplex.sort((a, b) => a.f - b.f);
      if (converged(simplex, fTol, xTol)) break;
      const worst = simplex[n];
      const centroid = simplex[0].x.map((_, j) => simplex.slice(0, n).reduce((s, v) => s + v.x[j], 0) / n);
      const along = (t: number) => centroid.map((c, j) => c + t * (c - worst.x[j]));
      const [r] = await this.evaluate([along(alpha)]);
      if (r.f < simplex[0].f) {
        const [e] = await this.evaluate([along(alpha * beta)]);
        simplex[n] = e.f < r.f ? e : r;
      } else if (r.f < simplex[n - 1].f) {
        simplex[n] = r;
      } else {
        const outside = r.f < worst.f;
        const [c] = await this.evaluate([along(outside ? alpha * gamma : -gamma)]);
        if (c.f < (outside ? r.f : worst.f)) simplex[n] = c;
        else {
          const b = simplex[0].x;
          const shrunk = simplex.slice(1).map((v) => b.map((bj, j) => bj + delta * (v.x[j] - bj)));
          simplex.splice(1, n, ...(await this.evaluate(shrunk)));
        }
      }
    }
    simplex.sort((a, b) => a.f - b.f);
    return simplex[0];
  }
}

function converged(simplex: Vertex[], fTol: number, xTol: number): boolean {
  const fSpread = simplex[simplex.length - 1].f - simplex[0].f;
  const scale = Math.abs(simplex[0].f) + 1e-300;
  if (!(fSpread <= fTol * scale || fSpread <= fTol)) return false;
  const b = simplex[0].x;
  return simplex.every((v) => v.x.every((xj, j) => Math.abs(xj - b[j]) <= xTol));
}

/** Restarted descents from `from` until a restart no longer improves; the best vertex found. */
async function localSearch(m: Minimizer, from: Vertex, options: MinimizeOptions) {
  const size = options.simplexSize ?? 0.2;
  const fTol = options.fTolerance ?? 1e-8;
  let best = from;
  let round = 0;
  for (; !m.exhausted(); round++) {
    const previous = best.f;
    const points = simplexAround(best.x, size);
    best = await m.descend([best, ...(await m.evaluate(points.slice(1)))]);
    if (round > 0 && !(best.f < previous - fTol * (Math.abs(previous) + 1e-300))) break;
    if (round >= (options.maxRestarts ?? 6)) break;
  }
  return { best, restarts: round };
}

/** Whether x lies within `radius` (in every coordinate) of one of the points. */
const near = (x: number[], points: number[][], radius: number) =>
  points.some((p) => p.every((pj, j) => Math.abs(pj - x[j]) <= radius));

/** The best points, skipping any within SEPARATION of one taken (and of `taken`), up to `count`. */
function distinctBest(vertices: Vertex[], count: number, taken: number[][] = []): Vertex[] {
  const out: Vertex[] = [];
  for (const v of [...vertices].sort((a, b) => a.f - b.f)) {
    if (out.length >= count) break;
    if (!near(v.x, [...taken, ...out.map((o) => o.x)], SEPARATION)) out.push(v);
  }
  return out;
}

/** Short descents from the design's best distinct points: their ends, best first. */
async function screen(m: Minimizer, starts: Vertex[], options: MinimizeOptions, dim: number) {
  const each = options.screenEvaluations ?? 15 * dim;
  const ends: Vertex[] = [];
  for (const start of distinctBest(starts, options.screenStarts ?? 6)) {
    if (m.exhausted()) break;
    m.limit = m.evaluations + each;
    const simplex = simplexAround(start.x, options.simplexSize ?? 0.2).slice(1);
    ends.push(await m.descend([start, ...(await m.evaluate(simplex))]));
    m.limit = m.budget;
  }
  return ends.sort((a, b) => a.f - b.f);
}

/**
 * Minimises f over the unit cube [0, 1]^dim: a Latin-hypercube design, short screening descents from its
 * best distinct points, then full local searches from the screened ends (best first) and from the other
 * design points away from the optima found so far, until the budget is spent (several basins: a model's
 * parameters often trade off against each other).
 */
export async function minimizeInUnitCube(
  f: BatchFunction,
  dim: number,
  options: MinimizeOptions,
): Promise<MinimizeResult> {
  const budget = options.maxEvaluations ?? 200 * dim;
  const m = new Minimizer(f, options, budget);
  const designPoints = options.designPoints ?? Math.max(4 * dim, Math.floor(budget / 5));
  const design = latinHypercube(designPoints, dim, options.random);
  const centre = new Array<number>(dim).fill(0.5);
  const starts = await m.evaluate([centre, ...(options.start ? [options.start] : []), ...design]);
  const screened = await screen(m, starts, options, dim);
  const optima: number[][] = [];
  let restarts = 0;
  for (const start of [...screened, ...starts.sort((a, b) => a.f - b.f)]) {
    if (m.exhausted()) break;
    if (near(start.x, optima, SEPARATION)) continue;
    const local = await localSearch(m, start, options);
    optima.push(local.best.x);
    restarts += local.restarts + (optima.length > 1 ? 1 : 0);
  }
  return { x: m.best.x, value: m.best.f, evaluations: m.evaluations, restarts };
}
