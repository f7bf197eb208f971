import { describe, expect, it } from 'vitest';
import { SAMPLE_STICK } from '../../src-shared/domain/drive-sample.fixture';
import type { Drive } from '../../src-shared/domain/drives';
import { formatDriveList } from './drives-command';

const stick: Drive = { ...SAMPLE_STICK, serial: null };

describe('formatDriveList', () => {
  it('says for each drive where it is, what it is, and whether Handover writes to it', () => {
    const root: Drive = { ...stick, driveId: '/dev/vda', label: null, model: null, sizeBytes: null, filesystem: 'ext4', freeBytes: null, displayPath: '/', offered: false, reason: "This is the computer's own disk, so Handover will not write to it." };
    expect(formatDriveList([stick, root])).toBe(
      [
        '/media/shop/KINGSTON  KINGSTON (Kingston DataTraveler 3.0, 15.9 GB, FAT32, 12.3 GB free)',
        '    can be written to',
        '/   (ext4)',
        "    not used: This is the computer's own disk, so Handover will not write to it.",
        '',
      ].join('\n'),
    );
  });

  it('says what to do when nothing is plugged in', () => {
    expect(formatDriveList([])).toBe('No removable drives found. Plug the USB stick in and run this again.\n');
  });
});
