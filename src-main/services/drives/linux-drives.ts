/**
 * Linux: drives from `lsblk -J`, filesystems from /proc/self/mountinfo, eject through udisks (what the desktop's own
 * "Eject" uses, and allowed for the logged-in user without a password) or, where udisks is missing, umount + eject.
 */
import fs from 'node:fs';
import type { RunTool } from '../bundle/destination/filesystem-type';
import { describeFilesystem, filesystemFromMount, parseMountinfo, type MountEntry } from '../bundle/destination/filesystem-parse';
import { cleanText, describeToolFailure, isBusyText, throwIfAborted, type DriveSource, type EjectOutcome, type RawDrive } from './drive-source';

/** The columns, plus SERIAL for the receipt, VENDOR for the make, and PKNAME. */
export const LSBLK_ARGS = ['-J', '-b', '-o', 'PATH,TYPE,RM,HOTPLUG,TRAN,SIZE,FSTYPE,LABEL,MOUNTPOINTS,RO,VENDOR,MODEL,SERIAL,PKNAME'];
/**
 * util-linux before 2.37 has no MOUNTPOINTS and before 2.33 no PATH; NAME with `-p` is the full path on every
 * version that has `-J`. Only used when the first form is refused, so new systems see all of a stick's mounts.
 */
export const LSBLK_LEGACY_ARGS = ['-J', '-b', '-p', '-o', 'NAME,TYPE,RM,HOTPLUG,TRAN,SIZE,FSTYPE,LABEL,MOUNTPOINT,RO,VENDOR,MODEL,SERIAL,PKNAME'];

const LSBLK_TIMEOUT_MS = 10_000;
// udisks may show a password dialog (polkit) when the stick was mounted by someone else; give the person time.
const UDISKS_TIMEOUT_MS = 60_000;
const UMOUNT_TIMEOUT_MS = 30_000;

/** Mounted here, the disk runs the computer. */
const SYSTEM_MOUNTS = new Set(['/', '/usr', '/var', '/home', '[SWAP]', '/boot', '/boot/efi', '/efi', '/boot/firmware']);
const BOOT_MOUNTS = new Set(['/boot', '/boot/efi', '/efi', '/boot/firmware']);

/** One row of lsblk's JSON; every version's spelling is allowed for, so nothing here is trusted to be present. */
interface LsblkRow {
  path?: unknown;
  name?: unknown;
  type?: unknown;
  rm?: unknown;
  hotplug?: unknown;
  tran?: unknown;
  size?: unknown;
  fstype?: unknown;
  label?: unknown;
  mountpoints?: unknown;
  mountpoint?: unknown;
  ro?: unknown;
  vendor?: unknown;
  model?: unknown;
  serial?: unknown;
  children?: unknown;
}

// lsblk 2.37+ prints true/false and numbers; older versions print "1"/"0" and numbers as strings.
function flag(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}

function count(value: unknown): number | null {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  return Number.isFinite(number) ? number : null;
}

function mountsOf(row: LsblkRow): string[] {
  const list = Array.isArray(row.mountpoints) ? (row.mountpoints as unknown[]) : [row.mountpoint];
  return list.map(cleanText).filter((mount): mount is string => mount !== null);
}

function childrenOf(row: LsblkRow): LsblkRow[] {
  return Array.isArray(row.children) ? (row.children as unknown[]).filter((child): child is LsblkRow => typeof child === 'object' && child !== null) : [];
}

/** Every mount of a device and of whatever sits on it (LUKS, LVM), so a root inside an encrypted partition counts. */
function allMounts(row: LsblkRow): string[] {
  return [...mountsOf(row), ...childrenOf(row).flatMap(allMounts)];
}

function makeAndModel(rawVendor: string | null, model: string | null): string | null {
  // Virtual disks give a PCI vendor number ("0x1af4"), which tells a person nothing.
  const vendor = rawVendor !== null && /^0x[0-9a-f]+$/i.test(rawVendor) ? null : rawVendor;
  if (model === null) return vendor;
  // Some sticks repeat the make in the model ("SanDisk Cruzer"); generic readers say "Generic", which adds nothing.
  if (vendor === null || /^(ata|generic|usb)$/i.test(vendor) || model.toLowerCase().startsWith(vendor.toLowerCase())) return model;
  return `${vendor} ${model}`;
}

