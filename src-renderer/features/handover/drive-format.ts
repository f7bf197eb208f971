/** How a USB stick is named on the Write USB screen: what a person recognises (its name, make, size, free space). */
import type { Drive } from '../../../src-shared/domain/drives';
import { formatBytes } from '../review/review-format';

/** "KINGSTON": the label, else the make and model, else where it is. */
export function driveTitle(drive: Pick<Drive, 'label' | 'model' | 'displayPath'>): string {
  return drive.label ?? drive.model ?? drive.displayPath ?? 'USB stick';
}

/** "Kingston DataTraveler · 16.0 GB · FAT32 · 12.3 GB free". */
export function driveFacts(drive: Pick<Drive, 'label' | 'model' | 'sizeBytes' | 'filesystem' | 'freeBytes'>): string {
  const facts: string[] = [];
  if (drive.label && drive.model) facts.push(drive.model);
  if (drive.sizeBytes !== null) facts.push(formatBytes(drive.sizeBytes));
  if (drive.filesystem) facts.push(drive.filesystem);
  if (drive.freeBytes !== null) facts.push(`${formatBytes(drive.freeBytes)} free`);
  return facts.join(' · ');
}

/** Sticks that can be used first, then the others with why not; each group in a steady order so the list does not jump. */
export function sortDrives(drives: readonly Drive[]): { usable: Drive[]; other: Drive[] } {
  const byName = (a: Drive, b: Drive) => driveTitle(a).localeCompare(driveTitle(b)) || a.driveId.localeCompare(b.driveId);
  return { usable: drives.filter((drive) => drive.offered).sort(byName), other: drives.filter((drive) => !drive.offered).sort(byName) };
}

/** True when two lists show the same thing, so a refresh that changed nothing does not redraw. */
export function sameDrives(a: readonly Drive[], b: readonly Drive[]): boolean {
  return a.length === b.length && a.every((drive, index) => JSON.stringify(drive) === JSON.stringify(b[index]));
}
