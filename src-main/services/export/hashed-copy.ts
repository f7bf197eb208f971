/**
 * Byte-for-byte copies that are fingerprinted as they are made, and fingerprints of files already written. Recordings
 * run to several GB, so everything streams in 1 MiB chunks: memory stays flat whatever the file size.
 */
import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors';

/** Big enough that a copy costs little more than `cp` in system calls, small enough to be nothing in RSS. */
export const CHUNK_BYTES = 1024 * 1024;

/** 3.9 GiB: FAT32 cannot hold a file of 4 GiB or more, and USB sticks are often FAT32. */
export const DEFAULT_SPLIT_BYTES = Math.floor(3.9 * 1024 ** 3);

export interface HashedFile {
  file: string;
  size: number;
  sha256: string;
}

export interface HashedCopy {
  /** What was read, all of it: equal to the source file's bytes when it was copied. */
  size: number;
  sha256: string;
  /** The files written, in order: just `to` when it fits in `splitBytes`, else `to.001`, `to.002`, … */
  parts: HashedFile[];
}

/** Passes chunks on unchanged, feeding each to every hash on the way. */
function hashingTransform(options: { hashes: Hash[]; onBytes?: (bytes: number) => void }): Transform {
  return new Transform({
    highWaterMark: CHUNK_BYTES,
    transform(chunk: Buffer, _encoding, callback) {
      for (const hash of options.hashes) hash.update(chunk);
      options.onBytes?.(chunk.length);
      callback(null, chunk);
    },
  });
}

/** "name.001": three digits like most split-file tools, more only past 999 parts, so the parts sort in order. */
export function partFileName(options: { file: string; index: number; count: number }): string {
  return `${options.file}.${String(options.index + 1).padStart(Math.max(3, String(options.count).length), '0')}`;
}

/**
 * Copies `from` to `to` in one read of the source: each chunk is hashed (the whole file, and the part it lands in)
 * and written. A file bigger than `splitBytes` is cut byte-wise into parts of at most that size; joined in order,
 * they are the original file again. Each file is written under `<name>.partial` with 'wx' (never over anything) and
 * renamed when complete, so a name in the export folder always means a finished file. The size is taken when the
 * copy starts, so a recorder still writing the file cannot make the parts and the whole disagree.
 */
export async function copyWithHash(options: {
  from: string;
  to: string;
  splitBytes: number;
  signal: AbortSignal;
  /** Called with each chunk's length and the size of the whole copy. */
  onBytes?: (bytes: number, totalBytes: number) => void;
}): Promise<HashedCopy> {
  const { from, to, splitBytes, signal } = options;
  if (!(splitBytes > 0)) throw new RangeError(`copyWithHash: splitBytes must be positive; got ${splitBytes}`);
  const size = (await fs.promises.stat(from)).size;
  const whole = createHash('sha256');
  const count = size > splitBytes ? Math.ceil(size / splitBytes) : 1;
  const parts: HashedFile[] = [];
  for (let index = 0; index < count; index += 1) {
    const file = count === 1 ? to : partFileName({ file: to, index, count });
    const start = index * splitBytes;
    const end = Math.min(size, start + splitBytes);
    const part = count === 1 ? whole : createHash('sha256');
    let copied = 0;
    const temporary = `${file}.partial`;
    // An empty range needs no read; createReadStream has no way to ask for zero bytes.
    const source = end > start ? fs.createReadStream(from, { start, end: end - 1, highWaterMark: CHUNK_BYTES }) : Readable.from([]);
    try {
      await pipeline(
        source,
        hashingTransform({ hashes: count === 1 ? [whole] : [whole, part], onBytes: (bytes) => ((copied += bytes), options.onBytes?.(bytes, size)) }),
        fs.createWriteStream(temporary, { flags: 'wx', highWaterMark: CHUNK_BYTES }),
        { signal },
      );
    } catch (error) {
      // A half-written part is of no use to anyone; one that was there before ('wx' refused it) is not ours to remove.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') await fs.promises.rm(temporary, { force: true });
      throw error;
    }
    if (copied !== end - start) {
      throw new AppError('media_failed', `${from} got shorter while it was being copied (the recorder may be overwriting it). Please try again.`);
    }
    await fs.promises.rename(temporary, file);
    parts.push({ file, size: copied, sha256: count === 1 ? '' : part.digest('hex') });
  }
  const sha256 = whole.digest('hex');
  if (count === 1) parts[0]!.sha256 = sha256;
  return { size, sha256, parts };
}

/** One read of a finished file: its size and SHA-256. */
export async function hashFile(options: { file: string; signal: AbortSignal; onBytes?: (bytes: number) => void }): Promise<HashedFile> {
  const hash = createHash('sha256');
  let size = 0;
  await pipeline(
    fs.createReadStream(options.file, { highWaterMark: CHUNK_BYTES }),
    new Writable({
      highWaterMark: CHUNK_BYTES,
      write(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        size += chunk.length;
        options.onBytes?.(chunk.length);
        callback();
      },
    }),
    { signal: options.signal },
  );
  return { file: options.file, size, sha256: hash.digest('hex') };
}
