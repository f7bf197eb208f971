import fs from 'node:fs';
import { Readable } from 'node:stream';
import { RENDERER_CSP, contentTypeFor, resolveStaticFile } from '../bridge/static-files';
import { MEDIA_PATH_PREFIX, type MediaResponse, type MediaServer } from '../services/playback/media-server';

/** Statuses whose responses must not have a body, or `new Response` throws. */
const NO_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * A media answer as a web Response. Node streams become web streams: when the page drops the video (the stream is
 * cancelled), the Node stream is destroyed, which for a proxy stops ffmpeg.
 */
export function toWebResponse(answer: MediaResponse): Response {
  const { body } = answer;
  let webBody: ConstructorParameters<typeof Response>[0] = null;
  if (body !== null && !NO_BODY_STATUSES.has(answer.status)) {
    webBody = Buffer.isBuffer(body) ? new Uint8Array(body) : (Readable.toWeb(body) as ReadableStream<Uint8Array>);
  } else if (body !== null && !Buffer.isBuffer(body)) {
    body.destroy();
  }
  return new Response(webBody, { status: answer.status, headers: answer.headers });
}

/**
 * Answers app://handover/... requests: /media/... through the media server (ranges for <video>, proxies, thumbnails),
 * everything else from the built renderer folder, with the same CSP the bridge sends.
 */
export async function serveAppRequest(options: { request: Request; rendererDir: string; media: MediaServer | null }): Promise<Response> {
  const { request, media } = options;
  const url = new URL(request.url);
  if (url.pathname.startsWith(MEDIA_PATH_PREFIX)) {
    if (!media) return new Response('Handover is still starting.', { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    const answer = await media.handle({ method: request.method, urlPath: url.pathname, range: request.headers.get('range') ?? undefined, signal: request.signal });
    return answer ? toWebResponse(answer) : new Response('Not found', { status: 404 });
  }
  const file = resolveStaticFile({ root: options.rendererDir, urlPath: url.pathname });
  if (!file) return new Response('Not found', { status: 404 });
  const body = await fs.promises.readFile(file);
  return new Response(body, {
    headers: { 'content-type': contentTypeFor(file), 'content-security-policy': RENDERER_CSP, 'x-content-type-options': 'nosniff' },
  });
}
