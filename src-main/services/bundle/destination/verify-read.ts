/**
 * Reads a file back for its SHA-256, from the drive itself where the OS lets us. A plain read straight after writing
 * is answered from memory (the page cache) and proves only that the computer remembers what it sent; a stick that
 * dropped the data would still pass. On Linux O_DIRECT bypasses the cache. It needs the buffer's address, the file
 * position and the length all aligned to the drive's block size; JavaScript cannot ask an address, so the reader
 * tries offsets into one oversized buffer until the kernel accepts one, and remembers it. Where a filesystem refuses
 * O_DIRECT (many FUSE drivers, exFAT and NTFS on older kernels), the file's pages are dropped from the cache first
 * (`dd iflag=nocache count=0`, which asks the kernel with posix_fadvise DONTNEED) and it is read normally: the data then
 * comes from the drive too. On Windows libuv maps its O_DIRECT (0x02000000) to FILE_FLAG_NO_BUFFERING, which has the
 * same alignment rules; UNTESTED until tried on Windows. macOS (F_NOCACHE) has no equivalent Node can reach, so it
 * reads through the cache, and says so.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import nodeFs from 'node:fs';
import { errnoCode, type DestinationFs } from './destination-fs';

/** 'direct': read with the cache bypassed; 'uncached': the cache dropped, then read; 'cached': may be from memory. */
export type VerifyMethod = 'direct' | 'uncached' | 'cached';

/** libuv's UV_FS_O_DIRECT on Windows, which it turns into FILE_FLAG_NO_BUFFERING; Node does not export it there. */
const WINDOWS_NO_BUFFERING = 0x02000000;

/** The flag that bypasses the cache on this OS, if Node can pass one. */
export function directFlagFor(platform: NodeJS.Platform): number | undefined {
  if (platform === 'linux') return nodeFs.constants.O_DIRECT;
  if (platform === 'win32') return WINDOWS_NO_BUFFERING;
  return undefined;
}

/** Asks the kernel to forget the file's cached pages; true when it accepted. Linux only (GNU dd). */
export function dropCachedPages(file: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('dd', [`if=${file}`, 'iflag=nocache', 'count=0', 'status=none'], { timeout: 15_000, windowsHide: true }, (error) => resolve(error === null));
  });
}

/** A multiple of every block size in use (512 and 4096), and big enough that a read costs little per byte. */
export const VERIFY_CHUNK_BYTES = 1024 * 1024;
const ALIGN = 4096;
/**
 * malloc hands out 16-byte-aligned memory, so the aligned offset is one of these. Steps of 512 are not enough: a
 * large buffer typically starts 16 bytes past a page boundary, and no multiple of 512 from there is 4096-aligned.
 */
const ADDRESS_STEP = 16;

export interface VerifiedFile {
  size: number;
  sha256: string;
  method: VerifyMethod;
}

/** Reads one file at a time: all reads share one aligned buffer. */
export interface VerifyReader {
  hashFile(options: { file: string; signal?: AbortSignal; onBytes?: (bytes: number) => void }): Promise<VerifiedFile>;
}

export function createVerifyReader(options: {
  fs: DestinationFs;
  platform?: NodeJS.Platform;
  directFlag?: number;
  /** Drops a file's cached pages where direct reads are refused; defaults to `dd iflag=nocache` on Linux. */
  dropCache?: ((file: string) => Promise<boolean>) | null;
}): VerifyReader {
  const { fs } = options;
  const platform = options.platform ?? process.platform;
  const directFlag = options.directFlag ?? directFlagFor(platform);
  const dropCache = options.dropCache !== undefined ? options.dropCache : platform === 'linux' ? dropCachedPages : null;
  // One buffer for the whole run, with room to slide the read window to an aligned address.
  const buffer = Buffer.allocUnsafeSlow(VERIFY_CHUNK_BYTES + ALIGN);
  /** The offset into `buffer` whose address the kernel accepted; null until found, false once O_DIRECT is refused. */
  let aligned: number | null | false = directFlag !== undefined ? null : false;

  const openDirect = async (file: string): Promise<number | null> => {
    if (aligned === false || directFlag === undefined) return null;
    try {
      return await fs.open(file, nodeFs.constants.O_RDONLY | directFlag);
    } catch (error) {
      // tmpfs and some FUSE drivers refuse O_DIRECT at open; read through the cache there.
      if (errnoCode(error) === 'EINVAL') return null;
      throw error;
    }
  };

  /**
   * One O_DIRECT read at an aligned position; null when the kernel refuses it. The first read that returns data
   * settles which offset into the buffer is aligned (an empty read proves nothing: the kernel may not have checked).
   */
  const directRead = async (fd: number, position: number): Promise<{ bytes: number; offset: number } | null> => {
    const candidates = aligned === null ? offsets() : typeof aligned === 'number' ? [aligned] : [];
    for (const offset of candidates) {
      try {
        const bytes = await fs.read(fd, buffer, offset, VERIFY_CHUNK_BYTES, position);
        if (bytes > 0) aligned = offset;
        return { bytes, offset };
      } catch (error) {
        if (errnoCode(error) !== 'EINVAL') throw error;
      }
    }
    if (aligned === null) aligned = false;
    return null;
  };

  return {
    async hashFile({ file, signal, onBytes }) {
      signal?.throwIfAborted();
      const hash = createHash('sha256');
      let position = 0;
      let cachedBytes = 0;
      let directFd = await openDirect(file);
      const openedDirect = directFd !== null;
      // Refused at open: everything is read through the cache, so empty it of this file first.
      const dropped = !openedDirect && dropCache !== null && (await dropCache(file));
      let cachedFd: number | null = null;
      try {
        for (;;) {
          signal?.throwIfAborted();
          let read: { bytes: number; offset: number } | null = null;
          // Every read asks for the full aligned length, the tail too, and gets a short count back at the end.
          if (directFd !== null && position % ALIGN === 0) read = await directRead(directFd, position);
          if (read === null && directFd !== null && position % ALIGN === 0) {
            await fs.close(directFd).catch(() => undefined);
            directFd = null;
          }
          if (read === null) {
            // After a short direct read the position is unaligned: normally the end, which a cached read confirms.
            cachedFd ??= await fs.open(file, 'r');
            read = { bytes: await fs.read(cachedFd, buffer, 0, VERIFY_CHUNK_BYTES, position), offset: 0 };
            cachedBytes += read.bytes;
          }
          if (read.bytes === 0) break;
          hash.update(buffer.subarray(read.offset, read.offset + read.bytes));
          position += read.bytes;
          onBytes?.(read.bytes);
        }
        const method: VerifyMethod = openedDirect && cachedBytes === 0 ? 'direct' : dropped ? 'uncached' : 'cached';
        return { size: position, sha256: hash.digest('hex'), method };
      } finally {
        if (directFd !== null) await fs.close(directFd).catch(() => undefined);
        if (cachedFd !== null) await fs.close(cachedFd).catch(() => undefined);
      }
    },
  };
}

function offsets(): number[] {
  const list: number[] = [];
  for (let offset = 0; offset < ALIGN; offset += ADDRESS_STEP) list.push(offset);
  return list;
}
