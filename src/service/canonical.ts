// Canonical JSON (object keys sorted, no whitespace) and hashes of it: the identity of a request for the
// result cache and for Idempotency-Key comparisons.
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The result-cache key: the normalized request with the engine's version and its database's hash. */
export function cacheKey(request: unknown, engineVersion: string, databaseSha256: string): string {
  return sha256Hex(
    canonicalJson({ request, engine_version: engineVersion, database_sha256: databaseSha256 }),
  );
}
