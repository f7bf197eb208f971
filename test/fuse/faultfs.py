#!/usr/bin/python3
"""
A test tool, not part of the app: a FUSE pass-through file system over a backing folder that can be told, while it
is mounted, to fail the way a dying or removed USB stick does.

    /usr/bin/python3 faultfs.py [--rename-folders-file-by-file] <backing-dir> <mount-point> <control-file>

Runs in the foreground until unmounted (or killed). With --rename-folders-file-by-file, renaming a folder makes the
new folder, moves the files into it one by one and removes the old one: fusefat 0.1a empties a folder it renames, so
this layer over a fusefat mount lets everything else be tested on real FAT32.

The control file is JSON, re-read whenever it changes:

    {"mode": "ok" | "eio_write" | "enospc" | "eio_fsync" | "eio_read" | "gone",
     "after_bytes": 0,      # eio_write / enospc / gone: bytes that still go through after the mode was set
     "write_delay_ms": 0,   # every write waits this long first (a slow stick, so a test can act mid-write)
     "refuse_direct": false}  # open() with O_DIRECT fails with EINVAL, as some FUSE drivers do

  ok         pass everything through
  eio_write  write() fails with EIO once after_bytes more bytes were written
  enospc     write() fails with ENOSPC the same way (a stick that is full, whatever statfs says)
  eio_fsync  fsync() of a file fails with EIO
  eio_read   read() fails with EIO (the check after writing reads back through here)
  gone       every call fails with ENODEV, as if the stick had been pulled out (once after_bytes were written)

Each change of the control file starts the byte count again. Written for the fusepy module, which Debian installs as
`fusepy` (python3-fusepy) and pip as `fuse`.
"""
import argparse
import errno
import json
import os
import sys
import threading
import time

try:
    from fusepy import FUSE, FuseOSError, Operations
except ImportError:  # pip's fusepy
    from fuse import FUSE, FuseOSError, Operations

MODES = {'ok', 'eio_write', 'enospc', 'eio_fsync', 'eio_read', 'gone'}


class Control:
    """The current fault, from the control file: checked on every call, parsed only when the file changed."""

    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()
        self.stamp = None
        self.mode = 'ok'
        self.after_bytes = 0
        self.write_delay_ms = 0
        self.refuse_direct = False
        self.written = 0

    def refresh(self):
        try:
            st = os.stat(self.path)
            stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
        except FileNotFoundError:
            stamp = None
        with self.lock:
            if stamp == self.stamp:
                return
            self.stamp = stamp
            settings = {}
            if stamp is not None:
                try:
                    with open(self.path, encoding='utf-8') as f:
                        settings = json.load(f)
                except (OSError, ValueError):
                    # Caught half-written: read again on the next call.
                    self.stamp = None
                    return
            mode = settings.get('mode', 'ok')
            self.mode = mode if mode in MODES else 'ok'
            self.after_bytes = int(settings.get('after_bytes', 0))
            self.write_delay_ms = int(settings.get('write_delay_ms', 0))
            self.refuse_direct = bool(settings.get('refuse_direct', False))
            self.written = 0
            sys.stderr.write('faultfs: mode %s, after %d bytes, write delay %d ms, refuse O_DIRECT %s\n' % (self.mode, self.after_bytes, self.write_delay_ms, self.refuse_direct))
            sys.stderr.flush()

    def gone(self):
        with self.lock:
            return self.mode == 'gone' and self.written >= self.after_bytes

    def take_write(self, size):
        """The error a write of `size` bytes meets, or None; counts the bytes that go through."""
        with self.lock:
            if self.mode in ('eio_write', 'enospc', 'gone'):
                room = self.after_bytes - self.written
                if room <= 0:
                    return {'eio_write': errno.EIO, 'enospc': errno.ENOSPC, 'gone': errno.ENODEV}[self.mode], 0
                if size > room:
                    # Part of it fits: a short write, the way a real driver reports it, then the error next time.
                    self.written += room
                    return None, room
            self.written += size
            return None, size


