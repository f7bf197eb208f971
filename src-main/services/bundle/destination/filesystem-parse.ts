/**
 * Reading what OS tools say about a drive's format: Linux's /proc/self/mountinfo (and udev's notes for FUSE drives),
 * macOS's `diskutil info -plist`, Windows' Get-Volume. Pure functions, so the odd real-world lines are tested here.
 */

export interface MountEntry {
  /** "8:17": the device, which for fuseblk is the real disk partition. */
  majorMinor: string;
  mountPoint: string;
  fsType: string;
  source: string;
}

/** What the evidence writer needs to know about a format. */
export interface FilesystemInfo {
  /** As the OS reported it: "vfat", "fuseblk", "msdos", "FAT32". */
  type: string;
  /** For people: "FAT32", "exFAT", "NTFS"; the raw type when there is no better name. */
  name: string;
  /** 'fat' when no file may reach 4 GiB; 'unknown' when the type does not say (a generic FUSE mount). */
  sizeLimit: 'fat' | 'none' | 'unknown';
}

// The kernel escapes space, tab, newline and backslash in mountinfo fields as three octal digits.
function unescapeMountField(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_match, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/**
 * Lines of /proc/self/mountinfo: "id parent major:minor root mountpoint options [optional fields…] - type source
 * superoptions". The optional fields vary in number, so the fields after the mount point are found from the " - ".
 */
export function parseMountinfo(options: { text: string }): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const line of options.text.split('\n')) {
    const fields = line.trim().split(' ');
    const separator = fields.indexOf('-', 6);
    if (fields.length < 7 || separator < 0 || fields.length < separator + 3) continue;
    entries.push({
      majorMinor: fields[2]!,
      mountPoint: unescapeMountField(fields[4]!),
      fsType: unescapeMountField(fields[separator + 1]!),
      source: unescapeMountField(fields[separator + 2]!),
    });
  }
  return entries;
}

/**
 * The mount a path is on: the longest mount point that is the path or a folder above it. Of mounts on the same
 * point the last listed is on top, so it wins.
 */
export function mountForPath(options: { entries: MountEntry[]; path: string }): MountEntry | null {
  let best: MountEntry | null = null;
  for (const entry of options.entries) {
    const point = entry.mountPoint;
    const under = point === '/' || options.path === point || options.path.startsWith(point.endsWith('/') ? point : `${point}/`);
    if (under && (best === null || point.length >= best.mountPoint.length)) best = entry;
  }
  return best;
}

/** udev's database entry for a block device (/run/udev/data/b8:17): "E:ID_FS_TYPE=ntfs". */
export function parseUdevFsType(options: { text: string }): string | null {
  const match = /^E:ID_FS_TYPE=(.+)$/m.exec(options.text);
  return match ? match[1]!.trim() : null;
}

/**
 * What a partition's first sector says it is, for when nothing else will (fuseblk without a udev record): exFAT and
 * NTFS put their name at byte 3, FAT32 at byte 82, FAT12/16 at byte 54; every one ends the sector with 55 AA.
 */
export function filesystemFromBootSector(options: { sector: Uint8Array }): string | null {
  const { sector } = options;
  if (sector.length < 512 || sector[510] !== 0x55 || sector[511] !== 0xaa) return null;
  const text = (start: number, length: number) => String.fromCharCode(...sector.subarray(start, start + length));
  if (text(3, 8) === 'EXFAT   ') return 'exfat';
  if (text(3, 8) === 'NTFS    ') return 'ntfs';
  if (text(82, 8) === 'FAT32   ') return 'vfat';
  if (text(54, 8) === 'FAT16   ') return 'fat16';
  if (text(54, 8) === 'FAT12   ') return 'fat12';
  return null;
}

const FAT_NAMES: Record<string, string> = {
  vfat: 'FAT32',
  msdos: 'FAT32',
  fat: 'FAT32',
  fat32: 'FAT32',
  'fuse.fusefat': 'FAT32',
  fusefat: 'FAT32',
  fat16: 'FAT16',
  fat12: 'FAT12',
};

