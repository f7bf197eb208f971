/**
 * The writer against a real FUSE file system that fails on demand (faultfs.py): EIO on write, fsync and read, a full
 * stick, a stick that goes away, and a driver that refuses O_DIRECT. Each failure must carry the right plain message,
 * leave no folder that looks like finished evidence, and a rerun must then work.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleBundle } from '../../src-main/services/bundle/destination/bundle-sample.fixture';
import { preflightDestination, removeStalePartial } from '../../src-main/services/bundle/destination/preflight';
import { writeBundleToDestination, type BundleFileSource } from '../../src-main/services/bundle/destination/write-bundle';
import { failureOf } from '../helpers/failure-of';
import { fuseSkipReason, useFuseLab, warnSkip, type FaultFsMount } from './fuse-mounts';

const skipReason = fuseSkipReason({ tools: ['fusermount'], python: true });
warnSkip('the fault-injection (faultfs.py) writer tests', skipReason);

const BUNDLE = 'HANDOVER_NO-REF_20260314-1530';
const MB = 1024 * 1024;
const NOTHING_USABLE = 'Nothing on it is usable.';
const REMOVED_WHILE_WRITING = `The USB stick was removed while writing, or it is failing. ${NOTHING_USABLE} Plug it back in (or use another stick) and press Try again.`;

describe.skipIf(skipReason !== null)('writing onto a FUSE stick that fails', () => {
  const lab = useFuseLab('handover-fuse-faults-');
  let counter = 0;

  /** A fresh faultfs mount, a 5 MB sample bundle, and a folder on the mount to write into. */
  async function setup(): Promise<{ stick: FaultFsMount; files: BundleFileSource[]; target: string; backingTarget: string }> {
    counter += 1;
    const stick = await lab().mountFaultFs({ name: `stick-${counter}` });
    const { files } = sampleBundle({ dataDir: lab().folder(`bundle-${counter}`), zipBytes: 5 * MB + 77 });
    fs.mkdirSync(path.join(stick.mountPoint, 'evidence'));
    return { stick, files, target: path.join(stick.mountPoint, 'evidence'), backingTarget: path.join(stick.backing, 'evidence') };
  }

  /** A rerun onto a good folder (not FUSE) works. */
  async function expectRerunWorks(files: BundleFileSource[]): Promise<void> {
    const good = lab().folder(`good-${(counter += 1)}`);
    const written = await writeBundleToDestination({ destinationDir: good, bundleName: BUNDLE, files });
    expect(fs.readdirSync(good)).toEqual([BUNDLE]);
    expect(written.files).toHaveLength(files.length);
  }

  it('reads back with O_DIRECT through FUSE, and where the driver refuses O_DIRECT drops the cached pages and reads from the drive', async () => {
    const { stick, files, target, backingTarget } = await setup();
    const direct = await writeBundleToDestination({ destinationDir: target, bundleName: BUNDLE, files });
    expect(direct.verifyMethod).toBe('direct');

    stick.setFault({ mode: 'ok', refuseDirect: true });
    fs.mkdirSync(path.join(stick.mountPoint, 'second'));
    const refused = await writeBundleToDestination({ destinationDir: path.join(stick.mountPoint, 'second'), bundleName: BUNDLE, files });
    expect(refused.verifyMethod).toBe('uncached');
    for (const dir of [backingTarget, path.join(stick.backing, 'second')]) {
      expect(fs.readdirSync(dir)).toEqual([BUNDLE]);
      expect(fs.readdirSync(path.join(dir, BUNDLE)).sort()).toEqual(files.map((file) => file.name).sort());
    }
    await lab().unmount(stick.mountPoint);
  }, 60_000);

  it.each([
    { when: 'on write (after 2 MB)', fault: { mode: 'eio_write', afterBytes: 2 * MB } },
    { when: 'on fsync', fault: { mode: 'eio_fsync' } },
  ] as const)('EIO $when is "removed or failing"; the unfinished copy is deleted and a rerun works', async ({ fault }) => {
    const { stick, files, target, backingTarget } = await setup();
    stick.setFault(fault);
    const failure = await failureOf(writeBundleToDestination({ destinationDir: target, bundleName: BUNDLE, files }));
    expect(failure.code).toBe('drive_gone');
    expect(failure.message).toBe(REMOVED_WHILE_WRITING);
    expect(fs.readdirSync(backingTarget)).toEqual([]);
    await expectRerunWorks(files);
    await lab().unmount(stick.mountPoint);
  }, 60_000);

  it('ENOSPC on write from a stick that said it had room is "full"', async () => {
    const { stick, files, target, backingTarget } = await setup();
    stick.setFault({ mode: 'enospc', afterBytes: 3 * MB + 5 });
    const failure = await failureOf(writeBundleToDestination({ destinationDir: target, bundleName: BUNDLE, files }));
    expect(failure.code).toBe('no_space');
    expect(failure.message).toMatch(/^The USB stick is full, so the evidence could not be copied\. Nothing on it is usable\./);
    expect(fs.readdirSync(backingTarget)).toEqual([]);
    // Room again (files deleted on the stick): the same stick takes it.
    stick.setFault({ mode: 'ok' });
    await writeBundleToDestination({ destinationDir: target, bundleName: BUNDLE, files });
    expect(fs.readdirSync(backingTarget)).toEqual([BUNDLE]);
    await lab().unmount(stick.mountPoint);
  }, 60_000);

  it('EIO reading back is "removed or failing while checking", and the written copy is taken away', async () => {
    const { stick, files, target, backingTarget } = await setup();
    stick.setFault({ mode: 'eio_read' });
    const failure = await failureOf(writeBundleToDestination({ destinationDir: target, bundleName: BUNDLE, files }));
    expect(failure.code).toBe('drive_gone');
    expect(failure.message).toBe(
      `The USB stick was removed while Handover was checking the copy, or it is failing. ${NOTHING_USABLE} Plug it back in (or use another stick) and press Try again.`,
    );
    expect(fs.readdirSync(backingTarget)).toEqual([]);
    // Where O_DIRECT is refused the cached pages are dropped first, so the read still reaches the stick and fails.
    stick.setFault({ mode: 'eio_read', refuseDirect: true });
    expect((await failureOf(writeBundleToDestination({ destinationDir: target, bundleName: BUNDLE, files }))).code).toBe('drive_gone');
    expect(fs.readdirSync(backingTarget)).toEqual([]);
    await expectRerunWorks(files);
    await lab().unmount(stick.mountPoint);
  }, 60_000);

  it('a stick that goes away mid-write (ENODEV from then on) is "removed"; once back, the leftover is flagged and removed, and a rerun works', async () => {
    const { stick, files, target, backingTarget } = await setup();
    stick.setFault({ mode: 'gone', afterBytes: 2 * MB });
    const failure = await failureOf(writeBundleToDestination({ destinationDir: target, bundleName: BUNDLE, files }));
    expect(failure.code).toBe('drive_gone');
    expect(failure.message).toBe(REMOVED_WHILE_WRITING);
    // Cleaning up could not reach the stick: what is left is plainly unfinished, and nothing is called BUNDLE.
    expect(fs.readdirSync(backingTarget)).toEqual([`${BUNDLE}.partial`]);
    expect(fs.readdirSync(path.join(backingTarget, `${BUNDLE}.partial`))).toEqual(['.evidence.zip.partial']);

    stick.setFault({ mode: 'ok' });
    const blocked = await preflightDestination({ destinationDir: target, bundleName: BUNDLE, files });
    expect(blocked).toMatchObject({ ok: false, stalePartial: true });
    await removeStalePartial({ destinationDir: target, bundleName: BUNDLE });
    await writeBundleToDestination({ destinationDir: target, bundleName: BUNDLE, files });
    expect(fs.readdirSync(backingTarget)).toEqual([BUNDLE]);
    await lab().unmount(stick.mountPoint);
  }, 60_000);
});
