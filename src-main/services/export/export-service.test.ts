import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/helpers/temp-dir';
import { exportEstimateSchema, exportOptionsSchema, exportSummarySchema, type ExportOptions, type ExportSummary } from '../../../src-shared/domain/export';
import { AppError } from '../errors';
import { resolveMediaTools } from '../media/binaries';
import { probeMedia } from '../media/probe';
import { createMemoryLogger } from '../logger';
import type { JobSnapshot } from '../../../src-shared/domain/jobs';
import { NO_CLIPS_WARNING } from './export-estimate';
import { FINALIZING_PHASE } from './export-job';
import { outputsFingerprint } from './export-service';
import {
  FOOTAGE_START_MS as T0,
  filesUnder,
  makeDemoFootage,
  makeHevcFootage,
  realWorkingCopies,
  setupExportCase,
  sha256OfFile,
  type ExportCase,
} from './export-test-setup';

const tempDir = useTempDirs('handover-export-');
const tools = resolveMediaTools();
const DEFAULTS: ExportOptions = exportOptionsSchema.parse({});
let footageDir = '';
let hevcDir = '';

beforeAll(async () => {
  footageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'handover-export-footage-'));
  hevcDir = fs.mkdtempSync(path.join(os.tmpdir(), 'handover-export-hevc-'));
  await Promise.all([makeDemoFootage({ dir: footageDir, tools }), makeHevcFootage({ dir: hevcDir, tools })]);
}, 120_000);
afterAll(() => {
  fs.rmSync(footageDir, { recursive: true, force: true });
  fs.rmSync(hevcDir, { recursive: true, force: true });
});

/** Dahua SD names of the demo files: camera 001 is Till, 002 is Door, one file a minute from 14:00. */
function demoFile(dir: string, camera: '001' | '002', minute: 0 | 1): string {
  const name = minute === 0 ? '14.00.00-14.01.00[R][0@0][0].mp4' : '14.01.00-14.02.00[R][0@0][0].mp4';
  return path.join(dir, '2026-03-14', camera, 'dav', '14', name);
}

/** Till from 14:00:30 to 14:01:30 (across both its files), Door from 14:00:10 to 14:00:40, and a still of Till. */
async function markClips(exportCase: ExportCase): Promise<void> {
  const { core, caseId, sourceId } = exportCase;
  const { review } = core.services;
  review.addClips({ caseId, cameras: [{ sourceId, cameraKey: 'ch01' }], startMs: T0 + 30_000, endMs: T0 + 90_000, label: 'At the till', actor: 'user' });
  review.addClips({ caseId, cameras: [{ sourceId, cameraKey: 'ch02' }], startMs: T0 + 10_000, endMs: T0 + 40_000, actor: 'user' });
  await review.takeStill({ caseId, camera: { sourceId, cameraKey: 'ch01' }, atMs: T0 + 45_000, actor: 'user' });
}

async function runExport(exportCase: ExportCase, options: ExportOptions = DEFAULTS): Promise<ExportSummary> {
  const started = exportCase.exports.start({ caseId: exportCase.caseId, options, actor: 'user' });
  const job = await exportCase.core.services.jobs.waitFor({ jobId: started.jobId });
  if (job.state !== 'succeeded') throw new Error(`export ${job.state}: ${job.error?.message ?? ''}`);
  return exportSummarySchema.parse(exportCase.exports.get({ exportId: started.exportId }));
}

const exportFolder = (exportCase: ExportCase, exportId: string) => path.join(exportCase.dataDir, 'cases', exportCase.caseId, 'exports', exportId);

/** Top-level MP4 boxes in order ("ftyp", "moov", "mdat", …). */
function topLevelBoxes(file: string): string[] {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const header = Buffer.alloc(16);
    const boxes: string[] = [];
    for (let offset = 0; offset + 8 <= size; ) {
      fs.readSync(fd, header, 0, 16, offset);
      let boxSize = header.readUInt32BE(0);
      if (boxSize === 1) boxSize = Number(header.readBigUInt64BE(8));
      boxes.push(header.toString('latin1', 4, 8));
      if (boxSize < 8) break;
      offset += boxSize;
    }
    return boxes;
  } finally {
    fs.closeSync(fd);
  }
}

async function setup(overrides: Parameters<typeof setupExportCase>[0]['overrides'] = {}, footage = footageDir): Promise<ExportCase> {
  return setupExportCase({ dataDir: tempDir(), footageDir: footage, overrides: { workingCopies: realWorkingCopies, ...overrides } });
}

