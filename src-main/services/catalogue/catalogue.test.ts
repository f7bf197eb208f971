import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { realFixture } from '../../../test/helpers/real-fixtures';
import { useTempDirs } from '../../../test/helpers/temp-dir';
import { createAppCore, type AppCore } from '../../app-core';
import { createMemoryLogger } from '../logger';
import type { CheckSummary, ScanSummary } from '../../../src-shared/domain/catalogue';

const tempDir = useTempDirs();

function write(root: string, relPath: string, content: string | Buffer = 'x'): string {
  const file = path.join(root, ...relPath.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

/** Runs a scan and the background check it starts, as the CLI does; `check` is null when nothing needed checking. */
async function scan(core: AppCore, sourceId: string) {
  const job = core.services.catalogue.startScan({ sourceId, actor: 'user' });
  const final = await core.services.jobs.waitFor({ jobId: job.id });
  const checkJobId = (final.result as ScanSummary | null)?.checkJobId ?? null;
  const check = checkJobId ? await core.services.jobs.waitFor({ jobId: checkJobId }) : null;
  if (check) expect(check.state).toBe('succeeded');
  return { ...final, check, probed: (check?.result as CheckSummary | undefined)?.probed ?? 0 };
}

function setup(): AppCore {
  return createAppCore({ dataDir: tempDir(), appVersion: 'test', logger: createMemoryLogger() });
}

describe('footage catalogue', () => {
  it('indexes a Dahua SD tree from names alone, with gaps, midnight crossing and problem files', async () => {
    const root = tempDir();
    write(root, '2026-03-14/001/dav/23/23.50.00-23.55.00[R][0@0][0].dav');
    write(root, '2026-03-14/001/dav/23/23.55.00-00.05.00[M][0@0][0].dav');
    write(root, '2026-03-15/001/dav/00/00.20.00-00.25.00[A][0@0][0].dav');
    write(root, '2026-03-15/001/dav/00/00.25.00-00.30.00[R][0@0][0].dav_', 'still writing');
    write(root, '2026-03-15/002/dav/00/00.00.00-00.05.00[R][0@0][0].dav', '');
    write(root, '2026-03-15/002/dav/00/index.idx');
    write(root, 'Caméra d’entrée/clip one.mp4', 'not really video');
    const core = setup();
    const source = core.services.catalogue.addSource({ caseId: null, rootPath: root, timeZone: 'Europe/London', actor: 'user' });
    const job = await scan(core, source.id);
    expect(job.state).toBe('succeeded');
    expect(job.result).toMatchObject({ files: 6, added: 6, skipped: 1 });
    expect(job.probed).toBe(1);

    const overview = core.services.catalogue.overview({ sourceId: source.id });
    const ch01 = overview.cameras.find((camera) => camera.key === 'ch01')!;
    expect(ch01).toMatchObject({ segments: 4, motionEvents: 1, alarmEvents: 1 });
    expect(new Date(ch01.startMs!).toISOString()).toBe('2026-03-14T23:50:00.000Z');
    expect(ch01.gaps.map((gap) => [new Date(gap.startMs).toISOString(), new Date(gap.endMs).toISOString()])).toEqual([
      ['2026-03-15T00:05:00.000Z', '2026-03-15T00:20:00.000Z'],
    ]);
    const statuses = Object.fromEntries(overview.problems.map((problem) => [problem.path, problem.status]));
    expect(statuses).toEqual({
      '2026-03-15/001/dav/00/00.25.00-00.30.00[R][0@0][0].dav_': 'partial',
      '2026-03-15/002/dav/00/00.00.00-00.05.00[R][0@0][0].dav': 'empty',
      'Caméra d’entrée/clip one.mp4': 'unreadable',
    });
    expect(overview.skipped).toEqual([{ path: '2026-03-15/002/dav/00/index.idx', reason: 'Not a video file.' }]);
    await core.close();
  });

  it('rescans incrementally: unchanged files are not read again, changes and removals are picked up', async () => {
    const root = tempDir();
    for (let minute = 0; minute < 30; minute += 5) {
      const pad = (n: number) => String(n).padStart(2, '0');
      write(root, `2026-03-14/001/dav/14/14.${pad(minute)}.00-14.${pad(minute + 5)}.00[R][0@0][0].mp4`);
    }
    fs.copyFileSync(realFixture('axis-systime.mkv'), write(root, 'Yard/systime.mkv'));
    const core = setup();
    const source = core.services.catalogue.addSource({ caseId: null, rootPath: root, actor: 'user' });
    const first = await scan(core, source.id);
    expect(first.result).toMatchObject({ files: 7, added: 7 });
    expect(first.probed).toBe(1);
    const second = await scan(core, source.id);
    expect(second.result).toMatchObject({ files: 7, added: 0, changed: 0, unchanged: 7, removed: 0, checkJobId: null });
    expect(second.probed).toBe(0);

    fs.rmSync(path.join(root, '2026-03-14/001/dav/14/14.00.00-14.05.00[R][0@0][0].mp4'));
    fs.appendFileSync(path.join(root, '2026-03-14/001/dav/14/14.05.00-14.10.00[R][0@0][0].mp4'), 'more');
    write(root, '2026-03-14/001/dav/14/14.30.00-14.35.00[R][0@0][0].mp4');
    const third = await scan(core, source.id);
    expect(third.result).toMatchObject({ files: 7, added: 1, changed: 1, removed: 1 });
    expect(third.probed).toBe(0);
    await core.close();
  });

  it('reads only folders that changed, notices whole folders going, and re-checks files still being written', async () => {
    const root = tempDir();
    const pad = (n: number) => String(n).padStart(2, '0');
    for (const channel of ['001', '002', '003']) {
      for (let minute = 0; minute < 20; minute += 5) write(root, `2026-03-14/${channel}/dav/14/14.${pad(minute)}.00-14.${pad(minute + 5)}.00[R][0@0][0].dav`);
    }
    const growing = write(root, '2026-03-14/003/dav/15/15.00.00-15.05.00[R][0@0][0].dav_', 'start');
    // Everything was last changed an hour ago, as on a recorder's card that is no longer recording.
    const anHourAgo = new Date(Date.now() - 3_600_000);
    const ageTree = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) ageTree(path.join(dir, entry.name));
      for (const entry of fs.readdirSync(dir)) fs.utimesSync(path.join(dir, entry), anHourAgo, anHourAgo);
      fs.utimesSync(dir, anHourAgo, anHourAgo);
    };
    ageTree(root);
    const logger = createMemoryLogger();
    const core = createAppCore({ dataDir: tempDir(), appVersion: 'test', logger });
    const source = core.services.catalogue.addSource({ caseId: null, rootPath: root, actor: 'user' });
    expect((await scan(core, source.id)).result).toMatchObject({ files: 13, added: 13 });
    expect((await scan(core, source.id)).result).toMatchObject({ files: 13, added: 0, changed: 0, unchanged: 13 });
    expect(logger.lines.filter((line) => line.message === 'scan indexed').at(-1)?.fields).toMatchObject({ changedDirs: 0 });

    write(root, '2026-03-14/001/dav/14/14.20.00-14.25.00[R][0@0][0].dav');
    fs.rmSync(path.join(root, '2026-03-14/002'), { recursive: true });
    fs.appendFileSync(growing, ' and more');
    fs.utimesSync(path.join(root, '2026-03-14/003/dav/15'), anHourAgo, anHourAgo);
    const third = await scan(core, source.id);
    expect(third.result).toMatchObject({ files: 10, added: 1, changed: 1 });
    expect(logger.lines.filter((line) => line.message === 'scan indexed').at(-1)?.fields).toMatchObject({ goneDirs: 1, changedDirs: 2 });
    const rows = core.services.catalogue.recordings({ sourceId: source.id });
    expect(rows.some((row) => row.rel_path.startsWith('2026-03-14/002/'))).toBe(false);
    expect(rows.find((row) => row.rel_path.endsWith('.dav_'))?.size).toBe(Buffer.byteLength('start and more'));
    await core.close();
  });

  it('takes generic times from the container, and survives the AXIS file with a broken H.264 stream', async () => {
    const root = tempDir();
    fs.copyFileSync(realFixture('amcrest-1591028951.mp4'), write(root, 'Door/amcrest-1591028951.mp4'));
    fs.copyFileSync(realFixture('axis-20220914_093512_A4D4.mkv'), write(root, 'Gate/20220914_093512_A4D4.mkv'));
    const core = setup();
    const source = core.services.catalogue.addSource({ caseId: null, rootPath: root, timeZone: 'UTC', actor: 'user' });
    expect((await scan(core, source.id)).state).toBe('succeeded');
    const rows = core.services.catalogue.recordings({ sourceId: source.id });
    const amcrest = rows.find((row) => row.rel_path.startsWith('Door/'))!;
    expect(amcrest).toMatchObject({ time_source: 'container', status: 'ok' });
    expect(new Date(amcrest.true_start_ms!).toISOString()).toBe('2020-06-01T16:29:17.000Z');
    expect((amcrest.true_end_ms! - amcrest.true_start_ms!) / 1000).toBeCloseTo(27, 0);
    const axis = rows.find((row) => row.rel_path.startsWith('Gate/'))!;
    expect(axis.time_source).toBe('container');
    expect(new Date(axis.true_start_ms!).toISOString()).toBe('2022-09-14T07:35:12.221Z');
    await core.close();
  });

  it('lists a Hikvision SD-card index (not a video) as skipped, and an AXIS file with its container time', async () => {
    const root = tempDir();
    fs.copyFileSync(realFixture('hikvision-sdcard-index-v2.zip'), write(root, 'datadir0/hikvision-sdcard-index-v2.zip'));
    fs.copyFileSync(realFixture('axis-systime.mkv'), write(root, 'Shop floor/systime.mkv'));
    const core = setup();
    const source = core.services.catalogue.addSource({ caseId: null, rootPath: root, timeZone: 'Europe/London', actor: 'user' });
    const scanned = await scan(core, source.id);
    expect(scanned.result).toMatchObject({ files: 1, skipped: 1 });
    expect(scanned.probed).toBe(1);
    const overview = core.services.catalogue.overview({ sourceId: source.id });
    expect(overview.skipped).toEqual([{ path: 'datadir0/hikvision-sdcard-index-v2.zip', reason: 'Not a video file.' }]);
    const [row] = core.services.catalogue.recordings({ sourceId: source.id });
    expect(row).toMatchObject({ camera_label: 'Shop floor', time_source: 'container', status: 'ok' });
    expect(new Date(row!.true_start_ms!).toISOString()).toBe('2015-12-01T15:47:24.000Z');
    await core.close();
  });

  it('moves every recording when the clock offset is answered', async () => {
    const root = tempDir();
    write(root, '2026-07-01/001/dav/14/14.05.12-14.10.12[R][0@0][0].dav');
    const core = setup();
    const source = core.services.catalogue.addSource({ caseId: null, rootPath: root, timeZone: 'Europe/London', actor: 'user' });
    await scan(core, source.id);
    const before = core.services.catalogue.overview({ sourceId: source.id }).cameras[0]!.startMs!;
    const summary = core.services.catalogue.setClock({ sourceId: source.id, timeZone: 'Europe/London', answer: { kind: 'offset', clockOffsetS: 192, check: 'measured' }, actor: 'user' });
    // The camera summary is cached; it must not survive the clock answer.
    expect(core.services.catalogue.overview({ sourceId: source.id }).cameras[0]!.startMs).toBe(before - 192_000);
    expect(summary.clockDescription).toBe("The recorder's clock is 3 min 12 s fast.");
    const [row] = core.services.catalogue.recordings({ sourceId: source.id });
    expect(new Date(row!.recorder_start_ms!).toISOString()).toBe('2026-07-01T13:05:12.000Z');
    expect(new Date(row!.true_start_ms!).toISOString()).toBe('2026-07-01T13:02:00.000Z');
    expect(core.services.custody.list({}).map((entry) => entry.action)).toEqual(['footage.folderAdded', 'footage.scanned', 'footage.clockSet']);

    // A different zone changes how the name's wall-clock time reads, not just the offset.
    core.services.catalogue.setClock({ sourceId: source.id, timeZone: 'America/New_York', answer: { kind: 'offset', clockOffsetS: -60, check: 'entered' }, actor: 'user' });
    const [moved] = core.services.catalogue.recordings({ sourceId: source.id });
    expect(new Date(moved!.recorder_start_ms!).toISOString()).toBe('2026-07-01T18:05:12.000Z');
    expect(new Date(moved!.true_start_ms!).toISOString()).toBe('2026-07-01T18:06:12.000Z');
    await core.close();
  });

  it('sees a scan made by another process on the same data folder (the CLI beside the app)', async () => {
    const root = tempDir();
    write(root, '2026-03-14/001/dav/14/14.00.00-14.05.00[R][0@0][0].dav');
    const dataDir = tempDir();
    const app = createAppCore({ dataDir, appVersion: 'test', logger: createMemoryLogger() });
    const cli = createAppCore({ dataDir, appVersion: 'test', logger: createMemoryLogger() });
    const source = app.services.catalogue.addSource({ caseId: null, rootPath: root, timeZone: 'UTC', actor: 'user' });
    await scan(app, source.id);
    expect(app.services.catalogue.overview({ sourceId: source.id }).cameras[0]?.segments).toBe(1);
    write(root, '2026-03-14/001/dav/14/14.05.00-14.10.00[R][0@0][0].dav');
    await scan(cli, source.id);
    expect(app.services.catalogue.overview({ sourceId: source.id }).cameras[0]?.segments).toBe(2);
    await cli.close();
    await app.close();
  });

  it('starts file checks again on the next launch when a crash or quit interrupted them', async () => {
    const root = tempDir();
    write(root, '2026-03-14/001/dav/14/14.00.00-14.05.00[R][0@0][0].dav', '');
    const dataDir = tempDir();
    const first = createAppCore({ dataDir, appVersion: 'test', logger: createMemoryLogger() });
    const source = first.services.catalogue.addSource({ caseId: null, rootPath: root, timeZone: 'UTC', actor: 'user' });
    await scan(first, source.id);
    // As if Handover had been killed while a check was running.
    first.services.db
      .prepare("INSERT INTO jobs (id, kind, state, params_json, created_at) VALUES ('crashed-check', 'catalogue.check', 'running', ?, ?)")
      .run(JSON.stringify({ sourceId: source.id }), new Date(Date.now() + 1000).toISOString());
    await first.close();

    const second = createAppCore({ dataDir, appVersion: 'test', logger: createMemoryLogger() });
    const checks = second.services.jobs.list().filter((job) => job.kind === 'catalogue.check');
    expect(checks.find((job) => job.id === 'crashed-check')?.state).toBe('failed');
    const resumed = checks.find((job) => job.id !== 'crashed-check' && job.state !== 'succeeded');
    expect(resumed).toBeDefined();
    expect((await second.services.jobs.waitFor({ jobId: resumed!.id })).state).toBe('succeeded');
    expect(second.services.catalogue.overview({ sourceId: source.id }).problems.map((problem) => problem.status)).toEqual(['empty']);
    await second.close();
  });

  it('skips link loops and broken links with a reason, and never crashes on odd names', async () => {
    const root = tempDir();
    write(root, 'Till/ok clip 🙂.mp4', '');
    fs.symlinkSync(root, path.join(root, 'Till', 'loop'));
    fs.symlinkSync(path.join(root, 'nowhere.mp4'), path.join(root, 'Till', 'dangling.mp4'));
    const core = setup();
    const source = core.services.catalogue.addSource({ caseId: null, rootPath: root, actor: 'user' });
    expect((await scan(core, source.id)).state).toBe('succeeded');
    const overview = core.services.catalogue.overview({ sourceId: source.id });
    expect(overview.skipped).toEqual([
      { path: 'Till/dangling.mp4', reason: 'This link points to something that does not exist.' },
      { path: 'Till/loop', reason: 'This link points to a folder that is already being scanned, so it was not followed.' },
    ]);
    expect(overview.problems).toEqual([{ path: 'Till/ok clip 🙂.mp4', status: 'empty', reason: expect.stringContaining('empty') as string }]);
    await core.close();
  });

  it('refuses a missing folder in plain words, and leaves the index untouched when cancelled', async () => {
    const core = setup();
    expect(() => core.services.catalogue.addSource({ caseId: null, rootPath: '/no/such/folder', actor: 'user' })).toThrow(/does not exist/);
    const root = tempDir();
    for (let i = 0; i < 3000; i += 1) write(root, `Cam${i % 3}/clip${i}.mp4`, '');
    const source = core.services.catalogue.addSource({ caseId: null, rootPath: root, actor: 'user' });
    // Cancel once the job is running (not while queued), so the walk itself has to notice.
    let phaseAtCancel = '';
    const stop = core.services.jobs.onUpdate((update) => {
      if (update.state === 'running' && !phaseAtCancel) {
        phaseAtCancel = update.progress.phase;
        core.services.jobs.cancel({ jobId: update.id });
      }
    });
    const job = core.services.catalogue.startScan({ sourceId: source.id, actor: 'user' });
    expect((await core.services.jobs.waitFor({ jobId: job.id })).state).toBe('cancelled');
    stop();
    expect(phaseAtCancel).toBe('Starting');
    expect(core.services.catalogue.recordings({ sourceId: source.id })).toEqual([]);
    await core.close();
  });

  it('has the timeline ready from names when the scan ends, and a cancelled check is carried on by the next scan', async () => {
    const root = tempDir();
    write(root, '2026-03-14/001/dav/14/14.00.00-14.05.00[R][0@0][0].dav', '');
    write(root, '2026-03-14/001/dav/14/14.05.00-14.10.00[R][0@0][0].dav');
    const core = setup();
    const source = core.services.catalogue.addSource({ caseId: null, rootPath: root, timeZone: 'UTC', actor: 'user' });
    // Cancel the background check as soon as it runs, before it has stat'ed anything.
    const stop = core.services.jobs.onUpdate((update) => {
      if (update.kind === 'catalogue.check' && update.state === 'running') core.services.jobs.cancel({ jobId: update.id });
    });
    const job = core.services.catalogue.startScan({ sourceId: source.id, actor: 'user' });
    const scanned = await core.services.jobs.waitFor({ jobId: job.id });
    const checkJobId = (scanned.result as ScanSummary).checkJobId;
    expect(checkJobId).toEqual(expect.any(String));
    expect((await core.services.jobs.waitFor({ jobId: checkJobId! })).state).toBe('cancelled');
    stop();
    // Times come from the names alone; sizes are not known yet, so the empty file is not called empty.
    const unchecked = core.services.catalogue.recordings({ sourceId: source.id });
    expect(unchecked.map((row) => [row.status, row.size, row.checked, new Date(row.true_start_ms!).toISOString()])).toEqual([
      ['ok', null, false, '2026-03-14T14:00:00.000Z'],
      ['ok', null, false, '2026-03-14T14:05:00.000Z'],
    ]);
    expect(core.services.catalogue.overview({ sourceId: source.id }).cameras[0]).toMatchObject({ segments: 2 });

    // Nothing changed on disk, but the files were never checked, so the next scan checks them.
    const again = await scan(core, source.id);
    expect(again.result).toMatchObject({ files: 2, added: 0, changed: 0, unchanged: 2 });
    expect(again.check?.result).toMatchObject({ checked: 2, probed: 0 });
    expect(core.services.catalogue.overview({ sourceId: source.id }).problems).toEqual([
      { path: '2026-03-14/001/dav/14/14.00.00-14.05.00[R][0@0][0].dav', status: 'empty', reason: expect.stringContaining('empty') as string },
    ]);
    await core.close();
  });
});
