/**
 * The byte layout of the ZIP records the AES writer emits (APPNOTE 6.3.x with WinZip's AE-2 extension), and the exact
 * size they add up to. Every entry is stored (no compression), encrypted with AES-256 and described with ZIP64 fields
 * only where a 32-bit field cannot hold its value, because 7-Zip flags a ZIP64 field whose classic field is not
 * 0xFFFFFFFF as a header error.
 */

export const SIG = {
  local: 0x04034b50,
  central: 0x02014b50,
  zip64End: 0x06064b50,
  zip64Locator: 0x07064b50,
  end: 0x06054b50,
} as const;

export const EXTRA_ZIP64 = 0x0001;
export const EXTRA_AES = 0x9901;
export const METHOD_AES = 99;
export const METHOD_STORED = 0;
/** Bit 0: encrypted; bit 11: the name is UTF-8 (camera and folder names are not always ASCII). */
export const FLAGS = 0x0001 | 0x0800;
/** 5.1 is the first APPNOTE version that knows AES; it also covers ZIP64 (4.5). */
export const VERSION_NEEDED = 51;
/** Made on Unix (upper byte 3) by a 6.3 writer, so extractors give the files ordinary permissions. */
export const VERSION_MADE_BY = (3 << 8) | 63;
/** A regular file, rw-r--r--, in the Unix half of the external attributes. */
const EXTERNAL_ATTRIBUTES = (0o100644 << 16) >>> 0;

export const AES_SALT_BYTES = 16;
export const AES_VERIFIER_BYTES = 2;
export const AES_AUTH_BYTES = 10;
/** What encryption adds to each entry: salt and password verifier before the data, the authentication code after. */
export const AES_OVERHEAD = AES_SALT_BYTES + AES_VERIFIER_BYTES + AES_AUTH_BYTES;
/** AE-2 (the CRC field is left 0, so nothing about the plaintext shows), 'AE', 256-bit, stored. */
const AES_EXTRA_BYTES = 4 + 7;

export const MAX32 = 0xffffffff;
export const MAX16 = 0xffff;
const LOCAL_FIXED = 30;
const CENTRAL_FIXED = 46;
export const ZIP64_END_BYTES = 56;
export const ZIP64_LOCATOR_BYTES = 20;
export const END_BYTES = 22;

export interface EntryLayout {
  name: Buffer;
  size: number;
  modifiedAt: Date;
  /** Offset of the local header from the start of the zip. */
  offset: number;
}

export function encryptedSize(size: number): number {
  return size + AES_OVERHEAD;
}

/** 0xFFFFFFFF itself means "see the ZIP64 field", so it too has to move there. */
const needs64 = (value: number) => value >= MAX32;

function writeU64(buffer: Buffer, value: number, at: number): number {
  buffer.writeUInt32LE(value % 2 ** 32, at);
  buffer.writeUInt32LE(Math.floor(value / 2 ** 32), at + 4);
  return at + 8;
}

/**
 * The local header's ZIP64 field must hold both sizes (APPNOTE 4.5.3), so both classic fields go to 0xFFFFFFFF
 * together; 7-Zip reads exactly the fields that are 0xFFFFFFFF, so the two rules agree.
 */
function localNeeds64(entry: { size: number }): boolean {
  return needs64(encryptedSize(entry.size));
}

function centralZip64Fields(entry: { size: number; offset: number }): number[] {
  return [entry.size, encryptedSize(entry.size), entry.offset].filter(needs64);
}

export function localHeaderSize(entry: { name: Buffer; size: number }): number {
  return LOCAL_FIXED + entry.name.length + (localNeeds64(entry) ? 20 : 0) + AES_EXTRA_BYTES;
}

export function centralHeaderSize(entry: { name: Buffer; size: number; offset: number }): number {
  const fields = centralZip64Fields(entry).length;
  return CENTRAL_FIXED + entry.name.length + (fields > 0 ? 4 + 8 * fields : 0) + AES_EXTRA_BYTES;
}

/**
 * MS-DOS date and time in local time, as every zip tool shows them; clamped to the years DOS can hold (1980–2107)
 * so an odd clock never makes a header 7-Zip rejects. Seconds are stored halved.
 */
export function dosDateTime(date: Date): { date: number; time: number } {
  const min = new Date(1980, 0, 1, 0, 0, 0);
  const max = new Date(2107, 11, 31, 23, 59, 58);
  const d = Number.isNaN(date.getTime()) || date < min ? min : date > max ? max : date;
  return {
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
  };
}

function writeAesExtra(buffer: Buffer, at: number): number {
  buffer.writeUInt16LE(EXTRA_AES, at);
  buffer.writeUInt16LE(7, at + 2);
  buffer.writeUInt16LE(2, at + 4); // AE-2
  buffer.write('AE', at + 6, 'latin1');
  buffer.writeUInt8(3, at + 8); // AES-256
  buffer.writeUInt16LE(METHOD_STORED, at + 9);
  return at + AES_EXTRA_BYTES;
}

/** Fields shared by the local and central headers, from "version needed" to the name length. */
function writeCommon(buffer: Buffer, at: number, entry: EntryLayout, sizes: { compressed: number; uncompressed: number }): number {
  const { date, time } = dosDateTime(entry.modifiedAt);
  buffer.writeUInt16LE(VERSION_NEEDED, at);
  buffer.writeUInt16LE(FLAGS, at + 2);
  buffer.writeUInt16LE(METHOD_AES, at + 4);
  buffer.writeUInt16LE(time, at + 6);
  buffer.writeUInt16LE(date, at + 8);
  buffer.writeUInt32LE(0, at + 10); // CRC-32: AE-2 leaves it 0
  buffer.writeUInt32LE(sizes.compressed, at + 14);
  buffer.writeUInt32LE(sizes.uncompressed, at + 18);
  buffer.writeUInt16LE(entry.name.length, at + 22);
  return at + 24;
}

