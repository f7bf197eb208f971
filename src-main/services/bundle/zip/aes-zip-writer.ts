/**
 * Writes an evidence zip: every entry stored and encrypted with WinZip AES-256 (AE-2), ZIP64 where sizes need it,
 * readable by 7-Zip, WinZip and zip.js. One read of each source gives its SHA-256, and the zip is written strictly in
 * order so its own SHA-256 comes out of the same pass. The encryption runs on this thread and the three hashes on
 * worker threads, so a second core is put to use; the zip goes to the disk without the page cache where the system
 * allows (see zip-sink.ts). Speed against `cp`: scripts/bench/bundle-zip.ts.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../errors';
import { createArena, type CryptArena } from './crypt-arena';
import { cryptStream, ShortSourceError } from './crypt-stream';
import { inlineHash, workerHash, type StreamHash } from './stream-hash';
import { deriveKeys, WinZipKeystream, type WinZipKeys } from './winzip-aes';
import { checkEntries, checkSourceSizes, sizeChanged } from './zip-entries';
import { AES_AUTH_BYTES, AES_SALT_BYTES, centralHeader, endRecords, localHeader, planLayout } from './zip-format';
import { readFailure, readFully, writeFailure } from './zip-io';
import { openOutput, RING_BYTES, ZipRing } from './zip-sink';

export interface ZipEntrySource {
  /** '/'-separated path inside the zip, e.g. 'masters/Camera 1/14.00.00.mp4'. */
  name: string;
  /** Exactly one of file (absolute path) or data. */
  file?: string;
  data?: Uint8Array;
  /** Plaintext size in bytes; the writer refuses (AppError 'verify_failed', naming the file) if the source turns out a different size. */
  size: number;
  /** When given, the entry's plaintext SHA-256 must match, else AppError 'verify_failed' ("<name> changed since it was exported…"). */
  expectedSha256?: string;
  modifiedAt: Date;
}

export interface WriteAesZipOptions {
  /** Created with flag 'wx' (AppError 'conflict' if it exists). On any failure or abort the partial file is removed. */
  outFile: string;
  entries: ZipEntrySource[];
  password: string;
  signal?: AbortSignal;
  /** Called often (at least every 16 MiB) with plaintext bytes done / total. */
  onProgress?: (progress: { bytesDone: number; bytesTotal: number }) => void;
  /** fsync the file before closing (default true). */
  fsync?: boolean;
}

export interface WrittenZip {
  size: number;
  sha256: string;
  entries: { name: string; size: number; sha256: string }[];
}

/** Four 4 MiB chunks read ahead: enough to ride out a slow read or a busy core. With the output ring, 32 MiB in all. */
const INPUT_SLOTS = 4;
/** When the zip must end up on the disk and goes through the page cache, it is flushed this often (see ZipRing). */
const SYNC_EVERY_BYTES = 64 * 1024 * 1024;
/** Below this, starting three threads costs more than hashing on this one. */
const WORKER_THRESHOLD_BYTES = 16 * 1024 * 1024;

/** Exact size the zip will have, for free-space checks before writing. */
export function aesZipSize(options: { entries: { name: string; size: number }[] }): number {
  return planLayout(options.entries.map((entry) => ({ name: Buffer.from(entry.name, 'utf8'), size: entry.size }))).size;
}

interface Hashes {
  /** SHA-256 of each entry's plaintext. */
  plain: StreamHash;
  /** HMAC-SHA1 of each entry's ciphertext: the authentication code. */
  mac: StreamHash;
  /** SHA-256 of the zip file as written. */
  whole: StreamHash;
}

interface WriteContext {
  options: WriteAesZipOptions;
  arena: CryptArena;
  hashes: Hashes;
  sink: ZipRing;
  checkCancelled: () => void;
  onBytes: (bytes: number) => void;
}

/** Reads one entry's plaintext: from its file through a handle, or from memory. */
async function openSource(entry: ZipEntrySource): Promise<{ read: (target: Uint8Array, position: number) => Promise<number>; close: () => Promise<void>; extraBytes: () => Promise<boolean> }> {
  const { data } = entry;
  if (data) {
    const copy = (target: Uint8Array, position: number) => {
      const part = data.subarray(position, position + target.length);
      target.set(part);
      return part.length;
    };
    return { read: (target, position) => Promise.resolve(copy(target, position)), close: () => Promise.resolve(), extraBytes: () => Promise.resolve(false) };
  }
  let handle: FileHandle;
  try {
    handle = await fs.promises.open(entry.file!, 'r');
  } catch (error) {
    throw readFailure({ error, label: entry.name });
  }
  const read = async (target: Uint8Array, position: number) => {
    try {
      return await readFully({ handle, target, position });
    } catch (error) {
      throw readFailure({ error, label: entry.name });
    }
  };
  return {
    read,
    // Closing a file that was only read cannot lose anything; a failure here must not hide the one that led here.
    close: () => handle.close().catch(() => undefined),
    extraBytes: async () => (await read(new Uint8Array(1), entry.size)) > 0,
  };
}

