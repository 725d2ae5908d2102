// A small HTTP client for the API tests (fetch, JSON in and out).
import { request as httpRequest } from 'node:http';

export interface Reply<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface Client {
  base: string;
  request<T = Record<string, unknown>>(
    method: string,
    path: string,
    init?: { body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<Reply<T>>;
  get<T = Record<string, unknown>>(path: string, headers?: Record<string, string>): Promise<Reply<T>>;
  post<T = Record<string, unknown>>(
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<Reply<T>>;
  delete<T = Record<string, unknown>>(path: string): Promise<Reply<T>>;
}

export function client(base: string, apiKey?: string): Client {
  const auth: Record<string, string> = apiKey ? { Authorization: `Bearer ${apiKey}` } : {};
  const request: Client['request'] = async (method, path, init = {}) => {
    const hasBody = init.body !== undefined || init.raw !== undefined;
    const response = await fetch(path.startsWith('http') ? path : `${base}${path}`, {
      method,
      redirect: 'manual',
      headers: { ...auth, ...(hasBody ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
      body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
    });
    const text = await response.text();
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return { status: response.status, headers: response.headers, body: body as never, text };
  };
  return {
    base,
    request,
    get: (path, headers) => request('GET', path, { headers }),
    post: (path, body, headers) => request('POST', path, { body, headers }),
    delete: (path) => request('DELETE', path),
  };
}

/** Polls GET /jobs/{id} until the job is finished (or timeoutMs passes). */
export async function waitForJob(
  api: Client,
  id: string,
  timeoutMs = 120_000,
  pollMs = 250,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reply = await api.get(`/api/v1/jobs/${id}`);
    const status = reply.body?.status;
    if (status === 'completed' || status === 'failed' || status === 'cancelled') return reply.body;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${String(status)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/**
 * One request with the path sent exactly as given (fetch would resolve `.`, `..` and some encodings first);
 * rejects when the connection closes without an answer.
 */
export function rawRequest(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(base, { method, path, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}
