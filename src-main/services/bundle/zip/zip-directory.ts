/**
 * Reads a zip's structure without the password: the end records (classic and ZIP64), the central directory, and each
 * entry's local header, checking that they all agree. Anything wrong becomes a plain-words problem rather than an
 * exception, so a verifier can report every fault it finds in a damaged or tampered zip.
 */
import type { FileHandle } from 'node:fs/promises';
import { EXTRA_AES, EXTRA_ZIP64, MAX16, MAX32, METHOD_AES, SIG, ZIP64_END_BYTES, ZIP64_LOCATOR_BYTES, END_BYTES } from './zip-format';
import { readFully } from './zip-io';

export interface ZipEntryInfo {
  name: string;
  /** Plaintext size. */
  size: number;
  /** Bytes stored in the zip, salt, verifier and authentication code included. */
  compressedSize: number;
  encrypted: boolean;
  /** WinZip AES strength: 1 (128-bit), 2 (192-bit), 3 (256-bit); null when not WinZip AES. */
  aesStrength: number | null;
  /** 1 (AE-1) or 2 (AE-2); null when not WinZip AES. */
  aeVersion: number | null;
  /** How the data is compressed: for WinZip AES entries the method inside the encryption (0 = stored). */
  method: number;
  localHeaderOffset: number;
}

export interface LocatedEntry extends ZipEntryInfo {
  /** Where the entry's data starts; null when its local header could not be read. */
  dataOffset: number | null;
}

const MAX_CENTRAL_BYTES = 256 * 1024 * 1024;
const FLAG_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;

const u64 = (buffer: Buffer, at: number) => buffer.readUInt32LE(at) + buffer.readUInt32LE(at + 4) * 2 ** 32;

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const got = await readFully({ handle, target: buffer, position });
  return buffer.subarray(0, got);
}

/** Extra fields as id → data; the first of each id counts. */
function parseExtras(extra: Buffer): { fields: Map<number, Buffer>; whole: boolean } {
  const fields = new Map<number, Buffer>();
  let at = 0;
  while (at + 4 <= extra.length) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (at + 4 + size > extra.length) return { fields, whole: false };
    if (!fields.has(id)) fields.set(id, extra.subarray(at + 4, at + 4 + size));
    at += 4 + size;
  }
  return { fields, whole: at === extra.length };
}

/** Takes the 64-bit values of fields that are 0xFFFFFFFF, in APPNOTE order; false when the ZIP64 field does not hold exactly those. */
function applyZip64(zip64: Buffer | undefined, values: number[]): boolean {
  const wanted = values.filter((value) => value === MAX32).length;
  if (!zip64) return wanted === 0;
  if (zip64.length < 8 * wanted) return false;
  let at = 0;
  values.forEach((value, index) => {
    if (value !== MAX32) return;
    values[index] = u64(zip64, at);
    at += 8;
  });
  return true;
}

function aesOf(fields: Map<number, Buffer>): { aeVersion: number; aesStrength: number; method: number } | null {
  const aes = fields.get(EXTRA_AES);
  if (!aes || aes.length < 7 || aes.toString('latin1', 2, 4) !== 'AE') return null;
  return { aeVersion: aes.readUInt16LE(0), aesStrength: aes.readUInt8(4), method: aes.readUInt16LE(5) };
}

interface EndInfo {
  count: number;
  centralSize: number;
  centralOffset: number;
  /** Where the central directory must end: the ZIP64 end record, or the classic one. */
  centralEnd: number;
}

