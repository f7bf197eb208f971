/**
 * USB sticks and other removable drives, as the Write USB step lists them (issue 7). The renderer only ever sends a
 * drive's id back; where the drive is mounted stays in the main process.
 */
import { z } from 'zod';

export const driveIdSchema = z.string().min(1).max(200);

export const driveSchema = z.object({
  /** Stable while the stick stays plugged in: the device path (Linux), BSD name (macOS) or disk and volume (Windows). */
  driveId: driveIdSchema,
  /** The volume's name as the OS shows it, e.g. "KINGSTON". */
  label: z.string().nullable(),
  /** Make and model from the OS, e.g. "Kingston DataTraveler 3.0". */
  model: z.string().nullable(),
  serial: z.string().nullable(),
  /** Size of the whole stick, in bytes. */
  sizeBytes: z.number().nullable(),
  /** For people: "FAT32", "exFAT", "NTFS"; null when the OS did not say. */
  filesystem: z.string().nullable(),
  /** Shown to the person ("/media/shop/KINGSTON", "E:\\"); never sent back by the renderer. */
  displayPath: z.string().nullable(),
  /** From the filesystem itself (statfs), never from the listing. */
  freeBytes: z.number().nullable(),
  /** "usb", "sd", … as the OS reported the bus. */
  bus: z.string().nullable(),
  /** Whether Handover will write to it; when false, `reason` says why in plain words. */
  offered: z.boolean(),
  reason: z.string().nullable(),
});
export type Drive = z.infer<typeof driveSchema>;

export const ejectResultSchema = z.object({
  ok: z.boolean(),
  /** Plain words: "You can now remove the USB stick." or who is still using it. */
  message: z.string(),
  /** The program or service that refused to let go, when the OS named one. */
  vetoedBy: z.string().nullable(),
});
export type EjectResult = z.infer<typeof ejectResultSchema>;
