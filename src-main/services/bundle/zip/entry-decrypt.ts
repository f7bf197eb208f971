/**
 * Opening one WinZip AES entry: its password verifier, then its data streamed through the arena, the authentication
 * code computed over the ciphertext as it is read and the SHA-256 over the plaintext as it comes out.
 */
import type { FileHandle } from 'node:fs/promises';
import type { CryptArena } from './crypt-arena';
import { cryptStream, slotOutput } from './crypt-stream';
import type { LocatedEntry } from './zip-directory';
import type { StreamHash } from './stream-hash';
import { aesSaltBytes, deriveKeys, sameBytes, WinZipKeystream, type WinZipKeys } from './winzip-aes';
import { AES_AUTH_BYTES, AES_VERIFIER_BYTES, METHOD_STORED } from './zip-format';
import { readFailure, readFully } from './zip-io';

export interface ReadableEntry extends LocatedEntry {
  dataOffset: number;
  aesStrength: number;
}

/** Chunks read ahead, and plaintext chunks waiting for their hash, when checking or extracting. */
export const READ_SLOTS = 4;

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * zip.js stores an empty file as an AES entry with no salt, verifier or authentication code at all (7-Zip calls that
 * a header error). There is nothing to decrypt or to fake, so it reads as empty; Handover's writer never makes one.
 */
export function hasNoPayload(entry: LocatedEntry): boolean {
  return entry.size === 0 && entry.compressedSize === 0;
}

/**
 * Why Handover cannot open this entry, as a sentence, or null when it can. AE-1 entries (WinZip's default) also carry
 * a CRC-32; it is not checked, the authentication code vouches for every byte already.
 */
export function unreadableReason(options: { entry: LocatedEntry; zipName: string }): string | null {
  const { entry, zipName } = options;
  const where = `${entry.name} in ${zipName}`;
  if (!entry.encrypted || entry.aesStrength === null || entry.aeVersion === null) return `${where} is not protected by a password.`;
  if (![1, 2, 3].includes(entry.aesStrength) || ![1, 2].includes(entry.aeVersion)) return `${where} is locked in a way Handover does not know.`;
  if (entry.method !== METHOD_STORED) return `${where} is compressed; Handover only reads files stored as they are.`;
  if (entry.dataOffset === null) return `${where} could not be found inside the file.`;
  if (hasNoPayload(entry)) return null;
  if (entry.compressedSize !== entry.size + aesSaltBytes(entry.aesStrength) + AES_VERIFIER_BYTES + AES_AUTH_BYTES) return `${where} is damaged: its sizes do not add up.`;
  return null;
}

export function isReadable(entry: LocatedEntry): entry is ReadableEntry {
  return unreadableReason({ entry, zipName: '' }) === null;
}

/** Stands in for the keys of an entry with no payload, which has none and needs none. */
const NO_KEYS: WinZipKeys = { aesKey: Buffer.alloc(32), hmacKey: Buffer.alloc(32), verifier: Buffer.alloc(2) };

/** The entry's keys when the password's verifier matches the one stored with it, else null. */
export async function unlockEntry(options: { handle: FileHandle; entry: ReadableEntry; password: string }): Promise<WinZipKeys | null> {
  const { handle, entry } = options;
  if (hasNoPayload(entry)) return NO_KEYS;
  const saltBytes = aesSaltBytes(entry.aesStrength);
  const head = Buffer.alloc(saltBytes + AES_VERIFIER_BYTES);
  if ((await readFully({ handle, target: head, position: entry.dataOffset })) !== head.length) return null;
  const keys = await deriveKeys({ password: options.password, salt: head.subarray(0, saltBytes), strength: entry.aesStrength });
  return sameBytes({ actual: head.subarray(saltBytes), expected: keys.verifier }) ? keys : null;
}

/**
 * Decrypts the entry, handing the plaintext to `write` chunk by chunk if given (in order; each chunk's bytes stay put
 * until its promise settles). Throws ShortSourceError when the zip ends inside the entry.
 */
export async function decryptEntry(options: {
  handle: FileHandle;
  entry: ReadableEntry;
  zipName: string;
  keys: WinZipKeys;
  arena: CryptArena;
  hashes: { mac: StreamHash; plain: StreamHash };
  write?: (bytes: Uint8Array) => Promise<void>;
  checkCancelled?: () => void;
  onBytes?: (bytes: number) => void;
}): Promise<{ sha256: string; authentic: boolean }> {
  const { handle, entry, keys, arena, hashes } = options;
  if (hasNoPayload(entry)) return { sha256: EMPTY_SHA256, authentic: true };
  const start = entry.dataOffset + aesSaltBytes(entry.aesStrength) + AES_VERIFIER_BYTES;
  hashes.mac.start({ algorithm: 'sha1', key: keys.hmacKey });
  hashes.plain.start({ algorithm: 'sha256' });
  const output = slotOutput({ arena, consume: (bytes) => Promise.all([hashes.plain.update(bytes), options.write?.(bytes)]) });
  try {
    await cryptStream({
      arena,
      length: entry.size,
      read: async (target, position) => {
        try {
          return await readFully({ handle, target, position: start + position });
        } catch (error) {
          throw readFailure({ error, label: `${entry.name} in ${options.zipName}` });
        }
      },
      keystream: new WinZipKeystream({ key: keys.aesKey, arena }),
      inputHashes: [hashes.mac],
      output,
      checkCancelled: options.checkCancelled,
      onBytes: options.onBytes,
    });
    await output.idle();
  } catch (error) {
    await output.settle();
    throw error;
  }
  const stored = Buffer.alloc(AES_AUTH_BYTES);
  const got = await readFully({ handle, target: stored, position: start + entry.size });
  const mac = (await hashes.mac.digest()).subarray(0, AES_AUTH_BYTES);
  const sha256 = (await hashes.plain.digest()).toString('hex');
  return { sha256, authentic: got === AES_AUTH_BYTES && sameBytes({ actual: stored, expected: mac }) };
}
