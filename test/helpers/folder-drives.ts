/**
 * Tests only: USB sticks that are folders on this machine, so the Write USB screen and the bundle job can pick a stick
 * from the list and eject it without real hardware. Ejecting "unplugs" the stick: it leaves the list.
 */
import type { DriveSource, EjectOutcome, RawDrive } from '../../src-main/services/drives/drive-source';

export interface FolderDrive {
  folder: string;
  label: string;
  serial?: string;
  /** Pretend something still has it open: every eject is refused with this program's name. */
  vetoedBy?: string;
  offered?: { system?: boolean; readOnly?: boolean };
}

export function createFolderDriveSource(drives: FolderDrive[]): DriveSource & { plugIn(drive: FolderDrive): void; ejected: string[] } {
  // Numbered as plugged in, so ids stay the same while a stick stays in, as the OS's do.
  let plugs = 0;
  const plugged = drives.map((drive) => ({ drive, index: plugs++ }));
  const ejected: string[] = [];
  const raw = (drive: FolderDrive, index: number): RawDrive => ({
    driveId: `/dev/test${index}1`,
    device: { volume: `/dev/test${index}1`, disk: `/dev/test${index}` },
    label: drive.label,
    model: 'Test DataTraveler 3.0',
    serial: drive.serial ?? `TESTSERIAL${index}`,
    sizeBytes: 16_000_000_000,
    fsType: 'exfat',
    filesystemName: 'exFAT',
    mountPath: drive.folder,
    removable: true,
    hotplug: true,
    bus: 'usb',
    system: drive.offered?.system ?? false,
    boot: false,
    readOnly: drive.offered?.readOnly ?? false,
  });
  return {
    ejected,
    plugIn: (drive) => plugged.push({ drive, index: plugs++ }),
    list: () => Promise.resolve(plugged.map((entry) => raw(entry.drive, entry.index))),
    eject: ({ drive }): Promise<EjectOutcome> => {
      const found = plugged.find((candidate) => candidate.drive.folder === drive.mountPath);
      if (found?.drive.vetoedBy) return Promise.resolve({ ok: false, vetoedBy: found.drive.vetoedBy, busy: true, detail: `umount: ${drive.mountPath}: target is busy.` });
      if (found) plugged.splice(plugged.indexOf(found), 1);
      ejected.push(drive.driveId);
      return Promise.resolve({ ok: true, vetoedBy: null, busy: false, detail: 'ejected' });
    },
  };
}
