import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../test/helpers/temp-dir';
import { createMediaServer } from '../services/playback/media-server';
import { serveAppRequest } from './protocol';

const tempDir = useTempDirs('handover-protocol-');

/** The app:// handler runs in Electron's main process, but takes and returns plain web Requests and Responses. */
describe('app:// protocol', () => {
  it('answers /media/ through the media server, with ranges, and other paths from the renderer folder', async () => {
    const rendererDir = tempDir();
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Handover</title>');
    const file = path.join(tempDir(), 'clip.mp4');
    fs.writeFileSync(file, Buffer.from('abcdefghij'));
    const media = createMediaServer();
    const url = media.urlForFile({ absPath: file, contentType: 'video/mp4' });

    const ranged = await serveAppRequest({ request: new Request(`app://handover${url}`, { headers: { range: 'bytes=-3' } }), rendererDir, media });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe('bytes 7-9/10');
    expect(await ranged.text()).toBe('hij');
    const unknown = await serveAppRequest({ request: new Request(`app://handover/media/${'B'.repeat(43)}`), rendererDir, media });
    expect(unknown.status).toBe(404);
    const notYet = await serveAppRequest({ request: new Request(`app://handover${url}`), rendererDir, media: null });
    expect(notYet.status).toBe(503);
    const page = await serveAppRequest({ request: new Request('app://handover/index.html'), rendererDir, media });
    expect(page.headers.get('content-security-policy')).toContain("media-src 'self'");
  });

  it('stops a proxy when the page cancels its stream', async () => {
    const media = createMediaServer();
    let stopped: AbortSignal | null = null;
    const url = media.registerProxy({
      key: 'k',
      contentType: 'video/mp4',
      open: ({ signal }) => {
        stopped = signal;
        const stream = new PassThrough();
        stream.write(Buffer.from('ftyp'));
        return Promise.resolve(stream);
      },
    });
    const response = await serveAppRequest({ request: new Request(`app://handover${url}`), rendererDir: tempDir(), media });
    const reader = response.body!.getReader();
    expect((await reader.read()).value).toBeDefined();
    await reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((stopped as AbortSignal | null)?.aborted).toBe(true);
  });
});