describe('estimate', () => {
  it('lists every master with its size, each working copy and each still, with totals', async () => {
    const exportCase = await setup();
    await markClips(exportCase);
    const estimate = exportEstimateSchema.parse(await exportCase.exports.estimate({ caseId: exportCase.caseId, options: DEFAULTS }));
    const masters = estimate.items.filter((item) => item.kind === 'master');
    expect(masters.map((item) => item.estimatedBytes)).toEqual(
      [demoFile(footageDir, '001', 0), demoFile(footageDir, '001', 1), demoFile(footageDir, '002', 0)].map((file) => fs.statSync(file).size),
    );
    expect(masters.every((item) => item.method === 'copy')).toBe(true);
    const working = estimate.items.filter((item) => item.kind === 'working');
    expect(working.map((item) => [item.description, item.method])).toEqual([
      ['Camera 1, 14:00:30 to 14:01:30 (At the till)', 'remux'],
      ['Camera 2, 14:00:10 to 14:00:40', 'remux'],
    ]);
    // Half of each Till file, and half of Door's first.
    expect(working[0]!.estimatedBytes).toBe(Math.round((masters[0]!.estimatedBytes! + masters[1]!.estimatedBytes!) / 2));
    const stills = estimate.items.filter((item) => item.kind === 'still');
    const [still] = exportCase.core.services.review.state({ caseId: exportCase.caseId }).stills;
    expect(stills.map((item) => item.estimatedBytes)).toEqual([still!.bytes]);
    expect(estimate.totalBytes).toBe(estimate.items.reduce((sum, item) => sum + item.estimatedBytes!, 0));
    expect(estimate.estimatedSeconds).toBeGreaterThan(0);
    expect(estimate.warnings).toEqual([]);
    expect(estimate.encoder).toMatch(/^(libx264|h264_\w+)$/);
    await exportCase.core.close();
  });

  it('says why a re-encode is needed, and warns when there is nothing to export', async () => {
    const exportCase = await setup();
    const empty = await exportCase.exports.estimate({ caseId: exportCase.caseId, options: DEFAULTS });
    expect(empty).toMatchObject({ items: [], totalBytes: 0, warnings: [NO_CLIPS_WARNING] });
    await markClips(exportCase);
    const captioned = await exportCase.exports.estimate({ caseId: exportCase.caseId, options: { ...DEFAULTS, caption: true } });
    const working = captioned.items.filter((item) => item.kind === 'working');
    expect(working.every((item) => item.method === 'reencode' && item.reason.length > 0)).toBe(true);
    await exportCase.core.close();
  });

  it('sees an HEVC camera needs a re-encode', async () => {
    const exportCase = await setup({}, hevcDir);
    exportCase.core.services.review.addClips({ caseId: exportCase.caseId, cameras: [{ sourceId: exportCase.sourceId, cameraKey: 'ch01' }], startMs: T0 + 5_000, endMs: T0 + 15_000, actor: 'user' });
    const estimate = await exportCase.exports.estimate({ caseId: exportCase.caseId, options: DEFAULTS });
    expect(estimate.items.find((item) => item.kind === 'working')).toMatchObject({ method: 'reencode', reason: expect.stringContaining('HEVC') as string });
    await exportCase.core.close();
  });
});

