// The page's client of the service's /api/v1 (same origin). The API key, when the service wants one, is
// kept in sessionStorage only (gone when the tab closes) and sent as Authorization: Bearer.

export const API_BASE = '/api/v1';
const KEY_ITEM = 'precipitate.apiKey';

export interface JobProgress {
  fraction: number;
  simulated_hours: number;
  steps: number;
}

export interface JobView {
  job_id: string;
  status: 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';
  created_at: string;
  started_at?: string | null;
  completed_at?: string | null;
  progress?: JobProgress | null;
  cached?: boolean;
  error?: string;
  /** The request as submitted (GET /jobs/{id} only, not in listings). */
  request?: unknown;
  results?: { summary: unknown; series: unknown; files: Record<string, string> };
}

export interface Accepted {
  job_id: string;
  status: JobView['status'];
  created_at: string;
  estimated_duration_seconds?: number;
}

/** An answer other than 2xx: its status and problem+json body (when it has one). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { title?: string; detail?: string; errors?: unknown[] } | undefined,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
  }
}

export interface KeyStore {
  get(): string | null;
  set(key: string): void;
  clear(): void;
}

export function sessionKeyStore(storage: Storage): KeyStore {
  return {
    get: () => storage.getItem(KEY_ITEM),
    set: (key) => storage.setItem(KEY_ITEM, key),
    clear: () => storage.removeItem(KEY_ITEM),
  };
}

export interface Api {
  submit(body: unknown): Promise<Accepted>;
  job(id: string): Promise<JobView>;
  /** Cancels an unfinished job (its view) or deletes a finished one (undefined). */
  remove(id: string): Promise<JobView | undefined>;
  list(limit: number): Promise<JobView[]>;
  /** Whether `url` is this API's own (needs the key) rather than, say, a presigned storage URL. */
  isOwnUrl(url: string): boolean;
  /** The bytes at one of the API's file URLs, fetched with the key. */
  blob(url: string): Promise<Blob>;
}

export function createApi(keys: KeyStore, origin: string, onUnauthorized: (e: ApiError) => void): Api {
  const headers = (json: boolean): Record<string, string> => {
    const key = keys.get();
    return {
      Accept: 'application/json',
      ...(json ? { 'Content-Type': 'application/json' } : {}),
      ...(key ? { Authorization: `Bearer ${key}` } : {}),
    };
  };
  const call = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const response = await fetch(path.startsWith('http') ? path : `${API_BASE}${path}`, {
      method,
      headers: headers(body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.ok) return response;
    const text = await response.text();
    let problem: ApiError['problem'];
    try {
      problem = text ? (JSON.parse(text) as ApiError['problem']) : undefined;
    } catch {
      problem = { detail: text.slice(0, 200) };
    }
    const error = new ApiError(response.status, problem);
    if (response.status === 401) onUnauthorized(error);
    throw error;
  };
  const json = async <T>(method: string, path: string, body?: unknown) =>
    (await (await call(method, path, body)).json()) as T;
  const isOwnUrl = (url: string) => {
    const parsed = new URL(url, origin);
    return parsed.origin === origin && parsed.pathname.startsWith(`${API_BASE}/`);
  };
  return {
    submit: (body) => json<Accepted>('POST', '/simulate/async', body),
    job: (id) => json<JobView>('GET', `/jobs/${encodeURIComponent(id)}`),
    async remove(id) {
      const response = await call('DELETE', `/jobs/${encodeURIComponent(id)}`);
      return response.status === 204 ? undefined : ((await response.json()) as JobView);
    },
    list: async (limit) => (await json<{ jobs: JobView[] }>('GET', `/jobs?limit=${limit}`)).jobs,
    isOwnUrl,
    async blob(url) {
      return (await call('GET', new URL(url, origin).href)).blob();
    },
  };
}
