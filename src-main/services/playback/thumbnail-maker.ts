import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { buildThumbnailArgs } from '../../../src-shared/ffmpeg-args/thumbnail';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import type { MediaTools } from '../media/binaries';
import { runTool } from '../media/runner';
import type { ThumbnailCache } from './thumbnail-cache';

/** Two at once: a strip of sixty must not starve the player (or the rest of the computer) of processor time. */
export const MAX_THUMBNAIL_RUNS = 2;

/** The cache key: the same moment of the same version of a file, whatever it is called in the request. */
export function thumbnailKey(options: { absPath: string; size: number; mtimeMs: number; offsetMs: number }): string {
  const { absPath, size, mtimeMs, offsetMs } = options;
  return createHash('sha256').update(JSON.stringify([absPath, size, mtimeMs, offsetMs])).digest('hex').slice(0, 32);
}

/** A queue slot that gives up waiting if the request is abandoned first (the strip was scrolled away). */
function createGate(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async enter(signal: AbortSignal): Promise<() => void> {
      if (running >= limit) {
        await new Promise<void>((resolve, reject) => {
          const onAbort = () => {
            const at = waiting.indexOf(go);
            if (at >= 0) waiting.splice(at, 1);
            reject(new AppError('cancelled', 'Cancelled.'));
          };
          const go = () => {
            signal.removeEventListener('abort', onAbort);
            resolve();
          };
          if (signal.aborted) return onAbort();
          signal.addEventListener('abort', onAbort, { once: true });
          waiting.push(go);
        });
      } else {
        running += 1;
      }
      let left = false;
      return () => {
        if (left) return;
        left = true;
        const next = waiting.shift();
        // The slot passes straight to the next in line, so `running` only drops when nobody waits.
        if (next) next();
        else running -= 1;
      };
    },
  };
}

/**
 * Makes (at most MAX_THUMBNAIL_RUNS at a time) or finds in the cache the JPEG of one moment of a recording. ffmpeg
 * writes to a temporary name that is renamed when it has finished, so a killed run leaves no half picture in the cache.
 */
export function createThumbnailMaker(options: { cache: ThumbnailCache; mediaTools: () => MediaTools; logger: Logger; maxRuns?: number }) {
  const { cache, logger } = options;
  const gate = createGate(options.maxRuns ?? MAX_THUMBNAIL_RUNS);
  /** Two requests for the same picture share one ffmpeg run. */
  const inFlight = new Map<string, Promise<string>>();

  async function make(input: { key: string; absPath: string; offsetMs: number; signal: AbortSignal }): Promise<string> {
    const leave = await gate.enter(input.signal);
    const tempFile = cache.tempFileFor(input.key, randomBytes(4).toString('hex'));
    try {
      // Made while this waited in line?
      const cached = await cache.lookup(input.key);
      if (cached) return cached;
      const run = async (fromLastSecond: boolean) => {
        await fs.promises.rm(tempFile, { force: true });
        await runTool({
          tool: options.mediaTools().ffmpeg,
          args: buildThumbnailArgs({ inFile: input.absPath, offsetS: input.offsetMs / 1000, outFile: tempFile, fromLastSecond }),
          logger,
          signal: input.signal,
        });
        const stat = await fs.promises.stat(tempFile).catch(() => null);
        return stat !== null && stat.size > 0;
      };
      // ffmpeg ends happily with no picture when asked for a moment past the last frame: a file a little shorter than
      // its name says. The nearest picture is then the file's last one.
      const made = (await run(false)) || (input.offsetMs > 0 && (await run(true)));
      if (!made) throw new AppError('media_failed', 'There is no picture at this moment of the recording.');
      return await cache.add({ key: input.key, tempFile });
    } finally {
      leave();
      await fs.promises.rm(tempFile, { force: true }).catch(() => undefined);
    }
  }

  return {
    /** The JPEG's path. AppError 'not_found' when the recording has gone, 'media_failed' when no picture can be made. */
    async picture(input: { absPath: string; offsetMs: number; signal: AbortSignal }): Promise<string> {
      let stat: fs.Stats;
      try {
        stat = await fs.promises.stat(input.absPath);
      } catch (error) {
        throw new AppError('not_found', 'This recording cannot be opened any more.', { cause: error });
      }
      const key = thumbnailKey({ absPath: input.absPath, size: stat.size, mtimeMs: stat.mtimeMs, offsetMs: input.offsetMs });
      const cached = await cache.lookup(key);
      if (cached) return cached;
      const running = inFlight.get(key);
      if (running) return running;
      const made = make({ key, absPath: input.absPath, offsetMs: input.offsetMs, signal: input.signal }).finally(() => inFlight.delete(key));
      inFlight.set(key, made);
      return made;
    },
  };
}

export type ThumbnailMaker = ReturnType<typeof createThumbnailMaker>;
