/**
 * Every way a stick can let us down, injected at an exact call: each must end in the right plain message, leave no
 * folder that looks like finished evidence, and leave the stick so that trying again works.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { failureOf } from '../../../../test/helpers/failure-of';
import { useTempDirs } from '../../../../test/helpers/temp-dir';
import { sampleBundle } from './bundle-sample.fixture';
import { errnoError, faultyFs, type FsCall } from './faulty-fs.fixture';
import { removeStalePartial } from './preflight';
import { writeBundleToDestination, type BundleFileSource } from './write-bundle';

const tempDir = useTempDirs('handover-write-faults-');
const BUNDLE = 'HANDOVER_NO-REF_20260314-1530';

interface Setup {
  destination: string;
  files: BundleFileSource[];
  /** True for calls on the destination (not the zip in the data folder). */
  onDestination: (call: FsCall) => boolean;
}

function setup(): Setup {
  const destination = tempDir();
  const { files } = sampleBundle({ dataDir: tempDir(), zipBytes: 5 * 1024 * 1024 + 77 });
  return { destination, files, onDestination: (call) => call.path.startsWith(destination) };
}

/** Nothing finished-looking: no `<bundleName>` folder, whatever else the failure could not clean up. */
function expectNoCompleteBundle(destination: string): void {
  expect(fs.existsSync(path.join(destination, BUNDLE))).toBe(false);
}

async function expectRerunWorks(setupDone: Setup): Promise<void> {
  const written = await writeBundleToDestination({ destinationDir: setupDone.destination, bundleName: BUNDLE, files: setupDone.files });
  expect(fs.readdirSync(setupDone.destination)).toEqual([BUNDLE]);
  expect(fs.readdirSync(written.bundleDir)).toHaveLength(setupDone.files.length);
}

