import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../test/helpers/temp-dir';
import { realDestinationFs, type DestinationFs } from './destination-fs';
import { detectFilesystem, mountPointOf, type RunTool } from './filesystem-type';

const tempDir = useTempDirs('handover-fs-type-');

/** The real fs, with fixed answers for the files the Linux detector reads. */
function withTexts(texts: Record<string, string>): DestinationFs {
  return {
    ...realDestinationFs,
    realpath: (file) => Promise.resolve(file),
    readTextFile: (file) => (file in texts ? Promise.resolve(texts[file]!) : Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' }))),
  };
}

describe('detectFilesystem', () => {
  it('on Linux reads mountinfo, and udev for fuseblk', async () => {
    const mountinfo = [
      '22 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw',
      '95 22 8:17 / /media/jane/STICK\\040ONE rw,relatime shared:2 - vfat /dev/sdb1 rw',
      '98 22 8:65 / /media/jane/PASSPORT rw,relatime shared:3 - fuseblk /dev/sde1 rw,user_id=0',
    ].join('\n');
    const fs = withTexts({ '/proc/self/mountinfo': mountinfo, '/run/udev/data/b8:65': 'E:ID_FS_TYPE=exfat\n' });
    expect(await detectFilesystem({ dir: '/media/jane/STICK ONE/cases', fs, platform: 'linux' })).toMatchObject({ name: 'FAT32', sizeLimit: 'fat' });
    expect(await detectFilesystem({ dir: '/media/jane/PASSPORT', fs, platform: 'linux' })).toMatchObject({ name: 'exFAT', type: 'fuseblk (exfat)' });
    const noUdev = withTexts({ '/proc/self/mountinfo': mountinfo });
    expect(await detectFilesystem({ dir: '/media/jane/PASSPORT', fs: noUdev, platform: 'linux' })).toMatchObject({ sizeLimit: 'unknown' });
  });

  it('on Linux reads a fuseblk partition\'s boot sector when udev has no record, and does not guess when it cannot', async () => {
    const mountinfo = '98 22 7:3 / /mnt/stick rw,relatime shared:3 - fuseblk /dev/loop3 rw,user_id=0';
    const sector = new Uint8Array(512);
    sector.set(Buffer.from('EXFAT   ', 'latin1'), 3);
    sector.set([0x55, 0xaa], 510);
    const opened: string[] = [];
    const device = (readable: boolean): DestinationFs => ({
      ...withTexts({ '/proc/self/mountinfo': mountinfo }),
      open: (file) => {
        opened.push(file);
        return file === '/dev/loop3' && readable ? Promise.resolve(99) : Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' }));
      },
      read: (_fd, buffer, offset) => {
        buffer.set(sector, offset);
        return Promise.resolve(512);
      },
      close: () => Promise.resolve(),
    });
    expect(await detectFilesystem({ dir: '/mnt/stick', fs: device(true), platform: 'linux' })).toMatchObject({ name: 'exFAT', type: 'fuseblk (exfat)', sizeLimit: 'none' });
    expect(opened).toEqual(['/dev/loop3']);
    expect(await detectFilesystem({ dir: '/mnt/stick', fs: device(false), platform: 'linux' })).toMatchObject({ name: 'fuseblk', sizeLimit: 'unknown' });
  });

  it('finds the mount point of a real folder by walking up to where the device changes', async () => {
    const dir = tempDir();
    const top = await mountPointOf({ fs: realDestinationFs, realPath: fs.realpathSync(dir) });
    expect(fs.realpathSync(dir).startsWith(top)).toBe(true);
    expect(fs.statSync(top).dev).toBe(fs.statSync(dir).dev);
  });

  it('on Linux gives an answer for a real temp folder', async () => {
    if (process.platform !== 'linux') return;
    const found = await detectFilesystem({ dir: tempDir(), fs: realDestinationFs });
    expect(typeof found?.name).toBe('string');
  });

  it('on macOS asks diskutil about the mount point the folder is on', async () => {
    const calls: Parameters<RunTool>[0][] = [];
    const run: RunTool = (options) => {
      calls.push(options);
      return Promise.resolve('<dict><key>FilesystemName</key><string>MS-DOS FAT32</string><key>FilesystemType</key><string>msdos</string></dict>');
    };
    const devices: Record<string, number> = { '/': 1, '/Volumes': 1, '/Volumes/NO NAME': 7, '/Volumes/NO NAME/cases': 7 };
    const mac: DestinationFs = { ...withTexts({}), stat: (file) => Promise.resolve({ isDirectory: () => true, isFile: () => false, size: 0, dev: devices[file]! }) };
    expect(await detectFilesystem({ dir: '/Volumes/NO NAME/cases', fs: mac, platform: 'darwin', run })).toMatchObject({ name: 'FAT32' });
    expect(calls.map(({ command, args }) => ({ command, args }))).toEqual([{ command: 'diskutil', args: ['info', '-plist', '/Volumes/NO NAME'] }]);
  });

  it('on Windows asks Get-Volume, passing the path outside the command text', async () => {
    const calls: Parameters<RunTool>[0][] = [];
    const run: RunTool = (options) => {
      calls.push(options);
      return Promise.resolve('exFAT\r\n');
    };
    const dir = "E:\\Shop's evidence; $(rm -rf)";
    expect(await detectFilesystem({ dir, fs: withTexts({}), platform: 'win32', run })).toMatchObject({ name: 'exFAT' });
    expect(calls[0]!.command).toBe('powershell.exe');
    expect(calls[0]!.args.join(' ')).not.toContain('Shop');
    expect(calls[0]!.env?.HANDOVER_DESTINATION).toBe(dir);
  });

  it('says "don\'t know" when the tool fails or times out, or on other systems', async () => {
    const failing: RunTool = () => Promise.reject(new Error('timed out'));
    expect(await detectFilesystem({ dir: 'E:\\', fs: withTexts({}), platform: 'win32', run: failing })).toBeNull();
    expect(await detectFilesystem({ dir: tempDir(), fs: withTexts({}), platform: 'darwin', run: failing })).toBeNull();
    expect(await detectFilesystem({ dir: '/x', fs: withTexts({}), platform: 'linux' })).toBeNull();
    expect(await detectFilesystem({ dir: '/x', fs: withTexts({}), platform: 'freebsd' })).toBeNull();
  });
});