async function writeEntry(context: WriteContext, entry: ZipEntrySource, layout: { name: Buffer; offset: number; salt: Buffer; keys: WinZipKeys }) {
  const { arena, hashes, sink } = context;
  await sink.append(localHeader({ name: layout.name, size: entry.size, modifiedAt: entry.modifiedAt, offset: layout.offset }));
  await sink.append(Buffer.concat([layout.salt, layout.keys.verifier]));
  hashes.plain.start({ algorithm: 'sha256' });
  hashes.mac.start({ algorithm: 'sha1', key: layout.keys.hmacKey });
  const source = await openSource(entry);
  try {
    await cryptStream({
      arena,
      length: entry.size,
      read: source.read,
      keystream: new WinZipKeystream({ key: layout.keys.aesKey, arena }),
      inputHashes: [hashes.plain],
      output: {
        take: (length) => sink.take(length),
        // The authentication code is over the ciphertext, read where it lies in the ring.
        filled: (regions) => sink.commit(regions, regions.map((region) => hashes.mac.update(arena.view(region)))),
      },
      checkCancelled: context.checkCancelled,
      onBytes: context.onBytes,
    });
    if (await source.extraBytes()) throw sizeChanged({ name: entry.name, expected: entry.size, actual: entry.size + 1 });
  } catch (error) {
    if (error instanceof ShortSourceError) throw sizeChanged({ name: entry.name, expected: entry.size, actual: error.got });
    throw error;
  } finally {
    await source.close();
  }
  await sink.append((await hashes.mac.digest()).subarray(0, AES_AUTH_BYTES));
  const sha256 = (await hashes.plain.digest()).toString('hex');
  if (entry.expectedSha256 !== undefined && sha256 !== entry.expectedSha256.toLowerCase()) {
    throw new AppError('verify_failed', `${entry.name} changed since it was exported: its contents no longer match the fingerprint recorded then. Export it again, then try once more.`);
  }
  return { name: entry.name, size: entry.size, sha256 };
}

async function writeZip(context: WriteContext, names: Buffer[]): Promise<WrittenZip> {
  const { options, sink } = context;
  const layout = planLayout(options.entries.map((entry, index) => ({ name: names[index]!, size: entry.size })));
  // Keys for the next entry are derived (on the thread pool) while this one streams.
  const keys: Promise<{ salt: Buffer; keys: WinZipKeys }>[] = [];
  const keysFor = (index: number) => {
    if (!keys[index]) {
      const salt = randomBytes(AES_SALT_BYTES);
      keys[index] = deriveKeys({ password: options.password, salt }).then((derived) => ({ salt, keys: derived }));
      keys[index].catch(() => undefined);
    }
    return keys[index];
  };
  const written: WrittenZip['entries'] = [];
  for (const [index, entry] of options.entries.entries()) {
    context.checkCancelled();
    const current = keysFor(index);
    if (index + 1 < options.entries.length) void keysFor(index + 1);
    written.push(await writeEntry(context, entry, { name: names[index]!, offset: layout.offsets[index]!, ...(await current) }));
  }
  const centralOffset = sink.position;
  const central = Buffer.concat(options.entries.map((entry, index) => centralHeader({ name: names[index]!, size: entry.size, modifiedAt: entry.modifiedAt, offset: layout.offsets[index]! })));
  await sink.append(central);
  await sink.append(endRecords({ count: options.entries.length, centralOffset, centralSize: central.length }));
  await sink.flush();
  await context.arena.idle();
  const sha256 = (await context.hashes.whole.digest()).toString('hex');
  if (sink.position !== layout.size) throw new Error(`writeAesZip: wrote ${sink.position} bytes, planned ${layout.size}`);
  return { size: sink.position, sha256, entries: written };
}

export async function writeAesZip(options: WriteAesZipOptions): Promise<WrittenZip> {
  const { outFile, entries, signal } = options;
  const zipName = path.basename(outFile);
  const cancelled = () => new AppError('cancelled', `Making ${zipName} was cancelled, and the unfinished file was removed.`);
  const checkCancelled = () => {
    if (signal?.aborted) throw cancelled();
  };
  if (options.password === '') throw new AppError('invalid_input', `A password is needed to protect ${zipName}.`);
  const names = checkEntries(entries);
  await checkSourceSizes(entries);
  checkCancelled();

  const bytesTotal = entries.reduce((sum, entry) => sum + entry.size, 0);
  let output: { handle: FileHandle; direct: boolean };
  try {
    output = await openOutput({ file: outFile });
  } catch (error) {
    throw writeFailure({ error, file: outFile });
  }
  const { handle } = output;
  const makeHash = bytesTotal >= WORKER_THRESHOLD_BYTES ? workerHash : inlineHash;
  const hashes: Hashes = { plain: makeHash(), mac: makeHash(), whole: makeHash() };
  hashes.whole.start({ algorithm: 'sha256' });
  const arena = createArena({ inputSlots: INPUT_SLOTS, outputBytes: RING_BYTES });
  const sink = new ZipRing({ arena, ...output, hash: hashes.whole, syncEvery: (options.fsync ?? true) ? SYNC_EVERY_BYTES : undefined });
  let bytesDone = 0;
  const onBytes = (bytes: number) => {
    bytesDone += bytes;
    options.onProgress?.({ bytesDone, bytesTotal });
  };
  try {
    options.onProgress?.({ bytesDone: 0, bytesTotal });
    const written = await writeZip({ options, arena, hashes, sink, checkCancelled, onBytes }, names);
    if (options.fsync ?? true) await handle.sync();
    await handle.close();
    return written;
  } catch (error) {
    await arena.settle();
    await sink.settle();
    await handle.close().catch(() => undefined);
    await fs.promises.rm(outFile, { force: true });
    if (signal?.aborted) throw cancelled();
    throw writeFailure({ error, file: outFile });
  } finally {
    await Promise.all([hashes.plain, hashes.mac, hashes.whole].map((hash) => hash.close()));
    await arena.release();
  }
}