async function readEnd(handle: FileHandle, fileSize: number, problem: (text: string) => void): Promise<EndInfo | null> {
  const tailStart = Math.max(0, fileSize - END_BYTES - 0xffff);
  const tail = await readAt(handle, tailStart, fileSize - tailStart);
  let endAt = -1;
  for (let at = tail.length - END_BYTES; at >= 0; at -= 1) {
    if (tail.readUInt32LE(at) === SIG.end && at + END_BYTES + tail.readUInt16LE(at + 20) === tail.length) {
      endAt = at;
      break;
    }
  }
  if (endAt < 0) {
    problem('is incomplete or damaged: the list of files at its end is missing. It may not have been copied completely.');
    return null;
  }
  const end = tail.subarray(endAt);
  const endOffset = tailStart + endAt;
  if (end.readUInt16LE(4) !== 0 || end.readUInt16LE(6) !== 0) problem('says it is one part of a zip split over several files; Handover writes and reads single files only.');
  const classic = { count: end.readUInt16LE(10), countHere: end.readUInt16LE(8), centralSize: end.readUInt32LE(12), centralOffset: end.readUInt32LE(16) };
  if (classic.count !== classic.countHere) problem('is damaged: its end record counts the files in two different ways.');

  const locatorOffset = endOffset - ZIP64_LOCATOR_BYTES;
  const locator = locatorOffset >= 0 ? await readAt(handle, locatorOffset, ZIP64_LOCATOR_BYTES) : Buffer.alloc(0);
  if (locator.length !== ZIP64_LOCATOR_BYTES || locator.readUInt32LE(0) !== SIG.zip64Locator) {
    if (classic.count === MAX16 || classic.centralSize === MAX32 || classic.centralOffset === MAX32) {
      problem('is damaged: the record that gives the sizes of a large zip is missing.');
      return null;
    }
    return { count: classic.count, centralSize: classic.centralSize, centralOffset: classic.centralOffset, centralEnd: endOffset };
  }
  const zip64Offset = u64(locator, 8);
  const zip64 = zip64Offset + ZIP64_END_BYTES <= locatorOffset ? await readAt(handle, zip64Offset, ZIP64_END_BYTES) : Buffer.alloc(0);
  if (zip64.length !== ZIP64_END_BYTES || zip64.readUInt32LE(0) !== SIG.zip64End) {
    problem('is damaged: the record that gives the sizes of a large zip is not where it should be.');
    return null;
  }
  if (zip64Offset + 12 + u64(zip64, 4) !== locatorOffset) problem('is damaged: there are unexpected bytes near its end.');
  if (zip64.readUInt32LE(16) !== 0 || zip64.readUInt32LE(20) !== 0 || locator.readUInt32LE(4) !== 0) {
    problem('says it is one part of a zip split over several files; Handover writes and reads single files only.');
  }
  const wide = { count: u64(zip64, 32), countHere: u64(zip64, 24), centralSize: u64(zip64, 40), centralOffset: u64(zip64, 48) };
  const disagree =
    wide.count !== wide.countHere ||
    (classic.count !== MAX16 && classic.count !== wide.count) ||
    (classic.centralSize !== MAX32 && classic.centralSize !== wide.centralSize) ||
    (classic.centralOffset !== MAX32 && classic.centralOffset !== wide.centralOffset);
  if (disagree) problem('is damaged: its two end records disagree about the list of files.');
  return { count: wide.count, centralSize: wide.centralSize, centralOffset: wide.centralOffset, centralEnd: zip64Offset };
}

/** The central directory's entries, as far as they can be read. */
function parseCentral(central: Buffer, expected: number, problem: (text: string) => void): ZipEntryInfo[] {
  const entries: ZipEntryInfo[] = [];
  let at = 0;
  while (at + 46 <= central.length && central.readUInt32LE(at) === SIG.central) {
    const flags = central.readUInt16LE(at + 8);
    const nameLength = central.readUInt16LE(at + 28);
    const extraLength = central.readUInt16LE(at + 30);
    const commentLength = central.readUInt16LE(at + 32);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > central.length) break;
    const name = central.toString(flags & FLAG_UTF8 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength);
    const { fields, whole } = parseExtras(central.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
    const values = [central.readUInt32LE(at + 24), central.readUInt32LE(at + 20), central.readUInt32LE(at + 42)];
    if (!applyZip64(fields.get(EXTRA_ZIP64), values) || !whole || central.readUInt16LE(at + 34) !== 0) {
      problem(`is damaged: the entry for ${name} in its list of files is malformed.`);
    }
    const method = central.readUInt16LE(at + 10);
    const aes = method === METHOD_AES ? aesOf(fields) : null;
    entries.push({
      name,
      size: values[0]!,
      compressedSize: values[1]!,
      encrypted: (flags & 1) === 1,
      aesStrength: aes?.aesStrength ?? null,
      aeVersion: aes?.aeVersion ?? null,
      method: aes ? aes.method : method,
      localHeaderOffset: values[2]!,
    });
    at = next;
  }
  if (at !== central.length || entries.length !== expected) {
    problem(`is damaged: its list of files should hold ${expected} files but ${entries.length} could be read.`);
  }
  return entries;
}

