import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunTool } from '../bundle/destination/filesystem-type';
import type { RawDrive } from './drive-source';
import { refusalOf } from './drive-rules';
import {
  createWindowsDriveSource,
  ejectScriptCandidates,
  parseEjectOutput,
  parseWindowsVolumes,
  resolveEjectScript,
  WINDOWS_LIST_ARGS,
  WINDOWS_LIST_SCRIPT,
} from './windows-drives';
import { usbStick } from './raw-drive.fixture';
import { fixture } from './recorded.fixture';
import { useTempDirs } from '../../../test/helpers/temp-dir';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const SCRIPT = path.join(REPO_ROOT, 'resources', 'drives', 'eject-drive.ps1');
const tempDir = useTempDirs('handover-drives-');

describe('parseWindowsVolumes', () => {
  const drives = parseWindowsVolumes({ json: fixture('powershell-volumes.json') });
  const byLetter = (letter: string) => drives.find((drive) => drive.device.volume === letter);

  it('lists each lettered volume, leaving out the DVD drive', () => {
    expect(drives.map((drive) => drive.driveId)).toEqual(['disk0:C', 'disk1:E', 'disk2:F', 'disk3:G']);
  });

  it('reads the USB stick, trimming the padded serial', () => {
    // The shared fixture's Kingston stick, in Windows' own names for it.
    expect(byLetter('E')).toEqual<RawDrive>(usbStick({ driveId: 'disk1:E', device: { volume: 'E', disk: '1' }, fsType: 'FAT32', mountPath: 'E:\\' }));
    expect(refusalOf(byLetter('E')!)).toBeNull();
  });

  it('marks the NVMe C: drive as system and boot', () => {
    expect(byLetter('C')).toMatchObject({ system: true, boot: true, bus: 'nvme', removable: false, filesystemName: 'NTFS' });
  });

  it('marks the locked card read-only', () => {
    expect(byLetter('F')).toMatchObject({ readOnly: true, bus: 'usb' });
  });

  it('counts a USB disk Windows calls "Fixed" as unpluggable', () => {
    expect(byLetter('G')).toMatchObject({ removable: false, hotplug: true, bus: 'usb', filesystemName: 'exFAT' });
    expect(refusalOf(byLetter('G')!)).toBeNull();
  });

  it('reads the lone object ConvertTo-Json prints for a single volume', () => {
    const single = parseWindowsVolumes({ json: fixture('powershell-volumes-single.json') });
    expect(single).toHaveLength(1);
    expect(single[0]).toMatchObject({ driveId: 'disk0:C', system: true, serial: '0025_3886_81B2_1234.' });
  });

  it('copes with numbers for enums, a byte-order mark, nothing at all, and a volume without a disk', () => {
    const json = '\uFEFF[{"DriveLetter":"H","Volume":{"FileSystemLabel":"","FileSystem":"FAT","FileSystemType":"Unknown","DriveType":2,"Size":1,"SizeRemaining":1},"Partition":null,"Disk":null},' +
      '{"DriveLetter":"J","Volume":{"FileSystem":"NTFS","DriveType":3},"Partition":{"DiskNumber":4},"Disk":{"Number":4,"BusType":12,"IsReadOnly":false,"SerialNumber":"  "}}]';
    const [h, j] = parseWindowsVolumes({ json });
    expect(h).toMatchObject({ driveId: 'volume:H', device: { volume: 'H', disk: null }, removable: true, label: null, filesystemName: 'FAT16', fsType: 'FAT' });
    expect(j).toMatchObject({ driveId: 'disk4:J', bus: 'sd', hotplug: true, serial: null });
    expect(parseWindowsVolumes({ json: '' })).toEqual([]);
    expect(parseWindowsVolumes({ json: '[]' })).toEqual([]);
  });
});

describe('the listing command', () => {
  it('is one PowerShell call with no profile, and no double quotes inside the script', () => {
    expect(WINDOWS_LIST_ARGS.slice(0, 3)).toEqual(['-NoProfile', '-NonInteractive', '-Command']);
    expect(WINDOWS_LIST_SCRIPT).not.toContain('"');
    expect(WINDOWS_LIST_SCRIPT).not.toContain('\n');
    expect(WINDOWS_LIST_SCRIPT).toContain('ConvertTo-Json -InputObject $rows -Depth 4');
    for (const cmdlet of ['Get-Volume', 'Get-Partition', 'Get-Disk', 'BusType', 'IsSystem', 'IsBoot', 'IsReadOnly', 'SerialNumber', 'DriveType']) {
      expect(WINDOWS_LIST_SCRIPT).toContain(cmdlet);
    }
    // Braces and parentheses balance, so a typo does not show up first on a shop's PC.
    for (const [open, close] of [['{', '}'], ['(', ')'], ['[', ']']] as const) {
      expect(WINDOWS_LIST_SCRIPT.split(open).length).toBe(WINDOWS_LIST_SCRIPT.split(close).length);
    }
  });

  it('is run as powershell.exe and parsed', async () => {
    const calls: Parameters<RunTool>[0][] = [];
    const run: RunTool = (options) => {
      calls.push(options);
      return Promise.resolve(fixture('powershell-volumes.json'));
    };
    const drives = await createWindowsDriveSource({ run }).list({});
    expect(calls.map((call) => [call.command, ...call.args])).toEqual([['powershell.exe', ...WINDOWS_LIST_ARGS]]);
    expect(drives).toHaveLength(4);
  });
});

