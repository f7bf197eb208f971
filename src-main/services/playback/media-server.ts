import type { Readable } from 'node:stream';

/** What a media request is answered with, whichever transport (bridge HTTP or Electron's app:// protocol) carries it. */
export interface MediaResponse {
  status: number;
  headers: Record<string, string>;
  body: Readable | Buffer | null;
}

/**
 * Same-origin media URLs ("/media/<token>") for the renderer's <video> and <img> elements, which cannot send the
 * bridge's token header: an unguessable token per file (or proxy stream) is the only authority, and it maps to a path
 * only main knows. STUB: to be implemented (issue 4).
 */
export function createMediaServer() {
  return {
    /** A URL that serves one file (with range requests) as `contentType`. */
    urlForFile: (_options: { absPath: string; contentType: string }): string => {
      throw new Error('not implemented');
    },
    /** Answers GET/HEAD /media/...; null for paths that are not media. */
    handle: (_options: { method: string; urlPath: string; range: string | undefined; signal: AbortSignal }): Promise<MediaResponse | null> => Promise.resolve(null),
    close: (): void => {},
  };
}

export type MediaServer = ReturnType<typeof createMediaServer>;
