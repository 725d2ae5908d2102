// Where result files live: S3-compatible object storage or local disk, behind one interface.
import type { Readable } from 'node:stream';
import type { ResultFile } from '../../output/index.js';

export { contentTypeOf } from '../../output/index.js';
export type { ResultFile };

export interface OpenedFile {
  body: Readable;
  contentType: string;
  sizeBytes: number;
}

export interface Storage {
  kind: 's3' | 'local';
  /** Stores a job's files (overwriting an earlier attempt's). */
  putFiles(jobId: string, files: ResultFile[]): Promise<void>;
  /** Removes every file of a job; no error when there are none. */
  deleteFiles(jobId: string): Promise<void>;
  /** A time-limited URL anyone holding it can download from (S3), or undefined (local: the API serves it). */
  presignedUrl(jobId: string, name: string): Promise<string | undefined>;
  /** The file's bytes as a stream, or undefined when absent. */
  open(jobId: string, name: string): Promise<OpenedFile | undefined>;
  /** Throws when the storage cannot be written or reached. */
  check(signal: AbortSignal): Promise<void>;
  close(): void;
}

/** File names are produced by the renderer; anything else (paths, dots) is refused before touching storage. */
export function isSafeFileName(name: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9]+$/.test(name);
}

/** Job ids are UUIDs; checked again here so that no path or key is ever built from anything else. */
export function isSafeJobId(jobId: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(jobId);
}

/** The object key (S3) or relative path (disk) of a job's file; throws on an unsafe id or name. */
export function fileKey(jobId: string, name: string): string {
  if (!isSafeJobId(jobId)) throw new Error(`unsafe job id '${jobId}'`);
  if (!isSafeFileName(name)) throw new Error(`unsafe file name '${name}'`);
  return `simulations/${jobId}/${name}`;
}

export function jobPrefix(jobId: string): string {
  if (!isSafeJobId(jobId)) throw new Error(`unsafe job id '${jobId}'`);
  return `simulations/${jobId}/`;
}
