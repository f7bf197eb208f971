import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/helpers/temp-dir';
import { createMemoryLogger } from '../logger';
import { createMediaServer, type MediaResponse } from './media-server';

const tempDir = useTempDirs('handover-media-');
const never = new AbortController().signal;

/** A file whose every byte differs from its neighbours', so an off-by-one shows. */
function patternFile(size: number): { file: string; bytes: Buffer } {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i += 1) bytes[i] = (i * 7 + (i >> 8)) & 0xff;
  const file = path.join(tempDir(), 'clip 1.mp4');
  fs.writeFileSync(file, bytes);
  return { file, bytes };
}

async function bodyOf(response: MediaResponse): Promise<Buffer> {
  if (response.body === null) return Buffer.alloc(0);
  if (Buffer.isBuffer(response.body)) return response.body;
  const chunks: Buffer[] = [];
  for await (const chunk of response.body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('media server', () => {
  it('serves a file whole, with its length and accept-ranges, behind an unguessable token', async () => {
    const { file, bytes } = patternFile(100_000);
    const media = createMediaServer();
    const url = media.urlForFile({ absPath: file, contentType: 'video/mp4' });
    expect(url).toMatch(/^\/media\/[\w-]{43}$/);
    expect(url).not.toContain('clip');
    const response = (await media.handle({ method: 'GET', urlPath: url, range: undefined, signal: never }))!;
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({ 'content-type': 'video/mp4', 'accept-ranges': 'bytes', 'content-length': '100000', 'x-content-type-options': 'nosniff' });
    expect((await bodyOf(response)).equals(bytes)).toBe(true);
  });

  it('serves exactly the bytes of each range form, and 416 past the end', async () => {
    const { file, bytes } = patternFile(70_001);
    const media = createMediaServer();
    const url = media.urlForFile({ absPath: file, contentType: 'video/mp4' });
    const cases: [string, number, number][] = [
      ['bytes=0-0', 0, 0],
      ['bytes=1000-65535', 1000, 65535],
      ['bytes=69000-', 69000, 70000],
      ['bytes=-10', 69991, 70000],
      ['bytes=70000-99999', 70000, 70000],
    ];
    for (const [range, start, end] of cases) {
      const response = (await media.handle({ method: 'GET', urlPath: url, range, signal: never }))!;
      expect(response.status, range).toBe(206);
      expect(response.headers['content-range']).toBe(`bytes ${start}-${end}/70001`);
      expect(response.headers['content-length']).toBe(String(end - start + 1));
      expect((await bodyOf(response)).equals(bytes.subarray(start, end + 1)), range).toBe(true);
    }
    const unsatisfiable = (await media.handle({ method: 'GET', urlPath: url, range: 'bytes=70001-', signal: never }))!;
    expect(unsatisfiable.status).toBe(416);
    expect(unsatisfiable.headers['content-range']).toBe('bytes */70001');
  });

  it('answers HEAD with the headers and no body', async () => {
    const { file } = patternFile(5000);
    const media = createMediaServer();
    const url = media.urlForFile({ absPath: file, contentType: 'video/mp4' });
    const head = (await media.handle({ method: 'HEAD', urlPath: url, range: 'bytes=100-199', signal: never }))!;
    expect(head).toMatchObject({ status: 206, body: null });
    expect(head.headers['content-length']).toBe('100');
  });

  it('reuses the token for the same file and type, and forgets the least recently used past its cap', async () => {
    const { file } = patternFile(10);
    const media = createMediaServer({ maxEntries: 2 });
    const first = media.urlForFile({ absPath: file, contentType: 'video/mp4' });
    expect(media.urlForFile({ absPath: file, contentType: 'video/mp4' })).toBe(first);
    expect(media.urlForFile({ absPath: file, contentType: 'video/x-matroska' })).not.toBe(first);
    media.urlForFile({ absPath: `${file}.other`, contentType: 'video/mp4' });
    expect(media.size).toBe(2);
    const expired = (await media.handle({ method: 'GET', urlPath: first, range: undefined, signal: never }))!;
    expect(expired.status).toBe(404);
  });

  it('says 404 for unknown tokens, 410 for a file that has gone, null for paths that are not media', async () => {
    const { file } = patternFile(10);
    const media = createMediaServer();
    const url = media.urlForFile({ absPath: file, contentType: 'video/mp4' });
    for (const urlPath of ['/media/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '/media/short', '/media/', `${url}/x`]) {
      const response = (await media.handle({ method: 'GET', urlPath, range: undefined, signal: never }))!;
      expect(response.status, urlPath).toBe(404);
      expect(response.headers['content-type']).toContain('text/plain');
    }
    expect(await media.handle({ method: 'GET', urlPath: '/index.html', range: undefined, signal: never })).toBeNull();
    fs.rmSync(file);
    const gone = (await media.handle({ method: 'GET', urlPath: url, range: undefined, signal: never }))!;
    expect(gone.status).toBe(410);
    expect((await bodyOf(gone)).toString()).toMatch(/plugged in/);
    expect((await media.handle({ method: 'POST', urlPath: url, range: undefined, signal: never }))!.status).toBe(405);
  });

  it('opens a proxy per request, without length or ranges, and stops it when the body is destroyed or on close', async () => {
    const media = createMediaServer({ logger: createMemoryLogger() });
    const signals: AbortSignal[] = [];
    const url = media.registerProxy({
      key: 'k',
      contentType: 'video/mp4',
      open: ({ signal }) => {
        signals.push(signal);
        const stream = new PassThrough();
        stream.write('moov');
        return Promise.resolve(stream);
      },
    });
    const head = (await media.handle({ method: 'HEAD', urlPath: url, range: undefined, signal: never }))!;
    expect(head).toMatchObject({ status: 200, body: null });
    expect(signals).toHaveLength(0);

    const first = (await media.handle({ method: 'GET', urlPath: url, range: 'bytes=0-', signal: never }))!;
    expect(first.status).toBe(200);
    expect(first.headers['content-length']).toBeUndefined();
    expect(first.headers['accept-ranges']).toBe('none');
    (first.body as Readable).destroy();
    await new Promise((resolve) => setImmediate(resolve));
    expect(signals[0]?.aborted).toBe(true);

    const second = (await media.handle({ method: 'GET', urlPath: url, range: undefined, signal: never }))!;
    expect(signals[1]?.aborted).toBe(false);
    media.close();
    expect(signals[1]?.aborted).toBe(true);
    (second.body as Readable).destroy();
    expect((await media.handle({ method: 'GET', urlPath: url, range: undefined, signal: never }))!.status).toBe(503);
  });

  it('answers a thumbnail from the file it produces, and a failure in plain text', async () => {
    const { file, bytes } = patternFile(300);
    const media = createMediaServer({ logger: createMemoryLogger() });
    const ok = media.registerThumbnail({ key: 'a', produce: () => Promise.resolve(file) });
    const response = (await media.handle({ method: 'GET', urlPath: ok, range: undefined, signal: never }))!;
    expect(response.headers['content-type']).toBe('image/jpeg');
    expect((await bodyOf(response)).equals(bytes)).toBe(true);
    const broken = media.registerThumbnail({ key: 'b', produce: () => Promise.reject(new Error('boom')) });
    const failed = (await media.handle({ method: 'GET', urlPath: broken, range: undefined, signal: never }))!;
    expect(failed.status).toBe(500);
    expect((await bodyOf(failed)).toString()).not.toContain('boom');
  });
});