describe('export', () => {
  it('copies masters byte for byte, makes playable working copies and stills, all fingerprinted, with export.json last', async () => {
    const exportCase = await setup();
    await markClips(exportCase);
    const updates: JobSnapshot[] = [];
    exportCase.core.services.jobs.onUpdate((job) => updates.push(job));
    const summary = await runExport(exportCase);
    const folder = exportFolder(exportCase, summary.id);
    expect(summary.state).toBe('succeeded');

    // Progress only moves forward, and the last step shows as "finalizing" with everything else done, not as 99%.
    const ratios = updates.filter((job) => job.id === summary.jobId).map((job) => job.progress.ratio);
    expect(ratios).toEqual([...ratios].sort((a, b) => a - b));
    const finalizing = updates.find((job) => job.id === summary.jobId && job.state === 'finalizing');
    expect(finalizing?.progress).toMatchObject({ phase: FINALIZING_PHASE, ratio: expect.closeTo(1, 6) as number });

    const masters = summary.outputs.filter((output) => output.kind === 'master');
    expect(masters.map((output) => output.path)).toEqual([
      'masters/Camera 1/14.00.00-14.01.00[R][0@0][0].mp4',
      'masters/Camera 1/14.01.00-14.02.00[R][0@0][0].mp4',
      'masters/Camera 2/14.00.00-14.01.00[R][0@0][0].mp4',
    ]);
    for (const [index, source] of [demoFile(footageDir, '001', 0), demoFile(footageDir, '001', 1), demoFile(footageDir, '002', 0)].entries()) {
      const output = masters[index]!;
      const sourceHash = sha256OfFile(source);
      expect(output).toMatchObject({ sha256: sourceHash, sourceSha256: sourceHash, size: fs.statSync(source).size, method: 'copy', status: 'ok', part: null });
      expect(sha256OfFile(path.join(folder, output.path))).toBe(sourceHash);
    }

    const working = summary.outputs.filter((output) => output.kind === 'working');
    expect(working.map((output) => output.path)).toEqual(['working-copies/01-Camera 1-140030.mp4', 'working-copies/02-Camera 2-140010.mp4']);
    for (const output of working) {
      const file = path.join(folder, output.path);
      expect(output).toMatchObject({ method: 'remux', status: 'ok', size: fs.statSync(file).size, sha256: sha256OfFile(file) });
      expect(output.processing.length).toBeGreaterThan(0);
      const probe = await probeMedia({ ffprobe: tools.ffprobe, file, logger: createMemoryLogger() });
      const video = probe.streams.find((stream) => stream.codecType === 'video');
      expect(video).toMatchObject({ codecName: 'h264', pixFmt: 'yuv420p' });
      const boxes = topLevelBoxes(file);
      expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
      const clip = exportCase.core.services.review.state({ caseId: exportCase.caseId }).clips.find((candidate) => candidate.id === output.clipId)!;
      // Cut at the keyframe at or before the in-point: never shorter, and at most one GOP (2 s) longer.
      expect(probe.durationS!).toBeGreaterThan(clip.durationS - 0.5);
      expect(probe.durationS!).toBeLessThan(clip.durationS + 2.5);
      expect(output.startMs!).toBeLessThanOrEqual(clip.startMs + 250);
    }

    const [still] = summary.outputs.filter((output) => output.kind === 'still');
    // Named by the frame's own time, which is the frame on screen at 14:00:45.
    expect(still).toMatchObject({ path: expect.stringMatching(/^stills\/01-Camera 1-1400(44|45)\.png$/) as string, status: 'ok' });
    expect(sha256OfFile(path.join(folder, still!.path))).toBe(still!.sha256);
    expect(still!.sha256).toBe(still!.sourceSha256);

    const manifest = exportSummarySchema.parse(JSON.parse(fs.readFileSync(path.join(folder, 'export.json'), 'utf8')));
    expect(manifest.outputs).toEqual(summary.outputs);
    expect(filesUnder(folder)).toEqual([...summary.outputs.map((output) => output.path), 'export.json'].sort());
    expect(summary.totalBytes).toBe(summary.outputs.reduce((sum, output) => sum + output.size, 0));

    const entries = exportCase.core.services.custody.list({ caseId: exportCase.caseId }).filter((entry) => entry.action.startsWith('export.'));
    expect(entries.map((entry) => entry.action)).toEqual(['export.started', 'export.finished']);
    // Exported and fingerprinted: step 2 ticks itself.
    expect(exportCase.core.services.cases.get({ caseId: exportCase.caseId }).steps.find((step) => step.id === 'export')?.state).toBe('done');
    expect(entries[1]!.details).toMatchObject({
      exportId: summary.id,
      outputs: summary.outputs.length,
      totalBytes: summary.totalBytes,
      incomplete: 0,
      outputsSha256: outputsFingerprint(summary.outputs),
      exportJsonSha256: sha256OfFile(path.join(folder, 'export.json')),
    });
    expect(exportCase.exports.list({ caseId: exportCase.caseId })).toEqual([summary]);
    expect(exportCase.core.services.custody.verify()).toMatchObject({ ok: true });
    await exportCase.core.close();
  });

  it('re-encodes an HEVC camera into an H.264 working copy', async () => {
    const exportCase = await setup({}, hevcDir);
    exportCase.core.services.review.addClips({ caseId: exportCase.caseId, cameras: [{ sourceId: exportCase.sourceId, cameraKey: 'ch01' }], startMs: T0 + 5_000, endMs: T0 + 15_000, actor: 'user' });
    const summary = await runExport(exportCase);
    const [working] = summary.outputs.filter((output) => output.kind === 'working');
    expect(working).toMatchObject({ method: 'reencode', status: 'ok' });
    expect(working!.processing.some((step) => step.commandLine.includes('-c:v'))).toBe(true);
    const probe = await probeMedia({ ffprobe: tools.ffprobe, file: path.join(exportFolder(exportCase, summary.id), working!.path), logger: createMemoryLogger() });
    expect(probe.streams.find((stream) => stream.codecType === 'video')).toMatchObject({ codecName: 'h264', pixFmt: 'yuv420p' });
    await exportCase.core.close();
  });

  it('splits a master over the split size byte-wise, and records the whole file’s hash', async () => {
    const source = demoFile(footageDir, '002', 0);
    const splitBytes = Math.ceil(fs.statSync(source).size / 3);
    const exportCase = await setup({ splitBytes });
    exportCase.core.services.review.addClips({ caseId: exportCase.caseId, cameras: [{ sourceId: exportCase.sourceId, cameraKey: 'ch02' }], startMs: T0 + 10_000, endMs: T0 + 40_000, actor: 'user' });
    const summary = await runExport(exportCase);
    const folder = exportFolder(exportCase, summary.id);
    const parts = summary.outputs.filter((output) => output.kind === 'master');
    expect(parts.map((output) => [output.path, output.part])).toEqual([
      ['masters/Camera 2/14.00.00-14.01.00[R][0@0][0].mp4.001', { index: 1, count: 3 }],
      ['masters/Camera 2/14.00.00-14.01.00[R][0@0][0].mp4.002', { index: 2, count: 3 }],
      ['masters/Camera 2/14.00.00-14.01.00[R][0@0][0].mp4.003', { index: 3, count: 3 }],
    ]);
    const joined = Buffer.concat(parts.map((output) => fs.readFileSync(path.join(folder, output.path))));
    expect(joined.equals(fs.readFileSync(source))).toBe(true);
    const whole = sha256OfFile(source);
    for (const output of parts) {
      expect(output.size).toBeLessThanOrEqual(splitBytes);
      expect(output.sha256).toBe(sha256OfFile(path.join(folder, output.path)));
      expect(output.sourceSha256).toBe(whole);
      expect(output.note).toContain(whole);
      expect(output.note).toContain('copy /b');
    }
    // Working copies are split too, each part a playable file of at most the split size.
    for (const output of summary.outputs.filter((candidate) => candidate.kind === 'working')) {
      expect(fs.statSync(path.join(folder, output.path)).size).toBeLessThanOrEqual(splitBytes);
    }
    await exportCase.core.close();
  });

  it('makes trimmed masters by stream copy when asked, labelled as not byte-identical', async () => {
    const exportCase = await setup();
    exportCase.core.services.review.addClips({ caseId: exportCase.caseId, cameras: [{ sourceId: exportCase.sourceId, cameraKey: 'ch02' }], startMs: T0 + 10_000, endMs: T0 + 40_000, actor: 'user' });
    const summary = await runExport(exportCase, { ...DEFAULTS, masters: 'trimmed' });
    const [master] = summary.outputs.filter((output) => output.kind === 'master');
    expect(master).toMatchObject({ path: 'masters/Camera 2/01-14.00.00-14.01.00[R][0@0][0]-trimmed.mp4', method: 'remux', sourceSha256: null, status: 'ok' });
    expect(master!.note).toContain('not byte-identical');
    expect(master!.processing[0]!.commandLine).toContain('-c copy');
    const file = path.join(exportFolder(exportCase, summary.id), master!.path);
    expect(master!.sha256).toBe(sha256OfFile(file));
    const probe = await probeMedia({ ffprobe: tools.ffprobe, file, logger: createMemoryLogger() });
    expect(probe.durationS!).toBeGreaterThan(29);
    expect(probe.durationS!).toBeLessThan(33);
    await exportCase.core.close();
  });

  it('refuses to start without clips, and to restart a finished export', async () => {
    const exportCase = await setup();
    expect(() => exportCase.exports.start({ caseId: exportCase.caseId, options: DEFAULTS, actor: 'user' })).toThrow(new AppError('invalid_input', NO_CLIPS_WARNING));
    await markClips(exportCase);
    const summary = await runExport(exportCase);
    expect(() => exportCase.exports.restart({ exportId: summary.id, actor: 'user' })).toThrow(AppError);
    expect(() => exportCase.exports.get({ exportId: '00000000-0000-4000-8000-000000000000' })).toThrow(AppError);
    await exportCase.core.close();
  });
});
