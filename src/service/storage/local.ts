// Result files on local disk: DATA_DIR/results/simulations/{job_id}/{name}, served by the API itself.
import { createReadStream } from 'node:fs';
import { access, constants, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { contentTypeOf, fileKey, isSafeFileName, isSafeJobId, jobPrefix, type Storage } from './types.js';

export function createLocalStorage(dir: string): Storage {
  const path = (jobId: string, name: string) => join(dir, fileKey(jobId, name));
  return {
    kind: 'local',
    async putFiles(jobId, files) {
      for (const file of files) {
        const target = path(jobId, file.name);
        await mkdir(dirname(target), { recursive: true });
        const temporary = `${target}.${process.pid}.tmp`;
        await writeFile(temporary, file.bytes);
        await rename(temporary, target);
      }
    },
    async deleteFiles(jobId) {
      await rm(join(dir, jobPrefix(jobId)), { recursive: true, force: true });
    },
    async presignedUrl() {
      return undefined;
    },
    async open(jobId, name) {
      if (!isSafeJobId(jobId) || !isSafeFileName(name)) return undefined;
      const file = path(jobId, name);
      try {
        const info = await stat(file);
        return { body: createReadStream(file), contentType: contentTypeOf(name), sizeBytes: info.size };
      } catch {
        return undefined;
      }
    },
    async check() {
      await mkdir(dir, { recursive: true });
      await access(dir, constants.W_OK);
    },
    close() {},
  };
}
