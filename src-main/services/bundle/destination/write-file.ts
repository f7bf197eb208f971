/**
 * One file of the bundle onto the destination, durably: written under a hidden temporary name opened with 'wx' (never
 * over anything), hashed from the very bytes written, flushed to the drive, and only then given its real name. So a
 * name without ".partial" always means a whole file, even after a crash or a pulled stick.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { AppError } from '../../errors';
import { REFUSED_MID_WRITE_MESSAGE, TOO_BIG_FOR_FAT_MESSAGE } from './destination-errors';
import { errnoCode, type DestinationFs } from './destination-fs';
import { FAT_MAX_FILE_BYTES } from './space';

export interface BundleFileSource {
  name: string;
  /** absolute path of an existing file, or in-memory bytes */
  file?: string;
  data?: Uint8Array;
  size: number;
  sha256: string;
}

/** Big enough for few system calls per GB; two of them let the next read overlap the current write. */
export const WRITE_CHUNK_BYTES = 1024 * 1024;

export function temporaryName(options: { name: string }): string {
  return `.${options.name}.partial`;
}

const NOT_COPIED = 'Nothing usable was left on the USB stick.';

function sourceChanged(options: { name: string }): AppError {
  return new AppError(
    'verify_failed',
    `${options.name} changed on this computer after Handover made it, so it no longer matches its fingerprint and was not copied. ${NOT_COPIED} Make the evidence bundle again.`,
  );
}

export async function writeBundleFile(options: {
  fs: DestinationFs;
  dir: string;
  source: BundleFileSource;
  signal?: AbortSignal;
  onBytes?: (bytes: number) => void;
}): Promise<void> {
  const { fs, dir, source } = options;
  const temporary = path.join(dir, temporaryName({ name: source.name }));
  const final = path.join(dir, source.name);
  const hash = createHash('sha256');
  let written = 0;
  const fd = await fs.open(temporary, 'wx');
  try {
    const sink = async (chunk: Uint8Array) => {
      options.signal?.throwIfAborted();
      // The source's size was checked, so running past it means the source grew under us: stop before writing it.
      if (written + chunk.length > source.size) throw sourceChanged({ name: source.name });
      hash.update(chunk);
      await writeAll({ fs, fd, chunk, position: written });
      written += chunk.length;
      options.onBytes?.(chunk.length);
    };
    if (source.data) {
      for (let start = 0; start < source.data.length; start += WRITE_CHUNK_BYTES) await sink(source.data.subarray(start, start + WRITE_CHUNK_BYTES));
    } else {
      await readSource({ fs, file: source.file!, name: source.name, size: source.size, sink });
    }
    if (written !== source.size || hash.digest('hex') !== source.sha256.toLowerCase()) throw sourceChanged({ name: source.name });
    await fs.fsync(fd);
  } catch (error) {
    await fs.close(fd).catch(() => undefined);
    throw error;
  }
  await fs.close(fd);
  await fs.rename(temporary, final);
}

/** Writes all of `chunk` at `position`, however many calls the OS needs. */
export async function writeAll(options: { fs: DestinationFs; fd: number; chunk: Uint8Array; position: number }): Promise<void> {
  const { fs, fd, chunk, position } = options;
  let done = 0;
  while (done < chunk.length) {
    let bytes: number;
    try {
      bytes = await fs.write(fd, chunk, done, chunk.length - done, position + done);
    } catch (error) {
      // Windows says UNKNOWN (ERROR_FILE_TOO_LARGE, ERROR_FILE_SYSTEM_LIMITATION) when FAT32's 4 GB limit is hit.
      const code = errnoCode(error);
      if (position + chunk.length > FAT_MAX_FILE_BYTES && (code === 'EFBIG' || code === 'UNKNOWN' || code === 'EINVAL')) {
        throw new AppError('no_space', TOO_BIG_FOR_FAT_MESSAGE, { cause: error });
      }
      // The file was opened for writing, so this is no lock: fusefat says EPERM when the disk is full.
      if (code === 'EPERM' || code === 'EACCES') throw new AppError('no_space', REFUSED_MID_WRITE_MESSAGE, { cause: error });
      throw error;
    }
    // A write that makes no progress would loop for ever; a drive that does this is failing.
    if (bytes <= 0) throw Object.assign(new Error('write made no progress'), { code: 'EIO', syscall: 'write' });
    done += bytes;
  }
}

/**
 * Streams a file from this computer's disk into `sink`, reading the next chunk while the last is being written.
 * Errors here are about the app's own copy, not the stick, so they are told apart.
 */
async function readSource(options: { fs: DestinationFs; file: string; name: string; size: number; sink: (chunk: Uint8Array) => Promise<void> }): Promise<void> {
  const { fs, file, name } = options;
  const unreadable = (error: unknown) =>
    new AppError(
      errnoCode(error) === 'ENOENT' ? 'not_found' : 'io_failed',
      errnoCode(error) === 'ENOENT'
        ? `${name} is missing from Handover's own folder on this computer, so it could not be copied. ${NOT_COPIED} Make the evidence bundle again.`
        : `Handover could not read ${name} from this computer's disk (${errnoCode(error) ?? 'unknown error'}), so it could not be copied. ${NOT_COPIED} Press Try again.`,
      { cause: error },
    );
  let fd: number;
  try {
    // Checked first so a changed file fails in a second, not after gigabytes were written to a slow stick.
    if ((await fs.stat(file)).size !== options.size) throw sourceChanged({ name });
    fd = await fs.open(file, 'r');
  } catch (error) {
    throw error instanceof AppError ? error : unreadable(error);
  }
  const buffers = [Buffer.allocUnsafe(WRITE_CHUNK_BYTES), Buffer.allocUnsafe(WRITE_CHUNK_BYTES)];
  let position = 0;
  let turn = 0;
  let pending: Promise<number> | null = null;
  const readInto = (buffer: Buffer, at: number) => {
    const read = fs.read(fd, buffer, 0, WRITE_CHUNK_BYTES, at).catch((error: unknown) => Promise.reject(unreadable(error)));
    // Marked as handled now: it may fail while the last chunk is still being written, before anyone awaits it.
    read.catch(() => undefined);
    return read;
  };
  try {
    pending = readInto(buffers[0]!, 0);
    for (;;) {
      const bytes: number = await pending;
      pending = null;
      if (bytes === 0) break;
      const current = buffers[turn]!;
      position += bytes;
      turn = 1 - turn;
      pending = readInto(buffers[turn]!, position);
      await options.sink(current.subarray(0, bytes));
    }
  } finally {
    // The read in flight must finish before its file is closed, or it could land on a reused descriptor.
    if (pending) await pending.catch(() => 0);
    await fs.close(fd).catch(() => undefined);
  }
}
