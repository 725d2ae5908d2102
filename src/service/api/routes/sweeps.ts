// Sweeps (issue 20): POST /sweeps (async: a sweep is a job owning its runs), GET /sweeps/{id} (progress
// and the table so far), GET /sweeps/{id}/results (JSON, or CSV), DELETE /sweeps/{id} (cancels every
// run, or deletes a finished sweep). A sweep counts as its number of runs against the caller's rate limit.
import { expandSweep, type ExpandedSweep } from '../../../request/sweep.js';
import { sweepSchema } from '../../../request/sweep-schema.js';
import { UNFINISHED } from '../../db/rows.js';
import type { SweepRow } from '../../db/sweep-rows.js';
import * as sweeps from '../../db/sweeps.js';
import { isSafeJobId } from '../../storage/types.js';
import { sweepCsv } from '../../../sweep/table.js';
import type { SweepRow as RunRow } from '../../../sweep/row.js';
import { joinRow } from '../../sweeps/rows.js';
import { submitSweep } from '../../sweeps/submit.js';
import { sweepPath, sweepResults, sweepView } from '../../sweeps/views.js';
import { baseUrl, type AppDeps } from '../deps.js';
import { rateClient, type AppContext } from '../middleware.js';
import { conflict, invalid, notFound, tooManyRequests } from '../problem.js';
import type { RouteSpec } from '../route.js';
import { problem } from '../schemas.js';
import { sweepResultsSchema, sweepSchemaOut } from '../sweep-schemas.js';

const idParam = { type: 'object', properties: { id: { type: 'string', format: 'uuid' } } };
const DEFAULT_CHUNK_RUNS = 4;

interface Checked {
  document: unknown;
  sweep: ExpandedSweep;
}

async function ownedSweep(deps: AppDeps, ctx: AppContext): Promise<SweepRow> {
  const id = String((ctx as unknown as { params: Record<string, string> }).params.id ?? '');
  const row = isSafeJobId(id) ? await sweeps.getSweep(deps.db, id) : undefined;
  if (!row || row.owner !== ctx.state.owner) throw notFound(`no sweep with id '${id}'`);
  return row;
}

/** Counts the sweep's runs against the caller's budget (the request itself was counted already). */
export async function chargeRuns(
  deps: AppDeps,
  ctx: AppContext,
  runs: number,
  pointer = '/axes',
): Promise<void> {
  if (runs <= 1) return;
  const client = rateClient(ctx);
  const decision = await deps.limiter.hit(client, runs - 1);
  if (decision.limit === 0 || decision.allowed) {
    if (decision.limit > 0) ctx.set('RateLimit-Remaining', String(decision.remaining));
    return;
  }
  await deps.limiter.hit(client, -(runs - 1));
  if (runs > decision.limit) {
    const detail = `give ${runs} runs; one API key may run at most ${decision.limit} per minute`;
    throw invalid([{ in: 'body', pointer, detail }]);
  }
  throw tooManyRequests(decision.retryAfterSeconds);
}

async function view(deps: AppDeps, ctx: AppContext, sweep: SweepRow) {
  const [runs, counts] = await Promise.all([
    sweeps.listRuns(deps.db, sweep.id),
    sweeps.runCounts(deps.db, sweep.id),
  ]);
  return sweepView(sweep, runs, counts, baseUrl(deps, ctx));
}

