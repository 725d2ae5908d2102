// The OpenAPI 3.1 document, built from the same route specs (and schemas) that the app validates with.
import { ENGINE_VERSION } from '../../engine/index.js';
import type { ResponseSpec, RouteSpec } from './route.js';
import { problem } from './schemas.js';
import { API_PREFIX } from './views.js';

const retryAfter = { 'Retry-After': 'seconds to wait before trying again' };

/** The answers any route can give besides its own: what the middleware in front of every handler does. */
function commonResponses(route: RouteSpec, secured: boolean): Record<number, ResponseSpec> {
  const keyed = secured && !route.public;
  const common: Record<number, ResponseSpec> = {
    400: problem('a query parameter given twice or not valid, or a bad header; errors name it'),
    429: {
      ...problem(keyed ? 'too many requests, or too many failed key checks from here' : 'too many requests'),
      headers: retryAfter,
    },
  };
  if (keyed) {
    common[401] = { ...problem('no API key, or not a valid one'), headers: { 'WWW-Authenticate': 'Bearer' } };
  }
  if (route.body) {
    common[413] = problem('the body is larger than 64 KiB');
    common[415] = problem('the body is not JSON');
  }
  if (!route.public) {
    common[503] = { ...problem('a dependency (database, queue, storage) is down'), headers: retryAfter };
  }
  return common;
}

function responseObject(r: ResponseSpec): Record<string, unknown> {
  return {
    description: r.description,
    ...(r.headers
      ? {
          headers: Object.fromEntries(
            Object.entries(r.headers).map(([name, description]) => [
              name,
              { description, required: true, schema: { type: 'string' } },
            ]),
          ),
        }
      : {}),
    ...(r.schema || r.contentType
      ? { content: { [r.contentType ?? 'application/json']: { schema: r.schema ?? {} } } }
      : {}),
  };
}

function operation(route: RouteSpec, secured: boolean): Record<string, unknown> {
  const pathNames = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
  const paramProps = (route.params?.properties ?? {}) as Record<string, unknown>;
  const queryProps = (route.query?.properties ?? {}) as Record<string, unknown>;
  const parameters = [
    ...pathNames.map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: paramProps[name] ?? { type: 'string' },
    })),
    ...Object.entries(queryProps).map(([name, schema]) => ({ name, in: 'query', required: false, schema })),
    ...(route.headers ?? []).map((h) => ({
      name: h.name,
      in: 'header',
      required: false,
      description: h.description,
      schema: h.schema,
    })),
  ];
  const responses = Object.fromEntries(
    Object.entries({ ...commonResponses(route, secured), ...route.responses }).map(([status, r]) => [
      status,
      responseObject(r),
    ]),
  );
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: route.body.schema,
                ...(route.body.example ? { example: route.body.example } : {}),
              },
            },
          },
        }
      : {}),
    responses,
    ...(route.public || !secured ? { security: [] } : {}),
  };
}

export function openApiDocument(routes: RouteSpec[], secured: boolean): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = `${API_PREFIX}${route.path.replace(/:(\w+)/g, '{$1}')}`;
    paths[path] = { ...paths[path], [route.method]: operation(route, secured) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'deepalloy-precipitate',
      version: ENGINE_VERSION,
      description:
        'Precipitation (KWN, CALPHAD-coupled) and strength of heat-treated Al-Mg-Si alloys. Errors are application/problem+json.',
    },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'an API key' } },
    },
    ...(secured ? { security: [{ bearer: [] }] } : {}),
  };
}
