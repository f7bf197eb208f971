/**
 * A real exFAT stick (exfat-fuse over a loop device) that is too small: the pre-flight refuses it, and a write forced
 * past the pre-flight fills it to ENOSPC, says so plainly, and leaves nothing that looks like evidence.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleBundle } from '../../src-main/services/bundle/destination/bundle-sample.fixture';
import { preflightDestination } from '../../src-main/services/bundle/destination/preflight';
import { writeBundleToDestination } from '../../src-main/services/bundle/destination/write-bundle';
import { failureOf } from '../helpers/failure-of';
import { fuseSkipReason, run, useFuseLab, warnSkip } from './fuse-mounts';

const skipReason = fuseSkipReason({ tools: ['mount.exfat-fuse', 'mkfs.exfat', 'fsck.exfat', 'losetup', 'umount'], loop: true });
warnSkip('the exFAT (exfat-fuse) tests', skipReason);

const BUNDLE = 'HANDOVER_NO-REF_20260314-1530';
const MB = 1024 * 1024;

describe.skipIf(skipReason !== null)('exFAT through exfat-fuse', () => {
  const lab = useFuseLab('handover-fuse-exfat-');

  it('refuses a bundle bigger than the stick, fails a forced write with ENOSPC as "full", leaves nothing, and a rerun onto a big-enough stick works', async () => {
    const small = lab().makeExfat({ name: 'stick-64mb.img', sizeMb: 64 });
    const { mountPoint } = await lab().mountExfat({ image: small });
    const freeBefore = fs.statfsSync(mountPoint);
    // 80 MB of evidence for about 62 MB of room.
    const { files } = sampleBundle({ dataDir: lab().folder('bundle-80mb'), zipBytes: 80 * MB });

    const preflight = await preflightDestination({ destinationDir: mountPoint, bundleName: BUNDLE, files });
    expect(preflight.ok).toBe(false);
    // exfat-fuse mounts as fuseblk; with no udev here, the boot sector of the loop device says exFAT.
    expect(preflight.filesystem).toBe('exFAT');
    expect(preflight.clusterBytes).toBe(4096);
    expect(preflight.freeBytes).toBe(freeBefore.bavail * freeBefore.bsize);
    const space = preflight.checks.find((check) => check.id === 'free_space')!;
    expect(space.ok).toBe(false);
    expect(space.message).toMatch(/^There is 6\d\.\d MB free on the USB stick; the evidence needs 8\d\.\d MB\. Use a bigger stick/);
    expect(preflight.checks.filter((check) => !check.ok).map((check) => check.id)).toEqual(['free_space']);

    // Past the pre-flight (the stick filled up after it, or lied about its size): the write meets ENOSPC.
    const failure = await failureOf(writeBundleToDestination({ destinationDir: mountPoint, bundleName: BUNDLE, files }));
    expect(failure.code).toBe('no_space');
    expect(failure.message).toBe(
      'The USB stick is full, so the evidence could not be copied. Nothing on it is usable. Use a bigger stick, or delete files you no longer need from this one, then press Try again.',
    );
    // The writer deleted its unfinished copy: no bundle folder, no ".partial", and the room is back.
    expect(fs.readdirSync(mountPoint)).toEqual([]);
    expect(fs.statfsSync(mountPoint).bavail).toBe(freeBefore.bavail);
    await lab().unmount(mountPoint);
    const fsck = run('fsck.exfat', ['-n', small]);
    expect(fsck.status, fsck.stdout + fsck.stderr).toBe(0);

    const big = lab().makeExfat({ name: 'stick-128mb.img', sizeMb: 128 });
    const bigger = await lab().mountExfat({ image: big });
    expect((await preflightDestination({ destinationDir: bigger.mountPoint, bundleName: BUNDLE, files })).ok).toBe(true);
    const written = await writeBundleToDestination({ destinationDir: bigger.mountPoint, bundleName: BUNDLE, files });
    expect(written.verifyMethod).toBe('direct');
    expect(fs.readdirSync(bigger.mountPoint)).toEqual([BUNDLE]);
    expect(fs.readdirSync(path.join(bigger.mountPoint, BUNDLE)).sort()).toEqual(files.map((file) => file.name).sort());
    expect(fs.statSync(path.join(bigger.mountPoint, BUNDLE, 'evidence.zip')).size).toBe(80 * MB);
    await lab().unmount(bigger.mountPoint);
    const fsckBig = run('fsck.exfat', ['-n', big]);
    expect(fsckBig.status, fsckBig.stdout + fsckBig.stderr).toBe(0);
  }, 90_000);
});
