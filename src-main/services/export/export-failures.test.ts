import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/helpers/temp-dir';
import { exportOptionsSchema, type ExportOptions } from '../../../src-shared/domain/export';
import { createAppCore } from '../../app-core';
import { AppError } from '../errors';
import { CRASHED_JOB_MESSAGE } from '../jobs/job-manager';
import { createMemoryLogger } from '../logger';
import { resolveMediaTools } from '../media/binaries';
import { createExportService } from './export-service';
import {
  FOOTAGE_START_MS as T0,
  filesUnder,
  hangingWorkingCopies,
  makeDemoFootage,
  realWorkingCopies,
  setupExportCase,
  sha256OfFile,
  waitForMasters,
  type ExportCase,
} from './export-test-setup';

const tempDir = useTempDirs('handover-export-failures-');
const tools = resolveMediaTools();
const DEFAULTS: ExportOptions = exportOptionsSchema.parse({});
const TSX = path.resolve(__dirname, '../../../node_modules/.bin/tsx');
let footageDir = '';

beforeAll(async () => {
  footageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'handover-export-failures-footage-'));
  await makeDemoFootage({ dir: footageDir, tools });
}, 120_000);
afterAll(() => fs.rmSync(footageDir, { recursive: true, force: true }));

/** Till from 14:00:30 to 14:01:30, across both its one-minute files, and a still. */
async function markClip(exportCase: ExportCase): Promise<void> {
  const { core, caseId, sourceId } = exportCase;
  core.services.review.addClips({ caseId, cameras: [{ sourceId, cameraKey: 'ch01' }], startMs: T0 + 30_000, endMs: T0 + 90_000, actor: 'user' });
  await core.services.review.takeStill({ caseId, camera: { sourceId, cameraKey: 'ch01' }, atMs: T0 + 45_000, actor: 'user' });
}

const caseFolder = (exportCase: ExportCase) => path.join(exportCase.dataDir, 'cases', exportCase.caseId);
const exportActions = (exportCase: ExportCase) =>
  exportCase.core.services.custody
    .list({ caseId: exportCase.caseId })
    .map((entry) => entry.action)
    .filter((action) => action.startsWith('export.'));

describe('a cancelled export', () => {
  it('leaves no files behind and is listed as cancelled', async () => {
    const exportCase = await setupExportCase({ dataDir: tempDir(), footageDir, overrides: { workingCopies: hangingWorkingCopies } });
    await markClip(exportCase);
    const before = filesUnder(caseFolder(exportCase));
    const started = exportCase.exports.start({ caseId: exportCase.caseId, options: DEFAULTS, actor: 'user' });
    await waitForMasters({ core: exportCase.core, jobId: started.jobId, exportDir: path.join(caseFolder(exportCase), 'exports', started.exportId), count: 2 });
    exportCase.core.services.jobs.cancel({ jobId: started.jobId });
    expect((await exportCase.core.services.jobs.waitFor({ jobId: started.jobId })).state).toBe('cancelled');
    expect(filesUnder(caseFolder(exportCase))).toEqual(before);
    expect(fs.existsSync(path.join(caseFolder(exportCase), 'exports'))).toBe(false);
    expect(exportCase.exports.get({ exportId: started.exportId })).toMatchObject({ state: 'cancelled', outputs: [], totalBytes: 0 });
    expect(exportActions(exportCase)).toEqual(['export.started', 'export.cancelled']);
    await exportCase.core.close();
  });
});

describe('an export interrupted by a crash', () => {
  it('is failed at the next start with its files gone, and can be started again', async () => {
    const dataDir = tempDir();
    const first = await setupExportCase({ dataDir, footageDir });
    await markClip(first);
    const before = filesUnder(caseFolder(first));
    await first.core.close();

    // Its own process group: tsx runs the script in a child node, and killing only tsx would leave that running.
    const child = spawn(TSX, [path.join(__dirname, 'export-crash.fixture.ts'), dataDir, first.caseId], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const started = await new Promise<{ exportId: string; jobId: string }>((resolve, reject) => {
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('\n')) resolve(JSON.parse(stdout.split('\n')[0]!) as { exportId: string; jobId: string });
      });
      child.on('exit', (code) => reject(new Error(`the export process ended (${code}) before it was killed: ${stderr}`)));
    });
    const exportDir = path.join(caseFolder(first), 'exports', started.exportId);
    expect(filesUnder(exportDir).some((file) => file.startsWith('masters/'))).toBe(true);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    process.kill(-child.pid!, 'SIGKILL');
    await exited;

    const core = createAppCore({ dataDir, appVersion: 'test', logger: createMemoryLogger() });
    const exports = createExportService({ ...core.services, workingCopies: realWorkingCopies });
    const [listed] = exports.list({ caseId: first.caseId });
    expect(listed).toMatchObject({ id: started.exportId, state: 'failed', outputs: [] });
    expect(core.services.jobs.get({ jobId: started.jobId }).error?.message).toBe(CRASHED_JOB_MESSAGE);
    expect(filesUnder(caseFolder(first))).toEqual(before);
    const actions = core.services.custody.list({ caseId: first.caseId }).filter((entry) => entry.action.startsWith('export.'));
    expect(actions.map((entry) => entry.action)).toEqual(['export.started', 'export.failed']);
    expect(actions[1]!.details).toMatchObject({ exportId: started.exportId, error: { message: CRASHED_JOB_MESSAGE } });

    const again = exports.restart({ exportId: started.exportId, actor: 'user' });
    expect(again.exportId).not.toBe(started.exportId);
    expect((await core.services.jobs.waitFor({ jobId: again.jobId })).state).toBe('succeeded');
    const restarted = exports.get({ exportId: again.exportId });
    expect(restarted).toMatchObject({ state: 'succeeded', options: listed!.options });
    expect(restarted.outputs.map((output) => output.kind)).toEqual(['master', 'master', 'working', 'still']);
    expect(exports.list({ caseId: first.caseId }).map((summary) => summary.state)).toEqual(['succeeded', 'failed']);
    await core.close();
  }, 60_000);
});

