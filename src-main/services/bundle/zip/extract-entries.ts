/**
 * Writing a zip's entries out as files, each decrypted in a stream and kept only if its authentication code holds.
 */
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../errors';
import { CHUNK_BYTES, createArena } from './crypt-arena';
import { ShortSourceError } from './crypt-stream';
import { decryptEntry, READ_SLOTS, type ReadableEntry } from './entry-decrypt';
import type { StreamHash } from './stream-hash';
import type { WinZipKeys } from './winzip-aes';
import { isSafeEntryName } from './zip-entries';
import { writeFailure, writeFully } from './zip-io';

export async function extractEntries(options: {
  handle: FileHandle;
  entries: ReadableEntry[];
  unlocked: Map<ReadableEntry, WinZipKeys>;
  outDir: string;
  zipName: string;
  signal?: AbortSignal;
  makeHash: () => StreamHash;
}): Promise<void> {
  const { handle, zipName } = options;
  const hashes = { mac: options.makeHash(), plain: options.makeHash() };
  const arena = createArena({ inputSlots: READ_SLOTS, outputBytes: READ_SLOTS * CHUNK_BYTES });
  const checkCancelled = () => {
    if (options.signal?.aborted) throw new AppError('cancelled', `Opening ${zipName} was cancelled.`);
  };
  try {
    for (const entry of options.entries) {
      const where = `${entry.name} in ${zipName}`;
      // A name like '../x' must never reach outside the folder it is unpacked into.
      if (!isSafeEntryName(entry.name)) throw new AppError('verify_failed', `${where} has a name that could write outside the folder, so nothing more was unpacked.`);
      const keys = options.unlocked.get(entry);
      if (!keys) throw new AppError('verify_failed', `${where} does not open with the password that opens the other files; it may have been replaced.`);
      const target = path.join(options.outDir, ...entry.name.split('/'));
      let out: FileHandle;
      try {
        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        out = await fs.promises.open(target, 'wx');
      } catch (error) {
        throw writeFailure({ error, file: target });
      }
      // Positional writes, so several chunks can be on their way at once.
      let written = 0;
      const write = (bytes: Uint8Array) => {
        const position = written;
        written += bytes.length;
        return writeFully({ handle: out, bytes, position });
      };
      let authentic = false;
      try {
        ({ authentic } = await decryptEntry({ handle, entry, zipName, keys, arena, hashes, write, checkCancelled }));
      } catch (error) {
        await arena.settle();
        throw error instanceof ShortSourceError ? new AppError('verify_failed', `${where} is cut short: the zip ends before it does.`) : writeFailure({ error, file: target });
      } finally {
        await out.close();
        if (!authentic) await fs.promises.rm(target, { force: true });
      }
      if (!authentic) throw new AppError('verify_failed', `${where} was changed or damaged: its check code does not match its contents.`);
    }
    await arena.idle();
  } finally {
    await Promise.all([hashes.mac.close(), hashes.plain.close()]);
    await arena.release();
  }
}
