import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseMountinfo } from '../bundle/destination/filesystem-parse';
import { runTool, type RunTool } from '../bundle/destination/filesystem-type';
import type { RawDrive } from './drive-source';
import { refusalOf } from './drive-rules';
import { createLinuxDriveSource, ejectLinux, LSBLK_ARGS, LSBLK_LEGACY_ARGS, parseLsblk } from './linux-drives';
import { usbStick } from './raw-drive.fixture';
import { fixture } from './recorded.fixture';

type Call = { command: string; args: string[] };

/** A runner that answers each command line from a table (a function may throw like execFile does) and records it. */
function fakeRun(answers: Record<string, string | (() => string)>): { run: RunTool; calls: Call[] } {
  const calls: Call[] = [];
  const run: RunTool = (options) => {
    calls.push({ command: options.command, args: options.args });
    const key = [options.command, ...options.args].join(' ');
    const answer = answers[key] ?? answers[options.command];
    if (answer === undefined) return Promise.reject(toolError({ code: 'ENOENT', message: `spawn ${options.command} ENOENT` }));
    try {
      return Promise.resolve(typeof answer === 'function' ? answer() : answer);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
  return { run, calls };
}

/** Shaped like execFile's error: exit code, stderr and stdout on it. */
function toolError(options: { code?: number | string; stderr?: string; stdout?: string; message?: string }): Error {
  return Object.assign(new Error(options.message ?? `Command failed\n${options.stderr ?? ''}`), {
    code: options.code ?? 1,
    stderr: options.stderr ?? '',
    stdout: options.stdout ?? '',
    killed: false,
    signal: null,
  });
}

const mounts = parseMountinfo({ text: fixture('linux-mountinfo.txt') });

describe('parseLsblk', () => {
  const drives = parseLsblk({ json: fixture('lsblk-laptop.json'), mounts });
  const byId = (id: string) => drives.find((drive) => drive.driveId === id);

  it('gives one entry per volume, leaving out loops and swap', () => {
    expect(drives.map((drive) => drive.driveId)).toEqual(['/dev/sda1', '/dev/sdb1', '/dev/sdc1', '/dev/nvme0n1p1', '/dev/nvme0n1p2']);
  });

  it('reads the mounted USB stick, inheriting make, model, serial, bus and removability from its disk', () => {
    // The same Kingston stick as the shared fixture, here the first disk.
    expect(byId('/dev/sda1')).toEqual<RawDrive>(usbStick({ driveId: '/dev/sda1', device: { volume: '/dev/sda1', disk: '/dev/sda' } }));
    expect(refusalOf(byId('/dev/sda1')!)).toBeNull();
  });

  it('marks the write-protected card read-only', () => {
    expect(byId('/dev/sdb1')).toMatchObject({ readOnly: true, mountPath: '/media/shop/CANON_DC', model: 'STORAGE DEVICE', label: 'CANON_DC' });
  });

  it('names an unmounted stick from lsblk, and trims padded makes', () => {
    expect(byId('/dev/sdc1')).toMatchObject({ mountPath: null, fsType: 'exfat', filesystemName: 'exFAT', model: 'SanDisk Cruzer Blade', label: 'EVIDENCE' });
    // Without the mount table's word, lsblk's "vfat" cannot say FAT16 or FAT32.
    const unmountedFat = parseLsblk({ json: fixture('lsblk-laptop.json').replace('"/media/shop/KINGSTON"', 'null'), mounts });
    expect(unmountedFat.find((drive) => drive.driveId === '/dev/sda1')).toMatchObject({ mountPath: null, filesystemName: 'FAT' });
    const noTable = parseLsblk({ json: fixture('lsblk-laptop.json'), mounts: null });
    expect(noTable.find((drive) => drive.driveId === '/dev/sda1')).toMatchObject({ mountPath: '/media/shop/KINGSTON', filesystemName: 'FAT' });
  });

  it('marks every partition of the disk holding / as system, and the EFI one as boot', () => {
    expect(byId('/dev/nvme0n1p1')).toMatchObject({ system: true, boot: true, bus: 'nvme', removable: false, mountPath: '/boot/efi' });
    expect(byId('/dev/nvme0n1p2')).toMatchObject({ system: true, filesystemName: 'ext4', model: 'SAMSUNG MZVLB512HBJQ-000L7', serial: 'S4ENNF0M812345' });
  });

  it('reads old lsblk: MOUNTPOINT, "0"/"1" strings, sizes as strings, NAME with full paths, a stick without partitions', () => {
    const old = parseLsblk({ json: fixture('lsblk-old.json'), mounts: null });
    expect(old.map((drive) => drive.driveId)).toEqual(['/dev/sda1', '/dev/sda2', '/dev/sdb']);
    expect(old[0]).toMatchObject({ system: true, boot: true, removable: false, hotplug: false, sizeBytes: 256060514304, mountPath: '/boot/efi', model: 'SanDisk SD8SB8U2' });
    expect(old[2]).toEqual<RawDrive>({
      driveId: '/dev/sdb',
      device: { volume: '/dev/sdb', disk: '/dev/sdb' },
      label: 'TRANSCEND',
      model: 'JetFlash Transcend 8GB',
      serial: '27R3GKHNBK9Z0QAB',
      sizeBytes: 8004304896,
      fsType: 'vfat',
      filesystemName: 'FAT',
      mountPath: '/media/shop/TRANSCEND',
      removable: true,
      hotplug: true,
      bus: 'usb',
      system: false,
      boot: false,
      readOnly: false,
    });
  });

  it('sees a root inside LUKS and LVM as system, and an SD card in a built-in slot as a card', () => {
    const json = JSON.stringify({
      blockdevices: [
        {
          path: '/dev/nvme0n1', type: 'disk', rm: false, hotplug: false, tran: 'nvme', size: 1, mountpoints: [null],
          children: [
            { path: '/dev/nvme0n1p1', type: 'part', fstype: 'vfat', mountpoints: ['/boot/efi'] },
            { path: '/dev/nvme0n1p2', type: 'part', fstype: 'crypto_LUKS', mountpoints: [null],
              children: [{ path: '/dev/mapper/root', type: 'crypt', fstype: 'ext4', mountpoints: ['/'] }] },
          ],
        },
        {
          path: '/dev/mmcblk0', type: 'disk', rm: false, hotplug: false, tran: null, size: 31914983424, mountpoints: [null],
          children: [{ path: '/dev/mmcblk0p1', type: 'part', fstype: 'exfat', label: 'SD', mountpoints: ['/media/shop/SD', '/mnt/sd'] }],
        },
      ],
    });
    const drives = parseLsblk({ json });
    expect(drives.find((drive) => drive.driveId === '/dev/nvme0n1p2')).toMatchObject({ system: true });
    expect(drives.find((drive) => drive.driveId === '/dev/mmcblk0p1')).toMatchObject({ bus: 'mmc', system: false, mountPath: '/media/shop/SD' });
  });
});

describe('createLinuxDriveSource', () => {
  it('runs lsblk with the columns, and reads the mount table', async () => {
    const { run, calls } = fakeRun({ lsblk: fixture('lsblk-laptop.json') });
    const drives = await createLinuxDriveSource({ run, readMountinfo: () => Promise.resolve(fixture('linux-mountinfo.txt')) }).list({});
    expect(calls).toEqual([{ command: 'lsblk', args: ['-J', '-b', '-o', 'PATH,TYPE,RM,HOTPLUG,TRAN,SIZE,FSTYPE,LABEL,MOUNTPOINTS,RO,VENDOR,MODEL,SERIAL,PKNAME'] }]);
    expect(drives.find((drive) => drive.driveId === '/dev/sda1')?.filesystemName).toBe('FAT32');
  });

  it('asks again the old way when lsblk does not know MOUNTPOINTS', async () => {
    const { run, calls } = fakeRun({
      [['lsblk', ...LSBLK_ARGS].join(' ')]: () => {
        throw toolError({ stderr: 'lsblk: unknown column: MOUNTPOINTS' });
      },
      [['lsblk', ...LSBLK_LEGACY_ARGS].join(' ')]: fixture('lsblk-old.json'),
    });
    const drives = await createLinuxDriveSource({ run, readMountinfo: () => Promise.reject(new Error('no /proc')) }).list({});
    expect(calls.map((call) => call.args)).toEqual([LSBLK_ARGS, ['-J', '-b', '-p', '-o', 'NAME,TYPE,RM,HOTPLUG,TRAN,SIZE,FSTYPE,LABEL,MOUNTPOINT,RO,VENDOR,MODEL,SERIAL,PKNAME']]);
    expect(drives).toHaveLength(3);
  });

  it('passes other lsblk failures on', async () => {
    const { run } = fakeRun({});
    await expect(createLinuxDriveSource({ run }).list({})).rejects.toThrow(/ENOENT/);
  });
});

describe('ejectLinux', () => {
  const stick = parseLsblk({ json: fixture('lsblk-laptop.json'), mounts }).find((drive) => drive.driveId === '/dev/sda1')!;
  const never = (calls: Call[]) => {
    for (const call of calls) {
      expect(call.args).not.toContain('-l');
      expect(call.args).not.toContain('--lazy');
      expect(call.args.some((arg) => /^-[a-zA-Z]*l/.test(arg) && call.command === 'umount')).toBe(false);
    }
  };

  it('unmounts the partition then powers off the disk with udisksctl', async () => {
    const { run, calls } = fakeRun({
      'udisksctl unmount -b /dev/sda1': 'Unmounted /dev/sda1.\n',
      'udisksctl power-off -b /dev/sda': '',
    });
    const outcome = await ejectLinux({ run, drive: stick });
    expect(calls).toEqual([
      { command: 'udisksctl', args: ['unmount', '-b', '/dev/sda1'] },
      { command: 'udisksctl', args: ['power-off', '-b', '/dev/sda'] },
    ]);
    expect(outcome).toMatchObject({ ok: true, busy: false, vetoedBy: null });
    never(calls);
  });

  it('falls back to umount and eject when udisksctl is not installed', async () => {
    const { run, calls } = fakeRun({ 'umount /media/shop/KINGSTON': '', 'eject /dev/sda': '' });
    const outcome = await ejectLinux({ run, drive: stick });
    expect(calls).toEqual([
      { command: 'udisksctl', args: ['unmount', '-b', '/dev/sda1'] },
      { command: 'umount', args: ['/media/shop/KINGSTON'] },
      { command: 'eject', args: ['/dev/sda'] },
    ]);
    expect(outcome.ok).toBe(true);
    expect(outcome.detail).toMatch(/udisksctl is not installed/);
    never(calls);
  });

  it('falls back when udisksctl fails for another reason, and counts a failed eject after umount as safe', async () => {
    const { run, calls } = fakeRun({
      'udisksctl unmount -b /dev/sda1': () => {
        throw toolError({ stderr: 'Error connecting to the udisks daemon: Could not connect: No such file or directory' });
      },
      'umount /media/shop/KINGSTON': '',
      'eject /dev/sda': () => {
        throw toolError({ stderr: 'eject: unable to eject' });
      },
    });
    const outcome = await ejectLinux({ run, drive: stick });
    expect(calls.map((call) => call.command)).toEqual(['udisksctl', 'umount', 'eject']);
    expect(outcome).toMatchObject({ ok: true });
    expect(outcome.detail).toMatch(/still safe to remove/);
    never(calls);
  });

  it('reports "target is busy" from udisks as busy, without trying anything stronger', async () => {
    const busy = 'Error unmounting /dev/sda1: GDBus.Error:org.freedesktop.UDisks2.Error.DeviceBusy: Error unmounting /dev/sda1: target is busy';
    const { run, calls } = fakeRun({
      'udisksctl unmount -b /dev/sda1': () => {
        throw toolError({ stderr: busy });
      },
    });
    const outcome = await ejectLinux({ run, drive: stick });
    expect(calls).toHaveLength(1);
    expect(outcome).toMatchObject({ ok: false, busy: true, vetoedBy: null });
    expect(outcome.detail).toContain('target is busy');
  });

  it('reports umount\'s "target is busy" as busy, never a lazy unmount', async () => {
    const { run, calls } = fakeRun({
      'umount /media/shop/KINGSTON': () => {
        throw toolError({ code: 32, stderr: 'umount: /media/shop/KINGSTON: target is busy.' });
      },
    });
    const outcome = await ejectLinux({ run, drive: stick });
    expect(calls.map((call) => call.command)).toEqual(['udisksctl', 'umount']);
    expect(outcome).toMatchObject({ ok: false, busy: true });
    never(calls);
  });

  it('fails plainly when umount is refused for another reason', async () => {
    const { run } = fakeRun({
      'umount /media/shop/KINGSTON': () => {
        throw toolError({ code: 32, stderr: 'umount: /media/shop/KINGSTON: must be superuser to unmount.' });
      },
    });
    const outcome = await ejectLinux({ run, drive: stick });
    expect(outcome).toMatchObject({ ok: false, busy: false });
    expect(outcome.detail).toMatch(/superuser/);
  });

  it('treats "already unmounted" as done, and still powers off', async () => {
    const { run, calls } = fakeRun({
      'udisksctl unmount -b /dev/sda1': () => {
        throw toolError({ stderr: "Error unmounting /dev/sda1: GDBus.Error:org.freedesktop.UDisks2.Error.NotMounted: Device `/dev/sda1' is not mounted" });
      },
      'udisksctl power-off -b /dev/sda': '',
    });
    expect(await ejectLinux({ run, drive: stick })).toMatchObject({ ok: true });
    expect(calls.map((call) => call.args[0])).toEqual(['unmount', 'power-off']);
  });

  it('uses eject when udisks unmounted but could not power off', async () => {
    const { run, calls } = fakeRun({
      'udisksctl unmount -b /dev/sda1': 'Unmounted /dev/sda1.',
      'udisksctl power-off -b /dev/sda': () => {
        throw toolError({ stderr: 'Error powering off drive: The drive in use' });
      },
      'eject /dev/sda': '',
    });
    expect(await ejectLinux({ run, drive: stick })).toMatchObject({ ok: true });
    expect(calls.map((call) => call.command)).toEqual(['udisksctl', 'udisksctl', 'eject']);
  });
});

describe('the real lsblk on this machine', () => {
  const hasLsblk = (() => {
    try {
      execFileSync('lsblk', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  if (!hasLsblk) console.log('Skipping the real lsblk test: lsblk is not installed here.');

  it.skipIf(!hasLsblk || process.platform !== 'linux')('parses its output, and never offers the disk holding /', async () => {
    const drives = await createLinuxDriveSource({ run: runTool }).list({});
    for (const drive of drives) {
      expect(typeof drive.driveId).toBe('string');
      if (drive.mountPath === '/') {
        expect(drive.system).toBe(true);
        expect(refusalOf(drive)).not.toBeNull();
      }
    }
    const root = drives.find((drive) => drive.mountPath === '/');
    if (!root) console.log('The real lsblk test found no block device mounted at / (a container or overlay root); it only checked parsing.');
  });
});
