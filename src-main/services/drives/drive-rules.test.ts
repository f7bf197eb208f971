import { describe, expect, it } from 'vitest';
import { driveSchema } from '../../../src-shared/domain/drives';
import { isRemovable, REFUSALS, refusalOf, toDrive } from './drive-rules';
import { usbStick } from './raw-drive.fixture';

describe('refusalOf', () => {
  it('offers a mounted, writable USB stick', () => {
    expect(refusalOf(usbStick())).toBeNull();
  });

  it("refuses the computer's own disk, even when it looks removable", () => {
    expect(refusalOf(usbStick({ system: true }))).toBe(REFUSALS.system);
    expect(refusalOf(usbStick({ boot: true }))).toBe(REFUSALS.system);
    // A computer started from a USB stick: still its own disk.
    expect(refusalOf(usbStick({ system: true, readOnly: true, mountPath: '/' }))).toBe(REFUSALS.system);
  });

  it('refuses a fixed internal disk', () => {
    expect(refusalOf(usbStick({ removable: false, hotplug: false, bus: 'sata' }))).toBe(REFUSALS.fixed);
    expect(refusalOf(usbStick({ removable: false, hotplug: false, bus: null }))).toBe(REFUSALS.fixed);
  });

  it('counts RM, hotplug or a USB, SD or MMC bus as removable', () => {
    const fixed = { removable: false, hotplug: false, bus: null };
    expect(isRemovable(usbStick({ ...fixed, removable: true }))).toBe(true);
    expect(isRemovable(usbStick({ ...fixed, hotplug: true }))).toBe(true);
    for (const bus of ['usb', 'sd', 'mmc']) expect(isRemovable(usbStick({ ...fixed, bus }))).toBe(true);
    expect(isRemovable(usbStick({ ...fixed, bus: 'nvme' }))).toBe(false);
  });

  it('refuses a write-protected stick or card, pointing at the lock switch', () => {
    expect(refusalOf(usbStick({ readOnly: true }))).toBe(REFUSALS.readOnly);
    expect(REFUSALS.readOnly).toMatch(/lock switch/);
  });

  it('refuses a stick that is not mounted, saying to plug it in again', () => {
    expect(refusalOf(usbStick({ mountPath: null }))).toBe(REFUSALS.notMounted);
    expect(REFUSALS.notMounted).toMatch(/plug it in again/);
  });
});

describe('toDrive', () => {
  it('gives what the renderer shows, matching the shared schema', () => {
    const drive = toDrive({ raw: usbStick(), freeBytes: 15_000_000_000 });
    expect(driveSchema.parse(drive)).toEqual({
      driveId: '/dev/sdb1',
      label: 'KINGSTON',
      model: 'Kingston DataTraveler 3.0',
      serial: '60A44C3FAD3EBF00B9A1004F',
      sizeBytes: 15502147584,
      filesystem: 'FAT32',
      displayPath: '/media/shop/KINGSTON',
      freeBytes: 15_000_000_000,
      bus: 'usb',
      offered: true,
      reason: null,
    });
    expect(toDrive({ raw: usbStick({ readOnly: true }), freeBytes: null })).toMatchObject({ offered: false, reason: REFUSALS.readOnly, freeBytes: null });
  });
});
