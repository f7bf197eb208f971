import { describe, expect, it } from 'vitest';
import { ejectResultSchema } from '../../../src-shared/domain/drives';
import { isAppError } from '../errors';
import { createMemoryLogger } from '../logger';
import type { DriveSource, EjectOutcome, RawDrive } from './drive-source';
import { REFUSALS } from './drive-rules';
import { createDrivesService, EJECT_MESSAGES, sourceForPlatform, type DrivesServiceOptions, type StatfsFn } from './drives-service';
import { usbStick } from './raw-drive.fixture';

const systemDisk = usbStick({ driveId: '/dev/nvme0n1p2', label: null, mountPath: '/', system: true, removable: false, hotplug: false, bus: 'nvme' });
const lockedCard = usbStick({ driveId: '/dev/sdc1', label: 'CANON_DC', mountPath: '/media/shop/CANON_DC', readOnly: true });
const unmounted = usbStick({ driveId: '/dev/sdd1', label: 'EVIDENCE', mountPath: null, filesystemName: 'exFAT' });

/** A source whose drives the test changes; eject answers as told and can make the drive go away. */
function fakeSource(initial: RawDrive[]) {
  const state = {
    drives: [...initial],
    listCalls: 0,
    ejected: [] as string[],
    outcome: { ok: true, vetoedBy: null, busy: false, detail: 'done' } as EjectOutcome,
    /** What the OS shows after the eject: the drive gone, unmounted, or still there. */
    after: 'gone' as 'gone' | 'unmounted' | 'stays' | 'gone-after-3',
    listFails: false,
  };
  const source: DriveSource = {
    list: () => {
      state.listCalls++;
      if (state.listFails) return Promise.reject(new Error('lsblk: command timed out'));
      if (state.after === 'gone-after-3' && state.ejected.length > 0 && state.listCalls >= 4) state.drives = state.drives.filter((drive) => !state.ejected.includes(drive.driveId));
      return Promise.resolve(state.drives.map((drive) => ({ ...drive })));
    },
    eject: ({ drive }) => {
      state.ejected.push(drive.driveId);
      if (state.outcome.ok && state.after === 'gone') state.drives = state.drives.filter((other) => other.driveId !== drive.driveId);
      if (state.outcome.ok && state.after === 'unmounted') state.drives = state.drives.map((other) => (other.driveId === drive.driveId ? { ...other, mountPath: null } : other));
      return Promise.resolve(state.outcome);
    },
  };
  return { source, state };
}

const statfs: StatfsFn = (path) =>
  path === '/media/shop/KINGSTON' ? Promise.resolve({ bavail: 1000, bsize: 4096, blocks: 3_000_000 }) : Promise.reject(Object.assign(new Error('EIO'), { code: 'EIO' }));

function service(source: DriveSource, extra: Partial<DrivesServiceOptions> = {}) {
  let clock = 0;
  const logger = createMemoryLogger();
  const drives = createDrivesService({
    source,
    statfs,
    logger,
    now: () => clock,
    sleep: (ms) => {
      clock += ms;
      return Promise.resolve();
    },
    ...extra,
  });
  return { drives, logger, clock: () => clock };
}

