import fs from 'node:fs';
import path from 'node:path';
import type { DemoLayout, ScanSummary } from '../../../src-shared/domain/catalogue';
import type { DemoVideoCodec } from '../../../src-shared/ffmpeg-args/demo-footage';
import { stageContext, type JobContext } from '../jobs/job-manager';
import type { Logger } from '../logger';
import type { MediaTools } from '../media/binaries';
import { defaultDemoStart, generateDemoFootage } from './demo-nvr';
import type { LayoutId } from './layouts';
import { absoluteFromRelPath } from './rel-path';

export const DEMO_LAYOUT_IDS: Record<DemoLayout, LayoutId> = {
  dahua: 'dahua-sd',
  'dahua-usb': 'dahua-usb',
  'hikvision-usb': 'hikvision-usb',
  reolink: 'reolink-sd',
  frigate: 'frigate',
  generic: 'generic',
};

/** What "Try with demo footage" makes: four cameras, twenty minutes, five-minute files, as a small shop's recorder would. */
export const APP_DEMO_SET = { cameras: 4, minutes: 20, segmentMinutes: 5 } as const;

/**
 * Makes a demo recorder folder under the data folder, then hands it to `addAndScan` as if the person had chosen it.
 * One file of the second camera is left out, so the demo shows what a gap in the recording looks like.
 */
export async function runDemoSourceJob(options: {
  ctx: JobContext;
  dataDir: string;
  layout: DemoLayout;
  codec: DemoVideoCodec;
  timeZone: string;
  mediaTools: () => MediaTools;
  logger: Logger;
  addAndScan: (input: { ctx: JobContext; rootPath: string }) => Promise<ScanSummary>;
}): Promise<ScanSummary> {
  const { ctx, layout } = options;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = path.join(options.dataDir, 'demo-footage', `${layout}-${stamp}`);
  ctx.trackOutput(dir);
  ctx.progress({ phase: 'Making demo recordings', ratio: 0 });
  const { files } = await generateDemoFootage({
    dir,
    layout: DEMO_LAYOUT_IDS[layout],
    codec: options.codec,
    ...APP_DEMO_SET,
    start: defaultDemoStart({ nowMs: Date.now(), timeZone: options.timeZone }),
    timeZone: options.timeZone,
    tools: options.mediaTools(),
    logger: options.logger,
    signal: ctx.signal,
    onProgress: ({ ratio, filesWritten, filesTotal }) => ctx.progress({ phase: `Making demo recordings (${filesWritten} of ${filesTotal})`, ratio: 0.8 * ratio }),
  });
  const gapFile = files.filter((file) => file.cameraIndex === 2)[1];
  if (gapFile) fs.rmSync(absoluteFromRelPath(dir, gapFile.relPath));
  ctx.throwIfCancelled();
  const summary = await options.addAndScan({ ctx: stageContext({ ctx, from: 0.8, to: 1 }), rootPath: dir });
  ctx.keepOutput(dir);
  return summary;
}
