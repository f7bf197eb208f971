/**
 * What each operating system says about the drives plugged in, before any decision about them: one `DriveSource`
 * per OS, each running the OS's own tool with structured output (no native addons, which would need a prebuild per
 * Electron version). The OS tool is reached through an injected `RunTool`, so tests pass recorded outputs and check
 * the exact command lines.
 */

/** One volume (a partition, or a stick formatted without a partition table) as the OS described it. */
export interface RawDrive {
  /** Stable while the stick stays plugged in: "/dev/sdb1", "disk4s1", "disk2:E". */
  driveId: string;
  /** What eject needs, never shown: the volume and the whole disk it is on. */
  device: {
    /** "/dev/sdb1" (Linux), "disk4s1" (macOS), "E" (Windows drive letter). */
    volume: string;
    /** "/dev/sdb", "disk4", "2" (Windows disk number); null when the OS did not say. */
    disk: string | null;
  };
  label: string | null;
  model: string | null;
  serial: string | null;
  /** Size of the whole stick, not of the partition: it is what is printed on the stick. */
  sizeBytes: number | null;
  /** As the OS reported it: "vfat", "msdos", "FAT32". */
  fsType: string | null;
  /** For people: "FAT32", "exFAT", "NTFS". */
  filesystemName: string | null;
  /** "/media/shop/KINGSTON", "/Volumes/KINGSTON", "E:\\"; null when the OS has not opened it. */
  mountPath: string | null;
  /** The OS flags the medium or the device as removable. */
  removable: boolean;
  /** The device can be unplugged while the computer runs (Linux HOTPLUG, macOS Ejectable). */
  hotplug: boolean;
  /** Lower case: "usb", "sd", "mmc", "nvme", "sata". */
  bus: string | null;
  /** Holds the running system: the root, /usr, swap, the Windows or macOS system volume. */
  system: boolean;
  /** Holds what the computer starts from (boot or EFI partition, Windows' boot disk). */
  boot: boolean;
  readOnly: boolean;
}

export interface EjectOutcome {
  /** The OS confirmed it let go of the drive (unmounted and flushed at least). */
  ok: boolean;
  /** The program or service that refused, when the OS named one. */
  vetoedBy: string | null;
  /** Something still had files open on the drive. */
  busy: boolean;
  /** What the tools said, for the log; not meant for the person. */
  detail: string;
}

export interface DriveSource {
  list(options: { signal?: AbortSignal }): Promise<RawDrive[]>;
  /** Never throws for the OS refusing: that is an outcome. Closing Handover's own files is the caller's job. */
  eject(options: { drive: RawDrive }): Promise<EjectOutcome>;
}

/** What a failed tool run carried: execFile's error has `code`, `killed`, `stdout` and `stderr` on it. */
export interface ToolFailure {
  /** The program is not installed (ENOENT from spawn). */
  missing: boolean;
  /** Killed by the timeout. */
  timedOut: boolean;
  /** The tool's own words (stderr, then stdout), else the error message. */
  text: string;
}

export function describeToolFailure(error: unknown): ToolFailure {
  const fields = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    killed?: unknown;
    signal?: unknown;
    stdout?: unknown;
    stderr?: unknown;
    message?: unknown;
  };
  const said = [fields.stderr, fields.stdout]
    .map((value) => (typeof value === 'string' ? value.trim() : ''))
    .filter((value) => value !== '')
    .join('\n');
  const message = typeof fields.message === 'string' ? fields.message : String(error);
  return {
    missing: fields.code === 'ENOENT',
    timedOut: fields.killed === true && fields.signal !== null && fields.signal !== undefined,
    text: said !== '' ? said : message,
  };
}

/** The tools' way of saying files are still open on the drive (umount, udisks, diskutil). */
export function isBusyText(text: string): boolean {
  return /target is busy|device or resource busy|DeviceBusy|could not be unmounted|dissented|in use/i.test(text);
}

/** Empty and blank strings from the OS are "not said". */
export function cleanText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('Stopped.');
}
