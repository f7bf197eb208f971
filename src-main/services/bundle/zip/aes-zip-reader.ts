/**
 * Reading evidence zips back: the structure without the password, and with it every entry decrypted in a stream,
 * its authentication code checked and its SHA-256 computed. Never more than the arena's few chunks in memory.
 */
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../errors';
import { CHUNK_BYTES, createArena, type CryptArena } from './crypt-arena';
import { ShortSourceError } from './crypt-stream';
import { decryptEntry, hasNoPayload, READ_SLOTS, isReadable, unlockEntry, unreadableReason, type ReadableEntry } from './entry-decrypt';
import { extractEntries } from './extract-entries';
import { readDirectory, type LocatedEntry, type ZipEntryInfo } from './zip-directory';
import { inlineHash, workerHash } from './stream-hash';
import type { WinZipKeys } from './winzip-aes';
import { readFailure } from './zip-io';

export type { ZipEntryInfo } from './zip-directory';

/** Above this much data the hashes run on worker threads; below, starting them costs more than it saves. */
const WORKER_THRESHOLD_BYTES = 16 * 1024 * 1024;
const DEFAULT_MAX_ENTRY_BYTES = 16 * 1024 * 1024;

const wrongPassword = (zipName: string) =>
  new AppError('wrong_password', `That password does not open ${zipName}. Check it against the password slip, letter by letter, and try again.`);

/** Opens the zip and reads its structure; problems come back as whole sentences naming the zip. */
async function withDirectory<T>(options: { file: string }, use: (zip: { handle: FileHandle; entries: LocatedEntry[]; problems: string[]; zipName: string }) => Promise<T>): Promise<T> {
  const zipName = path.basename(options.file);
  let handle: FileHandle;
  try {
    handle = await fs.promises.open(options.file, 'r');
  } catch (error) {
    throw readFailure({ error, label: zipName });
  }
  try {
    const { entries, problems } = await readDirectory({ handle, fileSize: (await handle.stat()).size });
    return await use({ handle, entries, problems: problems.map((problem) => `${zipName} ${problem}`), zipName });
  } catch (error) {
    throw readFailure({ error, label: zipName });
  } finally {
    await handle.close();
  }
}

/** Reads and checks the structure (EOCD, ZIP64 records, central directory, each local header agreeing) without the password. */
export async function readZipDirectory(options: { file: string }): Promise<{ entries: ZipEntryInfo[]; problems: string[] }> {
  return withDirectory(options, ({ entries, problems }) =>
    Promise.resolve({
      entries: entries.map(({ dataOffset: _dataOffset, ...info }) => info),
      problems,
    }),
  );
}

/**
 * Keys for every entry the password opens. The 2-byte verifier lets one wrong password in 65,536 through, so only
 * "none opened" means a wrong password; a few failing among many means those entries were swapped or damaged.
 */
async function unlockAll(options: { handle: FileHandle; entries: ReadableEntry[]; password: string; zipName: string }): Promise<Map<ReadableEntry, WinZipKeys>> {
  const unlocked = new Map<ReadableEntry, WinZipKeys>();
  let opened = 0;
  let tried = 0;
  for (const entry of options.entries) {
    const keys = await unlockEntry({ handle: options.handle, entry, password: options.password });
    if (keys) unlocked.set(entry, keys);
    // An entry with no payload opens with any password, so it says nothing about this one.
    if (hasNoPayload(entry)) continue;
    tried += 1;
    if (keys) opened += 1;
  }
  if (tried > 0 && opened === 0) throw wrongPassword(options.zipName);
  return unlocked;
}