class FaultFs(Operations):
    def __init__(self, backing, control, rename_folders_file_by_file=False):
        self.root = os.path.realpath(backing)
        self.control = control
        self.rename_folders_file_by_file = rename_folders_file_by_file

    def __call__(self, op, *args):
        if op not in ('init', 'destroy'):
            self.control.refresh()
            if self.control.gone():
                raise FuseOSError(errno.ENODEV)
        return super().__call__(op, *args)

    def _full(self, path):
        return os.path.join(self.root, path.lstrip('/'))

    # Names and folders

    def access(self, path, amode):
        if not os.access(self._full(path), amode):
            raise FuseOSError(errno.EACCES)

    def getattr(self, path, fh=None):
        st = os.fstat(fh) if fh is not None else os.lstat(self._full(path))
        keys = ('st_atime', 'st_ctime', 'st_gid', 'st_mode', 'st_mtime', 'st_nlink', 'st_size', 'st_uid', 'st_blocks')
        return {key: getattr(st, key) for key in keys}

    def readdir(self, path, fh):
        return ['.', '..'] + os.listdir(self._full(path))

    def mkdir(self, path, mode):
        os.mkdir(self._full(path), mode)

    def rmdir(self, path):
        os.rmdir(self._full(path))

    def unlink(self, path):
        os.unlink(self._full(path))

    def rename(self, old, new):
        source, target = self._full(old), self._full(new)
        if self.rename_folders_file_by_file and os.path.isdir(source) and not os.path.islink(source):
            self._move_folder(source, target)
        else:
            os.rename(source, target)

    def _move_folder(self, source, target):
        # rename(2) replaces an empty folder and refuses a full one; so does this.
        if os.path.lexists(target):
            if not os.path.isdir(target):
                raise FuseOSError(errno.ENOTDIR)
            if os.listdir(target):
                raise FuseOSError(errno.ENOTEMPTY)
            os.rmdir(target)
        os.mkdir(target)
        for name in os.listdir(source):
            inner = os.path.join(source, name)
            if os.path.isdir(inner) and not os.path.islink(inner):
                self._move_folder(inner, os.path.join(target, name))
            else:
                os.rename(inner, os.path.join(target, name))
        os.rmdir(source)

    def chmod(self, path, mode):
        os.chmod(self._full(path), mode)

    def chown(self, path, uid, gid):
        os.chown(self._full(path), uid, gid)

    def utimens(self, path, times=None):
        os.utime(self._full(path), times)

    def truncate(self, path, length, fh=None):
        if fh is not None:
            os.ftruncate(fh, length)
        else:
            os.truncate(self._full(path), length)

    def statfs(self, path):
        st = os.statvfs(self._full(path))
        keys = ('f_bavail', 'f_bfree', 'f_blocks', 'f_bsize', 'f_favail', 'f_ffree', 'f_files', 'f_flag', 'f_frsize', 'f_namemax')
        return {key: getattr(st, key) for key in keys}

    def opendir(self, path):
        os.listdir(self._full(path))
        return 0

    def fsyncdir(self, path, datasync, fh):
        return 0

    # Files

    def open(self, path, flags):
        if flags & os.O_DIRECT and self.control.refuse_direct:
            raise FuseOSError(errno.EINVAL)
        # O_DIRECT is the kernel's business on this side; the backing file is read the ordinary way.
        return os.open(self._full(path), flags & ~os.O_DIRECT & ~os.O_CREAT & ~os.O_EXCL)

    def create(self, path, mode, fi=None):
        return os.open(self._full(path), os.O_RDWR | os.O_CREAT | os.O_EXCL, mode)

    def read(self, path, size, offset, fh):
        if self.control.mode == 'eio_read':
            raise FuseOSError(errno.EIO)
        return os.pread(fh, size, offset)

    def write(self, path, data, offset, fh):
        delay = self.control.write_delay_ms
        if delay > 0:
            time.sleep(delay / 1000)
        error, allowed = self.control.take_write(len(data))
        if error is not None:
            raise FuseOSError(error)
        return os.pwrite(fh, data[:allowed], offset)

    def flush(self, path, fh):
        return 0

    def fsync(self, path, datasync, fh):
        if self.control.mode == 'eio_fsync':
            raise FuseOSError(errno.EIO)
        os.fsync(fh)
        return 0

    def release(self, path, fh):
        os.close(fh)
        return 0


def main():
    parser = argparse.ArgumentParser(description='A pass-through FUSE file system that fails on demand (a test tool).')
    parser.add_argument('--rename-folders-file-by-file', action='store_true')
    parser.add_argument('backing')
    parser.add_argument('mount_point')
    parser.add_argument('control_file')
    args = parser.parse_args()
    control = Control(args.control_file)
    control.refresh()
    operations = FaultFs(args.backing, control, rename_folders_file_by_file=args.rename_folders_file_by_file)
    # big_writes: libfuse 2 otherwise hands writes over 4 KiB at a time.
    FUSE(operations, args.mount_point, foreground=True, nothreads=True, fsname='faultfs', subtype='faultfs', big_writes=True)


if __name__ == '__main__':
    main()