function submitRoute(deps: AppDeps): RouteSpec {
  const limits = {
    maxSimulationHours: deps.settings.maxSimulationHours,
    maxSteps: deps.settings.engineLimits?.maxSteps,
    maxRuns: deps.settings.sweepMaxRuns,
  };
  return {
    method: 'post',
    path: '/sweeps',
    operationId: 'createSweep',
    summary: 'Start a sweep: one simulation per combination of axis values, spread over the workers',
    description:
      'A sweep counts as its number of runs against the per-key rate limit. Follow Location for progress and the table so far.',
    body: {
      schema: sweepSchema as unknown as Record<string, unknown>,
      example: sweepSchema.examples[0],
      check: (value: unknown) => {
        const expanded = expandSweep(value, limits);
        return expanded.ok
          ? { ok: true as const, value: { document: value, sweep: expanded.sweep } }
          : expanded;
      },
    },
    responses: {
      202: { description: 'accepted; follow Location', schema: sweepSchemaOut },
      415: problem('the body is not JSON'),
      422: problem('the sweep is invalid; errors name the axis and the value (or too many runs)'),
      429: {
        ...problem(
          "too many requests, or the sweep's runs exceed what is left of the caller's budget this minute",
        ),
        headers: { 'Retry-After': 'seconds to wait before trying again' },
      },
    },
    handler: async (ctx) => {
      const { document, sweep } = ctx.state.body as Checked;
      await chargeRuns(deps, ctx, sweep.runs.length);
      const chunkRuns = deps.settings.sweepChunkRuns ?? DEFAULT_CHUNK_RUNS;
      const row = await submitSweep(deps, { owner: ctx.state.owner, document, sweep, chunkRuns });
      ctx.status = 202;
      ctx.set('Location', sweepPath(row.id));
      ctx.body = await view(deps, ctx, row);
    },
  };
}

export function sweepRoutes(deps: AppDeps): RouteSpec[] {
  return [
    submitRoute(deps),
    {
      method: 'get',
      path: '/sweeps/:id',
      operationId: 'getSweep',
      summary: 'A sweep: status, progress (runs done of total) and the table of finished runs so far',
      params: idParam,
      responses: { 200: { description: 'the sweep', schema: sweepSchemaOut }, 404: problem('no such sweep') },
      handler: async (ctx) => {
        ctx.body = await view(deps, ctx, await ownedSweep(deps, ctx));
      },
    },
    {
      method: 'get',
      path: '/sweeps/:id/results',
      operationId: 'getSweepResults',
      summary:
        "A finished sweep's rows with each run's curves (JSON), or the CLI's CSV table of its completed runs (?format=csv)",
      params: idParam,
      query: {
        type: 'object',
        additionalProperties: false,
        properties: { format: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
      },
      responses: {
        200: { description: 'the rows', schema: sweepResultsSchema },
        404: problem('no such sweep'),
        409: problem('the sweep is not finished; sweep_status says what it is'),
      },
      handler: async (ctx) => {
        const sweep = await ownedSweep(deps, ctx);
        if (UNFINISHED.includes(sweep.status))
          throw conflict(`sweep ${sweep.id} is ${sweep.status}; try again later`, {
            sweep_status: sweep.status,
          });
        const runs = await sweeps.listRuns(deps.db, sweep.id, true);
        if ((ctx.state.query as { format: string }).format === 'csv') {
          ctx.type = 'text/csv; charset=utf-8';
          const rows = runs.filter((r) => r.status === 'completed').map((r) => joinRow(r) as RunRow);
          ctx.body = sweepCsv(
            sweep.axes.map((a) => a.name),
            rows,
          );
        } else ctx.body = sweepResults(sweep, runs);
      },
    },
    {
      method: 'delete',
      path: '/sweeps/:id',
      operationId: 'deleteSweep',
      summary: 'Cancel a pending or running sweep (every run not yet finished); delete a finished one',
      params: idParam,
      responses: {
        200: { description: 'the sweep, now cancelled', schema: sweepSchemaOut },
        204: { description: 'the finished sweep was deleted' },
        404: problem('no such sweep'),
      },
      handler: async (ctx) => {
        const sweep = await ownedSweep(deps, ctx);
        if (UNFINISHED.includes(sweep.status) && (await sweeps.cancelSweep(deps.db, sweep.id))) {
          ctx.body = await view(deps, ctx, (await sweeps.getSweep(deps.db, sweep.id)) ?? sweep);
          return;
        }
        await sweeps.deleteFinishedSweep(deps.db, sweep.id);
        ctx.status = 204;
      },
    },
  ];
}
