/**
 * For the export tests: small real demo recorders (H.264 and HEVC), a case in a fresh data folder with the footage
 * added, scanned and checked, and an export service of its own so a test can pass a small split size or stand-ins
 * for the ffmpeg side.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createAppCore, type AppCore } from '../../app-core';
import { generateDemoFootage } from '../catalogue/demo-nvr';
import { AppError } from '../errors';
import { createMemoryLogger } from '../logger';
import type { MediaTools } from '../media/binaries';
import { addCaseWithFootage, TEST_ZONE } from '../review/review-test-setup';
import { createExportService, type ExportService, type ExportServiceOptions } from './export-service';
import type { WorkingCopyTools } from './export-working';
import { detectH264Encoder, makeWorkingCopy, splitWorkingCopy } from './working-copy';

export { FOOTAGE_START_MS, makeDemoFootage, MINUTE_MS } from '../review/review-test-setup';

/** One camera ("Till"), one minute in one file, HEVC in MP4 under Dahua SD names. */
export async function makeHevcFootage(options: { dir: string; tools: MediaTools }): Promise<string[]> {
  const { files } = await generateDemoFootage({
    dir: options.dir,
    layout: 'dahua-sd',
    cameras: 1,
    minutes: 1,
    segmentMinutes: 1,
    start: { year: 2026, month: 3, day: 14, hour: 14, minute: 0, second: 0 },
    codec: 'hevc',
    timeZone: TEST_ZONE,
    tools: options.tools,
    logger: createMemoryLogger(),
  });
  return files.map((file) => path.join(options.dir, ...file.relPath.split('/')));
}

export interface ExportCase {
  core: AppCore;
  exports: ExportService;
  caseId: string;
  sourceId: string;
  dataDir: string;
}

/** A case with the footage folder scanned and checked, and an export service built with `overrides`. */
export async function setupExportCase(options: { dataDir: string; footageDir: string; overrides?: Partial<ExportServiceOptions> }): Promise<ExportCase> {
  const core = createAppCore({ dataDir: options.dataDir, appVersion: 'test', logger: createMemoryLogger() });
  const { caseId, sourceId } = await addCaseWithFootage({ core, footageDir: options.footageDir });
  const exports = createExportService({ ...core.services, ...options.overrides });
  return { core, exports, caseId, sourceId, dataDir: options.dataDir };
}

export function sha256OfFile(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Every file under `dir`, hidden ones included, as '/'-separated relative paths, sorted. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** The real ffmpeg side, as the service uses it by default. */
export const realWorkingCopies: WorkingCopyTools = { makeWorkingCopy, splitWorkingCopy, detectH264Encoder };

/**
 * Working copies that never finish until the export is cancelled: holds an export in its working-copy phase, with
 * the masters already written, for the cancel and crash tests.
 */
export const hangingWorkingCopies: WorkingCopyTools = {
  ...realWorkingCopies,
  detectH264Encoder: () => Promise.resolve('libx264'),
  makeWorkingCopy: (request) =>
    new Promise((_resolve, reject) => {
      const stop = () => reject(new AppError('cancelled', 'Cancelled.'));
      if (request.signal.aborted) stop();
      request.signal.addEventListener('abort', stop, { once: true });
    }),
};

/**
 * Polls until the export (held by hangingWorkingCopies) has written `count` masters, finished and renamed, while its
 * job still runs; fails if the job ends first.
 */
export async function waitForMasters(options: { core: AppCore; jobId: string; exportDir: string; count: number; timeoutMs?: number }): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  for (;;) {
    const job = options.core.services.jobs.get({ jobId: options.jobId });
    if (['succeeded', 'failed', 'cancelled'].includes(job.state)) throw new Error(`job ended (${job.state}) before its masters were written: ${job.error?.message ?? ''}`);
    const masters = filesUnder(options.exportDir).filter((file) => file.startsWith('masters/'));
    if (masters.length === options.count && !masters.some((file) => file.endsWith('.partial'))) return;
    if (Date.now() > deadline) throw new Error(`the masters were not written in time (${masters.join(', ')})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
