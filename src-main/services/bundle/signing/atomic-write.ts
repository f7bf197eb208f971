/**
 * Writes that are either fully there or not there at all: a crash or power cut halfway through must never leave a
 * half-written key or certificate under the real name, because the next start would read it as damaged.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Temp file beside the target, fsync, rename over the target, then fsync the folder so the rename itself is durable. */
export function writeFileAtomic(options: { file: string; data: Buffer | string; mode?: number }): void {
  const { file, data } = options;
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = fs.openSync(temporary, 'wx', options.mode ?? 0o644);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  syncFolder(path.dirname(file));
}

function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open or fsync a folder; NTFS journals the rename itself, so there is nothing more to do there.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