describe('eject on Windows', () => {
  const stick = parseWindowsVolumes({ json: fixture('powershell-volumes.json') }).find((drive) => drive.device.volume === 'E')!;

  it('runs the bundled script with the drive letter', async () => {
    const calls: string[][] = [];
    const run: RunTool = ({ command, args }) => {
      calls.push([command, ...args]);
      return Promise.resolve('{"ok":true,"method":"cfgmgr","vetoType":null,"vetoName":null,"detail":"Ejected USB\\\\VID_0951&PID_1666\\\\60A44C3FAD3EBF00B9A1004F (attempt 1)."}\r\n');
    };
    const outcome = await createWindowsDriveSource({ run, ejectScriptPath: SCRIPT }).eject({ drive: stick });
    expect(calls).toEqual([['powershell.exe', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', SCRIPT, '-DriveLetter', 'E']]);
    expect(outcome).toMatchObject({ ok: true, vetoedBy: null, busy: false });
  });

  it('runs a copy of the script when it is packed inside app.asar', async () => {
    const packed = path.join(tempDir(), 'app.asar', 'resources', 'drives', 'eject-drive.ps1');
    fs.mkdirSync(path.dirname(packed), { recursive: true });
    fs.copyFileSync(SCRIPT, packed);
    let ran = '';
    const run: RunTool = ({ args }) => {
      ran = args[args.indexOf('-File') + 1]!;
      expect(fs.readFileSync(ran, 'utf8')).toBe(fs.readFileSync(SCRIPT, 'utf8'));
      return Promise.resolve('{"ok":true,"method":"shell","vetoType":null,"vetoName":null,"detail":"Explorer ejected the drive."}');
    };
    expect(await createWindowsDriveSource({ run, ejectScriptPath: packed }).eject({ drive: stick })).toMatchObject({ ok: true });
    expect(ran).not.toContain('app.asar');
    expect(fs.existsSync(ran)).toBe(false);
  });

  it('reads who vetoed', () => {
    expect(
      parseEjectOutput({ output: 'noise\n{"ok":false,"method":"cfgmgr","vetoType":"WindowsApp","vetoName":"C:\\\\Windows\\\\notepad.exe","detail":"returned 23"}\n' }),
    ).toMatchObject({ ok: false, busy: true, vetoedBy: 'notepad.exe' });
    // An open handle is named by the device it is on, which means nothing to a person.
    expect(parseEjectOutput({ output: '{"ok":false,"method":"cfgmgr","vetoType":"OutstandingOpen","vetoName":"STORAGE\\\\Volume\\\\{abc}","detail":""}' })).toMatchObject({
      ok: false,
      busy: true,
      vetoedBy: null,
    });
    expect(parseEjectOutput({ output: '{"ok":false,"method":"none","vetoType":null,"vetoName":null,"detail":"Explorer eject failed"}' })).toMatchObject({ ok: false, busy: false });
    expect(parseEjectOutput({ output: 'Cannot validate argument on parameter DriveLetter' })).toMatchObject({ ok: false });
  });

  it('reports a PowerShell that did not run', async () => {
    const run: RunTool = () => Promise.reject(Object.assign(new Error('spawn powershell.exe ENOENT'), { code: 'ENOENT' }));
    expect(await createWindowsDriveSource({ run, ejectScriptPath: SCRIPT }).eject({ drive: stick })).toMatchObject({ ok: false, detail: 'spawn powershell.exe ENOENT' });
  });
});

describe('the bundled eject script', () => {
  it('is found from the source tree, and looked for unpacked beside a packaged app first', () => {
    expect(resolveEjectScript({ searchFrom: __dirname })).toBe(SCRIPT);
    expect(ejectScriptCandidates({ resourcesPath: '/opt/Handover/resources', searchFrom: __dirname })[0]).toBe(
      path.join('/opt/Handover/resources', 'app.asar.unpacked', 'resources', 'drives', 'eject-drive.ps1'),
    );
    expect(resolveEjectScript({ searchFrom: __dirname, isFile: () => false })).toBeNull();
  });

  it('asks Windows to eject with a veto buffer, falls back to Explorer, and says it is untested', () => {
    const text = fs.readFileSync(SCRIPT, 'utf8');
    expect(text).toMatch(/UNTESTED/);
    expect(text).toContain('CM_Request_Device_EjectW');
    expect(text).toContain('CM_Get_Parent');
    expect(text).toContain('Namespace(17)');
    expect(text).toContain("InvokeVerb('Eject')");
    expect(text).toMatch(/\[ValidatePattern\('\^\[A-Za-z\]\$'\)\]/);
  });
});