describe('faults while writing', () => {
  it('a full stick (ENOSPC on the third write) says so and cleans up', async () => {
    const s = setup();
    let writes = 0;
    const full = faultyFs({
      before: (call) => {
        if (call.op === 'write' && s.onDestination(call) && (writes += 1) === 3) throw errnoError({ code: 'ENOSPC', syscall: 'write', path: call.path });
      },
    });
    const failure = await failureOf(writeBundleToDestination({ destinationDir: s.destination, bundleName: BUNDLE, files: s.files, fs: full }));
    expect(failure.code).toBe('no_space');
    expect(failure.message).toMatch(/^The USB stick is full/);
    expect(failure.message).toContain('Nothing on it is usable.');
    expect(fs.readdirSync(s.destination)).toEqual([]);
    await expectRerunWorks(s);
  });

  it('a file too big for FAT32 (EFBIG) names the format and the way out', async () => {
    const s = setup();
    const fat = faultyFs({
      before: (call) => {
        if (call.op === 'write' && s.onDestination(call)) throw errnoError({ code: 'EFBIG', syscall: 'write' });
      },
    });
    const failure = await failureOf(writeBundleToDestination({ destinationDir: s.destination, bundleName: BUNDLE, files: s.files, fs: fat }));
    expect(failure.code).toBe('no_space');
    expect(failure.message).toContain("too large for this stick's format (FAT32)");
    expect(fs.readdirSync(s.destination)).toEqual([]);
  });

  it('a locked stick (EROFS when creating a file) is write_protected', async () => {
    const s = setup();
    const locked = faultyFs({
      before: (call) => {
        if (call.op === 'open' && call.flags === 'wx') throw errnoError({ code: 'EROFS', syscall: 'open' });
      },
    });
    const failure = await failureOf(writeBundleToDestination({ destinationDir: s.destination, bundleName: BUNDLE, files: s.files, fs: locked }));
    expect(failure.code).toBe('write_protected');
    expect(failure.message).toContain('locked');
    expect(fs.readdirSync(s.destination)).toEqual([]);
    await expectRerunWorks(s);
  });

  it('an I/O error when flushing a file (EIO on fsync) is a failing or removed stick', async () => {
    const s = setup();
    const failing = faultyFs({
      before: (call) => {
        if (call.op === 'fsync' && call.path.endsWith('.evidence.zip.partial')) throw errnoError({ code: 'EIO', syscall: 'fsync' });
      },
    });
    const failure = await failureOf(writeBundleToDestination({ destinationDir: s.destination, bundleName: BUNDLE, files: s.files, fs: failing }));
    expect(failure.code).toBe('drive_gone');
    expect(failure.message).toBe(
      'The USB stick was removed while writing, or it is failing. Nothing on it is usable. Plug it back in (or use another stick) and press Try again.',
    );
    expect(fs.readdirSync(s.destination)).toEqual([]);
    await expectRerunWorks(s);
  });

  for (const code of ['ENOENT', 'ENODEV', 'UNKNOWN']) {
    it(`the stick vanishing mid-write (${code} from then on) is drive_gone; the leftover can be removed and a rerun works`, async () => {
      const s = setup();
      let writes = 0;
      let gone = false;
      const vanishing = faultyFs({
        before: (call) => {
          if (!s.onDestination(call) || call.op === 'close') return;
          if (call.op === 'write' && (writes += 1) === 2) gone = true;
          if (gone) throw errnoError({ code, syscall: call.op, path: call.path });
        },
      });
      const failure = await failureOf(writeBundleToDestination({ destinationDir: s.destination, bundleName: BUNDLE, files: s.files, fs: vanishing }));
      expect(failure.code).toBe('drive_gone');
      expect(failure.message).toContain('removed while writing');
      expectNoCompleteBundle(s.destination);
      // The stick "came back" with the unfinished copy on it, which cleaning up could not reach.
      expect(fs.readdirSync(s.destination)).toEqual([`${BUNDLE}.partial`]);
      await removeStalePartial({ destinationDir: s.destination, bundleName: BUNDLE });
      await expectRerunWorks(s);
    });
  }

  it('stops when cancelled mid-write and removes the unfinished copy', async () => {
    const s = setup();
    const controller = new AbortController();
    let writes = 0;
    const aborting = faultyFs({
      before: (call) => {
        if (call.op === 'write' && s.onDestination(call) && (writes += 1) === 2) controller.abort();
      },
    });
    const failure = await failureOf(
      writeBundleToDestination({ destinationDir: s.destination, bundleName: BUNDLE, files: s.files, fs: aborting, signal: controller.signal }),
    );
    expect(failure.code).toBe('cancelled');
    expect(failure.message).toContain('Nothing usable was left on the USB stick');
    expect(fs.readdirSync(s.destination)).toEqual([]);
    await expectRerunWorks(s);
  });

  it('does nothing at all when cancelled before it starts', async () => {
    const s = setup();
    const controller = new AbortController();
    controller.abort();
    expect((await failureOf(writeBundleToDestination({ destinationDir: s.destination, bundleName: BUNDLE, files: s.files, signal: controller.signal }))).code).toBe(
      'cancelled',
    );
    expect(fs.readdirSync(s.destination)).toEqual([]);
  });

  it('retries a rename that Windows antivirus holds up, and gives a plain message when it never lets go elsewhere', async () => {
    const s = setup();
    let refusals = 0;
    const busy = faultyFs({
      before: (call) => {
        if (call.op === 'rename' && call.path.endsWith(`${BUNDLE}.partial`) && (refusals += 1) <= 2) throw errnoError({ code: 'EPERM', syscall: 'rename' });
      },
    });
    const written = await writeBundleToDestination({ destinationDir: s.destination, bundleName: BUNDLE, files: s.files, fs: busy, platform: 'win32' });
    expect(refusals).toBe(3);
    expect(fs.existsSync(written.bundleDir)).toBe(true);

    const other = setup();
    const refusing = faultyFs({
      before: (call) => {
        if (call.op === 'rename' && call.path.endsWith(`${BUNDLE}.partial`)) throw errnoError({ code: 'EPERM', syscall: 'rename' });
      },
    });
    const failure = await failureOf(writeBundleToDestination({ destinationDir: other.destination, bundleName: BUNDLE, files: other.files, fs: refusing, platform: 'linux' }));
    expect(failure.code).toBe('io_failed');
    expect(failure.message).toContain('Another program');
    expect(fs.readdirSync(other.destination)).toEqual([]);
  });
});

