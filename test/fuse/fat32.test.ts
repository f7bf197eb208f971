/**
 * A real evidence bundle onto a real FAT32 file system: the Linux kernel here has no vfat driver, so the image is
 * mounted through fusefat, and what landed in it is then read with tools that never saw the mount (fsck.fat, mtools).
 *
 * fusefat 0.1a (Debian's) empties a folder when it renames it, and the writer's last step renames "<name>.partial"
 * to "<name>". The first test shows the app catching that; the full write then goes through a faultfs.py layer that
 * renames folders file by file (file renames in fusefat are fine), so every byte still lands through fusefat.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILES } from '../../src-main/services/bundle/manifest/bundle-texts';
import { sampleBundle } from '../../src-main/services/bundle/destination/bundle-sample.fixture';
import { REFUSED_MID_WRITE_MESSAGE } from '../../src-main/services/bundle/destination/destination-errors';
import { preflightDestination } from '../../src-main/services/bundle/destination/preflight';
import { FAT_MAX_FILE_BYTES } from '../../src-main/services/bundle/destination/space';
import { writeBundleToDestination } from '../../src-main/services/bundle/destination/write-bundle';
import { verifyBundleFolder } from '../../src-main/services/bundle/verify-bundle';
import { failureOf } from '../helpers/failure-of';
import { fuseSkipReason, mtoolsRead, run, runOk, sha256, useFuseLab, warnSkip } from './fuse-mounts';
import { createPipeline, type Pipeline } from './pipeline';

const skipReason = fuseSkipReason({ tools: ['fusefat', 'fusermount', 'mkfs.fat', 'fsck.fat', 'mcopy', 'mdir'] });
warnSkip('the FAT32 (fusefat) tests', skipReason);

const BUNDLE = 'HANDOVER_NO-REF_20260314-1530';
/** What fusefat lists for the volume label: it shows the label entry as an empty file. */
const LABEL = 'HANDOVER';

