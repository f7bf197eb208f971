import { describe, expect, it } from 'vitest';
import {
  describeFilesystem,
  filesystemFromBootSector,
  filesystemFromDiskutil,
  filesystemFromGetVolume,
  filesystemFromMount,
  mountForPath,
  parseMountinfo,
  parseUdevFsType,
} from './filesystem-parse';

// Recorded from real machines (Ubuntu 24.04 desktop with sticks plugged in, a Docker container, a NAS client).
const MOUNTINFO = [
  '22 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw,errors=remount-ro',
  '25 22 0:22 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw',
  '30 22 0:26 / /run rw,nosuid,nodev,noexec,relatime shared:5 - tmpfs tmpfs rw,size=1631624k,mode=755,inode64',
  '95 30 8:17 / /media/jane/KINGSTON rw,nosuid,nodev,relatime shared:318 - vfat /dev/sdb1 rw,uid=1000,gid=1000,fmask=0022,dmask=0022,codepage=437,iocharset=iso8859-1,shortname=mixed,showexec,utf8,flush,errors=remount-ro',
  '96 30 8:33 / /media/jane/SANDISK\\040EXTREME rw,nosuid,nodev,relatime shared:320 - exfat /dev/sdc1 rw,uid=1000,gid=1000,fmask=0022,dmask=0022,iocharset=utf8,errors=remount-ro',
  '97 30 8:49 / /media/jane/Seagate\\040Backup\\040Plus rw,nosuid,nodev,relatime shared:322 - ntfs3 /dev/sdd1 rw,uid=1000,gid=1000,windows_names,iocharset=utf8',
  '98 30 8:65 / /media/jane/WD\\040Passport rw,nosuid,nodev,relatime shared:324 - fuseblk /dev/sde1 rw,user_id=0,group_id=0,default_permissions,allow_other,blksize=4096',
  '99 30 0:53 / /media/jane/OLDSTICK rw,nosuid,nodev,relatime shared:326 - fuse.fusefat /dev/sdf1 rw,user_id=1000,group_id=1000',
  '100 22 0:54 / /mnt/exfat rw,relatime shared:328 - fuse.exfat /dev/sdg1 rw,user_id=0,group_id=0,allow_other,blksize=4096',
  '140 22 0:60 / /mnt/nas rw,relatime shared:90 - nfs4 192.168.1.20:/volume1/cctv rw,vers=4.1,rsize=131072,wsize=131072,namlen=255,hard,proto=tcp,timeo=600,retrans=2,sec=sys,clientaddr=192.168.1.10,local_lock=none,addr=192.168.1.20',
  '150 22 0:70 / /mnt/share rw,relatime shared:95 - cifs //nas/evidence rw,vers=3.1.1,cache=strict,username=shop,uid=1000,noforceuid,gid=1000,noforcegid,addr=192.168.1.20,file_mode=0755,dir_mode=0755,soft,nounix,serverino,mapposix,rsize=4194304,wsize=4194304,bsize=1048576,echo_interval=60,actimeo=1,closetimeo=1',
  // A folder with a tab and a backslash in its name, and no optional fields at all.
  '160 22 8:81 / /mnt/odd\\011name\\134x rw,relatime - ext4 /dev/sdh1 rw',
].join('\n');

const entries = parseMountinfo({ text: MOUNTINFO });
const typeAt = (path: string) => mountForPath({ entries, path })?.fsType;

describe('parseMountinfo', () => {
  it('reads every line, whatever the number of optional fields', () => {
    expect(entries).toHaveLength(12);
    expect(entries[3]).toEqual({ majorMinor: '8:17', mountPoint: '/media/jane/KINGSTON', fsType: 'vfat', source: '/dev/sdb1' });
    expect(entries.at(-1)).toEqual({ majorMinor: '8:81', mountPoint: '/mnt/odd\tname\\x', fsType: 'ext4', source: '/dev/sdh1' });
  });

  it('unescapes spaces written as \\040', () => {
    expect(entries[4]!.mountPoint).toBe('/media/jane/SANDISK EXTREME');
    expect(entries[5]!.mountPoint).toBe('/media/jane/Seagate Backup Plus');
  });

  it('skips blank and malformed lines', () => {
    expect(parseMountinfo({ text: '\n\ngarbage line\n1 2 3\n' })).toEqual([]);
  });

  it('reads an overlay root as Docker writes it', () => {
    const overlay = parseMountinfo({
      text: '512 480 0:61 / / rw,relatime master:1 - overlay overlay rw,lowerdir=/var/lib/docker/overlay2/l/ABC:/var/lib/docker/overlay2/l/DEF,upperdir=/var/lib/docker/overlay2/123/diff,workdir=/var/lib/docker/overlay2/123/work',
    });
    expect(overlay).toEqual([{ majorMinor: '0:61', mountPoint: '/', fsType: 'overlay', source: 'overlay' }]);
    expect(describeFilesystem({ type: 'overlay' })).toMatchObject({ name: 'overlay', sizeLimit: 'none' });
  });
});

