/**
 * Tests only: real file systems through FUSE (FAT32 through fusefat, exFAT through exfat-fuse on a loop device, and
 * faultfs.py, a pass-through that fails on demand). Everything mounted here is unmounted, every daemon stopped and
 * every loop device detached in afterAll, whether the tests passed or not; a lazy unmount is the last resort there,
 * never in the app.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { parseMountinfo } from '../../src-main/services/bundle/destination/filesystem-parse';

export const FAULTFS_SCRIPT = path.join(__dirname, 'faultfs.py');

/** Debian installs python3-fusepy as `fusepy` for its own python; pip's package is `fuse`. */
const PYTHON_CANDIDATES = ['/usr/bin/python3', 'python3'];

const SBIN = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

/** The full path of a program on PATH (or in an sbin folder, which a non-login root shell may leave out), or null. */
export function findTool(name: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...SBIN];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

let fusePython: string | null | undefined;

/** A python that can import fusepy, or null. */
export function findFusePython(): string | null {
  if (fusePython !== undefined) return fusePython;
  fusePython = null;
  for (const python of PYTHON_CANDIDATES) {
    const probe = spawnSync(python, ['-c', 'try:\n import fusepy\nexcept ImportError:\n import fuse\n'], { stdio: 'ignore', timeout: 10_000 });
    if (probe.status === 0) {
      fusePython = python;
      break;
    }
  }
  return fusePython;
}

/**
 * Why these tests cannot run on this machine, or null when they can: FUSE needs /dev/fuse and (for mounting image
 * files and loop devices) root, and each test needs its tools. Printed once per file, so a skip is never silent.
 */
export function fuseSkipReason(options: { tools: string[]; python?: boolean; loop?: boolean }): string | null {
  if (process.platform !== 'linux') return 'FUSE tests run on Linux only';
  if (!fs.existsSync('/dev/fuse')) return '/dev/fuse is missing';
  if (process.getuid?.() !== 0) return 'they need root (to mount images and loop devices)';
  const missing = options.tools.filter((tool) => findTool(tool) === null);
  if (missing.length > 0) return `missing tools: ${missing.join(', ')}`;
  if (options.python && findFusePython() === null) return 'python3 with fusepy (python3-fusepy) is missing';
  if (options.loop && !fs.existsSync('/dev/loop-control')) return '/dev/loop-control is missing (no loop devices)';
  return null;
}

