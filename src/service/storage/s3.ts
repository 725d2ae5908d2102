// Result files in S3-compatible storage (DigitalOcean Spaces, AWS, MinIO, s3rver): private objects under
// simulations/{job_id}/, handed out as presigned GET URLs.
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Readable } from 'node:stream';
import type { StorageConfig } from '../../config.js';
import { fileKey, jobPrefix, type Storage } from './types.js';

type S3Config = Extract<StorageConfig, { kind: 's3' }>;

export function createS3Storage(config: S3Config): Storage {
  const client = new S3Client({
    endpoint: config.endpoint,
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    // Spaces and most S3-compatible servers do not take the SDK's default streaming checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  });
  const Bucket = config.bucket;
  const key = fileKey;

  return {
    kind: 's3',
    async putFiles(jobId, files) {
      await Promise.all(
        files.map((f) =>
          client.send(
            new PutObjectCommand({
              Bucket,
              Key: key(jobId, f.name),
              Body: f.bytes,
              ContentType: f.contentType,
            }),
          ),
        ),
      );
    },
    async deleteFiles(jobId) {
      const Prefix = jobPrefix(jobId);
      for (;;) {
        const listed = await client.send(new ListObjectsV2Command({ Bucket, Prefix }));
        const objects = (listed.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
        if (objects.length === 0) return;
        await client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: objects, Quiet: true } }));
        if (!listed.IsTruncated) return;
      }
    },
    async presignedUrl(jobId, name) {
      const command = new GetObjectCommand({ Bucket, Key: key(jobId, name) });
      return getSignedUrl(client, command, { expiresIn: config.presignExpirySeconds });
    },
    async open(jobId, name) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: key(jobId, name) }));
        if (!(object.Body instanceof Readable)) return undefined;
        return {
          body: object.Body,
          contentType: object.ContentType ?? 'application/octet-stream',
          sizeBytes: object.ContentLength ?? 0,
        };
      } catch (error) {
        if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
    async check(signal) {
      await client.send(new HeadBucketCommand({ Bucket }), { abortSignal: signal });
    },
    close() {
      client.destroy();
    },
  };
}
