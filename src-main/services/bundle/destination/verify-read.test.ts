import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../test/helpers/temp-dir';
import { sha256Hex } from './bundle-sample.fixture';
import { realDestinationFs, type DestinationFs } from './destination-fs';
import { errnoError } from './faulty-fs.fixture';
import { createVerifyReader, directFlagFor, dropCachedPages, VERIFY_CHUNK_BYTES } from './verify-read';

const tempDir = useTempDirs('handover-verify-read-');
const DIRECT = 0x4000;
/** The offset into the reader's buffer that the simulated kernel takes as 4096-aligned. */
const ALIGNED_OFFSET = 1040;

/**
 * O_DIRECT as the kernel enforces it, on any machine: with the flag, a read must use an aligned buffer address
 * (here: one offset), position and length, or it fails with EINVAL. `refuse` imitates tmpfs and FUSE drivers.
 */
function simulatedDirect(options: { refuse?: 'open' | 'read'; shortReadAt?: number } = {}) {
  const directFds = new Set<number>();
  const stats = { directOpens: 0, einval: 0, directReads: [] as { position: number; length: number }[], cachedBytes: 0 };
  const fsWithDirect: DestinationFs = {
    ...realDestinationFs,
    open: async (file, flags) => {
      const direct = typeof flags === 'number' && (flags & DIRECT) !== 0;
      if (direct && options.refuse === 'open') throw errnoError({ code: 'EINVAL', syscall: 'open' });
      const fd = await realDestinationFs.open(file, typeof flags === 'number' ? flags & ~DIRECT : flags);
      if (direct) {
        directFds.add(fd);
        stats.directOpens += 1;
      }
      return fd;
    },
    read: async (fd, buffer, offset, length, position) => {
      if (directFds.has(fd)) {
        if (options.refuse === 'read' || offset !== ALIGNED_OFFSET || position % 512 !== 0 || length % 512 !== 0) {
          stats.einval += 1;
          throw errnoError({ code: 'EINVAL', syscall: 'read' });
        }
        stats.directReads.push({ position, length });
        // A device may return less than asked in the middle (rare), at a count that is not block-aligned.
        if (options.shortReadAt !== undefined && position === options.shortReadAt) return realDestinationFs.read(fd, buffer, offset, 1000, position);
        return realDestinationFs.read(fd, buffer, offset, length, position);
      }
      const bytes = await realDestinationFs.read(fd, buffer, offset, length, position);
      stats.cachedBytes += bytes;
      return bytes;
    },
    close: async (fd) => {
      directFds.delete(fd);
      return realDestinationFs.close(fd);
    },
  };
  return { fs: fsWithDirect, stats };
}

function fileOf(options: { dir: string; size: number }): { file: string; bytes: Buffer } {
  const bytes = randomBytes(options.size);
  const file = path.join(options.dir, `f-${options.size}`);
  fs.writeFileSync(file, bytes);
  return { file, bytes };
}

