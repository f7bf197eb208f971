/**
 * Byte-for-byte copies that are fingerprinted as they are made, and fingerprints of files already written. Recordings
 * run to several GB, so everything goes through reused 1 MiB buffers: memory stays flat whatever the file size.
 * (Measured on a hashed copy of 1 GB: 512 KiB chunks cost the same as 1 MiB; with a new buffer per chunk, as Node's
 * file streams allocate them, 2 MiB chunks took three times the CPU of 1 MiB.)
 */
import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
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

/**
 * Where in a buffer the data starts. glibc puts big allocations 16 bytes past a page boundary, which is the worst
 * place for the kernel's copy between the page cache and the buffer on AMD Zen CPUs (and some Intel ones): reading
 * 1 GB from the page cache into such a buffer took 0.51 s on the bench machine, and 0.08 s at every other offset tried
 * from 32 to 4064 bytes past a boundary; writing from 16 bytes before a boundary took 2.5 times as long as from
 * elsewhere. 64 bytes in keeps clear of both, whether the allocation starts 16 bytes past a boundary or on one.
 */
const BUFFER_OFFSET = 64;

/** A buffer of `bytes` placed as BUFFER_OFFSET explains. Allocated once per copy and reused for every chunk. */
function copyBuffer(bytes: number): Buffer {
  return Buffer.allocUnsafeSlow(bytes + 2 * BUFFER_OFFSET).subarray(BUFFER_OFFSET, BUFFER_OFFSET + bytes);
}

/** The error Node gives for an aborted operation (the name callers look for). */
function abortError(): Error {
  return Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' });
}

async function writeAll(options: { output: fs.promises.FileHandle; chunk: Buffer; position: number }): Promise<void> {
  const { output, chunk } = options;
  for (let written = 0; written < chunk.length; ) {
    const { bytesWritten } = await output.write(chunk, written, chunk.length - written, options.position + written);
    written += bytesWritten;
  }
}

/**
 * Copies bytes `start` to `end` of `input` into `output` (from its beginning), feeding each chunk to every hash on
 * the way, and returns how many bytes it copied: fewer than asked when the file got shorter. Two buffers take turns,
 * so the next chunk is read and the last one written (by libuv's threads) while this one is hashed.
 */
async function copyRange(options: {
  input: fs.promises.FileHandle;
  output: fs.promises.FileHandle;
  start: number;
  end: number;
  buffers: [Buffer, Buffer];
  hashes: Hash[];
  signal: AbortSignal;
  onBytes: (bytes: number) => void;
}): Promise<number> {
  const { input, output, start, end, buffers, signal } = options;
  let next = start;
  const read = (buffer: Buffer) => {
    const length = Math.min(buffer.length, end - next);
    if (length <= 0) return null;
    return input.read(buffer, 0, length, next);
  };
  let copied = 0;
  let turn = 0;
  let reading = read(buffers[0]);
  let writing: Promise<void> = Promise.resolve();
  try {
    while (reading) {
      const { bytesRead } = await reading;
      if (signal.aborted) throw abortError();
      // Nothing more to read before `end`: the file got shorter since its size was taken.
      if (bytesRead === 0) break;
      next += bytesRead;
      const chunk = buffers[turn % 2]!.subarray(0, bytesRead);
      for (const hash of options.hashes) hash.update(chunk);
      // The other buffer is free once its write is done; the next chunk goes into it.
      await writing;
      reading = read(buffers[(turn + 1) % 2]!);
      writing = writeAll({ output, chunk, position: copied });
      copied += bytesRead;
      options.onBytes(bytesRead);
      turn += 1;
    }
    await writing;
  } catch (error) {
    // Nothing of ours may still be reading or writing when the caller removes the file.
    await Promise.allSettled([reading, writing]);
    throw error;
  }
  return copied;
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
  if (signal.aborted) throw abortError();
  const whole = createHash('sha256');
  const count = size > splitBytes ? Math.ceil(size / splitBytes) : 1;
  const parts: HashedFile[] = [];
  const buffers: [Buffer, Buffer] = [copyBuffer(CHUNK_BYTES), copyBuffer(CHUNK_BYTES)];
  const input = await fs.promises.open(from, 'r');
  try {
    for (let index = 0; index < count; index += 1) {
      const file = count === 1 ? to : partFileName({ file: to, index, count });
      const start = index * splitBytes;
      const end = Math.min(size, start + splitBytes);
      const part = count === 1 ? whole : createHash('sha256');
      const temporary = `${file}.partial`;
      // One that is there already ('wx' refused it) is not ours to remove.
      const output = await fs.promises.open(temporary, 'wx');
      let copied: number;
      try {
        copied = await copyRange({
          input,
          output,
          start,
          end,
          buffers,
          hashes: count === 1 ? [whole] : [whole, part],
          signal,
          onBytes: (bytes) => options.onBytes?.(bytes, size),
        });
        if (copied !== end - start) {
          throw new AppError('media_failed', `${from} got shorter while it was being copied (the recorder may be overwriting it). Please try again.`);
        }
        // On the disk before it gets its name (see flushToDisk).
        await output.datasync();
      } catch (error) {
        // A half-written part is of no use to anyone.
        await output.close().catch(() => undefined);
        await fs.promises.rm(temporary, { force: true });
        throw error;
      }
      await output.close();
      await fs.promises.rename(temporary, file);
      parts.push({ file, size: copied, sha256: count === 1 ? '' : part.digest('hex') });
    }
  } finally {
    await input.close();
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
const { file, chunkBytes, reportBytes, bufferOffset } = workerData;
let fd = null;
try {
  fd = fs.openSync(file, 'r');
  const hash = createHash('sha256');
  // Placed as BUFFER_OFFSET explains.
  const buffer = Buffer.allocUnsafeSlow(chunkBytes + 2 * bufferOffset).subarray(bufferOffset, bufferOffset + chunkBytes);
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

function hashInWorker(options: { file: string; signal: AbortSignal; onBytes?: (bytes: number) => void }): Promise<HashedFile> {
  const { file, signal } = options;
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise<HashedFile>((resolve, reject) => {
    const worker = new Worker(HASH_WORKER_SOURCE, { eval: true, workerData: { file, chunkBytes: CHUNK_BYTES, reportBytes: WORKER_REPORT_BYTES, bufferOffset: BUFFER_OFFSET } });
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
  if (options.signal.aborted) throw abortError();
  const hash = createHash('sha256');
  const buffer = copyBuffer(CHUNK_BYTES);
  const input = await fs.promises.open(options.file, 'r');
  let size = 0;
  try {
    for (;;) {
      const { bytesRead } = await input.read(buffer, 0, buffer.length, size);
      if (options.signal.aborted) throw abortError();
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      size += bytesRead;
      options.onBytes?.(bytesRead);
    }
  } finally {
    await input.close();
  }
  return { file: options.file, size, sha256: hash.digest('hex') };
}
