import { describe, expect, it } from 'vitest';
import type { RunTool } from '../bundle/destination/filesystem-type';
import type { RawDrive } from './drive-source';
import { refusalOf } from './drive-rules';
import { createMacDriveSource, driveFromDiskutilInfo, ejectMac, vetoFromDiskutil, volumesFromDiskutilList } from './mac-drives';
import { usbStick } from './raw-drive.fixture';
import { fixture } from './recorded.fixture';

const INFO: Record<string, string> = {
  disk4: fixture('diskutil-info-disk4.plist'),
  disk4s1: fixture('diskutil-info-disk4s1-fat32.plist'),
  disk6: fixture('diskutil-info-disk6.plist'),
  disk6s2: fixture('diskutil-info-disk6s2-exfat.plist'),
};

function toolError(options: { stderr?: string; stdout?: string }): Error {
  return Object.assign(new Error('Command failed: diskutil'), { code: 1, stderr: options.stderr ?? '', stdout: options.stdout ?? '', killed: false, signal: null });
}

describe('volumesFromDiskutilList', () => {
  it('finds the volumes of each stick, leaving out the EFI partition', () => {
    expect(volumesFromDiskutilList({ plist: fixture('diskutil-list-external-physical.plist') })).toEqual([
      { disk: 'disk4', volumes: ['disk4s1'] },
      { disk: 'disk6', volumes: ['disk6s2'] },
    ]);
  });

  it('takes the whole disk as the volume of a stick without a partition table', () => {
    const plist = `<plist version="1.0"><dict><key>AllDisksAndPartitions</key><array><dict>
      <key>Content</key><string></string><key>DeviceIdentifier</key><string>disk5</string>
      <key>MountPoint</key><string>/Volumes/NO NAME</string><key>Size</key><integer>4009754624</integer>
      <key>VolumeName</key><string>NO NAME</string></dict></array></dict></plist>`;
    expect(volumesFromDiskutilList({ plist })).toEqual([{ disk: 'disk5', volumes: ['disk5'] }]);
  });

  it('gives nothing when no stick is plugged in', () => {
    const plist = fixture('diskutil-list-external-physical.plist').replace(/<key>AllDisksAndPartitions<\/key>\s*<array>[\s\S]*?\n\t<\/array>/, '<key>AllDisksAndPartitions</key><array/>');
    expect(volumesFromDiskutilList({ plist })).toEqual([]);
  });
});

describe('driveFromDiskutilInfo', () => {
  it('reads the FAT32 stick, with the make and size from its whole disk', () => {
    const drive = driveFromDiskutilInfo({ volumeInfo: INFO.disk4s1!, diskInfo: INFO.disk4! });
    // The shared fixture's Kingston stick as diskutil describes it: no serial, the model without the make.
    expect(drive).toEqual<RawDrive>(
      usbStick({ driveId: 'disk4s1', device: { volume: 'disk4s1', disk: 'disk4' }, model: 'DataTraveler 3.0', serial: null, fsType: 'msdos', mountPath: '/Volumes/KINGSTON' }),
    );
    expect(refusalOf(drive!)).toBeNull();
  });

  it('reads the exFAT stick', () => {
    expect(driveFromDiskutilInfo({ volumeInfo: INFO.disk6s2!, diskInfo: INFO.disk6! })).toMatchObject({
      driveId: 'disk6s2',
      device: { volume: 'disk6s2', disk: 'disk6' },
      label: 'EVIDENCE',
      model: 'Ultra USB 3.0',
      fsType: 'exfat',
      filesystemName: 'exFAT',
      sizeBytes: 61530439680,
      mountPath: '/Volumes/EVIDENCE',
      readOnly: false,
    });
  });

  it('sees a locked card as read-only, and copes without the whole disk', () => {
    const locked = INFO.disk4s1!.replace('<key>WritableMedia</key>\n\t<true/>', '<key>WritableMedia</key>\n\t<false/>');
    expect(locked).not.toBe(INFO.disk4s1);
    expect(driveFromDiskutilInfo({ volumeInfo: locked, diskInfo: null })).toMatchObject({ readOnly: true, model: null, sizeBytes: 15500050432 });
  });

  it('marks a volume mounted at / as the system', () => {
    const root = INFO.disk6s2!.replace('<string>/Volumes/EVIDENCE</string>', '<string>/</string>');
    expect(driveFromDiskutilInfo({ volumeInfo: root, diskInfo: INFO.disk6! })).toMatchObject({ system: true, boot: true });
  });
});

