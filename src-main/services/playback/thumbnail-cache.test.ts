import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/helpers/temp-dir';
import { createMemoryLogger } from '../logger';
import { createThumbnailCache } from './thumbnail-cache';

const tempDir = useTempDirs('handover-thumbs-');
const key = (n: number) => n.toString(16).padStart(32, '0');

/** A finished thumbnail of `size` bytes, last used `minutesAgo` minutes ago. */
function seed(dir: string, n: number, size: number, minutesAgo: number): string {
  const file = path.join(dir, `${key(n)}.jpg`);
  fs.writeFileSync(file, Buffer.alloc(size, n));
  const when = new Date(Date.now() - minutesAgo * 60_000);
  fs.utimesSync(file, when, when);
  return file;
}

describe('thumbnail cache', () => {
  it('on first use, removes leftovers of killed runs and the least recently used files beyond the cap', async () => {
    const dir = tempDir();
    seed(dir, 1, 400, 50);
    seed(dir, 2, 400, 40);
    seed(dir, 3, 400, 30);
    seed(dir, 4, 400, 20);
    fs.writeFileSync(path.join(dir, `${key(5)}.ab12cd34.part.jpg`), 'half a picture');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not ours');
    const cache = createThumbnailCache({ dir, logger: createMemoryLogger(), maxBytes: 1000 });
    await cache.ready();
    // 1600 bytes against a cap of 1000: down to 90% of it, oldest first.
    expect(fs.readdirSync(dir).sort()).toEqual([`${key(3)}.jpg`, `${key(4)}.jpg`, 'notes.txt']);
    expect(cache.stats()).toMatchObject({ files: 2, totalBytes: 800 });
  });

  it('counts a lookup as a use, so after a write it is the unused one that goes', async () => {
    const dir = tempDir();
    seed(dir, 1, 400, 30);
    seed(dir, 2, 400, 20);
    const cache = createThumbnailCache({ dir, logger: createMemoryLogger(), maxBytes: 1000 });
    expect(await cache.lookup(key(1))).toBe(path.join(dir, `${key(1)}.jpg`));
    expect(await cache.lookup(key(9))).toBeNull();

    const tempFile = cache.tempFileFor(key(3), 'feed');
    fs.writeFileSync(tempFile, Buffer.alloc(400));
    const added = await cache.add({ key: key(3), tempFile });
    expect(added).toBe(path.join(dir, `${key(3)}.jpg`));
    expect(fs.existsSync(tempFile)).toBe(false);
    expect(fs.readdirSync(dir).sort()).toEqual([`${key(1)}.jpg`, `${key(3)}.jpg`]);
    expect(await cache.lookup(key(2))).toBeNull();
  });

  it('makes its folder, and forgets a file removed behind its back', async () => {
    const dir = path.join(tempDir(), 'cache', 'thumbnails');
    const cache = createThumbnailCache({ dir, logger: createMemoryLogger() });
    await cache.ready();
    expect(fs.existsSync(dir)).toBe(true);
    const tempFile = cache.tempFileFor(key(1), 'x');
    fs.writeFileSync(tempFile, 'jpeg');
    const file = await cache.add({ key: key(1), tempFile });
    fs.rmSync(file);
    expect(await cache.lookup(key(1))).toBeNull();
    expect(cache.stats().files).toBe(0);
  });
});
