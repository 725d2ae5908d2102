// The OpenAPI 3.1 document, built from the same route specs (and schemas) that the app validates with.
import { ENGINE_VERSION } from '../../engine/index.js';
import type { RouteSpec } from './route.js';
import { API_PREFIX } from './views.js';

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
    Object.entries(route.responses).map(([status, r]) => [
      status,
      {
        description: r.description,
        ...(r.schema || r.contentType
          ? { content: { [r.contentType ?? 'application/json']: { schema: r.schema ?? {} } } }
          : {}),
      },
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
