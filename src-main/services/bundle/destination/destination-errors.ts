/**
 * What a failed write to the destination means for the person: the OS error codes collapse into a few outcomes,
 * each saying what happened, that nothing on the stick is usable (there is no partial success), and what to do.
 */
import { AppError, isAppError } from '../../errors';
import { errnoCode } from './destination-fs';

export type DestinationStage = 'writing' | 'verifying';

// Windows reports a yanked stick as ERROR_NOT_READY or ERROR_DEVICE_NOT_CONNECTED, which libuv calls UNKNOWN;
// a dying USB bridge times out (ERROR_SEM_TIMEOUT → ETIMEDOUT). ENOENT here means the folder being written, or the
// drive under it, went away: on Linux an unmounted stick leaves an empty mount-point folder behind.
const GONE = new Set(['EIO', 'ENXIO', 'ENODEV', 'ENOTCONN', 'ECONNABORTED', 'UNKNOWN', 'ENOENT', 'ETIMEDOUT', 'ESTALE', 'EREMOTEIO', 'ENOMEDIUM', 'ESHUTDOWN']);
const FULL = new Set(['ENOSPC', 'EDQUOT']);
const LOCKED = new Set(['EROFS', 'EACCES', 'EPERM']);

const NOTHING_USABLE = 'Nothing on it is usable.';

export const CANCELLED_MESSAGE = 'Copying the evidence was stopped. Nothing usable was left on the USB stick. Press Try again when you are ready.';

/** The message for a FAT32 stick meeting a file of 4 GB or more (EFBIG on Linux and macOS). */
export const TOO_BIG_FOR_FAT_MESSAGE =
  `A file is too large for this stick's format (FAT32), so the evidence could not be copied. ${NOTHING_USABLE} ` +
  `Use a stick formatted as exFAT or NTFS, or choose 'split into parts', then press Try again.`;

/**
 * A file Handover opened for writing that then refuses more data with EPERM or EACCES: not a lock (a locked stick or
 * folder refuses the open, or answers EROFS), but a full one. fusefat, for one, answers a full disk this way.
 */
export const REFUSED_MID_WRITE_MESSAGE =
  `The USB stick stopped taking data part-way through, so the evidence could not be copied: it is most likely full. ${NOTHING_USABLE} ` +
  'Use a bigger stick, or delete files you no longer need from this one, then press Try again.';

export function cancelledError(): AppError {
  return new AppError('cancelled', CANCELLED_MESSAGE);
}

/**
 * An AppError for anything thrown while writing to or reading back from the destination. AppErrors pass through:
 * they already speak plainly. `syscall` tells a locked stick (a refused write) from a busy folder (a refused rename).
 */
export function destinationError(options: { error: unknown; stage: DestinationStage }): AppError {
  const { error, stage } = options;
  if (isAppError(error)) return error;
  const code = errnoCode(error) ?? 'unknown error';
  const syscall = typeof error === 'object' && error !== null && 'syscall' in error ? String(error.syscall) : '';
  if (FULL.has(code)) {
    return new AppError(
      'no_space',
      `The USB stick is full, so the evidence could not be copied. ${NOTHING_USABLE} Use a bigger stick, or delete files you no longer need from this one, then press Try again.`,
      { cause: error },
    );
  }
  if (code === 'EFBIG') return new AppError('no_space', TOO_BIG_FOR_FAT_MESSAGE, { cause: error });
  if (LOCKED.has(code) && syscall === 'rename') {
    return new AppError(
      'io_failed',
      `Another program (often antivirus or file indexing) kept the evidence folder busy, so the copy could not be finished. ${NOTHING_USABLE} Wait a moment, then press Try again.`,
      { cause: error },
    );
  }
  if (LOCKED.has(code)) {
    return new AppError(
      'write_protected',
      `The USB stick would not let Handover write to it: it may be locked (some have a small switch on the side) or the folder is read-only. ${NOTHING_USABLE} Unlock it or choose another folder, then press Try again.`,
      { cause: error },
    );
  }
  if (GONE.has(code)) {
    const when = stage === 'verifying' ? 'while Handover was checking the copy' : 'while writing';
    return new AppError(
      'drive_gone',
      `The USB stick was removed ${when}, or it is failing. ${NOTHING_USABLE} Plug it back in (or use another stick) and press Try again.`,
      { cause: error },
    );
  }
  return new AppError(
    'io_failed',
    `Something went wrong ${stage === 'verifying' ? 'checking the copy on' : 'writing to'} the USB stick (${code}). ${NOTHING_USABLE} Press Try again; if it keeps happening, use another stick.`,
    { cause: error },
  );
}