/** Checks an entry's local header against its central directory entry; where its data starts, or null. */
async function readLocal(handle: FileHandle, entry: ZipEntryInfo, problem: (text: string) => void): Promise<number | null> {
  const fixed = await readAt(handle, entry.localHeaderOffset, 30);
  if (fixed.length < 30 || fixed.readUInt32LE(0) !== SIG.local) {
    problem(`is damaged: the start of ${entry.name} is not where the list of files says it is.`);
    return null;
  }
  const flags = fixed.readUInt16LE(6);
  const nameLength = fixed.readUInt16LE(26);
  const extraLength = fixed.readUInt16LE(28);
  const variable = await readAt(handle, entry.localHeaderOffset + 30, nameLength + extraLength);
  const name = variable.toString(flags & FLAG_UTF8 ? 'utf8' : 'latin1', 0, nameLength);
  const { fields } = parseExtras(variable.subarray(nameLength));
  const sizes = [fixed.readUInt32LE(22), fixed.readUInt32LE(18)];
  const sizesOk = applyZip64(fields.get(EXTRA_ZIP64), sizes) && sizes[0] === entry.size && sizes[1] === entry.compressedSize;
  const method = fixed.readUInt16LE(8);
  const aes = method === METHOD_AES ? aesOf(fields) : null;
  const agrees =
    variable.length === nameLength + extraLength &&
    name === entry.name &&
    (flags & 1) === Number(entry.encrypted) &&
    (aes ? aes.method : method) === entry.method &&
    (aes?.aesStrength ?? null) === entry.aesStrength &&
    (aes?.aeVersion ?? null) === entry.aeVersion &&
    // With a data descriptor the sizes come after the data and the header may hold zeros.
    (sizesOk || (flags & FLAG_DESCRIPTOR) !== 0);
  if (!agrees) problem(`is damaged: the header of ${entry.name} does not match the list of files.`);
  return entry.localHeaderOffset + 30 + nameLength + extraLength;
}

/** Reads and checks everything but the data; `problems` are sentences about the zip, meant to follow its name. */
export async function readDirectory(options: { handle: FileHandle; fileSize: number }): Promise<{ entries: LocatedEntry[]; problems: string[] }> {
  const { handle, fileSize } = options;
  const problems: string[] = [];
  const problem = (text: string) => problems.push(text);
  if (fileSize < END_BYTES) {
    problem('is too short to be a zip file. It may not have been copied completely.');
    return { entries: [], problems };
  }
  const end = await readEnd(handle, fileSize, problem);
  if (!end) return { entries: [], problems };
  if (end.centralOffset + end.centralSize !== end.centralEnd) problem('is damaged: its list of files is not where its end record says.');
  if (end.centralOffset + end.centralSize > fileSize || end.centralSize > MAX_CENTRAL_BYTES) {
    problem('is damaged: its list of files runs past the end of the file.');
    return { entries: [], problems };
  }
  const central = await readAt(handle, end.centralOffset, end.centralSize);
  const infos = parseCentral(central, end.count, problem);
  const entries: LocatedEntry[] = [];
  for (const info of infos) {
    const dataOffset = info.localHeaderOffset < end.centralOffset ? await readLocal(handle, info, problem) : null;
    if (info.localHeaderOffset >= end.centralOffset) problem(`is damaged: ${info.name} is said to start inside the list of files.`);
    entries.push({ ...info, dataOffset });
  }
  // Entries in offset order must each end before the next begins, the last before the list of files.
  const ordered = entries.filter((entry) => entry.dataOffset !== null).sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  ordered.forEach((entry, index) => {
    const limit = ordered[index + 1]?.localHeaderOffset ?? end.centralOffset;
    if (entry.dataOffset! + entry.compressedSize > limit) problem(`is damaged: ${entry.name} runs into what follows it.`);
  });
  const names = new Set<string>();
  for (const entry of entries) {
    if (names.has(entry.name)) problem(`holds ${entry.name} more than once.`);
    names.add(entry.name);
  }
  return { entries, problems };
}