describe('a recording cut short', () => {
  it('still finishes, with the master copied as it is and the working copy flagged', async () => {
    const footage = tempDir();
    fs.cpSync(footageDir, footage, { recursive: true });
    const exportCase = await setupExportCase({ dataDir: tempDir(), footageDir: footage, overrides: { workingCopies: realWorkingCopies } });
    const { caseId, sourceId } = exportCase;
    // Into the second half of the second file, which is about to go.
    exportCase.core.services.review.addClips({ caseId, cameras: [{ sourceId, cameraKey: 'ch01' }], startMs: T0 + 30_000, endMs: T0 + 110_000, actor: 'user' });
    // The recorder overwrote the second file with half of it after the footage was checked.
    const damaged = path.join(footage, '2026-03-14', '001', 'dav', '14', '14.01.00-14.02.00[R][0@0][0].mp4');
    const bytes = fs.readFileSync(damaged);
    fs.writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));

    const started = exportCase.exports.start({ caseId: exportCase.caseId, options: DEFAULTS, actor: 'user' });
    const job = await exportCase.core.services.jobs.waitFor({ jobId: started.jobId });
    expect(job.state).toBe('succeeded');
    const summary = exportCase.exports.get({ exportId: started.exportId });
    const master = summary.outputs.find((output) => output.kind === 'master' && output.derivedFrom[0]!.endsWith('14.01.00-14.02.00[R][0@0][0].mp4'))!;
    expect(master).toMatchObject({ sha256: sha256OfFile(damaged), size: Math.floor(bytes.length / 2), status: 'ok' });
    expect(master.note).toContain('may have changed');
    const working = summary.outputs.filter((output) => output.kind === 'working');
    expect(working).toHaveLength(1);
    expect(working[0]!.status).toBe('incomplete');
    expect(working[0]!.note.length).toBeGreaterThan(20);
    const finished = exportCase.core.services.custody.list({ caseId: exportCase.caseId }).filter((entry) => entry.action === 'export.finished');
    expect(finished).toMatchObject([{ details: { incomplete: 1 } }]);
    await exportCase.core.close();
  });

  it('records a working copy ffmpeg could not make as missing, keeps the masters, and does not stop the export', async () => {
    const failing = {
      ...realWorkingCopies,
      makeWorkingCopy: () => Promise.reject(new AppError('media_failed', 'ffmpeg could not read 14.01.00-14.02.00[R][0@0][0].mp4: Invalid data found')),
    };
    const exportCase = await setupExportCase({ dataDir: tempDir(), footageDir, overrides: { workingCopies: failing } });
    await markClip(exportCase);
    const started = exportCase.exports.start({ caseId: exportCase.caseId, options: DEFAULTS, actor: 'user' });
    expect((await exportCase.core.services.jobs.waitFor({ jobId: started.jobId })).state).toBe('succeeded');
    const summary = exportCase.exports.get({ exportId: started.exportId });
    expect(summary.outputs.map((output) => [output.kind, output.status])).toEqual([
      ['master', 'ok'],
      ['master', 'ok'],
      ['working', 'incomplete'],
      ['still', 'ok'],
    ]);
    const missing = summary.outputs[2]!;
    expect(missing).toMatchObject({ path: '', size: 0, sha256: '' });
    expect(missing.note).toContain('No working copy of Camera 1, 14:00:30 to 14:01:30: ffmpeg could not read');
    expect(missing.note).toContain('masters folder');
    const folder = path.join(caseFolder(exportCase), 'exports', started.exportId);
    expect(filesUnder(folder).filter((file) => file.startsWith('working-copies/'))).toEqual([]);
    await exportCase.core.close();
  });

  it('fails with a plain message and leaves nothing when a recording has gone from the footage folder', async () => {
    const footage = tempDir();
    fs.cpSync(footageDir, footage, { recursive: true });
    const exportCase = await setupExportCase({ dataDir: tempDir(), footageDir: footage, overrides: { workingCopies: realWorkingCopies } });
    await markClip(exportCase);
    const before = filesUnder(caseFolder(exportCase));
    fs.rmSync(path.join(footage, '2026-03-14', '001', 'dav', '14', '14.01.00-14.02.00[R][0@0][0].mp4'));

    const started = exportCase.exports.start({ caseId: exportCase.caseId, options: DEFAULTS, actor: 'user' });
    const job = await exportCase.core.services.jobs.waitFor({ jobId: started.jobId });
    expect(job.state).toBe('failed');
    expect(job.error).toMatchObject({ code: 'not_found', message: expect.stringContaining('14.01.00-14.02.00[R][0@0][0].mp4 is no longer in the footage folder') as string });
    expect(exportCase.exports.get({ exportId: started.exportId })).toMatchObject({ state: 'failed', outputs: [] });
    expect(filesUnder(caseFolder(exportCase))).toEqual(before);
    expect(exportActions(exportCase)).toEqual(['export.started', 'export.failed']);
    await exportCase.core.close();
  });
});
