import { describe, expect, it } from 'vitest';
import { SAMPLE_STICK } from '../../../src-shared/domain/drive-sample.fixture';
import type { Drive } from '../../../src-shared/domain/drives';
import { driveFacts, driveTitle, sameDrives, sortDrives } from './drive-format';

const stick: Drive = SAMPLE_STICK;

describe('drive names', () => {
  it('names a stick by its label, then its model, then where it is', () => {
    expect(driveTitle(stick)).toBe('KINGSTON');
    expect(driveTitle({ ...stick, label: null })).toBe('Kingston DataTraveler 3.0');
    expect(driveTitle({ ...stick, label: null, model: null })).toBe('/media/shop/KINGSTON');
    expect(driveTitle({ ...stick, label: null, model: null, displayPath: null })).toBe('USB stick');
  });

  it('lists the facts a person recognises, leaving out what is not known', () => {
    expect(driveFacts(stick)).toBe('Kingston DataTraveler 3.0 · 15.9 GB · FAT32 · 12.3 GB free');
    expect(driveFacts({ ...stick, label: null, freeBytes: null, filesystem: null })).toBe('15.9 GB');
  });
});

describe('sortDrives', () => {
  it('puts usable sticks first, each group by name', () => {
    const system: Drive = { ...stick, driveId: '/dev/nvme0n1p2', label: 'Root', offered: false, reason: "This is the computer's own disk." };
    const other: Drive = { ...stick, driveId: '/dev/sdc1', label: 'ALPHA' };
    const sorted = sortDrives([system, stick, other]);
    expect(sorted.usable.map((drive) => drive.driveId)).toEqual(['/dev/sdc1', '/dev/sdb1']);
    expect(sorted.other.map((drive) => drive.driveId)).toEqual(['/dev/nvme0n1p2']);
  });

  it('sees an unchanged list as the same, and a change in free space as a change', () => {
    expect(sameDrives([stick], [{ ...stick }])).toBe(true);
    expect(sameDrives([stick], [{ ...stick, freeBytes: 1 }])).toBe(false);
    expect(sameDrives([stick], [])).toBe(false);
  });
});