describe('createVerifyReader with O_DIRECT', () => {
  it('finds the aligned offset once, reads every size right, and reads the tail with a full aligned length', async () => {
    const dir = tempDir();
    const { fs: directFs, stats } = simulatedDirect();
    const reader = createVerifyReader({ fs: directFs, platform: 'linux', directFlag: DIRECT });
    for (const size of [1, 511, 4095, 4096, 4097, VERIFY_CHUNK_BYTES, VERIFY_CHUNK_BYTES + 1, 2 * VERIFY_CHUNK_BYTES + 4096, 3 * VERIFY_CHUNK_BYTES + 17, 0]) {
      const { file, bytes } = fileOf({ dir, size });
      let counted = 0;
      const read = await reader.hashFile({ file, onBytes: (n) => (counted += n) });
      expect(read).toEqual({ size, sha256: sha256Hex(bytes), method: 'direct' });
      expect(counted).toBe(size);
    }
    // Offsets 0, 16, … 1024 were refused once, on the first file; never again.
    expect(stats.einval).toBe(ALIGNED_OFFSET / 16);
    expect(stats.directReads.every((read) => read.length === VERIFY_CHUNK_BYTES && read.position % 4096 === 0)).toBe(true);
    // Nothing came through the cache: a tail's end is confirmed by a read that returns nothing.
    expect(stats.cachedBytes).toBe(0);
  });

  it('reads through the cache where O_DIRECT is refused at open (tmpfs, FUSE)', async () => {
    const dir = tempDir();
    const { fs: refusing, stats } = simulatedDirect({ refuse: 'open' });
    const { file, bytes } = fileOf({ dir, size: 100_000 });
    expect(await createVerifyReader({ fs: refusing, platform: 'linux', directFlag: DIRECT, dropCache: null }).hashFile({ file })).toEqual({
      size: 100_000,
      sha256: sha256Hex(bytes),
      method: 'cached',
    });
    expect(stats.cachedBytes).toBe(100_000);
  });

  it('drops the cached copy first where O_DIRECT is refused, and says the data came from the drive', async () => {
    const dir = tempDir();
    const { fs: refusing } = simulatedDirect({ refuse: 'open' });
    const { file, bytes } = fileOf({ dir, size: 100_000 });
    const dropped: string[] = [];
    const dropCache = (name: string) => {
      dropped.push(name);
      return Promise.resolve(true);
    };
    expect(await createVerifyReader({ fs: refusing, platform: 'linux', directFlag: DIRECT, dropCache }).hashFile({ file })).toMatchObject({ sha256: sha256Hex(bytes), method: 'uncached' });
    expect(dropped).toEqual([file]);
    const refusedDrop = () => Promise.resolve(false);
    expect(await createVerifyReader({ fs: refusing, platform: 'linux', directFlag: DIRECT, dropCache: refusedDrop }).hashFile({ file })).toMatchObject({ method: 'cached' });
  });

  it("really empties the kernel's cache of the file with dd, as fincore shows", async () => {
    if (spawnSync('fincore', ['--version']).error !== undefined) {
      console.warn('verify-read.test: fincore (util-linux) is missing, so the dropped cache is not measured');
      return;
    }
    const dir = tempDir();
    const { file } = fileOf({ dir, size: 4 * 1024 * 1024 });
    const residentBytes = () => Number(spawnSync('fincore', ['--bytes', '--noheadings', '--output', 'RES', file], { encoding: 'utf8' }).stdout.trim());
    spawnSync('sync');
    fs.readFileSync(file);
    expect(residentBytes()).toBeGreaterThan(0);
    expect(await dropCachedPages(file)).toBe(true);
    expect(residentBytes()).toBe(0);
  });

  it('gives up on O_DIRECT for the run when every read is refused, after one search', async () => {
    const dir = tempDir();
    const { fs: refusing, stats } = simulatedDirect({ refuse: 'read' });
    const reader = createVerifyReader({ fs: refusing, platform: 'linux', directFlag: DIRECT, dropCache: null });
    for (const size of [5000, 7000]) {
      const { file, bytes } = fileOf({ dir, size });
      expect(await reader.hashFile({ file })).toEqual({ size, sha256: sha256Hex(bytes), method: 'cached' });
    }
    expect(stats.directOpens).toBe(1);
    expect(stats.einval).toBe(4096 / 16);
  });

  it('carries on through the cache after a short read in the middle', async () => {
    const dir = tempDir();
    const { fs: shortening } = simulatedDirect({ shortReadAt: VERIFY_CHUNK_BYTES });
    const { file, bytes } = fileOf({ dir, size: 3 * VERIFY_CHUNK_BYTES + 5 });
    expect(await createVerifyReader({ fs: shortening, platform: 'linux', directFlag: DIRECT }).hashFile({ file })).toEqual({
      size: bytes.length,
      sha256: sha256Hex(bytes),
      method: 'cached',
    });
  });

  it('never asks for a direct read on macOS, where Node cannot reach F_NOCACHE', async () => {
    const dir = tempDir();
    const { fs: directFs, stats } = simulatedDirect();
    const { file, bytes } = fileOf({ dir, size: 10_000 });
    expect(await createVerifyReader({ fs: directFs, platform: 'darwin' }).hashFile({ file })).toMatchObject({ sha256: sha256Hex(bytes), method: 'cached' });
    expect(stats.directOpens).toBe(0);
  });

  it("asks for libuv's O_DIRECT on Windows, which it turns into FILE_FLAG_NO_BUFFERING", () => {
    expect(directFlagFor('win32')).toBe(0x02000000);
    expect(directFlagFor('linux')).toBe(fs.constants.O_DIRECT);
    expect(directFlagFor('darwin')).toBeUndefined();
  });

  it('hashes real files on this machine, by whichever method its file system allows', async () => {
    const dir = tempDir();
    const reader = createVerifyReader({ fs: realDestinationFs });
    for (const size of [0, 4095, VERIFY_CHUNK_BYTES + 4097]) {
      const { file, bytes } = fileOf({ dir, size });
      const read = await reader.hashFile({ file });
      expect(read).toMatchObject({ size, sha256: sha256Hex(bytes) });
      expect(['direct', 'uncached', 'cached']).toContain(read.method);
    }
  });

  it('stops when cancelled', async () => {
    const dir = tempDir();
    const controller = new AbortController();
    controller.abort();
    const { file } = fileOf({ dir, size: 10 });
    await expect(createVerifyReader({ fs: realDestinationFs }).hashFile({ file, signal: controller.signal })).rejects.toThrow();
  });
});
