/**
 * File reading and writing for the zip code, with failures turned into messages a shop owner or an officer can act
 * on.
 */
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../errors';

const errnoCode = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

/** Reads until `target` is full or the file ends; how many bytes it got. */
export async function readFully(options: { handle: FileHandle; target: Uint8Array; position: number }): Promise<number> {
  const { handle, target } = options;
  let got = 0;
  while (got < target.length) {
    const { bytesRead } = await handle.read(target, got, target.length - got, options.position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got;
}

/** Writes all of `bytes`, at `position` or else where the file's offset stands. */
export async function writeFully(options: { handle: FileHandle; bytes: Uint8Array; position?: number }): Promise<void> {
  const { handle, bytes, position } = options;
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position === undefined ? null : position + done);
    done += bytesWritten;
  }
}

/**
 * A file-system failure while writing `file`, in words. Anything else passes through: AppErrors are in words already,
 * and other errors are bugs, better reported as such than as a drive problem.
 */
export function writeFailure(options: { error: unknown; file: string }): unknown {
  const { error } = options;
  const code = errnoCode(error);
  if (error instanceof AppError || code === undefined) return error;
  const name = path.basename(options.file);
  if (code === 'ENOSPC' || code === 'EFBIG' || code === 'EDQUOT') {
    return new AppError('no_space', `There is not enough free space on the drive for ${name}. Free some space or choose another drive, then try again.`, { cause: error });
  }
  if (code === 'EEXIST') return new AppError('conflict', `${name} already exists in that folder. Choose another folder or remove the old file first.`, { cause: error });
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new AppError('io_failed', `Handover is not allowed to write ${name} there. The drive may be read-only or locked; choose another folder.`, { cause: error });
  }
  if (code === 'ENOENT') return new AppError('not_found', `The folder for ${name} could not be found. Check the drive is still connected.`, { cause: error });
  return new AppError('io_failed', `Handover could not write ${name}: the drive reported an error. Check it is still connected, then try again.`, { cause: error });
}

/** A file-system failure while reading a file (shown by `label`, e.g. its name inside the zip), in words. */
export function readFailure(options: { error: unknown; label: string }): unknown {
  const { error, label } = options;
  const code = errnoCode(error);
  if (error instanceof AppError || code === undefined) return error;
  if (code === 'ENOENT') return new AppError('not_found', `${label} could not be found. It may have been moved or deleted.`, { cause: error });
  if (code === 'EACCES' || code === 'EPERM') return new AppError('io_failed', `Handover is not allowed to read ${label}.`, { cause: error });
  return new AppError('io_failed', `Handover could not read ${label}: the drive reported an error. Check it is still connected, then try again.`, { cause: error });
}
