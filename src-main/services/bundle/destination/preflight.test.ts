import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { failureOf } from '../../../../test/helpers/failure-of';
import { useTempDirs } from '../../../../test/helpers/temp-dir';
import { realDestinationFs, type DestinationFs } from './destination-fs';
import { errnoError, faultyFs } from './faulty-fs.fixture';
import { describeFilesystem, type FilesystemInfo } from './filesystem-parse';
import { preflightDestination, removeStalePartial, type PreflightResult } from './preflight';

const tempDir = useTempDirs('handover-preflight-');
const BUNDLE = 'HANDOVER_44-12345-26_20260314-1530';
const GB = 1_000_000_000;
const SMALL_FILES = [
  { name: 'evidence.zip', size: 300_000_000 },
  { name: 'evidence.zip.sha256', size: 80 },
  { name: 'READ-ME-FIRST.txt', size: 2_000 },
  { name: 'OPEN-EVIDENCE.html', size: 40_000 },
];
const BIG_FILES = [{ name: 'evidence.zip', size: 5_200_000_000 }, ...SMALL_FILES.slice(1)];

const formatted = (type: string) => () => Promise.resolve<FilesystemInfo | null>(describeFilesystem({ type }));
const unknownFormat = () => Promise.resolve<FilesystemInfo | null>(null);
const check = (result: PreflightResult, id: string) => result.checks.find((item) => item.id === id)!;

/** The real fs, but statfs answers like a USB stick of the given state. */
function stickFs(options: { bsize: number; bavail: number; blocks: number }): DestinationFs {
  return { ...realDestinationFs, statfs: () => Promise.resolve(options) };
}

