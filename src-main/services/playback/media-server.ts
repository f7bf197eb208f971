import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { isAppError } from '../errors';
import type { Logger } from '../logger';
import { MEDIA_BASE_HEADERS, fileResponse, goneResponse, textResponse, type MediaResponse } from './file-response';
import { createLru } from './lru';

export type { MediaResponse } from './file-response';

/** What a token stands for; only main ever sees these. */
export type MediaEntry =
  | { kind: 'file'; absPath: string; contentType: string }
  /** A stream made on request (ffmpeg converting footage); stopping `signal` must stop whatever makes it. */
  | { kind: 'proxy'; contentType: string; open: (input: { signal: AbortSignal }) => Promise<Readable> }
  /** A small picture made on first request; `produce` resolves to the path of the finished file. */
  | { kind: 'thumbnail'; produce: (input: { signal: AbortSignal }) => Promise<string> };

export interface HandleMediaOptions {
  method: string;
  urlPath: string;
  range: string | undefined;
  /** Aborts when the viewer goes away; for a proxy that stops ffmpeg. */
  signal: AbortSignal;
}

export const MEDIA_PATH_PREFIX = '/media/';
/** 32 random bytes in base64url. */
const TOKEN_PATTERN = /^\/media\/([A-Za-z0-9_-]{43})$/;
const DEFAULT_MAX_ENTRIES = 5000;

/**
 * Same-origin media URLs ("/media/<token>") for the renderer's <video> and <img> elements, which cannot send the
 * bridge's token header: an unguessable token per file (or proxy stream, or thumbnail) is the only authority, and it
 * maps to a path only main knows. The same thing asked for twice gets the same token, so the map stays small and the
 * browser's cache works; past `maxEntries` the least recently used tokens stop working.
 */
export function createMediaServer(options: { logger?: Logger; maxEntries?: number } = {}) {
  const logger = options.logger;
  const tokenByKey = new Map<string, string>();
  const entries = createLru<string, { key: string; entry: MediaEntry }>({
    max: options.maxEntries ?? DEFAULT_MAX_ENTRIES,
    onEvict: (_token, value) => tokenByKey.delete(value.key),
  });
  /** Aborted on close(): stops every proxy and thumbnail still being made. */
  const closing = new AbortController();

  function register(key: string, entry: MediaEntry): string {
    const existing = tokenByKey.get(key);
    if (existing !== undefined && entries.get(existing)) {
      // Same key, fresh entry: a proxy's opener may close over newer facts (size, probe) than the first one did.
      entries.set(existing, { key, entry });
      return `${MEDIA_PATH_PREFIX}${existing}`;
    }
    const token = randomBytes(32).toString('base64url');
    tokenByKey.set(key, token);
    entries.set(token, { key, entry });
    return `${MEDIA_PATH_PREFIX}${token}`;
  }

  async function answerProxy(entry: Extract<MediaEntry, { kind: 'proxy' }>, request: HandleMediaOptions): Promise<MediaResponse> {
    const headers = { ...MEDIA_BASE_HEADERS, 'content-type': entry.contentType, 'cache-control': 'no-store', 'accept-ranges': 'none' };
    // A HEAD must not start ffmpeg. Range requests are answered with the whole stream, as HTTP allows: it cannot seek.
    if (request.method === 'HEAD') return { status: 200, headers, body: null };
    const stop = new AbortController();
    const signal = AbortSignal.any([request.signal, closing.signal, stop.signal]);
    const body = await entry.open({ signal });
    // Whichever transport carries it, a body destroyed early (client gone, web stream cancelled) stops the maker.
    body.once('close', () => stop.abort());
    return { status: 200, headers, body };
  }

  async function answer(entry: MediaEntry, request: HandleMediaOptions): Promise<MediaResponse> {
    const { method, range } = request;
    if (entry.kind === 'file') return fileResponse({ absPath: entry.absPath, contentType: entry.contentType, method, range, cacheControl: 'no-cache' });
    if (entry.kind === 'proxy') return answerProxy(entry, request);
    const file = await entry.produce({ signal: AbortSignal.any([request.signal, closing.signal]) });
    // The same token always shows the same moment of the same file, so the browser may keep it a while.
    return fileResponse({ absPath: file, contentType: 'image/jpeg', method, range, cacheControl: 'private, max-age=3600' });
  }

  async function handle(request: HandleMediaOptions): Promise<MediaResponse | null> {
    const urlPath = request.urlPath.split('?')[0] ?? '';
    if (!urlPath.startsWith(MEDIA_PATH_PREFIX)) return null;
    const { method } = request;
    if (method !== 'GET' && method !== 'HEAD') {
      const refused = textResponse({ status: 405, text: 'Only GET and HEAD are allowed here.' });
      return { ...refused, headers: { ...refused.headers, allow: 'GET, HEAD' } };
    }
    if (closing.signal.aborted) return textResponse({ status: 503, text: 'Handover is closing.', method });
    const token = TOKEN_PATTERN.exec(urlPath)?.[1];
    const found = token === undefined ? undefined : entries.get(token);
    if (!found) return textResponse({ status: 404, text: 'This link to a recording has expired. Go back to the timeline and choose the moment again.', method });
    try {
      return await answer(found.entry, request);
    } catch (error) {
      if (isAppError(error) && error.code === 'not_found') return goneResponse({ method });
      if (isAppError(error) && error.code === 'cancelled') return textResponse({ status: 503, text: 'Stopped.', method });
      logger?.warn('media request failed', { kind: found.entry.kind, error: String(error) });
      const text = isAppError(error) ? error.message : 'Handover could not show this recording.';
      return textResponse({ status: 500, text, method });
    }
  }

  return {
    /** A URL that serves one file (with range requests) as `contentType`. */
    urlForFile: (input: { absPath: string; contentType: string }): string =>
      register(`file\0${input.absPath}\0${input.contentType}`, { kind: 'file', absPath: input.absPath, contentType: input.contentType }),
    /** A URL that, each time it is fetched, opens a fresh stream (status 200, no length, no ranges). */
    registerProxy: (input: { key: string; contentType: string; open: (request: { signal: AbortSignal }) => Promise<Readable> }): string =>
      register(`proxy\0${input.key}`, { kind: 'proxy', contentType: input.contentType, open: input.open }),
    /** A URL for a JPEG made on first request (and cached by whoever produces it). */
    registerThumbnail: (input: { key: string; produce: (request: { signal: AbortSignal }) => Promise<string> }): string =>
      register(`thumbnail\0${input.key}`, { kind: 'thumbnail', produce: input.produce }),
    /** Answers GET/HEAD /media/...; null for paths that are not media. Never throws for a bad file. */
    handle,
    /** How many tokens are live; for tests. */
    get size() {
      return entries.size;
    },
    /** Stops every proxy and thumbnail being made; later requests get 503. */
    close: (): void => closing.abort(),
  };
}

/**
 * What the transports (bridge, app:// protocol) and services that only serve files need. Kept to these three so a test
 * can stand in for it with a few lines.
 */
export interface MediaServer {
  urlForFile(input: { absPath: string; contentType: string }): string;
  handle(request: HandleMediaOptions): Promise<MediaResponse | null>;
  close(): void;
}

/** The whole media server, including the streams and pictures made on request that playback registers. */
export type PlaybackMediaServer = ReturnType<typeof createMediaServer>;
