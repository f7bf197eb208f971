/**
 * Byte-for-byte copies that are fingerprinted as they are made, and fingerprints of files already written. Recordings
 * run to several GB, so everything streams in 1 MiB chunks: memory stays flat whatever the file size. (Bigger chunks
 * were measured slower: 2 MiB took three times the CPU of 1 MiB for a hashed copy of 1 GB, 512 KiB the same as 1 MiB.)
 */
import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Worker } from 'node:worker_threads';
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

/**
 * Waits until a written file's data is on the disk (fdatasync; FlushFileBuffers on Windows). Each output is flushed
 * as soon as it is finished, so writing it out overlaps the rest of the export rather than following it, and an
 * export that says it is finished is on the disk, not just in memory.
 */
export async function flushToDisk(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r+');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
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
    await flushToDisk(temporary);
    await fs.promises.rename(temporary, file);
    parts.push({ file, size: copied, sha256: count === 1 ? '' : part.digest('hex') });
  }
  const sha256 = whole.digest('hex');
  if (count === 1) parts[0]!.sha256 = sha256;
  return { size, sha256, parts };
}

/**
 * Files from this size on are fingerprinted in a worker thread. Their SHA-256 is most of a second per GB of one core,
 * and the export's own thread is busy then with the masters' fingerprints: in a worker, the two run on two cores
 * (ffmpeg, the other user of a core, has finished by the time a working copy is fingerprinted). Below it, starting
 * a thread would cost more than it saves.
 */
export const WORKER_HASH_FROM_BYTES = 64 * 1024 * 1024;

/** How often the worker says how far it has got. */
const WORKER_REPORT_BYTES = 8 * CHUNK_BYTES;

/**
 * The worker, as source (CommonJS), so that it needs no file of its own next to the bundled main process. Reads in
 * CHUNK_BYTES with one reused buffer, which also stays in the core's cache between the read and the hash.
 */
const HASH_WORKER_SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const { file, chunkBytes, reportBytes } = workerData;
let fd = null;
try {
  fd = fs.openSync(file, 'r');
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(chunkBytes);
  let size = 0;
  let unreported = 0;
  for (;;) {
    const read = fs.readSync(fd, buffer, 0, chunkBytes, null);
    if (read === 0) break;
    hash.update(read === chunkBytes ? buffer : buffer.subarray(0, read));
    size += read;
    unreported += read;
    if (unreported >= reportBytes) {
      parentPort.postMessage({ bytes: unreported });
      unreported = 0;
    }
  }
  if (unreported > 0) parentPort.postMessage({ bytes: unreported });
  parentPort.postMessage({ size, sha256: hash.digest('hex') });
} catch (error) {
  const e = error || {};
  parentPort.postMessage({ error: { message: String(e.message || error), code: e.code, errno: e.errno, syscall: e.syscall, path: e.path } });
} finally {
  if (fd !== null) fs.closeSync(fd);
}
`;

type WorkerMessage = { bytes: number } | { size: number; sha256: string } | { error: { message: string; code?: string; errno?: number; syscall?: string; path?: string } };

/** The error a cancelled stream pipeline gives, so callers need not tell the two ways apart. */
function abortError(): Error {
  return Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' });
}

function hashInWorker(options: { file: string; signal: AbortSignal; onBytes?: (bytes: number) => void }): Promise<HashedFile> {
  const { file, signal } = options;
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise<HashedFile>((resolve, reject) => {
    const worker = new Worker(HASH_WORKER_SOURCE, { eval: true, workerData: { file, chunkBytes: CHUNK_BYTES, reportBytes: WORKER_REPORT_BYTES } });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      outcome();
    };
    const onAbort = () => {
      void worker.terminate();
      settle(() => reject(abortError()));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: WorkerMessage) => {
      if ('bytes' in message) options.onBytes?.(message.bytes);
      else if ('sha256' in message) settle(() => resolve({ file, size: message.size, sha256: message.sha256 }));
      else settle(() => reject(Object.assign(new Error(message.error.message), message.error)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`The fingerprint of ${file} could not be taken: its worker thread stopped (exit code ${code}).`))));
  });
}

/**
 * One read of a finished file: its size and SHA-256. Big files are read in a worker thread (see
 * WORKER_HASH_FROM_BYTES); `inWorker` decides it either way.
 */
export async function hashFile(options: { file: string; signal: AbortSignal; onBytes?: (bytes: number) => void; inWorker?: boolean }): Promise<HashedFile> {
  const inWorker = options.inWorker ?? (await fs.promises.stat(options.file)).size >= WORKER_HASH_FROM_BYTES;
  if (inWorker) return hashInWorker(options);
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
