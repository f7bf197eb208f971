/**
 * The file-system calls the destination code makes, behind one small interface so tests can make a USB stick fill
 * up, fail or vanish at an exact point. The methods mirror node:fs on purpose (positional, fd-based): a reader who
 * knows node:fs knows these, and a fault-injecting wrapper is a few lines per call.
 */
import fs from 'node:fs';

export interface DestinationStat {
  isDirectory(): boolean;
  isFile(): boolean;
  size: number;
  /** The device the file is on: where it changes walking up a path, a mount point was crossed. */
  dev: number;
}

export interface DestinationStatfs {
  /** Bytes per block; on FAT and exFAT (and on Windows always) the cluster size. */
  bsize: number;
  /** Blocks free for an unprivileged user. */
  bavail: number;
  /** Blocks in all; 0 from file systems that do not know (fusefat). */
  blocks: number;
}

export interface DestinationFs {
  open(file: string, flags: string | number): Promise<number>;
  /** Reads at `position` into `buffer[offset..offset+length)`; 0 at the end of the file. */
  read(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): Promise<number>;
  /** Writes at `position`; may write fewer bytes than asked. */
  write(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): Promise<number>;
  fsync(fd: number): Promise<void>;
  close(fd: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** One folder, not its parents; fails with EEXIST when it is there. */
  mkdir(dir: string): Promise<void>;
  readdir(dir: string): Promise<string[]>;
  stat(file: string): Promise<DestinationStat>;
  statfs(dir: string): Promise<DestinationStatfs>;
  unlink(file: string): Promise<void>;
  /** A folder and everything in it; nothing there is not an error. */
  rm(dir: string): Promise<void>;
  realpath(file: string): Promise<string>;
  readTextFile(file: string): Promise<string>;
}

function settle<T>(run: (done: (error: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value))));
}

export const realDestinationFs: DestinationFs = {
  open: (file, flags) => settle<number>((done) => fs.open(file, flags, done)),
  read: (fd, buffer, offset, length, position) => settle<number>((done) => fs.read(fd, buffer, offset, length, position, (error, bytes) => done(error, bytes))),
  write: (fd, buffer, offset, length, position) => settle<number>((done) => fs.write(fd, buffer, offset, length, position, (error, bytes) => done(error, bytes))),
  fsync: (fd) => settle<void>((done) => fs.fsync(fd, (error) => done(error, undefined))),
  close: (fd) => settle<void>((done) => fs.close(fd, (error) => done(error, undefined))),
  rename: (from, to) => fs.promises.rename(from, to),
  mkdir: async (dir) => {
    await fs.promises.mkdir(dir);
  },
  readdir: (dir) => fs.promises.readdir(dir),
  stat: (file) => fs.promises.stat(file),
  statfs: (dir) => fs.promises.statfs(dir),
  unlink: (file) => fs.promises.unlink(file),
  rm: (dir) => fs.promises.rm(dir, { recursive: true, force: true, maxRetries: 3 }),
  realpath: (file) => fs.promises.realpath(file),
  readTextFile: (file) => fs.promises.readFile(file, 'utf8'),
};

export function errnoCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** Whether anything is at `file` (following links); errors other than "not there" are thrown. */
export async function pathExists(options: { fs: DestinationFs; file: string }): Promise<boolean> {
  try {
    await options.fs.stat(options.file);
    return true;
  } catch (error) {
    if (errnoCode(error) === 'ENOENT' || errnoCode(error) === 'ENOTDIR') return false;
    throw error;
  }
}

// Windows and FAT cannot open or flush a folder; Linux and macOS can, and need it for a rename to be durable.
const DIR_FSYNC_UNSUPPORTED = new Set(['EPERM', 'EISDIR', 'EINVAL', 'EACCES', 'ENOTSUP', 'EBADF']);

/**
 * Makes the names in a folder (new files, renames) durable. Best effort where the OS cannot do it, but an I/O error
 * is real news (the stick is failing or gone) and is thrown.
 */
export async function fsyncDirectory(options: { fs: DestinationFs; dir: string }): Promise<void> {
  let fd: number;
  try {
    fd = await options.fs.open(options.dir, 'r');
  } catch (error) {
    if (DIR_FSYNC_UNSUPPORTED.has(errnoCode(error) ?? '')) return;
    throw error;
  }
  try {
    await options.fs.fsync(fd);
  } catch (error) {
    if (!DIR_FSYNC_UNSUPPORTED.has(errnoCode(error) ?? '')) throw error;
  } finally {
    await options.fs.close(fd).catch(() => undefined);
  }
}
