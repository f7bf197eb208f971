import { describe, expect, it } from 'vitest';
import { centralHeader, dosDateTime, encryptedSize, endRecords, localHeader, MAX32, planLayout } from './zip-format';

const name = Buffer.from('masters/Camera 1/14.00.00.mp4');
const modifiedAt = new Date(2026, 2, 14, 14, 0, 11);

/** The extra fields of a header as id → data. */
function extras(header: Buffer, fixed: number, nameLength: number, extraLengthAt: number): Map<number, Buffer> {
  const fields = new Map<number, Buffer>();
  const extra = header.subarray(fixed + nameLength, fixed + nameLength + header.readUInt16LE(extraLengthAt));
  for (let at = 0; at < extra.length; at += 4 + extra.readUInt16LE(at + 2)) fields.set(extra.readUInt16LE(at), extra.subarray(at + 4, at + 4 + extra.readUInt16LE(at + 2)));
  return fields;
}
const centralExtras = (header: Buffer) => extras(header, 46, name.length, 30);
const localExtras = (header: Buffer) => extras(header, 30, name.length, 28);
const u64s = (field: Buffer | undefined) => (field ? Array.from({ length: field.length / 8 }, (_, i) => Number(field.readBigUInt64LE(i * 8))) : []);

describe('dosDateTime', () => {
  it('packs local time, seconds halved', () => {
    const { date, time } = dosDateTime(modifiedAt);
    expect({ year: (date >> 9) + 1980, month: (date >> 5) & 15, day: date & 31 }).toEqual({ year: 2026, month: 3, day: 14 });
    expect({ hour: time >> 11, minute: (time >> 5) & 63, second: (time & 31) * 2 }).toEqual({ hour: 14, minute: 0, second: 10 });
  });

  it('clamps dates DOS cannot hold instead of writing an invalid header', () => {
    expect(dosDateTime(new Date(1970, 0, 1))).toEqual(dosDateTime(new Date(1980, 0, 1)));
    expect(dosDateTime(new Date(Number.NaN))).toEqual(dosDateTime(new Date(1980, 0, 1)));
  });
});

describe('ZIP64 fields', () => {
  it('uses none for a small entry at a small offset', () => {
    const central = centralHeader({ name, size: 1000, modifiedAt, offset: 5 });
    expect(centralExtras(central).has(0x0001)).toBe(false);
    expect(central.readUInt32LE(20)).toBe(1028);
    expect(localExtras(localHeader({ name, size: 1000, modifiedAt, offset: 5 })).has(0x0001)).toBe(false);
  });

  it('holds only the offset when only the offset is past 4 GiB', () => {
    const central = centralHeader({ name, size: 1000, modifiedAt, offset: 5 * 2 ** 30 });
    expect(u64s(centralExtras(central).get(0x0001))).toEqual([5 * 2 ** 30]);
    expect([central.readUInt32LE(20), central.readUInt32LE(24), central.readUInt32LE(42)]).toEqual([1028, 1000, MAX32]);
  });

  it('holds uncompressed, compressed and offset in that order when all are too big', () => {
    const size = 5 * 2 ** 30;
    const central = centralHeader({ name, size, modifiedAt, offset: 6 * 2 ** 30 });
    expect(u64s(centralExtras(central).get(0x0001))).toEqual([size, size + 28, 6 * 2 ** 30]);
    const local = localHeader({ name, size, modifiedAt, offset: 0 });
    expect(u64s(localExtras(local).get(0x0001))).toEqual([size, size + 28]);
    expect([local.readUInt32LE(18), local.readUInt32LE(22)]).toEqual([MAX32, MAX32]);
  });

  it('moves a value of exactly 0xFFFFFFFF too, and only that one, when encryption pushes just the stored size over', () => {
    const size = MAX32 - 28;
    expect(encryptedSize(size)).toBe(MAX32);
    const central = centralHeader({ name, size, modifiedAt, offset: 0 });
    expect(u64s(centralExtras(central).get(0x0001))).toEqual([MAX32]);
    expect([central.readUInt32LE(20), central.readUInt32LE(24)]).toEqual([MAX32, size]);
    // The local header's ZIP64 field must carry both sizes, so both classic fields say "see ZIP64".
    expect(u64s(localExtras(localHeader({ name, size, modifiedAt, offset: 0 })).get(0x0001))).toEqual([size, MAX32]);
  });

  it('describes every entry as AE-2, AES-256, stored, in both headers', () => {
    for (const header of [centralExtras(centralHeader({ name, size: 1, modifiedAt, offset: 0 })), localExtras(localHeader({ name, size: 1, modifiedAt, offset: 0 }))]) {
      const aes = header.get(0x9901)!;
      expect([aes.readUInt16LE(0), aes.toString('latin1', 2, 4), aes[4], aes.readUInt16LE(5)]).toEqual([2, 'AE', 3, 0]);
    }
  });
});

describe('planLayout', () => {
  it('adds up to exactly the bytes of the records and data', () => {
    const entries = [
      { name, size: 10 },
      { name: Buffer.from('b'), size: 5 * 2 ** 30 },
      { name: Buffer.from('ü'), size: 0 },
    ];
    const { offsets, size } = planLayout(entries);
    let at = 0;
    const centrals = entries.map((entry, index) => {
      expect(offsets[index]).toBe(at);
      at += localHeader({ ...entry, modifiedAt, offset: at }).length + encryptedSize(entry.size);
      return centralHeader({ ...entry, modifiedAt, offset: offsets[index]! });
    });
    const centralSize = centrals.reduce((sum, header) => sum + header.length, 0);
    expect(size).toBe(at + centralSize + endRecords({ count: 3, centralOffset: at, centralSize }).length);
  });
});