/** The names in a FAT folder as mtools reads them from the image: long name where there is one, else the 8.3 name. */
function fatNames(options: { image: string; dir: string }): string[] {
  const listing = runOk('mdir', ['-b', '-a', '-i', options.image, `::/${options.dir}`]);
  return listing
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => line.replace(/^::\//, '').replace(/\/$/, ''))
    .map((name) => (options.dir !== '' && name.startsWith(`${options.dir}/`) ? name.slice(options.dir.length + 1) : name))
    .filter((name) => name !== '.' && name !== '..');
}

/**
 * mdir's full listing: each file's 8.3 alias (fusefat makes "~1", "~2"…; Windows and Linux make "EVIDEN~1.ZIP"),
 * size, and long name.
 */
function fatEntries(options: { image: string; dir: string }): { shortName: string; size: number; longName: string }[] {
  const listing = runOk('mdir', ['-a', '-i', options.image, `::/${options.dir}`]);
  const entries: { shortName: string; size: number; longName: string }[] = [];
  for (const line of listing.split('\n')) {
    // "~1             2059575 2026-10-28   3:56  evidence.zip" (the alias may have a space before its extension)
    const match = /^(\S+(?: \S{1,3})?)\s+(\d+) \d{4}-\d\d-\d\d\s+\d+:\d\d\s+(.+)$/.exec(line);
    if (match) entries.push({ shortName: match[1]!.trim(), size: Number(match[2]), longName: match[3]!.trim() });
  }
  return entries;
}

/** Writes 1 MiB at a time until the drive refuses; the error code it refused with. */
async function fillUntilRefused(file: string): Promise<string | undefined> {
  const handle = await fs.promises.open(file, 'wx');
  const chunk = Buffer.alloc(1024 * 1024, 0x5a);
  try {
    for (let position = 0; ; ) {
      const { bytesWritten } = await handle.write(chunk, 0, chunk.length, position);
      if (bytesWritten === 0) return 'no progress';
      position += bytesWritten;
    }
  } catch (error) {
    return (error as NodeJS.ErrnoException).code;
  } finally {
    await handle.close();
  }
}

function fsckFat(image: string): { status: number | null; output: string } {
  const result = run('fsck.fat', ['-n', image]);
  return { status: result.status, output: result.stdout + result.stderr };
}

describe.skipIf(skipReason !== null)('FAT32 through fusefat', () => {
  const lab = useFuseLab('handover-fuse-fat32-');
  let pipeline: Pipeline;

  beforeAll(async () => {
    pipeline = await createPipeline({ prefix: 'handover-fuse-fat32-app-' });
  }, 180_000);

  afterAll(async () => {
    await pipeline?.close();
  });

  let image = '';
  let bundleName = '';
  let password = '';

  it('onto fusefat itself: the pre-flight says FAT32, and when fusefat loses the folder\'s files on the final rename, the last check catches it and leaves nothing', async () => {
    const broken = lab().makeFat32({ name: 'stick-rename.img', sizeMb: 300, sectorsPerCluster: 8 });
    const { mountPoint } = await lab().mountFat({ image: broken });
    const destination = await pipeline.choose(mountPoint);
    expect(destination.checks.filter((check) => !check.ok)).toEqual([]);
    expect(destination.filesystem).toBe('FAT32');
    expect(destination.checks.find((check) => check.id === 'filesystem')?.message).toBe('The drive is formatted as FAT32.');
    expect(destination.freeBytes).toBeGreaterThan(250e6);

    // fusefat 0.1a renames a folder by making a new, empty one: the files written and checked in "<name>.partial"
    // are gone from "<name>". The writer lists the folder under its final name, so this never counts as success.
    const job = await pipeline.start(destination).finished;
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('verify_failed');
    expect(job.error?.message).toMatch(/^After the last step, .* could not be found on the USB stick\. Nothing on it is usable\. Press Try again\.$/);
    for (const name of Object.values(BUNDLE_FILES)) expect(job.error?.message).toContain(name);
    expect(fs.readdirSync(mountPoint)).toEqual([LABEL]);
    await lab().unmount(mountPoint);
    expect(fatNames({ image: broken, dir: '' })).toEqual([]);
    // What fusefat lost: the files' clusters, now owned by no name (fsck.fat -n reports them and changes nothing).
    expect(fsckFat(broken).output).toMatch(/Reclaimed \d+ unused clusters/);
  }, 120_000);

  it('takes a whole bundle through the app onto FAT32, and the image then passes fsck.fat and reads back by mtools to the same names and hashes', async () => {
    // 4 KiB clusters, as on a real stick; 300 MB is the smallest FAT32 allows with them.
    image = lab().makeFat32({ name: 'stick-fat32.img', sizeMb: 300, sectorsPerCluster: 8 });
    const fat = await lab().mountFat({ image });
    // Folder renames done file by file on top of fusefat (see above); every byte still goes through fusefat.
    const stick = await lab().mountFaultFs({ name: 'fat32-layer', backing: fat.mountPoint, renameFoldersFileByFile: true });

    const destination = await pipeline.choose(stick.mountPoint);
    expect(destination.checks.filter((check) => !check.ok)).toEqual([]);
    expect(destination.freeBytes).toBeGreaterThan(250e6);
    const started = pipeline.start(destination);
    const job = await started.finished;
    expect(job.error).toBeNull();
    expect(job.state).toBe('succeeded');
    const bundle = pipeline.core.services.bundles.get({ bundleId: started.bundleId });
    expect(bundle).toMatchObject({ state: 'succeeded', verifyMethod: 'direct' });
    bundleName = bundle.bundleName;
    password = started.password;

    // Nothing else left behind: no ".partial" folder or file, no write-probe file.
    expect(fs.readdirSync(fat.mountPoint).sort()).toEqual([LABEL, bundleName].sort());
    const expected = Object.values(BUNDLE_FILES).sort();
    expect(fs.readdirSync(path.join(fat.mountPoint, bundleName)).sort()).toEqual(expected);

    await lab().unmount(stick.mountPoint);
    await lab().unmount(fat.mountPoint);
    const fsck = fsckFat(image);
    expect(fsck.status, fsck.output).toBe(0);

    // The names as FAT holds them: long names, case kept, each with its own 8.3 alias (fsck.fat checked those are
    // unique and valid); then every byte, read from the image without any mount.
    expect(fatNames({ image, dir: '' })).toEqual([bundleName]);
    expect(fatNames({ image, dir: bundleName }).sort()).toEqual(expected);
    const entries = fatEntries({ image, dir: bundleName });
    expect(entries.map((entry) => entry.longName).sort()).toEqual(expected);
    expect(new Set(entries.map((entry) => entry.shortName)).size).toBe(entries.length);
    for (const name of expected) {
      const onStick = mtoolsRead({ image, file: `${bundleName}/${name}` });
      const local = fs.readFileSync(path.join(started.localFolder, name));
      expect(entries.find((entry) => entry.longName === name)?.size, name).toBe(local.length);
      expect(onStick.length, name).toBe(local.length);
      expect(sha256(onStick), name).toBe(sha256(local));
    }
    const zip = mtoolsRead({ image, file: `${bundleName}/${BUNDLE_FILES.zip}` });
    expect(sha256(zip)).toBe(bundle.zipSha256);
    expect(zip.length).toBe(bundle.zipBytes);
    expect(mtoolsRead({ image, file: `${bundleName}/${BUNDLE_FILES.zipSum}` }).toString('utf8')).toMatch(new RegExp(`^${bundle.zipSha256}\\s+\\*?${BUNDLE_FILES.zip}`));
  }, 120_000);

  it('after re-inserting the stick, the bundle verifies with its password, and another copy is refused', async () => {
    expect(bundleName).not.toBe('');
    const { mountPoint } = await lab().mountFat({ image });
    const verified = await verifyBundleFolder({ bundleDir: path.join(mountPoint, bundleName), password });
    expect(verified.checks.filter((check) => !check.ok)).toEqual([]);
    expect(verified).toMatchObject({ ok: true, contentsChecked: true });
    const again = await preflightDestination({ destinationDir: mountPoint, bundleName, files: [{ name: 'evidence.zip', size: 1000 }] });
    expect(again.checks.find((check) => check.id === 'not_existing')).toMatchObject({ ok: false });
    await lab().unmount(mountPoint);
  }, 60_000);

  it('refuses a file of 4 GB or more on the real FAT32 mount before writing anything (sizes only, no 4 GB write)', async () => {
    const small = lab().makeFat32({ name: 'stick-sizes.img', sizeMb: 40 });
    const { mountPoint } = await lab().mountFat({ image: small });
    const check = async (size: number) => {
      const result = await preflightDestination({ destinationDir: mountPoint, bundleName: BUNDLE, files: [{ name: 'evidence.zip', size }, { name: 'READ-ME-FIRST.txt', size: 4000 }] });
      expect(result.filesystem).toBe('FAT32');
      return { result, sizeCheck: result.checks.find((c) => c.id === 'file_size_limit')! };
    };
    const tooBig = await check(FAT_MAX_FILE_BYTES + 1);
    expect(tooBig.result.ok).toBe(false);
    expect(tooBig.sizeCheck.ok).toBe(false);
    expect(tooBig.sizeCheck.message).toBe(`evidence.zip (4.3 GB) is too big for this USB stick's format (FAT32). Use a stick formatted as exFAT or NTFS, or choose 'split into parts'.`);
    const largest = await check(FAT_MAX_FILE_BYTES);
    expect(largest.sizeCheck.ok).toBe(true);
    // Nothing was written: only the volume label is there (the write probe was deleted again).
    expect(fs.readdirSync(mountPoint)).toEqual([LABEL]);
    await lab().unmount(mountPoint);
    expect(fsckFat(small).status).toBe(0);
  }, 60_000);

  it('a full FAT32 stick (fusefat: statfs knows nothing, a full disk answers EPERM) is "full", not "locked", and a rerun that fits works', async () => {
    // 512-byte clusters: fusefat then reports 0 blocks from statfs, so the free space is unknown before writing.
    const full = lab().makeFat32({ name: 'stick-full.img', sizeMb: 40, sectorsPerCluster: 1 });
    const { mountPoint } = await lab().mountFat({ image: full });
    const statfs = fs.statfsSync(mountPoint);
    expect(statfs.blocks).toBe(0);

    // Filled to the last cluster: fusefat refuses the bytes with EPERM. The pre-flight's test file can still be
    // named (there is room in the folder) but takes no bytes: that is a full stick, not a locked one.
    const filler = path.join(mountPoint, 'filler.bin');
    expect(await fillUntilRefused(filler)).toBe('EPERM');
    const whenFull = await preflightDestination({ destinationDir: mountPoint, bundleName: BUNDLE, files: [{ name: 'evidence.zip', size: 1000 }] });
    expect(whenFull.checks.find((check) => check.id === 'writable')).toEqual({
      id: 'writable',
      ok: false,
      message: 'The USB stick let Handover make a test file but not write into it: it is most likely full. Delete files you no longer need from it, or use another stick.',
    });
    fs.unlinkSync(filler);
    expect(fs.readdirSync(mountPoint)).toEqual([LABEL]);

    // Empty again, but too small for 48 MB: the pre-flight cannot know (no free space from statfs), the write finds out.
    const big = sampleBundle({ dataDir: lab().folder('big-bundle'), zipBytes: 48 * 1024 * 1024 });
    const preflight = await preflightDestination({ destinationDir: mountPoint, bundleName: BUNDLE, files: big.files });
    expect(preflight).toMatchObject({ ok: true, filesystem: 'FAT32', freeBytes: null });
    expect(preflight.checks.find((check) => check.id === 'free_space')?.message).toMatch(/^Handover could not tell how much space is free/);

    const failure = await failureOf(writeBundleToDestination({ destinationDir: mountPoint, bundleName: BUNDLE, files: big.files }));
    expect(failure.code).toBe('no_space');
    expect(failure.message).toBe(REFUSED_MID_WRITE_MESSAGE);
    expect(failure.message).not.toMatch(/locked|write-protected|read-only/i);
    // The unfinished copy was deleted again, so the stick is empty and whole.
    expect(fs.readdirSync(mountPoint)).toEqual([LABEL]);

    // Trying again with evidence that fits works on the same stick (folder renames done file by file, as above).
    const fits = sampleBundle({ dataDir: lab().folder('small-bundle'), zipBytes: 5 * 1024 * 1024 + 11 });
    const layer = await lab().mountFaultFs({ name: 'full-layer', backing: mountPoint, renameFoldersFileByFile: true });
    const written = await writeBundleToDestination({ destinationDir: layer.mountPoint, bundleName: BUNDLE, files: fits.files });
    expect(written.verifyMethod).toBe('direct');
    await lab().unmount(layer.mountPoint);
    await lab().unmount(mountPoint);
    const fsck = fsckFat(full);
    expect(fsck.status, fsck.output).toBe(0);
    expect(fatNames({ image: full, dir: '' })).toEqual([BUNDLE]);
    expect(sha256(mtoolsRead({ image: full, file: `${BUNDLE}/evidence.zip` }))).toBe(sha256(fits.zip));
  }, 90_000);
});