async function appErrorOf(fn: () => unknown): Promise<{ code: string; message: string }> {
  try {
    await fn();
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('list', () => {
  it('gives every drive with its refusal, and free space from statfs only', async () => {
    const { source } = fakeSource([usbStick(), systemDisk, lockedCard, unmounted]);
    const { drives } = service(source);
    const list = await drives.list();
    expect(list.map((drive) => [drive.driveId, drive.offered, drive.reason])).toEqual([
      ['/dev/sdb1', true, null],
      ['/dev/nvme0n1p2', false, REFUSALS.system],
      ['/dev/sdc1', false, REFUSALS.readOnly],
      ['/dev/sdd1', false, REFUSALS.notMounted],
    ]);
    expect(list[0]!.freeBytes).toBe(4_096_000);
    // statfs failed for the card, and an unmounted stick has nowhere to ask.
    expect(list[2]!.freeBytes).toBeNull();
    expect(list[3]!.freeBytes).toBeNull();
  });

  it('does not wait for a statfs that hangs', async () => {
    const { source } = fakeSource([usbStick()]);
    const { drives } = service(source, { statfs: () => new Promise(() => {}), statfsTimeoutMs: 20 });
    expect((await drives.list())[0]!.freeBytes).toBeNull();
  });

  it('turns a failed listing into a plain error', async () => {
    const { source, state } = fakeSource([usbStick()]);
    state.listFails = true;
    const { drives, logger } = service(source);
    expect(await appErrorOf(() => drives.list())).toMatchObject({ code: 'io_failed', message: expect.stringMatching(/could not ask this computer/) as unknown });
    expect(logger.lines.some((line) => line.level === 'error')).toBe(true);
  });

  it('is empty on a platform Handover cannot list drives on, and says so in the log once', async () => {
    const logger = createMemoryLogger();
    const drives = createDrivesService({ platform: 'aix', logger });
    expect(await drives.list()).toEqual([]);
    expect(await drives.list()).toEqual([]);
    expect(logger.lines.filter((line) => /no way to list drives/.test(line.message))).toHaveLength(1);
    expect(sourceForPlatform({ platform: 'freebsd', run: () => Promise.resolve('') })).toBeNull();
    for (const platform of ['linux', 'darwin', 'win32'] as const) expect(sourceForPlatform({ platform, run: () => Promise.resolve('') })).not.toBeNull();
  });

  it('logs the list only when it changes', async () => {
    const { source, state } = fakeSource([usbStick()]);
    const { drives, logger } = service(source);
    await drives.list();
    await drives.list();
    state.drives.push(unmounted);
    await drives.list();
    expect(logger.lines.filter((line) => line.message === 'drives: list changed')).toHaveLength(2);
  });
});

describe('mountPathOf and describe', () => {
  it('answer from the latest list', async () => {
    const { source, state } = fakeSource([usbStick(), systemDisk, lockedCard, unmounted]);
    const { drives } = service(source);
    expect(await appErrorOf(() => drives.mountPathOf({ driveId: '/dev/sdb1' }))).toMatchObject({ code: 'not_found' });
    await drives.list();
    expect(drives.mountPathOf({ driveId: '/dev/sdb1' })).toBe('/media/shop/KINGSTON');
    expect(drives.describe({ driveId: '/dev/sdb1' })).toEqual({
      label: 'KINGSTON',
      model: 'Kingston DataTraveler 3.0',
      serial: '60A44C3FAD3EBF00B9A1004F',
      sizeBytes: 15502147584,
      filesystem: 'FAT32',
    });

    expect(await appErrorOf(() => drives.mountPathOf({ driveId: '/dev/nope' }))).toEqual({
      code: 'not_found',
      message: 'Handover cannot find that USB stick any more. It may have been unplugged: plug it in again and pick it from the list.',
    });
    expect(await appErrorOf(() => drives.mountPathOf({ driveId: '/dev/sdd1' }))).toMatchObject({ code: 'not_found', message: expect.stringMatching(/not open on this computer/) as unknown });
    // Never a path to the computer's own disk or a locked card, even if the renderer sends its id.
    expect(await appErrorOf(() => drives.mountPathOf({ driveId: '/dev/nvme0n1p2' }))).toEqual({ code: 'invalid_input', message: REFUSALS.system });
    expect(await appErrorOf(() => drives.mountPathOf({ driveId: '/dev/sdc1' }))).toEqual({ code: 'write_protected', message: REFUSALS.readOnly });
    expect(await appErrorOf(() => drives.describe({ driveId: '/dev/nope' }))).toMatchObject({ code: 'not_found' });

    // Pulled out: the next list forgets it.
    state.drives = state.drives.filter((drive) => drive.driveId !== '/dev/sdb1');
    await drives.list();
    expect(await appErrorOf(() => drives.mountPathOf({ driveId: '/dev/sdb1' }))).toMatchObject({ code: 'not_found' });
  });
});

describe('eject', () => {
  it('says safe to remove once the drive has gone from the list', async () => {
    const { source, state } = fakeSource([usbStick(), systemDisk]);
    const { drives } = service(source);
    await drives.list();
    const result = await drives.eject({ driveId: '/dev/sdb1' });
    expect(ejectResultSchema.parse(result)).toEqual({ ok: true, message: 'You can now remove the USB stick.', vetoedBy: null });
    expect(state.ejected).toEqual(['/dev/sdb1']);
    // Gone from the computer, but the receipt can still describe it; writing to it cannot happen.
    expect(drives.describe({ driveId: '/dev/sdb1' })).toMatchObject({ serial: '60A44C3FAD3EBF00B9A1004F' });
    expect(await appErrorOf(() => drives.mountPathOf({ driveId: '/dev/sdb1' }))).toMatchObject({ code: 'not_found' });
  });

  it('counts a drive still listed but unmounted as safe (flushed)', async () => {
    const { source, state } = fakeSource([usbStick()]);
    state.after = 'unmounted';
    const { drives } = service(source);
    await drives.list();
    expect(await drives.eject({ driveId: '/dev/sdb1' })).toMatchObject({ ok: true, message: EJECT_MESSAGES.safe });
  });

  it('keeps asking until the drive goes', async () => {
    const { source, state } = fakeSource([usbStick()]);
    state.after = 'gone-after-3';
    const { drives, clock } = service(source, { pollIntervalMs: 500 });
    await drives.list();
    expect(await drives.eject({ driveId: '/dev/sdb1' })).toMatchObject({ ok: true });
    expect(state.listCalls).toBe(4);
    expect(clock()).toBe(1000);
  });

  it('never says safe when the drive is still there after the wait', async () => {
    const { source, state } = fakeSource([usbStick()]);
    state.after = 'stays';
    const { drives, clock } = service(source, { ejectConfirmMs: 10_000, pollIntervalMs: 500 });
    await drives.list();
    const result = await drives.eject({ driveId: '/dev/sdb1' });
    expect(result).toEqual({ ok: false, message: EJECT_MESSAGES.unconfirmed, vetoedBy: null });
    expect(result.message).toMatch(/do not remove it yet/);
    expect(clock()).toBe(10_000);
  });

  it('never says safe when the listing keeps failing after the eject', async () => {
    const { source, state } = fakeSource([usbStick()]);
    const { drives } = service(source, { ejectConfirmMs: 2_000 });
    await drives.list();
    state.after = 'stays';
    state.listFails = true;
    expect(await drives.eject({ driveId: '/dev/sdb1' })).toMatchObject({ ok: false, message: EJECT_MESSAGES.unconfirmed });
  });

  it('names the program that vetoed', async () => {
    const { source, state } = fakeSource([usbStick()]);
    state.outcome = { ok: false, vetoedBy: 'Preview', busy: true, detail: 'dissented by PID 412' };
    const { drives } = service(source);
    await drives.list();
    const result = await drives.eject({ driveId: '/dev/sdb1' });
    expect(ejectResultSchema.parse(result)).toEqual({
      ok: false,
      message: 'Preview is still using the USB stick. Close it, and any window showing files on the stick, then press Eject again. Do not remove the stick yet.',
      vetoedBy: 'Preview',
    });
  });

  it('says something is still using it when the OS does not name who', async () => {
    const { source, state } = fakeSource([usbStick()]);
    state.outcome = { ok: false, vetoedBy: null, busy: true, detail: 'umount: target is busy.' };
    const { drives } = service(source);
    await drives.list();
    expect(await drives.eject({ driveId: '/dev/sdb1' })).toEqual({ ok: false, message: EJECT_MESSAGES.busy, vetoedBy: null });
  });

  it('reports other failures, and a source that throws, plainly', async () => {
    const { source, state } = fakeSource([usbStick()]);
    state.outcome = { ok: false, vetoedBy: null, busy: false, detail: 'must be superuser' };
    const { drives, logger } = service(source);
    await drives.list();
    expect(await drives.eject({ driveId: '/dev/sdb1' })).toEqual({ ok: false, message: EJECT_MESSAGES.failed, vetoedBy: null });
    source.eject = () => Promise.reject(new Error('spawn failed'));
    expect(await drives.eject({ driveId: '/dev/sdb1' })).toMatchObject({ ok: false, message: EJECT_MESSAGES.failed });
    expect(logger.lines.some((line) => line.message === 'drives: eject answered' && line.fields?.detail === 'spawn failed')).toBe(true);
  });

  it('refuses an unknown drive, and stops waiting when cancelled', async () => {
    const { source, state } = fakeSource([usbStick()]);
    state.after = 'stays';
    const { drives } = service(source);
    expect(await appErrorOf(() => drives.eject({ driveId: '/dev/sdb1' }))).toMatchObject({ code: 'not_found' });
    await drives.list();
    const controller = new AbortController();
    controller.abort();
    expect(await appErrorOf(() => drives.eject({ driveId: '/dev/sdb1', signal: controller.signal }))).toMatchObject({
      code: 'cancelled',
      message: expect.stringMatching(/do not remove it yet/) as unknown,
    });
  });

  it('waits with real timers when none are injected', async () => {
    const { source, state } = fakeSource([usbStick()]);
    state.after = 'stays';
    const drives = createDrivesService({ source, statfs, logger: createMemoryLogger(), ejectConfirmMs: 60, pollIntervalMs: 20 });
    await drives.list();
    const started = Date.now();
    expect(await drives.eject({ driveId: '/dev/sdb1' })).toMatchObject({ ok: false });
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
  });
});