export function warnSkip(what: string, reason: string | null): boolean {
  if (reason !== null) console.warn(`Skipping ${what}: ${reason}.`);
  return reason !== null;
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a tool and returns what it said; never throws (the caller asserts on status). */
export function run(command: string, args: string[], options: { timeoutMs?: number; input?: string } = {}): RunResult {
  const result = spawnSync(findTool(command) ?? command, args, { encoding: 'utf8', timeout: options.timeoutMs ?? 60_000, input: options.input, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout ?? '', stderr: (result.stderr ?? '') + (result.error ? String(result.error) : '') };
}

export function runOk(command: string, args: string[], options: { timeoutMs?: number } = {}): string {
  const result = run(command, args, options);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}: ${result.stderr.trim()}`);
  return result.stdout;
}

/** A file's bytes out of a FAT image, read by mtools (not through any mount). */
export function mtoolsRead(options: { image: string; file: string }): Buffer {
  const result = spawnSync(findTool('mcopy') ?? 'mcopy', ['-n', '-i', options.image, `::/${options.file}`, '-'], { maxBuffer: 1024 * 1024 * 1024, timeout: 60_000, env: { ...process.env, MTOOLS_SKIP_CHECK: '1' } });
  if (result.status !== 0) throw new Error(`mcopy ::/${options.file} failed: ${result.stderr.toString()}`);
  return result.stdout;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function isMounted(mountPoint: string): boolean {
  const entries = parseMountinfo({ text: fs.readFileSync('/proc/self/mountinfo', 'utf8') });
  return entries.some((entry) => entry.mountPoint === mountPoint);
}

function mountsUnder(dir: string): string[] {
  const entries = parseMountinfo({ text: fs.readFileSync('/proc/self/mountinfo', 'utf8') });
  return entries.map((entry) => entry.mountPoint).filter((point) => point === dir || point.startsWith(`${dir}/`));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(options: { what: string; timeoutMs: number; check: () => boolean; failed?: () => string | null }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (options.check()) return;
    const failure = options.failed?.() ?? null;
    if (failure !== null) throw new Error(`${options.what}: ${failure}`);
    if (Date.now() > deadline) throw new Error(`${options.what}: timed out after ${options.timeoutMs} ms`);
    await sleep(50);
  }
}

/** A FUSE daemon run in the foreground as a child of this process, so it can be waited for or killed. */
class Daemon {
  readonly child: ChildProcess;
  private spawnError = '';
  exitCode: number | null | undefined = undefined;
  readonly exited: Promise<void>;

  /**
   * What it says goes to `logFile`, never to a pipe read by this process: a test blocked in a synchronous call on the
   * mount could not read the pipe, and a daemon blocked writing to it (fusefat talks when the disk is full) would
   * never answer that call.
   */
  constructor(
    command: string,
    args: string[],
    private readonly logFile: string,
  ) {
    const log = fs.openSync(logFile, 'a');
    try {
      this.child = spawn(command, args, { stdio: ['ignore', log, log] });
    } finally {
      fs.closeSync(log);
    }
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? -1 : null);
        resolve();
      });
      this.child.on('error', (error) => {
        this.spawnError = String(error);
        this.exitCode = -1;
        resolve();
      });
    });
  }

  get output(): string {
    let text = '';
    try {
      text = fs.readFileSync(this.logFile, 'utf8');
    } catch {
      // not written yet
    }
    return (text + this.spawnError).slice(-20_000);
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  async stop(options: { graceMs: number }): Promise<void> {
    if (!this.running) return;
    const gone = await Promise.race([this.exited.then(() => true), sleep(options.graceMs).then(() => false)]);
    if (gone) return;
    this.child.kill('SIGTERM');
    if (await Promise.race([this.exited.then(() => true), sleep(2_000).then(() => false)])) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }
}

export type FaultMode = 'ok' | 'eio_write' | 'enospc' | 'eio_fsync' | 'eio_read' | 'gone';

export interface FaultFsMount {
  backing: string;
  mountPoint: string;
  /** Switches the fault; the daemon sees it on its next call. */
  setFault(options: { mode: FaultMode; afterBytes?: number; writeDelayMs?: number; refuseDirect?: boolean }): void;
  /** SIGKILL, as when a stick is pulled out mid-write: the mount stays, and every call on it fails. */
  kill(): Promise<void>;
  readonly output: () => string;
}

export interface MountedImage {
  image: string;
  mountPoint: string;
  /** The loop device, for images mounted through one. */
  loopDevice: string | null;
}

export interface FuseLab {
  /** The scratch folder: images, mount points, backing folders. */
  root: string;
  /** A new empty folder in the scratch folder. */
  folder(name: string): string;
  /** mkfs.fat -F 32 on a sparse image file. */
  makeFat32(options: { name: string; sizeMb: number; sectorsPerCluster?: number; label?: string }): string;
  makeExfat(options: { name: string; sizeMb: number; label?: string }): string;
  /** fusefat -o rw+, single-threaded, in the foreground as a child of this process. */
  mountFat(options: { image: string }): Promise<MountedImage>;
  /** exfat-fuse needs a block device: a loop device over the image. */
  mountExfat(options: { image: string }): Promise<MountedImage>;
  /**
   * faultfs.py over a new backing folder, or over `backing` (e.g. a fusefat mount, to fail or fix things on top of a
   * real FAT32); `renameFoldersFileByFile` works around fusefat losing a renamed folder's files.
   */
  mountFaultFs(options: { name: string; backing?: string; renameFoldersFileByFile?: boolean }): Promise<FaultFsMount>;
  /** Unmounts (not lazily), waits for the daemon to finish writing, and detaches the loop device. */
  unmount(mountPoint: string): Promise<void>;
  cleanup(): Promise<void>;
}

interface MountRecord {
  mountPoint: string;
  daemon: Daemon | null;
  loopDevice: string | null;
}

/**
 * A scratch lab for one test file (or describe block): made in beforeAll, so a skipped block makes nothing, and taken
 * down in afterAll, which runs even when a test or the beforeAll failed.
 */
export function useFuseLab(prefix: string): () => FuseLab {
  let lab: FuseLab | null = null;
  beforeAll(() => {
    lab = createFuseLab(prefix);
  });
  afterAll(async () => {
    await lab?.cleanup();
  }, 120_000);
  return () => {
    if (!lab) throw new Error('the FUSE lab is made in beforeAll');
    return lab;
  };
}

export function createFuseLab(prefix: string): FuseLab {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const mounts: MountRecord[] = [];
  const loops: string[] = [];
  const daemons: Daemon[] = [];

  const folder = (name: string) => {
    const dir = path.join(root, name);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  };

  const makeImage = (name: string, sizeMb: number) => {
    const image = path.join(root, name);
    fs.closeSync(fs.openSync(image, 'wx'));
    fs.truncateSync(image, sizeMb * 1024 * 1024);
    return image;
  };

  const attachLoop = (image: string) => {
    const device = runOk('losetup', ['-f', '--show', image]).trim();
    loops.push(device);
    return device;
  };

  const detachLoop = (device: string) => {
    run('losetup', ['-d', device]);
    const index = loops.indexOf(device);
    if (index >= 0) loops.splice(index, 1);
  };

  async function waitForMount(mountPoint: string, daemon: Daemon | null): Promise<void> {
    await waitUntil({
      what: `mounting ${mountPoint}`,
      timeoutMs: 15_000,
      check: () => isMounted(mountPoint),
      failed: () => (daemon && !daemon.running ? `the daemon exited (${daemon.exitCode}): ${daemon.output.trim()}` : null),
    });
  }

  async function unmount(mountPoint: string): Promise<void> {
    const index = mounts.findIndex((record) => record.mountPoint === mountPoint);
    const record = index >= 0 ? mounts.splice(index, 1)[0]! : { mountPoint, daemon: null, loopDevice: null };
    if (isMounted(mountPoint)) {
      let done = false;
      // A file the test still has open keeps the mount busy for a moment; then plain umount (root's mounts).
      for (let attempt = 0; attempt < 10 && !done; attempt += 1) {
        done = run('fusermount', ['-u', mountPoint], { timeoutMs: 20_000 }).status === 0 || run('umount', [mountPoint], { timeoutMs: 20_000 }).status === 0;
        if (!done) await sleep(200);
      }
      if (!done) throw new Error(`could not unmount ${mountPoint}`);
    }
    // fusefat writes its tables when told the mount is gone: the image is only whole once the daemon has exited.
    if (record.daemon) await record.daemon.stop({ graceMs: 15_000 });
    if (record.loopDevice) detachLoop(record.loopDevice);
  }

  return {
    root,
    folder,
    makeFat32({ name, sizeMb, sectorsPerCluster, label }) {
      const image = makeImage(name, sizeMb);
      runOk('mkfs.fat', ['-F', '32', ...(sectorsPerCluster ? ['-s', String(sectorsPerCluster)] : []), '-n', label ?? 'HANDOVER', image]);
      return image;
    },
    makeExfat({ name, sizeMb, label }) {
      const image = makeImage(name, sizeMb);
      runOk('mkfs.exfat', ['-L', label ?? 'HANDOVER', image]);
      return image;
    },
    async mountFat({ image }) {
      const mountPoint = folder(`${path.basename(image)}.mnt`);
      // -s: one request at a time. fusefat keeps each open file's position in shared state and frees it on release
      // without its lock, so requests the kernel sends side by side (read-ahead, a late release) must not overlap.
      const daemon = new Daemon(findTool('fusefat') ?? 'fusefat', ['-f', '-s', '-o', 'rw+', image, mountPoint], `${mountPoint}.log`);
      daemons.push(daemon);
      mounts.push({ mountPoint, daemon, loopDevice: null });
      await waitForMount(mountPoint, daemon);
      return { image, mountPoint, loopDevice: null };
    },
    async mountExfat({ image }) {
      const mountPoint = folder(`${path.basename(image)}.mnt`);
      const loopDevice = attachLoop(image);
      mounts.push({ mountPoint, daemon: null, loopDevice });
      runOk('mount.exfat-fuse', [loopDevice, mountPoint], { timeoutMs: 20_000 });
      await waitForMount(mountPoint, null);
      return { image, mountPoint, loopDevice };
    },
    async mountFaultFs({ name, backing: over, renameFoldersFileByFile }) {
      const python = findFusePython();
      if (python === null) throw new Error('no python with fusepy');
      const backing = over ?? folder(`${name}.backing`);
      const mountPoint = folder(`${name}.mnt`);
      const control = path.join(root, `${name}.control.json`);
      const setFault: FaultFsMount['setFault'] = ({ mode, afterBytes, writeDelayMs, refuseDirect }) => {
        // Renamed into place: the daemon never reads half a file.
        const next = `${control}.${process.pid}.tmp`;
        fs.writeFileSync(next, JSON.stringify({ mode, after_bytes: afterBytes ?? 0, write_delay_ms: writeDelayMs ?? 0, refuse_direct: refuseDirect ?? false }));
        fs.renameSync(next, control);
      };
      setFault({ mode: 'ok' });
      const flags = renameFoldersFileByFile ? ['--rename-folders-file-by-file'] : [];
      const daemon = new Daemon(python, [FAULTFS_SCRIPT, ...flags, backing, mountPoint, control], `${mountPoint}.log`);
      daemons.push(daemon);
      mounts.push({ mountPoint, daemon, loopDevice: null });
      await waitForMount(mountPoint, daemon);
      return {
        backing,
        mountPoint,
        setFault,
        kill: async () => {
          daemon.child.kill('SIGKILL');
          await daemon.exited;
        },
        output: () => daemon.output,
      };
    },
    unmount,
    async cleanup() {
      const problems: string[] = [];
      for (const record of [...mounts].reverse()) {
        try {
          await unmount(record.mountPoint);
        } catch (error) {
          problems.push(String(error));
          // Last resort, tests only: detach it now, the kernel finishes when the last file is closed.
          run('fusermount', ['-u', '-z', record.mountPoint]);
          run('umount', ['-l', record.mountPoint]);
          if (record.loopDevice) detachLoop(record.loopDevice);
        }
      }
      for (const daemon of daemons) await daemon.stop({ graceMs: 2_000 });
      for (const device of [...loops]) detachLoop(device);
      const left = mountsUnder(root);
      if (left.length === 0) fs.rmSync(root, { recursive: true, force: true });
      else problems.push(`still mounted, so ${root} was kept: ${left.join(', ')}`);
      if (problems.length > 0) console.warn(`FUSE test cleanup: ${problems.join('; ')}`);
    },
  };
}
