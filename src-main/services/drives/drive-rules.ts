/**
 * Which drives Handover offers to write evidence to, and in plain words why not for the others. Pure, so every
 * refusal is tested. The checks are ordered so the person hears the most basic reason first: a computer's own disk is
 * "the computer's own disk" even when it is also not removable.
 */
import type { Drive } from '../../../src-shared/domain/drives';
import type { RawDrive } from './drive-source';

export const REFUSALS = {
  system: "This is the computer's own disk, so Handover will not write to it.",
  fixed: 'This disk is fixed inside the computer, not a USB stick or memory card, so Handover will not write to it.',
  readOnly:
    'This stick or card is write-protected, so nothing can be written to it. If it has a little lock switch on its side, slide it to unlocked, then unplug it and plug it in again.',
  notMounted: 'This stick is not open on this computer yet. Unplug it and plug it in again.',
} as const;

const REMOVABLE_BUSES = new Set(['usb', 'sd', 'mmc']);

export function isRemovable(drive: RawDrive): boolean {
  return drive.removable || drive.hotplug || (drive.bus !== null && REMOVABLE_BUSES.has(drive.bus));
}

/** Why Handover will not write to this drive, or null when it will. */
export function refusalOf(drive: RawDrive): string | null {
  if (drive.system || drive.boot) return REFUSALS.system;
  if (!isRemovable(drive)) return REFUSALS.fixed;
  if (drive.readOnly) return REFUSALS.readOnly;
  if (drive.mountPath === null) return REFUSALS.notMounted;
  return null;
}

/** The drive as the renderer sees it. `freeBytes` comes from statfs, never from the listing. */
export function toDrive(options: { raw: RawDrive; freeBytes: number | null }): Drive {
  const { raw } = options;
  const reason = refusalOf(raw);
  return {
    driveId: raw.driveId,
    label: raw.label,
    model: raw.model,
    serial: raw.serial,
    sizeBytes: raw.sizeBytes,
    filesystem: raw.filesystemName,
    displayPath: raw.mountPath,
    freeBytes: options.freeBytes,
    bus: raw.bus,
    offered: reason === null,
    reason,
  };
}
