/**
 * macOS: `diskutil list -plist external physical` for the sticks, then `diskutil info -plist` for each stick and each
 * of its volumes (the list has no bus, removability, make or format). Eject is `diskutil eject` of the whole stick.
 * diskutil gives no serial number; the receipt leaves it blank on a Mac.
 */
import path from 'node:path';
import type { RunTool } from '../bundle/destination/filesystem-type';
import { filesystemFromDiskutil } from '../bundle/destination/filesystem-parse';
import { cleanText, describeToolFailure, isBusyText, throwIfAborted, type DriveSource, type EjectOutcome, type RawDrive } from './drive-source';
import { parsePlist, plistArray, plistBool, plistDict, plistNumber, plistString, type PlistDict } from './plist';

export const DISKUTIL_LIST_ARGS = ['list', '-plist', 'external', 'physical'];

const DISKUTIL_TIMEOUT_MS = 10_000;
// Ejecting waits for every volume to flush and unmount; a large write can take a while to drain.
const DISKUTIL_EJECT_TIMEOUT_MS = 60_000;

/** Partitions that are never somewhere to write: the partition map's own and boot helpers. */
const NOT_VOLUMES = new Set(['EFI', 'Apple_Boot', 'Apple_partition_map', 'Apple_Free', 'Apple_Driver43', 'Apple_Driver_ATAPI', 'Apple_Patches']);

/** The volumes of each whole disk in the list, as [whole disk, volume identifiers]. */
export function volumesFromDiskutilList(options: { plist: string }): { disk: string; volumes: string[] }[] {
  const root = plistDict(parsePlist(options.plist));
  const disks: { disk: string; volumes: string[] }[] = [];
  for (const entry of plistArray(root?.AllDisksAndPartitions)) {
    const disk = plistDict(entry);
    const id = cleanText(plistString(disk?.DeviceIdentifier));
    if (!disk || id === null) continue;
    const partitions = plistArray(disk.Partitions).map(plistDict).filter((partition): partition is PlistDict => partition !== null);
    // A stick formatted without a partition table has its volume on the whole disk.
    const candidates = partitions.length > 0 ? partitions : [disk];
    const volumes = candidates
      .filter((volume) => !NOT_VOLUMES.has(plistString(volume.Content) ?? ''))
      .filter((volume) => cleanText(plistString(volume.MountPoint)) !== null || cleanText(plistString(volume.VolumeName)) !== null)
      .map((volume) => cleanText(plistString(volume.DeviceIdentifier)))
      .filter((volume): volume is string => volume !== null);
    disks.push({ disk: id, volumes });
  }
  return disks;
}

function busName(protocol: string | null): string | null {
  if (protocol === null) return null;
  return /secure digital/i.test(protocol) ? 'sd' : protocol.toLowerCase();
}

/** Pure: one volume from `diskutil info -plist` of it and of its whole disk. */
export function driveFromDiskutilInfo(options: { volumeInfo: string; diskInfo: string | null }): RawDrive | null {
  const volume = plistDict(parsePlist(options.volumeInfo));
  const disk = options.diskInfo === null ? null : plistDict(parsePlist(options.diskInfo));
  if (!volume) return null;
  const id = cleanText(plistString(volume.DeviceIdentifier));
  if (id === null) return null;
  const either = (key: string) => plistBool(volume[key]) === true || plistBool(disk?.[key]) === true;
  const mountPath = cleanText(plistString(volume.MountPoint));
  const filesystem = filesystemFromDiskutil({ plist: options.volumeInfo });
  const writableVolume = plistBool(volume.WritableVolume);
  const writableMedia = plistBool(volume.WritableMedia) ?? plistBool(disk?.WritableMedia);
  return {
    driveId: id,
    device: { volume: id, disk: cleanText(plistString(volume.ParentWholeDisk)) ?? cleanText(plistString(disk?.DeviceIdentifier)) },
    label: cleanText(plistString(volume.VolumeName)),
    // A partition's MediaName is empty; the whole disk's is the make and model.
    model: cleanText(plistString(disk?.MediaName)) ?? cleanText(plistString(volume.MediaName)),
    serial: null,
    sizeBytes: plistNumber(disk?.Size) ?? plistNumber(disk?.TotalSize) ?? plistNumber(volume.TotalSize) ?? plistNumber(volume.Size),
    fsType: cleanText(plistString(volume.FilesystemType)),
    filesystemName: filesystem?.name ?? cleanText(plistString(volume.FilesystemUserVisibleName)),
    mountPath,
    removable: either('Removable') || either('RemovableMedia'),
    hotplug: either('Ejectable') || either('RemovableMediaOrExternalDevice'),
    bus: busName(cleanText(plistString(volume.BusProtocol)) ?? cleanText(plistString(disk?.BusProtocol))),
    // Only sticks come from "external physical", but a Mac started from an external disk has its system there.
    system: mountPath === '/' || (mountPath?.startsWith('/System/Volumes/') ?? false) || either('OSInternalMedia'),
    boot: mountPath === '/' || plistString(volume.Content) === 'EFI',
    // A volume with no filesystem mounted reports WritableVolume false; only a mounted one's answer means anything.
    readOnly: writableMedia === false || (mountPath !== null && writableVolume === false),
  };
}

export function createMacDriveSource(options: { run: RunTool }): DriveSource {
  const { run } = options;
  const info = (id: string) => run({ command: 'diskutil', args: ['info', '-plist', id], timeoutMs: DISKUTIL_TIMEOUT_MS });
  return {
    async list({ signal }) {
      const disks = volumesFromDiskutilList({ plist: await run({ command: 'diskutil', args: DISKUTIL_LIST_ARGS, timeoutMs: DISKUTIL_TIMEOUT_MS }) });
      const drives: RawDrive[] = [];
      for (const { disk, volumes } of disks) {
        if (volumes.length === 0) continue;
        throwIfAborted(signal);
        // The whole disk can vanish between the two calls (pulled out); its volumes then go too.
        const diskInfo = await info(disk).catch(() => null);
        for (const volume of volumes) {
          throwIfAborted(signal);
          const volumeInfo = await info(volume).catch(() => null);
          const drive = volumeInfo === null ? null : driveFromDiskutilInfo({ volumeInfo, diskInfo });
          if (drive) drives.push(drive);
        }
      }
      return drives;
    },
    eject: ({ drive }) => ejectMac({ run, drive }),
  };
}

/** "Unmount was dissented by PID 412 (/Applications/Preview.app/Contents/MacOS/Preview)" → "Preview". */
export function vetoFromDiskutil(text: string): string | null {
  const match = /dissented by PID (\d+)(?: \(([^)]+)\))?/i.exec(text);
  if (!match) return null;
  return match[2] ? path.posix.basename(match[2]) : `process ${match[1]!}`;
}

export async function ejectMac(options: { run: RunTool; drive: RawDrive }): Promise<EjectOutcome> {
  const target = options.drive.device.disk ?? options.drive.device.volume;
  try {
    const output = await options.run({ command: 'diskutil', args: ['eject', target], timeoutMs: DISKUTIL_EJECT_TIMEOUT_MS });
    return { ok: true, vetoedBy: null, busy: false, detail: output.trim() };
  } catch (error) {
    const failure = describeToolFailure(error);
    const vetoedBy = vetoFromDiskutil(failure.text);
    return { ok: false, vetoedBy, busy: vetoedBy !== null || isBusyText(failure.text), detail: failure.text };
  }
}