/** With the password: for every entry check the verifier (wrong password → AppError 'wrong_password', plain words), decrypt streaming, check the 10-byte auth code and compute plaintext SHA-256. Never holds a whole big entry in memory. */
export async function checkAesZip(options: {
  file: string;
  password: string;
  signal?: AbortSignal;
  onProgress?: (p: { bytesDone: number; bytesTotal: number }) => void;
}): Promise<{ entries: { name: string; size: number; sha256: string; authentic: boolean }[]; problems: string[] }> {
  return withDirectory(options, async ({ handle, entries, problems, zipName }) => {
    const readable = entries.filter(isReadable);
    for (const entry of entries) {
      const reason = unreadableReason({ entry, zipName });
      if (reason) problems.push(reason);
    }
    const unlocked = await unlockAll({ handle, entries: readable, password: options.password, zipName });
    const bytesTotal = [...unlocked.keys()].reduce((sum, entry) => sum + entry.size, 0);
    const make = bytesTotal >= WORKER_THRESHOLD_BYTES ? workerHash : inlineHash;
    const hashes = { mac: make(), plain: make() };
    const arena = createArena({ inputSlots: READ_SLOTS, outputBytes: READ_SLOTS * CHUNK_BYTES });
    const checkCancelled = () => {
      if (options.signal?.aborted) throw new AppError('cancelled', `Checking ${zipName} was cancelled.`);
    };
    let bytesDone = 0;
    const onBytes = (bytes: number) => options.onProgress?.({ bytesDone: (bytesDone += bytes), bytesTotal });
    const results: { name: string; size: number; sha256: string; authentic: boolean }[] = [];
    try {
      options.onProgress?.({ bytesDone, bytesTotal });
      for (const entry of entries) {
        checkCancelled();
        const keys = isReadable(entry) ? unlocked.get(entry) : undefined;
        if (keys) {
          const checked = await checkEntry({ handle, entry: entry as ReadableEntry, zipName, keys, arena, hashes, checkCancelled, onBytes, problems });
          results.push({ name: entry.name, size: entry.size, ...checked });
          continue;
        }
        if (isReadable(entry)) problems.push(`${entry.name} in ${zipName} does not open with the password that opens the other files; it may have been replaced.`);
        results.push({ name: entry.name, size: entry.size, sha256: '', authentic: false });
      }
      await arena.idle();
      return { entries: results, problems };
    } catch (error) {
      await arena.settle();
      throw error;
    } finally {
      await Promise.all([hashes.mac.close(), hashes.plain.close()]);
      await arena.release();
    }
  });
}

async function checkEntry(options: Parameters<typeof decryptEntry>[0] & { problems: string[] }): Promise<{ sha256: string; authentic: boolean }> {
  const where = `${options.entry.name} in ${options.zipName}`;
  try {
    const result = await decryptEntry(options);
    if (!result.authentic) options.problems.push(`${where} was changed or damaged: its check code does not match its contents.`);
    return result;
  } catch (error) {
    if (!(error instanceof ShortSourceError)) throw error;
    options.problems.push(`${where} is cut short: the zip ends before it does.`);
    return { sha256: '', authentic: false };
  }
}

/** Decrypts one (small) entry into memory, e.g. manifest.json; AppError 'not_found' when absent. Checks its auth code. */
export async function readAesZipEntry(options: { file: string; password: string; name: string; maxBytes?: number }): Promise<Buffer> {
  return withDirectory(options, async ({ handle, entries, zipName }) => {
    const entry = entries.find((candidate) => candidate.name === options.name);
    if (!entry) throw new AppError('not_found', `${options.name} is not inside ${zipName}.`);
    if (!isReadable(entry)) throw new AppError('verify_failed', unreadableReason({ entry, zipName })!);
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_ENTRY_BYTES;
    if (entry.size > maxBytes) throw new AppError('verify_failed', `${entry.name} in ${zipName} is far bigger than it should be (${entry.size} bytes), so it was not opened.`);
    const keys = await unlockEntry({ handle, entry, password: options.password });
    if (!keys) throw wrongPassword(zipName);
    const plain = Buffer.alloc(entry.size);
    let filled = 0;
    const arena: CryptArena = createArena({ inputSlots: 2, outputBytes: 2 * CHUNK_BYTES });
    const write = (bytes: Uint8Array) => {
      plain.set(bytes, filled);
      filled += bytes.length;
      return Promise.resolve();
    };
    const { authentic } = await decryptEntry({ handle, entry, zipName, keys, arena, hashes: { mac: inlineHash(), plain: inlineHash() }, write })
      .catch((error: unknown) => {
        if (error instanceof ShortSourceError) return { authentic: false };
        throw error;
      })
      .finally(() => arena.release());
    if (!authentic) throw new AppError('verify_failed', `${entry.name} in ${zipName} was changed or damaged: its check code does not match its contents.`);
    return plain;
  });
}

/** Extracts everything into outDir (streaming), for tests and for the CLI. */
export async function extractAesZip(options: { file: string; password: string; outDir: string; signal?: AbortSignal }): Promise<void> {
  await withDirectory(options, async ({ handle, entries, problems, zipName }) => {
    if (problems.length > 0) throw new AppError('verify_failed', problems[0]!);
    const readable = entries.map((entry) => {
      if (!isReadable(entry)) throw new AppError('verify_failed', unreadableReason({ entry, zipName })!);
      return entry;
    });
    const unlocked = await unlockAll({ handle, entries: readable, password: options.password, zipName });
    const make = readable.reduce((sum, entry) => sum + entry.size, 0) >= WORKER_THRESHOLD_BYTES ? workerHash : inlineHash;
    await extractEntries({ handle, entries: readable, unlocked, outDir: options.outDir, signal: options.signal, zipName, makeHash: make });
  });
}
