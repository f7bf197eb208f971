/**
 * The USB sticks the Write USB step offers, and ejecting one afterwards. The renderer only ever holds a drive's id;
 * where the drive is mounted stays here (`mountPathOf`), taken from the latest listing, so an id for a stick that has
 * since been pulled out is refused rather than written to whatever now sits at that path.
 */
import fs from 'node:fs';
import type { Drive, EjectResult } from '../../../src-shared/domain/drives';
import type { ErrorCode } from '../../../src-shared/contract';
import { freeSpace } from '../bundle/destination/space';
import { runTool, type RunTool } from '../bundle/destination/filesystem-type';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { settleWithin } from '../settle-within';
import type { DriveSource, EjectOutcome, RawDrive } from './drive-source';
import { refusalOf, toDrive } from './drive-rules';
import { createLinuxDriveSource } from './linux-drives';
import { createMacDriveSource } from './mac-drives';
import { createWindowsDriveSource } from './windows-drives';

export type StatfsFn = (path: string) => Promise<{ bavail: number; bsize: number; blocks: number }>;

/** What the handover receipt prints about the stick. */
export interface DriveDescription {
  label: string | null;
  model: string | null;
  serial: string | null;
  sizeBytes: number | null;
  filesystem: string | null;
}

export interface DrivesService {
  /** Asks the OS again every time; the UI calls it to refresh its list. */
  list(): Promise<Drive[]>;
  /** Where to write, for a drive from the latest list that Handover offers. */
  mountPathOf(options: { driveId: string }): string;
  /** Closing Handover's own files on the drive is the caller's job, before this. */
  eject(options: { driveId: string; signal?: AbortSignal }): Promise<EjectResult>;
  /** Also for a drive since ejected or pulled out, as last listed. */
  describe(options: { driveId: string }): DriveDescription;
}

export interface DrivesServiceOptions {
  /** Defaults to the one for `platform`; tests pass a fake. */
  source?: DriveSource | null;
  platform?: NodeJS.Platform;
  run?: RunTool;
  statfs?: StatfsFn;
  logger: Logger;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** How long to wait for the stick to go from the OS's list after an eject. */
  ejectConfirmMs?: number;
  pollIntervalMs?: number;
  /** statfs of a dying stick can block; its free space is then unknown rather than the list stuck. */
  statfsTimeoutMs?: number;
}

export const EJECT_MESSAGES = {
  safe: 'You can now remove the USB stick.',
  busy: 'Something on this computer is still using the USB stick. Close any windows or programs showing files on it, then press Eject again. Do not remove the stick yet.',
  failed: 'The computer did not let go of the USB stick. Do not remove it yet: close any windows showing files on it, then press Eject again.',
  unconfirmed:
    'The computer has not confirmed that the USB stick is ready to remove, so do not remove it yet. Wait a moment, then press Eject again.',
} as const;

function vetoMessage(vetoedBy: string): string {
  return `${vetoedBy} is still using the USB stick. Close it, and any window showing files on the stick, then press Eject again. Do not remove the stick yet.`;
}

const NOT_FOUND_MESSAGE = 'Handover cannot find that USB stick any more. It may have been unplugged: plug it in again and pick it from the list.';
const NOT_MOUNTED_MESSAGE = 'That USB stick is not open on this computer any more. Unplug it, plug it in again and pick it from the list.';
const LIST_FAILED_MESSAGE =
  'Handover could not ask this computer which USB sticks are plugged in. Try again in a moment; if it keeps happening, restart the computer.';

export function sourceForPlatform(options: { platform: NodeJS.Platform; run: RunTool }): DriveSource | null {
  if (options.platform === 'linux') return createLinuxDriveSource({ run: options.run });
  if (options.platform === 'darwin') return createMacDriveSource({ run: options.run });
  if (options.platform === 'win32') return createWindowsDriveSource({ run: options.run });
  return null;
}

