/** A plugged-in, mounted, writable USB stick, for tests to vary one field at a time. */
import type { RawDrive } from './drive-source';

export function usbStick(overrides: Partial<RawDrive> = {}): RawDrive {
  return {
    driveId: '/dev/sdb1',
    device: { volume: '/dev/sdb1', disk: '/dev/sdb' },
    label: 'KINGSTON',
    model: 'Kingston DataTraveler 3.0',
    serial: '60A44C3FAD3EBF00B9A1004F',
    sizeBytes: 15502147584,
    fsType: 'vfat',
    filesystemName: 'FAT32',
    mountPath: '/media/shop/KINGSTON',
    removable: true,
    hotplug: true,
    bus: 'usb',
    system: false,
    boot: false,
    readOnly: false,
    ...overrides,
  };
}
