/**
 * Tests only: the real DestinationFs with a hook before every call, so a test can make the destination fill up, fail
 * or vanish at an exact call. fd calls are reported with the path the fd was opened on.
 */
import { type DestinationFs, realDestinationFs } from './destination-fs';

export type FsOp = keyof DestinationFs;

export interface FsCall {
  op: FsOp;
  /** The path the call is about (for fd calls, the path the fd was opened on). */
  path: string;
  /** Open flags, for open calls. */
  flags?: string | number;
  /** 1 for the first call of this op on any path, 2 for the second… */
  count: number;
}

export function errnoError(options: { code: string; syscall: string; path?: string }): NodeJS.ErrnoException {
  return Object.assign(new Error(`${options.code}: injected failure, ${options.syscall} '${options.path ?? ''}'`), {
    code: options.code,
    syscall: options.syscall,
    path: options.path,
  });
}

/**
 * `before` may throw (the call then fails as if the OS had refused it) or return nothing (the call goes ahead).
 * `calls` records every call, for tests that check the order of writes.
 */
export function faultyFs(options: {
  before: (call: FsCall) => void;
  /** Sees (and may change) what a read returned: a stick handing back other bytes than it was given. */
  afterRead?: (read: { call: FsCall; buffer: Uint8Array; offset: number; bytes: number }) => void;
  base?: DestinationFs;
}): DestinationFs & { calls: FsCall[] } {
  const base = options.base ?? realDestinationFs;
  const fdPaths = new Map<number, string>();
  const counts = new Map<FsOp, number>();
  const calls: FsCall[] = [];
  const hook = (op: FsOp, path: string, flags?: string | number) => {
    const count = (counts.get(op) ?? 0) + 1;
    counts.set(op, count);
    const call: FsCall = { op, path, count, ...(flags === undefined ? {} : { flags }) };
    calls.push(call);
    options.before(call);
    return call;
  };
  const fdPath = (fd: number) => fdPaths.get(fd) ?? `fd:${fd}`;
  return {
    calls,
    open: async (file, flags) => {
      hook('open', file, flags);
      const fd = await base.open(file, flags);
      fdPaths.set(fd, file);
      return fd;
    },
    read: async (fd, buffer, offset, length, position) => {
      const call = hook('read', fdPath(fd));
      const bytes = await base.read(fd, buffer, offset, length, position);
      options.afterRead?.({ call, buffer, offset, bytes });
      return bytes;
    },
    write: async (fd, buffer, offset, length, position) => {
      hook('write', fdPath(fd));
      return base.write(fd, buffer, offset, length, position);
    },
    fsync: async (fd) => {
      hook('fsync', fdPath(fd));
      return base.fsync(fd);
    },
    close: async (fd) => {
      // A close is let through whatever the hook says, so no test leaks descriptors; a failing close is still reported.
      const path = fdPath(fd);
      fdPaths.delete(fd);
      await base.close(fd);
      hook('close', path);
    },
    rename: async (from, to) => {
      hook('rename', from);
      return base.rename(from, to);
    },
    mkdir: async (dir) => {
      hook('mkdir', dir);
      return base.mkdir(dir);
    },
    readdir: async (dir) => {
      hook('readdir', dir);
      return base.readdir(dir);
    },
    stat: async (file) => {
      hook('stat', file);
      return base.stat(file);
    },
    statfs: async (dir) => {
      hook('statfs', dir);
      return base.statfs(dir);
    },
    unlink: async (file) => {
      hook('unlink', file);
      return base.unlink(file);
    },
    rm: async (dir) => {
      hook('rm', dir);
      return base.rm(dir);
    },
    realpath: async (file) => {
      hook('realpath', file);
      return base.realpath(file);
    },
    readTextFile: async (file) => {
      hook('readTextFile', file);
      return base.readTextFile(file);
    },
  };
}