function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export function createDrivesService(options: DrivesServiceOptions): DrivesService {
  const { logger } = options;
  const platform = options.platform ?? process.platform;
  const source = options.source !== undefined ? options.source : sourceForPlatform({ platform, run: options.run ?? runTool });
  const statfs: StatfsFn = options.statfs ?? ((path) => fs.promises.statfs(path));
  const now = options.now ?? (() => Date.now());
  const sleep = options.sleep ?? sleepFor;
  const ejectConfirmMs = options.ejectConfirmMs ?? 10_000;
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const statfsTimeoutMs = options.statfsTimeoutMs ?? 3_000;

  /** The latest listing, by id: what mountPathOf, eject and describe answer from. */
  let known = new Map<string, RawDrive>();
  // Every drive listed since start, latest listing winning: the receipt describes the stick after it was ejected.
  const seen = new Map<string, RawDrive>();
  let lastIds = '';
  let warnedNoSource = false;
  // The UI's refresh and an eject's polling may ask at the same moment; one OS call serves both.
  let inFlight: Promise<RawDrive[]> | null = null;

  // No signal reaches the OS call: it may be shared, and each tool run has its own timeout.
  async function listRaw(): Promise<RawDrive[]> {
    if (source === null) {
      if (!warnedNoSource) logger.info('drives: no way to list drives on this platform', { platform });
      warnedNoSource = true;
      return [];
    }
    inFlight ??= source.list({}).finally(() => {
      inFlight = null;
    });
    const raws = await inFlight;
    known = new Map(raws.map((raw) => [raw.driveId, raw]));
    for (const raw of raws) seen.set(raw.driveId, raw);
    const ids = raws.map((raw) => `${raw.driveId}@${raw.mountPath ?? '-'}`).join(' ');
    // Logged when something was plugged in, pulled out, mounted or unmounted; not on every refresh.
    if (ids !== lastIds) logger.info('drives: list changed', { drives: raws.map((raw) => ({ id: raw.driveId, mountPath: raw.mountPath, offered: refusalOf(raw) === null })) });
    lastIds = ids;
    return raws;
  }

  async function freeBytesOf(raw: RawDrive): Promise<number | null> {
    if (raw.mountPath === null) return null;
    const stat = await settleWithin({ work: statfs(raw.mountPath).catch(() => null), ms: statfsTimeoutMs, fallback: null });
    return stat === null ? null : freeSpace({ bavail: stat.bavail, bsize: stat.bsize, blocks: stat.blocks });
  }

  function lookup(driveId: string): RawDrive {
    const raw = known.get(driveId);
    if (!raw) throw new AppError('not_found', NOT_FOUND_MESSAGE);
    return raw;
  }

  async function ejectOutcome(from: DriveSource, raw: RawDrive): Promise<EjectOutcome> {
    try {
      return await from.eject({ drive: raw });
    } catch (error) {
      return { ok: false, vetoedBy: null, busy: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  /** True once the OS lists the drive no more, or lists it unmounted (flushed, so safe to pull out). */
  async function confirmReleased(driveId: string, signal?: AbortSignal): Promise<boolean> {
    const deadline = now() + ejectConfirmMs;
    for (;;) {
      if (signal?.aborted) throw new AppError('cancelled', 'Handover stopped checking the USB stick, so do not remove it yet. Press Eject again.');
      // A failed listing proves nothing either way; keep asking until the deadline.
      const raws = await listRaw().catch(() => null);
      if (raws !== null) {
        const still = raws.find((raw) => raw.driveId === driveId);
        if (!still || still.mountPath === null) return true;
      }
      if (now() >= deadline) return false;
      await sleep(pollIntervalMs, signal);
    }
  }

  return {
    async list() {
      let raws: RawDrive[];
      try {
        raws = await listRaw();
      } catch (error) {
        logger.error('drives: listing failed', { error: error instanceof Error ? error.message : String(error) });
        throw new AppError('io_failed', LIST_FAILED_MESSAGE, { cause: error });
      }
      return Promise.all(raws.map(async (raw) => toDrive({ raw, freeBytes: await freeBytesOf(raw) })));
    },

    mountPathOf({ driveId }) {
      const raw = lookup(driveId);
      if (raw.mountPath === null) throw new AppError('not_found', NOT_MOUNTED_MESSAGE);
      const refusal = refusalOf(raw);
      if (refusal !== null) {
        const code: ErrorCode = raw.readOnly ? 'write_protected' : 'invalid_input';
        throw new AppError(code, refusal);
      }
      return raw.mountPath;
    },

    async eject({ driveId, signal }) {
      const raw = lookup(driveId);
      if (source === null) return { ok: false, message: EJECT_MESSAGES.failed, vetoedBy: null };
      logger.info('drives: ejecting', { driveId, device: raw.device, mountPath: raw.mountPath });
      const outcome = await ejectOutcome(source, raw);
      logger.info('drives: eject answered', { driveId, ...outcome });
      if (!outcome.ok) {
        if (outcome.vetoedBy !== null) return { ok: false, message: vetoMessage(outcome.vetoedBy), vetoedBy: outcome.vetoedBy };
        return { ok: false, message: outcome.busy ? EJECT_MESSAGES.busy : EJECT_MESSAGES.failed, vetoedBy: null };
      }
      // The tool saying "done" is not enough: only the OS no longer listing it as mounted is.
      const released = await confirmReleased(driveId, signal);
      logger.info('drives: eject confirmed', { driveId, released });
      return released ? { ok: true, message: EJECT_MESSAGES.safe, vetoedBy: null } : { ok: false, message: EJECT_MESSAGES.unconfirmed, vetoedBy: null };
    },

    describe({ driveId }) {
      const raw = seen.get(driveId);
      if (!raw) throw new AppError('not_found', NOT_FOUND_MESSAGE);
      return { label: raw.label, model: raw.model, serial: raw.serial, sizeBytes: raw.sizeBytes, filesystem: raw.filesystemName };
    },
  };
}