const OTHER_NAMES: Record<string, string> = {
  exfat: 'exFAT',
  'fuse.exfat': 'exFAT',
  'fuse.exfat-fuse': 'exFAT',
  ntfs: 'NTFS',
  ntfs3: 'NTFS',
  'ntfs-3g': 'NTFS',
  'fuse.ntfs-3g': 'NTFS',
  'fuse.ntfs': 'NTFS',
  refs: 'ReFS',
  apfs: 'APFS',
  hfs: 'Mac OS Extended',
  hfsplus: 'Mac OS Extended',
  ext2: 'ext2',
  ext3: 'ext3',
  ext4: 'ext4',
  btrfs: 'Btrfs',
  xfs: 'XFS',
  f2fs: 'F2FS',
  zfs: 'ZFS',
  udf: 'UDF',
  tmpfs: 'tmpfs',
  overlay: 'overlay',
  nfs: 'NFS network share',
  nfs4: 'NFS network share',
  cifs: 'Windows network share',
  smb3: 'Windows network share',
  smbfs: 'Windows network share',
};

/**
 * A name and size limit for a reported type. Anything else FUSE (fuseblk is ntfs-3g or exfat-fuse, which one the
 * mount does not say) and anything not listed is 'unknown': guessing "no limit" could let a 5 GB file meet FAT32.
 */
export function describeFilesystem(options: { type: string }): FilesystemInfo {
  const key = options.type.trim().toLowerCase();
  const fat = FAT_NAMES[key];
  if (fat) return { type: options.type, name: fat, sizeLimit: 'fat' };
  const other = OTHER_NAMES[key];
  if (other) return { type: options.type, name: other, sizeLimit: 'none' };
  return { type: options.type, name: options.type, sizeLimit: 'unknown' };
}

/** Linux: the format of a mount, with what udev found on the partition when the mount is fuseblk (which hides it). */
export function filesystemFromMount(options: { mount: MountEntry; udevFsType?: string | null }): FilesystemInfo {
  const { mount, udevFsType } = options;
  if (mount.fsType === 'fuseblk' && udevFsType) return { ...describeFilesystem({ type: udevFsType }), type: `fuseblk (${udevFsType})` };
  return describeFilesystem({ type: mount.fsType });
}

function plistString(options: { text: string; key: string }): string | null {
  const match = new RegExp(`<key>${options.key}</key>\\s*<string>([^<]*)</string>`).exec(options.text);
  return match ? match[1]!.trim() : null;
}

/** macOS `diskutil info -plist <path>`: FilesystemType ("msdos", "exfat") and FilesystemName ("MS-DOS FAT32"). */
export function filesystemFromDiskutil(options: { plist: string }): FilesystemInfo | null {
  const type = plistString({ text: options.plist, key: 'FilesystemType' });
  const name = plistString({ text: options.plist, key: 'FilesystemName' });
  if (!type && !name) return null;
  if (type === 'msdos') {
    // msdos is FAT12, 16 or 32; the limit is the same, the name shown should be right.
    const bits = /FAT(12|16|32)/i.exec(name ?? '')?.[1] ?? '32';
    return { type, name: `FAT${bits}`, sizeLimit: 'fat' };
  }
  const described = describeFilesystem({ type: type ?? name ?? '' });
  return described.sizeLimit === 'unknown' && name ? { ...described, name } : described;
}

/** Windows `(Get-Volume -FilePath …).FileSystemType`: "FAT32", "exFAT", "NTFS", "ReFS", or "Unknown"/nothing. */
export function filesystemFromGetVolume(options: { output: string }): FilesystemInfo | null {
  const type = options.output.trim().split(/\r?\n/)[0]?.trim() ?? '';
  if (type === '' || /^unknown$/i.test(type)) return null;
  // Windows says "FAT" for FAT16.
  return /^fat$/i.test(type) ? { type, name: 'FAT16', sizeLimit: 'fat' } : describeFilesystem({ type });
}