describe('mountForPath', () => {
  it('picks the longest mount point the path is in', () => {
    expect(typeAt('/media/jane/KINGSTON')).toBe('vfat');
    expect(typeAt('/media/jane/KINGSTON/cases/44')).toBe('vfat');
    expect(typeAt('/media/jane/SANDISK EXTREME/x')).toBe('exfat');
    expect(typeAt('/media/jane/Seagate Backup Plus')).toBe('ntfs3');
    expect(typeAt('/mnt/nas/evidence')).toBe('nfs4');
    expect(typeAt('/mnt/share')).toBe('cifs');
    expect(typeAt('/home/jane')).toBe('ext4');
  });

  it('does not take a mount point that is only a prefix of a name', () => {
    expect(typeAt('/media/jane/KINGSTON2/x')).toBe('ext4');
    expect(typeAt('/mnt/nasty')).toBe('ext4');
  });

  it('takes the last of mounts stacked on one point', () => {
    const stacked = parseMountinfo({ text: `${MOUNTINFO}\n170 95 8:18 / /media/jane/KINGSTON rw,relatime - exfat /dev/sdb2 rw` });
    expect(mountForPath({ entries: stacked, path: '/media/jane/KINGSTON/a' })?.fsType).toBe('exfat');
  });

  it('finds nothing in an empty table', () => {
    expect(mountForPath({ entries: [], path: '/x' })).toBeNull();
  });
});

describe('describeFilesystem and FUSE', () => {
  it('names the formats a USB stick comes in, and knows which cannot hold 4 GB files', () => {
    expect(describeFilesystem({ type: 'vfat' })).toEqual({ type: 'vfat', name: 'FAT32', sizeLimit: 'fat' });
    expect(describeFilesystem({ type: 'msdos' })).toMatchObject({ name: 'FAT32', sizeLimit: 'fat' });
    expect(describeFilesystem({ type: 'fuse.fusefat' })).toMatchObject({ name: 'FAT32', sizeLimit: 'fat' });
    expect(describeFilesystem({ type: 'exfat' })).toMatchObject({ name: 'exFAT', sizeLimit: 'none' });
    expect(describeFilesystem({ type: 'fuse.exfat' })).toMatchObject({ name: 'exFAT', sizeLimit: 'none' });
    expect(describeFilesystem({ type: 'ntfs3' })).toMatchObject({ name: 'NTFS', sizeLimit: 'none' });
    expect(describeFilesystem({ type: 'ext4' })).toMatchObject({ name: 'ext4', sizeLimit: 'none' });
    expect(describeFilesystem({ type: 'nfs4' })).toMatchObject({ name: 'NFS network share', sizeLimit: 'none' });
    expect(describeFilesystem({ type: 'cifs' })).toMatchObject({ name: 'Windows network share', sizeLimit: 'none' });
  });

  it('does not guess for a fuseblk mount or an unknown type', () => {
    expect(describeFilesystem({ type: 'fuseblk' })).toEqual({ type: 'fuseblk', name: 'fuseblk', sizeLimit: 'unknown' });
    expect(describeFilesystem({ type: 'fuse.sshfs' })).toMatchObject({ sizeLimit: 'unknown' });
  });

  it('asks udev what is behind fuseblk', () => {
    const mount = mountForPath({ entries, path: '/media/jane/WD Passport/x' })!;
    expect(mount.majorMinor).toBe('8:65');
    const udev = 'S:disk/by-uuid/1234\nI:12345678\nE:ID_FS_VERSION=3.1\nE:ID_FS_TYPE=ntfs\nE:ID_FS_USAGE=filesystem\n';
    expect(parseUdevFsType({ text: udev })).toBe('ntfs');
    expect(filesystemFromMount({ mount, udevFsType: 'ntfs' })).toEqual({ type: 'fuseblk (ntfs)', name: 'NTFS', sizeLimit: 'none' });
    expect(filesystemFromMount({ mount, udevFsType: 'exfat' })).toMatchObject({ name: 'exFAT' });
    expect(filesystemFromMount({ mount, udevFsType: null })).toMatchObject({ name: 'fuseblk', sizeLimit: 'unknown' });
    expect(parseUdevFsType({ text: 'E:ID_BUS=usb\n' })).toBeNull();
  });

  it('reads the format from the boot sector when udev has no record', () => {
    const sector = (name: string, at: number, signed = true) => {
      const bytes = new Uint8Array(512);
      bytes.set([0xeb, 0x76, 0x90], 0);
      bytes.set(Buffer.from(name, 'latin1'), at);
      if (signed) bytes.set([0x55, 0xaa], 510);
      return bytes;
    };
    expect(filesystemFromBootSector({ sector: sector('EXFAT   ', 3) })).toBe('exfat');
    expect(filesystemFromBootSector({ sector: sector('NTFS    ', 3) })).toBe('ntfs');
    expect(filesystemFromBootSector({ sector: sector('FAT32   ', 82) })).toBe('vfat');
    expect(filesystemFromBootSector({ sector: sector('FAT16   ', 54) })).toBe('fat16');
    expect(filesystemFromBootSector({ sector: sector('EXFAT   ', 3, false) })).toBeNull();
    expect(filesystemFromBootSector({ sector: sector('XFSB', 0) })).toBeNull();
    expect(filesystemFromBootSector({ sector: new Uint8Array(100) })).toBeNull();
  });
});

