import { AppError } from '../errors';
import type { Logger } from '../logger';
import type { MediaTools } from '../media/binaries';
import { probeMedia, type ProbeResult } from '../media/probe';
import { createLru } from './lru';

/** A file as it was when looked at: a recorder that rewrites a file changes its size or time, and so the key. */
export interface FileVersion {
  absPath: string;
  size: number;
  mtimeMs: number;
}

/**
 * ffprobe results by file version, kept in memory: the player asks for the same few files again on every seek, and a
 * probe costs a process start (~50 ms) or far more on a slow USB stick. Two asks for one file share one probe.
 */
export function createProbeCache(options: { mediaTools: () => MediaTools; logger: Logger; maxEntries?: number }) {
  const done = createLru<string, ProbeResult>({ max: options.maxEntries ?? 500 });
  const pending = new Map<string, Promise<ProbeResult>>();

  return {
    /** Throws AppError('media_failed') with `failureMessage` when ffprobe cannot read the file. */
    probe(input: { file: FileVersion; failureMessage: string }): Promise<ProbeResult> {
      const { file } = input;
      const key = `${file.absPath}\0${file.size}\0${file.mtimeMs}`;
      const cached = done.get(key);
      if (cached) return Promise.resolve(cached);
      const running = pending.get(key);
      if (running) return running;
      const tools = options.mediaTools();
      const started = probeMedia({ ffprobe: tools.ffprobe, file: file.absPath, logger: options.logger })
        .then((result) => {
          done.set(key, result);
          return result;
        })
        .catch((error: unknown) => {
          options.logger.warn('playback probe failed', { file: file.absPath, error: String(error) });
          throw new AppError('media_failed', input.failureMessage, { cause: error });
        })
        .finally(() => pending.delete(key));
      pending.set(key, started);
      return started;
    },
  };
}

export type ProbeCache = ReturnType<typeof createProbeCache>;
