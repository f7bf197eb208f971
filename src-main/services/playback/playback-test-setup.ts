/** Small demo recorders for the playback tests and benchmark: real H.264 or HEVC MP4 files, scanned into a catalogue. */
import type { ScanSummary } from '../../../src-shared/domain/catalogue';
import type { LocalDateTime } from '../../../src-shared/domain/local-time';
import type { DemoVideoCodec } from '../../../src-shared/ffmpeg-args/demo-footage';
import type { AppCore } from '../../app-core';
import { generateDemoFootage } from '../catalogue/demo-nvr';
import { createMemoryLogger, type Logger } from '../logger';
import type { MediaTools } from '../media/binaries';

export const PLAYBACK_TEST_ZONE = 'Europe/London';
/** 14:00 on the recorder's clock; London is on GMT in early March, so this is 14:00 UTC. */
export const PLAYBACK_TEST_START: LocalDateTime = { year: 2026, month: 3, day: 4, hour: 14, minute: 0, second: 0 };
export const PLAYBACK_TEST_START_MS = Date.UTC(2026, 2, 4, 14, 0, 0);

/** One camera ("ch01"), one-minute files, as a Hikvision recorder copies them to USB (times in the names). */
export async function makeDemoRecorder(options: { dir: string; codec: DemoVideoCodec; minutes: number; tools: MediaTools; logger?: Logger }): Promise<void> {
  await generateDemoFootage({
    dir: options.dir,
    layout: 'hikvision-usb',
    cameras: 1,
    minutes: options.minutes,
    segmentMinutes: 1,
    start: PLAYBACK_TEST_START,
    codec: options.codec,
    timeZone: PLAYBACK_TEST_ZONE,
    tools: options.tools,
    logger: options.logger ?? createMemoryLogger(),
  });
}

/** Adds the folder, scans it and waits for the background check, as the app does; the camera to ask for. */
export async function addFootageFolder(options: { core: AppCore; dir: string }): Promise<{ sourceId: string; cameraKey: string }> {
  const { catalogue, jobs } = options.core.services;
  const source = catalogue.addSource({ caseId: null, rootPath: options.dir, timeZone: PLAYBACK_TEST_ZONE, actor: 'user' });
  const scan = await jobs.waitFor({ jobId: catalogue.startScan({ sourceId: source.id, actor: 'user' }).id });
  if (scan.state !== 'succeeded') throw new Error(`scan ${scan.state}: ${scan.error?.message ?? ''}`);
  const checkJobId = (scan.result as ScanSummary).checkJobId;
  if (checkJobId) {
    const check = await jobs.waitFor({ jobId: checkJobId });
    if (check.state !== 'succeeded') throw new Error(`check ${check.state}: ${check.error?.message ?? ''}`);
  }
  return { sourceId: source.id, cameraKey: 'ch01' };
}
