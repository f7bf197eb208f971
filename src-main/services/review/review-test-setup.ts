/**
 * For the review tests: a small real demo recorder folder (made once per test file with ffmpeg), and a case in a fresh
 * data folder with that footage added, scanned and checked, served by the real services.
 */
import path from 'node:path';
import type { CheckSummary, ScanSummary } from '../../../src-shared/domain/catalogue';
import type { LocalDateTime } from '../../../src-shared/domain/local-time';
import { resolveRecorderLocalTime } from '../../../src-shared/domain/time';
import { createAppCore, type AppCore } from '../../app-core';
import { generateDemoFootage } from '../catalogue/demo-nvr';
import { createMemoryLogger, type Logger } from '../logger';
import type { MediaTools } from '../media/binaries';
import type { MediaServer } from '../playback/media-server';
import { createReviewService, type ReviewService, type ReviewServiceOptions } from './review-service';

export const TEST_ZONE = 'Europe/London';
/** Before the clocks change in March, so the recorder's wall clock reads as UTC. */
const START: LocalDateTime = { year: 2026, month: 3, day: 14, hour: 14, minute: 0, second: 0 };
/** True time of the first frame of every camera while the clock offset is 0. */
export const FOOTAGE_START_MS = resolveRecorderLocalTime({ local: START, timeZone: TEST_ZONE }).recorderInstantMs;
export const MINUTE_MS = 60_000;

/** Two cameras, two minutes each in one-minute files, Dahua SD layout: 4 files, 320×240 at 5 fps. */
export async function makeDemoFootage(options: { dir: string; tools: MediaTools; logger?: Logger }): Promise<string[]> {
  const { files } = await generateDemoFootage({
    dir: options.dir,
    layout: 'dahua-sd',
    cameras: 2,
    minutes: 2,
    segmentMinutes: 1,
    start: START,
    codec: 'h264',
    timeZone: TEST_ZONE,
    tools: options.tools,
    logger: options.logger ?? createMemoryLogger(),
  });
  return files.map((file) => path.join(options.dir, ...file.relPath.split('/')));
}

/** Stands in for the media server being built beside this: only URLs are needed here. */
export function fakeMediaServer(): MediaServer {
  return { urlForFile: ({ absPath }) => `/media/test-${path.basename(absPath)}`, handle: () => Promise.resolve(null), close() {} };
}

export interface ReviewCase {
  core: AppCore;
  review: ReviewService;
  caseId: string;
  sourceId: string;
}

/** Adds the footage folder to a new case, scans it and waits for the background check (file sizes). */
export async function addCaseWithFootage(options: { core: AppCore; footageDir: string; title?: string }): Promise<{ caseId: string; sourceId: string }> {
  const { cases, catalogue, jobs } = options.core.services;
  const created = cases.create({ title: options.title ?? 'Theft at the till', incidentType: 'theft', actor: 'user' });
  const source = catalogue.addSource({ caseId: created.id, rootPath: options.footageDir, timeZone: TEST_ZONE, actor: 'user' });
  const scan = await jobs.waitFor({ jobId: catalogue.startScan({ sourceId: source.id, actor: 'user' }).id });
  if (scan.state !== 'succeeded') throw new Error(`scan ${scan.state}: ${scan.error?.message ?? ''}`);
  const checkJobId = (scan.result as ScanSummary).checkJobId;
  if (checkJobId) {
    const check = await jobs.waitFor({ jobId: checkJobId });
    if (check.state !== 'succeeded' || (check.result as CheckSummary).sourceId !== source.id) throw new Error(`check ${check.state}`);
  }
  return { caseId: created.id, sourceId: source.id };
}

/** A fresh data folder and case; `overrides` swap in parts of the review service (tools, custody) to make it fail. */
export async function setupReviewCase(options: { dataDir: string; footageDir: string; overrides?: Partial<ReviewServiceOptions> }): Promise<ReviewCase> {
  const core = createAppCore({ dataDir: options.dataDir, appVersion: 'test', logger: createMemoryLogger() });
  const { caseId, sourceId } = await addCaseWithFootage({ core, footageDir: options.footageDir });
  const review = createReviewService({ ...core.services, media: fakeMediaServer(), ...options.overrides });
  return { core, review, caseId, sourceId };
}