/** SD cards in a built-in reader show as mmcblk with no transport and often RM 0, yet they are cards. */
function busOf(path: string, tran: string | null): string | null {
  if (tran !== null) return tran.toLowerCase();
  return /^\/dev\/mmcblk\d+$/.test(path.replace(/p\d+$/, '')) ? 'mmc' : null;
}

function filesystemNameOf(options: { fsType: string | null; mountPath: string | null; mounts: MountEntry[] | null }): string | null {
  const { fsType, mountPath, mounts } = options;
  if (mountPath !== null && mounts !== null) {
    // The last entry for a mount point is the one on top.
    const mount = mounts.filter((entry) => entry.mountPoint === mountPath).pop();
    // lsblk's FSTYPE is what udev found on the partition, which is what fuseblk hides.
    if (mount) return filesystemFromMount({ mount, udevFsType: fsType }).name;
  }
  if (fsType === null) return null;
  // Unmounted, lsblk cannot tell FAT16 from FAT32.
  if (fsType.toLowerCase() === 'vfat') return 'FAT';
  return describeFilesystem({ type: fsType }).name;
}

function volumeFrom(options: { row: LsblkRow; disk: LsblkRow; mounts: MountEntry[] | null; system: boolean; boot: boolean }): RawDrive | null {
  const { row, disk, mounts } = options;
  const path = cleanText(row.path) ?? cleanText(row.name);
  const diskPath = cleanText(disk.path) ?? cleanText(disk.name);
  if (path === null) return null;
  const fsType = cleanText(row.fstype);
  const ownMounts = mountsOf(row);
  // Swap, and partitions with nothing on them (Microsoft reserved, extended) are not somewhere to write.
  if (ownMounts.includes('[SWAP]') || (fsType === null && ownMounts.length === 0) || fsType === 'swap') return null;
  const mountPath = ownMounts[0] ?? null;
  const tran = cleanText(row.tran) ?? cleanText(disk.tran);
  return {
    driveId: path,
    device: { volume: path, disk: diskPath },
    label: cleanText(row.label),
    model: makeAndModel(cleanText(disk.vendor), cleanText(row.model) ?? cleanText(disk.model)),
    serial: cleanText(row.serial) ?? cleanText(disk.serial),
    sizeBytes: count(disk.size) ?? count(row.size),
    fsType,
    filesystemName: filesystemNameOf({ fsType, mountPath, mounts }),
    mountPath,
    // Partitions repeat the disk's RM and HOTPLUG on most versions; taking either is right on all of them.
    removable: flag(row.rm) || flag(disk.rm),
    hotplug: flag(row.hotplug) || flag(disk.hotplug),
    bus: busOf(diskPath ?? path, tran),
    system: options.system,
    boot: options.boot,
    readOnly: flag(row.ro) || flag(disk.ro),
  };
}

/** Pure: lsblk's JSON (any version) and the mount table, to one entry per volume. Loops, CD drives and RAM are left out. */
export function parseLsblk(options: { json: string; mounts?: MountEntry[] | null }): RawDrive[] {
  const parsed = JSON.parse(options.json) as { blockdevices?: unknown };
  const devices = Array.isArray(parsed.blockdevices) ? (parsed.blockdevices as LsblkRow[]) : [];
  const drives: RawDrive[] = [];
  for (const disk of devices) {
    if (disk.type !== 'disk') continue;
    const mountsOnDisk = allMounts(disk);
    const system = mountsOnDisk.some((mount) => SYSTEM_MOUNTS.has(mount));
    const boot = mountsOnDisk.some((mount) => BOOT_MOUNTS.has(mount));
    const partitions = childrenOf(disk).filter((child) => child.type === 'part');
    // A stick formatted without a partition table ("superfloppy") carries its filesystem on the disk itself.
    const rows = partitions.length > 0 ? partitions : [disk];
    for (const row of rows) {
      const drive = volumeFrom({ row, disk, mounts: options.mounts ?? null, system, boot });
      if (drive) drives.push(drive);
    }
  }
  return drives;
}

export interface LinuxDriveSourceOptions {
  run: RunTool;
  readMountinfo?: () => Promise<string>;
}

