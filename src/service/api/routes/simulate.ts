// POST /simulate (answers with the result when it is ready within SYNC_WAIT_SECONDS; woken by a
// notification when the job finishes, see notify.ts) and
// POST /simulate/async (always 202).
import {
  EXAMPLE_REQUEST,
  requestSchema,
  validateRequest,
  type SimulationRequest,
} from '../../../request/index.js';
import { UNFINISHED, type JobRow } from '../../db/rows.js';
import { waitForFinish, type JobWaiter, type WaitedRow } from '../../notify.js';
import { baseUrl, waitStops, type AppDeps } from '../deps.js';
import type { AppContext } from '../middleware.js';
import { badRequest } from '../problem.js';
import type { RouteSpec } from '../route.js';
import { acceptedSchema, jobSchema, problem } from '../schemas.js';
import { createEstimator, submit } from '../submit.js';
import { jobPath, jobViewText } from '../views.js';

interface Checked {
  submitted: unknown;
  request: SimulationRequest;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

function idempotencyKey(ctx: AppContext): string | undefined {
  const key = ctx.get('Idempotency-Key');
  if (key === '') return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw badRequest({
      in: 'header',
      pointer: 'Idempotency-Key',
      detail: 'must be 1 to 255 visible ASCII characters',
    });
  }
  return key;
}

/** Prefer: respond-async, and wait=N (RFC 7240). */
function preferences(ctx: AppContext): { async: boolean; waitSeconds?: number } {
  const tokens = ctx
    .get('Prefer')
    .toLowerCase()
    .split(/[,;]/)
    .map((t) => t.trim());
  const wait = tokens.map((t) => /^wait\s*=\s*(\d+)$/.exec(t)?.[1]).find((v) => v !== undefined);
  return {
    async: tokens.includes('respond-async'),
    waitSeconds: wait === undefined ? undefined : Number(wait),
  };
}

export function simulateRoutes(deps: AppDeps): RouteSpec[] {
  const estimate = createEstimator(deps.db);
  const body = {
    schema: requestSchema as unknown as Record<string, unknown>,
    example: EXAMPLE_REQUEST,
    check: (value: unknown) => {
      const checked = validateRequest(value, {
        maxSimulationHours: deps.settings.maxSimulationHours,
        maxSteps: deps.settings.engineLimits?.maxSteps,
      });
      return checked.ok
        ? { ok: true as const, value: { submitted: value, request: checked.request } }
        : checked;
    },
  };
  const accept = async (ctx: AppContext, beforeInsert?: (jobId: string) => void) => {
    const { submitted, request } = ctx.state.body as Checked;
    const accepted = await submit(deps, {
      owner: ctx.state.owner,
      submitted,
      request,
      idempotencyKey: idempotencyKey(ctx),
      beforeInsert,
    });
    if (accepted.replayed) ctx.set('Idempotent-Replayed', 'true');
    const seconds = await estimate(request.simulation_time_hours);
    return { ...accepted, seconds };
  };
  const pending = (ctx: AppContext, job: JobRow, seconds: number) => {
    ctx.status = 202;
    ctx.set('Location', jobPath(job.id));
    if (UNFINISHED.includes(job.status))
      ctx.set('Retry-After', String(Math.min(Math.max(1, Math.ceil(seconds / 2)), 10)));
  };
  const headers = [
    {
      name: 'Idempotency-Key',
      description: 'repeat a request safely: same key and body, same job',
      schema: { type: 'string' },
    },
  ];
  return [
    {
      method: 'post',
      path: '/simulate',
      operationId: 'simulate',
      summary: 'Run a simulation; answers with the result when it finishes within SYNC_WAIT_SECONDS',
      description:
        'Otherwise 202 with the job and Location. `Prefer: respond-async` always gets 202; `Prefer: wait=N` waits at most N s.',
      headers: [
        ...headers,
        { name: 'Prefer', description: 'respond-async, or wait=N', schema: { type: 'string' } },
      ],
      body,
      responses: {
        200: { description: 'the finished job (completed, failed or cancelled)', schema: jobSchema },
        202: { description: 'accepted; follow Location', schema: jobSchema },
        415: problem('the body is not JSON'),
        422: problem('the request is invalid; errors name each field'),
      },
      handler: async (ctx) => {
        const prefer = preferences(ctx);
        const waitSeconds = prefer.async
          ? 0
          : Math.min(prefer.waitSeconds ?? Infinity, deps.settings.syncWaitSeconds);
        // A new job's notification is waited for from before its row exists: no read of the row it wrote.
        let registered: { jobId: string; waiter: JobWaiter } | undefined;
        const register = (jobId: string) => (registered = { jobId, waiter: deps.notifier.next(jobId) });
        let waited: WaitedRow;
        try {
          const { job, seconds } = await accept(ctx, waitSeconds > 0 ? register : undefined);
          if (prefer.async) ctx.set('Preference-Applied', 'respond-async');
          const stop = waitStops(deps, ctx);
          const fresh = registered?.jobId === job.id ? registered.waiter : undefined;
          waited =
            waitSeconds > 0
              ? await waitForFinish(deps.db, deps.notifier, job, waitSeconds * 1000, stop, fresh)
              : { row: job, resultsText: null };
          if (UNFINISHED.includes(waited.row.status)) pending(ctx, waited.row, seconds);
        } finally {
          registered?.waiter.cancel(); // a replayed or cached job is another id's
        }
        const { row, resultsText } = waited;
        ctx.type = 'application/json';
        ctx.body = await jobViewText(row, resultsText, deps.storage, baseUrl(deps, ctx));
      },
    },
    {
      method: 'post',
      path: '/simulate/async',
      operationId: 'simulateAsync',
      summary: 'Queue a simulation and answer at once with its id',
      headers,
      body,
      responses: {
        202: { description: 'accepted; follow Location', schema: acceptedSchema },
        415: problem('the body is not JSON'),
        422: problem('the request is invalid; errors name each field'),
      },
      handler: async (ctx) => {
        const { job, seconds } = await accept(ctx);
        pending(ctx, job, seconds);
        ctx.body = {
          job_id: job.id,
          status: job.status,
          created_at: job.created_at,
          estimated_duration_seconds: job.status === 'completed' ? 0 : seconds,
          ...(job.cached_from ? { cached: true } : {}),
        };
      },
    },
  ];
}