describe('faults while verifying', () => {
  // The check reads the folder while it is still called "<name>.partial", before the final rename.
  const isVerifyRead = (s: Setup, call: FsCall) => call.op === 'read' && call.path.startsWith(path.join(s.destination, `${BUNDLE}.partial`) + path.sep);

  it('an I/O error reading back (EIO) is drive_gone, and the written folder is taken away', async () => {
    const s = setup();
    const failing = faultyFs({
      before: (call) => {
        if (isVerifyRead(s, call) && call.path.endsWith('evidence.zip')) throw errnoError({ code: 'EIO', syscall: 'read' });
      },
    });
    const failure = await failureOf(writeBundleToDestination({ destinationDir: s.destination, bundleName: BUNDLE, files: s.files, fs: failing }));
    expect(failure.code).toBe('drive_gone');
    expect(failure.message).toContain('while Handover was checking the copy');
    expect(fs.readdirSync(s.destination)).toEqual([]);
    await expectRerunWorks(s);
  });

  it('bytes that read back differently are verify_failed, and the written folder is taken away', async () => {
    const s = setup();
    const liar = faultyFs({
      before: () => undefined,
      afterRead: ({ call, buffer, offset, bytes }) => {
        if (isVerifyRead(s, call) && call.path.endsWith('READ-ME-FIRST.txt') && bytes > 0) buffer[offset] = buffer[offset]! ^ 0x01;
      },
    });
    const failure = await failureOf(writeBundleToDestination({ destinationDir: s.destination, bundleName: BUNDLE, files: s.files, fs: liar }));
    expect(failure.code).toBe('verify_failed');
    expect(failure.message).toContain('READ-ME-FIRST.txt reads back from the USB stick differently');
    expect(fs.readdirSync(s.destination)).toEqual([]);
    await expectRerunWorks(s);
  });

  it('a file that appears in the folder is verify_failed', async () => {
    const s = setup();
    const adding = faultyFs({
      before: (call) => {
        if (call.op === 'readdir' && call.path === path.join(s.destination, `${BUNDLE}.partial`)) fs.writeFileSync(path.join(call.path, 'Thumbs.db'), 'x');
      },
    });
    const failure = await failureOf(writeBundleToDestination({ destinationDir: s.destination, bundleName: BUNDLE, files: s.files, fs: adding }));
    expect(failure.code).toBe('verify_failed');
    expect(failure.message).toContain('not expected: Thumbs.db');
    expect(fs.readdirSync(s.destination)).toEqual([]);
  });

  it('a cancel while checking takes the written folder away', async () => {
    const s = setup();
    const controller = new AbortController();
    const aborting = faultyFs({
      before: (call) => {
        if (isVerifyRead(s, call)) controller.abort();
      },
    });
    const failure = await failureOf(
      writeBundleToDestination({ destinationDir: s.destination, bundleName: BUNDLE, files: s.files, fs: aborting, signal: controller.signal }),
    );
    expect(failure.code).toBe('cancelled');
    expect(fs.readdirSync(s.destination)).toEqual([]);
  });

  it('when the folder cannot be deleted after a failed check, it keeps its unfinished name', async () => {
    const s = setup();
    const stuck = faultyFs({
      before: (call) => {
        if (isVerifyRead(s, call)) throw errnoError({ code: 'EIO', syscall: 'read' });
        if (call.op === 'rm') throw errnoError({ code: 'EIO', syscall: 'rm' });
      },
    });
    expect((await failureOf(writeBundleToDestination({ destinationDir: s.destination, bundleName: BUNDLE, files: s.files, fs: stuck }))).code).toBe('drive_gone');
    expect(fs.readdirSync(s.destination)).toEqual([`${BUNDLE}.partial`]);
    await expectRerunWorks({ ...s, destination: tempDir() });
  });
});
