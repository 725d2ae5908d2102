// The storage adapters against local disk and a real S3-compatible server (s3rver over HTTP).
import { randomUUID } from 'node:crypto';
import test from 'ava';
import { loadConfig } from '../../src/config.js';
import { createLocalStorage } from '../../src/service/storage/local.js';
import { createStorage, type Storage } from '../../src/service/storage/index.js';
import { startS3, tempDir } from '../../tools/harness/services.js';

const files = [
  { name: 'precipitation.png', contentType: 'image/png', bytes: new Uint8Array([137, 80, 78, 71, 1, 2, 3]) },
  {
    name: 'results.csv',
    contentType: 'text/csv; charset=utf-8',
    bytes: new TextEncoder().encode('t,x\n0,1\n'),
  },
];

async function readAll(storage: Storage, jobId: string, name: string): Promise<Uint8Array | undefined> {
  const url = await storage.presignedUrl(jobId, name);
  if (url) {
    const response = await fetch(url);
    return response.ok ? new Uint8Array(await response.arrayBuffer()) : undefined;
  }
  const opened = await storage.open(jobId, name);
  if (!opened) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of opened.body) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

async function exercise(t: import('ava').ExecutionContext, storage: Storage) {
  const a = randomUUID();
  const b = randomUUID();
  await storage.check(AbortSignal.timeout(5000));
  await storage.putFiles(a, files);
  t.deepEqual(await readAll(storage, a, 'precipitation.png'), files[0].bytes);
  t.deepEqual(await readAll(storage, a, 'results.csv'), files[1].bytes);
  const opened = await storage.open(a, 'results.csv');
  t.deepEqual(opened && new Uint8Array(Buffer.concat(await opened.body.toArray())), files[1].bytes);
  t.is(await storage.open(b, 'results.csv'), undefined);
  await storage.deleteFiles(a);
  t.is(await readAll(storage, a, 'precipitation.png'), undefined);
  await storage.deleteFiles(a);
  await t.throwsAsync(storage.putFiles('../escape', files));
  await t.throwsAsync(storage.putFiles(b, [{ ...files[0], name: '../x.png' }]));
}

test('local disk: put, read, delete; unsafe names refused', async (t) => {
  const dir = await tempDir('storage');
  try {
    const storage = createLocalStorage(dir.path);
    await exercise(t, storage);
    const opened = await storage.open(randomUUID(), 'precipitation.png');
    t.is(opened, undefined);
  } finally {
    await dir.remove();
  }
});

test('S3 (s3rver): put, presigned download, read, delete; a missing bucket fails the check', async (t) => {
  const s3 = await startS3();
  try {
    const storage = createStorage(loadConfig({ ...s3.env, DATA_DIR: '/nonexistent' }).storage);
    t.is(storage.kind, 's3');
    await exercise(t, storage);
    const url = await storage.presignedUrl(randomUUID(), 'results.csv');
    t.regex(url ?? '', /X-Amz-Signature=/);
    storage.close();
    const wrong = createStorage(loadConfig({ ...s3.env, S3_BUCKET: 'no-such-bucket' }).storage);
    await t.throwsAsync(wrong.check(AbortSignal.timeout(5000)));
    wrong.close();
  } finally {
    await s3.close();
  }
});