describe('createMacDriveSource', () => {
  it('lists, then asks about each stick and each volume', async () => {
    const calls: string[][] = [];
    const run: RunTool = ({ command, args }) => {
      calls.push([command, ...args]);
      if (args[0] === 'list') return Promise.resolve(fixture('diskutil-list-external-physical.plist'));
      const info = INFO[args[2]!];
      return info ? Promise.resolve(info) : Promise.reject(toolError({ stderr: 'Could not find disk' }));
    };
    const drives = await createMacDriveSource({ run }).list({});
    expect(calls).toEqual([
      ['diskutil', 'list', '-plist', 'external', 'physical'],
      ['diskutil', 'info', '-plist', 'disk4'],
      ['diskutil', 'info', '-plist', 'disk4s1'],
      ['diskutil', 'info', '-plist', 'disk6'],
      ['diskutil', 'info', '-plist', 'disk6s2'],
    ]);
    expect(drives.map((drive) => [drive.driveId, drive.filesystemName])).toEqual([
      ['disk4s1', 'FAT32'],
      ['disk6s2', 'exFAT'],
    ]);
  });

  it('leaves out a stick pulled out between the list and the info', async () => {
    const run: RunTool = ({ args }) =>
      args[0] === 'list' ? Promise.resolve(fixture('diskutil-list-external-physical.plist')) : args[2]!.startsWith('disk4') ? Promise.reject(toolError({ stderr: 'Could not find disk: disk4s1' })) : Promise.resolve(INFO[args[2]!]!);
    expect((await createMacDriveSource({ run }).list({})).map((drive) => drive.driveId)).toEqual(['disk6s2']);
  });
});

describe('ejectMac', () => {
  const stick = driveFromDiskutilInfo({ volumeInfo: INFO.disk4s1!, diskInfo: INFO.disk4! })!;

  it('ejects the whole disk', async () => {
    const calls: string[][] = [];
    const run: RunTool = ({ command, args }) => {
      calls.push([command, ...args]);
      return Promise.resolve('Disk disk4 ejected\n');
    };
    expect(await ejectMac({ run, drive: stick })).toEqual({ ok: true, vetoedBy: null, busy: false, detail: 'Disk disk4 ejected' });
    expect(calls).toEqual([['diskutil', 'eject', 'disk4']]);
  });

  it('names the program that dissented', async () => {
    const run: RunTool = () =>
      Promise.reject(
        toolError({
          stderr: 'Unmount of disk4 failed: at least one volume could not be unmounted\nUnmount was dissented by PID 412 (/Applications/Preview.app/Contents/MacOS/Preview)\n',
        }),
      );
    expect(await ejectMac({ run, drive: stick })).toMatchObject({ ok: false, busy: true, vetoedBy: 'Preview' });
  });

  it('reports a refusal without a name as busy', async () => {
    const run: RunTool = () => Promise.reject(toolError({ stderr: 'Unmount of disk4 failed: at least one volume could not be unmounted' }));
    expect(await ejectMac({ run, drive: stick })).toMatchObject({ ok: false, busy: true, vetoedBy: null });
  });

  it('reads the dissenter in each form diskutil prints', () => {
    expect(vetoFromDiskutil('dissented by PID 83 (/usr/libexec/mds_stores)')).toBe('mds_stores');
    expect(vetoFromDiskutil('Unmount was dissented by PID 1234')).toBe('process 1234');
    expect(vetoFromDiskutil('Disk disk4 ejected')).toBeNull();
  });
});
