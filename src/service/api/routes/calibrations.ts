// Calibrations (issue 21): POST /calibrations (async: one job that fits the parameters, then samples their
// posterior), GET /calibrations/{id} (status and progress), GET /calibrations/{id}/results (the CLI's
// --json document), DELETE /calibrations/{id} (cancels: the sampler stops at its next step; or deletes a
// finished one). A calibration counts as its planned engine runs against the caller's rate limit.
import { checkCalibration, plannedRuns, type CalibrationPlan } from '../../../calibrate/document.js';
import { calibrationSchema } from '../../../request/calibration-schema.js';
import * as calibrations from '../../db/calibrations.js';
import { UNFINISHED } from '../../db/rows.js';
import { isSafeJobId } from '../../storage/types.js';
import { submitCalibration } from '../../calibrations/submit.js';
import { calibrationPath, calibrationView } from '../../calibrations/views.js';
import { calibrationResultsSchema, calibrationSchemaOut } from '../calibration-schemas.js';
import { baseUrl, type AppDeps } from '../deps.js';
import type { AppContext } from '../middleware.js';
import { conflict, notFound } from '../problem.js';
import type { RouteSpec } from '../route.js';
import { problem } from '../schemas.js';
import { chargeRuns } from './sweeps.js';

const idParam = { type: 'object', properties: { id: { type: 'string', format: 'uuid' } } };

async function owned(deps: AppDeps, ctx: AppContext): Promise<calibrations.CalibrationRow> {
  const id = String((ctx as unknown as { params: Record<string, string> }).params.id ?? '');
  const row = isSafeJobId(id) ? await calibrations.getCalibration(deps.db, id) : undefined;
  if (!row || row.owner !== ctx.state.owner) throw notFound(`no calibration with id '${id}'`);
  return row;
}

/** The document checked as the CLI checks it, then its planned runs against CALIBRATION_MAX_RUNS. */
function check(deps: AppDeps) {
  const limits = {
    maxSimulationHours: deps.settings.maxSimulationHours,
    maxSteps: deps.settings.engineLimits?.maxSteps,
  };
  return (value: unknown) => {
    const checked = checkCalibration(value, limits);
    if (!checked.ok) return checked;
    const runs = plannedRuns(checked.plan);
    const max = deps.settings.calibrationMaxRuns;
    if (max !== undefined && runs > max) {
      const message = `asks for up to ${runs} engine runs; this service runs at most ${max} per calibration (CALIBRATION_MAX_RUNS)`;
      return { ok: false as const, issues: [{ path: '/method', message }] };
    }
    return { ok: true as const, value: { document: value, plan: checked.plan } };
  };
}

function submitRoute(deps: AppDeps): RouteSpec {
  return {
    method: 'post',
    path: '/calibrations',
    operationId: 'createCalibration',
    summary: 'Start a calibration: fit parameters to measured ageing curves, then sample their posterior',
    description:
      'Runs in a worker. A calibration counts as its planned engine runs against the per-key rate limit. Follow Location for progress; the results are the CLI’s `precipitate calibrate --json` document.',
    body: {
      schema: calibrationSchema as unknown as Record<string, unknown>,
      check: check(deps),
    },
    responses: {
      202: { description: 'accepted; follow Location', schema: calibrationSchemaOut },
      415: problem('the body is not JSON'),
      422: problem('the calibration is invalid; errors name the field by JSON pointer (or too many runs)'),
      429: {
        ...problem("too many requests, or the calibration's runs exceed what is left of the caller's budget"),
        headers: { 'Retry-After': 'seconds to wait before trying again' },
      },
    },
    handler: async (ctx) => {
      const { document, plan } = ctx.state.body as { document: unknown; plan: CalibrationPlan };
      const runs = plannedRuns(plan);
      await chargeRuns(deps, ctx, runs, '/method');
      const row = await submitCalibration(deps, { owner: ctx.state.owner, document, plannedRuns: runs });
      ctx.status = 202;
      ctx.set('Location', calibrationPath(row.id));
      ctx.body = calibrationView(row, baseUrl(deps, ctx));
    },
  };
}

export function calibrationRoutes(deps: AppDeps): RouteSpec[] {
  return [
    submitRoute(deps),
    {
      method: 'get',
      path: '/calibrations/:id',
      operationId: 'getCalibration',
      summary:
        'A calibration: status and progress (evaluations or sampler steps done, runs, best fit so far)',
      params: idParam,
      responses: {
        200: { description: 'the calibration', schema: calibrationSchemaOut },
        404: problem('no such calibration'),
      },
      handler: async (ctx) => {
        ctx.body = calibrationView(await owned(deps, ctx), baseUrl(deps, ctx));
      },
    },
    {
      method: 'get',
      path: '/calibrations/:id/results',
      operationId: 'getCalibrationResults',
      summary: "A completed calibration's result: best fit, posterior, fit per experiment (the CLI's --json)",
      params: idParam,
      responses: {
        200: { description: 'the result document', schema: calibrationResultsSchema },
        404: problem('no such calibration'),
        409: problem('the calibration is not completed; calibration_status says what it is'),
      },
      handler: async (ctx) => {
        const row = await owned(deps, ctx);
        if (row.status !== 'completed')
          throw conflict(
            `calibration ${row.id} is ${row.status}${row.error_message ? `: ${row.error_message}` : ''}`,
            { calibration_status: row.status },
          );
        ctx.body = row.result;
      },
    },
    {
      method: 'delete',
      path: '/calibrations/:id',
      operationId: 'deleteCalibration',
      summary: 'Cancel a pending or running calibration (its sampler stops); delete a finished one',
      params: idParam,
      responses: {
        200: { description: 'the calibration, now cancelled', schema: calibrationSchemaOut },
        204: { description: 'the finished calibration was deleted' },
        404: problem('no such calibration'),
      },
      handler: async (ctx) => {
        const row = await owned(deps, ctx);
        if (UNFINISHED.includes(row.status) && (await calibrations.cancelCalibration(deps.db, row.id))) {
          const now = (await calibrations.getCalibration(deps.db, row.id)) ?? row;
          ctx.body = calibrationView(now, baseUrl(deps, ctx));
          return;
        }
        await calibrations.deleteFinishedCalibration(deps.db, row.id);
        ctx.status = 204;
      },
    },
  ];
}
