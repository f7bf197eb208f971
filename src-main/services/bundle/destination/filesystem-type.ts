/**
 * How a destination folder's drive is formatted, asked of the OS in the way each one answers without admin rights.
 * Every failure (no tool, a network share, a timeout) is "don't know", never an error: the caller decides what not
 * knowing means for the evidence.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { DestinationFs } from './destination-fs';
import {
  filesystemFromBootSector,
  filesystemFromDiskutil,
  filesystemFromGetVolume,
  filesystemFromMount,
  mountForPath,
  parseMountinfo,
  parseUdevFsType,
  type FilesystemInfo,
} from './filesystem-parse';

/** Runs an OS tool and gives its standard output; rejects on a non-zero exit or after the timeout. */
export type RunTool = (options: { command: string; args: string[]; env?: NodeJS.ProcessEnv; timeoutMs: number }) => Promise<string>;

const execFileAsync = promisify(execFile);

export const runTool: RunTool = async (options) => {
  const { stdout } = await execFileAsync(options.command, options.args, {
    env: options.env ?? process.env,
    timeout: options.timeoutMs,
    windowsHide: true,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
  });
  return stdout;
};

// PowerShell can take several seconds to start on a slow shop PC; diskutil answers in well under one.
const POWERSHELL_TIMEOUT_MS = 15_000;
const DISKUTIL_TIMEOUT_MS = 8_000;

export async function detectFilesystem(options: { dir: string; fs: DestinationFs; platform?: NodeJS.Platform; run?: RunTool }): Promise<FilesystemInfo | null> {
  const platform = options.platform ?? process.platform;
  const run = options.run ?? runTool;
  try {
    const realPath = await options.fs.realpath(options.dir);
    if (platform === 'linux') return await linuxFilesystem({ fs: options.fs, realPath });
    if (platform === 'darwin') {
      // diskutil is sure of a mount point ("/Volumes/KINGSTON"), less so of a folder somewhere inside one.
      const mountPoint = await mountPointOf({ fs: options.fs, realPath });
      return filesystemFromDiskutil({ plist: await run({ command: 'diskutil', args: ['info', '-plist', mountPoint], timeoutMs: DISKUTIL_TIMEOUT_MS }) });
    }
    if (platform === 'win32') {
      // The path goes in through the environment, not the command text, so no quoting of it can go wrong.
      const output = await run({
        command: 'powershell.exe',
        args: ['-NoProfile', '-NonInteractive', '-Command', '[string](Get-Volume -FilePath $env:HANDOVER_DESTINATION -ErrorAction Stop).FileSystemType'],
        env: { ...process.env, HANDOVER_DESTINATION: realPath },
        timeoutMs: POWERSHELL_TIMEOUT_MS,
      });
      return filesystemFromGetVolume({ output });
    }
    return null;
  } catch {
    return null;
  }
}

/** The top folder still on the same device as `realPath`: its mount point. */
export async function mountPointOf(options: { fs: DestinationFs; realPath: string }): Promise<string> {
  let current = options.realPath;
  const dev = (await options.fs.stat(current)).dev;
  for (;;) {
    const parent = path.dirname(current);
    if (parent === current || (await options.fs.stat(parent)).dev !== dev) return current;
    current = parent;
  }
}

async function linuxFilesystem(options: { fs: DestinationFs; realPath: string }): Promise<FilesystemInfo | null> {
  const entries = parseMountinfo({ text: await options.fs.readTextFile('/proc/self/mountinfo') });
  const mount = mountForPath({ entries, path: options.realPath });
  if (!mount) return null;
  if (mount.fsType !== 'fuseblk') return filesystemFromMount({ mount });
  // fuseblk hides which driver (ntfs-3g or exfat-fuse) is behind it; udev recorded what it found on the partition,
  // and where there is no udev (some containers) the partition's boot sector says, if we may read it.
  const udevFsType =
    (await options.fs.readTextFile(`/run/udev/data/b${mount.majorMinor}`).then((text) => parseUdevFsType({ text }), () => null)) ??
    (await bootSectorFsType({ fs: options.fs, device: mount.source }));
  return filesystemFromMount({ mount, udevFsType });
}

/** The format named in a block device's first sector; null when it is not a device, not readable (not root), or says nothing. */
async function bootSectorFsType(options: { fs: DestinationFs; device: string }): Promise<string | null> {
  if (!options.device.startsWith('/dev/')) return null;
  let fd: number;
  try {
    fd = await options.fs.open(options.device, 'r');
  } catch {
    return null;
  }
  try {
    const sector = new Uint8Array(512);
    const bytes = await options.fs.read(fd, sector, 0, sector.length, 0);
    return bytes === sector.length ? filesystemFromBootSector({ sector }) : null;
  } catch {
    return null;
  } finally {
    await options.fs.close(fd).catch(() => undefined);
  }
}
