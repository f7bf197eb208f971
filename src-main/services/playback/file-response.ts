import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { parseRangeHeader } from './range';

/** What a media request is answered with, whichever transport (bridge HTTP or Electron's app:// protocol) carries it. */
export interface MediaResponse {
  status: number;
  headers: Record<string, string>;
  body: Readable | Buffer | null;
}

/** Sent with every media answer: never sniffed as something else, never embedded by another site. */
export const MEDIA_BASE_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
};

/** A short plain-text answer, e.g. for a file that has gone; <video> and <img> show their own error either way. */
export function textResponse(options: { status: number; text: string; method?: string }): MediaResponse {
  const body = Buffer.from(options.text, 'utf8');
  return {
    status: options.status,
    headers: { ...MEDIA_BASE_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'content-length': String(body.length), 'cache-control': 'no-store' },
    body: options.method === 'HEAD' ? null : body,
  };
}

const GONE_CODES = new Set(['ENOENT', 'ENOTDIR', 'ENODEV', 'ENXIO', 'EIO']);

/** Plain words for a recording that cannot be opened any more; the usual cause is a USB drive pulled out. */
export function goneResponse(options: { method: string }): MediaResponse {
  return textResponse({
    status: 410,
    text: 'This recording cannot be opened any more. If it is on a USB drive or memory card, check that it is still plugged in.',
    method: options.method,
  });
}

/**
 * Answers GET or HEAD for one file, with a single byte range when asked (206), 416 when the range starts past the end.
 * The file is opened before anything is answered, so a missing file is a 410, not a stream that fails half-way; the
 * stream then reads from that open handle, so a file replaced meanwhile cannot mix two files' bytes.
 */
export async function fileResponse(options: { absPath: string; contentType: string; method: string; range: string | undefined; cacheControl: string }): Promise<MediaResponse> {
  const { method } = options;
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(options.absPath, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (GONE_CODES.has(code)) return goneResponse({ method });
    if (code === 'EACCES' || code === 'EPERM') return textResponse({ status: 403, text: 'Handover is not allowed to read this recording.', method });
    throw error;
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      await handle.close();
      return goneResponse({ method });
    }
    const size = stat.size;
    const headers: Record<string, string> = {
      ...MEDIA_BASE_HEADERS,
      'content-type': options.contentType,
      'accept-ranges': 'bytes',
      'cache-control': options.cacheControl,
      'last-modified': stat.mtime.toUTCString(),
    };
    const range = parseRangeHeader({ header: options.range, size });
    if (range.kind === 'unsatisfiable') {
      await handle.close();
      return { status: 416, headers: { ...headers, 'content-range': `bytes */${size}`, 'content-length': '0' }, body: null };
    }
    const [start, end] = range.kind === 'range' ? [range.start, range.end] : [0, size - 1];
    const length = size === 0 ? 0 : end - start + 1;
    headers['content-length'] = String(length);
    if (range.kind === 'range') headers['content-range'] = `bytes ${start}-${end}/${size}`;
    const status = range.kind === 'range' ? 206 : 200;
    if (method === 'HEAD' || length === 0) {
      await handle.close();
      return { status, headers, body: null };
    }
    // autoClose: the handle is closed when the stream ends or is destroyed (the viewer seeked away).
    return { status, headers, body: handle.createReadStream({ start, end, autoClose: true }) };
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}