export function createLinuxDriveSource(options: LinuxDriveSourceOptions): DriveSource {
  const { run } = options;
  const readMountinfo = options.readMountinfo ?? (() => fs.promises.readFile('/proc/self/mountinfo', 'utf8'));

  async function lsblk(): Promise<string> {
    try {
      return await run({ command: 'lsblk', args: LSBLK_ARGS, timeoutMs: LSBLK_TIMEOUT_MS });
    } catch (error) {
      if (!/unknown column/i.test(describeToolFailure(error).text)) throw error;
      return run({ command: 'lsblk', args: LSBLK_LEGACY_ARGS, timeoutMs: LSBLK_TIMEOUT_MS });
    }
  }

  return {
    async list({ signal }) {
      const json = await lsblk();
      throwIfAborted(signal);
      // Without the mount table the names come from lsblk alone; not worth failing the list for.
      const mounts = await readMountinfo().then((text) => parseMountinfo({ text }), () => null);
      return parseLsblk({ json, mounts });
    },
    eject: ({ drive }) => ejectLinux({ run, drive }),
  };
}

type Step = { ok: true; output: string } | { ok: false; missing: boolean; text: string };

async function step(run: RunTool, command: string, args: string[], timeoutMs: number): Promise<Step> {
  try {
    return { ok: true, output: (await run({ command, args, timeoutMs })).trim() };
  } catch (error) {
    const failure = describeToolFailure(error);
    return { ok: false, missing: failure.missing, text: failure.timedOut ? `${command} did not answer in time. ${failure.text}` : failure.text };
  }
}

function busyOutcome(text: string, log: string[]): EjectOutcome {
  // Linux does not say which program has the files open; the message is passed on as it is.
  return { ok: false, vetoedBy: null, busy: true, detail: [...log, text].join('\n') };
}

/**
 * Unmount (which flushes everything to the stick), then power the stick off. Never a lazy unmount (`umount -l`): it
 * detaches the name at once while writes may still be pending, so "safe to remove" would be a lie.
 */
export async function ejectLinux(options: { run: RunTool; drive: RawDrive }): Promise<EjectOutcome> {
  const { run, drive } = options;
  const volume = drive.device.volume;
  const disk = drive.device.disk ?? volume;
  const log: string[] = [];

  let viaUdisks = true;
  if (drive.mountPath !== null) {
    const unmount = await step(run, 'udisksctl', ['unmount', '-b', volume], UDISKS_TIMEOUT_MS);
    if (unmount.ok) log.push(`udisksctl unmount: ${unmount.output}`);
    else if (/not mounted/i.test(unmount.text)) log.push(`udisksctl unmount: already unmounted`);
    else if (isBusyText(unmount.text)) return busyOutcome(unmount.text, log);
    else {
      log.push(unmount.missing ? 'udisksctl is not installed' : `udisksctl unmount failed: ${unmount.text}`);
      viaUdisks = false;
      const umount = await step(run, 'umount', [drive.mountPath], UMOUNT_TIMEOUT_MS);
      if (!umount.ok && isBusyText(umount.text)) return busyOutcome(umount.text, log);
      if (!umount.ok && !/not mounted/i.test(umount.text)) {
        return { ok: false, vetoedBy: null, busy: false, detail: [...log, `umount failed: ${umount.text}`].join('\n') };
      }
      log.push('umount: done');
    }
  }

  // Unmounted means flushed: from here a failure to power off still leaves the stick safe to pull out.
  if (viaUdisks) {
    const powerOff = await step(run, 'udisksctl', ['power-off', '-b', disk], UDISKS_TIMEOUT_MS);
    if (powerOff.ok) return { ok: true, vetoedBy: null, busy: false, detail: [...log, 'udisksctl power-off: done'].join('\n') };
    log.push(powerOff.missing ? 'udisksctl is not installed' : `udisksctl power-off failed: ${powerOff.text}`);
  }
  const eject = await step(run, 'eject', [disk], UMOUNT_TIMEOUT_MS);
  log.push(eject.ok ? 'eject: done' : `eject failed (the stick is unmounted, so still safe to remove): ${eject.text}`);
  return { ok: true, vetoedBy: null, busy: false, detail: log.join('\n') };
}