describe('preflightDestination', () => {
  it('passes a good folder, with a plain line for every check', async () => {
    const dir = tempDir();
    const result = await preflightDestination({ destinationDir: dir, bundleName: BUNDLE, files: SMALL_FILES, filesystemOf: formatted('exfat') });
    expect(result.ok).toBe(true);
    expect(result.checks.map((item) => item.id)).toEqual(['exists', 'writable', 'filesystem', 'file_size_limit', 'free_space', 'names', 'not_existing']);
    expect(result.checks.every((item) => item.ok && item.message.length > 0)).toBe(true);
    expect(check(result, 'filesystem').message).toBe('The drive is formatted as exFAT.');
    expect(result.filesystem).toBe('exFAT');
    expect(result.freeBytes).toBeGreaterThan(0);
    expect(result.clusterBytes).toBeGreaterThan(0);
    expect(result.neededBytes).toBeGreaterThan(300_042_080);
    expect(result.stalePartial).toBe(false);
    // The write probe is gone again.
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('asks the OS for the format by default', async () => {
    const result = await preflightDestination({ destinationDir: tempDir(), bundleName: BUNDLE, files: SMALL_FILES });
    expect(check(result, 'filesystem').ok).toBe(true);
  });

  it('stops a file of 4 GB or more going to FAT32, naming the file and the ways out', async () => {
    const result = await preflightDestination({ destinationDir: tempDir(), bundleName: BUNDLE, files: BIG_FILES, filesystemOf: formatted('vfat') });
    expect(result.ok).toBe(false);
    expect(check(result, 'filesystem')).toMatchObject({ ok: true, message: 'The drive is formatted as FAT32.' });
    expect(check(result, 'file_size_limit')).toEqual({
      id: 'file_size_limit',
      ok: false,
      message: "evidence.zip (5.2 GB) is too big for this USB stick's format (FAT32). Use a stick formatted as exFAT or NTFS, or choose 'split into parts'.",
    });
  });

  it('lets a file of exactly 4 GiB − 2 bytes go to FAT32, but not one byte more', async () => {
    const at = (size: number) => preflightDestination({ destinationDir: tempDir(), bundleName: BUNDLE, files: [{ name: 'evidence.zip', size }], filesystemOf: formatted('vfat'), fs: stickFs({ bsize: 32768, bavail: 1e7, blocks: 2e7 }) });
    expect(check(await at(4_294_967_294), 'file_size_limit').ok).toBe(true);
    expect(check(await at(4_294_967_295), 'file_size_limit').ok).toBe(false);
  });

  it('takes an unknown format as fine for small files but not for big ones', async () => {
    const small = await preflightDestination({ destinationDir: tempDir(), bundleName: BUNDLE, files: SMALL_FILES, filesystemOf: unknownFormat });
    expect(check(small, 'filesystem').ok).toBe(true);
    expect(check(small, 'filesystem').message).toContain('could not tell');
    expect(small.filesystem).toBeNull();
    expect(small.ok).toBe(true);

    const big = await preflightDestination({ destinationDir: tempDir(), bundleName: BUNDLE, files: BIG_FILES, filesystemOf: unknownFormat, fs: stickFs({ bsize: 4096, bavail: 1e8, blocks: 2e8 }) });
    expect(check(big, 'filesystem').ok).toBe(false);
    expect(check(big, 'file_size_limit').ok).toBe(false);
    expect(check(big, 'file_size_limit').message).toContain("choose 'split into parts'");
    expect(big.ok).toBe(false);

    const fuse = await preflightDestination({ destinationDir: tempDir(), bundleName: BUNDLE, files: BIG_FILES, filesystemOf: formatted('fuseblk'), fs: stickFs({ bsize: 4096, bavail: 1e8, blocks: 2e8 }) });
    expect(check(fuse, 'file_size_limit').ok).toBe(false);
  });

  it('lets big files go to exFAT and NTFS', async () => {
    for (const type of ['exfat', 'ntfs3']) {
      const result = await preflightDestination({ destinationDir: tempDir(), bundleName: BUNDLE, files: BIG_FILES, filesystemOf: formatted(type), fs: stickFs({ bsize: 131072, bavail: 1e6, blocks: 2e6 }) });
      expect(result.ok).toBe(true);
    }
  });

  it('says how much is free and how much is needed when the stick is too small', async () => {
    // A FAT32 stick with 32 KiB clusters and 1.2 GB free.
    const bsize = 32768;
    const bavail = Math.floor(1.2 * GB / bsize) + 1;
    const result = await preflightDestination({
      destinationDir: tempDir(),
      bundleName: BUNDLE,
      files: [{ name: 'evidence.zip', size: 3.2 * GB }, ...SMALL_FILES.slice(1)],
      filesystemOf: formatted('vfat'),
      fs: stickFs({ bsize, bavail, blocks: 500_000 }),
    });
    expect(result.clusterBytes).toBe(bsize);
    expect(result.freeBytes).toBe(bavail * bsize);
    expect(check(result, 'free_space')).toEqual({
      id: 'free_space',
      ok: false,
      message: 'There is 1.2 GB free on the USB stick; the evidence needs 3.4 GB. Use a bigger stick, or delete files you no longer need from this one.',
    });
  });

  it('counts whole clusters: many small files can fill a stick their bytes would not', async () => {
    const files = Array.from({ length: 1000 }, (_, index) => ({ name: `f${index}.txt`, size: 10 }));
    const bsize = 65536;
    const result = await preflightDestination({ destinationDir: tempDir(), bundleName: BUNDLE, files, filesystemOf: formatted('vfat'), fs: stickFs({ bsize, bavail: 1000, blocks: 1e6 }) });
    expect(result.neededBytes).toBeGreaterThan(1000 * bsize);
    expect(check(result, 'free_space').ok).toBe(false);
  });

  it('takes a drive that reports no blocks at all (fusefat) as unknown, not full', async () => {
    const result = await preflightDestination({ destinationDir: tempDir(), bundleName: BUNDLE, files: SMALL_FILES, filesystemOf: formatted('fuse.fusefat'), fs: stickFs({ bsize: 4096, bavail: 0, blocks: 0 }) });
    expect(result.freeBytes).toBeNull();
    expect(check(result, 'free_space').ok).toBe(true);
    expect(check(result, 'free_space').message).toContain('could not tell how much space is free');
  });

  it('reports a missing folder, and does not run checks that need it', async () => {
    const missing = path.join(tempDir(), 'unplugged');
    const result = await preflightDestination({ destinationDir: missing, bundleName: BUNDLE, files: SMALL_FILES, filesystemOf: formatted('vfat') });
    expect(result.ok).toBe(false);
    expect(check(result, 'exists').ok).toBe(false);
    expect(check(result, 'exists').message).toContain('check it is plugged in');
    for (const id of ['writable', 'filesystem', 'free_space', 'not_existing']) {
      expect(check(result, id).ok).toBe(false);
      expect(check(result, id).message).toContain('Not checked');
    }
    expect(check(result, 'names').ok).toBe(true);

    const file = path.join(tempDir(), 'a-file');
    fs.writeFileSync(file, 'x');
    expect(check(await preflightDestination({ destinationDir: file, bundleName: BUNDLE, files: SMALL_FILES }), 'exists').message).toContain('is a file, not a folder');
  });

  it('reports a locked stick, and leaves no probe file', async () => {
    const dir = tempDir();
    const locked = faultyFs({
      before: (call) => {
        if (call.op === 'open' && call.path.includes('.handover-probe-')) throw errnoError({ code: 'EROFS', syscall: 'open' });
      },
    });
    const result = await preflightDestination({ destinationDir: dir, bundleName: BUNDLE, files: SMALL_FILES, fs: locked, filesystemOf: formatted('vfat') });
    expect(check(result, 'writable').ok).toBe(false);
    expect(check(result, 'writable').message).toContain('small switch on the side');
    expect(fs.readdirSync(dir)).toEqual([]);

    const failing = faultyFs({
      before: (call) => {
        if (call.op === 'fsync') throw errnoError({ code: 'EIO', syscall: 'fsync' });
      },
    });
    const broken = await preflightDestination({ destinationDir: dir, bundleName: BUNDLE, files: SMALL_FILES, fs: failing, filesystemOf: formatted('vfat') });
    expect(check(broken, 'writable').ok).toBe(false);
    expect(check(broken, 'writable').message).toContain('(EIO)');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('takes a probe file that can be made but not written to (EPERM: fusefat when full) as a full stick, not a locked one', async () => {
    const dir = tempDir();
    const full = faultyFs({
      before: (call) => {
        if (call.op === 'write' && call.path.includes('.handover-probe-')) throw errnoError({ code: 'EPERM', syscall: 'write' });
      },
    });
    const result = await preflightDestination({ destinationDir: dir, bundleName: BUNDLE, files: SMALL_FILES, fs: full, filesystemOf: formatted('fuse.fusefat') });
    expect(check(result, 'writable').ok).toBe(false);
    expect(check(result, 'writable').message).toContain('most likely full');
    expect(check(result, 'writable').message).not.toContain('locked');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('lists every name a USB stick cannot hold', async () => {
    const result = await preflightDestination({
      destinationDir: tempDir(),
      bundleName: 'CON',
      files: [{ name: 'what?.txt', size: 1 }, { name: 'trailing.', size: 1 }, { name: 'ok.txt', size: 1 }],
      filesystemOf: formatted('vfat'),
    });
    const names = check(result, 'names');
    expect(names.ok).toBe(false);
    expect(names.message).toContain('"CON"');
    expect(names.message).toContain('what?.txt');
    expect(names.message).toContain('"trailing."');
  });

  it('refuses to go where the bundle already is, and spots an unfinished copy that can be removed', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, BUNDLE));
    const existing = await preflightDestination({ destinationDir: dir, bundleName: BUNDLE, files: SMALL_FILES, filesystemOf: formatted('exfat') });
    expect(check(existing, 'not_existing').ok).toBe(false);
    expect(check(existing, 'not_existing').message).toContain('never writes over evidence');
    expect(existing.stalePartial).toBe(false);

    const other = tempDir();
    fs.mkdirSync(path.join(other, `${BUNDLE}.partial`));
    fs.writeFileSync(path.join(other, `${BUNDLE}.partial`, '.evidence.zip.partial'), 'half');
    const stale = await preflightDestination({ destinationDir: other, bundleName: BUNDLE, files: SMALL_FILES, filesystemOf: formatted('exfat') });
    expect(check(stale, 'not_existing').ok).toBe(false);
    expect(check(stale, 'not_existing').message).toContain('unfinished copy');
    expect(check(stale, 'not_existing').message).toContain('can be deleted');
    expect(stale.stalePartial).toBe(true);

    await removeStalePartial({ destinationDir: other, bundleName: BUNDLE });
    expect(fs.readdirSync(other)).toEqual([]);
    expect((await preflightDestination({ destinationDir: other, bundleName: BUNDLE, files: SMALL_FILES, filesystemOf: formatted('exfat') })).ok).toBe(true);
  });
});

describe('removeStalePartial', () => {
  it('deletes only <bundleName>.partial, never the finished folder or a file of that name', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, BUNDLE));
    fs.mkdirSync(path.join(dir, `${BUNDLE}.partial`));
    await removeStalePartial({ destinationDir: dir, bundleName: BUNDLE });
    expect(fs.readdirSync(dir)).toEqual([BUNDLE]);
    // Nothing there: nothing to do.
    await removeStalePartial({ destinationDir: dir, bundleName: BUNDLE });

    fs.writeFileSync(path.join(dir, `${BUNDLE}.partial`), 'not ours');
    expect((await failureOf(removeStalePartial({ destinationDir: dir, bundleName: BUNDLE }))).code).toBe('conflict');
    expect(fs.existsSync(path.join(dir, `${BUNDLE}.partial`))).toBe(true);
  });

  it('refuses a name that is a path', async () => {
    const dir = tempDir();
    for (const bundleName of ['../x', 'a/b', '..', '']) expect((await failureOf(removeStalePartial({ destinationDir: dir, bundleName }))).code).toBe('invalid_input');
  });

  it('says plainly when the stick will not let it delete', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, `${BUNDLE}.partial`));
    const locked = faultyFs({
      before: (call) => {
        if (call.op === 'rm') throw errnoError({ code: 'EROFS', syscall: 'rm' });
      },
    });
    const failure = await failureOf(removeStalePartial({ destinationDir: dir, bundleName: BUNDLE, fs: locked }));
    expect(failure.code).toBe('io_failed');
    expect(failure.message).toContain('could not delete the unfinished copy');
  });
});
