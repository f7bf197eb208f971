import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger';

/** Thumbnails are a few kilobytes; this holds tens of thousands, and is small next to the footage itself. */
export const THUMBNAIL_CACHE_MAX_BYTES = 200 * 1024 * 1024;
/** Cleaning down to a bit under the cap, so it is not needed again after the very next write. */
const CLEAN_TO_RATIO = 0.9;
const FINISHED = /^[0-9a-f]{32}\.jpg$/;
/** ffmpeg writes here first; a name like this left behind means a run was killed. */
export const TEMP_SUFFIX = '.part.jpg';

/**
 * Thumbnails on disk under one folder, kept under `maxBytes` by removing the least recently used. What is there and
 * when each was last used is kept in memory after one look at the folder at startup, so a write costs no folder
 * listing; use is also written to the file's time, so the order survives a restart.
 */
export function createThumbnailCache(options: { dir: string; logger: Logger; maxBytes?: number }) {
  const { dir, logger } = options;
  const maxBytes = options.maxBytes ?? THUMBNAIL_CACHE_MAX_BYTES;
  /** key → size; Map order is use order, least recent first. */
  const files = new Map<string, number>();
  let totalBytes = 0;

  const fileFor = (key: string) => path.join(dir, `${key}.jpg`);

  function forget(key: string): void {
    const size = files.get(key);
    if (size === undefined) return;
    files.delete(key);
    totalBytes -= size;
  }

  async function cleanUp(): Promise<number> {
    if (totalBytes <= maxBytes) return 0;
    const target = maxBytes * CLEAN_TO_RATIO;
    let removed = 0;
    for (const key of [...files.keys()]) {
      if (totalBytes <= target) break;
      forget(key);
      await fs.promises.rm(fileFor(key), { force: true }).catch(() => undefined);
      removed += 1;
    }
    logger.info('thumbnail cache cleaned', { removed, totalBytes, maxBytes });
    return removed;
  }

  /** First use: learn what is there (oldest use first), drop leftovers of killed runs, and trim to the cap. */
  async function load(): Promise<void> {
    await fs.promises.mkdir(dir, { recursive: true });
    const found: { key: string; size: number; usedMs: number }[] = [];
    for (const name of await fs.promises.readdir(dir)) {
      const full = path.join(dir, name);
      if (name.endsWith(TEMP_SUFFIX)) {
        await fs.promises.rm(full, { force: true }).catch(() => undefined);
        continue;
      }
      if (!FINISHED.test(name)) continue;
      const stat = await fs.promises.stat(full).catch(() => null);
      if (stat?.isFile()) found.push({ key: name.slice(0, -'.jpg'.length), size: stat.size, usedMs: stat.mtimeMs });
    }
    found.sort((a, b) => a.usedMs - b.usedMs);
    for (const file of found) {
      files.set(file.key, file.size);
      totalBytes += file.size;
    }
    await cleanUp();
  }

  // Read on first use rather than when the services start, so the CLI and a session without thumbnails never touch it.
  let loaded: Promise<void> | null = null;
  const ready = (): Promise<void> =>
    (loaded ??= load().catch((error: unknown) => {
      // A cache that cannot be read is only slower; thumbnails are still made (and the folder tried again on write).
      logger.warn('thumbnail cache could not be read', { dir, error: String(error) });
    }));

  return {
    dir,
    /** Resolves once the folder has been read and trimmed; starts that on the first call. */
    ready,
    /** A fresh temporary name beside the final one, so the rename is on one drive. */
    tempFileFor: (key: string, unique: string) => path.join(dir, `${key}.${unique}${TEMP_SUFFIX}`),
    /** The finished file when it is there (and counts this as a use), or null. */
    async lookup(key: string): Promise<string | null> {
      await ready();
      const size = files.get(key);
      if (size === undefined) return null;
      const file = fileFor(key);
      const now = new Date();
      try {
        await fs.promises.utimes(file, now, now);
      } catch {
        // Removed behind our back (someone cleared the folder): make it again.
        forget(key);
        return null;
      }
      files.delete(key);
      files.set(key, size);
      return file;
    },
    /** Moves a finished temporary file into place and trims the cache if that took it over the cap. */
    async add(input: { key: string; tempFile: string }): Promise<string> {
      await ready();
      const file = fileFor(input.key);
      const { size } = await fs.promises.stat(input.tempFile);
      await fs.promises.rename(input.tempFile, file);
      forget(input.key);
      files.set(input.key, size);
      totalBytes += size;
      await cleanUp();
      return file;
    },
    stats: () => ({ files: files.size, totalBytes, maxBytes }),
  };
}

export type ThumbnailCache = ReturnType<typeof createThumbnailCache>;
