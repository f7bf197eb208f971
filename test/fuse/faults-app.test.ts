/**
 * The whole bundle job onto a FUSE stick that fails (faultfs.py), as the person would meet it: a failing stick, one
 * that is full although it said it had room, one that goes away, and one pulled out mid-write (its FUSE daemon
 * killed). The job must fail with the right plain message in good time, leave no folder that looks like finished
 * evidence, and the next try must work.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuseSkipReason, isMounted, useFuseLab, warnSkip, type FaultFsMount } from './fuse-mounts';
import { createPipeline, type Pipeline } from './pipeline';

const skipReason = fuseSkipReason({ tools: ['fusermount'], python: true });
warnSkip('the fault-injection (faultfs.py) bundle job tests', skipReason);

const MB = 1024 * 1024;
const REMOVED_WHILE_WRITING =
  'The USB stick was removed while writing, or it is failing. Nothing on it is usable. Plug it back in (or use another stick) and press Try again.';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Bytes in the files being written under `dir` (the backing folder, so the stick's own state is not asked). */
function partialBytes(dir: string): number {
  let total = 0;
  try {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (entry.isFile() && entry.name.endsWith('.partial')) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
    }
  } catch {
    // A file renamed or deleted between listing and stat: count again next time.
  }
  return total;
}

describe.skipIf(skipReason !== null)('the bundle job onto a FUSE stick that fails', () => {
  const lab = useFuseLab('handover-fuse-jobs-');
  let pipeline: Pipeline;
  let counter = 0;

  beforeAll(async () => {
    pipeline = await createPipeline({ prefix: 'handover-fuse-jobs-app-' });
  }, 180_000);

  afterAll(async () => {
    await pipeline?.close();
  });

  async function stick(): Promise<FaultFsMount> {
    counter += 1;
    return lab().mountFaultFs({ name: `stick-${counter}` });
  }

  /** The next try, onto a good folder (not FUSE), works. */
  async function expectRerunWorks(): Promise<void> {
    const good = lab().folder(`good-${(counter += 1)}`);
    const { job, bundle } = await pipeline.write(good);
    expect(job.error).toBeNull();
    expect(bundle.state).toBe('succeeded');
    expect(fs.readdirSync(good)).toEqual([bundle.bundleName]);
  }

  it('EIO on write fails the job as "removed or failing", records it, deletes the unfinished copy, and a rerun works', async () => {
    const usb = await stick();
    const destination = await pipeline.choose(usb.mountPoint);
    expect(destination.checks.filter((check) => !check.ok)).toEqual([]);
    usb.setFault({ mode: 'eio_write', afterBytes: 1 * MB });
    const started = pipeline.start(destination);
    const job = await started.finished;
    expect(job.state).toBe('failed');
    expect(job.error).toEqual({ code: 'drive_gone', message: REMOVED_WHILE_WRITING });
    const bundle = pipeline.core.services.bundles.get({ bundleId: started.bundleId });
    expect(bundle).toMatchObject({ state: 'failed', error: REMOVED_WHILE_WRITING });
    const custody = pipeline.core.services.custody.list({ caseId: pipeline.caseId });
    expect(custody.at(-1)).toMatchObject({ action: 'bundle.failed' });
    expect(fs.readdirSync(usb.backing)).toEqual([]);
    await expectRerunWorks();
    await lab().unmount(usb.mountPoint);
  }, 60_000);

  it('a stick that said it had room but fills up (ENOSPC) fails the job as "full"', async () => {
    const usb = await stick();
    const destination = await pipeline.choose(usb.mountPoint);
    expect(destination.ok).toBe(true);
    usb.setFault({ mode: 'enospc', afterBytes: 1 * MB + 4096 });
    const job = await pipeline.start(destination).finished;
    expect(job.error?.code).toBe('no_space');
    expect(job.error?.message).toMatch(/^The USB stick is full, so the evidence could not be copied\. Nothing on it is usable\. Use a bigger stick/);
    expect(fs.readdirSync(usb.backing)).toEqual([]);
    await expectRerunWorks();
    await lab().unmount(usb.mountPoint);
  }, 60_000);

  it('a stick that goes away mid-write fails the job as "removed"; plugged back in, the app flags and removes the unfinished copy and writes again', async () => {
    const usb = await stick();
    const destination = await pipeline.choose(usb.mountPoint);
    expect(destination.ok).toBe(true);
    usb.setFault({ mode: 'gone', afterBytes: 1 * MB });
    const job = await pipeline.start(destination).finished;
    expect(job.error).toEqual({ code: 'drive_gone', message: REMOVED_WHILE_WRITING });
    // Cleaning up could not reach the stick: what is left says it is unfinished, and nothing is called <bundleName>.
    expect(fs.readdirSync(usb.backing)).toEqual([`${destination.bundleName}.partial`]);

    usb.setFault({ mode: 'ok' });
    const back = await pipeline.choose(usb.mountPoint);
    if (back.bundleName === destination.bundleName) {
      expect(back).toMatchObject({ ok: false, stalePartial: true });
      expect(back.checks.find((check) => check.id === 'not_existing')?.message).toContain('unfinished copy');
      const cleared = await pipeline.core.services.bundles.removeStalePartial({ destinationId: back.destinationId, actor: 'user' });
      expect(cleared).toMatchObject({ ok: true, stalePartial: false });
    } else {
      // The minute changed in between, so the new bundle has another name; clear the leftover as the person would.
      fs.rmSync(path.join(usb.mountPoint, `${destination.bundleName}.partial`), { recursive: true });
    }
    const again = await pipeline.write(usb.mountPoint);
    expect(again.job.error).toBeNull();
    expect(fs.readdirSync(usb.backing)).toEqual([again.bundle.bundleName]);
    await lab().unmount(usb.mountPoint);
  }, 60_000);

  it('pulling the stick out mid-write (SIGKILL to its FUSE daemon) fails the job as "removed" within seconds, and a rerun works', async () => {
    const usb = await stick();
    const destination = await pipeline.choose(usb.mountPoint);
    expect(destination.ok).toBe(true);
    // A slow stick (20 ms per write of at most 128 KiB), so the pull lands mid-write.
    usb.setFault({ mode: 'ok', writeDelayMs: 20 });
    const started = pipeline.start(destination);
    let settled = false;
    void started.finished.finally(() => {
      settled = true;
    });
    const deadline = Date.now() + 60_000;
    while (partialBytes(usb.backing) < 256 * 1024) {
      expect(settled, 'the job ended before any bytes were written').toBe(false);
      expect(Date.now() < deadline, 'no bytes were written within a minute').toBe(true);
      await sleep(10);
    }
    const pulledAt = Date.now();
    await usb.kill();
    const job = await started.finished;
    const secondsToFail = (Date.now() - pulledAt) / 1000;
    expect(job.error).toEqual({ code: 'drive_gone', message: REMOVED_WHILE_WRITING });
    expect(secondsToFail).toBeLessThan(10);
    expect(pipeline.core.services.bundles.get({ bundleId: started.bundleId }).state).toBe('failed');
    // Nothing on the "stick" looks finished; the unfinished copy could not be cleaned up.
    expect(fs.readdirSync(usb.backing)).toEqual([`${destination.bundleName}.partial`]);
    expect(fs.readdirSync(path.join(usb.backing, `${destination.bundleName}.partial`)).every((name) => name.endsWith('.partial'))).toBe(true);
    // The dead mount comes off with a plain unmount, and the next try onto a good target works.
    expect(isMounted(usb.mountPoint)).toBe(true);
    await lab().unmount(usb.mountPoint);
    expect(isMounted(usb.mountPoint)).toBe(false);
    await expectRerunWorks();
  }, 90_000);
});