export function localHeader(entry: EntryLayout): Buffer {
  const buffer = Buffer.alloc(localHeaderSize(entry));
  const wide = localNeeds64(entry);
  buffer.writeUInt32LE(SIG.local, 0);
  let at = writeCommon(buffer, 4, entry, {
    compressed: wide ? MAX32 : encryptedSize(entry.size),
    uncompressed: wide ? MAX32 : entry.size,
  });
  buffer.writeUInt16LE(buffer.length - LOCAL_FIXED - entry.name.length, at);
  at = LOCAL_FIXED + entry.name.copy(buffer, LOCAL_FIXED);
  if (wide) {
    buffer.writeUInt16LE(EXTRA_ZIP64, at);
    buffer.writeUInt16LE(16, at + 2);
    at = writeU64(buffer, entry.size, at + 4);
    at = writeU64(buffer, encryptedSize(entry.size), at);
  }
  writeAesExtra(buffer, at);
  return buffer;
}

export function centralHeader(entry: EntryLayout): Buffer {
  const buffer = Buffer.alloc(centralHeaderSize(entry));
  const compressed = encryptedSize(entry.size);
  const wide = centralZip64Fields(entry);
  buffer.writeUInt32LE(SIG.central, 0);
  buffer.writeUInt16LE(VERSION_MADE_BY, 4);
  let at = writeCommon(buffer, 6, entry, {
    compressed: needs64(compressed) ? MAX32 : compressed,
    uncompressed: needs64(entry.size) ? MAX32 : entry.size,
  });
  buffer.writeUInt16LE(buffer.length - CENTRAL_FIXED - entry.name.length, at); // extra length
  buffer.writeUInt16LE(0, at + 2); // comment length
  buffer.writeUInt16LE(0, at + 4); // disk number start
  buffer.writeUInt16LE(0, at + 6); // internal attributes
  buffer.writeUInt32LE(EXTERNAL_ATTRIBUTES, at + 8);
  buffer.writeUInt32LE(needs64(entry.offset) ? MAX32 : entry.offset, at + 12);
  at = CENTRAL_FIXED + entry.name.copy(buffer, CENTRAL_FIXED);
  if (wide.length > 0) {
    buffer.writeUInt16LE(EXTRA_ZIP64, at);
    buffer.writeUInt16LE(8 * wide.length, at + 2);
    at += 4;
    for (const value of wide) at = writeU64(buffer, value, at);
  }
  writeAesExtra(buffer, at);
  return buffer;
}

/**
 * The ZIP64 end record and its locator are always written, then the classic end record with real values where they
 * fit and 0xFFFF / 0xFFFFFFFF where they do not (7-Zip compares the two wherever the classic value is not maxed).
 */
export function endRecords(options: { count: number; centralOffset: number; centralSize: number }): Buffer {
  const { count, centralOffset, centralSize } = options;
  const buffer = Buffer.alloc(ZIP64_END_BYTES + ZIP64_LOCATOR_BYTES + END_BYTES);
  const zip64EndOffset = centralOffset + centralSize;
  buffer.writeUInt32LE(SIG.zip64End, 0);
  writeU64(buffer, ZIP64_END_BYTES - 12, 4);
  buffer.writeUInt16LE(VERSION_MADE_BY, 12);
  buffer.writeUInt16LE(45, 14);
  buffer.writeUInt32LE(0, 16); // this disk
  buffer.writeUInt32LE(0, 20); // disk with the central directory
  writeU64(buffer, count, 24);
  writeU64(buffer, count, 32);
  writeU64(buffer, centralSize, 40);
  writeU64(buffer, centralOffset, 48);
  let at = ZIP64_END_BYTES;
  buffer.writeUInt32LE(SIG.zip64Locator, at);
  buffer.writeUInt32LE(0, at + 4);
  writeU64(buffer, zip64EndOffset, at + 8);
  buffer.writeUInt32LE(1, at + 16); // total disks
  at += ZIP64_LOCATOR_BYTES;
  buffer.writeUInt32LE(SIG.end, at);
  buffer.writeUInt16LE(0, at + 4);
  buffer.writeUInt16LE(0, at + 6);
  buffer.writeUInt16LE(Math.min(count, MAX16), at + 8);
  buffer.writeUInt16LE(Math.min(count, MAX16), at + 10);
  buffer.writeUInt32LE(Math.min(centralSize, MAX32), at + 12);
  buffer.writeUInt32LE(Math.min(centralOffset, MAX32), at + 16);
  buffer.writeUInt16LE(0, at + 20); // comment length
  return buffer;
}

/** Where each entry's local header will start, and the zip's exact size. */
export function planLayout(entries: { name: Buffer; size: number }[]): { offsets: number[]; size: number } {
  const offsets: number[] = [];
  let at = 0;
  for (const entry of entries) {
    offsets.push(at);
    at += localHeaderSize(entry) + encryptedSize(entry.size);
  }
  entries.forEach((entry, index) => (at += centralHeaderSize({ ...entry, offset: offsets[index]! })));
  return { offsets, size: at + ZIP64_END_BYTES + ZIP64_LOCATOR_BYTES + END_BYTES };
}
