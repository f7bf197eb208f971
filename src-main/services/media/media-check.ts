import path from 'node:path';
import { buildTestClipArgs } from '../../../src-shared/ffmpeg-args/test-clip';
import type { MediaCheckResult } from '../../../src-shared/domain/system';
import { AppError } from '../errors';
import type { JobContext } from '../jobs/job-manager';
import type { Logger } from '../logger';
import type { MediaTools } from './binaries';
import { probeMedia } from './probe';
import { runTool } from './runner';

const CHECK_CLIP = { durationS: 4, width: 640, height: 360, fps: 25 } as const;

/**
 * Proves this computer can make and read a police-playable video: encodes a short H.264 test pattern, then probes it.
 * Runs as a job so the person sees progress and can cancel; the test file is removed either way.
 */
export async function runMediaCheck(options: { ctx: JobContext; tools: MediaTools; logger: Logger }): Promise<MediaCheckResult> {
  const { ctx, tools, logger } = options;
  const outFile = path.join(ctx.workDir(), 'media-check.mp4');
  const started = Date.now();
  ctx.progress({ phase: 'Making a test video', ratio: 0 });
  await runTool({
    tool: tools.ffmpeg,
    args: buildTestClipArgs({ outFile, ...CHECK_CLIP }),
    logger,
    signal: ctx.signal,
    onProgress: (progress) => {
      if (progress.outTimeS !== null) ctx.progress({ phase: 'Making a test video', ratio: 0.9 * Math.min(1, progress.outTimeS / CHECK_CLIP.durationS) });
    },
  });
  const encodeSeconds = (Date.now() - started) / 1000;
  ctx.progress({ phase: 'Checking the test video', ratio: 0.9 });
  const probe = await probeMedia({ ffprobe: tools.ffprobe, file: outFile, logger, signal: ctx.signal });
  const video = probe.streams.find((stream) => stream.codecType === 'video');
  if (!video || video.codecName !== 'h264' || video.width === null || video.height === null || probe.durationS === null) {
    throw new AppError('media_failed', 'This computer made a test video that does not read back correctly. Reinstall Handover or check ffmpeg.');
  }
  return { codec: video.codecName, width: video.width, height: video.height, durationS: probe.durationS, encodeSeconds };
}