describe('macOS diskutil', () => {
  const plist = (type: string, name: string) => `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>Ejectable</key>
	<true/>
	<key>FilesystemName</key>
	<string>${name}</string>
	<key>FilesystemType</key>
	<string>${type}</string>
	<key>FilesystemUserVisibleName</key>
	<string>${name}</string>
	<key>MountPoint</key>
	<string>/Volumes/KINGSTON</string>
</dict>
</plist>`;

  it('reads FAT32, FAT16, exFAT, APFS and Mac OS Extended', () => {
    expect(filesystemFromDiskutil({ plist: plist('msdos', 'MS-DOS FAT32') })).toEqual({ type: 'msdos', name: 'FAT32', sizeLimit: 'fat' });
    expect(filesystemFromDiskutil({ plist: plist('msdos', 'MS-DOS FAT16') })).toMatchObject({ name: 'FAT16', sizeLimit: 'fat' });
    expect(filesystemFromDiskutil({ plist: plist('exfat', 'ExFAT') })).toMatchObject({ name: 'exFAT', sizeLimit: 'none' });
    expect(filesystemFromDiskutil({ plist: plist('apfs', 'APFS') })).toMatchObject({ name: 'APFS', sizeLimit: 'none' });
    expect(filesystemFromDiskutil({ plist: plist('hfs', 'Mac OS Extended (Journaled)') })).toMatchObject({ name: 'Mac OS Extended', sizeLimit: 'none' });
  });

  it('keeps the name diskutil gives for a type it does not know, and says nothing for an empty answer', () => {
    expect(filesystemFromDiskutil({ plist: plist('lifs', 'Some Driver FS') })).toMatchObject({ name: 'Some Driver FS', sizeLimit: 'unknown' });
    expect(filesystemFromDiskutil({ plist: '<plist><dict></dict></plist>' })).toBeNull();
  });
});

describe('Windows Get-Volume', () => {
  it('reads the file system type, with Windows line endings', () => {
    expect(filesystemFromGetVolume({ output: 'FAT32\r\n' })).toEqual({ type: 'FAT32', name: 'FAT32', sizeLimit: 'fat' });
    expect(filesystemFromGetVolume({ output: 'FAT\r\n' })).toMatchObject({ name: 'FAT16', sizeLimit: 'fat' });
    expect(filesystemFromGetVolume({ output: 'exFAT\r\n' })).toMatchObject({ name: 'exFAT', sizeLimit: 'none' });
    expect(filesystemFromGetVolume({ output: 'NTFS' })).toMatchObject({ name: 'NTFS', sizeLimit: 'none' });
    expect(filesystemFromGetVolume({ output: 'ReFS\r\n' })).toMatchObject({ name: 'ReFS', sizeLimit: 'none' });
  });

  it('says nothing for Unknown or an empty answer', () => {
    expect(filesystemFromGetVolume({ output: 'Unknown\r\n' })).toBeNull();
    expect(filesystemFromGetVolume({ output: '\r\n' })).toBeNull();
  });
});
