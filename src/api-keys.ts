// API keys are kept only as SHA-256 hashes; a presented key is hashed and compared with every known hash
// in constant time. The owner of a job is the key's id (a prefix of its hash), never the key itself.
import { createHash, timingSafeEqual } from 'node:crypto';

export interface ApiKey {
  /** Stable owner id stored with each job, e.g. key_3f2a9c01d4e5b6a7. */
  id: string;
  hash: Buffer;
}

/** The owner of every job when API keys are off. */
export const ANONYMOUS_OWNER = 'anonymous';

export function hashApiKey(key: string): ApiKey {
  const hash = createHash('sha256').update(key, 'utf8').digest();
  return { id: `key_${hash.subarray(0, 8).toString('hex')}`, hash };
}

/** The key matching `presented`, or undefined; looks at every key whatever matches, in constant time each. */
export function findApiKey(keys: readonly ApiKey[], presented: string): ApiKey | undefined {
  const hash = createHash('sha256').update(presented, 'utf8').digest();
  let found: ApiKey | undefined;
  for (const key of keys) if (timingSafeEqual(key.hash, hash)) found = key;
  return found;
}
